package web

import "testing"

func TestSafeNext(t *testing.T) {
	const fallback = "/fallback"
	for _, tc := range []struct{ target, want string }{
		// Paths on this site pass unchanged, query and fragment included.
		{"/", "/"},
		{"/settings", "/settings"},
		{"/listings/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "/listings/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"},
		{"/search?q=Kinderwagen+Kassel&page=2", "/search?q=Kinderwagen+Kassel&page=2"},
		{"/search?q=%C3%BCber+uns", "/search?q=%C3%BCber+uns"},
		{"/search?q=%C3%BCber%20uns", fallback},
		{"/pledges/1#signup", "/pledges/1#signup"},
		{"/javascript:alert(1)", "/javascript:alert(1)"},

		// Nothing, or anything that may leave the site, falls back.
		{"", fallback},
		{"settings", fallback},
		{"//evil.example", fallback},
		{"///evil.example", fallback},
		{"/\\evil.example", fallback},
		{"\\\\evil.example", fallback},
		{"/%5Cevil.example", fallback},
		{"/%5C/evil.example", fallback},
		{"/\t/evil.example", fallback},
		{"/%09/evil.example", fallback},
		{"/\n/evil.example", fallback},
		{"/%0a/evil.example", fallback},
		{"/%0D%0A/evil.example", fallback},
		{"/ /evil.example", fallback},
		{"/%20/evil.example", fallback},
		{"/\u00a0/evil.example", fallback},
		{"/\u2028/evil.example", fallback},
		{"/%2F%2Fevil.example", fallback},
		{"/%2f/evil.example", fallback},
		{"/%252F%252Fevil.example", fallback},
		{"/.//evil.example", fallback},
		{"/a//b", fallback},
		{"https://evil.example", fallback},
		{"http:/evil.example", fallback},
		{"https:evil.example", fallback},
		{"javascript:alert(1)", fallback},
		{"JavaScript:alert(1)", fallback},
		{"data:text/html,<script>alert(1)</script>", fallback},
		{" /settings", fallback},
		{"/settings\x00", fallback},
		{"/settings%00", fallback},
		{"/settings?next=%0d%0aSet-Cookie:x", fallback},
		{"/%E2%80%AE/evil.example", fallback},
		{"/%zz", fallback},
	} {
		if got := SafeNext(tc.target, fallback); got != tc.want {
			t.Errorf("SafeNext(%q) = %q, want %q", tc.target, got, tc.want)
		}
	}
}
