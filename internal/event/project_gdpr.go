package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// Projects belong to their organisation: export lists those the person
// added and their sign-ups; erasure forgets the person as the one who
// added a project and drops their sign-up lock rows (the capacity core's
// erasure in eraseUserData gives their places back).

// ExportProject is a project the person added for an organisation.
type ExportProject struct {
	ProjectID      string    `json:"project_id"`
	EventID        string    `json:"event_id"`
	OrganizationID string    `json:"organization_id"`
	Title          string    `json:"title"`
	Start          time.Time `json:"start"`
	CreatedAt      time.Time `json:"created_at"`
}

// ExportSignup is the person's sign-up for a project, or place in its
// waiting list.
type ExportSignup struct {
	ProjectID string    `json:"project_id"`
	EventID   string    `json:"event_id"`
	Title     string    `json:"title"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Status    string    `json:"status"`
	Position  int       `json:"position,omitempty"`
	Since     time.Time `json:"since"`
}

// exportProjectData adds the person's projects and sign-ups to out.
func (m *Module) exportProjectData(ctx context.Context, userID string, out map[string]any) error {
	rows, err := m.s.DB.QueryContext(ctx, `SELECT id, event_id, organization_id, title, starts_at, created_at
FROM event_projects WHERE created_by = $1 ORDER BY created_at, id`, userID)
	added, err := db.Collect(rows, err, func(s db.Scanner) (ExportProject, error) {
		var x ExportProject
		err := s.Scan(&x.ProjectID, &x.EventID, &x.OrganizationID, &x.Title, &x.Start, &x.CreatedAt)
		x.Start, x.CreatedAt = x.Start.UTC(), x.CreatedAt.UTC()
		return x, err
	})
	if err != nil {
		return err
	}
	if added == nil {
		added = []ExportProject{}
	}
	mine, err := signedUpProjects(ctx, m.s.DB, userID, false)
	if err != nil {
		return err
	}
	signups := []ExportSignup{}
	for _, s := range mine {
		signups = append(signups, ExportSignup{ProjectID: s.project.ID, EventID: s.project.EventID, Title: s.project.Title,
			Start: s.project.Start, End: s.project.End, Status: string(s.claim.Status), Position: s.claim.Position,
			Since: s.claim.CreatedAt.UTC()})
	}
	out["projects"], out["project_signups"] = added, signups
	return nil
}

// eraseProjectData forgets the person in the projects' own tables, in tx.
func (m *Module) eraseProjectData(ctx context.Context, tx *sql.Tx, userID string) error {
	if err := userdata.Exec(ctx, tx, userID, "UPDATE event_projects SET created_by = NULL WHERE created_by = $1"); err != nil {
		return err
	}
	return userdata.Exec(ctx, tx, userID, "DELETE FROM event_project_volunteers WHERE user_id = $1")
}
