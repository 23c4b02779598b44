// Package conformance reads what the platform emits with tools nobody in
// the project wrote: an OpenAPI linter, a feed parser, the Nu HTML checker
// and a JSON Schema validator. scripts/test installs the outside tools and
// names them in environment variables; without one a test skips, except
// under CI=true, where it fails.
package conformance

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/db"
)

// The variables scripts/test sets.
const (
	RedoclyEnv    = "TEILHABE_REDOCLY"    // the redocly command of @redocly/cli
	FeedparserEnv = "TEILHABE_FEEDPARSER" // the folder of npm's feedparser package
	VNUEnv        = "TEILHABE_VNU"        // vnu.jar of npm's vnu-jar package
	LighthouseEnv = "TEILHABE_LIGHTHOUSE" // the lighthouse command of npm's lighthouse package
)

// Tool returns the path an environment variable names, and whether it
// exists. Without it the test skips, or fails under CI=true.
func Tool(t testing.TB, env, what string) string {
	t.Helper()
	path := os.Getenv(env)
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}
	missing(t, what+" ("+env+")")
	return ""
}

// Command returns the path of a program on PATH, with the same rule as Tool.
func Command(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		missing(t, name)
	}
	return path
}

func missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required under CI=true (scripts/test installs it)", what)
	}
	t.Skipf("%s missing; scripts/test installs it", what)
}

// Run runs a program and returns what it wrote to standard output and
// standard error, and how it exited.
func Run(t testing.TB, env []string, name string, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	cmd := exec.CommandContext(context.Background(), name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.Bytes(), errOut.Bytes(), err
}

// Demo boots the platform on a fresh database of the dialect with the demo
// content, as `teilhabe demo` shows it.
func Demo(t testing.TB, dialect db.Dialect) (*apptest.Env, *app.Demo) {
	t.Helper()
	e := apptest.New(t, dialect)
	demo, err := e.P.SeedDemoIfEmpty(context.Background())
	if err != nil || demo == nil {
		t.Fatalf("demo content: %v", err)
	}
	return e, demo
}
