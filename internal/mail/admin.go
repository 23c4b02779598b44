package mail

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
)

// Status is where a mail stands.
type Status string

const (
	Queued Status = "queued" // waiting for its first or next attempt
	Sent   Status = "sent"   // accepted by the SMTP server
	Logged Status = "logged" // written to the log; no SMTP server was configured
	Failed Status = "failed" // given up after MaxAttempts
)

// Entry is one outbox row as the admin area shows it. Times not reached yet
// are zero.
type Entry struct {
	ID            string
	Status        Status
	To            string
	Lang          string
	Subject       string
	Text          string
	Attempts      int
	LastError     string
	CreatedAt     time.Time
	NextAttemptAt time.Time
	SentAt        time.Time
	FailedAt      time.Time
}

// Recent lists the newest outbox rows first.
func Recent(ctx context.Context, q db.Querier, limit int) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, recipient, lang, subject, body_text, attempts, last_error,
			created_at, next_attempt_at, sent_at, failed_at, delivered_via
		FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, db.Err(err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var sentAt, failedAt sql.NullTime
		var deliveredVia sql.NullString
		if err := rows.Scan(&e.ID, &e.To, &e.Lang, &e.Subject, &e.Text, &e.Attempts, &e.LastError,
			&e.CreatedAt, &e.NextAttemptAt, &sentAt, &failedAt, &deliveredVia); err != nil {
			return nil, db.Err(err)
		}
		e.CreatedAt, e.NextAttemptAt = e.CreatedAt.UTC(), e.NextAttemptAt.UTC()
		if sentAt.Valid {
			e.SentAt = sentAt.Time.UTC()
		}
		if failedAt.Valid {
			e.FailedAt = failedAt.Time.UTC()
		}
		e.Status = statusOf(sentAt.Valid, failedAt.Valid, deliveredVia.String)
		out = append(out, e)
	}
	return out, db.Err(rows.Err())
}

func statusOf(sent, failed bool, via string) Status {
	switch {
	case sent && via == ViaLog:
		return Logged
	case sent:
		return Sent
	case failed:
		return Failed
	}
	return Queued
}

// ForgetRecipient erases the delivered and given-up mail to addr, for
// account deletion. Mail still waiting is kept and goes out: it was caused
// by something the person did and may be what confirms the deletion.
func ForgetRecipient(ctx context.Context, q db.Querier, addr string) error {
	_, err := q.ExecContext(ctx, `DELETE FROM mail_outbox
		WHERE lower(recipient) = lower($1) AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)`, addr)
	return db.Err(err)
}

// PurgeBefore erases delivered and given-up mail created before cutoff, so
// the outbox does not keep links and personal messages longer than needed.
// It returns how many rows went.
func PurgeBefore(ctx context.Context, q db.Querier, cutoff time.Time) (int64, error) {
	res, err := q.ExecContext(ctx, `DELETE FROM mail_outbox
		WHERE created_at < $1 AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)`, cutoff.UTC())
	if err != nil {
		return 0, db.Err(err)
	}
	n, err := res.RowsAffected()
	return n, db.Err(err)
}
