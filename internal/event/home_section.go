package event

import (
	"context"
	"html/template"

	"teilhabe.org/teilhabe/internal/apperr"
)

// homeSection draws the next events near the reader's place on the front
// page ("home"), or the next of all where none are near or the place is
// unknown.
func (m *Module) homeSection(ctx context.Context, place, _ string) (template.HTML, error) {
	if place != "" {
		html, err := m.section(ctx, Filter{Near: place}, "event.section.home_near")
		if html != "" || (err != nil && !apperr.Is(err, apperr.Invalid)) {
			return html, err
		}
	}
	return m.section(ctx, Filter{}, "event.section.home")
}
