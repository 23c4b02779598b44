package clientip

import (
	"net/http/httptest"
	"testing"
)

// FuzzParse: a list of trusted proxies is refused or prints back to a list
// that parses to the same set.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "127.0.0.1", "10.0.0.0/8, ::1", "fe80::1%eth0", "1.2.3.4/33", "::ffff:10.0.0.1", "x", ",,", "2001:db8::/129"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, list string) {
		tr, err := Parse(list)
		if err != nil {
			return
		}
		again, err := Parse(tr.String())
		if err != nil || again.String() != tr.String() {
			t.Fatalf("Parse(%q) prints as %q, which reads back as %q (%v)", list, tr.String(), again.String(), err)
		}
	})
}

// FuzzClientIP: whatever forwarding headers a client sends, the address
// found is a valid one, and without trusted proxies it is always the peer.
func FuzzClientIP(f *testing.F) {
	for _, s := range []string{"", "1.2.3.4", "1.2.3.4, 10.0.0.1", "unknown", "[::1]:80", "for=1.2.3.4", "1.2.3.4,,,", "\xff"} {
		f.Add(s, "10.0.0.0/8")
	}
	f.Fuzz(func(t *testing.T, forwarded, trusted string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "10.1.2.3:4567"
		r.Header.Set("X-Forwarded-For", forwarded)
		none, _ := Parse("")
		if got := none.ClientIP(r); got.String() != "10.1.2.3" {
			t.Fatalf("without trusted proxies, X-Forwarded-For %q gave %v", forwarded, got)
		}
		tr, err := Parse(trusted)
		if err != nil {
			return
		}
		if got := tr.ClientIP(r); !got.IsValid() {
			t.Fatalf("X-Forwarded-For %q behind %q gave an invalid address", forwarded, trusted)
		}
	})
}
