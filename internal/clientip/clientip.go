// Package clientip finds the address of the client behind trusted reverse
// proxies, for rate limits and logs.
//
// X-Forwarded-For is a list that each proxy extends on the right with the
// address it received the request from. Only the entries added by our own
// proxies can be believed: a client may send the header with anything in it,
// and the proxies keep that on the left. So the list is read from the right,
// and the first address that is not one of our proxies is the client.
package clientip

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// Trusted is the set of proxy addresses whose X-Forwarded-For entries are
// believed. The zero value trusts nobody: the peer address is the client.
type Trusted struct {
	prefixes []netip.Prefix
}

// Parse reads a comma-separated list of CIDR ranges and single addresses,
// IPv4 or IPv6, such as "10.0.0.0/8, 192.0.2.7, fd00::/8". An empty list
// trusts nobody.
func Parse(list string) (Trusted, error) {
	var t Trusted
	for item := range strings.SplitSeq(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		p, err := parseItem(item)
		if err != nil {
			return Trusted{}, err
		}
		t.prefixes = append(t.prefixes, p)
	}
	return t, nil
}

func parseItem(item string) (netip.Prefix, error) {
	if strings.Contains(item, "/") {
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("trusted proxies: %q is no CIDR range: %w", item, err)
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(item)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("trusted proxies: %q is no IP address: %w", item, err)
	}
	if a.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("trusted proxies: %q has a zone, which cannot be matched", item)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// String lists the trusted ranges, for the startup log.
func (t Trusted) String() string {
	s := make([]string, len(t.prefixes))
	for i, p := range t.prefixes {
		s[i] = p.String()
	}
	return strings.Join(s, ",")
}

// Contains reports whether a is the address of a trusted proxy.
func (t Trusted) Contains(a netip.Addr) bool {
	a = normalize(a)
	for _, p := range t.prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ClientIP returns the client's address: the peer of the connection, unless
// that peer is a trusted proxy; then the rightmost X-Forwarded-For entry that
// is not a trusted proxy. When every entry is trusted, the client is the
// leftmost of them, inside our own network. An entry that is no address
// ends the walk at the last trusted hop, which is then the best knowledge.
// The zero Addr means the peer address is unknown (not an IP connection).
func (t Trusted) ClientIP(r *http.Request) netip.Addr {
	peer := parseHost(r.RemoteAddr)
	if !peer.IsValid() || !t.Contains(peer) {
		return peer
	}
	client := peer
	hops := forwardedFor(r.Header)
	for i := len(hops) - 1; i >= 0; i-- {
		hop := parseHost(hops[i])
		if !hop.IsValid() {
			return client
		}
		client = hop
		if !t.Contains(hop) {
			return hop
		}
	}
	return client
}

// forwardedFor joins all X-Forwarded-For header lines in order, as several
// lines mean the same as one comma-separated line.
func forwardedFor(h http.Header) []string {
	var hops []string
	for _, line := range h.Values("X-Forwarded-For") {
		for hop := range strings.SplitSeq(line, ",") {
			hops = append(hops, strings.TrimSpace(hop))
		}
	}
	return hops
}

// parseHost reads an address with or without a port ("192.0.2.1:4711",
// "[2001:db8::1]:443", "2001:db8::1"), as peers and some proxies write it.
func parseHost(s string) netip.Addr {
	if a, err := netip.ParseAddr(s); err == nil {
		return normalize(a)
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return normalize(ap.Addr())
	}
	return netip.Addr{}
}

// normalize makes IPv4 clients on dual-stack sockets (::ffff:192.0.2.1)
// match IPv4 ranges, and drops zones, which ranges never carry.
func normalize(a netip.Addr) netip.Addr {
	return a.Unmap().WithZone("")
}

// Subject names a client for rate limits: the address for IPv4, and its
// /64 network for IPv6, since a provider hands each connection a whole /64
// and the client may pick any address in it for every request. Anything
// that is no address (an unknown peer) comes back unchanged.
func Subject(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	a = normalize(a)
	if a.Is4() {
		return a.String()
	}
	return netip.PrefixFrom(a, 64).Masked().String()
}
