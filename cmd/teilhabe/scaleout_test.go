package main

import (
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// TestTwoServersShareSessions starts two real `teilhabe serve` processes on
// one PostgreSQL database, as behind a load balancer: a person logs in on
// one and carries on on the other.
func TestTwoServersShareSessions(t *testing.T) {
	dbURL := dbtest.NewPostgresDatabase(t)
	bin := filepath.Join(t.TempDir(), "teilhabe")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "DATABASE_URL="+dbURL)

	create := exec.Command(bin, "user", "create", "--email", "sabine@example.org", "--name", "Sabine")
	create.Env = env
	create.Stdin = strings.NewReader("a long password\n")
	if out, err := create.CombinedOutput(); err != nil {
		t.Fatalf("user create: %v\n%s", err, out)
	}

	a := startServer(t, bin, env)
	b := startServer(t, bin, env)

	jar, _ := cookiejar.New(nil) // cookies are per host, not port: both servers get them
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res := post(t, client, a, "/login", url.Values{"email": {"sabine@example.org"}, "password": {"a long password"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login on the first server: %d", res.StatusCode)
	}
	page := get(t, client, b+"/settings")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("the second server does not know the session: %d", page.StatusCode)
	}
	res = post(t, client, b, "/settings/profile", url.Values{"name": {"Sabine K."}, "lang": {"en"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a change on the second server: %d", res.StatusCode)
	}
	if res := post(t, client, a, "/logout", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout on the first server: %d", res.StatusCode)
	}
	if res := get(t, client, b+"/settings"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("logged out on one server, still in on the other: %d", res.StatusCode)
	}
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return "127.0.0.1:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// startServer runs `teilhabe serve`, waits until it is ready, and stops it
// with SIGTERM at the end, expecting a clean exit.
func startServer(t *testing.T, bin string, env []string) string {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "--addr", addr)
	cmd.Env = env
	logs, _ := os.Create(filepath.Join(t.TempDir(), "server.log"))
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server %s did not stop cleanly: %v", addr, err)
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Errorf("server %s did not stop within 20 s", addr)
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	b, _ := os.ReadFile(logs.Name())
	t.Fatalf("server on %s not ready:\n%s", addr, b)
	return ""
}

func get(t *testing.T, c *http.Client, u string) *http.Response {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func post(t *testing.T, c *http.Client, base, path string, form url.Values) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}
