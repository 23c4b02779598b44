package blog

import (
	"html/template"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/text"
)

// MaxPhotos bounds the photos of one report.
const MaxPhotos = 4

// Bounds of what people write.
const (
	maxTitleLen  = 120
	maxReportLen = 10000
)

// Status is where a report stands.
type Status string

const (
	Submitted Status = "submitted" // waiting for whoever confirms it
	Published Status = "published" // on the blog
)

// Report tells the public what happened after a pledge succeeded (or
// whatever else its owner is).
type Report struct {
	ID          string
	OwnerKind   string // the registered kind of its owner: "pledge"
	OwnerID     string
	OwnerPublic bool // everybody may see the owner, as its module last said
	AuthorID    string
	OrgID       string // the organisation the author wrote for, if any
	Title       string
	Body        string // Markdown source; see RenderMarkdown
	Lang        string
	Status      Status
	Featured    bool
	Hidden      bool
	ConfirmedBy string
	PublishedAt *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Photos      []string // upload ids, in order
}

// Dir is the writing direction of the report's language.
func (r *Report) Dir() string { return i18n.LanguageOf(r.Lang).Dir }

// Published reports whether the report is on the blog (unless hidden).
func (r *Report) Published() bool { return r.Status == Published }

// Public reports whether everybody sees the report: published, not hidden,
// and its owner is public.
func (r *Report) Public() bool { return r.Published() && !r.Hidden && r.OwnerPublic }

// HTML is the report's text, rendered and sanitised.
func (r *Report) HTML() template.HTML { return RenderMarkdown(r.Body) }

// Excerpt is the start of the text, for lists.
func (r *Report) Excerpt() string { return text.Excerpt(PlainText(r.Body), 280) }

// Item names the report in notices, so that they can be forgotten with it.
func Item(r *Report) notify.Item { return notify.Item{Type: "report", ID: r.ID} }

// Input is what the author writes.
type Input struct {
	Title string
	Body  string
	Lang  string
}

func (in *Input) validate() error {
	in.Title = text.OneLine(in.Title)
	in.Body = text.MultiLine(in.Body)
	in.Lang = strings.TrimSpace(in.Lang)
	f := apperr.Fields{}
	check.Text(f, "title", in.Title, maxTitleLen, true)
	check.Text(f, "text", in.Body, maxReportLen, true)
	if !i18n.Supported(in.Lang) {
		f.Add("content_lang", "form.invalid_choice")
	}
	return f.Err()
}
