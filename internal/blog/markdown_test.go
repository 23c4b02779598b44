package blog

import "testing"

func TestRenderMarkdown(t *testing.T) {
	for src, want := range map[string]string{
		"*ja*":                                "<p><em>ja</em></p>",
		"Zeile\nzwei":                         "<p>Zeile<br>\nzwei</p>",
		"- a\n- b":                            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>",
		"> gut":                               "<blockquote>\n<p>gut</p>\n</blockquote>",
		"[x](https://a.example)":              `<p><a href="https://a.example" rel="nofollow">x</a></p>`,
		"[x](javascript:alert(1))":            "<p>x</p>",
		"<script>alert(1)</script>":           "",
		"![Bild](https://evil.example/t.png)": "<p></p>",
		`<a href="https://a.example" onclick="x()">y</a>`: "<p>y</p>",
	} {
		if got := string(RenderMarkdown(src)); got != want {
			t.Errorf("%q:\n got %q\nwant %q", src, got, want)
		}
	}
}

// TestPlainTextKeepsBlocksApart: an excerpt does not run a list's items
// and the next paragraph together into one sentence.
func TestPlainTextKeepsBlocksApart(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Was wir geschafft haben:\n\n- alle Räder sind verkehrssicher\n- drei Jugendliche reparieren selbst\n\nDanke!",
			"Was wir geschafft haben: alle Räder sind verkehrssicher · drei Jugendliche reparieren selbst · Danke!"},
		{"## Ergebnis\n\nZehn Räder.", "Ergebnis · Zehn Räder."},
		{"Erste Zeile\nzweite Zeile", "Erste Zeile · zweite Zeile"},
		{"Ein *kurzer* Satz mit [Link](https://example.org).", "Ein kurzer Satz mit Link."},
	}
	for _, c := range cases {
		if got := PlainText(c.in); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
