package pledge_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/pledge"
)

// TestLifecycleSucceedsAtDeadline follows a pledge from the draft to its
// success when the deadline job runs, on both databases: the pledger is
// told of the approval, sign-ups count once confirmed, and at the deadline
// pledger and confirmed signers share one conversation and get a mail.
func TestLifecycleSucceedsAtDeadline(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		cem := e.NewPerson(t, "cem", auth.Member)

		p, err := e.Pledges.Create(ctx, owner.Identity(), e.terms(10), nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != pledge.Draft {
			t.Fatalf("new pledge is %s", p.Status)
		}
		// Nobody but the pledger and coordinators sees a draft.
		if _, err := e.Pledges.Get(ctx, ana.Identity(), p.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("stranger sees a draft: %v", err)
		}
		if _, err := e.Pledges.Get(ctx, nil, p.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("visitor sees a draft: %v", err)
		}
		_, err = e.Pledges.Approve(ctx, staff.Identity(), p.ID)
		apptest.WantCode(t, "approve a draft", err, apperr.Conflict)
		if _, err := e.Pledges.Submit(ctx, owner.Identity(), p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Pledges.Approve(ctx, staff.Identity(), p.ID); err != nil {
			t.Fatal(err)
		}
		if !e.mailWith(t, owner.Email, "freigegeben") {
			t.Error("pledger not told of the approval")
		}

		// Sign-ups wait for the pledger; ben's is declined.
		sa, err := e.Pledges.SignUp(ctx, ana.Identity(), p.ID, pledge.SignupInput{Note: "Ich komme mittwochs."})
		if err != nil {
			t.Fatal(err)
		}
		sb, err := e.Pledges.SignUp(ctx, ben.Identity(), p.ID, pledge.SignupInput{Note: "Ich auch.", Anonymous: true})
		if err != nil {
			t.Fatal(err)
		}
		sc, err := e.Pledges.SignUp(ctx, cem.Identity(), p.ID, pledge.SignupInput{Note: "Donnerstags."})
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.Pledges.SignUp(ctx, ana.Identity(), p.ID, pledge.SignupInput{Note: "Noch einmal."})
		apptest.WantCode(t, "second sign-up", err, apperr.Conflict)
		_, err = e.Pledges.SignUp(ctx, owner.Identity(), p.ID, pledge.SignupInput{Note: "Ich selbst."})
		apptest.WantCode(t, "own sign-up", err, apperr.Conflict)
		if !e.mailWith(t, owner.Email, "Neue Zusage") {
			t.Error("pledger not told of the sign-up")
		}
		if got := e.get(t, p.ID); got.Confirmed != 0 || got.Pending != 3 {
			t.Errorf("before confirming: %d confirmed, %d pending", got.Confirmed, got.Pending)
		}
		for _, s := range []*pledge.Signup{sa, sc} {
			if _, err := e.Pledges.ConfirmSignup(ctx, owner.Identity(), p.ID, s.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.Pledges.DeclineSignup(ctx, owner.Identity(), p.ID, sb.ID); err != nil {
			t.Fatal(err)
		}
		if !e.mailWith(t, ana.Email, "bestätigt") || !e.mailWith(t, ben.Email, "nicht angenommen") {
			t.Error("signers not told of the pledger's decision")
		}
		if got := e.get(t, p.ID); got.Confirmed != 2 || !got.Reached() {
			t.Errorf("after confirming: %d confirmed", got.Confirmed)
		}
		supporters, err := e.Pledges.Supporters(ctx, p.ID)
		if err != nil || len(supporters) != 2 || supporters[0].Name != "Ana" {
			t.Errorf("supporters: %+v %v", supporters, err)
		}

		// The deadline job does nothing before the deadline.
		e.runJobs(t, 9*24*time.Hour)
		if got := e.get(t, p.ID); got.Status != pledge.Active {
			t.Fatalf("before the deadline: %s", got.Status)
		}
		e.runJobs(t, 2*24*time.Hour)
		got := e.get(t, p.ID)
		if got.Status != pledge.Successful || got.ClosedAt == nil || got.ConversationID == "" {
			t.Fatalf("after the deadline: %s closed %v conversation %q", got.Status, got.ClosedAt, got.ConversationID)
		}
		for _, who := range []*apptest.Person{owner, ana, cem} {
			if !e.mailWith(t, who.Email, "Eingelöst") {
				t.Errorf("%s not told of the success", who.Name)
			}
			res := who.Web.Get("/conversations/" + got.ConversationID)
			if res.Status != 200 || !strings.Contains(res.Body, "ist eingelöst") {
				t.Errorf("%s cannot open the shared conversation: %d", who.Name, res.Status)
			}
		}
		if e.mailWith(t, ben.Email, "Eingelöst") {
			t.Error("declined signer told of the success")
		}
		if res := ben.Web.Get("/conversations/" + got.ConversationID); res.Status == 200 {
			t.Error("declined signer sees the conversation")
		}
		// After the end nobody signs up, withdraws or is confirmed.
		_, err = e.Pledges.SignUp(ctx, staff.Identity(), p.ID, pledge.SignupInput{Note: "Zu spät."})
		apptest.WantCode(t, "late sign-up", err, apperr.Conflict)
		apptest.WantCode(t, "late withdrawal", e.Pledges.Withdraw(ctx, ana.Identity(), p.ID), apperr.Conflict)
		_, err = e.Pledges.ConfirmSignup(ctx, owner.Identity(), p.ID, sb.ID)
		apptest.WantCode(t, "late confirmation", err, apperr.Conflict)
	})
}

// TestLifecycleFailsKindly ends a pledge with too few sign-ups: everybody
// involved, the pending signer too, is told, and no conversation opens.
func TestLifecycleFailsKindly(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		p := e.active(t, owner, staff, 3, nil)
		sa, _ := e.Pledges.SignUp(ctx, ana.Identity(), p.ID, pledge.SignupInput{Note: "Ja."})
		if _, err := e.Pledges.SignUp(ctx, ben.Identity(), p.ID, pledge.SignupInput{Note: "Vielleicht."}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Pledges.ConfirmSignup(ctx, owner.Identity(), p.ID, sa.ID); err != nil {
			t.Fatal(err)
		}
		_, err := e.Pledges.Close(ctx, owner.Identity(), p.ID)
		apptest.WantCode(t, "early close with too few", err, apperr.Conflict)
		e.runJobs(t, 4*24*time.Hour)
		got := e.get(t, p.ID)
		if got.Status != pledge.Failed || got.ConversationID != "" {
			t.Fatalf("after the deadline: %s %q", got.Status, got.ConversationID)
		}
		for _, who := range []*apptest.Person{owner, ana, ben} {
			mails := e.Outbox(t, who.Email)
			last := mails[len(mails)-1]
			if !strings.Contains(last.Subject, "nicht eingelöst") || !strings.Contains(strings.ToLower(last.Text), "danke") {
				t.Errorf("%s: last mail %q\n%s", who.Name, last.Subject, last.Text)
			}
		}
		if m := e.Outbox(t, owner.Email); !strings.Contains(m[len(m)-1].Text, "1 von 2") {
			t.Errorf("pledger's mail lacks the count:\n%s", m[len(m)-1].Text)
		}
	})
}

// TestEarlyClose lets the pledger end a pledge as successful once enough
// sign-ups are confirmed; automatic confirmation counts them at once.
func TestEarlyClose(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		p := e.active(t, owner, staff, 20, func(tm *pledge.Terms) { tm.AutoConfirm = true })
		for _, who := range []*apptest.Person{ana, ben} {
			s, err := e.Pledges.SignUp(ctx, who.Identity(), p.ID, pledge.SignupInput{Note: "Bin dabei."})
			if err != nil || s.Status != pledge.SignupConfirmed {
				t.Fatalf("auto-confirmed sign-up: %+v %v", s, err)
			}
		}
		_, err := e.Pledges.Close(ctx, ana.Identity(), p.ID)
		apptest.WantCode(t, "a signer closes", err, apperr.Forbidden)
		got, err := e.Pledges.Close(ctx, owner.Identity(), p.ID)
		if err != nil || got.Status != pledge.Successful || got.ConversationID == "" {
			t.Fatalf("close: %+v %v", got, err)
		}
		// The deadline job later leaves it alone.
		e.runJobs(t, 21*24*time.Hour)
		if after := e.get(t, p.ID); after.Status != pledge.Successful || after.ConversationID != got.ConversationID {
			t.Errorf("deadline job changed a closed pledge: %+v", after)
		}
	})
}

