package mail

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"teilhabe.org/teilhabe/internal/secrets"
)

// Sender delivers one rendered mail.
type Sender interface {
	Send(ctx context.Context, m Rendered) error
}

// Ways a mail can leave, as recorded in mail_outbox.delivered_via.
const (
	ViaSMTP = "smtp"
	ViaLog  = "log"
)

// via tells how a sender delivers; senders that do not say are taken to
// speak SMTP.
func via(s Sender) string {
	if v, ok := s.(interface{ Via() string }); ok {
		return v.Via()
	}
	return ViaSMTP
}

// TLS policies for Config.TLS.
const (
	TLSNone     = "none"     // plain text; only for a server on the same machine or in tests
	TLSStartTLS = "starttls" // upgrade with STARTTLS, refuse if the server cannot (port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
)

// Config says how to reach the SMTP server. An empty Host means no server:
// mail is written to the log instead.
type Config struct {
	Host     string
	Port     int    // 0 picks the usual port of the TLS policy
	Username string // empty: no authentication
	Password string
	From     string // e.g. "teilhabe <noreply@example.org>"
	TLS      string // TLSNone, TLSStartTLS or TLSImplicit; empty means TLSStartTLS
}

// Validate reports a configuration that cannot work, so a server can refuse
// to start instead of queueing mail it will never deliver.
func (c Config) Validate() error {
	if c.Host == "" {
		return nil
	}
	switch c.TLS {
	case "", TLSNone, TLSStartTLS, TLSImplicit:
	default:
		return fmt.Errorf("mail TLS policy %q is none of %q, %q, %q", c.TLS, TLSNone, TLSStartTLS, TLSImplicit)
	}
	if c.Port < 0 || c.Port > 65535 {
		return fmt.Errorf("mail port %d is out of range", c.Port)
	}
	if _, err := netmail.ParseAddress(c.From); err != nil {
		return fmt.Errorf("mail sender address %q: %w", c.From, err)
	}
	return nil
}

// NewSender returns an SMTP sender when cfg names a host and a LogSender
// otherwise. A configuration that Validate rejects gives a sender whose every
// delivery fails with that error, so the mail stays queued and the problem
// shows in the log and the admin area.
func NewSender(cfg Config, log *slog.Logger) Sender {
	if cfg.Host == "" {
		return NewLogSender(log)
	}
	s, err := NewSMTPSender(cfg)
	if err != nil {
		orDefault(log).Error("mail: SMTP configuration unusable; mail stays queued", "error", err)
		return misconfigured{err}
	}
	return s
}

type misconfigured struct{ err error }

func (m misconfigured) Send(context.Context, Rendered) error { return m.err }

// SMTPSender delivers over SMTP, one connection per mail.
type SMTPSender struct {
	client *gomail.Client
	from   string
	domain string // of the sender address, for Message-IDs
}

// sendTimeout bounds one SMTP conversation; it is well below the claim's
// lease, so a slow server cannot make a second worker send the same mail.
const sendTimeout = time.Minute

// NewSMTPSender checks cfg and prepares a client.
func NewSMTPSender(cfg Config) (*SMTPSender, error) {
	if cfg.Host == "" {
		return nil, fmt.Errorf("mail: no SMTP host configured")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	opts := []gomail.Option{gomail.WithTimeout(sendTimeout)}
	switch cfg.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS), gomail.WithPort(portOr(cfg.Port, gomail.DefaultPort)))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL(), gomail.WithPort(portOr(cfg.Port, gomail.DefaultPortSSL)))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory), gomail.WithPort(portOr(cfg.Port, gomail.DefaultPortTLS)))
	}
	if cfg.Username != "" {
		// Auto-discovery never sends a password in the clear: without TLS
		// it only picks challenge-response mechanisms.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	client, err := gomail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP client: %w", err)
	}
	from, _ := netmail.ParseAddress(cfg.From) // checked by Validate
	_, domain, _ := strings.Cut(from.Address, "@")
	return &SMTPSender{client: client, from: cfg.From, domain: domain}, nil
}

func portOr(port, usual int) int {
	if port == 0 {
		return usual
	}
	return port
}

// Via names the delivery route for the outbox.
func (*SMTPSender) Via() string { return ViaSMTP }

// Send delivers m as multipart/alternative with a text and an HTML part.
func (s *SMTPSender) Send(ctx context.Context, m Rendered) error {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("sender address: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("recipient address: %w", err)
	}
	msg.Subject(m.Subject)
	if m.ID != "" {
		// The same id on a repeated delivery lets mail programs drop the copy.
		msg.SetMessageIDWithValue(m.ID + "@" + s.domain)
	}
	msg.SetDate()
	// Tells vacation responders not to answer (RFC 3834).
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	if m.ListUnsubscribe != "" {
		// One click in the mail program stops the mails (RFC 8058).
		msg.SetGenHeader(gomail.Header("List-Unsubscribe"), "<"+m.ListUnsubscribe+">")
		msg.SetGenHeader(gomail.Header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click")
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	if a := m.Attachment; a != nil {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.Type))); err != nil {
			return fmt.Errorf("attachment: %w", err)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	return s.client.DialAndSendWithContext(ctx, msg)
}

// LogSender writes mail to the log instead of sending it, so a server
// without SMTP (a demo, a laptop) still shows what would have gone out;
// the secrets of links are cut out (secrets.Redact), since logs travel
// further than mail does.
type LogSender struct{ log *slog.Logger }

// NewLogSender writes to log (slog.Default when nil).
func NewLogSender(log *slog.Logger) *LogSender { return &LogSender{log: orDefault(log)} }

// Via names the delivery route for the outbox.
func (*LogSender) Via() string { return ViaLog }

// Send logs m's address, subject and redacted text.
func (s *LogSender) Send(ctx context.Context, m Rendered) error {
	s.log.InfoContext(ctx, "mail written to the log (no SMTP server configured)",
		"id", m.ID, "to", m.To, "subject", secrets.Redact(m.Subject), "text", secrets.Redact(m.Text))
	return nil
}

func orDefault(log *slog.Logger) *slog.Logger {
	if log == nil {
		return slog.Default()
	}
	return log
}
