package conversation_test

import (
	"database/sql"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/conversation"
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
	c := func(id string) string { return "/conversations/" + id }
	pages := []apptest.Page{
		apptest.Get(s.anna, "/conversations", 200),
		apptest.Get(s.anna, "/settings/export", 200),
		apptest.Get(s.anna, c(s.revealed), 200),
		apptest.Get(s.anna, c(s.revealed)+fmt.Sprintf("?before=%d", s.older), 200),
		apptest.Post(s.anna, c(s.revealed)+"/messages", url.Values{"body": {" "}}, 422),
		apptest.Post(s.anna, "/conversations/settings", url.Values{"notify": {"x"}}, 422),
		apptest.Get(s.anna, c(s.revealed)+"/block/"+s.ben.ID, 200),
		apptest.Get(s.anna, c(s.blocked), 200),
		apptest.Post(s.carl, c(s.blocked)+"/messages", url.Values{"body": {"?"}}, 403),
		apptest.Get(s.sabine, c(s.waiting), 200),
		apptest.Get(s.olena, c(s.waiting), 200),
		apptest.Get(s.jonas, c(s.waiting), 200),
		apptest.Get(s.jonas, "/conversations", 200),
		apptest.Get(s.stranger, "/conversations", 200),
		apptest.Get(s.stranger, c(s.revealed), 404),
	}
	e.EveryLanguage(t, pages, messageID)
	for _, name := range e.P.Services.Render.Unrendered() {
		if strings.HasPrefix(name, "conversation/") {
			t.Errorf("page %s was not drawn", name)
		}
	}
}
