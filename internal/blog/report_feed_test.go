package blog

import "testing"

// TestReadableText: a report reaches feed readers as plain text that
// keeps its paragraphs, list items and link addresses.
func TestReadableText(t *testing.T) {
	for src, want := range map[string]string{
		"Wir haben **gelernt**.\n\nZweiter Absatz\nmit Umbruch.": "Wir haben gelernt.\n\nZweiter Absatz\nmit Umbruch.",
		"- eins\n- zwei": "• eins\n• zwei",
		"[Schule](https://schule.example/?a=1&b=2)":             "Schule (https://schule.example/?a=1&b=2)",
		"<https://schule.example>":                              "https://schule.example",
		"> Zitat\n\n## Kopf":                                    "Zitat\n\nKopf",
		"`<script>alert(1)</script>` & 1 < 2":                   "<script>alert(1)</script> & 1 < 2",
		"<script>alert(1)</script>\n\n[x](javascript:alert(2))": "x",
	} {
		if got := readableText(src); got != want {
			t.Errorf("readableText(%q) = %q, want %q", src, got, want)
		}
	}
}
