package directory

import (
	"cmp"
	"context"
	"strings"

	"teilhabe.org/teilhabe/internal/flyer"
	"teilhabe.org/teilhabe/internal/web"
)

// serviceFlyerOf is what the flyer of a service says, in the reader's
// language: who offers it, where and when it is open, in which languages,
// at what cost, and how to get in touch.
func (m *Module) serviceFlyerOf(ctx context.Context, id string) (flyer.Flyer, error) {
	s, err := m.Service(ctx, id)
	if err != nil {
		return flyer.Flyer{}, err
	}
	o, err := m.orgs.Get(ctx, s.OrganizationID)
	if err != nil {
		return flyer.Flyer{}, err
	}
	l := web.Localizer(ctx)
	lines := []string{o.Name}
	for _, p := range s.Places {
		where := strings.TrimSpace(p.Street + ", " + strings.TrimSpace(p.Postcode+" "+p.Municipality))
		var hours []string
		for _, w := range p.WeekLines(l) {
			if w.Times != "" {
				hours = append(hours, w.Day+" "+w.Times)
			}
		}
		if len(hours) > 0 {
			where += " · " + strings.Join(hours, ", ")
		}
		lines = append(lines, strings.Trim(where, ", "))
	}
	lines = append(lines, l.T("directory.service.languages")+": "+s.LanguageNames(l), s.CostText(l)+" · "+s.AccessText(l))
	if phone := cmp.Or(s.Phone, o.Phone); phone != "" {
		lines = append(lines, l.T("directory.service.phone")+": "+phone)
	}
	return flyer.Flyer{Kind: l.T("flyer.kind.service"), Title: s.Name, Lines: lines, Lang: s.Lang,
		URL: m.s.BaseURL + "/services/" + s.ID, Scan: l.T("flyer.scan")}, nil
}
