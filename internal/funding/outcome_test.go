package funding_test

import (
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/funding"
)

func TestSucceedsAtTheDeadlineWhenTheGoalIsReached(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.running(t, e.draft())
		mia := e.reserve(t, e.Mia, c, 60000)
		sami := e.reserve(t, e.Sami, c, 40000)

		// Reaching the goal early decides nothing: people may still
		// withdraw until the deadline.
		if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if got := e.get(t, c.ID); got.Status != funding.Running {
			t.Fatalf("before the deadline: %s", got.Status)
		}
		e.Clock.Set(deadline.Add(time.Minute))
		if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		got := e.get(t, c.ID)
		if got.Status != funding.Succeeded || got.DecidedAt == nil {
			t.Fatalf("after the deadline: %s", got.Status)
		}
		e.DeliverMail(t)
		de := e.MailTo(t, e.Mia.Email)
		apptest.Contains(t, "German mail", de.Subject+de.Text, "Ziel erreicht", "Kooperative Brücke eG",
			"DE89 3704 0044 0532 0130 00", "EUR 600.00", strings.Join(splitFours(mia.Reference), " "))
		ar := e.MailTo(t, e.Sami.Email)
		apptest.Contains(t, "Arabic mail", ar.Subject+ar.Text, "بلغت الحملة هدفها", "EUR 400.00", strings.Join(splitFours(sami.Reference), " "))
		if mia.Reference == sami.Reference {
			t.Error("two supporters got one reference")
		}

		// Nothing changes after success.
		if _, err := e.Funding.CancelReservation(ctx, e.Mia.Identity(), mia.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("withdraw after success: %v", err)
		}
		if _, err := e.Funding.Reserve(ctx, e.Rolf.Identity(), c.ID, funding.Pledge{Amount: 1000}); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("reserve after success: %v", err)
		}
		if _, err := e.Funding.Cancel(ctx, e.Olga.Identity(), c.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("cancel after success: %v", err)
		}
		if err := e.Funding.JudgeDue(ctx, e.Clock.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n := e.MailCount(t, e.Mia.Email); n != 1 {
			t.Errorf("Mia got %d mails; a second run must not tell her again", n)
		}
	})
}

func splitFours(s string) []string {
	var out []string
	for len(s) > 4 {
		out, s = append(out, s[:4]), s[4:]
	}
	return append(out, s)
}

func TestFailsAtTheDeadlineBelowTheGoal(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.running(t, e.draft())
		e.reserve(t, e.Mia, c, 60000)
		withdrawn := e.reserve(t, e.Sami, c, 50000)
		if _, err := e.Funding.CancelReservation(ctx, e.Mia.Identity(), withdrawn.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("Mia withdrew Sami's reservation: %v", err)
		}
		if _, err := e.Funding.CancelReservation(ctx, e.Sami.Identity(), withdrawn.ID); err != nil {
			t.Fatal(err)
		}
		e.Clock.Set(deadline)
		if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if got := e.get(t, c.ID); got.Status != funding.Failed {
			t.Fatalf("status %s; want failed", got.Status)
		}
		e.DeliverMail(t)
		m := e.MailTo(t, e.Mia.Email)
		apptest.Contains(t, "failure mail", m.Subject+m.Text, "Ziel verfehlt", "du zahlst nichts")
		apptest.Lacks(t, "failure mail", m.Text, "IBAN")
		if n := e.MailCount(t, e.Sami.Email); n != 0 {
			t.Errorf("Sami withdrew and still got %d mails", n)
		}
	})
}

