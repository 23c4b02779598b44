package conversation_test

import (
	"context"
	"database/sql"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/organization"
)

// env is the whole platform with the conversation and organisation modules
// at hand.
type env struct {
	*apptest.Env
	Orgs *organization.Module
	Conv *conversation.Module
}

var ctx = context.Background()

// forEach runs fn on a fresh platform on each database.
func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, d db.Dialect) *env { return newEnv(t, d, true) }, fn)
}

// newEnv boots the platform on a fresh database of the dialect. withLister
// false puts a second conversation module over the same tables in Conv,
// one that was not given the organisation list, so it must fall back on
// asking about each organisation.
func newEnv(t *testing.T, dialect db.Dialect, withLister bool) *env {
	t.Helper()
	a := apptest.New(t, dialect)
	e := &env{Env: a, Orgs: apptest.Module[*organization.Module](t, a), Conv: apptest.Module[*conversation.Module](t, a)}
	if !withLister {
		// Without the renderer: the platform's module already fills the
		// header of every page.
		s := *a.P.Services
		s.Render = nil
		e.Conv = conversation.New(&s, a.P.Accounts, func(ctx context.Context, orgID, userID string) bool {
			_, err := e.Orgs.RoleOf(ctx, orgID, userID)
			return err == nil
		})
	}
	return e
}

// newPerson creates a member named name who chose the language lang, and
// logs them in.
func (e *env) newPerson(t *testing.T, name, lang string) *apptest.Person {
	t.Helper()
	return e.NewPersonLang(t, name, auth.Member, lang)
}

// part is the person as a participant on their own behalf.
func part(p *apptest.Person) conversation.Participant { return conversation.Participant{UserID: p.ID} }

// start opens a conversation as the board would, in a transaction of its
// own.
func (e *env) start(t *testing.T, about conversation.About, from *apptest.Person, first string, to ...conversation.Participant) string {
	t.Helper()
	id, err := e.tryStart(about, part(from), to, first)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	return id
}

func (e *env) tryStart(about conversation.About, from conversation.Participant, to []conversation.Participant, first string) (string, error) {
	var id string
	err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = e.Conv.Start(ctx, tx, about, from, to, first)
		return err
	})
	return id, err
}

func (e *env) post(t *testing.T, convID string, p *apptest.Person, body string) *conversation.Message {
	t.Helper()
	msg, err := e.Conv.Post(ctx, convID, p.ID, body)
	if err != nil {
		t.Fatalf("%s posts: %v", p.Name, err)
	}
	return msg
}

func (e *env) unread(t *testing.T, p *apptest.Person) int {
	t.Helper()
	n, err := e.Conv.Unread(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// newOrg makes an organisation owned by p.
func (e *env) newOrg(t *testing.T, p *apptest.Person, name string) string {
	t.Helper()
	o, err := e.Orgs.Create(ctx, p.ID, organization.Profile{Name: name, Kind: "initiative", Languages: []string{"de"}})
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

var sofa = conversation.About{Kind: "listing", ID: "0190a0a0-0000-7000-8000-000000000001", Title: "Sofa zu verschenken",
	URL: "/listings/0190a0a0-0000-7000-8000-000000000001"}
