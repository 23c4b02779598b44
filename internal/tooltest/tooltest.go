// Package tooltest finds the outside programs that tests read the
// platform's output with (zbarimg for QR codes, pdftotext for PDFs, node
// for npm tools): tools nobody in the project wrote. Without one a test
// skips, except under CI=true, where the test command has installed it and
// its absence is a failure.
package tooltest

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// Command returns the path of the program name, which the Debian package
// pkg provides.
func Command(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" (Debian package "+pkg+") is not installed")
	}
	return path
}

// Missing skips the test because something it needs is not there, or
// fails it under CI=true.
func Missing(t testing.TB, what string) {
	t.Helper()
	if CI() {
		t.Fatalf("required under CI=true: %s; scripts/test installs it", what)
	}
	t.Skipf("skipped: %s; scripts/test installs it", what)
}

// CI tells whether the tests run under CI=true.
func CI() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}
