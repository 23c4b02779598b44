package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

func runCmd(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestUserCreateFromStdin(t *testing.T) {
	data := t.TempDir()
	out, err := runCmd(t, "a long password\na long password\n", "user", "create", "--data", data,
		"--email", "Katrin@Example.org", "--name", "Katrin", "--role", "coordinator")
	if err != nil {
		t.Fatalf("user create: %v\n%s", err, out)
	}
	if !strings.Contains(out, "created katrin@example.org (Katrin) with role coordinator") {
		t.Errorf("output: %s", out)
	}
	if out, err := runCmd(t, "another password\nnot the same\n", "user", "create", "--data", data,
		"--email", "x@example.org", "--name", "X"); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("mismatched second line accepted: %v %s", err, out)
	}
	if _, err := runCmd(t, "short\n", "user", "create", "--data", data, "--email", "y@example.org", "--name", "Y"); err == nil ||
		!strings.Contains(err.Error(), "at least 10 characters") {
		t.Errorf("short password: %v", err)
	}
	if _, err := runCmd(t, "a long password\n", "user", "create", "--data", data, "--email", "katrin@example.org", "--name", "K"); err == nil ||
		!strings.Contains(err.Error(), "already in use") {
		t.Errorf("duplicate address: %v", err)
	}
	if _, err := runCmd(t, "", "user", "create", "--data", data); err == nil {
		t.Error("missing flags accepted")
	}
}

func TestMigrateAndBackup(t *testing.T) {
	data := t.TempDir()
	out, err := runCmd(t, "", "migrate", "--data", data)
	if err != nil || !strings.Contains(out, "migrations applied") {
		t.Fatalf("migrate: %v %s", err, out)
	}
	if out, _ := runCmd(t, "", "migrate", "--data", data); !strings.Contains(out, "0 migrations applied") {
		t.Errorf("second migrate applied something: %s", out)
	}
	runCmd(t, "a long password\n", "user", "create", "--data", data, "--email", "a@example.org", "--name", "A")
	file := filepath.Join(t.TempDir(), "snapshot.db")
	if out, err := runCmd(t, "", "backup", "--data", data, file); err != nil {
		t.Fatalf("backup: %v %s", err, out)
	}
	snap, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	var n int
	if err := snap.QueryRow("SELECT count(*) FROM users").Scan(&n); err != nil || n != 1 {
		t.Errorf("snapshot users: %d %v", n, err)
	}
	if _, err := runCmd(t, "", "backup", "--data", data, file); err == nil {
		t.Error("backup overwrote an existing file")
	}
	if _, err := runCmd(t, "", "backup", "--database-url", "postgres://x@127.0.0.1/none", file+"2"); err == nil ||
		!strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("backup on PostgreSQL: %v", err)
	}
	if _, err := os.Stat(file + "2"); err == nil {
		t.Error("backup on PostgreSQL wrote a file")
	}
}

func TestUsage(t *testing.T) {
	if _, err := runCmd(t, "", "frobnicate"); err == nil {
		t.Error("unknown command accepted")
	}
	if _, err := runCmd(t, ""); err == nil {
		t.Error("no command accepted")
	}
}
