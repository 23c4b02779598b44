package text

import "strings"

// Excerpt shortens s to about n characters, cut at a word boundary in its
// second half and marked with "…"; s itself when it is no longer.
func Excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
