// Package feedtest checks feeds in tests: that an Atom document carries
// people's text as text only.
package feedtest

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

const atomNS = "http://www.w3.org/2005/Atom"

// atomElements are the elements of RFC 4287; anything else in a feed
// would be markup that got out of a text.
var atomElements = map[string]bool{
	"feed": true, "entry": true, "id": true, "title": true, "subtitle": true, "updated": true, "published": true,
	"author": true, "contributor": true, "name": true, "uri": true, "email": true, "link": true, "summary": true,
	"content": true, "category": true, "rights": true, "generator": true, "icon": true, "logo": true, "source": true,
}

// textConstructs are the elements that hold human-readable text.
var textConstructs = map[string]bool{"title": true, "subtitle": true, "summary": true, "content": true, "rights": true}

// TextOnly fails t unless body is an Atom document made only of Atom
// elements, whose every text construct declares type="text" and holds no
// elements, and whose links are all http(s).
func TextOnly(t testing.TB, body string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(body))
	inText := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("feed is not well-formed XML: %v\n%s", err, body)
		}
		el, ok := tok.(xml.StartElement)
		if end, isEnd := tok.(xml.EndElement); isEnd && end.Name.Local == inText {
			inText = ""
		}
		if !ok {
			continue
		}
		if inText != "" {
			t.Errorf("<%s> inside <%s>: markup got out of a text\n%s", el.Name.Local, inText, body)
		}
		if el.Name.Space != atomNS || !atomElements[el.Name.Local] {
			t.Errorf("element {%s}%s is not Atom\n%s", el.Name.Space, el.Name.Local, body)
		}
		if textConstructs[el.Name.Local] {
			inText = el.Name.Local
			if typ := attr(el, "type"); typ != "text" {
				t.Errorf("<%s type=%q>, want type=\"text\"", el.Name.Local, typ)
			}
		}
		if el.Name.Local == "link" {
			if href := attr(el, "href"); !strings.HasPrefix(href, "https://") && !strings.HasPrefix(href, "http://") {
				t.Errorf("link to %q", href)
			}
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}