// TestRefusedTransitions drives every refused move through the operations
// people use and checks that the status stays.
func TestRefusedTransitions(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		draft, _ := e.Pledges.Create(ctx, owner.Identity(), e.terms(5), nil)
		active := e.active(t, owner, staff, 5, nil)
		declined, _ := e.Pledges.Create(ctx, owner.Identity(), e.terms(5), nil)
		e.Pledges.Submit(ctx, owner.Identity(), declined.ID)
		if _, err := e.Pledges.Decline(ctx, staff.Identity(), declined.ID, "Bitte genauer beschreiben."); err != nil {
			t.Fatal(err)
		}
		type try struct {
			name string
			id   string
			do   func(id string) error
		}
		call := func(f func() (*pledge.Pledge, error)) error { _, err := f(); return err }
		for _, c := range []try{
			{"approve a draft", draft.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Approve(ctx, staff.Identity(), id) })
			}},
			{"decline a draft", draft.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Decline(ctx, staff.Identity(), id, "x") })
			}},
			{"close a draft", draft.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Close(ctx, owner.Identity(), id) })
			}},
			{"revise a draft", draft.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Revise(ctx, owner.Identity(), id) })
			}},
			{"submit an active one", active.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Submit(ctx, owner.Identity(), id) })
			}},
			{"approve an active one", active.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Approve(ctx, staff.Identity(), id) })
			}},
			{"decline an active one", active.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Decline(ctx, staff.Identity(), id, "x") })
			}},
			{"revise an active one", active.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Revise(ctx, owner.Identity(), id) })
			}},
			{"close without sign-ups", active.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Close(ctx, owner.Identity(), id) })
			}},
			{"approve a declined one", declined.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Approve(ctx, staff.Identity(), id) })
			}},
			{"submit a declined one", declined.ID, func(id string) error {
				return call(func() (*pledge.Pledge, error) { return e.Pledges.Submit(ctx, owner.Identity(), id) })
			}},
		} {
			before := e.get(t, c.id).Status
			apptest.WantCode(t, c.name, c.do(c.id), apperr.Conflict)
			if after := e.get(t, c.id).Status; after != before {
				t.Errorf("%s: status %s → %s", c.name, before, after)
			}
		}
		// A declined pledge goes back to a draft, is edited and submitted anew.
		if !e.mailWith(t, owner.Email, "nicht freigegeben") {
			t.Error("pledger not told of the decline")
		}
		if _, err := e.Pledges.Revise(ctx, owner.Identity(), declined.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Pledges.Update(ctx, owner.Identity(), declined.ID, func(tm pledge.Terms) pledge.Terms {
			tm.Description = "Genauer: jeden Mittwoch."
			return tm
		}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Pledges.Submit(ctx, owner.Identity(), declined.ID); err != nil {
			t.Fatal(err)
		}
		// An active pledge's terms stay as approved.
		_, err := e.Pledges.Update(ctx, owner.Identity(), active.ID, func(tm pledge.Terms) pledge.Terms { tm.Needed = 1; return tm }, nil)
		apptest.WantCode(t, "edit an active pledge", err, apperr.Conflict)
		// A draft whose deadline passed cannot be submitted.
		e.Clock.Advance(6 * 24 * time.Hour)
		_, err = e.Pledges.Submit(ctx, owner.Identity(), draft.ID)
		apptest.WantCode(t, "submit after the deadline", err, apperr.Conflict)
	})
}

