package board_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/organization"
)

// TestExportAndErase puts a person's listings and edits into their export,
// and on deletion withdraws and empties their own listings while those of
// their organisation stay.
func TestExportAndErase(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		b := apptest.Module[*board.Module](t, e)
		reza := e.NewPerson(t, "Reza", auth.Member)
		owner := e.NewPerson(t, "Sabine", auth.Member)
		other := e.NewPerson(t, "Bernd", auth.Member)
		o, err := apptest.Module[*organization.Module](t, e).Create(ctx, owner.ID, testOrg("Verein"))
		if err != nil {
			t.Fatal(err)
		}
		e.Join(t, owner, reza, o.ID)
		own := post(t, e, reza, draft("Persischer Sprachkurs"))
		od := draft("Vereinsfest")
		od.OrganizationID = o.ID
		orgListing := post(t, e, reza, od)
		byOwner := post(t, e, owner, func() board.Draft { d := draft("Tische gesucht"); d.OrganizationID = o.ID; return d }())
		if _, err := b.Update(ctx, reza.Identity(), byOwner.ID, func(d board.Draft) board.Draft {
			d.Title = "Tische und Bänke gesucht"
			return d
		}); err != nil {
			t.Fatal(err)
		}

		export, err := e.P.Accounts.Export(ctx, reza.ID)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(export.Modules["board"])
		for _, want := range []string{"Persischer Sprachkurs", "Vereinsfest", `"listing_edits"`, "Tische und Bänke gesucht",
			`"history"`, `"responses"`} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("the export lacks %s:\n%s", want, raw)
			}
		}
		if strings.Contains(string(raw), `"title":"Tische`) {
			t.Error("somebody else's listing is exported as the person's own")
		}

		if err := e.P.Accounts.Delete(ctx, reza.ID, apptest.Password); err != nil {
			t.Fatal(err)
		}
		if status, _ := statusOf(t, e, other.Token(t), own.ID); status != http.StatusNotFound {
			t.Errorf("the erased person's listing: %d", status)
		}
		var title, status string
		if err := e.P.DB.QueryRowContext(ctx, "SELECT title, status FROM listings WHERE id = $1", own.ID).Scan(&title, &status); err != nil {
			t.Fatal(err)
		}
		if title != "" || status != "withdrawn" {
			t.Errorf("after erasure: %q %s", title, status)
		}
		if status, body := statusOf(t, e, other.Token(t), orgListing.ID); status != 200 || body["title"] != "Vereinsfest" {
			t.Errorf("the organisation's listing after erasure: %d", status)
		}
		changes, err := b.History(ctx, owner.Identity(), byOwner.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range changes {
			if c.EditorID == reza.ID {
				t.Error("the erased person is still named as an editor")
			}
		}
		var n int
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM listing_history WHERE listing_id = $1", own.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("history of the erased listing: %d %v", n, err)
		}
	})
}

// TestDemoContent seeds the demo: at least sixty listings in the six
// languages, across the categories, some fulfilled, around Kassel.
func TestDemoContent(t *testing.T) {
	e := apptest.New(t, "sqlite")
	demo, err := e.P.SeedDemoIfEmpty(ctx)
	if err != nil || demo == nil {
		t.Fatalf("demo: %v", err)
	}
	if len(demo.Listings) < 60 {
		t.Errorf("%d demo listings", len(demo.Listings))
	}
	langs := map[string]int{}
	tops := map[string]bool{}
	statuses := map[string]int{}
	for handle, id := range demo.Listings {
		l, err := apptest.Module[*board.Module](t, e).Get(ctx, &auth.Identity{UserID: "", Role: auth.Admin}, id)
		if err != nil {
			t.Fatalf("%s: %v", handle, err)
		}
		langs[l.ContentLang]++
		tops[strings.Split(l.Category, ".")[0]] = true
		statuses[string(l.Status)]++
		if !strings.HasPrefix(l.Postcode, "34") {
			t.Errorf("%s is not around Kassel: %s", handle, l.Postcode)
		}
	}
	for _, lang := range []string{"de", "en", "ar", "fa", "uk", "tr"} {
		if langs[lang] < 5 {
			t.Errorf("%d demo listings in %s", langs[lang], lang)
		}
	}
	if len(tops) < 10 || statuses["fulfilled"] < 3 || statuses["open"] < 50 {
		t.Errorf("categories %d, statuses %v", len(tops), statuses)
	}
	var _ = app.NewDemo
	page := e.Client(t).Get("/board")
	if page.Status != 200 || strings.Count(page.Body, `class="card"`) != board.DefaultLimit || !strings.Contains(page.Body, `rel="next"`) {
		t.Errorf("the demo board: %d, %d cards", page.Status, strings.Count(page.Body, `class="card"`))
	}
}
