package board_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

func runJobs(t *testing.T, e *apptest.Env) {
	t.Helper()
	if err := e.P.App.Jobs.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestReminderExtendAndExpiry moves the clock through a listing's life:
// three days before its end the poster gets one reminder, in their
// language, whose link extends it once without logging in; after its end
// it expires, leaves the lists, stays visible to the poster, and opens
// again when extended.
func TestReminderExtendAndExpiry(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		poster := e.NewPersonLang(t, "amal", auth.Member, "ar")
		email := poster.Email
		other := e.NewPerson(t, "Bernd", auth.Member)

		status, body := e.API(t, poster.Token(t), http.MethodPost, "/api/v1/listings", map[string]any{
			"kind": "request", "category": "goods.furniture", "title": "سرير أطفال", "description": "نحتاج إلى سرير أطفال.",
			"content_lang": "ar", "languages": []string{"ar", "de"}, "postcode": "34127", "place": "Kassel",
			"expires_at": apptest.Start.Add(7 * 24 * time.Hour),
		})
		if status != http.StatusCreated {
			t.Fatalf("create: %d %v", status, body)
		}
		id := body["id"].(string)
		end := apptest.Start.Add(7 * 24 * time.Hour)
		if body["expires_at"] != end.Format(time.RFC3339) {
			t.Errorf("expires_at %v, want %s", body["expires_at"], end.Format(time.RFC3339))
		}

		runJobs(t, e)
		e.Clock.Advance(3 * 24 * time.Hour)
		runJobs(t, e)
		if n := len(e.Outbox(t, email)); n != 0 {
			t.Fatalf("%d mails four days before the end", n)
		}
		e.Clock.Advance(24*time.Hour + 30*time.Minute) // less than three days left
		runJobs(t, e)
		mail := e.MailTo(t, email)
		if !strings.Contains(mail.Subject, "سرير أطفال") || !strings.Contains(mail.Subject, "ينتهي") {
			t.Errorf("reminder subject: %q", mail.Subject)
		}
		link := mail.FirstURL(e.URL + "/listings/" + id + "/extend/")
		if link == "" {
			t.Fatalf("no extend link in:\n%s", mail.Text)
		}
		e.Clock.Advance(time.Hour)
		runJobs(t, e)
		if n := len(e.Outbox(t, email)); n != 1 {
			t.Errorf("%d reminders, want one", n)
		}

		// The link opens a page; only its button extends, without login.
		visitor := e.Client(t)
		path := strings.TrimPrefix(link, e.URL)
		res := visitor.Get(path)
		if res.Status != 200 || !strings.Contains(res.Body, `<form method="post">`) {
			t.Fatalf("link page: %d\n%s", res.Status, res.Body)
		}
		if l, _ := apptest.Module[*board.Module](t, e).Get(ctx, poster.Identity(), id); !l.ExpiresAt.Equal(end) {
			t.Error("opening the link extended the listing")
		}
		res = visitor.Post(path, nil)
		if res.Status != 200 || !strings.Contains(res.Body, "Verlängert") {
			t.Fatalf("extend by link: %d\n%s", res.Status, res.Body)
		}
		l, err := apptest.Module[*board.Module](t, e).Get(ctx, poster.Identity(), id)
		if err != nil {
			t.Fatal(err)
		}
		if want := end.Add(board.ExtendDays * 24 * time.Hour); !l.ExpiresAt.Equal(want) || l.RemindedAt != nil {
			t.Errorf("after the link: ends %s, want %s; reminded %v", l.ExpiresAt, want, l.RemindedAt)
		}
		if res := visitor.Post(path, nil); res.Status != http.StatusNotFound {
			t.Errorf("second use of the link: %d", res.Status)
		}
		if res := visitor.Get(path); res.Status != http.StatusNotFound || !strings.Contains(res.Body, "Meine Einträge") {
			t.Errorf("used link page: %d", res.Status)
		}
		if res := visitor.Get("/listings/" + id + "/extend/not-a-secret"); res.Status != http.StatusNotFound {
			t.Errorf("a made-up link: %d", res.Status)
		}

		// Past the new end: expired by the job, recorded without an editor.
		e.Clock.Set(l.ExpiresAt.Add(time.Minute))
		runJobs(t, e)
		if n := e.MailCount(t, email); n != 1 {
			t.Errorf("a listing expired between runs got %d mails", n)
		}
		if status, body := statusOf(t, e, poster.Token(t), id); status != 200 || body["status"] != "expired" {
			t.Errorf("poster after expiry: %d %v", status, body["status"])
		}
		if status, _ := statusOf(t, e, other.Token(t), id); status != http.StatusNotFound {
			t.Errorf("others after expiry: %d", status)
		}
		if slices.Contains(list(t, e, other.Token(t), ""), "سرير أطفال") {
			t.Error("an expired listing is listed")
		}
		if page := poster.Web.Get("/listings/" + id).Body; !strings.Contains(page, "منتهي") {
			t.Error("the poster's page does not say expired")
		}
		changes, err := apptest.Module[*board.Module](t, e).History(ctx, poster.Identity(), id)
		if err != nil || len(changes) < 3 {
			t.Fatalf("history: %v %d", err, len(changes))
		}
		if c := changes[0]; c.EditorID != "" || c.Fields["status"] != (board.FieldChange{From: "open", To: "expired"}) {
			t.Errorf("expiry in the history: %+v", c)
		}
		if c := changes[1]; c.EditorID != poster.ID || c.Fields["expires_at"].To == "" {
			t.Errorf("the link's extension in the history: %+v", c)
		}

		// The poster opens it again.
		status, body = e.API(t, poster.Token(t), http.MethodPost, "/api/v1/listings/"+id+"/extend", map[string]any{"days": 10})
		if status != 200 || body["status"] != "open" {
			t.Fatalf("extend expired: %d %v", status, body)
		}
		if want := e.Clock.Now().Add(10 * 24 * time.Hour).Format(time.RFC3339); body["expires_at"] != want {
			t.Errorf("extended to %v, want %s", body["expires_at"], want)
		}
		if !slices.Contains(list(t, e, other.Token(t), ""), "سرير أطفال") {
			t.Error("an extended listing is not listed again")
		}
		// Never beyond 90 days ahead.
		_, body = e.API(t, poster.Token(t), http.MethodPost, "/api/v1/listings/"+id+"/extend", map[string]any{"days": 90})
		if want := e.Clock.Now().Add(90 * 24 * time.Hour).Format(time.RFC3339); body["expires_at"] != want {
			t.Errorf("extended to %v, want at most %s", body["expires_at"], want)
		}
		status, _ = e.API(t, poster.Token(t), http.MethodPost, "/api/v1/listings", map[string]any{
			"kind": "offer", "category": "goods", "title": "x", "description": "y", "content_lang": "de", "postcode": "34117",
			"expires_at": e.Clock.Now().Add(91 * 24 * time.Hour),
		})
		apptest.WantStatus(t, "91 days", status, http.StatusUnprocessableEntity, "")
	})
}

