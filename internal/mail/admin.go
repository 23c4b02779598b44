package mail

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/secrets"
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

const entryColumns = `id, recipient, lang, subject, body_text, attempts, last_error,
	created_at, next_attempt_at, sent_at, failed_at, delivered_via`

// Recent lists the newest outbox rows first. The secrets of links in the
// texts are cut out (secrets.Redact): who reads the outbox gets no working
// reset or invitation link.
func Recent(ctx context.Context, q db.Querier, limit int) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+entryColumns+
		" FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT $1", limit)
	return db.Collect(rows, err, scanEntry)
}

// Get returns one outbox row, its text redacted as in Recent.
func Get(ctx context.Context, q db.Querier, id string) (Entry, error) {
	if !ids.Valid(id) {
		return Entry{}, apperr.New(apperr.NotFound, "")
	}
	return scanEntry(q.QueryRowContext(ctx, "SELECT "+entryColumns+" FROM mail_outbox WHERE id = $1", id))
}

func scanEntry(row db.Scanner) (Entry, error) {
	var e Entry
	var sentAt, failedAt sql.NullTime
	var deliveredVia sql.NullString
	if err := row.Scan(&e.ID, &e.To, &e.Lang, &e.Subject, &e.Text, &e.Attempts, &e.LastError,
		&e.CreatedAt, &e.NextAttemptAt, &sentAt, &failedAt, &deliveredVia); err != nil {
		return e, db.Err(err)
	}
	e.Subject, e.Text = secrets.Redact(e.Subject), secrets.Redact(e.Text)
	e.CreatedAt, e.NextAttemptAt = e.CreatedAt.UTC(), e.NextAttemptAt.UTC()
	if sentAt.Valid {
		e.SentAt = sentAt.Time.UTC()
	}
	if failedAt.Valid {
		e.FailedAt = failedAt.Time.UTC()
	}
	e.Status = statusOf(sentAt.Valid, failedAt.Valid, deliveredVia.String)
	return e, nil
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

// Retention is how long the outbox keeps a mail after it was delivered or
// given up: long enough to answer "did you send it?", no longer.
const Retention = 30 * 24 * time.Hour

// Purge erases the mail delivered or given up more than Retention before
// now; the platform runs it as a periodic job.
func Purge(ctx context.Context, q db.Querier, now time.Time) error {
	_, err := PurgeBefore(ctx, q, now.Add(-Retention))
	return err
}

// PurgeBefore erases mail delivered or given up before cutoff, so the
// outbox does not keep links and personal messages longer than needed.
// It returns how many rows went.
func PurgeBefore(ctx context.Context, q db.Querier, cutoff time.Time) (int64, error) {
	res, err := q.ExecContext(ctx, `DELETE FROM mail_outbox
		WHERE sent_at < $1 OR failed_at < $1`, cutoff.UTC())
	if err != nil {
		return 0, db.Err(err)
	}
	n, err := res.RowsAffected()
	return n, db.Err(err)
}
