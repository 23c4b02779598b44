package board_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/organization"
)

// TestWebPostEditClose goes through a listing's life on the pages: a form
// with mistakes comes back with every value and each error beside its
// field; the listing shows on the board; edits are kept in the history;
// once fulfilled it cannot change.
func TestWebPostEditClose(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		jonas := e.NewPerson(t, "Jonas", auth.Member)
		visitor := e.Client(t)

		res := visitor.Get("/listings/new")
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login?next=") {
			t.Errorf("visitor new: %d %s", res.Status, res.Location())
		}
		res = jonas.Web.Get("/listings/new?kind=request&category=goods.furniture")
		apptest.WantStatus(t, "new form", res.Status, 200, res.Body)
		for _, want := range []string{`value="request" checked`, `value="goods.furniture" selected`, `value="de" checked`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("new form lacks %s", want)
			}
		}

		bad := apptest.Form("kind", "offer", "category", "", "title", "Fahrrad für Kinder", "description", "Blau, 20 Zoll",
			"content_lang", "de", "languages", "de", "languages", "fa", "postcode", "341", "place", "Kassel",
			"when_kind", "date", "when_from", "31.02.2026", "quantity", "viele", "visibility", "public", "lifetime_days", "30")
		res = jonas.Web.Post("/listings/new", bad)
		apptest.WantStatus(t, "invalid post", res.Status, http.StatusUnprocessableEntity, res.Body)
		for _, want := range []string{`value="Fahrrad für Kinder"`, "Blau, 20 Zoll", `value="341"`, `value="31.02.2026"`,
			`value="viele"`, `value="fa" checked`, `id="f-category-error"`, `id="f-postcode-error"`, `id="f-when_from-error"`,
			`id="f-quantity-error"`, `aria-invalid="true"`, `value="date" checked`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("invalid post page lacks %s", want)
			}
		}
		// A mistake only the service finds (a day in the past) also keeps the input.
		bad = apptest.Form("kind", "offer", "category", "goods.bicycles", "title", "Fahrrad für Kinder", "description", "Blau, 20 Zoll",
			"content_lang", "de", "postcode", "34121", "place", "Kassel", "when_kind", "date", "when_from", "2026-03-01",
			"visibility", "public", "lifetime_days", "14")
		res = jonas.Web.Post("/listings/new", bad)
		apptest.WantStatus(t, "past day", res.Status, http.StatusUnprocessableEntity, res.Body)
		if !strings.Contains(res.Body, `id="f-when_from-error"`) || !strings.Contains(res.Body, `value="14" selected`) {
			t.Error("past day: error or lifetime lost")
		}

		good := apptest.Form("kind", "offer", "category", "goods.bicycles", "title", "Fahrrad für Kinder", "description",
			"Blau, 20 Zoll.\nMit Klingel.\n\nAbholung in Wehlheiden.", "content_lang", "de", "languages", "de",
			"languages", "fa", "postcode", "34121", "place", "Kassel", "when_kind", "range", "when_from", "2026-03-10",
			"when_to", "2026-03-20", "quantity", "1", "visibility", "public", "lifetime_days", "14")
		res = jonas.Web.Post("/listings/new", good)
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/listings/") {
			t.Fatalf("post: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		path := res.Location()
		id := strings.TrimPrefix(path, "/listings/")
		l, err := apptest.Module[*board.Module](t, e).Get(ctx, jonas.Identity(), id)
		if err != nil {
			t.Fatal(err)
		}
		if want := apptest.Start.Add(14 * 24 * time.Hour); !l.ExpiresAt.Equal(want) || l.Quantity == nil || *l.Quantity != 1 ||
			l.When.Kind != board.WhenRange || l.When.From.Format(time.DateOnly) != "2026-03-10" {
			t.Errorf("stored %+v", l)
		}

		res = visitor.Get(path)
		apptest.WantStatus(t, "public page", res.Status, 200, res.Body)
		for _, want := range []string{"Fahrrad für Kinder", "Blau, 20 Zoll.<br>Mit Klingel.</p>", "<p>Abholung in Wehlheiden.</p>",
			"34121 Kassel", "Farsi (Persisch, Dari)", "einer Privatperson"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("public page lacks %s", want)
			}
		}
		apptest.Lacks(t, "public page", res.Body, "Jonas") // a person's name is not for visitors
		if strings.Contains(res.Body, path+"/edit") || strings.Contains(res.Body, "s-history") {
			t.Error("a visitor sees the edit link or the history")
		}
		if !strings.Contains(visitor.Get("/board").Body, `href="`+path+`"`) {
			t.Error("not on the board")
		}

		// The poster edits; the history names who changed what.
		res = jonas.Web.Get(path + "/edit")
		if res.Status != 200 || !strings.Contains(res.Body, `value="Fahrrad für Kinder"`) || !strings.Contains(res.Body, `value="2026-03-20"`) {
			t.Errorf("edit form: %d", res.Status)
		}
		res = jonas.Web.Post(path+"/edit", apptest.Form("kind", "offer", "category", "goods.bicycles", "title", "", "description", "x",
			"content_lang", "de", "postcode", "34121", "visibility", "public"))
		apptest.WantStatus(t, "invalid edit", res.Status, http.StatusUnprocessableEntity, res.Body)
		e.Clock.Advance(time.Hour)
		edited := apptest.Form("kind", "offer", "category", "goods.bicycles", "title", "Kinderfahrrad, blau", "description", "Blau, 20 Zoll.",
			"content_lang", "de", "languages", "de", "postcode", "34121", "place", "Kassel", "when_kind", "none",
			"visibility", "members")
		res = jonas.Web.Post(path+"/edit", edited)
		if res.Status != http.StatusSeeOther || res.Location() != path {
			t.Fatalf("edit: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		changes, err := apptest.Module[*board.Module](t, e).History(ctx, jonas.Identity(), id)
		if err != nil || len(changes) != 2 {
			t.Fatalf("history: %v %+v", err, changes)
		}
		last := changes[0]
		if last.EditorID != jonas.ID || last.EditorName != "Jonas" || !last.At.Equal(apptest.Start.Add(time.Hour)) ||
			last.Fields["title"] != (board.FieldChange{From: "Fahrrad für Kinder", To: "Kinderfahrrad, blau"}) ||
			last.Fields["visibility"].To != "members" || last.Fields["when"].To != "none" || last.Fields["languages"].To != "de" {
			t.Errorf("last change: %+v", last)
		}
		if _, ok := last.Fields["category"]; ok {
			t.Error("an unchanged field is in the history")
		}
		res = jonas.Web.Get(path)
		if !strings.Contains(res.Body, "Titel geändert") || !strings.Contains(res.Body, "Sichtbarkeit geändert") {
			t.Errorf("the page lacks the history:\n%s", res.Body)
		}
		// Members-only now: visitors no longer find it.
		if res = visitor.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("visitor after members-only: %d", res.Status)
		}

		// Fulfilled: it leaves the board, and cannot change any more.
		res = jonas.Web.Post(path+"/fulfil", apptest.Form("next", "/me/listings"))
		if res.Status != http.StatusSeeOther || res.Location() != "/me/listings" {
			t.Fatalf("fulfil: %d %s", res.Status, res.Location())
		}
		res = jonas.Web.Get("/me/listings")
		if !strings.Contains(res.Body, "Kinderfahrrad, blau") || !strings.Contains(res.Body, "Erledigt") {
			t.Errorf("my listings lack the fulfilled one")
		}
		if res = jonas.Web.Get(path + "/edit"); res.Status != http.StatusConflict {
			t.Errorf("edit after fulfil: %d", res.Status)
		}
		if res = jonas.Web.Post(path+"/withdraw", nil); res.Status != http.StatusConflict {
			t.Errorf("withdraw after fulfil: %d", res.Status)
		}
		if strings.Contains(jonas.Web.Get("/board").Body, `href="`+path+`"`) {
			t.Error("a fulfilled listing is on the board")
		}
		if res = jonas.Web.Get(path); res.Status != 200 {
			t.Errorf("the poster lost the fulfilled listing: %d", res.Status)
		}
	})
}