func TestMatchfundingCountsUpToItsCap(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.running(t, e.draft())
		if _, err := e.Funding.OfferMatch(ctx, e.Olga.Identity(), c.ID, e.OrgID, 10000); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("an organisation matched its own campaign: %v", err)
		}
		if _, err := e.Funding.OfferMatch(ctx, e.Mia.Identity(), c.ID, e.FoundationID, 10000); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("Mia matched for a foundation she is not in: %v", err)
		}
		x, err := e.Funding.OfferMatch(ctx, e.Tom.Identity(), c.ID, e.FoundationID, 30000)
		if err != nil {
			t.Fatal(err)
		}
		e.reserve(t, e.Mia, c, 20000)
		p, _ := e.Funding.Progress(ctx, c)
		if p.Reserved != 20000 || p.Matched != 20000 || p.Total != 40000 {
			t.Errorf("below the cap: %+v", p)
		}
		e.reserve(t, e.Sami, c, 50000)
		p, _ = e.Funding.Progress(ctx, c)
		if p.Reserved != 70000 || p.Matched != 30000 || p.Total != 100000 {
			t.Errorf("at the cap: %+v", p)
		}
		e.Clock.Set(deadline.Add(time.Second))
		if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if got := e.get(t, c.ID); got.Status != funding.Succeeded {
			t.Fatalf("status %s: the matched part must count toward the goal", got.Status)
		}
		e.DeliverMail(t)
		m := e.MailTo(t, e.Tom.Email)
		apptest.Contains(t, "matcher's mail in Turkish", m.Subject+m.Text, "eşleştirme", "EUR 300.00", strings.Join(splitFours(x.Reference), " "))
	})
}

func TestCancellationTellsEveryoneAndEndsReservations(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.running(t, e.draft())
		e.reserve(t, e.Mia, c, 100000)
		if _, err := e.Funding.Cancel(ctx, e.Mia.Identity(), c.ID); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("a supporter cancelled: %v", err)
		}
		if _, err := e.Funding.Cancel(ctx, e.Rolf.Identity(), c.ID); err != nil {
			t.Fatal(err)
		}
		e.Clock.Set(deadline.Add(time.Hour))
		if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if got := e.get(t, c.ID); got.Status != funding.Cancelled {
			t.Errorf("status %s: a cancelled campaign never succeeds", got.Status)
		}
		e.DeliverMail(t)
		apptest.Contains(t, "cancel mail", e.MailTo(t, e.Mia.Email).Subject, "Abgebrochen")
		if _, err := e.Funding.Reserve(ctx, e.Sami.Identity(), c.ID, funding.Pledge{Amount: 1000}); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("reserve on a cancelled campaign: %v", err)
		}
	})
}

func TestReservationRules(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Purpose, d.Rewards = funding.Rewards, []funding.Reward{{Title: "Postkarte", Amount: 2000, Quantity: 1}}
		c := e.running(t, d)
		reward := c.Rewards[0].ID
		for name, tc := range map[string]struct {
			p     funding.Pledge
			field string
		}{
			"below minimum": {funding.Pledge{Amount: 499}, "amount"},
			"below reward":  {funding.Pledge{Amount: 1000, RewardID: reward}, "amount"},
			"unknown":       {funding.Pledge{Amount: 5000, RewardID: "0190a0a0-0000-7000-8000-000000000000"}, "reward_id"},
			"long message":  {funding.Pledge{Amount: 5000, Message: strings.Repeat("x", 501)}, "message"},
		} {
			_, err := e.Funding.Reserve(ctx, e.Mia.Identity(), c.ID, tc.p)
			if ae := apperr.As(err); ae.Code != apperr.Invalid || ae.Fields[tc.field] == "" {
				t.Errorf("%s: %v", name, err)
			}
		}
		if _, err := e.Funding.Reserve(ctx, e.Mia.Identity(), c.ID, funding.Pledge{Amount: 2500, RewardID: reward}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Funding.Reserve(ctx, e.Mia.Identity(), c.ID, funding.Pledge{Amount: 2500}); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("a second reservation: %v", err)
		}
		_, err := e.Funding.Reserve(ctx, e.Sami.Identity(), c.ID, funding.Pledge{Amount: 2500, RewardID: reward})
		if ae := apperr.As(err); ae.Fields["reward_id"] != "funding.field.reward_gone" {
			t.Errorf("the last postcard twice: %v", err)
		}

		shares := e.draft()
		shares.Purpose, shares.SharePrice, shares.Goal = funding.Shares, 10000, 500000
		s := e.running(t, shares)
		if _, err := e.Funding.Reserve(ctx, e.Mia.Identity(), s.ID, funding.Pledge{Amount: 15000}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("one and a half shares: %v", err)
		}
		e.reserve(t, e.Mia, s, 30000)
	})
}

