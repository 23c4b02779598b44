package api_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// TestNULInABodyIsRefused: a NUL character in a JSON body is refused with
// 422 and a message on both engines (PostgreSQL answered 500 and SQLite
// stored it); a backslash followed by "u0000" is ordinary text.
func TestNULInABodyIsRefused(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		poster := e.NewPerson(t, "Amal", auth.Member)
		listing := func(title string) map[string]any {
			return map[string]any{"kind": "offer", "category": "goods.bicycles", "title": title,
				"description": "Gut erhalten.", "content_lang": "de", "postcode": "34117", "place": "Kassel"}
		}
		status, body := poster.API(t, http.MethodPost, "/api/v1/listings", listing("Fahrrad\x00"))
		if status != http.StatusUnprocessableEntity || body["detail"] == nil || body["detail"] == "" {
			t.Errorf("NUL in a title: %d %v, want 422 with a message", status, body)
		}
		status, body = poster.API(t, http.MethodPost, "/api/v1/listings", listing(`Fahrrad \u0000`))
		if status != http.StatusCreated || body["title"] != `Fahrrad \u0000` {
			t.Errorf("backslash-u0000 as text: %d %v, want 201 with the text kept", status, body)
		}
	})
}
