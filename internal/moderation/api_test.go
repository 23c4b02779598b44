package moderation_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/ids"
)

func TestAPIFlags(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		reporter := e.NewPerson(t, "reporter", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		first := e.Items.Create(t, owner.ID, "Kinderfahrrad", "")
		second := e.Items.Create(t, owner.ID, "Nachhilfe Mathe", "")
		token := e.Token(t, reporter.Email)
		staffToken := e.Token(t, staff.Email)

		body := map[string]any{"kind": "listing", "id": first, "reason": "spam", "text": "Werbung"}
		if status, _ := e.API(t, "", http.MethodPost, "/api/v1/flags", body); status != http.StatusUnauthorized {
			t.Errorf("without token: %d", status)
		}
		status, got := e.API(t, token, http.MethodPost, "/api/v1/flags", body)
		if status != http.StatusCreated || got["item_id"] != first || got["reason"] != "spam" || got["text"] != "Werbung" ||
			!ids.Valid(fmt.Sprint(got["id"])) {
			t.Fatalf("flag: %d %v", status, got)
		}
		flagID := got["id"]
		// A second report of the same item replaces the first.
		body["reason"], body["text"] = "dangerous", "Betrug"
		status, got = e.API(t, token, http.MethodPost, "/api/v1/flags", body)
		if status != http.StatusCreated || got["id"] != flagID || got["reason"] != "dangerous" {
			t.Errorf("second flag: %d %v", status, got)
		}
		// Field errors in the caller's language (German by default).
		status, got = e.API(t, token, http.MethodPost, "/api/v1/flags", map[string]any{"kind": "listing", "id": second, "reason": "other"})
		if status != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(got["errors"]), "body.text") ||
			!strings.Contains(fmt.Sprint(got["errors"]), "Bitte beschreibe, was nicht stimmt.") {
			t.Errorf("invalid flag: %d %v", status, got)
		}
		if status, _ = e.API(t, token, http.MethodPost, "/api/v1/flags", map[string]any{"kind": "listing", "id": ids.New(), "reason": "spam"}); status != http.StatusNotFound {
			t.Errorf("unknown item: %d", status)
		}
		if status, _ = e.API(t, token, http.MethodPost, "/api/v1/flags", map[string]any{"kind": "listing", "id": second, "reason": "spam"}); status != http.StatusCreated {
			t.Errorf("flag of the second item: %d", status)
		}

		// Only staff read the open flags, with reporters.
		if status, _ = e.API(t, token, http.MethodGet, "/api/v1/flags", nil); status != http.StatusForbidden {
			t.Errorf("member lists flags: %d", status)
		}
		if status, _ = e.API(t, "", http.MethodGet, "/api/v1/flags", nil); status != http.StatusUnauthorized {
			t.Errorf("visitor lists flags: %d", status)
		}
		status, got = e.API(t, staffToken, http.MethodGet, "/api/v1/flags?limit=1", nil)
		flags, _ := got["flags"].([]any)
		if status != 200 || len(flags) != 1 || got["next_cursor"] == nil {
			t.Fatalf("first page: %d %v", status, got)
		}
		f := flags[0].(map[string]any)
		item, _ := f["item"].(map[string]any)
		if f["item_id"] != first || f["reporter_id"] != reporter.ID || f["text"] != "Betrug" || item["title"] != "Kinderfahrrad" ||
			item["owner_id"] != owner.ID {
			t.Errorf("first flag: %v", f)
		}
		status, got = e.API(t, staffToken, http.MethodGet, "/api/v1/flags?limit=1&cursor="+fmt.Sprint(got["next_cursor"]), nil)
		flags, _ = got["flags"].([]any)
		if status != 200 || len(flags) != 1 || flags[0].(map[string]any)["item_id"] != second || got["next_cursor"] != nil {
			t.Errorf("second page: %d %v", status, got)
		}
		if status, _ = e.API(t, staffToken, http.MethodGet, "/api/v1/flags?cursor=kaputt", nil); status != http.StatusUnprocessableEntity {
			t.Errorf("broken cursor: %d", status)
		}
		// Closed flags leave the list.
		if err := e.Mod.DismissFlags(ctx, staff.Identity(), "listing", first, ""); err != nil {
			t.Fatal(err)
		}
		_, got = e.API(t, staffToken, http.MethodGet, "/api/v1/flags", nil)
		if flags, _ = got["flags"].([]any); len(flags) != 1 {
			t.Errorf("after dismissal: %v", got)
		}
	})
}
