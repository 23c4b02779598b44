package loadgen_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/loadgen"
)

// TestRunKeepsAndChecksTheLedger plays a few members and visitors against
// the whole platform on each database: every write the server acknowledged
// is in the ledger and in the database, nothing failed, and the check
// notices a write that disappears afterwards.
func TestRunKeepsAndChecksTheLedger(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		ctx := t.Context()
		if _, err := e.P.SeedDemoIfEmpty(ctx); err != nil {
			t.Fatal(err)
		}
		var members []loadgen.Account
		for i := range 4 {
			email := fmt.Sprintf("member%d@example.org", i)
			if _, err := e.P.Accounts.CreateVerified(ctx, email, fmt.Sprintf("Person %d", i), apptest.Password, "de", auth.Member); err != nil {
				t.Fatal(err)
			}
			members = append(members, loadgen.Account{Email: email, Password: apptest.Password})
		}
		var ledger bytes.Buffer
		res, err := loadgen.Run(ctx, loadgen.Config{BaseURL: e.URL, Members: members, Visitors: 2,
			Duration: 4 * time.Second, Think: 10 * time.Millisecond, WriteShare: 0.5, Seed: 7, Ledger: &ledger})
		if err != nil {
			t.Fatal(err)
		}
		var report strings.Builder
		res.Print(&report, nil, 0)
		t.Log("\n" + report.String())

		for _, kind := range []string{loadgen.KindListing, loadgen.KindResponse, loadgen.KindConversation, loadgen.KindMessage} {
			if res.Writes[kind] == 0 {
				t.Errorf("no %s was acknowledged", kind)
			}
		}
		if len(res.Failures) > 0 {
			t.Errorf("%d requests failed, the first: %+v", len(res.Failures), res.Failures[0])
		}
		for outcome, n := range res.Outcomes {
			if strings.HasPrefix(outcome, "unexpected") || strings.HasPrefix(outcome, "acknowledged without") {
				t.Errorf("%d requests: %s", n, outcome)
			}
		}

		writes, err := loadgen.ReadLedger(&ledger)
		if err != nil {
			t.Fatal(err)
		}
		if len(writes) != len(res.Ledger) {
			t.Fatalf("the ledger file holds %d writes, the run acknowledged %d", len(writes), len(res.Ledger))
		}
		v, err := loadgen.Verify(ctx, e.P.DB, writes, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !v.OK() {
			var out strings.Builder
			v.Print(&out)
			t.Fatalf("acknowledged writes are missing:\n%s", out.String())
		}

		// A snapshot taken at the end of the first write holds nothing sent
		// later, and the live database is no such snapshot.
		last := writes[len(writes)-1]
		v, err = loadgen.Verify(ctx, e.P.DB, writes, &loadgen.Snapshot{Start: writes[0].Acked.Add(time.Nanosecond), End: writes[0].Acked})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(v.Unexpected, last) {
			t.Errorf("the last write, sent after the snapshot, was not reported present: %d others were", len(v.Unexpected))
		}

		var lost loadgen.Write
		for _, w := range writes {
			if w.Kind == loadgen.KindMessage {
				lost = w
			}
		}
		if _, err := e.P.DB.ExecContext(ctx, "DELETE FROM conversation_messages WHERE id = $1", lost.ID); err != nil {
			t.Fatal(err)
		}
		v, err = loadgen.Verify(ctx, e.P.DB, writes, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Missing) != 1 || v.Missing[0] != lost {
			t.Errorf("a deleted message was not reported lost: %+v", v.Missing)
		}
	})
}

