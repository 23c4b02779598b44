package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// projectPoolKind names the projects' pools in the capacity core.
const projectPoolKind = "event.project"

func projectPool(p *Project) capacity.Pool { return capacity.Pool{Kind: projectPoolKind, ID: p.ID} }

// volunteerDay loads the event as a volunteer day; any other event has no
// projects (NotFound).
func volunteerDay(ctx context.Context, q db.Querier, eventID string) (*Event, error) {
	day, err := getEvent(ctx, q, eventID)
	if err != nil {
		return nil, err
	}
	if day.Kind != VolunteerDay {
		return nil, apperr.New(apperr.NotFound, "project.no_day")
	}
	return day, nil
}

// ProjectsOpen reports whether organisations may add projects at now, and
// until when.
func (m *Module) ProjectsOpen(ctx context.Context, day *Event) (bool, time.Time, error) {
	closes, err := projectsCloseAt(ctx, m.s.DB, day.ID)
	if err != nil {
		return false, time.Time{}, err
	}
	until := projectsClose(day, closes)
	return day.Status != Cancelled && !m.s.Clock.Now().After(until), until, nil
}

// CreateProject adds an organisation's project to a volunteer day while
// the day takes projects; it waits for the organisers' approval.
func (m *Module) CreateProject(ctx context.Context, actor *auth.Identity, eventID string, d ProjectDraft) (*Project, error) {
	if actor == nil || !ids.Valid(actor.UserID) {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	day, err := volunteerDay(ctx, m.s.DB, eventID)
	if err != nil {
		return nil, err
	}
	open, _, err := m.ProjectsOpen(ctx, day)
	if err != nil {
		return nil, err
	}
	if !open {
		return nil, apperr.New(apperr.Conflict, "project.closed")
	}
	d.normalize()
	f := d.validate(day)
	if f["organization_id"] == "" && !m.mayActFor(ctx, d.OrganizationID, actor) {
		f.Add("organization_id", "event.field.not_your_org")
	}
	var lat, lon *float64
	if f["postcode"] == "" && f["place"] == "" {
		if lat, lon, err = m.places.Locate(ctx, f, d.Postcode, &d.Place); err != nil {
			return nil, err
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := m.s.Limiter.Allow(ctx, createRule, actor.UserID); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	p := &Project{ID: ids.New(), EventID: day.ID, OrganizationID: d.OrganizationID, CreatedBy: actor.UserID,
		Title: d.Title, Description: d.Description, Street: d.Street, Postcode: d.Postcode, Place: d.Place,
		Lat: lat, Lon: lon, Start: d.Start, End: d.End, Capacity: d.Capacity, Languages: d.Languages,
		ForFamilies: d.ForFamilies, WithoutGerman: d.WithoutGerman, Status: Proposed, CreatedAt: now, UpdatedAt: now}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertProject(ctx, tx, p); err != nil {
			return err
		}
		_, err := capacity.SetLimit(ctx, tx, projectPool(p), p.Capacity)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// DecideProject approves or declines a proposed project, by the day's
// organisers or a coordinator; a declined project may still be approved.
// An approved project is public and found by the search.
func (m *Module) DecideProject(ctx context.Context, actor *auth.Identity, eventID, projectID string, to ProjectStatus) (*Event, *Project, error) {
	if actor == nil {
		return nil, nil, apperr.New(apperr.Unauthenticated, "")
	}
	var day *Event
	var p *Project
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if day, p, err = m.visibleProject(ctx, tx, actor, eventID, projectID); err != nil {
			return err
		}
		if !m.canManage(ctx, day, actor) {
			return apperr.New(apperr.Forbidden, "project.not_organiser")
		}
		if err := db.LockRow(ctx, tx, "event_projects", p.ID); err != nil {
			return err
		}
		if p, err = getProject(ctx, tx, eventID, projectID); err != nil {
			return err
		}
		if p.Status == to || p.Status == Approved || (to != Approved && to != Declined) {
			return apperr.New(apperr.Conflict, "project.decided")
		}
		now := m.s.Clock.Now()
		p.Status, p.DecidedAt, p.UpdatedAt = to, &now, now
		if err := setProjectStatus(ctx, tx, p); err != nil {
			return err
		}
		if err := m.tellDecided(ctx, tx, day, p, now); err != nil {
			return err
		}
		return m.indexProject(ctx, tx, day, p)
	})
	if err != nil {
		return nil, nil, err
	}
	return day, p, nil
}

// SetProjectsClose sets until which day organisations may add projects,
// by the day's organisers: to the end of that day in Europe/Berlin.
func (m *Module) SetProjectsClose(ctx context.Context, actor *auth.Identity, eventID string, day time.Time) error {
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		e, err := m.manageable(ctx, tx, actor, eventID)
		if err != nil {
			return err
		}
		if e.Kind != VolunteerDay {
			return apperr.New(apperr.NotFound, "project.no_day")
		}
		if day.After(clock.DayOf(e.End)) {
			return apperr.Field("closes", "project.field.closes_after_day")
		}
		return setProjectsClose(ctx, tx, e.ID, clock.EndOfDay(day))
	})
}

// visibleProject loads the day and the project for a person who may see
// it; anybody else is told it does not exist.
func (m *Module) visibleProject(ctx context.Context, q db.Querier, actor *auth.Identity, eventID, projectID string) (*Event, *Project, error) {
	day, err := volunteerDay(ctx, q, eventID)
	if err != nil {
		return nil, nil, err
	}
	p, err := getProject(ctx, q, day.ID, projectID)
	if err != nil {
		return nil, nil, err
	}
	if !m.seesProject(ctx, day, p, actor) {
		return nil, nil, apperr.New(apperr.NotFound, "")
	}
	return day, p, nil
}

// Project returns a project of a volunteer day as the person may see it.
func (m *Module) Project(ctx context.Context, actor *auth.Identity, eventID, projectID string) (*Event, *Project, error) {
	return m.visibleProject(ctx, m.s.DB, actor, eventID, projectID)
}

// Projects returns the day and its projects the person may see: the
// approved ones, and those not yet approved of the person's organisations
// (all of them for the day's organisers).
func (m *Module) Projects(ctx context.Context, actor *auth.Identity, eventID string) (*Event, []*Project, error) {
	day, err := volunteerDay(ctx, m.s.DB, eventID)
	if err != nil {
		return nil, nil, err
	}
	all, err := dayProjects(ctx, m.s.DB, day.ID)
	if err != nil {
		return nil, nil, err
	}
	organiser := m.canManage(ctx, day, actor)
	offers := map[string]bool{}
	var out []*Project
	for _, p := range all {
		if p.Status != Approved && !organiser {
			may, ok := offers[p.OrganizationID]
			if !ok {
				may = m.mayOffer(ctx, p, actor)
				offers[p.OrganizationID] = may
			}
			if !may {
				continue
			}
		}
		out = append(out, p)
	}
	return day, out, nil
}
