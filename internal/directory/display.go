package directory

import (
	"strings"

	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/web"
)

// Texts for pages, in the page's language: templates call these with the
// page's localizer ($.L), as the layout's functions cannot know them.

// dateOf formats a day in the usual numeric form of the language.
func dateOf(l *i18n.Localizer, d Day) string {
	return web.FormatDate(l, d.Time())
}

// Text says whether the location is open, until when, or when it opens.
func (st Status) Text(l *i18n.Localizer) string {
	switch {
	case !st.Known:
		return l.T("directory.status.unknown")
	case st.Open:
		return l.T("directory.status.open_until", "Time", st.Until.String())
	case !st.HasNext:
		return l.T("directory.status.closed")
	case st.NextIn == 0:
		return l.T("directory.status.opens_today", "Time", st.Next.String())
	case st.NextIn == 1:
		return l.T("directory.status.opens_tomorrow", "Time", st.Next.String())
	}
	return l.T("directory.status.opens_on", "Day", l.T(dayID(st.NextDay.Weekday())), "Date", dateOf(l, st.NextDay),
		"Time", st.Next.String())
}

func dayID(weekday int) string { return "directory.day." + string(rune('0'+weekday)) }

// Times writes spans as "09:00–12:00, 14:00–16:00".
func Times(spans []Span) string {
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = s.Opens.String() + "–" + s.Closes.String()
	}
	return strings.Join(parts, ", ")
}

// WeekLine is one weekday of the opening hours.
type WeekLine struct {
	Day   string
	Times string // "" when closed
}

// WeekLines lists the weekly hours, Monday first, in the page's language.
func (l *Location) WeekLines(loc *i18n.Localizer) []WeekLine {
	out := make([]WeekLine, 7)
	for i, spans := range l.Hours().Weekly() {
		out[i] = WeekLine{Day: loc.T(dayID(i + 1)), Times: Times(spans)}
	}
	return out
}

// Text describes an exception: its days, and closed or its hours.
func (c Closure) Text(l *i18n.Localizer) string {
	days := dateOf(l, c.First)
	if c.Last != c.First {
		days = l.T("directory.closure.range", "First", days, "Last", dateOf(l, c.Last))
	}
	what := l.T("directory.closure.closed")
	if !c.Closed {
		what = l.T("directory.closure.open", "Times", Times([]Span{c.Span}))
	}
	if c.Note != "" {
		return days + ": " + what + " (" + c.Note + ")"
	}
	return days + ": " + what
}

// CategoryName is the service's category in lang.
func (s *ServiceInput) CategoryName(lang string) string {
	return taxonomy.Default().Name(s.Category, lang)
}

// LanguageNames lists the languages a service speaks, in the page's
// language.
func (s *ServiceInput) LanguageNames(l *i18n.Localizer) string { return languageNames(l, s.Languages) }

func languageNames(l *i18n.Localizer, codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = l.T("lang." + c)
	}
	return strings.Join(names, ", ")
}

// AccessText lists how to get in: "walk in, by appointment".
func (s *ServiceInput) AccessText(l *i18n.Localizer) string {
	var parts []string
	for _, a := range s.Access() {
		parts = append(parts, l.T("directory.access."+a))
	}
	return strings.Join(parts, ", ")
}

// TargetText lists whom the service is for, or "everybody".
func (s *ServiceInput) TargetText(l *i18n.Localizer) string {
	if len(s.Targets) == 0 {
		return l.T("directory.target.everybody")
	}
	parts := make([]string, len(s.Targets))
	for i, t := range s.Targets {
		parts[i] = l.T("directory.target." + t)
	}
	return strings.Join(parts, ", ")
}

// CostText says what it costs.
func (s *ServiceInput) CostText(l *i18n.Localizer) string {
	if s.Cost == Free {
		return l.T("directory.cost.free")
	}
	if s.FeeNote != "" {
		return l.T("directory.cost.fee") + ": " + s.FeeNote
	}
	return l.T("directory.cost.fee")
}
