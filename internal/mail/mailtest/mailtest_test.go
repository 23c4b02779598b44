package mailtest_test

import (
	"context"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/mail/mailtest"
)

func send(t *testing.T, s *mail.SMTPSender, to, text string) {
	t.Helper()
	err := s.Send(context.Background(), mail.Rendered{To: to, Subject: "Grüße", Text: text, HTML: "<p>" + text + "</p>"})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWaitForReturnsEachMailOnceInOrder(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := mail.NewSMTPSender(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	send(t, s, "someone@example.org", "Bitte bestätigen: https://teilhabe.test/verify/one\nDanke")
	send(t, s, "other@example.org", "Nicht für dich: https://teilhabe.test/reset/other")
	send(t, s, "Someone@Example.org", "Neues Passwort: https://teilhabe.test/reset/two")

	first := srv.WaitFor(t, "someone@example.org", time.Second)
	if u := first.FirstURL("https://teilhabe.test/verify/"); u != "https://teilhabe.test/verify/one" {
		t.Errorf("first mail's link %q", u)
	}
	if first.Subject != "Grüße" || first.HTML != "<p>"+first.Text+"</p>" {
		t.Errorf("first mail subject %q, html %q, text %q", first.Subject, first.HTML, first.Text)
	}
	second := srv.WaitFor(t, "someone@example.org", time.Second)
	if u := second.FirstURL("https://teilhabe.test/reset/"); u != "https://teilhabe.test/reset/two" {
		t.Errorf("second mail's link %q", u)
	}
	if u := second.FirstURL("https://teilhabe.test/verify/"); u != "" {
		t.Errorf("FirstURL found %q where there is none", u)
	}
	if n := len(srv.Messages()); n != 3 {
		t.Errorf("Messages holds %d, want 3", n)
	}
}

func TestWaitForWaitsForLateMail(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := mail.NewSMTPSender(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	defer func() { <-done }() // the SMTP reply comes after the server stored the mail
	go func() {
		defer close(done)
		time.Sleep(50 * time.Millisecond)
		if err := s.Send(context.Background(), mail.Rendered{To: "late@example.org", Subject: "s", Text: "spät"}); err != nil {
			t.Error(err)
		}
	}()
	if m := srv.WaitFor(t, "late@example.org", 5*time.Second); m.Text != "spät" {
		t.Errorf("text %q", m.Text)
	}
}
