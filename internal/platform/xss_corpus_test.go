package platform_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The cross-site scripting corpus (testdata/xss.txt) and the checks that a
// page, feed, mail, JSON answer or CSV file shows what people typed as
// inert text.

// loadCorpus reads the payloads of testdata/xss.txt.
func loadCorpus(t testing.TB) []string {
	t.Helper()
	f, err := os.Open("testdata/xss.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, err := unescapePayload(line)
		if err != nil {
			t.Fatalf("testdata/xss.txt:%d: %v", n, err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// unescapePayload turns a line of the corpus into its payload; the escapes
// are described at the top of testdata/xss.txt.
func unescapePayload(line string) (string, error) {
	var b []byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i == len(line) {
			return "", errors.New("a backslash at the end of the line")
		}
		switch line[i] {
		case '\\':
			b = append(b, '\\')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 's':
			b = append(b, ' ')
		case '#':
			b = append(b, '#')
		case '"':
			b = append(b, '"')
		case 'x':
			if i+2 >= len(line) {
				return "", errors.New(`\x needs two hex digits`)
			}
			v, err := strconv.ParseUint(line[i+1:i+3], 16, 8)
			if err != nil {
				return "", fmt.Errorf(`\x%s: %v`, line[i+1:i+3], err)
			}
			b = append(b, byte(v))
			i += 2
		case 'u':
			end := strings.IndexByte(line[i:], '}')
			if !strings.HasPrefix(line[i:], "u{") || end < 0 {
				return "", errors.New(`\u needs {hex}`)
			}
			v, err := strconv.ParseUint(line[i+2:i+end], 16, 32)
			if err != nil {
				return "", fmt.Errorf(`\u%s: %v`, line[i:i+end+1], err)
			}
			b = utf8.AppendRune(b, rune(v))
			i += end
		case '*':
			end := strings.IndexByte(line[i:], ':')
			if end < 0 || len(b) == 0 {
				return "", errors.New(`\*N: needs a character before it and a colon after N`)
			}
			n, err := strconv.Atoi(line[i+1 : i+end])
			if err != nil {
				return "", fmt.Errorf(`\*%s: %v`, line[i+1:i+end], err)
			}
			r, size := utf8.DecodeLastRune(b)
			unit := b[len(b)-size:]
			if r == utf8.RuneError && size <= 1 {
				unit = b[len(b)-1:]
			}
			b = append(b, bytes.Repeat(unit, n-1)...)
			i += end
		default:
			return "", fmt.Errorf(`unknown escape \%c`, line[i])
		}
	}
	return string(b), nil
}

// inert removes what a platform may drop or change in text without
// harm (white space, control and formatting characters, invalid UTF-8),
// so that a payload typed and the text shown compare.
func inert(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || r == utf8.RuneError || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// A view is what one answer (a page, feed, file, mail) showed: the problems
// found and the text people can read in it, inert (for comparing with what
// was typed).
type view struct {
	problems []string
	text     string
}

func (v *view) fail(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

// elements a payload may not add to a page: they run script, load other
// documents, style the page or submit it elsewhere.
var forbiddenElements = map[string]bool{
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true, "applet": true, "base": true,
	"math": true, "style": true, "template": true, "xmp": true, "plaintext": true, "noembed": true, "noframes": true,
	"marquee": true, "isindex": true, "video": true, "audio": true, "source": true, "foreignobject": true,
	"animate": true, "set": true, "animatemotion": true, "animatetransform": true, "mglyph": true, "maction": true,
	"bgsound": true, "portal": true,
}

// urlAttributes hold a URL a browser follows or loads.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true, "data": true,
	"background": true, "srcset": true, "ping": true, "cite": true, "codebase": true, "lowsrc": true, "dynsrc": true,
	"manifest": true, "icon": true, "longdesc": true, "usemap": true, "to": true, "values": true, "from": true,
}

// activeScheme reports whether a URL runs script or carries a document of
// its own, as a browser reads it (it skips white space and controls, and
// ignores case).
func activeScheme(u string) bool {
	u = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, u))
	for _, s := range []string{"javascript:", "vbscript:", "livescript:", "data:"} {
		if strings.HasPrefix(u, s) || strings.Contains(u, ","+s) || strings.Contains(u, ";"+s) {
			return true
		}
	}
	return false
}

// ownURL reports whether a page's own resource address (of an image, a
// style sheet or a script) stays on this site.
func ownURL(u, base string) bool {
	return (strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !strings.HasPrefix(u, "/\\")) ||
		strings.HasPrefix(u, base+"/")
}

// checkHTML parses a page (or an HTML mail) as a browser would and reports
// every element, attribute or URL that a payload could have put there. The
// page's own script (a file of this site), its JSON-LD blocks (which must
// be valid JSON, so that no text ended them early), its style sheets and
// images are expected; svg only where svgAllowed (the network diagram).
func checkHTML(body, base string, svgAllowed bool) *view {
	v := &view{}
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		v.fail("not HTML: %v", err)
		return v
	}
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if p := n.Parent; p == nil || p.DataAtom != atom.Script {
				text.WriteString(n.Data)
				text.WriteByte(' ')
			}
		case html.ElementNode:
			checkElement(v, n, base, svgAllowed, &text)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	v.text = inert(text.String())
	return v
}

func checkElement(v *view, n *html.Node, base string, svgAllowed bool, text *strings.Builder) {
	name := strings.ToLower(n.Data)
	attr := map[string]string{}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = strings.ToLower(a.Namespace) + ":" + key
		}
		attr[key] = a.Val
		switch {
		case strings.HasPrefix(key, "on"):
			v.fail("<%s> with event handler %s=%q", name, key, a.Val)
		case key == "style" || key == "srcdoc" || key == "http-equiv" || key == "formaction" && !ownURL(a.Val, base):
			v.fail("<%s> with %s=%q", name, key, a.Val)
		case urlAttributes[key] || strings.HasSuffix(key, ":href"):
			if activeScheme(a.Val) {
				v.fail("<%s %s=%q>: a URL that runs script", name, key, a.Val)
			}
		}
		// What forms show again and what tooltips say is text people read.
		if key == "value" || key == "title" || key == "alt" || key == "placeholder" || key == "aria-label" || key == "content" {
			text.WriteString(a.Val)
			text.WriteByte(' ')
		}
	}
	switch {
	case forbiddenElements[name]:
		v.fail("a <%s> element", name)
	case name == "script":
		checkScript(v, n, attr, base, text)
	case name == "svg" && !svgAllowed:
		v.fail("an <svg> element")
	case name == "img" || name == "input" && attr["type"] == "image":
		if !ownURL(attr["src"], base) {
			v.fail("<%s src=%q>: an image from elsewhere", name, attr["src"])
		}
	case name == "link":
		if !ownURL(attr["href"], base) || (attr["rel"] != "stylesheet" && attr["rel"] != "alternate" && attr["rel"] != "icon") {
			v.fail("<link rel=%q href=%q>", attr["rel"], attr["href"])
		}
	case name == "meta":
		if _, ok := attr["charset"]; !ok && attr["name"] == "" {
			v.fail("<meta %v>", n.Attr)
		}
	case name == "form":
		if a, ok := attr["action"]; ok && !ownURL(a, base) {
			v.fail("<form action=%q>: submits elsewhere", a)
		}
	}
}

