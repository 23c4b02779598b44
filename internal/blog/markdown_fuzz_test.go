package blog

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// allowedReportElements are the only elements report Markdown may produce.
var allowedReportElements = map[string]bool{
	"p": true, "br": true, "em": true, "strong": true, "ul": true, "ol": true, "li": true,
	"blockquote": true, "h2": true, "h3": true, "h4": true, "code": true, "pre": true, "hr": true, "a": true,
}

// FuzzRenderMarkdown checks, for any report text, that the rendered HTML
// holds only the subset's elements, no attribute but a link's href and rel,
// and only web or mail links: nothing a reader's browser would run.
func FuzzRenderMarkdown(f *testing.F) {
	for _, seed := range []string{
		"Hallo **Welt**", "<script>alert(1)</script>", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))",
		"![i](data:image/svg+xml,<svg onload=alert(1)>)", "<img src=x onerror=alert(1)>", "[a](https://example.org)",
		"> quote\n\n- one\n- two", "```\n<b>code</b>\n```", "<a href=\"vbscript:x\">x</a>", "\u202eevil", "\xff\xfe",
		"[x](&#106;avascript:alert(1))", "<svg><style>*{}</style></svg>", "## h\n<iframe src=x>",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := string(RenderMarkdown(src))
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			if !allowedReportElements[tok.Data] {
				t.Fatalf("element <%s> in %q from %q", tok.Data, out, src)
			}
			for _, a := range tok.Attr {
				switch a.Key {
				case "rel":
				case "href":
					u, err := url.Parse(a.Val)
					if err != nil {
						t.Fatalf("unparseable href %q from %q", a.Val, src)
					}
					if s := strings.ToLower(u.Scheme); s != "" && s != "http" && s != "https" && s != "mailto" {
						t.Fatalf("href scheme %q from %q", u.Scheme, src)
					}
				default:
					t.Fatalf("attribute %s=%q in %q from %q", a.Key, a.Val, out, src)
				}
			}
		}
	})
}
