package mail_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/mail/mailtest"
	"teilhabe.org/teilhabe/internal/secrets"
)

// With STARTTLS required, a server that cannot encrypt gets no mail.
func TestStartTLSPolicyRefusesAPlainServer(t *testing.T) {
	srv := mailtest.Start(t)
	cfg := srv.Config()
	cfg.TLS = mail.TLSStartTLS
	s, err := mail.NewSMTPSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), mail.Rendered{To: "x@example.org", Subject: "s", Text: "secret"})
	if err == nil {
		t.Fatal("sent without TLS although TLS was required")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("server received %d mails", n)
	}
}

func TestMisconfiguredSenderKeepsMailQueued(t *testing.T) {
	srv := mailtest.Start(t)
	cfg := srv.Config()
	cfg.TLS = "sometimes"
	if cfg.Validate() == nil {
		t.Fatal("Validate accepted an unknown TLS policy")
	}
	s := mail.NewSender(cfg, quiet)
	if err := s.Send(context.Background(), mail.Rendered{To: "x@example.org", Subject: "s", Text: "t"}); err == nil {
		t.Error("a sender with an unusable configuration reported success")
	}
	cfg = srv.Config()
	cfg.From = ""
	if cfg.Validate() == nil {
		t.Error("Validate accepted a missing sender address")
	}
	if err := srv.Config().Validate(); err != nil {
		t.Errorf("the test server's configuration: %v", err)
	}
	if err := (mail.Config{}).Validate(); err != nil {
		t.Errorf("no SMTP at all is valid (mail goes to the log): %v", err)
	}
}

// The log sender writes what a mail says but not the secrets of its links.
func TestLogSenderCutsOutSecrets(t *testing.T) {
	var logged bytes.Buffer
	s := mail.NewLogSender(slog.New(slog.NewTextHandler(&logged, nil)))
	secret, _ := secrets.New()
	text := "Neues Passwort: https://example.org/password/reset/" + secret + "\n"
	if err := s.Send(context.Background(), mail.Rendered{To: "x@example.org", Subject: "Passwort", Text: text}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logged.String(), secret) || !strings.Contains(logged.String(), "/password/reset/…") {
		t.Errorf("logged:\n%s", logged.String())
	}
}