// TestOthersCannotChangeOrSee refuses every change of a listing to
// everybody but its managers, on the pages and through the API, and
// answers NotFound where the listing is not visible to them.
func TestOthersCannotChangeOrSee(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		owner := e.NewPerson(t, "Amal", auth.Member)
		other := e.NewPerson(t, "Bernd", auth.Member)
		visitor := e.Client(t)
		l := post(t, e, owner, draft("Sofa abzugeben"))
		path := "/listings/" + l.ID
		members := draft("Nur für Mitglieder")
		members.Visibility = board.Members
		ml := post(t, e, owner, members)

		// Pages: seen but not changed.
		if res := other.Web.Get(path); res.Status != 200 || strings.Contains(res.Body, path+"/edit") {
			t.Errorf("other sees: %d, with edit link %v", res.Status, strings.Contains(res.Body, path+"/edit"))
		}
		if res := other.Web.Get(path + "/edit"); res.Status != http.StatusForbidden {
			t.Errorf("other edit form: %d", res.Status)
		}
		edit := apptest.Form("kind", "request", "category", "goods.furniture", "title", "Gekapert", "description", "x",
			"content_lang", "de", "postcode", "34117", "visibility", "public")
		for _, p := range []string{"/edit", "/fulfil", "/withdraw", "/extend"} {
			if res := other.Web.Post(path+p, edit); res.Status != http.StatusForbidden {
				t.Errorf("other POST %s: %d", p, res.Status)
			}
			if res := visitor.Post(path+p, edit); res.Status != http.StatusUnauthorized {
				t.Errorf("visitor POST %s: %d", p, res.Status)
			}
		}
		// The API too.
		status, _ := e.API(t, other.Token(t), http.MethodPatch, "/api/v1/listings/"+l.ID, map[string]any{"title": "Gekapert"})
		apptest.WantStatus(t, "other PATCH", status, http.StatusForbidden, "")
		status, _ = e.API(t, "", http.MethodPatch, "/api/v1/listings/"+l.ID, map[string]any{"title": "Gekapert"})
		apptest.WantStatus(t, "visitor PATCH", status, http.StatusUnauthorized, "")
		for _, p := range []string{"/fulfil", "/withdraw", "/extend"} {
			status, _ := e.API(t, other.Token(t), http.MethodPost, "/api/v1/listings/"+l.ID+p, nil)
			apptest.WantStatus(t, "other POST "+p, status, http.StatusForbidden, "")
		}
		status, _ = e.API(t, other.Token(t), http.MethodGet, "/api/v1/listings/"+l.ID+"/history", nil)
		apptest.WantStatus(t, "other history", status, http.StatusForbidden, "")
		got, err := apptest.Module[*board.Module](t, e).Get(ctx, owner.Identity(), l.ID)
		if err != nil || got.Title != "Sofa abzugeben" || got.Status != board.Open || !got.ExpiresAt.Equal(l.ExpiresAt) {
			t.Errorf("refused changes changed it: %v %+v", err, got)
		}

		// Nobody else's list holds it.
		if res := other.Web.Get("/me/listings"); strings.Contains(res.Body, "Sofa abzugeben") {
			t.Error("another person's list shows the listing")
		}
		if status, body := e.API(t, other.Token(t), http.MethodGet, "/api/v1/me/listings", nil); status != 200 || len(body["listings"].([]any)) != 0 {
			t.Errorf("another person's API list: %d %v", status, body)
		}
		if res := visitor.Get("/me/listings"); res.Status != http.StatusSeeOther {
			t.Errorf("visitor's list: %d", res.Status)
		}

		// Members-only: visitors get NotFound on the page and in the API.
		if res := visitor.Get("/listings/" + ml.ID); res.Status != http.StatusNotFound {
			t.Errorf("visitor members-only page: %d", res.Status)
		}
		if status, _ := statusOf(t, e, "", ml.ID); status != http.StatusNotFound {
			t.Errorf("visitor members-only API: %d", status)
		}
		if status, _ := statusOf(t, e, other.Token(t), ml.ID); status != 200 {
			t.Errorf("member members-only API: %d", status)
		}

		// Withdrawn: only its poster still finds it.
		if _, err := apptest.Module[*board.Module](t, e).Withdraw(ctx, owner.Identity(), ml.ID); err != nil {
			t.Fatal(err)
		}
		if res := other.Web.Get("/listings/" + ml.ID); res.Status != http.StatusNotFound {
			t.Errorf("other withdrawn page: %d", res.Status)
		}
		if status, _ := statusOf(t, e, other.Token(t), ml.ID); status != http.StatusNotFound {
			t.Errorf("other withdrawn API: %d", status)
		}
		if status, body := statusOf(t, e, owner.Token(t), ml.ID); status != 200 || body["status"] != "withdrawn" || body["manage"] != true {
			t.Errorf("owner withdrawn API: %d %v", status, body)
		}
		// Changing what one cannot see is NotFound, not Forbidden.
		status, _ = e.API(t, other.Token(t), http.MethodPatch, "/api/v1/listings/"+ml.ID, map[string]any{"title": "x"})
		apptest.WantStatus(t, "other PATCH unseen", status, http.StatusNotFound, "")
		if res := other.Web.Post("/listings/"+ml.ID+"/edit", edit); res.Status != http.StatusNotFound {
			t.Errorf("other edit unseen: %d", res.Status)
		}
		for _, bad := range []string{"/listings/0190a0a0-0000-7000-8000-000000000000", "/listings/x'--"} {
			if res := visitor.Get(bad); res.Status != http.StatusNotFound {
				t.Errorf("%s: %d", bad, res.Status)
			}
		}
	})
}

