// Package mailtest runs a real SMTP server on loopback inside a test, so
// tests see mail exactly as a mail server would receive it and can follow
// the links in it (verification, password reset, ...).
package mailtest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	smtp "github.com/emersion/go-smtp"

	"teilhabe.org/teilhabe/internal/mail"
)

// From is the sender address in Config.
const From = "teilhabe <noreply@teilhabe.test>"

// Message is one mail as the server received it.
type Message struct {
	From    string   // envelope sender
	To      []string // envelope recipients
	Raw     []byte   // the data exactly as transmitted
	Header  netmail.Header
	Subject string // decoded
	Text    string // the text/plain part, decoded
	HTML    string // the text/html part, decoded
	// Attachments are the parts sent as attachments, decoded.
	Attachments []Attachment
}

// Attachment is a file a mail carried.
type Attachment struct {
	Name, Type string
	Data       []byte
}

// FirstURL returns the first URL in the text part that starts with prefix,
// up to the next white space, quote or angle bracket, or "" when there is
// none. The text part prints each link on a line of its own.
func (m Message) FirstURL(prefix string) string {
	i := strings.Index(m.Text, prefix)
	if i < 0 || prefix == "" {
		return ""
	}
	rest := m.Text[i:]
	if end := strings.IndexFunc(rest, endsURL); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

func endsURL(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '<' || r == '>' || r == '"'
}

// Server is an SMTP server collecting what it receives.
type Server struct {
	addr *net.TCPAddr

	mu       sync.Mutex
	messages []Message
	taken    map[int]bool    // messages WaitFor has returned
	rejected map[string]bool // lower-case recipients refused at RCPT TO
	arrived  chan struct{}   // closed and replaced on each delivery
}

// Start runs a server on 127.0.0.1 on a free port until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s := &Server{
		addr:     l.Addr().(*net.TCPAddr),
		taken:    map[int]bool{},
		rejected: map[string]bool{},
		arrived:  make(chan struct{}),
	}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{server: s}, nil
	}))
	srv.Domain = "localhost"
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.ErrorLog = log.New(io.Discard, "", 0) // refused recipients are expected, not news
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

// Config points a mail.SMTPSender at this server, without TLS.
func (s *Server) Config() mail.Config {
	return mail.Config{Host: s.addr.IP.String(), Port: s.addr.Port, From: From, TLS: mail.TLSNone}
}

// Reject makes the server refuse addr as a recipient (550) until Accept.
func (s *Server) Reject(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejected[strings.ToLower(addr)] = true
}

// Accept undoes Reject.
func (s *Server) Accept(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.rejected, strings.ToLower(addr))
}

// Messages returns everything received so far, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// WaitFor returns the oldest message to the address that no earlier WaitFor
// returned, waiting up to timeout for it; it fails the test when none comes.
// So a test can wait for a first mail, then for a second one to the same
// person.
func (s *Server) WaitFor(t testing.TB, to string, timeout time.Duration) Message {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		m, arrived, ok := s.take(to)
		if ok {
			return m
		}
		select {
		case <-arrived:
		case <-deadline.C:
			t.Fatalf("mailtest: no mail to %s within %v (%d received in all)", to, timeout, len(s.Messages()))
			return Message{}
		}
	}
}

func (s *Server) take(to string) (Message, <-chan struct{}, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, m := range s.messages {
		if s.taken[i] {
			continue
		}
		for _, rcpt := range m.To {
			if strings.EqualFold(rcpt, to) {
				s.taken[i] = true
				return m, nil, true
			}
		}
	}
	return Message{}, s.arrived, false
}

func (s *Server) isRejected(addr string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rejected[strings.ToLower(addr)]
}

func (s *Server) add(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// session is one SMTP conversation.
type session struct {
	server *Server
	from   string
	to     []string
}

func (c *session) Mail(from string, _ *smtp.MailOptions) error {
	c.from = from
	return nil
}

func (c *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if c.server.isRejected(to) {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unavailable"}
	}
	c.to = append(c.to, to)
	return nil
}

func (c *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := parse(raw)
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "unparsable message: " + err.Error()}
	}
	m.From, m.To = c.from, append([]string(nil), c.to...)
	c.server.add(m)
	return nil
}

func (c *session) Reset() { c.from, c.to = "", nil }

func (c *session) Logout() error { return nil }

// parse reads the header and the text and HTML parts of a mail.
func parse(raw []byte) (Message, error) {
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, err
	}
	m := Message{Raw: raw, Header: msg.Header}
	if m.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return Message{}, fmt.Errorf("subject: %w", err)
	}
	err = collectParts(&m, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	return m, err
}

// collectParts walks nested multiparts and keeps the first text/plain and
// text/html part.
func collectParts(m *Message, contentType, encoding string, body io.Reader) error {
	if contentType == "" {
		contentType = "text/plain"
	}
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		parts := multipart.NewReader(body, params["boundary"])
		for {
			p, err := parts.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if _, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
				b, err := io.ReadAll(decode(p.Header.Get("Content-Transfer-Encoding"), p))
				if err != nil {
					return fmt.Errorf("attachment: %w", err)
				}
				typ, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
				m.Attachments = append(m.Attachments, Attachment{Name: params["filename"], Type: typ, Data: b})
				continue
			}
			if err := collectParts(m, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p); err != nil {
				return err
			}
		}
	}
	b, err := io.ReadAll(decode(encoding, body))
	if err != nil {
		return fmt.Errorf("%s part: %w", mediaType, err)
	}
	switch {
	case mediaType == "text/plain" && m.Text == "":
		m.Text = string(b)
	case mediaType == "text/html" && m.HTML == "":
		m.HTML = string(b)
	}
	return nil
}

func decode(encoding string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, r) // skips line breaks itself
	}
	return r
}
