package funding

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/notify"
)

// Fourteen days after a campaign succeeded, supporters whose payment has
// not arrived (in full) are reminded once, with their transfer details.

// remindAfter is how long after success an unpaid reservation is reminded.
const remindAfter = 14 * 24 * time.Hour

var remindedNotice = notify.Kind{Name: "funding/payment_reminder", Subject: "funding.mail.reminder.subject",
	Greeting: "funding.mail.greeting", Body: []string{"funding.mail.reminder.body", "funding.mail.transfer",
		"funding.mail.girocode"}, Action: "funding.mail.open", Footer: "funding.mail.footer", Required: true}

func (m *Module) reminderJob() jobs.Job {
	return jobs.Job{Name: "funding.payment_reminders", Every: time.Hour, Run: m.RemindUnpaid}
}

// RemindUnpaid reminds, once, the supporters of campaigns that succeeded
// at least 14 days ago whose payment has not arrived.
func (m *Module) RemindUnpaid(ctx context.Context, now time.Time) error {
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+campaignColumns+` FROM funding_campaigns c
		WHERE c.status = 'succeeded' AND c.decided_at <= $1 AND EXISTS (SELECT 1 FROM funding_reservations r
		WHERE r.campaign_id = c.id AND r.status = 'reserved' AND r.paid_cents < r.amount_cents AND r.reminded_at IS NULL
		AND r.user_id IS NOT NULL) ORDER BY c.decided_at, c.id`, now.Add(-remindAfter))
	cs, err := db.Collect(rows, err, scanCampaign)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return m.remindCampaign(ctx, tx, c, now) }); err != nil {
			return err
		}
	}
	return nil
}

func (m *Module) remindCampaign(ctx context.Context, tx *sql.Tx, c *Campaign, now time.Time) error {
	rows, err := tx.QueryContext(ctx, "SELECT "+reservationColumns+` FROM funding_reservations r
		WHERE r.campaign_id = $1 AND r.status = 'reserved' AND r.paid_cents < r.amount_cents AND r.reminded_at IS NULL
		AND r.user_id IS NOT NULL ORDER BY r.created_at, r.id`, c.ID)
	rs, err := db.Collect(rows, err, scanReservation)
	if err != nil {
		return err
	}
	for _, r := range rs {
		res, err := tx.ExecContext(ctx, `UPDATE funding_reservations SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL`, now, r.ID)
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			continue // another server reminded meanwhile
		}
		if err := m.s.Notify.Send(ctx, tx, notify.Notice{Kind: remindedNotice, Item: notify.Item{Type: "campaign", ID: c.ID},
			Link: "/campaigns/" + c.ID, To: []string{r.UserID}, Params: []any{"Title", c.Title},
			Mail: notify.Mail{Args: transferArgs(c, r.Amount-r.Paid, r.Reference)}}, now); err != nil {
			return err
		}
	}
	return nil
}