// checkScript allows the site's own script file and JSON-LD blocks that are
// valid JSON; it adds the strings of JSON-LD to the page's text.
func checkScript(v *view, n *html.Node, attr map[string]string, base string, text *strings.Builder) {
	var body strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		body.WriteString(c.Data)
	}
	switch {
	case attr["type"] == "application/ld+json":
		var data any
		if err := json.Unmarshal([]byte(body.String()), &data); err != nil {
			v.fail("a JSON-LD block that is not JSON (%v): %.300s", err, body.String())
			return
		}
		jsonStrings(data, text)
	case ownURL(attr["src"], base) && strings.TrimSpace(body.String()) == "" && len(attr) <= 3:
	default:
		v.fail("a <script %v>%.200s</script>", n.Attr, body.String())
	}
}

// jsonLD returns the strings of the page's JSON-LD blocks, inert.
func jsonLD(body string) string {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return ""
	}
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Script && n.FirstChild != nil {
			for _, a := range n.Attr {
				if a.Key == "type" && a.Val == "application/ld+json" {
					var data any
					if json.Unmarshal([]byte(n.FirstChild.Data), &data) == nil {
						jsonStrings(data, &text)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return inert(text.String())
}

func jsonStrings(data any, text *strings.Builder) {
	switch d := data.(type) {
	case string:
		text.WriteString(d)
		text.WriteByte(' ')
	case []any:
		for _, x := range d {
			jsonStrings(x, text)
		}
	case map[string]any:
		for _, x := range d {
			jsonStrings(x, text)
		}
	}
}

// checkJSON parses an API answer: JSON of a JSON media type (a browser
// does not render it as a page) whose strings are the text.
func checkJSON(contentType string, body []byte) *view {
	v := &view{}
	if !strings.HasPrefix(contentType, "application/json") && !strings.HasPrefix(contentType, "application/problem+json") {
		v.fail("answered as %q", contentType)
	}
	var data any
	if err := json.Unmarshal(body, &data); err != nil {
		v.fail("not JSON: %v", err)
		return v
	}
	var text strings.Builder
	jsonStrings(data, &text)
	v.text = inert(text.String())
	return v
}

// checkAtom parses a feed as XML: every text construct that may hold what
// people wrote (title, subtitle, summary, content, rights) is plain text
// (no type, or type="text"), so that no reader renders it as markup.
func checkAtom(contentType string, body []byte) *view {
	v := &view{}
	if !strings.HasPrefix(contentType, "application/atom+xml") {
		v.fail("answered as %q", contentType)
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			v.fail("not XML: %v", err)
			return v
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "title", "subtitle", "summary", "content", "rights":
				for _, a := range t.Attr {
					if a.Name.Local == "type" && a.Value != "text" {
						v.fail("<%s type=%q>: text a reader renders as markup", t.Name.Local, a.Value)
					}
				}
			}
			for _, a := range t.Attr {
				if (a.Name.Local == "href" || a.Name.Local == "src") && activeScheme(a.Value) {
					v.fail("<%s %s=%q>", t.Name.Local, a.Name.Local, a.Value)
				}
			}
		case xml.CharData:
			text.Write(t)
			text.WriteByte(' ')
		}
	}
	v.text = inert(text.String())
	return v
}

// checkCSV parses an export: no cell may start as a formula (with = + - @,
// a tab or a carriage return) in a spreadsheet.
func checkCSV(body []byte) *view {
	v := &view{}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		v.fail("not CSV: %v", err)
		return v
	}
	var text strings.Builder
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				v.fail("a cell a spreadsheet runs as a formula: %.100q", cell)
			}
			text.WriteString(cell)
			text.WriteByte(' ')
		}
	}
	v.text = inert(text.String())
	return v
}

