package app

import (
	"context"
	"html/template"
	"slices"
)

// SectionList keeps the sections other modules draw on a host's pages, by
// page name, in their Order; a host keeps one to implement AddSection.
type SectionList map[string][]Section

// Add keeps a section for its page, after those of a lower or equal Order.
func (l *SectionList) Add(s Section) {
	if *l == nil {
		*l = SectionList{}
	}
	list := (*l)[s.Page]
	at := len(list)
	for at > 0 && list[at-1].Order > s.Order {
		at--
	}
	(*l)[s.Page] = slices.Insert(list, at, s)
}

// Draw draws the sections of page about id in their order,
// leaving out those with nothing to show.
func (l SectionList) Draw(ctx context.Context, page, id, lang string) ([]template.HTML, error) {
	var out []template.HTML
	for _, s := range l[page] {
		html, err := s.Draw(ctx, id, lang)
		if err != nil {
			return nil, err
		}
		if html != "" {
			out = append(out, html)
		}
	}
	return out, nil
}
