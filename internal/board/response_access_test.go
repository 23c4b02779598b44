package board_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestResponsesOfOthers: a response can be read by its responder and the
// listing's managers only, decided by the managers only and withdrawn by
// its responder only, through the web and the API.
func TestResponsesOfOthers(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		helper := e.NewPersonLang(t, "helper", auth.Member, "uk")
		stranger := e.NewPersonLang(t, "stranger", auth.Member, "de")
		l := post(t, e.Env, poster, rDraft(board.Request, "translation.doctor", "Begleitung zum Arzt"))
		r := e.respond(t, helper, l, "Я можу перекладати.")
		base := "/listings/" + l.ID + "/responses"
		one := base + "/" + r.ID

		// Reading.
		res := stranger.Web.Get("/listings/" + l.ID)
		apptest.Lacks(t, "stranger's listing page", res.Body, "Helper", one)
		for _, c := range []struct {
			who    *apptest.Person
			path   string
			status int
		}{
			{stranger, base, http.StatusForbidden},
			{helper, base, http.StatusForbidden},
			{poster, base, http.StatusOK},
			{stranger, one, http.StatusForbidden},
			{helper, one, http.StatusOK},
			{poster, one, http.StatusOK},
			{stranger, "/api/v1/listings/" + l.ID + "/suggestions", http.StatusForbidden},
			{helper, "/api/v1/listings/" + l.ID + "/suggestions", http.StatusForbidden},
		} {
			path := c.path
			if !strings.HasPrefix(path, "/api/") {
				path = "/api/v1" + path
			}
			status, body := c.who.API(t, http.MethodGet, path, nil)
			apptest.WantStatus(t, c.who.Name+" GET "+path, status, c.status, rFlat(body))
			if status == http.StatusOK && strings.Contains(rFlat(body), helper.Email) {
				t.Errorf("GET %s shows the responder's address", path)
			}
		}
		if status, _ := e.API(t, "", http.MethodGet, "/api/v1"+base, nil); status != http.StatusUnauthorized {
			t.Errorf("anonymous list: %d", status)
		}

		// Deciding and withdrawing, through the web and the API.
		for _, c := range []struct {
			who    *apptest.Person
			action string
			status int
		}{
			{stranger, "accept", http.StatusForbidden},
			{stranger, "decline", http.StatusForbidden},
			{helper, "accept", http.StatusForbidden},
			{helper, "decline", http.StatusForbidden},
			{stranger, "withdraw", http.StatusNotFound},
			{poster, "withdraw", http.StatusForbidden},
		} {
			res := c.who.Web.Post(one+"/"+c.action, nil)
			apptest.WantStatus(t, c.who.Name+" "+c.action+" (web)", res.Status, c.status, res.Body)
			status, _ := c.who.API(t, http.MethodPost, "/api/v1"+one+"/"+c.action, nil)
			apptest.WantStatus(t, c.who.Name+" "+c.action+" (API)", status, c.status, "")
		}
		if got, _ := e.Board.Response(ctx, poster.Identity(), l.ID, r.ID); got.Status != board.ResponsePending {
			t.Fatalf("refused actions changed the response: %+v", got)
		}
		// A response named under another listing is not found.
		other := post(t, e.Env, stranger, rDraft(board.Request, "translation.school", "Elternabend"))
		res = stranger.Web.Post("/listings/"+other.ID+"/responses/"+r.ID+"/accept", nil)
		apptest.WantStatus(t, "response of another listing", res.Status, http.StatusNotFound, res.Body)

		// The poster declines through the API; the helper then withdraws.
		status, got := poster.API(t, http.MethodPost, "/api/v1"+one+"/decline", nil)
		if status != 200 || got["status"] != "declined" || got["responder_name"] != "Helper" {
			t.Errorf("decline: %d %v", status, got)
		}
		m := e.MailTo(t, helper.Email)
		apptest.Contains(t, "mail of the decline", m.Subject, "Щодо вашого відгуку")
		res = helper.Web.Post(one+"/withdraw", nil)
		apptest.WantStatus(t, "withdraw a declined response", res.Status, http.StatusConflict, res.Body)
	})
}

// TestSavedSearchesOfOthers: a saved search is its owner's alone: others
// neither see, change nor delete it, through the web and the API.
func TestSavedSearchesOfOthers(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		owner := e.NewPersonLang(t, "owner", auth.Member, "de")
		stranger := e.NewPersonLang(t, "stranger", auth.Member, "de")
		status, s := owner.API(t, http.MethodPost, "/api/v1/saved-searches",
			map[string]any{"name": "Fahrräder in Kassel", "filter": map[string]any{"q": "Fahrrad", "kind": "offer"}})
		if status != http.StatusCreated {
			t.Fatalf("create: %d %v", status, s)
		}
		id, _ := s["id"].(string)
		path := "/api/v1/saved-searches/" + id

		for _, c := range []struct {
			method string
			body   any
		}{{http.MethodGet, nil}, {http.MethodPatch, map[string]any{"digest": false}}, {http.MethodDelete, nil}} {
			status, _ := stranger.API(t, c.method, path, c.body)
			apptest.WantStatus(t, "stranger "+c.method, status, http.StatusNotFound, "")
			status, _ = e.API(t, "", c.method, path, c.body)
			apptest.WantStatus(t, "anonymous "+c.method, status, http.StatusUnauthorized, "")
		}
		if _, list := stranger.API(t, http.MethodGet, "/api/v1/saved-searches", nil); strings.Contains(rFlat(list), id) {
			t.Error("the stranger's list shows the owner's search")
		}
		res := stranger.Web.Get("/me/searches")
		apptest.Lacks(t, "stranger's saved searches", res.Body, "Fahrräder in Kassel", id)
		for _, action := range []string{"/delete", "/digest"} {
			res := stranger.Web.Post("/me/searches/"+id+action, apptest.Form("digest", "off"))
			apptest.WantStatus(t, "stranger "+action, res.Status, http.StatusNotFound, res.Body)
		}
		got, err := e.Board.SavedSearch(ctx, owner.ID, id)
		if err != nil || !got.Digest || got.Name != "Fahrräder in Kassel" {
			t.Fatalf("the owner's search after the stranger tried: %+v %v", got, err)
		}

		// The owner switches the digest off and deletes it.
		status, s = owner.API(t, http.MethodPatch, path, map[string]any{"digest": false})
		if status != 200 || s["digest"] != false {
			t.Errorf("patch: %d %v", status, s)
		}
		apptest.Contains(t, "owner's saved searches", owner.Web.Get("/me/searches").Body, "Fahrräder in Kassel", "Tägliche E-Mail: aus")
		res = owner.Web.Post("/me/searches/"+id+"/delete", nil)
		apptest.WantStatus(t, "owner deletes", res.Status, http.StatusSeeOther, res.Body)
		if status, _ := owner.API(t, http.MethodGet, path, nil); status != http.StatusNotFound {
			t.Errorf("after deleting: %d", status)
		}
	})
}
