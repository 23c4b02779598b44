package event

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// projectColumns is the column list scanProject reads, prefixed "p.".
const projectColumns = `p.id, p.event_id, p.organization_id, COALESCE(CAST(p.created_by AS TEXT), ''), p.title,
	p.description, p.street, p.postcode, p.place, p.lat, p.lon, p.starts_at, p.ends_at, p.capacity, p.for_families,
	p.without_german, p.status, p.decided_at, p.created_at, p.updated_at`

func scanProject(row db.Scanner) (*Project, error) {
	p := &Project{}
	var status string
	var lat, lon sql.NullFloat64
	var decided sql.NullTime
	err := row.Scan(&p.ID, &p.EventID, &p.OrganizationID, &p.CreatedBy, &p.Title, &p.Description, &p.Street,
		&p.Postcode, &p.Place, &lat, &lon, &p.Start, &p.End, &p.Capacity, &p.ForFamilies, &p.WithoutGerman, &status,
		&decided, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, db.Err(err)
	}
	p.Status = ProjectStatus(status)
	if lat.Valid && lon.Valid {
		p.Lat, p.Lon = &lat.Float64, &lon.Float64
	}
	p.DecidedAt = db.TimePtr(decided)
	p.Start, p.End, p.CreatedAt, p.UpdatedAt = p.Start.UTC(), p.End.UTC(), p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, nil
}

// getProject loads a project of the event with its languages; a project
// of another event is NotFound.
func getProject(ctx context.Context, q db.Querier, eventID, id string) (*Project, error) {
	if !ids.Valid(id) || !ids.Valid(eventID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	p, err := scanProject(q.QueryRowContext(ctx, "SELECT "+projectColumns+" FROM event_projects p WHERE p.id = $1 AND p.event_id = $2",
		id, eventID))
	if err != nil {
		return nil, err
	}
	return p, withProjectLanguages(ctx, q, []*Project{p})
}

// dayProjects loads every project of the day, by start and id.
func dayProjects(ctx context.Context, q db.Querier, eventID string) ([]*Project, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+projectColumns+` FROM event_projects p WHERE p.event_id = $1
ORDER BY p.starts_at, p.ends_at, p.id`, eventID)
	projects, err := db.Collect(rows, err, scanProject)
	if err != nil {
		return nil, err
	}
	return projects, withProjectLanguages(ctx, q, projects)
}

// projectsByID loads the projects of ids, by start.
func projectsByID(ctx context.Context, q db.Querier, projectIDs []string) ([]*Project, error) {
	if len(projectIDs) == 0 {
		return nil, nil
	}
	marks, args := db.In(1, projectIDs)
	rows, err := q.QueryContext(ctx, "SELECT "+projectColumns+" FROM event_projects p WHERE p.id IN ("+marks+
		") ORDER BY p.starts_at, p.id", args...)
	projects, err := db.Collect(rows, err, scanProject)
	if err != nil {
		return nil, err
	}
	return projects, withProjectLanguages(ctx, q, projects)
}

func withProjectLanguages(ctx context.Context, q db.Querier, projects []*Project) error {
	if len(projects) == 0 {
		return nil
	}
	byID := map[string]*Project{}
	keys := make([]string, len(projects))
	for i, p := range projects {
		byID[p.ID], keys[i] = p, p.ID
	}
	marks, args := db.In(1, keys)
	rows, err := q.QueryContext(ctx, "SELECT project_id, lang FROM event_project_languages WHERE project_id IN ("+marks+
		") ORDER BY project_id, lang", args...)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var id, lang string
		if err := s.Scan(&id, &lang); err != nil {
			return err
		}
		byID[id].Languages = append(byID[id].Languages, lang)
		return nil
	})
	for _, p := range projects {
		p.Languages = text.SortLanguages(p.Languages)
	}
	return err
}

func insertProject(ctx context.Context, tx *sql.Tx, p *Project) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_projects (id, event_id, organization_id, created_by, title,
description, street, postcode, place, lat, lon, starts_at, ends_at, capacity, for_families, without_german, status,
created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
		p.ID, p.EventID, p.OrganizationID, db.NullString(p.CreatedBy), p.Title, p.Description, p.Street, p.Postcode,
		p.Place, db.NullPtr(p.Lat), db.NullPtr(p.Lon), p.Start, p.End, p.Capacity, p.ForFamilies, p.WithoutGerman,
		string(p.Status), p.CreatedAt, p.UpdatedAt)
	if err != nil {
		return db.Err(err)
	}
	for _, l := range p.Languages {
		if _, err := tx.ExecContext(ctx, "INSERT INTO event_project_languages (project_id, lang) VALUES ($1, $2)", p.ID, l); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// setProjectStatus records a decision.
func setProjectStatus(ctx context.Context, tx *sql.Tx, p *Project) error {
	_, err := tx.ExecContext(ctx, `UPDATE event_projects SET status = $2, decided_at = $3, updated_at = $4 WHERE id = $1`,
		p.ID, string(p.Status), db.NullPtr(p.DecidedAt), p.UpdatedAt)
	return db.Err(err)
}

// projectsCloseAt reads the day's closing date for projects; nil without.
func projectsCloseAt(ctx context.Context, q db.Querier, eventID string) (*time.Time, error) {
	var t time.Time
	err := q.QueryRowContext(ctx, "SELECT projects_close FROM event_project_days WHERE event_id = $1", eventID).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, db.Err(err)
	}
	t = t.UTC()
	return &t, nil
}

func setProjectsClose(ctx context.Context, tx *sql.Tx, eventID string, t time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_project_days (event_id, projects_close) VALUES ($1, $2)
ON CONFLICT (event_id) DO UPDATE SET projects_close = excluded.projects_close`, eventID, t)
	return db.Err(err)
}

// lockVolunteer takes the lock of the person's sign-ups for the day until
// tx ends: an upsert is the one statement that locks a row on both engines.
func lockVolunteer(ctx context.Context, tx *sql.Tx, eventID, userID string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_project_volunteers (event_id, user_id, signups) VALUES ($1, $2, 1)
ON CONFLICT (event_id, user_id) DO UPDATE SET signups = event_project_volunteers.signups + 1`, eventID, userID)
	return db.Err(err)
}
