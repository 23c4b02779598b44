package pledge

import (
	"context"
	"strings"

	"teilhabe.org/teilhabe/internal/flyer"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/web"
)

// flyerOf is what the flyer of a pledge says, in the reader's language:
// the promise, where, how far it is and until when, as visitors see it
// (a pledge visitors cannot open has no flyer).
func (m *Module) flyerOf(ctx context.Context, id string) (flyer.Flyer, error) {
	p, err := m.Get(ctx, nil, id)
	if err != nil {
		return flyer.Flyer{}, err
	}
	l := web.Localizer(ctx)
	lines := []string{m.Sentence(p), taxonomy.Default().Name(p.Category, l.Lang())}
	if place := strings.TrimSpace(p.Postcode + " " + p.Place); place != "" {
		lines = append(lines, place)
	}
	lines = append(lines, l.T("pledge.progress", "Confirmed", p.Confirmed, "Needed", p.Needed),
		l.T("pledge.deadline_on", "Date", web.FormatDate(l, p.Deadline)))
	return flyer.Flyer{Kind: l.T("flyer.kind.pledge"), Title: p.Title(), Lines: lines, Lang: p.Lang,
		URL: m.s.BaseURL + "/pledges/" + p.ID, Scan: l.T("flyer.scan")}, nil
}
