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
