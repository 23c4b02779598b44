package network_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/notify"
)

// TestProposalNotice: a partnership proposal tells the owners and editors
// of each proposed partner, each in their language, with the goal in the
// mail and a link to the proposal; the proposing side and strangers are
// not told.
func TestProposalNotice(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna := e.NewPersonLang(t, "anna", auth.Member, "de")
		bilal := e.NewPersonLang(t, "bilal", auth.Member, "ar")
		olena := e.NewPersonLang(t, "olena", auth.Member, "uk")
		stranger := e.NewPersonLang(t, "stranger", auth.Member, "de")
		agency := e.NewOrg(t, anna, "Freiwilligenagentur", "volunteer_agency", "34117", "Kassel", "de")
		mso := e.NewOrg(t, bilal, "Syrischer Verein", "migrant_organization", "34117", "Kassel", "ar", "de")
		e.Join(t, bilal, olena, mso.ID)

		status, p := e.API(t, e.Token(t, anna.Email), http.MethodPost, "/api/v1/partnerships", map[string]any{
			"organization_id": agency.ID, "partners": []string{mso.ID}, "goal": "Sprachpatenschaften für Familien",
			"benefit": "Familien finden Anschluss", "starts_on": "2026-04-01", "lang": "de"})
		if status != http.StatusCreated {
			t.Fatalf("propose: %d %v", status, p)
		}
		id := p["id"].(string)

		proposals := func(who *apptest.Person) []notify.Record { return e.Notices(t, who, "network/proposed") }
		for _, want := range []struct {
			who           *apptest.Person
			subject, body string
		}{
			{bilal, "«Freiwilligenagentur» تقترح على «Syrischer Verein» شراكة", "تودّ «Freiwilligenagentur» العمل مع «Syrischer Verein». هدف الشراكة:"},
			{olena, "«Freiwilligenagentur» пропонує «Syrischer Verein» співпрацю", "«Freiwilligenagentur» хоче співпрацювати з «Syrischer Verein». Мета співпраці:"},
		} {
			rs := proposals(want.who)
			if len(rs) != 1 || rs[0].Link != "/partnerships/"+id || rs[0].Item != (notify.Item{Type: "partnership", ID: id}) {
				t.Errorf("%s's records: %+v", want.who.Email, rs)
			}
			mails := e.Outbox(t, want.who.Email)
			m := mails[len(mails)-1]
			if m.Subject != want.subject || !strings.Contains(m.Text, want.body) ||
				!strings.Contains(m.Text, "Sprachpatenschaften für Familien") || !strings.Contains(m.Text, e.URL+"/partnerships/"+id) {
				t.Errorf("mail to %s: %q\n%s", want.who.Email, m.Subject, m.Text)
			}
		}
		// The German line, as Bilal's inbox would show it to a German reader.
		rs := proposals(bilal)
		if line := e.P.Services.Notify.Line(e.P.Services.Catalog.Localizer("de"), rs[0]); line != "„Freiwilligenagentur“ schlägt „Syrischer Verein“ eine Kooperation vor" {
			t.Errorf("German line %q", line)
		}
		for _, who := range []*apptest.Person{anna, stranger} {
			if rs := proposals(who); len(rs) != 0 {
				t.Errorf("%s was told of the proposal: %+v", who.Email, rs)
			}
		}
		// Opening it from the inbox leads the partner's editor to the proposal.
		res := bilal.Web.Get("/me/inbox/" + rs[0].ID)
		if res.Status != http.StatusSeeOther || res.Location() != "/partnerships/"+id {
			t.Errorf("opening the notice: %d %s", res.Status, res.Location())
		}
	})
}
