package pledge_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
)

func TestAPIPledgeLifecycleAndPermissions(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		org, _ := e.Orgs.Create(ctx, owner.ID, organization.Profile{Name: "Nordhessen Logistik", Kind: "company"})
		deadline := e.Clock.Now().Add(10 * 24 * time.Hour).Format(time.RFC3339)
		in := map[string]any{"promise": "20 Tablets", "who": "Ehrenamtliche", "condition": "mit den Kindern lernen",
			"deadline": deadline, "category": "children.school", "place": "Kassel", "organization_id": org.ID}

		if status, _ := e.API(t, "", "POST", "/api/v1/pledges", in); status != http.StatusUnauthorized {
			t.Errorf("create without token: %d", status)
		}
		status, body := ben.API(t, "POST", "/api/v1/pledges", in)
		if status != http.StatusUnprocessableEntity || !strings.Contains(asJSON(body), "body.organization_id") {
			t.Errorf("pledge for another's organisation: %d %v", status, body)
		}
		status, body = owner.API(t, "POST", "/api/v1/pledges", map[string]any{"promise": "", "who": "x", "condition": "y",
			"deadline": deadline, "category": "nope"})
		if status != http.StatusUnprocessableEntity || !strings.Contains(asJSON(body), "body.category") {
			t.Errorf("invalid create: %d %v", status, body)
		}
		status, body = owner.API(t, "POST", "/api/v1/pledges", in)
		if status != http.StatusCreated || body["status"] != "draft" || body["needed"] != float64(1) || body["content_lang"] != "de" {
			t.Fatalf("create: %d %v", status, body)
		}
		id := body["id"].(string)
		base := "/api/v1/pledges/" + id
		if !strings.HasPrefix(body["sentence"].(string), "Wir versprechen 20 Tablets, wenn 1 Ehrenamtliche") {
			t.Errorf("sentence: %v", body["sentence"])
		}

		// Only the pledger changes the draft; others do not even see it.
		for _, who := range []*apptest.Person{ana, staff} {
			status, _ := who.API(t, "PATCH", base, map[string]any{"promise": "Gekapert"})
			if status != http.StatusNotFound && status != http.StatusForbidden {
				t.Errorf("%s patches a draft: %d", who.Name, status)
			}
		}
		if status, _ := ana.API(t, "GET", base, nil); status != http.StatusNotFound {
			t.Errorf("stranger reads a draft: %d", status)
		}
		status, body = owner.API(t, "PATCH", base, map[string]any{"needed": 2, "description": "Mittwochs"})
		if status != 200 || body["needed"] != float64(2) || body["promise"] != "20 Tablets" {
			t.Fatalf("patch: %d %v", status, body)
		}
		status, body = owner.API(t, "PATCH", base, map[string]any{"deadline": "2020-01-01T00:00:00Z"})
		if status != http.StatusUnprocessableEntity || !strings.Contains(asJSON(body), "body.deadline") {
			t.Errorf("patch into the past: %d %v", status, body)
		}

		// A picture through the API, re-encoded.
		status, raw := imagePut(t, e, owner, base+"/image", pngImage(t))
		if status != 200 || !strings.Contains(raw, `"image_url":"`+e.URL+`/uploads/`) {
			t.Errorf("put image: %d %s", status, raw)
		}
		if status, raw := imagePut(t, e, owner, base+"/image", []byte("kein Bild")); status != http.StatusUnprocessableEntity {
			t.Errorf("put a non-image: %d %s", status, raw)
		}
		if status, _ := imagePut(t, e, ana, base+"/image", pngImage(t)); status != http.StatusNotFound {
			t.Errorf("stranger puts an image: %d", status)
		}

		// Submit, approve: coordinators only.
		if status, _ := ana.API(t, "POST", base+"/submit", nil); status != http.StatusNotFound {
			t.Errorf("stranger submits: %d", status)
		}
		if status, body := owner.API(t, "POST", base+"/submit", nil); status != 200 || body["status"] != "submitted" {
			t.Fatalf("submit: %d %v", status, body)
		}
		for _, who := range []*apptest.Person{owner, ana} {
			if status, _ := who.API(t, "POST", base+"/approve", nil); status != http.StatusForbidden && status != http.StatusNotFound {
				t.Errorf("%s approves: %d", who.Name, status)
			}
			if status, _ := who.API(t, "POST", base+"/decline", map[string]any{"reason": "x"}); status != http.StatusForbidden && status != http.StatusNotFound {
				t.Errorf("%s declines: %d", who.Name, status)
			}
		}
		if status, body := staff.API(t, "POST", base+"/decline", map[string]any{"reason": ""}); status != http.StatusUnprocessableEntity {
			t.Errorf("decline without reason: %d %v", status, body)
		}
		if status, body := staff.API(t, "POST", base+"/approve", nil); status != 200 || body["status"] != "active" || body["approved_at"] == nil {
			t.Fatalf("approve: %d %v", status, body)
		}
		if status, _ := owner.API(t, "PATCH", base, map[string]any{"needed": 1}); status != http.StatusConflict {
			t.Errorf("patch an active pledge: %d", status)
		}

		// Everybody reads and lists it.
		status, body = e.API(t, "", "GET", base, nil)
		if status != 200 || body["pledger"] != "Nordhessen Logistik" || body["decline_reason"] != nil {
			t.Errorf("public read: %d %v", status, body)
		}
		status, body = e.API(t, "", "GET", "/api/v1/pledges?show=open&category=children&place=kass", nil)
		if status != 200 || !strings.Contains(asJSON(body), id) {
			t.Errorf("list: %d %v", status, body)
		}
		status, body = e.API(t, "", "GET", "/api/v1/pledges?show=successful", nil)
		if status != 200 || strings.Contains(asJSON(body), id) {
			t.Errorf("list of successful ones: %d %v", status, body)
		}

		// Sign-ups and confirmation.
		status, body = ana.API(t, "POST", base+"/signups", map[string]any{"note": "Ich komme mittwochs."})
		if status != http.StatusCreated || body["status"] != "pending" || body["note"] != "Ich komme mittwochs." {
			t.Fatalf("sign up: %d %v", status, body)
		}
		sa := body["id"].(string)
		status, body = ben.API(t, "POST", base+"/signups", map[string]any{"note": ""})
		if status != http.StatusUnprocessableEntity || !strings.Contains(asJSON(body), "body.note") {
			t.Errorf("sign up without note: %d %v", status, body)
		}
		status, body = ben.API(t, "POST", base+"/signups", map[string]any{"note": "Ich auch", "anonymous": true})
		sb, _ := body["id"].(string)
		for _, who := range []*apptest.Person{ana, ben, staff} {
			if status, _ := who.API(t, "POST", base+"/signups/"+sa+"/confirm", nil); status != http.StatusForbidden {
				t.Errorf("%s confirms: %d", who.Name, status)
			}
		}
		for _, s := range []string{sa, sb} {
			if status, body := owner.API(t, "POST", base+"/signups/"+s+"/confirm", nil); status != 200 || body["status"] != "confirmed" {
				t.Fatalf("confirm: %d %v", status, body)
			}
		}
		if status, _ := ana.API(t, "POST", base+"/close", nil); status != http.StatusForbidden {
			t.Errorf("signer closes: %d", status)
		}
		if status, body := owner.API(t, "POST", base+"/close", nil); status != 200 || body["status"] != "successful" {
			t.Fatalf("close: %d %v", status, body)
		}

		// Reports: redeemers or the pledger write, the pledger confirms.
		if status, _ := staff.API(t, "POST", "/api/v1/reports", map[string]any{"pledge_id": id, "title": "X", "text": "Y"}); status != http.StatusForbidden {
			t.Errorf("coordinator writes the report: %d", status)
		}
		status, body = ana.API(t, "POST", "/api/v1/reports", map[string]any{"pledge_id": id, "title": "So lief es", "text": "Gut."})
		if status != http.StatusCreated || body["status"] != "submitted" {
			t.Fatalf("write report: %d %v", status, body)
		}
		rid := body["id"].(string)
		if status, _ := e.API(t, "", "GET", "/api/v1/reports/"+rid, nil); status != http.StatusNotFound {
			t.Errorf("unconfirmed report public: %d", status)
		}
		if status, _ := ben.API(t, "POST", "/api/v1/reports/"+rid+"/confirm", nil); status != http.StatusNotFound {
			t.Errorf("stranger confirms: %d", status)
		}
		if status, _ := ana.API(t, "POST", "/api/v1/reports/"+rid+"/confirm", nil); status != http.StatusForbidden {
			t.Errorf("author confirms: %d", status)
		}
		if status, body := owner.API(t, "POST", "/api/v1/reports/"+rid+"/confirm", nil); status != 200 || body["status"] != "published" {
			t.Fatalf("confirm report: %d %v", status, body)
		}
		status, body = e.API(t, "", "GET", "/api/v1/reports", nil)
		if status != 200 || !strings.Contains(asJSON(body), "So lief es") {
			t.Errorf("reports: %d %v", status, body)
		}

		// Anybody logged in copies it.
		status, body = ben.API(t, "POST", base+"/copy", nil)
		if status != http.StatusCreated || body["status"] != "draft" || body["copied_from"] != id || body["organization_id"] != nil {
			t.Errorf("copy: %d %v", status, body)
		}
	})
}

// imagePut sends a picture as the raw body.
func imagePut(t *testing.T, e *env, who *apptest.Person, path string, data []byte) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, e.URL+path, bytes.NewReader(data))
	req.Header.Set("Content-Type", "image/png")
	req.Header.Set("Authorization", "Bearer "+who.Token(t))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var compact bytes.Buffer
	if json.Compact(&compact, b) == nil {
		b = compact.Bytes()
	}
	return res.StatusCode, string(b)
}
