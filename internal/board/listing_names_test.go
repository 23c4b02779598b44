package board_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestPostersOfRequestsStayUnnamed: a person who asks for help is named
// to nobody by default: visitors see no name, members only the first
// name, on the listing page, in its JSON-LD, in search, in the Atom feed
// and in the API; the notes of thanks name nobody to visitors either. The
// poster may choose to show the name, through the form or the API.
func TestPostersOfRequestsStayUnnamed(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		amal := e.NewPerson(t, "amal", auth.Member)
		helper := e.NewPerson(t, "helper", auth.Member)
		member := e.NewPerson(t, "member", auth.Member)
		for p, name := range map[*apptest.Person]string{amal: "Amal Haddad", helper: "Henrike Vogt"} {
			if err := e.P.Accounts.UpdateProfile(ctx, p.ID, account.Profile{Name: name, Lang: "de"}); err != nil {
				t.Fatal(err)
			}
		}
		l := post(t, e.Env, amal, rDraft(board.Request, "goods.baby", "Wir erwarten ein Baby"))
		path := "/listings/" + l.ID
		visitor := e.Client(t)

		for _, surface := range []struct{ name, path string }{
			{"listing page", path}, {"search", "/search?q=Baby"}, {"search feed", "/search?q=Baby&format=atom"},
			{"board", "/board?q=Baby"},
		} {
			res := visitor.Get(surface.path)
			apptest.WantStatus(t, surface.name, res.Status, http.StatusOK, res.Body)
			apptest.Lacks(t, surface.name+" for visitors", res.Body, "Amal", "Haddad")
		}
		for _, p := range []string{"/api/v1/listings/" + l.ID, "/api/v1/listings?q=Baby", "/api/v1/search?q=Baby"} {
			_, body := e.API(t, "", http.MethodGet, p, nil)
			apptest.Lacks(t, p+" for visitors", rFlat(body), "Amal", "Haddad")
		}
		res := member.Web.Get(path)
		apptest.Contains(t, "listing page for members", res.Body, "Amal")
		apptest.Lacks(t, "listing page for members", res.Body, "Haddad")

		// Thanks on the fulfilled listing: both names hidden from visitors.
		r := e.respond(t, helper, l, "Ich habe einen Kinderwagen.")
		if _, err := e.Board.Accept(ctx, amal.Identity(), l.ID, r.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Board.Fulfil(ctx, amal.Identity(), l.ID); err != nil {
			t.Fatal(err)
		}
		for _, who := range []*apptest.Person{amal, helper} {
			if _, err := e.Board.Thank(ctx, who.Identity(), l.ID, "Danke von Herzen!"); err != nil {
				t.Fatal(err)
			}
		}
		_, body := e.API(t, "", http.MethodGet, "/api/v1/listings/"+l.ID+"/thanks", nil)
		if ts, _ := body["thanks"].([]any); len(ts) != 2 {
			t.Fatalf("thanks: %v", body)
		}
		apptest.Lacks(t, "thanks in the API for visitors", rFlat(body), "Amal", "Haddad", "Henrike", "Vogt", amal.ID, helper.ID)
		apptest.Lacks(t, "thanks on the page for visitors", visitor.Get(path).Body, "Amal", "Haddad", "Henrike", "Vogt")
		_, body = member.API(t, http.MethodGet, "/api/v1/listings/"+l.ID+"/thanks", nil)
		apptest.Contains(t, "thanks in the API for members", rFlat(body), "Amal", "Henrike")
		apptest.Lacks(t, "thanks in the API for members", rFlat(body), "Haddad", "Vogt")

		// Who chooses to be named is named.
		d := rDraft(board.Request, "goods.baby", "Suche Babykleidung")
		d.ShowName = true
		named := post(t, e.Env, amal, d)
		apptest.Contains(t, "a listing with the name shown", visitor.Get("/listings/"+named.ID).Body, "Amal Haddad")
		res = amal.Web.Post("/listings/"+named.ID+"/edit", apptest.Form("kind", "request", "category", "goods.baby",
			"title", "Suche Babykleidung", "description", "Größe 56.", "content_lang", "de", "postcode", "34117",
			"visibility", "public"))
		apptest.WantStatus(t, "edit without the box", res.Status, http.StatusSeeOther, res.Body)
		apptest.Lacks(t, "after unticking the box", visitor.Get("/listings/"+named.ID).Body, "Amal", "Haddad")
		status, out := amal.API(t, http.MethodPatch, "/api/v1/listings/"+named.ID, map[string]any{"show_name": true})
		if status != 200 || out["show_name"] != true {
			t.Errorf("PATCH show_name: %d %v", status, out)
		}
		apptest.Contains(t, "named through the API", visitor.Get("/listings/"+named.ID).Body, "Amal Haddad")
	})
}