// TestEditorsOfTheOrganisationManage lets the editors of an organisation
// manage its listings, and nobody else of another organisation.
func TestEditorsOfTheOrganisationManage(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		owner := e.NewPerson(t, "Sabine", auth.Member)
		editor := e.NewPerson(t, "Jonas", auth.Member)
		stranger := e.NewPerson(t, "Nour", auth.Member)
		orgs := apptest.Module[*organization.Module](t, e)
		o, err := orgs.Create(ctx, owner.ID, testOrg("Freiwilligenzentrum"))
		if err != nil {
			t.Fatal(err)
		}
		other, err := orgs.Create(ctx, stranger.ID, testOrg("Anderer Verein"))
		if err != nil {
			t.Fatal(err)
		}
		e.Join(t, owner, editor, o.ID)

		d := draft("Helfende für das Sommerfest")
		d.Kind, d.Category, d.OrganizationID = board.Request, "volunteering.events", o.ID
		l := post(t, e, owner, d)
		if !l.Opportunity() || l.OrgKind != "initiative" {
			t.Errorf("an organisation's request: %+v", l)
		}
		// Posting for an organisation one does not edit is a field error.
		d.OrganizationID = other.ID
		if _, err := apptest.Module[*board.Module](t, e).Create(ctx, editor.Identity(), d); err == nil || !strings.Contains(err.Error(), "organization_id") {
			t.Errorf("posting for another organisation: %v", err)
		}
		res := editor.Web.Post("/listings/"+l.ID+"/extend", nil)
		if res.Status != http.StatusSeeOther {
			t.Errorf("editor extends: %d", res.Status)
		}
		status, body := e.API(t, editor.Token(t), http.MethodPatch, "/api/v1/listings/"+l.ID, map[string]any{"quantity": 4})
		if status != 200 || body["quantity"] != float64(4) {
			t.Errorf("editor PATCH: %d %v", status, body)
		}
		if res := stranger.Web.Post("/listings/"+l.ID+"/withdraw", nil); res.Status != http.StatusForbidden {
			t.Errorf("member of another organisation withdraws: %d", res.Status)
		}
		mine, err := apptest.Module[*board.Module](t, e).Mine(ctx, editor.Identity())
		if err != nil || len(mine) != 1 || mine[0].ID != l.ID {
			t.Errorf("editor's listings: %v %d", err, len(mine))
		}
	})
}

func testOrg(name string) organization.Profile {
	return organization.Profile{Name: name, Kind: "initiative", Postcode: "34117", City: "Kassel", Languages: []string{"de"}}
}