// TestDeadlineJobRunsOnce runs the deadline job of two app servers at the
// same moment: each pledge ends once, with one conversation and one mail
// to each person.
func TestDeadlineJobRunsOnce(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		var ids []string
		for i := 0; i < 3; i++ {
			p := e.active(t, owner, staff, 2, func(tm *pledge.Terms) { tm.Needed = 1; tm.AutoConfirm = true })
			if _, err := e.Pledges.SignUp(ctx, ana.Identity(), p.ID, pledge.SignupInput{Note: "Ja."}); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, p.ID)
		}
		e.Clock.Advance(3 * 24 * time.Hour)
		var job func() error
		for _, j := range e.Pledges.Jobs() {
			if j.Name == "pledge.deadlines" {
				run := j.Run
				job = func() error { return run(ctx, e.Clock.Now()) }
			}
		}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = job() }()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Errorf("job: %v", err)
			}
		}
		for _, id := range ids {
			if got := e.get(t, id); got.Status != pledge.Successful {
				t.Errorf("%s: %s", id, got.Status)
			}
		}
		var n int
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM conversations").Scan(&n); err != nil || n != 3 {
			t.Errorf("%d conversations (%v), want 3", n, err)
		}
		succeeded := 0
		for _, m := range e.Outbox(t, ana.Email) {
			if strings.HasPrefix(m.Subject, "Eingelöst") {
				succeeded++
			}
		}
		if succeeded != 3 {
			t.Errorf("signer got %d success mails, want 3", succeeded)
		}
	})
}