// TestAPIPostAndPatch checks the API's fields and its errors, named as the
// body names them and translated into the caller's language.
func TestAPIPostAndPatch(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		p := e.NewPerson(t, "Chris", auth.Member)
		status, body := e.API(t, p.Token(t), http.MethodPost, "/api/v1/listings", map[string]any{
			"kind": "offer", "category": "work.internship", "title": "Praktikum im Lager", "description": "Sechs Wochen.",
			"content_lang": "de", "postcode": "34123", "when": map[string]any{"kind": "range", "from": "2026-04-01", "to": "2026-03-01"},
		})
		errs, _ := body["errors"].([]any)
		if status != http.StatusUnprocessableEntity || len(errs) != 1 || errs[0].(map[string]any)["location"] != "body.when.to" ||
			!strings.Contains(errs[0].(map[string]any)["message"].(string), "ersten") {
			t.Errorf("range in the wrong order: %d %v", status, body)
		}
		status, body = e.API(t, p.Token(t), http.MethodPost, "/api/v1/listings", map[string]any{
			"kind": "offer", "category": "work.internship", "title": "Praktikum im Lager", "description": "Sechs Wochen.",
			"content_lang": "de", "postcode": "34123", "when": map[string]any{"kind": "range", "from": "2026-04-01", "to": "2026-05-12"},
			"quantity": 4, "visibility": "members", "languages": []string{"ar", "de"},
		})
		if status != http.StatusCreated || body["opportunity"] != false || body["place"] != "" || body["quantity"] != float64(4) {
			t.Fatalf("create: %d %v", status, body)
		}
		id := body["id"].(string)
		when := body["when"].(map[string]any)
		if when["kind"] != "range" || when["from"] != "2026-04-01" || when["to"] != "2026-05-12" {
			t.Errorf("when: %v", when)
		}
		if langs := body["languages"].([]any); len(langs) != 2 || langs[0] != "de" {
			t.Errorf("languages: %v", langs)
		}
		if body["category_name"] != "Praktikum" {
			t.Errorf("category name: %v", body["category_name"])
		}
		status, body = e.API(t, p.Token(t), http.MethodPatch, "/api/v1/listings/"+id, map[string]any{"title": "Praktikum in der Logistik", "quantity": 0})
		if status != 200 || body["title"] != "Praktikum in der Logistik" || body["quantity"] != nil || body["visibility"] != "members" {
			t.Errorf("patch: %d %v", status, body)
		}
		status, body = e.API(t, p.Token(t), http.MethodPatch, "/api/v1/listings/"+id, map[string]any{"postcode": "1"})
		if status != http.StatusUnprocessableEntity {
			t.Errorf("bad postcode: %d %v", status, body)
		}
		status, body = e.API(t, p.Token(t), http.MethodGet, "/api/v1/listings/"+id+"/history", nil)
		changes, _ := body["changes"].([]any)
		if status != 200 || len(changes) != 2 {
			t.Fatalf("history: %d %v", status, body)
		}
		first := changes[0].(map[string]any)
		fields := first["changes"].(map[string]any)
		if first["editor_id"] != p.ID || len(fields) != 2 || fields["title"].(map[string]any)["to"] != "Praktikum in der Logistik" ||
			fields["quantity"].(map[string]any)["from"] != "4" {
			t.Errorf("history entry (title and quantity only): %v", first)
		}
		status, body = e.API(t, p.Token(t), http.MethodGet, "/api/v1/me/listings", nil)
		if status != 200 || len(body["listings"].([]any)) != 1 {
			t.Errorf("my listings: %d %v", status, body)
		}
		status, _ = e.API(t, "", http.MethodPost, "/api/v1/listings", map[string]any{"kind": "offer", "category": "goods",
			"title": "x", "description": "y", "content_lang": "de", "postcode": "34117"})
		apptest.WantStatus(t, "visitor posts", status, http.StatusUnauthorized, "")
	})
}
