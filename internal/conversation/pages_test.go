package conversation_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/i18n"
)

// scene is a set of conversations showing every part of the pages: shared
// and revealed contact details, a hidden and a removed message, older
// messages, a block, an organisation's member.
type scene struct {
	anna, ben, carl, sabine, olena, jonas, stranger *apptest.Person
	revealed, waiting, blocked                      string
	older                                           int
}

func newScene(t *testing.T, e *env) *scene {
	t.Helper()
	s := &scene{anna: e.newPerson(t, "Anna", "de"), ben: e.newPerson(t, "Ben", "ar"), carl: e.newPerson(t, "Carl", "tr"),
		sabine: e.newPerson(t, "Sabine", "de"), olena: e.newPerson(t, "Olena", "uk"), jonas: e.newPerson(t, "Jonas", "de"),
		stranger: e.newPerson(t, "Fremd", "fa")}
	org := e.newOrg(t, s.sabine, "Freiwilligenzentrum")
	e.Join(t, s.sabine, s.jonas, org)

	s.revealed = e.start(t, sofa, s.anna, "Ist das Sofa noch da?\nIch könnte es abholen.", part(s.ben))
	for i := range 26 {
		e.post(t, s.revealed, s.ben, fmt.Sprintf("نعم، ما زالت متوفرة (%d)", i))
		e.post(t, s.revealed, s.anna, fmt.Sprintf("Danke! (%d)", i))
	}
	hidden := e.post(t, s.revealed, s.ben, "Etwas Unfreundliches")
	removed := e.post(t, s.revealed, s.ben, "Etwas Verbotenes")
	e.post(t, s.revealed, s.ben, "Samstag um 10?")
	err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := e.Conv.HideMessage(ctx, tx, hidden.ID, true); err != nil {
			return err
		}
		if err := e.Conv.RemoveMessage(ctx, tx, removed.ID); err != nil {
			return err
		}
		return e.Conv.EnableContactSharing(ctx, tx, s.revealed)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*apptest.Person{s.anna, s.ben} {
		if err := e.Conv.ShareContact(ctx, s.revealed, p.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	th, err := e.Conv.Read(ctx, s.revealed, s.anna.ID, 0)
	if err != nil || th.Older == 0 || len(th.Revealed) != 1 {
		t.Fatalf("scene: %v older %d revealed %v", err, th.Older, th.Revealed)
	}
	s.older = th.Older

	s.waiting = e.start(t, conversation.About{}, s.olena, "Добрий день! Я хочу допомагати.", conversation.Participant{UserID: s.sabine.ID, OrgID: org})
	err = e.P.DB.Tx(ctx, func(tx *sql.Tx) error { return e.Conv.EnableContactSharing(ctx, tx, s.waiting) })
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Conv.ShareContact(ctx, s.waiting, s.olena.ID, true); err != nil {
		t.Fatal(err)
	}

	s.blocked = e.start(t, conversation.About{Kind: "pledge", ID: "1", Title: "Zehn Fahrräder für Neuankommende"}, s.carl, "Merhaba!", part(s.anna))
	if err := e.Conv.Block(ctx, s.anna.ID, s.carl.ID); err != nil {
		t.Fatal(err)
	}
	return s
}

// messageID finds a message id printed instead of its text.
var messageID = regexp.MustCompile(`\b(conversation|layout|error|form)\.[a-z_]+`)

// TestEveryPageInEveryLanguage draws each page of the module, with form
// errors and every section, in every interface language.
func TestEveryPageInEveryLanguage(t *testing.T) {
	e := newEnv(t, "sqlite", true)
	s := newScene(t, e)
	type page struct {
		who          *apptest.Person
		method, path string
		form         url.Values
		status       int
	}
	c := func(id string) string { return "/conversations/" + id }
	pages := []page{
		{s.anna, "GET", "/conversations", nil, 200},
		{s.anna, "GET", "/settings/export", nil, 200},
		{s.anna, "GET", c(s.revealed), nil, 200},
		{s.anna, "GET", c(s.revealed) + fmt.Sprintf("?before=%d", s.older), nil, 200},
		{s.anna, "POST", c(s.revealed) + "/messages", url.Values{"body": {" "}}, 422},
		{s.anna, "POST", "/conversations/settings", url.Values{"notify": {"x"}}, 422},
		{s.anna, "GET", c(s.revealed) + "/block/" + s.ben.ID, nil, 200},
		{s.anna, "GET", c(s.blocked), nil, 200},
		{s.carl, "POST", c(s.blocked) + "/messages", url.Values{"body": {"?"}}, 403},
		{s.sabine, "GET", c(s.waiting), nil, 200},
		{s.olena, "GET", c(s.waiting), nil, 200},
		{s.jonas, "GET", c(s.waiting), nil, 200},
		{s.jonas, "GET", "/conversations", nil, 200},
		{s.stranger, "GET", "/conversations", nil, 200},
		{s.stranger, "GET", c(s.revealed), nil, 404},
	}
	people := []*apptest.Person{s.anna, s.carl, s.sabine, s.olena, s.jonas, s.stranger}
	for _, lang := range i18n.Languages {
		t.Run(lang.Tag, func(t *testing.T) {
			for _, p := range people {
				p.Web.Post("/language", url.Values{"lang": {lang.Tag}})
			}
			want := fmt.Sprintf(`<html lang="%s" dir="%s">`, lang.Tag, lang.Dir)
			for _, p := range pages {
				res := p.who.Web.Get(p.path)
				if p.method == http.MethodPost {
					res = p.who.Web.Post(p.path, p.form)
				}
				if res.Status != p.status {
					t.Errorf("%s %s: %d, want %d", p.method, p.path, res.Status, p.status)
				}
				if !strings.Contains(res.Body, want) {
					t.Errorf("%s %s: no %s", p.method, p.path, want)
				}
				if strings.Contains(res.Body, "<no value>") || messageID.MatchString(res.Body) {
					t.Errorf("%s %s: a value or message is missing", p.method, p.path)
				}
			}
		})
	}
	if missing := e.P.Services.Catalog.Missing(); len(missing) > 0 {
		t.Errorf("messages asked for but missing:\n  %s", strings.Join(missing, "\n  "))
	}
	for _, name := range e.P.Services.Render.Unrendered() {
		if strings.HasPrefix(name, "conversation/") {
			t.Errorf("page %s was not drawn", name)
		}
	}
}
