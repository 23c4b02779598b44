package blog

import (
	"bytes"
	stdhtml "html"
	"html/template"
	"strings"

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

// PlainText is report text without its markup, for excerpts and search.
func PlainText(src string) string {
	return stdhtml.UnescapeString(strings.Join(strings.Fields(bluemonday.StrictPolicy().Sanitize(string(RenderMarkdown(src)))), " "))
}