// TestReportReminder reminds pledger and signers two weeks after success,
// once, when no report is published; then coordinators see the pledge.
func TestReportReminder(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		mk := func() *pledge.Pledge {
			p := e.active(t, owner, staff, 1, func(tm *pledge.Terms) { tm.Needed = 1; tm.AutoConfirm = true })
			if _, err := e.Pledges.SignUp(ctx, ana.Identity(), p.ID, pledge.SignupInput{Note: "Ja."}); err != nil {
				t.Fatal(err)
			}
			return p
		}
		quiet, reported := mk(), mk()
		e.runJobs(t, 2*24*time.Hour) // both succeed
		r, err := e.Blog.Write(ctx, owner.Identity(), "pledge", reported.ID, blog.Input{Title: "So war es", Body: "Gut.", Lang: "de"}, nil)
		if err != nil || !r.Published() {
			t.Fatalf("pledger's report: %+v %v", r, err)
		}
		reminders := func(who *apptest.Person) int {
			n := 0
			for _, m := range e.Outbox(t, who.Email) {
				if strings.HasPrefix(m.Subject, "Wie ist es gelaufen") {
					n++
				}
			}
			return n
		}
		e.runJobs(t, 13*24*time.Hour)
		if reminders(owner) != 0 {
			t.Fatal("reminded before two weeks")
		}
		if list, _ := e.Pledges.WithoutReport(ctx); len(list) != 0 {
			t.Errorf("coordinators see %d pledges before the reminder", len(list))
		}
		e.runJobs(t, 2*24*time.Hour)
		e.runJobs(t, 2*time.Hour)
		e.runJobs(t, 7*24*time.Hour)
		if reminders(owner) != 1 || reminders(ana) != 1 {
			t.Errorf("reminders: pledger %d, signer %d, want 1 each", reminders(owner), reminders(ana))
		}
		list, err := e.Pledges.WithoutReport(ctx)
		if err != nil || len(list) != 1 || list[0].ID != quiet.ID {
			t.Fatalf("coordinators' list: %v %v", list, err)
		}
		res := staff.Web.Get("/admin/pledges")
		if res.Status != 200 || !strings.Contains(res.Body, "/pledges/"+quiet.ID) {
			t.Errorf("admin page lacks the pledge without report: %d", res.Status)
		}
		// Once its report is out, it leaves the list.
		r, err = e.Blog.Write(ctx, ana.Identity(), "pledge", quiet.ID, blog.Input{Title: "Spät, aber da", Body: "Es lief.", Lang: "de"}, nil)
		if err != nil || r.Published() {
			t.Fatalf("signer's report: %+v %v", r, err)
		}
		if list, _ := e.Pledges.WithoutReport(ctx); len(list) != 1 {
			t.Error("an unconfirmed report took the pledge off the list")
		}
		if _, err := e.Blog.Confirm(ctx, owner.Identity(), r.ID); err != nil {
			t.Fatal(err)
		}
		if list, _ := e.Pledges.WithoutReport(ctx); len(list) != 0 {
			t.Errorf("still listed after the report was published: %d", len(list))
		}
	})
}

// TestOrganisationActsAsPledger lets any owner or editor of the pledging
// organisation act as the pledger, and nobody else.
func TestOrganisationActsAsPledger(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		colleague := e.NewPerson(t, "colleague", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		org, err := e.Orgs.Create(ctx, owner.ID, organization.Profile{Name: "Nordhessen Logistik", Kind: "company"})
		if err != nil {
			t.Fatal(err)
		}
		p := e.active(t, owner, staff, 5, func(tm *pledge.Terms) { tm.OrgID = org.ID })
		s, err := e.Pledges.SignUp(ctx, ana.Identity(), p.ID, pledge.SignupInput{Note: "Ja."})
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.Pledges.ConfirmSignup(ctx, colleague.Identity(), p.ID, s.ID)
		apptest.WantCode(t, "before joining", err, apperr.Forbidden)
		e.Join(t, owner, colleague, org.ID)
		if _, err := e.Pledges.ConfirmSignup(ctx, colleague.Identity(), p.ID, s.ID); err != nil {
			t.Errorf("an editor of the organisation confirms: %v", err)
		}
		_, err = e.Pledges.SignUp(ctx, colleague.Identity(), p.ID, pledge.SignupInput{Note: "Für die eigene Firma."})
		apptest.WantCode(t, "an editor signs up to the organisation's pledge", err, apperr.Conflict)
		mine, _ := e.Pledges.Mine(ctx, colleague.ID)
		if len(mine) != 1 || mine[0].ID != p.ID {
			t.Errorf("colleague's pledges: %d", len(mine))
		}
	})
}

// TestQuestionsAreRateLimited bounds how many questions one account asks.
func TestQuestionsAreRateLimited(t *testing.T) {
	e := newEnv(t, "sqlite")
	owner := e.NewPerson(t, "owner", auth.Member)
	staff := e.NewPerson(t, "staff", auth.Coordinator)
	ana := e.NewPerson(t, "ana", auth.Member)
	p := e.active(t, owner, staff, 5, nil)
	var err error
	for i := 0; i < 11 && err == nil; i++ {
		_, err = e.Pledges.Ask(ctx, ana.Identity(), p.ID, "Frage?")
	}
	apptest.WantCode(t, "eleventh question", err, apperr.RateLimited)
	e.Clock.Advance(time.Hour)
	if _, err := e.Pledges.Ask(ctx, ana.Identity(), p.ID, "Wieder eine Frage?"); err != nil {
		t.Errorf("an hour later: %v", err)
	}
}