// checkMail looks at one mail of the outbox: a subject of one line (no
// header can be added through it), an HTML part that passes checkHTML, a
// text part that is text.
func checkMail(subject, text, htmlBody, base string) *view {
	v := &view{}
	if strings.ContainsAny(subject, "\r\n") {
		v.fail("a subject of several lines: %q", subject)
	}
	if htmlBody != "" {
		h := checkHTML(htmlBody, base, false)
		v.problems = append(v.problems, h.problems...)
	}
	v.text = inert(subject + " " + text)
	return v
}

// TestXSSChecksCatchLivePayloads: the checks of the corpus test find a
// payload that a page, feed, export or JSON-LD block lets through
// unescaped, so that a passing corpus test means something.
func TestXSSChecksCatchLivePayloads(t *testing.T) {
	const base = "http://teilhabe.example"
	page := func(body string) string {
		return `<!doctype html><html><head><script src="/static/app.js" defer></script></head><body>` + body + `</body></html>`
	}
	if v := checkHTML(page(`<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`), base, false); len(v.problems) > 0 ||
		!strings.Contains(v.text, inert("<script>alert(1)</script>")) {
		t.Errorf("escaped text: %v %q", v.problems, v.text)
	}
	for _, raw := range []string{
		`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, `<a href=" java&#x09;script:alert(1)">x</a>`,
		`<svg onload=alert(1)>`, `<iframe src=//evil.example/></iframe>`, `<div style="width:expression(alert(1))">x</div>`,
		`<a href="data:text/html,x">x</a>`, `<form action=//evil.example/><button>x</button></form>`,
		`<input value="" onfocus="alert(1)" autofocus="">`, `<img src="//evil.example/a.png">`,
		`<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>`,
	} {
		if v := checkHTML(page(raw), base, false); len(v.problems) == 0 {
			t.Errorf("checkHTML lets %s through", raw)
		}
	}
	if v := checkHTML(page(`<p><b>bold</b></p>`), base, false); strings.Contains(v.text, inert("<b>bold</b>")) {
		t.Error("markup that became elements counts as text")
	}
	feed := `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><summary type="html">&lt;b&gt;x&lt;/b&gt;</summary></entry></feed>`
	if v := checkAtom("application/atom+xml", []byte(feed)); len(v.problems) == 0 {
		t.Error("checkAtom lets a summary of type html through")
	}
	if v := checkCSV([]byte("name\r\n\"=HYPERLINK(\"\"https://evil.example/\"\")\"\r\n")); len(v.problems) == 0 {
		t.Error("checkCSV lets a formula through")
	}
	if v := checkJSON("text/html", []byte(`{"a":"<script>"}`)); len(v.problems) == 0 {
		t.Error("checkJSON lets JSON answered as HTML through")
	}
	if v := checkMail("Hallo\r\nBcc: x@evil.example", "", "", base); len(v.problems) == 0 {
		t.Error("checkMail lets a subject of two lines through")
	}
	for line, want := range map[string]string{
		`a\x00b\u{202E}c`: "a\x00b\u202Ec", `\#x\s`: "#x ", `A\*4:`: "AAAA", `\u{0627}\*3:`: "ااا", `\\n`: `\n`,
	} {
		if got, err := unescapePayload(line); err != nil || got != want {
			t.Errorf("unescape %q: %q %v, want %q", line, got, err, want)
		}
	}
}
