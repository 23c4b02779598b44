package funding_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
)

func (e *env) campaignJSON(extra string) json.RawMessage {
	return json.RawMessage(`{"organization_id":"` + e.OrgID + `","title":"Lastenrad","story":"Wir brauchen es.",` +
		`"content_lang":"de","purpose":"donation","goal":100000,"deadline":"2026-03-31T21:59:59Z",` +
		`"holder":"Kooperative Brücke eG","iban":"DE89 3704 0044 0532 0130 00"` + extra + `}`)
}

func TestAPICampaignLife(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		status, out := e.Rolf.API(t, http.MethodPost, "/api/v1/campaigns", e.campaignJSON(`,"receipts":true`))
		if status != http.StatusCreated || out["status"] != "draft" || out["iban"] != "DE89370400440532013000" ||
			out["minimum"] != float64(500) || out["receipts"] != true {
			t.Fatalf("create: %d %v", status, out)
		}
		id := out["id"].(string)
		if status, _ := e.API(t, "", http.MethodGet, "/api/v1/campaigns/"+id, nil); status != http.StatusNotFound {
			t.Errorf("a visitor reads the draft: %d", status)
		}
		if status, _ := e.Mia.API(t, http.MethodPost, "/api/v1/campaigns/"+id+"/publish", nil); status != http.StatusNotFound {
			t.Errorf("Mia publishes: %d", status)
		}
		if status, out := e.Olga.API(t, http.MethodPost, "/api/v1/campaigns/"+id+"/publish", nil); status != http.StatusOK || out["status"] != "running" {
			t.Fatalf("publish: %d %v", status, out)
		}
		status, out = e.Mia.API(t, http.MethodPost, "/api/v1/campaigns/"+id+"/reservations", json.RawMessage(`{"amount":400}`))
		if status != http.StatusUnprocessableEntity || !strings.Contains(fmtJSON(out), "body.amount") {
			t.Errorf("below the minimum: %d %v", status, out)
		}
		status, out = e.Mia.API(t, http.MethodPost, "/api/v1/campaigns/"+id+"/reservations", json.RawMessage(`{"amount":70000,"message":"Los!"}`))
		if status != http.StatusCreated || !strings.HasPrefix(out["reference"].(string), "RF") {
			t.Fatalf("reserve: %d %v", status, out)
		}
		rid := out["id"].(string)
		status, out = e.Tom.API(t, http.MethodPost, "/api/v1/campaigns/"+id+"/matches", json.RawMessage(`{"organization_id":"`+e.FoundationID+`","cap":30000}`))
		if status != http.StatusCreated {
			t.Fatalf("match: %d %v", status, out)
		}
		status, out = e.API(t, "", http.MethodGet, "/api/v1/campaigns/"+id, nil)
		if status != http.StatusOK || out["reserved"] != float64(70000) || out["matched"] != float64(30000) || out["total"] != float64(100000) {
			t.Errorf("read: %d %v", status, out)
		}
		status, out = e.Olga.API(t, http.MethodPatch, "/api/v1/campaigns/"+id, json.RawMessage(`{"goal":50000}`))
		if status != http.StatusUnprocessableEntity || !strings.Contains(fmtJSON(out), "body.goal") {
			t.Errorf("goal after a reservation: %d %v", status, out)
		}
		for who, p := range map[string]*apptest.Person{"mia": e.Mia, "tom": e.Tom} {
			if status, _ := p.API(t, http.MethodPatch, "/api/v1/campaigns/"+id, json.RawMessage(`{"title":"Gekapert"}`)); status != http.StatusForbidden {
				t.Errorf("%s changes: %d", who, status)
			}
			if status, _ := p.API(t, http.MethodGet, "/api/v1/campaigns/"+id+"/reservations", nil); status != http.StatusForbidden {
				t.Errorf("%s lists reservations: %d", who, status)
			}
		}
		if status, _ := e.Tom.API(t, http.MethodPost, "/api/v1/reservations/"+rid+"/cancel", nil); status != http.StatusNotFound {
			t.Errorf("Tom withdrew Mia's reservation: %d", status)
		}
		status, out = e.Olga.API(t, http.MethodGet, "/api/v1/campaigns/"+id+"/reservations", nil)
		if status != http.StatusOK || !strings.Contains(fmtJSON(out), `"name":"Mia"`) {
			t.Errorf("list: %d %v", status, out)
		}
		e.Clock.Set(deadline.Add(time.Minute))
		if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if status, _ := e.Mia.API(t, http.MethodPost, "/api/v1/reservations/"+rid+"/cancel", nil); status != http.StatusConflict {
			t.Errorf("withdraw after success: %d", status)
		}
		if status, out := e.API(t, "", http.MethodGet, "/api/v1/campaigns?organization_id="+e.OrgID, nil); status != http.StatusOK ||
			!strings.Contains(fmtJSON(out), `"status":"succeeded"`) {
			t.Errorf("list: %d %v", status, out)
		}
	})
}

func TestAPIRemovedMemberIsRefused(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.running(t, e.draft())
		if err := e.Orgs.RemoveMember(ctx, e.Olga.ID, e.OrgID, e.Rolf.ID); err != nil {
			t.Fatal(err)
		}
		for _, call := range []struct{ method, path, body string }{
			{http.MethodPatch, "/api/v1/campaigns/" + c.ID, `{"title":"Gekapert"}`},
			{http.MethodPost, "/api/v1/campaigns/" + c.ID + "/cancel", ""},
			{http.MethodGet, "/api/v1/campaigns/" + c.ID + "/reservations", ""},
		} {
			var body any
			if call.body != "" {
				body = json.RawMessage(call.body)
			}
			if status, out := e.Rolf.API(t, call.method, call.path, body); status != http.StatusForbidden {
				t.Errorf("removed Rolf %s %s: %d %v", call.method, call.path, status, out)
			}
			if status, _ := e.API(t, "", call.method, call.path, body); status != http.StatusUnauthorized {
				t.Errorf("visitor %s %s: %d", call.method, call.path, status)
			}
		}
		status, out := e.Rolf.API(t, http.MethodPost, "/api/v1/campaigns", e.campaignJSON(""))
		if status != http.StatusUnprocessableEntity || !strings.Contains(fmtJSON(out), "body.organization_id") {
			t.Errorf("removed Rolf creates: %d %v", status, out)
		}
	})
}

func fmtJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