func TestGoalDeadlineAndAccountStayOnceReserved(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.running(t, e.draft())
		if _, err := e.Funding.Update(ctx, e.Rolf.Identity(), c.ID, func(d funding.CampaignDraft) funding.CampaignDraft {
			d.Goal = 80000
			return d
		}); err != nil {
			t.Fatalf("change before reservations: %v", err)
		}
		e.reserve(t, e.Mia, c, 1000)
		for name, change := range map[string]func(*funding.CampaignDraft){
			"goal":     func(d *funding.CampaignDraft) { d.Goal = 50000 },
			"deadline": func(d *funding.CampaignDraft) { d.Deadline = d.Deadline.AddDate(0, 0, 7) },
			"iban":     func(d *funding.CampaignDraft) { d.IBAN = otherIBAN },
		} {
			_, err := e.Funding.Update(ctx, e.Rolf.Identity(), c.ID, func(d funding.CampaignDraft) funding.CampaignDraft {
				change(&d)
				return d
			})
			if ae := apperr.As(err); ae.Code != apperr.Invalid || !strings.Contains(strings.Join(fieldValues(ae.Fields), " "), "funding.field.frozen") {
				t.Errorf("%s changed after a reservation: %v", name, err)
			}
		}
		got, err := e.Funding.Update(ctx, e.Rolf.Identity(), c.ID, func(d funding.CampaignDraft) funding.CampaignDraft {
			d.Title = "Ein Lastenrad für alle"
			return d
		})
		if err != nil || got.Title != "Ein Lastenrad für alle" || got.Goal != 80000 {
			t.Errorf("title change: %v %+v", err, got)
		}
	})
}

func fieldValues(f apperr.Fields) []string {
	var out []string
	for _, v := range f {
		out = append(out, v)
	}
	return out
}

func TestDraftValidation(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		for name, tc := range map[string]struct {
			edit  func(d *funding.CampaignDraft)
			field string
		}{
			"iban checksum": {func(d *funding.CampaignDraft) { d.IBAN = "DE89370400440532013001" }, "iban"},
			"bic":           {func(d *funding.CampaignDraft) { d.BIC = "ABC" }, "bic"},
			"holder":        {func(d *funding.CampaignDraft) { d.Holder = strings.Repeat("x", 71) }, "holder"},
			"goal":          {func(d *funding.CampaignDraft) { d.Goal = 0 }, "goal"},
			"stretch":       {func(d *funding.CampaignDraft) { d.Stretch = 50000 }, "stretch"},
			"past":          {func(d *funding.CampaignDraft) { d.Deadline = at(2026, 3, 1, 12, 0) }, "deadline"},
			"far":           {func(d *funding.CampaignDraft) { d.Deadline = at(2027, 6, 1, 12, 0) }, "deadline"},
			"purpose":       {func(d *funding.CampaignDraft) { d.Purpose = "loan" }, "purpose"},
			"share price":   {func(d *funding.CampaignDraft) { d.Purpose = funding.Shares }, "share_price"},
			"other org":     {func(d *funding.CampaignDraft) { d.OrganizationID = e.FoundationID }, "organization_id"},
		} {
			d := e.draft()
			tc.edit(&d)
			_, err := e.Funding.Create(ctx, e.Rolf.Identity(), d)
			if ae := apperr.As(err); ae.Code != apperr.Invalid || ae.Fields[tc.field] == "" {
				t.Errorf("%s: %v", name, err)
			}
		}
		d := e.draft()
		d.Purpose, d.Receipts = funding.Rewards, true
		c, err := e.Funding.Create(ctx, e.Rolf.Identity(), d)
		if err != nil || c.Receipts || c.Minimum != 500 {
			t.Errorf("receipts are for donations only, the minimum defaults to 5 euros: %v %+v", err, c)
		}
	})
}
