package mail_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/mail/mailtest"
)

var (
	sets  = []db.Migrations{mail.Migrations()}
	start = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	quiet = slog.New(slog.DiscardHandler)
)

const waitForMail = 5 * time.Second

func smtpSender(t *testing.T, srv *mailtest.Server) *mail.SMTPSender {
	t.Helper()
	s, err := mail.NewSMTPSender(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// meeting lets the first sender wait for a second one.
type meeting struct {
	mu      sync.Mutex
	arrived int
	both    chan struct{}
}

func (m *meeting) arrive() {
	m.mu.Lock()
	m.arrived++
	if m.arrived == 2 {
		close(m.both)
	}
	m.mu.Unlock()
	select {
	case <-m.both:
	case <-time.After(10 * time.Second): // a lone worker still finishes
	}
}

// meetingSender is an SMTP sender whose first send waits at the meeting.
type meetingSender struct {
	*mail.SMTPSender
	meet *meeting
	once sync.Once
}

func (s *meetingSender) Send(ctx context.Context, r mail.Rendered) error {
	s.once.Do(s.meet.arrive)
	return s.SMTPSender.Send(ctx, r)
}

func message(to, subject string) mail.Message {
	return mail.Message{
		To:      to,
		Lang:    "de",
		Subject: subject,
		Body: mail.Body{
			Greeting:   "Hallo,",
			Paragraphs: []string{"bitte bestätige deine Adresse."},
			Action:     &mail.Action{Label: "Bestätigen", URL: "https://teilhabe.test/verify/" + subject},
		},
	}
}

// enqueue commits one mail on its own.
func enqueue(t *testing.T, d *db.DB, m mail.Message, now time.Time) {
	t.Helper()
	err := d.Tx(context.Background(), func(tx *sql.Tx) error {
		return mail.Enqueue(context.Background(), tx, m, now)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func deliverDue(t *testing.T, w *mail.Worker) int {
	t.Helper()
	n, err := w.DeliverDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func only(t *testing.T, d *db.DB) mail.Entry {
	t.Helper()
	entries, err := mail.Recent(context.Background(), d, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("outbox holds %d rows, want 1", len(entries))
	}
	return entries[0]
}

func TestOutbox(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		t.Run("rolled back mail is never sent", func(t *testing.T) { rolledBack(t, d) })
		t.Run("committed mail goes out once with both parts", func(t *testing.T) { deliveredOnce(t, d) })
		t.Run("refused mail is retried with back-off and given up", func(t *testing.T) { givenUp(t, d) })
		t.Run("refused mail goes out once the server accepts", func(t *testing.T) { recovers(t, d) })
		t.Run("a crashed worker's claim expires", func(t *testing.T) { crashedClaim(t, d) })
		t.Run("without SMTP mail is logged", func(t *testing.T) { logged(t, d) })
		t.Run("forgetting a recipient keeps pending mail", func(t *testing.T) { forget(t, d) })
	})
}

func clearOutbox(t *testing.T, d *db.DB) {
	t.Helper()
	if _, err := d.ExecContext(context.Background(), "DELETE FROM mail_outbox"); err != nil {
		t.Fatal(err)
	}
}

func rolledBack(t *testing.T, d *db.DB) {
	clearOutbox(t, d)
	srv := mailtest.Start(t)
	clk := clock.NewFake(start)
	abort := errors.New("the change failed")
	err := d.Tx(context.Background(), func(tx *sql.Tx) error {
		if err := mail.Enqueue(context.Background(), tx, message("rolled@example.org", "rollback"), clk.Now()); err != nil {
			return err
		}
		return abort
	})
	if !errors.Is(err, abort) {
		t.Fatalf("transaction: %v", err)
	}
	if n := deliverDue(t, mail.NewWorker(d, smtpSender(t, srv), clk, quiet)); n != 0 {
		t.Errorf("sent %d, want 0", n)
	}
	if got := srv.Messages(); len(got) != 0 {
		t.Errorf("server received %d mails from a rolled back transaction", len(got))
	}
	if entries, _ := mail.Recent(context.Background(), d, 10); len(entries) != 0 {
		t.Errorf("outbox holds %d rows after rollback", len(entries))
	}
}

func deliveredOnce(t *testing.T, d *db.DB) {
	clearOutbox(t, d)
	srv := mailtest.Start(t)
	clk := clock.NewFake(start)
	subject := "تأكيد عنوان بريدك الإلكتروني في منصة المشاركة" // long enough to need several encoded words
	m := mail.Message{
		To: "amira@example.org", Lang: "ar", Subject: subject,
		Body: mail.Body{
			Greeting:   "مرحبا أميرة،",
			Paragraphs: []string{"شكرا لتسجيلك."},
			Action:     &mail.Action{Label: "تأكيد", URL: "https://teilhabe.test/verify?token=abc123"},
		},
	}
	enqueue(t, d, m, clk.Now())
	w := mail.NewWorker(d, smtpSender(t, srv), clk, quiet)
	if n := deliverDue(t, w); n != 1 {
		t.Fatalf("sent %d, want 1", n)
	}
	got := srv.WaitFor(t, "amira@example.org", waitForMail)
	if got.Subject != subject {
		t.Errorf("subject %q, want %q", got.Subject, subject)
	}
	if rawSubject := got.Header.Get("Subject"); !strings.HasPrefix(rawSubject, "=?UTF-8?") {
		t.Errorf("subject travelled unencoded: %q", rawSubject)
	}
	if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative") {
		t.Errorf("Content-Type %q, want multipart/alternative", ct)
	}
	if !strings.Contains(got.Text, "شكرا لتسجيلك.") || !strings.Contains(got.Text, "تأكيد: https://teilhabe.test/verify?token=abc123") {
		t.Errorf("text part:\n%s", got.Text)
	}
	if !strings.Contains(got.HTML, `<html lang="ar" dir="rtl">`) || !strings.Contains(got.HTML, `href="https://teilhabe.test/verify?token=abc123"`) {
		t.Errorf("HTML part:\n%s", got.HTML)
	}
	if u := got.FirstURL("https://teilhabe.test/verify"); u != "https://teilhabe.test/verify?token=abc123" {
		t.Errorf("FirstURL = %q", u)
	}
	if got.From != "noreply@teilhabe.test" || got.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("envelope sender %q, Auto-Submitted %q", got.From, got.Header.Get("Auto-Submitted"))
	}
	e := only(t, d)
	if e.Status != mail.Sent || e.Attempts != 1 || !e.SentAt.Equal(clk.Now()) {
		t.Errorf("entry %+v, want sent at %v after 1 attempt", e, clk.Now())
	}
	if !strings.Contains(got.Header.Get("Message-Id"), e.ID) {
		t.Errorf("Message-ID %q does not carry the outbox id %s", got.Header.Get("Message-Id"), e.ID)
	}

	clk.Advance(24 * time.Hour)
	if n := deliverDue(t, w); n != 0 {
		t.Errorf("second run sent %d, want 0", n)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server received %d mails, want 1", n)
	}
}

// refused queues one mail to addr on an empty outbox, behind an SMTP
// server that refuses addr for now.
func refused(t *testing.T, d *db.DB, addr, subject string) (*mailtest.Server, *clock.Fake, *mail.Worker) {
	clearOutbox(t, d)
	srv := mailtest.Start(t)
	srv.Reject(addr)
	clk := clock.NewFake(start)
	enqueue(t, d, message(addr, subject), clk.Now())
	return srv, clk, mail.NewWorker(d, smtpSender(t, srv), clk, quiet)
}

func givenUp(t *testing.T, d *db.DB) {
	srv, clk, w := refused(t, d, "gone@example.org", "refused")
	for attempt := 1; attempt <= mail.MaxAttempts; attempt++ {
		if n := deliverDue(t, w); n != 0 {
			t.Fatalf("attempt %d: sent %d to a refused recipient", attempt, n)
		}
		e := only(t, d)
		if e.Attempts != attempt || !strings.Contains(e.LastError, "550") {
			t.Fatalf("attempt %d: entry shows %d attempts, last error %q", attempt, e.Attempts, e.LastError)
		}
		if attempt == mail.MaxAttempts {
			if e.Status != mail.Failed || !e.FailedAt.Equal(clk.Now()) {
				t.Fatalf("after %d attempts: status %s, failed at %v", attempt, e.Status, e.FailedAt)
			}
			break
		}
		wantNext := clk.Now().Add(mail.RetryDelay(attempt))
		if e.Status != mail.Queued || !e.NextAttemptAt.Equal(wantNext) {
			t.Fatalf("attempt %d: status %s, next attempt %v, want queued for %v", attempt, e.Status, e.NextAttemptAt, wantNext)
		}
		// Not before its time.
		clk.Advance(mail.RetryDelay(attempt) - time.Second)
		deliverDue(t, w)
		if e := only(t, d); e.Attempts != attempt {
			t.Fatalf("retried %v early", time.Second)
		}
		clk.Advance(time.Second)
	}
	clk.Advance(7 * 24 * time.Hour)
	deliverDue(t, w)
	if e := only(t, d); e.Attempts != mail.MaxAttempts || e.Status != mail.Failed {
		t.Errorf("given up mail was tried again: %+v", e)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("server received %d mails", n)
	}
}

func recovers(t *testing.T, d *db.DB) {
	srv, clk, w := refused(t, d, "later@example.org", "later")
	deliverDue(t, w)
	srv.Accept("later@example.org")
	clk.Advance(mail.RetryDelay(1))
	if n := deliverDue(t, w); n != 1 {
		t.Fatalf("sent %d on the retry, want 1", n)
	}
	srv.WaitFor(t, "later@example.org", waitForMail)
	if e := only(t, d); e.Status != mail.Sent || e.Attempts != 2 {
		t.Errorf("entry %+v, want sent after 2 attempts", e)
	}
}

// crashedClaim plays a server that claimed a mail and died before it could
// record anything: the mail waits out the lease, then goes out once.
func crashedClaim(t *testing.T, d *db.DB) {
	clearOutbox(t, d)
	srv := mailtest.Start(t)
	clk := clock.NewFake(start)
	enqueue(t, d, message("patient@example.org", "patient"), clk.Now())
	_, err := d.ExecContext(context.Background(),
		"UPDATE mail_outbox SET attempts = attempts + 1, locked_until = $1", clk.Now().Add(5*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	w := mail.NewWorker(d, smtpSender(t, srv), clk, quiet)
	clk.Advance(4 * time.Minute)
	if n := deliverDue(t, w); n != 0 {
		t.Fatalf("sent %d while another worker's claim held", n)
	}
	clk.Advance(time.Minute)
	if n := deliverDue(t, w); n != 1 {
		t.Fatalf("sent %d after the claim expired, want 1", n)
	}
	srv.WaitFor(t, "patient@example.org", waitForMail)
	if e := only(t, d); e.Status != mail.Sent || e.Attempts != 2 {
		t.Errorf("entry %+v, want sent on attempt 2", e)
	}
}

func logged(t *testing.T, d *db.DB) {
	clearOutbox(t, d)
	var logs bytes.Buffer
	sender := mail.NewSender(mail.Config{}, slog.New(slog.NewTextHandler(&logs, nil)))
	clk := clock.NewFake(start)
	enqueue(t, d, message("offline@example.org", "offline"), clk.Now())
	if n := deliverDue(t, mail.NewWorker(d, sender, clk, quiet)); n != 1 {
		t.Fatalf("logged %d, want 1", n)
	}
	if !strings.Contains(logs.String(), "https://teilhabe.test/verify/offline") {
		t.Errorf("log lacks the link:\n%s", logs.String())
	}
	e := only(t, d)
	if e.Status != mail.Logged || e.To != "offline@example.org" || e.Subject != "offline" || !strings.Contains(e.Text, "Bestätigen: https://teilhabe.test/verify/offline") {
		t.Errorf("entry %+v", e)
	}
	var via string
	if err := d.QueryRowContext(context.Background(), "SELECT delivered_via FROM mail_outbox").Scan(&via); err != nil || via != "log" {
		t.Errorf("delivered_via %q (%v), want log", via, err)
	}
}

func forget(t *testing.T, d *db.DB) {
	clearOutbox(t, d)
	ctx := context.Background()
	srv := mailtest.Start(t)
	clk := clock.NewFake(start)
	w := mail.NewWorker(d, smtpSender(t, srv), clk, quiet)
	enqueue(t, d, message("Leaving@Example.org", "sent"), clk.Now())
	enqueue(t, d, message("staying@example.org", "other"), clk.Now())
	deliverDue(t, w)
	enqueue(t, d, message("leaving@example.org", "pending"), clk.Now())

	if err := mail.ForgetRecipient(ctx, d, "leaving@example.ORG"); err != nil {
		t.Fatal(err)
	}
	entries, err := mail.Recent(ctx, d, 10)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Subject+"/"+string(e.Status))
	}
	if got := strings.Join(left, " "); got != "pending/queued other/sent" {
		t.Errorf("after forgetting: %s, want the pending mail and the other person's", got)
	}
	if n := deliverDue(t, w); n != 1 {
		t.Errorf("pending mail to the forgotten address: sent %d, want 1", n)
	}

	clk.Advance(31 * 24 * time.Hour)
	enqueue(t, d, message("new@example.org", "new"), clk.Now())
	purged, err := mail.PurgeBefore(ctx, d, clk.Now().Add(-30*24*time.Hour))
	if err != nil || purged != 2 {
		t.Errorf("purged %d (%v), want the 2 delivered old mails", purged, err)
	}
	if e := only(t, d); e.Subject != "new" {
		t.Errorf("purge left %q", e.Subject)
	}
}

func TestTwoServersSendEachMailOnce(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			a, b := dbtest.OpenTwice(t, dialect, sets)
			srv := mailtest.Start(t)
			clk := clock.NewFake(start)
			const mails = 90
			for i := range mails {
				enqueue(t, a, message(fmt.Sprintf("p%02d@example.org", i), fmt.Sprintf("m%02d", i)), clk.Now())
			}
			// Each worker's first send waits until a second worker sends too,
			// so two servers hold claims at the same time by design rather
			// than by the scheduler's luck.
			meet := &meeting{both: make(chan struct{})}
			sender := func() *meetingSender { return &meetingSender{SMTPSender: smtpSender(t, srv), meet: meet} }
			workers := []*mail.Worker{
				mail.NewWorker(a, sender(), clk, quiet), mail.NewWorker(a, sender(), clk, quiet),
				mail.NewWorker(b, sender(), clk, quiet), mail.NewWorker(b, sender(), clk, quiet),
			}
			sent := make([]int, len(workers))
			var wg sync.WaitGroup
			for i, w := range workers {
				wg.Go(func() {
					for range 3 {
						n, err := w.DeliverDue(context.Background())
						if err != nil {
							t.Error(err)
						}
						sent[i] += n
					}
				})
			}
			wg.Wait()
			total := 0
			for _, n := range sent {
				total += n
			}
			if total != mails {
				t.Errorf("workers report %v sent, %d in all, want %d", sent, total, mails)
			}
			perRecipient := map[string]int{}
			for _, m := range srv.Messages() {
				perRecipient[m.To[0]]++
			}
			for i := range mails {
				if n := perRecipient[fmt.Sprintf("p%02d@example.org", i)]; n != 1 {
					t.Errorf("p%02d received %d copies", i, n)
				}
			}
			busy := 0
			for _, n := range sent {
				if n > 0 {
					busy++
				}
			}
			t.Logf("%s: mails per worker %v", dialect, sent)
			if dialect == db.Postgres && busy < 2 {
				t.Errorf("only one worker sent anything (%v): the claims did not overlap", sent)
			}
		})
	}
}
