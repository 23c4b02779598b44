package board

import (
	"context"
	"strings"

	"teilhabe.org/teilhabe/internal/flyer"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/web"
)

// flyerOf is what the flyer of a listing says, in the reader's language:
// the listing as a visitor sees it (a listing visitors cannot open has no
// flyer), never the poster's name.
func (m *Module) flyerOf(ctx context.Context, id string) (flyer.Flyer, error) {
	l, err := m.Get(ctx, nil, id)
	if err != nil {
		return flyer.Flyer{}, err
	}
	loc := web.Localizer(ctx)
	lines := []string{taxonomy.Default().Name(l.Category, loc.Lang())}
	if place := strings.TrimSpace(l.Postcode + " " + l.Place); place != "" {
		lines = append(lines, place)
	}
	if when := whenForReaders(loc, l.When); when != "" {
		lines = append(lines, when)
	}
	if len(l.Languages) > 0 {
		names := make([]string, len(l.Languages))
		for i, code := range l.Languages {
			names[i] = loc.T("lang." + code)
		}
		lines = append(lines, loc.T("board.speaks")+": "+strings.Join(names, loc.T("board.sep")))
	}
	return flyer.Flyer{Kind: loc.T("board.kind." + string(l.Kind)), Title: l.Title, Lines: lines, Lang: l.ContentLang,
		URL: m.s.BaseURL + "/listings/" + l.ID, Scan: loc.T("flyer.scan")}, nil
}

// whenForReaders says when a listing is about, as its cards say it.
func whenForReaders(l *i18n.Localizer, w When) string {
	switch {
	case w.Kind == WhenDate && w.From != nil:
		return web.FormatDate(l, *w.From)
	case w.Kind == WhenRange && w.From != nil && w.To != nil:
		return web.FormatDateRange(l, *w.From, *w.To)
	case w.Kind == WhenRegularly:
		return l.T("board.when.regularly")
	}
	return ""
}
