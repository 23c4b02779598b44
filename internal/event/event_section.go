package event

import (
	"context"
	"html/template"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/directory"
)

// sectionSize is how many upcoming events a section on another module's
// page shows; the rest are a link away.
const sectionSize = 5

// Sections: the upcoming events of an organisation on its page, and those
// in a municipality on the municipality's page.
func (m *Module) Sections() []app.Section {
	return []app.Section{
		{Page: "organization", Draw: m.organizationSection},
		{Page: directory.MunicipalityPage, Draw: m.municipalitySection},
		{Page: "home", Draw: m.homeSection, Order: 20},
	}
}

func (m *Module) organizationSection(ctx context.Context, orgID, _ string) (template.HTML, error) {
	return m.section(ctx, Filter{OrganizationID: orgID}, "event.section.organization")
}

func (m *Module) municipalitySection(ctx context.Context, ags, _ string) (template.HTML, error) {
	if !validMunicipality(ags) {
		return "", nil
	}
	return m.section(ctx, Filter{Municipality: ags}, "event.section.municipality")
}

// sectionPart is what the template "event_section" shows.
type sectionPart struct {
	Heading string // message id
	Events  []listing
	More    bool   // more upcoming events than the section shows
	Query   string // the filter of the list and the feed
}

// section draws the first upcoming events of the filter with links to
// the whole list and its calendar feed; nothing when none are upcoming.
func (m *Module) section(ctx context.Context, f Filter, heading string) (template.HTML, error) {
	f.Limit = sectionSize
	events, next, err := m.Page(ctx, f)
	if err != nil || len(events) == 0 {
		return "", err
	}
	listed, err := m.withOrgNames(ctx, events)
	if err != nil {
		return "", err
	}
	f.Limit = 0
	data := &sectionPart{Heading: heading, Events: listed, More: next != "", Query: f.query()}
	return m.s.Render.Fragment(ctx, "event/event_section", data, nil)
}