// TestStepsWriteWithManyAccounts measures with fewer workers than members:
// the members log in beforehand, and the writes come from more accounts
// than there are workers, so per-account limits do not bound a step.
func TestStepsWriteWithManyAccounts(t *testing.T) {
	e := apptest.New(t, "sqlite")
	ctx := t.Context()
	var members []loadgen.Account
	for i := range 12 {
		email := fmt.Sprintf("worker%d@example.org", i)
		if _, err := e.P.Accounts.CreateVerified(ctx, email, fmt.Sprintf("Person %d", i), apptest.Password, "de", auth.Member); err != nil {
			t.Fatal(err)
		}
		members = append(members, loadgen.Account{Email: email, Password: apptest.Password})
	}
	l, err := loadgen.New(loadgen.Config{BaseURL: e.URL, Members: members, WriteShare: 0.5, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if n := l.LogIn(ctx, 3); n != len(members) {
		t.Fatalf("%d of %d members logged in", n, len(members))
	}
	res, err := l.Step(ctx, 3, 3*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if res.Users != 3 || res.Requests == 0 || len(res.Failures) > 0 {
		t.Fatalf("%d workers made %d requests, %d failed", res.Users, res.Requests, len(res.Failures))
	}
	if res.Latency["write:login"] != nil {
		t.Errorf("members logged in again during the step: %d times", len(res.Latency["write:login"]))
	}
	writers := map[string]bool{}
	for _, w := range res.Ledger {
		writers[w.User] = true
	}
	if len(writers) <= 3 {
		t.Errorf("the writes came from %d accounts, no more than the workers", len(writers))
	}
}

func TestOnlyLoopbackIsLoaded(t *testing.T) {
	for _, base := range []string{"http://127.0.0.1:8080", "http://127.0.0.2", "http://[::1]:9000", "http://localhost:8080", "https://localhost"} {
		if _, err := loadgen.CheckLoopback(base); err != nil {
			t.Errorf("%s refused: %v", base, err)
		}
	}
	for _, base := range []string{"http://example.org", "http://10.0.0.1:8080", "http://[2001:db8::1]", "http://0.0.0.0:8080",
		"ftp://127.0.0.1", "http://127.0.0.1.example.org", "127.0.0.1:8080"} {
		if _, err := loadgen.CheckLoopback(base); err == nil {
			t.Errorf("%s accepted", base)
		}
	}
	_, err := loadgen.Run(t.Context(), loadgen.Config{BaseURL: "http://192.0.2.1", Visitors: 1, Duration: time.Second})
	if err == nil {
		t.Error("a run against a documentation address started")
	}
}

// TestSlowAnswersAreNoFailures: a request without an answer in time is
// reported, but it tells of a crowded machine, not of a failure.
func TestSlowAnswersAreNoFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	res, err := loadgen.Run(t.Context(), loadgen.Config{BaseURL: srv.URL, Visitors: 1, Duration: 500 * time.Millisecond, Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failures) == 0 || !res.Failures[0].TimedOut {
		t.Fatalf("failures: %+v", res.Failures)
	}
	if inside, outside := loadgen.SplitFailures(res.Failures, nil, 0); len(inside)+len(outside) > 0 {
		t.Errorf("timeouts counted as failures: %d", len(outside))
	}
}

func TestFaultWindows(t *testing.T) {
	log := "# drill\nkill-app2 start 1000.5\nkill-app2 end 1003\npostgres-restart start 1010\n"
	windows, err := loadgen.ReadFaults(strings.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	if len(windows) != 2 || windows[0].Name != "kill-app2" || !windows[0].Start.Equal(time.Unix(1000, 5e8)) {
		t.Fatalf("windows: %+v", windows)
	}
	at := func(s float64) loadgen.Failure {
		return loadgen.Failure{At: time.Unix(0, int64(s*1e9)), Took: 100 * time.Millisecond}
	}
	slow := at(998)
	slow.TimedOut = true
	failures := []loadgen.Failure{at(999), at(1000.45), at(1001), at(1004.5), at(1006), at(1500), slow}
	inside, outside := loadgen.SplitFailures(failures, windows, 2*time.Second)
	if len(inside) != 4 || len(outside) != 2 || outside[0] != failures[0] || outside[1] != failures[4] {
		t.Errorf("inside %v, outside %v", inside, outside)
	}
	for _, bad := range []string{"x start\n", "x stop 1\n", "x end 5\n", "x start soon\n"} {
		if _, err := loadgen.ReadFaults(strings.NewReader(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 200; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 100 * time.Millisecond, 95: 190 * time.Millisecond, 99: 198 * time.Millisecond, 100: 200 * time.Millisecond} {
		if got := loadgen.Percentile(ds, p); got != want {
			t.Errorf("p%v = %s, want %s", p, got, want)
		}
	}
	if got := loadgen.Percentile(nil, 50); got != 0 {
		t.Errorf("percentile of nothing: %s", got)
	}
}
