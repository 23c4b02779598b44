package organization_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/notify"
)

// TestVerifiedNotice: when the coordination office verifies an
// organisation, its owners and editors are told, each in their language,
// and nobody else: not a member who left, not the coordinator, not a
// stranger. Removing the mark tells nobody.
func TestVerifiedNotice(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPersonLang(t, "owner", auth.Member, "de")
		editor := e.NewPersonLang(t, "editor", auth.Member, "fa")
		left := e.NewPersonLang(t, "left", auth.Member, "de")
		stranger := e.NewPersonLang(t, "stranger", auth.Member, "de")
		staff := e.NewPersonLang(t, "staff", auth.Coordinator, "de")
		o, err := e.Orgs.Create(ctx, owner.ID, kassel("Nachbarschaftshilfe Nord"))
		if err != nil {
			t.Fatal(err)
		}
		e.Join(t, owner, editor, o.ID)
		e.Join(t, owner, left, o.ID)
		if err := e.Orgs.Leave(ctx, left.ID, o.ID); err != nil {
			t.Fatal(err)
		}
		res := staff.Web.Post("/admin/organizations/"+o.ID+"/verify", nil)
		apptest.WantStatus(t, "verify", res.Status, http.StatusSeeOther, res.Body)

		told := func(p *apptest.Person) []notify.Record { return e.Notices(t, p, "organization/verified") }
		for _, want := range []struct {
			p             *apptest.Person
			subject, body string
		}{
			{owner, "„Nachbarschaftshilfe Nord“ ist jetzt verifiziert", "Die Koordinierungsstelle hat „Nachbarschaftshilfe Nord“ verifiziert."},
			{editor, "«Nachbarschaftshilfe Nord» اکنون تأییدشده است", "دفتر هماهنگی «Nachbarschaftshilfe Nord» را تأیید کرد."},
		} {
			rs := told(want.p)
			if len(rs) != 1 || rs[0].Link != "/organizations/"+o.ID || rs[0].Item != (notify.Item{Type: "organization", ID: o.ID}) {
				t.Errorf("%s's records: %+v", want.p.Email, rs)
			}
			mails := e.Outbox(t, want.p.Email)
			if len(mails) == 0 {
				t.Fatalf("no mail to %s", want.p.Email)
			}
			m := mails[len(mails)-1]
			if m.Subject != want.subject || !strings.Contains(m.Text, want.body) || !strings.Contains(m.Text, e.URL+"/organizations/"+o.ID) {
				t.Errorf("mail to %s: %q\n%s", want.p.Email, m.Subject, m.Text)
			}
		}
		for _, p := range []*apptest.Person{left, stranger, staff} {
			if rs := told(p); len(rs) != 0 {
				t.Errorf("%s was told: %+v", p.Email, rs)
			}
		}
		if _, err := e.Orgs.SetVerified(ctx, staff.Identity(), o.ID, false); err != nil {
			t.Fatal(err)
		}
		if rs := told(owner); len(rs) != 1 {
			t.Errorf("removing the mark told the owner again: %+v", rs)
		}
	})
}
