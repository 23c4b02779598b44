// Command buildinfo prints the module versions linked into a binary that uses
// the database package, one "path version" a line. Test binaries carry no
// dependency list in their build information, so the test builds this.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	_ "teilhabe.org/teilhabe/internal/db"
)

func main() {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(os.Stderr, "no build information in this binary")
		os.Exit(1)
	}
	for _, m := range info.Deps {
		if m.Replace != nil {
			m = m.Replace
		}
		fmt.Println(m.Path, m.Version)
	}
}
