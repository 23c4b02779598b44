package funding

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/notify"
)

// At its deadline a running campaign succeeds when what supporters
// reserved and what matchers add reach its goal, and fails otherwise.
// Either way everybody who reserved is told in their language: on
// success with the transfer details and their own creditor reference,
// otherwise that nothing is to be paid. Matchers get their share's
// details too.

var (
	succeededNotice = notify.Kind{Name: "funding/succeeded", Subject: "funding.mail.succeeded.subject",
		Greeting: "funding.mail.greeting", Body: []string{"funding.mail.succeeded.body", "funding.mail.transfer",
			"funding.mail.girocode"}, Action: "funding.mail.open", Footer: "funding.mail.footer", Required: true}
	matchNotice = notify.Kind{Name: "funding/match_due", Subject: "funding.mail.match.subject",
		Greeting: "funding.mail.greeting", Body: []string{"funding.mail.match.body", "funding.mail.transfer",
			"funding.mail.girocode"}, Action: "funding.mail.open", Footer: "funding.mail.footer", Required: true}
	failedNotice = notify.Kind{Name: "funding/failed", Subject: "funding.mail.failed.subject",
		Greeting: "funding.mail.greeting", Body: []string{"funding.mail.failed.body"}, Action: "funding.mail.open",
		Footer: "funding.mail.footer"}
	cancelledNotice = notify.Kind{Name: "funding/cancelled", Subject: "funding.mail.cancelled.subject",
		Greeting: "funding.mail.greeting", Body: []string{"funding.mail.cancelled.body"}, Action: "funding.mail.open",
		Footer: "funding.mail.footer"}
)

// NotifyKinds are the module's notices.
func (m *Module) NotifyKinds() []notify.Kind {
	return []notify.Kind{succeededNotice, matchNotice, failedNotice, cancelledNotice, remindedNotice}
}

// JudgeDue settles every running campaign whose deadline has passed.
func (m *Module) JudgeDue(ctx context.Context, now time.Time) error {
	due, err := campaignsDue(ctx, m.s.DB, now)
	if err != nil {
		return err
	}
	for _, c := range due {
		if err := m.judge(ctx, c.ID, now); err != nil {
			return err
		}
	}
	return nil
}

// judge settles one campaign in one transaction with its mails; a
// campaign settled meanwhile is left alone.
func (m *Module) judge(ctx context.Context, id string, now time.Time) error {
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "funding_campaigns", id, "status = 'running'"); err != nil {
			return nil // settled by another run
		}
		c, err := getCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		if now.Before(c.Deadline) {
			return nil
		}
		p, err := progressOf(ctx, tx, c)
		if err != nil {
			return err
		}
		c.Status = Failed
		if p.Total >= c.Goal {
			c.Status = Succeeded
		}
		c.DecidedAt, c.UpdatedAt = &now, now
		if err := updateCampaign(ctx, tx, c); err != nil {
			return err
		}
		if err := m.indexCampaign(ctx, tx, c); err != nil {
			return err
		}
		return m.tellOutcome(ctx, tx, c, now)
	})
}

// tellOutcome tells every supporter (and, on success, every matcher) what
// the campaign's end means for them, in tx.
func (m *Module) tellOutcome(ctx context.Context, tx *sql.Tx, c *Campaign, now time.Time) error {
	rs, err := reservationsOf(ctx, tx, c.ID, false)
	if err != nil {
		return err
	}
	item, link := notify.Item{Type: "campaign", ID: c.ID}, "/campaigns/"+c.ID
	params := []any{"Title", c.Title}
	if c.Status != Succeeded {
		kind := failedNotice
		if c.Status == Cancelled {
			kind = cancelledNotice
		}
		to := make([]string, 0, len(rs))
		for _, r := range rs {
			to = append(to, r.UserID)
		}
		return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: kind, Item: item, Link: link, To: to, Params: params}, now)
	}
	for _, r := range rs {
		if err := m.s.Notify.Send(ctx, tx, notify.Notice{Kind: succeededNotice, Item: item, Link: link, To: []string{r.UserID},
			Params: params, Mail: notify.Mail{Args: transferArgs(c, r.Amount, r.Reference)}}, now); err != nil {
			return err
		}
	}
	ms, err := matchesOf(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	var reserved int64
	for _, r := range rs {
		reserved += r.Amount
	}
	for _, x := range ms {
		if err := m.s.Notify.Send(ctx, tx, notify.Notice{Kind: matchNotice, Item: item, Link: link, To: []string{x.CreatedBy},
			Params: params, Mail: notify.Mail{Args: transferArgs(c, min(x.Cap, reserved), x.Reference)}}, now); err != nil {
			return err
		}
	}
	return nil
}

// transferArgs are the transfer details a mail shows. The amount is
// written as banks write it ("EUR 25.00"), the same in every language.
func transferArgs(c *Campaign, amount int64, reference string) []any {
	bic := c.BIC
	if bic == "" {
		bic = "–"
	}
	return []any{"Holder", c.Holder, "IBAN", grouped(c.IBAN), "BIC", bic, "Amount", bankAmount(amount),
		"Reference", grouped(reference)}
}

// bankAmount is "EUR 25.00".
func bankAmount(cents int64) string {
	return fmt.Sprintf("EUR %d.%02d", cents/100, cents%100)
}
