package db_test

import (
	"os/exec"
	"strings"
	"testing"
)

// modernc.org/sqlite is C translated to Go against one exact modernc.org/libc;
// another libc version still compiles but can corrupt memory or data at run
// time. A dependency upgrade that moves either one must move both together.
func TestSQLiteDriverMatchesItsLibc(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"modernc.org/sqlite": "v1.60.1",
		"modernc.org/libc":   "v1.77.1",
	}
	got := linkedModules(t)
	for path, version := range want {
		if got[path] != version {
			t.Errorf("%s is %q, want %s: modernc.org/sqlite v1.60.1 is built for modernc.org/libc v1.77.1 exactly, "+
				"and a mismatched pair fails in obscure ways at run time. Restore both with "+
				"`go get modernc.org/sqlite@v1.60.1 modernc.org/libc@v1.77.1`, or upgrade both to the libc "+
				"that the new sqlite's go.mod requires and change this test with them.", path, got[path], version)
		}
	}
}

// linkedModules builds and runs a program that links the database package
// and reports, through runtime/debug.ReadBuildInfo, the versions of the
// modules in it: exactly what the server binary gets.
func linkedModules(t *testing.T) map[string]string {
	t.Helper()
	out, err := exec.Command("go", "run", "./testdata/buildinfo").Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go run ./testdata/buildinfo: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go run ./testdata/buildinfo: %v", err)
	}
	modules := map[string]string{}
	for line := range strings.Lines(string(out)) {
		if path, version, ok := strings.Cut(strings.TrimSpace(line), " "); ok {
			modules[path] = version
		}
	}
	return modules
}
