package blog

import (
	"bytes"
	stdhtml "html"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
)

// Reports are written in a small subset of Markdown: paragraphs, line
// breaks, emphasis, lists, quotes, subheadings and links. goldmark turns
// the text into HTML without passing any HTML through; bluemonday then
// keeps only the elements of that subset and web links, so whatever a
// report contains (script, event handlers, javascript: links) renders
// harmless.
var markdown = goldmark.New(goldmark.WithRendererOptions(html.WithHardWraps()))

var reportPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "code", "pre", "hr")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return p
}()

// RenderMarkdown turns report text into safe HTML.
func RenderMarkdown(src string) template.HTML {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only when writing fails, which a buffer does not;
		// show the text escaped rather than nothing.
		return template.HTML("<p>" + template.HTMLEscapeString(src) + "</p>")
	}
	return template.HTML(strings.TrimSpace(reportPolicy.Sanitize(buf.String())))
}

// blockBreaks marks where a paragraph, list item, heading or line ends in the
// rendered HTML, so that PlainText keeps the boundary.
var blockBreaks = strings.NewReplacer("</p>", "</p>\n", "</li>", "</li>\n", "</h2>", "</h2>\n", "</h3>", "</h3>\n",
	"</h4>", "</h4>\n", "<br>", "<br>\n", "<br/>", "<br/>\n", "</blockquote>", "</blockquote>\n", "</pre>", "</pre>\n")

// PlainText is report text without its markup, for excerpts and search.
// Blocks stay apart: one that ends without punctuation (a list item, a
// heading) is followed by " · ", so "Done:" and the items of a list do
// not run together into one sentence.
func PlainText(src string) string {
	text := bluemonday.StrictPolicy().Sanitize(blockBreaks.Replace(string(RenderMarkdown(src))))
	var out strings.Builder
	for line := range strings.Lines(stdhtml.UnescapeString(text)) {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		if out.Len() > 0 {
			if last, _ := utf8.DecodeLastRuneInString(out.String()); unicode.IsPunct(last) {
				out.WriteString(" ")
			} else {
				out.WriteString(" · ")
			}
		}
		out.WriteString(line)
	}
	return out.String()
}
