package pledge

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/userdata"
)

// UserData is the module's part in export and erasure.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "pledge", Export: m.exportUserData, Erase: m.eraseUserData})
}

// Export is what the module holds about a person.
type Export struct {
	Pledges   []ExportPledge   `json:"pledges"`
	Signups   []ExportSignup   `json:"signups"`
	Questions []ExportQuestion `json:"questions"`
}

// ExportPledge is a pledge the person made.
type ExportPledge struct {
	ID             string    `json:"id"`
	Status         Status    `json:"status"`
	OrganizationID string    `json:"organization_id,omitempty"`
	Promise        string    `json:"promise"`
	Needed         int       `json:"needed"`
	Who            string    `json:"who"`
	Condition      string    `json:"condition"`
	Deadline       time.Time `json:"deadline"`
	Postcode       string    `json:"postcode"`
	Place          string    `json:"place"`
	Description    string    `json:"description"`
	CreatedAt      time.Time `json:"created_at"`
}

// ExportSignup is a sign-up of the person, with their note.
type ExportSignup struct {
	PledgeID       string    `json:"pledge_id"`
	OrganizationID string    `json:"organization_id,omitempty"`
	Note           string    `json:"note"`
	Anonymous      bool      `json:"anonymous"`
	Status         string    `json:"status"`
	CreatedAt      time.Time `json:"created_at"`
}

// ExportQuestion is a question the person asked.
type ExportQuestion struct {
	PledgeID  string    `json:"pledge_id"`
	Question  string    `json:"question"`
	Answer    string    `json:"answer"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

// exportUserData gathers the Export of a person.
func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	e := &Export{Pledges: []ExportPledge{}, Signups: []ExportSignup{}, Questions: []ExportQuestion{}}
	q := m.s.DB
	pledges, err := queryPledges(ctx, q, "SELECT "+pledgeColumns+" FROM pledges p WHERE p.owner_id = $1 ORDER BY p.created_at, p.id", userID)
	if err != nil {
		return nil, err
	}
	for _, p := range pledges {
		e.Pledges = append(e.Pledges, ExportPledge{ID: p.ID, Status: p.Status, OrganizationID: p.OrgID, Promise: p.Promise,
			Needed: p.Needed, Who: p.Who, Condition: p.Condition, Deadline: p.Deadline, Postcode: p.Postcode, Place: p.Place,
			Description: p.Description, CreatedAt: p.CreatedAt})
	}
	signups, err := querySignups(ctx, q, "user_id = $1", userID)
	if err != nil {
		return nil, err
	}
	for _, s := range signups {
		e.Signups = append(e.Signups, ExportSignup{PledgeID: s.PledgeID, OrganizationID: s.OrgID, Note: s.Note,
			Anonymous: s.Anonymous, Status: string(s.Status), CreatedAt: s.CreatedAt})
	}
	questions, err := queryQuestions(ctx, q, "asker_id = $1", userID)
	if err != nil {
		return nil, err
	}
	for _, qu := range questions {
		e.Questions = append(e.Questions, ExportQuestion{PledgeID: qu.PledgeID, Question: qu.Text, Answer: qu.Answer,
			Status: string(qu.Status), CreatedAt: qu.CreatedAt})
	}
	return e, nil
}

// eraseUserData removes what the person made for themselves: their own pledges
// (pledges made for an organisation stay with it, and the blog erases
// their reports) and questions. Sign-ups to pledges
// still running are withdrawn; those of ended pledges keep counting but
// lose their note and name.
func (m *Module) eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	own, err := queryPledges(ctx, tx, "SELECT "+pledgeColumns+" FROM pledges p WHERE p.owner_id = $1 AND p.organization_id IS NULL", userID)
	if err != nil {
		return err
	}
	for _, p := range own {
		if err := m.deletePledge(ctx, tx, p); err != nil {
			return err
		}
		// Notices to others quote the promise.
		if err := m.s.Notify.Forget(ctx, tx, pledgeItem(p)); err != nil {
			return err
		}
	}
	return userdata.Exec(ctx, tx, userID,
		"DELETE FROM pledge_questions WHERE asker_id = $1",
		`DELETE FROM pledge_signups WHERE user_id = $1 AND pledge_id IN (
			SELECT id FROM pledges WHERE status NOT IN ('successful', 'failed'))`,
		"UPDATE pledge_signups SET note = '', anonymous = TRUE WHERE user_id = $1",
	)
}
