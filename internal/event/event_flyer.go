package event

import (
	"context"
	"strings"

	"teilhabe.org/teilhabe/internal/flyer"
	"teilhabe.org/teilhabe/internal/web"
)

// flyerOf is what the flyer of an event says, in the reader's language:
// when and where, how it repeats, the languages, the cost and whether to
// register. The link of an online event stays for its participants.
func (m *Module) flyerOf(ctx context.Context, id string) (flyer.Flyer, error) {
	e, err := m.Get(ctx, id)
	if err != nil {
		return flyer.Flyer{}, err
	}
	l := web.Localizer(ctx)
	lines := []string{web.FormatDateRange(l, e.From(), e.To())}
	if e.Repeat.Repeats() {
		lines = append(lines, l.T("event.dates.rule."+e.RuleName()))
	}
	if e.PlaceKind == Online {
		lines = append(lines, l.T("event.show.online"))
	} else {
		where := strings.TrimSpace(e.Postcode + " " + e.Place)
		if e.Street != "" {
			where = e.Street + ", " + where
		}
		lines = append(lines, where)
	}
	if len(e.Languages) > 0 {
		names := make([]string, len(e.Languages))
		for i, code := range e.Languages {
			names[i] = l.T("lang." + code)
		}
		lines = append(lines, l.T("event.show.languages")+": "+strings.Join(names, ", "))
	}
	cost := l.T("event.show.free")
	if !e.Free() {
		cost = e.Cost
	}
	lines = append(lines, l.T("event.show.cost")+": "+cost)
	if e.Registration {
		lines = append(lines, l.T("event.show.registration_needed"))
	}
	return flyer.Flyer{Kind: l.T("flyer.kind.event"), Title: e.Title, Lines: lines, Lang: e.ContentLang,
		URL: m.s.BaseURL + "/events/" + e.ID, Scan: l.T("flyer.scan")}, nil
}
