package event

import (
	"context"
	"database/sql"
	"math"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/db"
)

// The anonymous self-declaration on registration ("I came to Germany as
// a refugee or migrant"): each answer only counts up a counter of the
// date, so no answer can be traced to a person. The share of "yes" is
// shown once registration has closed and at least minDeclared answered,
// rounded to 5 %, so that nobody's answer can be inferred from a change.

// Declarations are the answers, in the order the form offers them.
var Declarations = []string{"yes", "no", "unsaid"}

// minDeclared is how many must have answered before the share is shown.
const minDeclared = 10

func validDeclaration(s string) bool { return s == "" || slices.Contains(Declarations, s) }

// countDeclaration counts one answer for the date; no answer counts
// nothing.
func countDeclaration(ctx context.Context, tx *sql.Tx, eventID, day, answer string) error {
	if answer == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO event_declarations (event_id, day, answer, answers) VALUES ($1, $2, $3, 1)
ON CONFLICT (event_id, day, answer) DO UPDATE SET answers = event_declarations.answers + 1`, eventID, day, answer)
	return db.Err(err)
}

// Declared is what the event page shows of the self-declarations of a
// date: the share of "yes" in percent, rounded to 5, and how many
// answered; Shown is false until it may be shown.
type Declared struct {
	Share, Answered int
	Shown           bool
}

// registrationClosed reports whether registration for the date d has
// closed for good at now: its window closed or the date began.
func (d *Event) registrationClosed(now time.Time) bool {
	return !now.Before(d.Start) || (d.RegCloses != nil && now.After(*d.RegCloses))
}

// declared reads the self-declarations of the date d.
func (m *Module) declared(ctx context.Context, d *Event) (Declared, error) {
	var out Declared
	if !d.Registration || !d.registrationClosed(m.s.Clock.Now()) {
		return out, nil
	}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT answer, answers FROM event_declarations WHERE event_id = $1 AND day = $2`,
		d.ID, d.day())
	yes := 0
	err = db.Each(rows, err, func(s db.Scanner) error {
		var answer string
		var n int
		if err := s.Scan(&answer, &n); err != nil {
			return err
		}
		out.Answered += n
		if answer == "yes" {
			yes = n
		}
		return nil
	})
	if err != nil || out.Answered < minDeclared {
		return Declared{}, err
	}
	out.Share = int(math.Round(float64(yes)*100/float64(out.Answered)/5)) * 5
	out.Shown = true
	return out, nil
}
