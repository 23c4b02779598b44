package event

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// Approved projects of a volunteer day are found in the search as type
// event, until they end; a declined project, or one of a cancelled day,
// leaves it.

// indexProject hands the project to the search index in tx.
func (m *Module) indexProject(ctx context.Context, tx *sql.Tx, day *Event, p *Project) error {
	if m.index == nil {
		return nil
	}
	if p.Status != Approved || day.Status == Cancelled || p.End.Before(m.s.Clock.Now()) {
		return m.index.Delete(ctx, tx, searchdoc.Event, p.ID)
	}
	return m.index.Put(ctx, tx, m.projectDoc(ctx, day, p))
}

// indexDayProjects hands every project of a volunteer day to the index
// again, in the transaction that changed the day.
func (m *Module) indexDayProjects(ctx context.Context, tx *sql.Tx, day *Event) error {
	if m.index == nil || day.Kind != VolunteerDay {
		return nil
	}
	projects, err := dayProjects(ctx, tx, day.ID)
	if err != nil {
		return err
	}
	for _, p := range projects {
		if err := m.indexProject(ctx, tx, day, p); err != nil {
			return err
		}
	}
	return nil
}

// projectDoc is what search shows of a project: what its page shows
// everybody, written in the day's language.
func (m *Module) projectDoc(ctx context.Context, day *Event, p *Project) searchdoc.Doc {
	end, start := p.End, p.Start
	startDay := clock.DayOf(p.Start)
	d := searchdoc.Doc{
		Type: searchdoc.Event, ID: p.ID, Title: p.Title, Body: p.Description + "\n\n" + day.Title,
		Lang: day.ContentLang, Langs: p.Languages, Visibility: searchdoc.Public, Postcode: p.Postcode, Place: p.Place,
		Lat: p.Lat, Lon: p.Lon, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, ExpiresAt: &end, Deadline: &start,
		Start: &startDay, End: &startDay, URL: "/events/" + p.EventID + "/projects/" + p.ID,
	}
	if s, err := m.orgs.StandingOf(ctx, p.OrganizationID, ""); err == nil {
		d.OrgKind, d.Verified = s.Kind, s.Verified
	}
	return d
}

// projectDocs yields the day's approved projects that have not ended, for
// rebuilding the search index.
func (m *Module) projectDocs(ctx context.Context, day *Event, yield func(searchdoc.Doc) error) error {
	if day.Kind != VolunteerDay || day.Status == Cancelled {
		return nil
	}
	projects, err := dayProjects(ctx, m.s.DB, day.ID)
	if err != nil {
		return err
	}
	now := m.s.Clock.Now()
	for _, p := range projects {
		if p.Status == Approved && !p.End.Before(now) {
			if err := yield(m.projectDoc(ctx, day, p)); err != nil {
				return err
			}
		}
	}
	return nil
}
