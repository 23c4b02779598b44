package pledge

import (
	"context"
	"math"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/uploads"
	"teilhabe.org/teilhabe/internal/web"
)

// card is a pledge as pages show it: the sentence in the pledge's own
// language, and what the page's language says about it.
type card struct {
	*Pledge
	Sentence  string // "We promise X, if N WHO Y." in the pledge's language
	Dir       string // of the pledge's language
	Category  string // name in the page's language
	Countdown string // how long it still runs, in the page's language
	Pledger   string // the organisation's or person's name; "" for an account that is gone
	ImageURL  string
	Day       string // the deadline's date in the page's language
	L         *i18n.Localizer
}

// localizer is the page's translator.
func (m *Module) localizer(ctx context.Context) *i18n.Localizer {
	if l := web.Localizer(ctx); l != nil {
		return l
	}
	return m.s.Catalog.Localizer(i18n.Default)
}

// Sentence is the pledge in one sentence, in its own language.
func (m *Module) Sentence(p *Pledge) string {
	id := "pledge.sentence.person"
	if p.OrgID != "" {
		id = "pledge.sentence.org"
	}
	return m.s.Catalog.Localizer(p.Lang).T(id, "Promise", p.Promise, "Needed", p.Needed, "Who", p.Who, "Condition", p.Condition)
}

// countdown says how long a running pledge still takes, in days of the
// calendar in German local time: "ends today" on the deadline's day.
func countdown(l *i18n.Localizer, p *Pledge, now time.Time) string {
	if p.Status != Active {
		return ""
	}
	if !now.Before(p.Deadline) {
		return l.T("pledge.countdown.over")
	}
	days := calendarDays(now, p.Deadline)
	if days == 0 {
		return l.T("pledge.countdown.today")
	}
	return l.T("pledge.countdown.days", "Count", days)
}

// calendarDays counts the days from the day of a to the day of b.
func calendarDays(a, b time.Time) int {
	ya, ma, da := clock.Local(a).Date()
	yb, mb, db := clock.Local(b).Date()
	return int(math.Round(time.Date(yb, mb, db, 12, 0, 0, 0, time.UTC).Sub(time.Date(ya, ma, da, 12, 0, 0, 0, time.UTC)).Hours() / 24))
}

// cards builds the cards of pledges for the page's language.
func (m *Module) cards(ctx context.Context, ps []*Pledge) []card {
	l := m.localizer(ctx)
	now := m.s.Clock.Now()
	var people []string
	for _, p := range ps {
		people = append(people, p.OwnerID)
	}
	names, _ := m.accounts.Names(ctx, people)
	orgNames := map[string]string{}
	out := make([]card, len(ps))
	for i, p := range ps {
		c := card{Pledge: p, Sentence: m.Sentence(p), Dir: i18n.LanguageOf(p.Lang).Dir, L: l, Day: web.FormatDate(l, p.Deadline),
			Category: taxonomy.Default().Name(p.Category, l.Lang()), Countdown: countdown(l, p, now), Pledger: names[p.OwnerID]}
		if p.OrgID != "" {
			name, ok := orgNames[p.OrgID]
			if !ok {
				if o, err := m.orgs.Get(ctx, p.OrgID); err == nil {
					name = o.Name
				}
				orgNames[p.OrgID] = name
			}
			c.Pledger = name
		}
		if p.ImageID != "" {
			c.ImageURL = uploads.URL(p.ImageID)
		}
		out[i] = c
	}
	return out
}

func (m *Module) card(ctx context.Context, p *Pledge) card { return m.cards(ctx, []*Pledge{p})[0] }

// option is one choice of a select.
type option struct{ Value, Label string }

// categoryOptions are the categories in the page's language, the
// subcategories indented under theirs.
func categoryOptions(lang string) []option {
	var out []option
	for _, o := range taxonomy.Default().Options(lang) {
		label := o.Label
		if o.Depth > 0 {
			label = "\u00a0\u00a0– " + label
		}
		out = append(out, option{Value: o.Value, Label: label})
	}
	return out
}
