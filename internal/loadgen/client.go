package loadgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// CheckLoopback refuses a base URL that does not name this machine: the
// load generator is a weapon against whatever it points at, so it only
// ever points at loopback.
func CheckLoopback(base string) (*url.URL, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("base URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("base URL %q: want http:// or https://", base)
	}
	host := u.Hostname()
	if host == "localhost" {
		return u, nil
	}
	a, err := netip.ParseAddr(host)
	if err != nil || !a.Unmap().IsLoopback() {
		return nil, fmt.Errorf("base URL %q: only loopback addresses (127.0.0.0/8, ::1, localhost) may be loaded", base)
	}
	return u, nil
}

// loopbackOnly is a dialer control that refuses every address but
// loopback, so neither a redirect nor a name lookup can lead elsewhere.
func loopbackOnly(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return err
	}
	if !ap.Addr().Unmap().IsLoopback() {
		return fmt.Errorf("refusing to connect to %s: not a loopback address", address)
	}
	return nil
}

// newTransport is shared by all users, as one machine's connections are.
func newTransport(conns int) *http.Transport {
	d := &net.Dialer{Timeout: 5 * time.Second, Control: loopbackOnly}
	return &http.Transport{
		DialContext:         d.DialContext,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     90 * time.Second,
	}
}

// client is one person's browser: its own cookies, language and address.
type client struct {
	run       *run // its recorder takes every request
	origin    string
	http      *http.Client
	lang      string
	forwarded string // X-Forwarded-For, when the server trusts it
}

func newClient(r *run, t http.RoundTripper, lang, forwarded string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{
		run:    r,
		origin: r.base.Scheme + "://" + r.base.Host,
		http: &http.Client{Transport: t, Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // redirects are followed by hand, as their target is a request of its own
		}},
		lang: lang, forwarded: forwarded,
	}
}

// answer is what came back from one request.
type answer struct {
	status   int
	location string
	body     []byte
	err      error
	outcome  string
}

// expect says which statuses are success for a request; anything else in
// the 4xx range is an outcome of its own, 5xx and broken connections are
// failures.
type expect func(status int, location string) bool

func statusIs(codes ...int) expect {
	return func(s int, _ string) bool {
		for _, c := range codes {
			if s == c {
				return true
			}
		}
		return false
	}
}

// do sends one request, reads the whole answer and records it under class.
func (c *client) do(ctx context.Context, class, method, path string, body io.Reader, contentType string, ok expect) answer {
	ctx, cancel := context.WithTimeout(ctx, c.run.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, c.origin+path, body)
	if err != nil {
		return answer{err: err}
	}
	req.Header.Set("User-Agent", "teilhabe-load/1")
	req.Header.Set("Accept-Language", c.lang)
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Accept", "application/json")
	} else {
		req.Header.Set("Accept", "text/html")
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method != http.MethodGet && method != http.MethodHead {
		// What a browser sends with a form of the same site; the server's
		// cross-origin protection refuses state changes without it.
		req.Header.Set("Origin", c.origin)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if c.forwarded != "" {
		req.Header.Set("X-Forwarded-For", c.forwarded)
	}
	start := time.Now()
	res, err := c.http.Do(req)
	var a answer
	requestID := ""
	if err == nil {
		a.status, a.location, requestID = res.StatusCode, res.Header.Get("Location"), res.Header.Get("X-Request-Id")
		a.body, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	took := time.Since(start)
	a.err = err
	var failure *Failure
	switch {
	case err != nil && ctx.Err() == context.DeadlineExceeded:
		// Slow, not broken: on a crowded machine an answer may take longer
		// than the client waits, which says nothing about what survived.
		a.outcome = outcomeTimeout
		failure = &Failure{At: start, Took: took, Class: class, Detail: "no answer in time", TimedOut: true}
	case err != nil:
		a.outcome = outcomeTransport
		failure = &Failure{At: start, Took: took, Class: class, Detail: errText(err)}
	case a.status >= 500:
		a.outcome = fmt.Sprintf("server error (%d)", a.status)
		failure = &Failure{At: start, Took: took, Class: class, Status: a.status, Detail: snippet(a.body)}
		if requestID != "" {
			failure.Detail = "request " + requestID + ": " + failure.Detail
		}
	case ok(a.status, a.location):
		a.outcome = outcomeOK
	case a.status == http.StatusUnauthorized || a.status == http.StatusSeeOther && strings.HasPrefix(a.location, "/login"):
		a.outcome = outcomeLoggedOut
	case a.status == http.StatusTooManyRequests:
		a.outcome = outcomeRateLimited
	case a.status == http.StatusConflict:
		a.outcome = outcomeConflict
	case a.status == http.StatusNotFound:
		a.outcome = outcomeNotFound
	case a.status == http.StatusForbidden:
		a.outcome = outcomeForbidden
	default:
		a.outcome = fmt.Sprintf("unexpected %d", a.status)
	}
	c.run.rec.record(class, start, took, a.outcome, failure)
	return a
}

func (c *client) get(ctx context.Context, class, path string) answer {
	return c.do(ctx, class, http.MethodGet, path, nil, "", statusIs(http.StatusOK))
}

func (c *client) postForm(ctx context.Context, class, path string, form url.Values, ok expect) answer {
	return c.do(ctx, class, http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", ok)
}

func (c *client) postJSON(ctx context.Context, class, path string, body []byte) answer {
	return c.do(ctx, class, http.MethodPost, path, bytes.NewReader(body), "application/json", statusIs(http.StatusCreated, http.StatusOK))
}

// errText shortens a transport error to its cause, which is what tells a
// refused connection from one closed before the answer.
func errText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Op + ": " + op.Err.Error()
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "connection closed before the answer"
	}
	return err.Error()
}

// snippet is the gist of an error answer: a page's title, or the start of
// a problem document or text.
func snippet(b []byte) string {
	s := string(b)
	if _, after, ok := strings.Cut(s, "<title>"); ok {
		s, _, _ = strings.Cut(after, "</title>")
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
