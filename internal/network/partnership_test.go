package network_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
)

// TestPartnershipBecomesPublicWhenAllConfirmed: a partnership of three is
// visible only to the partners' editors until the last one confirmed; then
// it is active, listed, in the API and on every partner's page.
func TestPartnershipBecomesPublicWhenAllConfirmed(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		a, b, c := e.NewPerson(t, "anna", auth.Member), e.NewPerson(t, "bilal", auth.Member), e.NewPerson(t, "carla", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		agency := e.NewOrg(t, a, "Freiwilligenagentur", "volunteer_agency", "34117", "Kassel", "de")
		mso := e.NewOrg(t, b, "Syrischer Verein", "migrant_organization", "34117", "Kassel", "ar", "de")
		welfare := e.NewOrg(t, c, "Diakonie", "welfare_association", "34117", "Kassel", "de")
		tokenA, tokenB, tokenC, tokenX := e.Token(t, a.Email), e.Token(t, b.Email), e.Token(t, c.Email), e.Token(t, stranger.Email)

		proposal := map[string]any{"organization_id": agency.ID, "partners": []string{mso.ID, welfare.ID},
			"goal": "Sprachpatenschaften", "benefit": "Familien finden Anschluss", "starts_on": "2026-04-01", "lang": "de",
			"contributions": map[string]string{agency.ID: "Schulung", mso.ID: "Kontakte"}}
		if status, _ := e.API(t, tokenX, http.MethodPost, "/api/v1/partnerships", proposal); status != http.StatusForbidden {
			t.Errorf("a stranger proposes for the agency: %d", status)
		}
		status, p := e.API(t, tokenA, http.MethodPost, "/api/v1/partnerships", proposal)
		if status != http.StatusCreated || p["status"] != "proposed" {
			t.Fatalf("propose: %d %v", status, p)
		}
		id := p["id"].(string)

		hidden := func(when string) {
			t.Helper()
			if status, _ := e.API(t, "", http.MethodGet, "/api/v1/partnerships/"+id, nil); status != http.StatusNotFound {
				t.Errorf("%s: anonymous API GET: %d", when, status)
			}
			if status, _ := e.API(t, tokenX, http.MethodGet, "/api/v1/partnerships/"+id, nil); status != http.StatusNotFound {
				t.Errorf("%s: stranger API GET: %d", when, status)
			}
			if res := e.Client(t).Get("/partnerships/" + id); res.Status != http.StatusNotFound {
				t.Errorf("%s: visitor page: %d", when, res.Status)
			}
			_, list := e.API(t, "", http.MethodGet, "/api/v1/partnerships", nil)
			if len(list["partnerships"].([]any)) != 0 {
				t.Errorf("%s: listed: %v", when, list)
			}
			for _, o := range []string{agency.ID, mso.ID, welfare.ID} {
				if res := e.Client(t).Get("/organizations/" + o); strings.Contains(res.Body, "/partnerships/"+id) {
					t.Errorf("%s: shown on a partner's page to visitors", when)
				}
			}
		}
		hidden("proposed")
		if res := b.Web.Get("/partnerships/" + id); res.Status != http.StatusOK || !strings.Contains(res.Body, `action="/partnerships/`+id+`/confirm"`) {
			t.Errorf("a partner's editor sees the proposal with a confirm form: %d", res.Status)
		}
		if res := b.Web.Get("/organizations/" + mso.ID); !strings.Contains(res.Body, "/partnerships/"+id) {
			t.Errorf("the proposal is not on the partner's page for its editor")
		}

		// Strangers cannot confirm, not even naming a partner.
		if status, _ := e.API(t, tokenX, http.MethodPost, "/api/v1/partnerships/"+id+"/confirm",
			map[string]any{"organization_id": mso.ID}); status != http.StatusNotFound {
			t.Errorf("stranger confirms: %d", status)
		}
		if res := stranger.Web.Post("/partnerships/"+id+"/confirm", url.Values{"organization_id": {mso.ID}}); res.Status != http.StatusNotFound {
			t.Errorf("stranger confirms on the page: %d", res.Status)
		}
		// Bilal cannot confirm for Carla's organisation.
		if status, _ := e.API(t, tokenB, http.MethodPost, "/api/v1/partnerships/"+id+"/confirm",
			map[string]any{"organization_id": welfare.ID}); status != http.StatusForbidden {
			t.Errorf("confirming for another partner: %d", status)
		}
		// The proposer has nothing to confirm.
		if status, _ := e.API(t, tokenA, http.MethodPost, "/api/v1/partnerships/"+id+"/confirm", nil); status != http.StatusConflict {
			t.Errorf("the proposer confirms: %d", status)
		}
		status, p = e.API(t, tokenB, http.MethodPost, "/api/v1/partnerships/"+id+"/confirm", map[string]any{"contribution": "Kontakte in die Community"})
		if status != http.StatusOK || p["status"] != "proposed" {
			t.Fatalf("first confirmation: %d %v", status, p)
		}
		if status, _ := e.API(t, tokenB, http.MethodPost, "/api/v1/partnerships/"+id+"/confirm", nil); status != http.StatusConflict {
			t.Errorf("confirming twice: %d", status)
		}
		hidden("confirmed by two of three")

		res := c.Web.Post("/partnerships/"+id+"/confirm", url.Values{"organization_id": {welfare.ID}, "contribution": {"Räume"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("last confirmation on the page: %d %s", res.Status, res.Body)
		}
		status, p = e.API(t, "", http.MethodGet, "/api/v1/partnerships/"+id, nil)
		if status != http.StatusOK || p["status"] != "active" || p["activated_at"] == nil {
			t.Fatalf("after all confirmed: %d %v", status, p)
		}
		contributions := map[string]any{}
		for _, pt := range p["partners"].([]any) {
			pt := pt.(map[string]any)
			contributions[pt["organization_id"].(string)] = pt["contribution"]
		}
		if contributions[agency.ID] != "Schulung" || contributions[mso.ID] != "Kontakte in die Community" || contributions[welfare.ID] != "Räume" {
			t.Errorf("contributions: %v", contributions)
		}
		_, list := e.API(t, "", http.MethodGet, "/api/v1/partnerships", nil)
		if len(list["partnerships"].([]any)) != 1 {
			t.Errorf("list after activation: %v", list)
		}
		for _, o := range []string{agency.ID, mso.ID, welfare.ID} {
			if res := e.Client(t).Get("/organizations/" + o); !strings.Contains(res.Body, "/partnerships/"+id) {
				t.Errorf("not on the page of partner %s", o)
			}
		}
		if res := e.Client(t).Get("/partnerships"); !strings.Contains(res.Body, "Sprachpatenschaften") {
			t.Errorf("not on the list page")
		}

		// Only partners end it; it stays visible as ended.
		if res := stranger.Web.Post("/partnerships/"+id+"/end", nil); res.Status != http.StatusForbidden {
			t.Errorf("stranger ends: %d", res.Status)
		}
		if res := a.Web.Post("/partnerships/"+id+"/end", nil); res.Status != http.StatusSeeOther {
			t.Errorf("partner ends: %d", res.Status)
		}
		status, p = e.API(t, "", http.MethodGet, "/api/v1/partnerships/"+id, nil)
		if status != http.StatusOK || p["status"] != "ended" {
			t.Errorf("ended: %d %v", status, p)
		}

		// A proposal can be withdrawn by a partner, not by others.
		status, p2 := e.API(t, tokenC, http.MethodPost, "/api/v1/partnerships", map[string]any{"organization_id": welfare.ID,
			"partners": []string{agency.ID}, "goal": "Kleiderkammer", "benefit": "Kleidung", "starts_on": "2026-05-01", "lang": "de"})
		if status != http.StatusCreated {
			t.Fatalf("second proposal: %d %v", status, p2)
		}
		id2 := p2["id"].(string)
		if res := stranger.Web.Post("/partnerships/"+id2+"/withdraw", nil); res.Status != http.StatusNotFound {
			t.Errorf("stranger withdraws: %d", res.Status)
		}
		if res := a.Web.Post("/partnerships/"+id2+"/withdraw", nil); res.Status != http.StatusSeeOther {
			t.Errorf("partner declines: %d", res.Status)
		}
		if status, _ := e.API(t, tokenC, http.MethodGet, "/api/v1/partnerships/"+id2, nil); status != http.StatusNotFound {
			t.Errorf("withdrawn proposal: %d", status)
		}
		_ = tokenA
	})
}

// TestPartnershipForm: the proposal form keeps what was typed and shows
// each error beside its field.
func TestPartnershipForm(t *testing.T) {
	e := newEnv(t, "sqlite")
	a := e.NewPerson(t, "anna", auth.Member)
	agency := e.NewOrg(t, a, "Freiwilligenagentur", "volunteer_agency", "34117", "Kassel", "de")
	if res := a.Web.Get("/partnerships/new?org=" + agency.ID); res.Status != http.StatusOK {
		t.Fatalf("form: %d", res.Status)
	}
	res := a.Web.Post("/partnerships/new", url.Values{"org": {agency.ID}, "goal": {"Gemeinsam kochen"}, "starts_on": {"morgen"},
		"lang": {"de"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Gemeinsam kochen") ||
		!strings.Contains(res.Body, `id="f-partners-error"`) || !strings.Contains(res.Body, `id="f-benefit-error"`) ||
		!strings.Contains(res.Body, `id="f-starts_on-error"`) {
		t.Errorf("invalid proposal: %d", res.Status)
	}
	nobody := e.NewPerson(t, "nobody", auth.Member)
	if res := nobody.Web.Get("/partnerships/new"); res.Status != http.StatusForbidden {
		t.Errorf("a person without organisation: %d", res.Status)
	}
}
