package browsertest

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// Requests returns the URL of every request the tab has made since it
// opened, in order: documents, styles, images, fonts, scripts, fetches and
// web sockets.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.requests)
}

// ThirdPartyRequests returns the URLs, each once, that the tab requested
// from another host than allowedHost. allowedHost is a host as in a URL
// ("127.0.0.1:8080"); without a port it allows every port of that host name.
// An empty allowedHost means the host of the current page. data:, blob: and
// about: URLs never leave the browser, so they are allowed.
func (p *Page) ThirdPartyRequests(allowedHost string) []string {
	p.t.Helper()
	if allowedHost == "" {
		allowedHost = hostOf(p.URL())
	}
	var foreign []string
	for _, raw := range p.Requests() {
		// The browser may fetch one URL twice (a preload, a retry); name it once.
		if !isLocalTo(raw, allowedHost) && !slices.Contains(foreign, raw) {
			foreign = append(foreign, raw)
		}
	}
	return foreign
}

// CheckNoThirdPartyRequests fails t when the tab has requested anything from
// another host than allowedHost (see ThirdPartyRequests): a page of the
// platform must not tell a CDN, a font service or a tracker who reads it.
func (p *Page) CheckNoThirdPartyRequests(t testing.TB, allowedHost string) {
	t.Helper()
	page := p.currentURL()
	if allowedHost == "" {
		allowedHost = hostOf(page)
	}
	foreign := p.ThirdPartyRequests(allowedHost)
	if len(foreign) == 0 {
		return
	}
	t.Errorf("third-party requests: the tab at %s requested %d resource(s) from hosts other than %s:\n  %s",
		page, len(foreign), allowedHost, strings.Join(foreign, "\n  "))
}

// isLocalTo reports whether a request to raw stays with allowedHost.
func isLocalTo(raw, allowedHost string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	}
	if strings.Contains(allowedHost, ":") {
		return u.Host == allowedHost
	}
	return u.Hostname() == allowedHost
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Sprintf("(unparsable URL %q)", raw)
	}
	return u.Host
}
