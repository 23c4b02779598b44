package pledge

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// Terms are what the pledger writes: "We promise Promise, if Needed Who
// Condition", with the deadline, where, what kind of help and more.
type Terms struct {
	OrgID       string // "" when a person pledges for themselves
	Promise     string // X, e.g. "20 tablets for a welcome class"
	Needed      int    // N, confirmed sign-ups needed
	Who         string // e.g. "volunteers", "initiatives"
	Condition   string // Y, e.g. "help the pupils learn with them for three months"
	Deadline    time.Time
	Postcode    string
	Place       string
	Category    string // a taxonomy id
	Description string
	Lang        string // the language the pledge is written in
	AutoConfirm bool   // sign-ups count without the pledger confirming each
}

// Pledge is a pledge as stored.
type Pledge struct {
	ID      string
	Status  Status
	OwnerID string // the person who made it
	Terms
	ImageID        string
	CopiedFrom     string
	DeclineReason  string
	DecidedBy      string
	DecidedAt      *time.Time
	SubmittedAt    *time.Time
	ClosedAt       *time.Time
	ConversationID string
	RemindedAt     *time.Time
	Hidden         bool
	CreatedAt      time.Time
	UpdatedAt      time.Time

	// Counted with it.
	Confirmed int // confirmed sign-ups
	Pending   int // sign-ups awaiting the pledger
}

// Public reports whether anybody may see the pledge: it was approved and
// moderation did not hide it.
func (p *Pledge) Public() bool { return p.Status.Public() && !p.Hidden }

// Title is the promise as a heading: its first letter in upper case (the
// sentence needs it in lower case), with the Turkish dotted İ in Turkish.
func (p *Pledge) Title() string {
	r, size := utf8.DecodeRuneInString(p.Promise)
	if r == utf8.RuneError {
		return p.Promise
	}
	upper := unicode.ToUpper(r)
	if p.Lang == "tr" {
		upper = unicode.TurkishCase.ToUpper(r)
	}
	return string(upper) + p.Promise[size:]
}

// ReasonLines is the decline reason for display.
func (p *Pledge) ReasonLines() []string { return strings.Split(p.DeclineReason, "\n") }

// Open reports whether people may sign up now.
func (p *Pledge) Open(now time.Time) bool { return p.Status == Active && now.Before(p.Deadline) }

// Reached reports whether enough sign-ups are confirmed.
func (p *Pledge) Reached() bool { return p.Confirmed >= p.Needed }

// Percent is the progress for a bar, at most 100.
func (p *Pledge) Percent() int {
	if p.Needed <= 0 {
		return 0
	}
	return min(100, p.Confirmed*100/p.Needed)
}

// Limits on what people type.
const (
	maxPromiseLen     = 200
	maxWhoLen         = 60
	maxConditionLen   = 300
	maxNeeded         = 500
	maxDescriptionLen = 5000
	maxPlaceLen       = 80
	maxNoteLen        = 1000
	maxReasonLen      = 1000
	maxQuestionLen    = 1000
	maxAnswerLen      = 2000
	maxTitleLen       = 120
	maxReportLen      = 10000
	maxAhead          = 2 * 366 * 24 * time.Hour // deadlines at most two years ahead
	minAhead          = time.Hour                // and at least an hour
)

// normalize trims what people typed.
func (t *Terms) normalize() {
	t.OrgID = strings.ToLower(strings.TrimSpace(t.OrgID))
	t.Promise = text.OneLine(t.Promise)
	t.Who = text.OneLine(t.Who)
	t.Condition = text.OneLine(strings.TrimSuffix(strings.TrimSpace(t.Condition), "."))
	t.Postcode = strings.TrimSpace(t.Postcode)
	t.Place = text.OneLine(t.Place)
	t.Category = strings.TrimSpace(t.Category)
	t.Description = strings.TrimSpace(strings.ReplaceAll(t.Description, "\r\n", "\n"))
	t.Lang = strings.TrimSpace(t.Lang)
	t.Deadline = t.Deadline.UTC().Truncate(time.Microsecond)
}

// Validate checks normalized terms against now and returns field errors.
func (t *Terms) Validate(now time.Time) error {
	f := apperr.Fields{}
	check.Text(f, "promise", t.Promise, maxPromiseLen, true)
	check.Text(f, "who", t.Who, maxWhoLen, true)
	check.Text(f, "condition", t.Condition, maxConditionLen, true)
	switch {
	case t.Needed < 1:
		f.Add("needed", "pledge.needed.too_few")
	case t.Needed > maxNeeded:
		f.Add("needed", "pledge.needed.too_many")
	}
	switch {
	case t.Deadline.IsZero():
		f.Add("deadline", "form.required")
	case t.Deadline.Before(now.Add(minAhead)):
		f.Add("deadline", "pledge.deadline.past")
	case t.Deadline.After(now.Add(maxAhead)):
		f.Add("deadline", "pledge.deadline.too_far")
	}
	if t.Postcode != "" && !check.ValidPostcode(t.Postcode) {
		f.Add("postcode", "form.invalid_postcode")
	}
	check.Text(f, "place", t.Place, maxPlaceLen, false)
	switch {
	case t.Category == "":
		f.Add("category", "form.required")
	case !taxonomy.Default().Valid(t.Category):
		f.Add("category", "form.invalid_choice")
	}
	check.Text(f, "description", t.Description, maxDescriptionLen, false)
	if !i18n.Supported(t.Lang) {
		f.Add("content_lang", "form.invalid_choice")
	}
	if t.OrgID != "" && !ids.Valid(t.OrgID) {
		f.Add("organization_id", "form.invalid_choice")
	}
	return f.Err()
}

// ParseDay reads a date as an HTML date field sends it (YYYY-MM-DD) and
// returns the end of that day; false when it is no date.
func ParseDay(s string) (time.Time, bool) {
	d, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, false
	}
	return clock.EndOfDay(d), true
}

// DayOf is the date field's value for a deadline.
func DayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return clock.Local(t).Format(time.DateOnly)
}
