package funding_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/organization"
)

// campaignForm is a valid posted form of the organisation's campaign.
func (e *env) campaignForm() url.Values {
	return apptest.Form("organization_id", e.OrgID, "title", "Ein Lastenrad", "story", "Wir brauchen ein *Lastenrad*.",
		"content_lang", "de", "purpose", "rewards", "goal", "1.000", "minimum", "", "deadline", "31.03.2026",
		"holder", "Kooperative Brücke eG", "iban", "DE89 3704 0044 0532 0130 00", "ledger_public", "1",
		"reward_title_1", "Postkarte", "reward_amount_1", "20", "reward_quantity_1", "50")
}

func TestCreatePageKeepsEveryValueAndNamesEachError(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		form := e.campaignForm()
		form.Set("iban", "DE89 3704 0044 0532 0130 01")
		form.Set("goal", "tausend")
		form.Set("deadline", "gestern")
		form.Set("title", "")
		res := e.Rolf.Web.Post("/campaigns/new", form)
		apptest.WantStatus(t, "create with errors", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "form again", res.Body, `id="f-iban-error"`, `id="f-goal-error"`, `id="f-deadline-error"`,
			`id="f-title-error"`, "Diese IBAN ist ungültig", `value="tausend"`, `value="Kooperative Brücke eG"`,
			`value="Postkarte"`, `>Wir brauchen ein *Lastenrad*.</textarea>`)
		own, err := e.Orgs.Create(ctx, e.Sami.ID, organization.Profile{Name: "جمعية الجسر", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		form.Set("organization_id", own.ID)
		ar := e.Sami.Web.Post("/campaigns/new", form)
		apptest.Contains(t, "Arabic errors", ar.Body, "رقم IBAN هذا غير صالح", `dir="rtl"`)
	})
}

func TestCampaignThroughThePages(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		res := e.Rolf.Web.Post("/campaigns/new", e.campaignForm())
		apptest.WantStatus(t, "create", res.Status, http.StatusSeeOther, res.Body)
		page := res.Location()
		if res := e.Client(t).Get(page); res.Status != http.StatusNotFound {
			t.Errorf("a visitor sees the draft: %d", res.Status)
		}
		if res := e.Mia.Web.Get(page); res.Status != http.StatusNotFound {
			t.Errorf("Mia sees the draft: %d", res.Status)
		}
		if res := e.Mia.Web.Post(page+"/publish", nil); res.Status != http.StatusNotFound {
			t.Errorf("Mia published: %d", res.Status)
		}
		res = e.Olga.Web.Post(page+"/publish", nil)
		apptest.WantStatus(t, "publish", res.Status, http.StatusSeeOther, res.Body)
		show := e.Client(t).Get(page)
		apptest.WantStatus(t, "visitor", show.Status, http.StatusOK, show.Body)
		apptest.Contains(t, "campaign page", show.Body, "Ein Lastenrad", "<em>Lastenrad</em>", "0,00\u00a0€ von 1.000,00\u00a0€",
			"Postkarte", `"@type":"MonetaryGrant"`, "/login?next=")
		apptest.Lacks(t, "visitor's page", show.Body, "/edit", "DE89")

		res = e.Mia.Web.Post(page+"/reserve", apptest.Form("amount", "3", "message", "Viel Glück"))
		apptest.WantStatus(t, "reserve too little", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "too little", res.Body, `id="f-amount-error"`, `value="3"`, "Viel Glück")
		res = e.Mia.Web.Post(page+"/reserve", apptest.Form("amount", "600", "message", "Viel Glück"))
		apptest.WantStatus(t, "reserve", res.Status, http.StatusSeeOther, res.Body)
		tr := e.Tom.Web.Post(page+"/reserve", apptest.Form("amount", "400", "anonymous", "1"))
		apptest.WantStatus(t, "reserve anonymously", tr.Status, http.StatusSeeOther, tr.Body)
		show = e.Client(t).Get(page)
		apptest.Contains(t, "supporters", show.Body, "Mia", "Viel Glück", "1.000,00\u00a0€ von 1.000,00\u00a0€")
		apptest.Lacks(t, "anonymous supporter", show.Body, "Tom")
		turkish := e.Tom.Web.Get(page)
		apptest.Contains(t, "Turkish page", turkish.Body, "€400,00 ayırdınız", `lang="tr"`)

		list := e.Olga.Web.Get(page + "/reservations")
		apptest.Contains(t, "reservations", list.Body, "Mia", "Tom", "nicht öffentlich genannt", "RF")
		e.Clock.Set(deadline.Add(time.Minute))
		if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		mine := e.Mia.Web.Get(page)
		apptest.Contains(t, "transfer details", mine.Body, "Deine Überweisung", "DE89 3704 0044 0532 0130 00", "600,00\u00a0€", "RF")
		apptest.Lacks(t, "after success", mine.Body, "/reservation/cancel")
		if res := e.Mia.Web.Post(page+"/reservation/cancel", nil); res.Status != http.StatusConflict {
			t.Errorf("withdraw after success: %d", res.Status)
		}
		if res := e.Olga.Web.Get(page + "/edit"); res.Status != http.StatusConflict {
			t.Errorf("edit after success: %d", res.Status)
		}
	})
}

func TestOwnedPagesRefuseOthers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.running(t, e.draft())
		e.reserve(t, e.Sami, c, 2000)
		if err := e.Orgs.RemoveMember(ctx, e.Olga.ID, e.OrgID, e.Rolf.ID); err != nil {
			t.Fatal(err)
		}
		page := "/campaigns/" + c.ID
		for who, client := range map[string]*apptest.Client{"visitor": e.Client(t), "mia": e.Mia.Web, "removed rolf": e.Rolf.Web, "tom": e.Tom.Web} {
			for _, p := range []string{page + "/edit", page + "/cancel", page + "/reservations"} {
				if res := client.Get(p); res.Status < 400 && !strings.HasPrefix(res.Location(), "/login") {
					t.Errorf("%s GET %s: %d", who, p, res.Status)
				}
			}
			for _, p := range []string{page + "/edit", page + "/cancel", page + "/publish"} {
				if res := client.Post(p, e.campaignForm()); res.Status < 400 && !strings.HasPrefix(res.Location(), "/login") {
					t.Errorf("%s POST %s: %d", who, p, res.Status)
				}
			}
			if res := client.Post(page+"/reservation/cancel", nil); res.Status < 400 && !strings.HasPrefix(res.Location(), "/login") {
				t.Errorf("%s withdrew Sami's reservation: %d", who, res.Status)
			}
		}
		if got := e.get(t, c.ID); got.Title != c.Title || got.Status != c.Status {
			t.Errorf("changed: %+v", got)
		}
		if n, _ := e.Funding.Progress(ctx, c); n.Supporter != 1 {
			t.Errorf("supporters %d", n.Supporter)
		}
		apptest.WantStatus(t, "owner", e.Olga.Web.Get(page+"/reservations").Status, http.StatusOK, "")
	})
}
