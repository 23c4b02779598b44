package mail

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
)

// MaxAttempts is how often a mail is tried before it is given up.
const MaxAttempts = 8

// retryDelays are the pauses after the 1st, 2nd, ... failed attempt: quick
// at first for a passing hiccup, then far enough apart to ride out an outage
// of the mail server over about two days.
var retryDelays = []time.Duration{
	time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

// RetryDelay is the pause after the given failed attempt (counting from 1).
func RetryDelay(attempt int) time.Duration {
	attempt = min(max(attempt, 1), len(retryDelays))
	return retryDelays[attempt-1]
}

const (
	// claimBatch is how many rows one claim takes; small, so several app
	// servers share a burst.
	claimBatch = 20
	// claimLease is how long a claim keeps other workers away. A server that
	// dies between sending and recording leaves its rows locked this long;
	// then one other worker sends them again.
	claimLease = 5 * time.Minute
	// maxErrorLen keeps a chatty server's reply from filling the table.
	maxErrorLen = 1000
)

// Worker delivers due mail from the outbox. Any number of workers on any
// number of app servers may run against one database: each row is claimed by
// exactly one of them.
type Worker struct {
	db     *db.DB
	sender Sender
	via    string
	clock  clock.Clock
	log    *slog.Logger
}

// NewWorker returns a worker delivering through s.
func NewWorker(d *db.DB, s Sender, clk clock.Clock, log *slog.Logger) *Worker {
	return &Worker{db: d, sender: s, via: via(s), clock: clk, log: orDefault(log)}
}

type claimedMail struct {
	Rendered
	attempts int // including the one under way
}

// DeliverDue sends every mail that is due now and returns how many went
// out. Failed deliveries are rescheduled, not returned as errors; an error
// means the database could not be read or written.
func (w *Worker) DeliverDue(ctx context.Context) (sent int, err error) {
	for {
		batch, err := w.claim(ctx)
		if err != nil {
			return sent, err
		}
		for i, m := range batch {
			if err := ctx.Err(); err != nil {
				w.release(ctx, batch[i:])
				return sent, err
			}
			ok, err := w.deliver(ctx, m)
			if err != nil {
				w.release(ctx, batch[i+1:])
				return sent, err
			}
			if ok {
				sent++
			}
		}
		if len(batch) < claimBatch {
			return sent, nil
		}
	}
}

// claim takes up to claimBatch due rows in one statement: it counts the
// attempt and locks them for claimLease. On PostgreSQL, SKIP LOCKED lets
// concurrent workers pass over each other's rows; on SQLite the single
// writer serialises claims.
func (w *Worker) claim(ctx context.Context) ([]claimedMail, error) {
	now := w.clock.Now().UTC()
	var batch []claimedMail
	err := w.db.Tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE mail_outbox
			SET attempts = attempts + 1, locked_until = $1
			WHERE id IN (
				SELECT id FROM mail_outbox
				WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2
					AND (locked_until IS NULL OR locked_until <= $2)
				ORDER BY next_attempt_at, id
				LIMIT $3`+w.db.ForUpdateSkipLocked()+`)
			RETURNING id, recipient, subject, body_text, body_html, list_unsubscribe, attempts,
				attachment_name, attachment_type, attachment_data`,
			now.Add(claimLease), now, claimBatch)
		batch, err = db.Collect(rows, err, func(row db.Scanner) (claimedMail, error) {
			var m claimedMail
			var a Attachment
			err := row.Scan(&m.ID, &m.To, &m.Subject, &m.Text, &m.HTML, &m.ListUnsubscribe, &m.attempts,
				&a.Name, &a.Type, &a.Data)
			if a.Name != "" {
				m.Attachment = &a
			}
			return m, err
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim due mail: %w", err)
	}
	return batch, nil
}

// deliver sends one claimed mail outside any transaction and records the
// outcome. The outcome is recorded even when ctx ends meanwhile, so a mail
// that left is not sent again.
func (w *Worker) deliver(ctx context.Context, m claimedMail) (sent bool, err error) {
	sendErr := w.sender.Send(ctx, m.Rendered)
	now := w.clock.Now().UTC()
	record := context.WithoutCancel(ctx)
	if sendErr == nil {
		_, err = w.db.ExecContext(record, `UPDATE mail_outbox
			SET sent_at = $1, delivered_via = $2, locked_until = NULL WHERE id = $3`,
			now, w.via, m.ID)
		if err != nil {
			return false, fmt.Errorf("record mail %s as sent: %w", m.ID, err)
		}
		return true, nil
	}
	if ctx.Err() != nil {
		// Shutting down mid-send is not the mail's fault.
		w.release(ctx, []claimedMail{m})
		return false, ctx.Err()
	}
	msg := errorText(sendErr)
	if m.attempts >= MaxAttempts {
		w.log.Warn("mail: giving up", "id", m.ID, "attempts", m.attempts, "error", msg)
		_, err = w.db.ExecContext(record, `UPDATE mail_outbox
			SET failed_at = $1, last_error = $2, locked_until = NULL WHERE id = $3`,
			now, msg, m.ID)
	} else {
		retry := now.Add(RetryDelay(m.attempts))
		w.log.Info("mail: delivery failed, will retry", "id", m.ID, "attempts", m.attempts, "retry_at", retry, "error", msg)
		_, err = w.db.ExecContext(record, `UPDATE mail_outbox
			SET next_attempt_at = $1, last_error = $2, locked_until = NULL WHERE id = $3`,
			retry, msg, m.ID)
	}
	if err != nil {
		return false, fmt.Errorf("record failed delivery of mail %s: %w", m.ID, err)
	}
	return false, nil
}

// release hands claimed but untried rows back at once instead of letting
// them wait for the lease to run out, and takes back the attempt.
func (w *Worker) release(ctx context.Context, batch []claimedMail) {
	ctx = context.WithoutCancel(ctx)
	for _, m := range batch {
		_, err := w.db.ExecContext(ctx, `UPDATE mail_outbox
			SET locked_until = NULL, attempts = attempts - 1
			WHERE id = $1 AND sent_at IS NULL AND failed_at IS NULL`, m.ID)
		if err != nil {
			w.log.Warn("mail: could not release claimed mail; it waits for its lease", "id", m.ID, "error", err)
		}
	}
}

// Run delivers due mail every interval until ctx ends.
func (w *Worker) Run(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if _, err := w.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("mail: delivering due mail", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func errorText(err error) string {
	s := err.Error()
	if len(s) <= maxErrorLen {
		return s
	}
	cut := maxErrorLen
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
