package web

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SafeNext returns target when it is a clean path on this site, else
// fallback. Every redirect to a target the client chose ("next", "from")
// goes through it, so that no such parameter can send people elsewhere.
func SafeNext(target, fallback string) string {
	if !localPath(target) {
		return fallback
	}
	return target
}

// maxDecodings bounds how often a target is percent-decoded for checking:
// a server or browser on the way may decode it again, so every layer must
// be clean, and our own links are never encoded more than twice.
const maxDecodings = 3

// localPath reports whether target is a path on this site and nothing a
// browser might read as another host: it starts with a single "/", and
// neither it nor any percent-decoding of it holds "//" in the path, a
// backslash, whitespace, a control or an invisible formatting character
// (browsers drop tabs and newlines, so "/\t/evil.example" is "//evil.example").
func localPath(target string) bool {
	path, _, _ := strings.Cut(target, "?")
	path, _, _ = strings.Cut(path, "#")
	if !strings.HasPrefix(path, "/") {
		return false
	}
	whole := target
	for range maxDecodings {
		if strings.Contains(path, "//") || !cleanRunes(whole) {
			return false
		}
		decodedPath, err := url.PathUnescape(path)
		if err != nil {
			return false
		}
		decodedWhole, err := url.PathUnescape(whole)
		if err != nil {
			return false
		}
		if decodedWhole == whole {
			u, err := url.Parse(target)
			return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil && u.Opaque == ""
		}
		path, whole = decodedPath, decodedWhole
	}
	return false
}

// cleanRunes reports whether s is valid UTF-8 without backslashes,
// whitespace, controls or formatting characters (bidi overrides, zero
// widths).
func cleanRunes(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}
