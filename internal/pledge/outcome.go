package pledge

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/db"
)

// ReminderAfter is how long after a pledge succeeded its people are
// reminded to write the report, once.
const ReminderAfter = 14 * 24 * time.Hour

// succeed puts the pledger and the confirmed signers of a pledge that just
// succeeded in touch: one conversation with all of them, in which each may
// choose to share their contact details, and a mail to each.
func (m *Module) succeed(ctx context.Context, tx *sql.Tx, p *Pledge, now time.Time) error {
	signups, err := querySignups(ctx, tx, "pledge_id = $1 AND status = 'confirmed'", p.ID)
	if err != nil {
		return err
	}
	to := make([]conversation.Participant, 0, len(signups))
	signers := make([]string, 0, len(signups))
	for _, s := range signups {
		to = append(to, conversation.Participant{UserID: s.UserID, OrgID: s.OrgID, Anonymous: s.Anonymous})
		signers = append(signers, s.UserID)
	}
	l := m.s.Catalog.Localizer(p.Lang)
	convID, err := m.conversations.Start(ctx, tx,
		conversation.About{Kind: "pledge", ID: p.ID, Title: p.Title(), URL: "/pledges/" + p.ID},
		conversation.Participant{UserID: p.OwnerID, OrgID: p.OrgID}, to,
		l.T("pledge.conversation.first", "Promise", p.Promise))
	switch {
	case apperr.Is(err, apperr.Forbidden):
		// Two of them blocked each other: the pledge succeeded all the
		// same; they meet through the pledge's page instead.
		m.s.Log.Warn("pledge succeeded without a conversation", "pledge", p.ID, "err", err)
		convID = ""
	case err != nil:
		return err
	default:
		if err := m.conversations.EnableContactSharing(ctx, tx, convID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE pledges SET conversation_id = $1 WHERE id = $2", convID, p.ID); err != nil {
			return db.Err(err)
		}
		p.ConversationID = convID
	}
	path := "/pledges/" + p.ID
	if convID != "" {
		path = "/conversations/" + convID
	}
	args := []any{"Promise", p.Promise}
	if err := m.sendPledger(ctx, tx, p, letter{kind: succeededPledger, item: pledgeItem(p), path: path, args: args}, now); err != nil {
		return err
	}
	return m.sendAll(ctx, tx, signers, letter{kind: succeededSigner, item: pledgeItem(p), path: path, args: args}, now)
}

// fail tells everybody involved, kindly, that the pledge ended with too
// few sign-ups.
func (m *Module) fail(ctx context.Context, tx *sql.Tx, p *Pledge, now time.Time) error {
	signups, err := querySignups(ctx, tx, "pledge_id = $1 AND status IN ('pending', 'confirmed')", p.ID)
	if err != nil {
		return err
	}
	args := []any{"Promise", p.Promise, "Confirmed", p.Confirmed, "Needed", p.Needed}
	if err := m.sendPledger(ctx, tx, p, letter{kind: failedPledger, item: pledgeItem(p), path: "/pledges/" + p.ID, args: args}, now); err != nil {
		return err
	}
	signers := make([]string, 0, len(signups))
	for _, s := range signups {
		signers = append(signers, s.UserID)
	}
	return m.sendAll(ctx, tx, signers, letter{kind: failedSigner, item: pledgeItem(p), path: "/pledges?show=open", args: args}, now)
}

// dueBatch bounds how many pledges one run of a job handles; the rest
// follow in the next run.
const dueBatch = 200

func dueIDs(ctx context.Context, q db.Querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	return db.Collect(rows, err, db.Value[string])
}

// expireDue ends the active pledges whose deadline passed: successful
// with enough confirmed sign-ups, failed without. Each pledge changes in a
// transaction of its own that re-checks its status under a row lock, so
// two app servers never end the same pledge twice.
func (m *Module) expireDue(ctx context.Context, now time.Time) error {
	due, err := dueIDs(ctx, m.s.DB, "SELECT id FROM pledges WHERE status = 'active' AND deadline <= $1 ORDER BY deadline, id LIMIT $2",
		now, dueBatch)
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range due {
		if err := m.expire(ctx, id, now); err != nil {
			errs = append(errs, fmt.Errorf("pledge %s: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

func (m *Module) expire(ctx context.Context, id string, now time.Time) error {
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		p, err := lockPledge(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.Status != Active || now.Before(p.Deadline) {
			return nil // another server or the pledger was first
		}
		if err := m.move(ctx, tx, p, Expire, now, "closed_at = ?", now); err != nil {
			return err
		}
		end := m.fail
		if p.Status == Successful {
			end = m.succeed
		}
		if err := end(ctx, tx, p, now); err != nil {
			return err
		}
		return m.indexPledge(ctx, tx, p.ID)
	})
}

// remindDue reminds pledger and confirmed signers of pledges that
// succeeded two weeks ago and have no published report, once: reminded_at
// is set in the same conditional UPDATE that wins the right to send.
// Afterwards the coordinators see the pledge in their list.
func (m *Module) remindDue(ctx context.Context, now time.Time) error {
	// The candidates are few (successful pledges never reminded); the
	// blog says which have their report already.
	candidates, err := dueIDs(ctx, m.s.DB, `SELECT p.id FROM pledges p WHERE p.status = 'successful' AND p.reminded_at IS NULL
		AND p.closed_at <= $1 ORDER BY p.closed_at, p.id`, now.Add(-ReminderAfter))
	if err != nil {
		return err
	}
	due, err := unreported(ctx, m, candidates, func(id string) string { return id })
	if err != nil {
		return err
	}
	due = due[:min(len(due), dueBatch)]
	var errs []error
	for _, id := range due {
		if err := m.remind(ctx, id, now); err != nil {
			errs = append(errs, fmt.Errorf("pledge %s: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

func (m *Module) remind(ctx context.Context, id string, now time.Time) error {
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE pledges SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL", now, id)
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		p, err := pledgeByID(ctx, tx, id)
		if err != nil {
			return err
		}
		signups, err := querySignups(ctx, tx, "pledge_id = $1 AND status = 'confirmed'", p.ID)
		if err != nil {
			return err
		}
		var people []string
		if m.isPledger(ctx, p, p.OwnerID) {
			people = append(people, p.OwnerID)
		}
		for _, s := range signups {
			people = append(people, s.UserID)
		}
		return m.sendAll(ctx, tx, people, letter{kind: reportDue, item: pledgeItem(p),
			path: "/pledges/" + p.ID + "/report", args: []any{"Promise", p.Promise}}, now)
	})
}
