package clientip

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		list, want string
	}{
		{"", ""},
		{"  ", ""},
		{"10.0.0.0/8", "10.0.0.0/8"},
		{"10.1.2.3/8", "10.0.0.0/8"},
		{"192.0.2.7", "192.0.2.7/32"},
		{" 10.0.0.0/8 , 192.0.2.7,fd00::/8 ,2001:db8::1 ", "10.0.0.0/8,192.0.2.7/32,fd00::/8,2001:db8::1/128"},
		{"::ffff:192.0.2.7", "192.0.2.7/32"},
		{"::ffff:10.0.0.0/104", "10.0.0.0/8"},
		{"10.0.0.0/8,,", "10.0.0.0/8"},
	} {
		got, err := Parse(c.list)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.list, err)
			continue
		}
		if got.String() != c.want {
			t.Errorf("Parse(%q) = %q, want %q", c.list, got, c.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example.org", "10.0.0", "fe80::1%eth0", "10.0.0.1:80", "10.0.0.0/8, x"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestClientIP(t *testing.T) {
	trusted, err := Parse("10.0.0.0/8, 192.0.2.10, 2001:db8:ffff::/48")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		trusted Trusted
		remote  string
		xff     []string
		want    string
	}{
		{name: "direct client", trusted: trusted, remote: "203.0.113.5:51234", want: "203.0.113.5"},
		{name: "untrusted peer cannot forward", trusted: trusted, remote: "203.0.113.5:51234",
			xff: []string{"198.51.100.1"}, want: "203.0.113.5"},
		{name: "nobody trusted ignores the header", trusted: Trusted{}, remote: "10.0.0.2:80",
			xff: []string{"198.51.100.1"}, want: "10.0.0.2"},
		{name: "one proxy", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"198.51.100.1"}, want: "198.51.100.1"},
		{name: "two proxies", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"198.51.100.1, 192.0.2.10"}, want: "198.51.100.1"},
		{name: "spoofed entry on the left is ignored", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"1.2.3.4, 198.51.100.1"}, want: "198.51.100.1"},
		{name: "spoofed trusted address on the left is ignored", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"10.9.9.9, 198.51.100.1"}, want: "198.51.100.1"},
		{name: "spoofed header line before the proxy's line", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"1.2.3.4", "198.51.100.1"}, want: "198.51.100.1"},
		{name: "garbage on the left is ignored", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"<script>, unknown, 198.51.100.1"}, want: "198.51.100.1"},
		{name: "garbage at the proxy's place stops at the proxy", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"1.2.3.4, not-an-ip"}, want: "10.0.0.2"},
		{name: "empty entry stops at the last trusted hop", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"1.2.3.4, , 192.0.2.10"}, want: "192.0.2.10"},
		{name: "all hops trusted: leftmost", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"10.5.5.5, 192.0.2.10"}, want: "10.5.5.5"},
		{name: "trusted peer without header", trusted: trusted, remote: "10.0.0.2:80", want: "10.0.0.2"},
		{name: "ipv6 client through ipv6 proxy", trusted: trusted, remote: "[2001:db8:ffff::2]:443",
			xff: []string{"2001:db8:1::7"}, want: "2001:db8:1::7"},
		{name: "ipv6 entry with port", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"[2001:db8:1::7]:5555"}, want: "2001:db8:1::7"},
		{name: "ipv4 entry with port", trusted: trusted, remote: "10.0.0.2:80",
			xff: []string{"198.51.100.1:5555"}, want: "198.51.100.1"},
		{name: "mapped ipv4 peer matches ipv4 range", trusted: trusted, remote: "[::ffff:10.0.0.2]:80",
			xff: []string{"198.51.100.1"}, want: "198.51.100.1"},
		{name: "mapped ipv4 client is reported as ipv4", trusted: trusted, remote: "[::ffff:203.0.113.5]:80",
			want: "203.0.113.5"},
		{name: "zone is dropped", trusted: trusted, remote: "[fe80::1%eth0]:80", want: "fe80::1"},
		{name: "peer without port", trusted: trusted, remote: "203.0.113.5", want: "203.0.113.5"},
		{name: "unknown peer", trusted: trusted, remote: "@", want: "invalid IP"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = c.remote
			for _, line := range c.xff {
				r.Header.Add("X-Forwarded-For", line)
			}
			if got := c.trusted.ClientIP(r); got.String() != c.want {
				t.Errorf("ClientIP = %s, want %s", got, c.want)
			}
		})
	}
}

func TestContains(t *testing.T) {
	trusted, err := Parse("10.0.0.0/8,2001:db8::/32")
	if err != nil {
		t.Fatal(err)
	}
	for addr, want := range map[string]bool{
		"10.255.0.1": true, "11.0.0.1": false, "::ffff:10.0.0.1": true,
		"2001:db8::9": true, "2001:db9::9": false,
	} {
		if got := trusted.Contains(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Contains(%s) = %v, want %v", addr, got, want)
		}
	}
}

func TestSubject(t *testing.T) {
	for _, c := range []struct{ addr, want string }{
		{"192.0.2.7", "192.0.2.7"},
		{"::ffff:192.0.2.7", "192.0.2.7"},
		{"2001:db8:1:2::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"::1", "::/64"},
		{"invalid IP", "invalid IP"},
		{"", ""},
	} {
		if got := Subject(c.addr); got != c.want {
			t.Errorf("Subject(%q) = %q, want %q", c.addr, got, c.want)
		}
	}
}
