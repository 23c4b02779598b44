package text

import "strings"

// OneLine is what a one-line field keeps: s trimmed, every run of white
// space (line breaks included) as one space.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// MultiLine is what a text field keeps: s trimmed, every line end ("\r\n"
// or a lone "\r") written "\n".
func MultiLine(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
}

// Paragraphs splits a text at blank lines into paragraphs, and those into
// lines, so a page keeps the breaks people typed. Lines are trimmed; a
// line of only white space counts as blank.
func Paragraphs(s string) [][]string {
	var out [][]string
	var lines []string
	for _, l := range strings.Split(MultiLine(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
			continue
		}
		if len(lines) > 0 {
			out, lines = append(out, lines), nil
		}
	}
	if len(lines) > 0 {
		out = append(out, lines)
	}
	return out
}
