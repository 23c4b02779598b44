package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
)

var ctx = context.Background()

// secretIn finds the secret of a link to path in a delivered mail.
func secretIn(t *testing.T, text, path string) string {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(path) + `([A-Za-z0-9_-]+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no link to %s in:\n%s", path, text)
	}
	return m[1]
}

// TestOutboxShowsNoLiveLinks: an administrator sees the outbox with the
// secrets of reset and invitation links cut out, reads a mail's text only
// on its own page, and each such reading is in the audit log.
func TestOutboxShowsNoLiveLinks(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		admin := e.NewPerson(t, "admin", auth.Admin)
		olena := e.NewPerson(t, "olena", auth.Member)
		owner := e.NewPerson(t, "owner", auth.Member)
		e.Client(t).Post("/password/forgot", url.Values{"email": {olena.Email}})
		reset := secretIn(t, e.MailTo(t, olena.Email).Text, "/password/reset/")
		orgs := apptest.Module[*organization.Module](t, e)
		o, err := orgs.Create(ctx, owner.ID, organization.Profile{Name: "Tafel Nord", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		if err := orgs.Invite(ctx, owner.ID, o.ID, "new@example.org", organization.Editor); err != nil {
			t.Fatal(err)
		}
		invitation := secretIn(t, e.MailTo(t, "new@example.org").Text, "/invitations/")

		list := admin.Web.Get("/admin/mail")
		apptest.WantStatus(t, "outbox", list.Status, http.StatusOK, list.Body)
		apptest.Lacks(t, "outbox", list.Body, reset, invitation)
		ids := regexp.MustCompile(`href="/admin/mail/([0-9a-f-]{36})"`).FindAllStringSubmatch(list.Body, -1)
		if len(ids) < 2 {
			t.Fatalf("the outbox links %d mails:\n%s", len(ids), list.Body)
		}
		for _, id := range ids {
			page := admin.Web.Get("/admin/mail/" + id[1])
			apptest.WantStatus(t, "one mail", page.Status, http.StatusOK, page.Body)
			apptest.Lacks(t, "one mail", page.Body, reset, invitation)
		}
		page := admin.Web.Get("/admin/mail/" + ids[0][1])
		apptest.Contains(t, "one mail", page.Body, "/…")
		logged, err := audit.List(ctx, e.P.DB, audit.Filter{ActionPrefix: "mail.read", ObjectID: ids[0][1]})
		if err != nil || len(logged) != 2 || logged[0].ActorID != admin.ID {
			t.Errorf("readings of the mail in the audit log: %v %+v", err, logged)
		}
		// The links still work for whom they were sent to.
		if res := e.Client(t).Get("/password/reset/" + reset); res.Status != http.StatusOK {
			t.Errorf("the reset link: %d", res.Status)
		}
		if res := olena.Web.Get("/admin/mail/" + ids[0][1]); res.Status != http.StatusForbidden {
			t.Errorf("a member reads a mail: %d", res.Status)
		}
	})
}

// TestOutboxIsPurged: thirty days after delivery a mail leaves the outbox;
// mail delivered more recently stays.
func TestOutboxIsPurged(t *testing.T) {
	e := apptest.New(t, "sqlite")
	olena := e.NewPerson(t, "olena", auth.Member)
	e.Client(t).Post("/password/forgot", url.Values{"email": {olena.Email}})
	e.DeliverMail(t)
	if n := len(e.Outbox(t, olena.Email)); n != 1 {
		t.Fatalf("%d mails", n)
	}
	e.Clock.Advance(29 * 24 * time.Hour)
	e.Client(t).Post("/password/forgot", url.Values{"email": {olena.Email}})
	e.DeliverMail(t)
	if err := e.P.App.Jobs.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(e.Outbox(t, olena.Email)); n != 2 {
		t.Errorf("after 29 days: %d mails, want both", n)
	}
	e.Clock.Advance(2 * 24 * time.Hour)
	if err := e.P.App.Jobs.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(e.Outbox(t, olena.Email)); n != 1 {
		t.Errorf("after 31 days: %d mails, want the newer one", n)
	}
}
