package pledge_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/pledge"
)

// env is the whole platform with the pledges, organisation and moderation
// modules at hand.
type env struct {
	*apptest.Env
	Orgs    *organization.Module
	Mod     *moderation.Module
	Pledges *pledge.Module
	Blog    *blog.Module
}

var ctx = context.Background()

// forEach runs fn on a fresh platform on each database.
func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) { fn(t, wrap(t, e)) })
}

// newEnv boots the platform on a fresh database of the dialect.
func newEnv(t *testing.T, dialect db.Dialect) *env {
	t.Helper()
	return wrap(t, apptest.New(t, dialect))
}

func wrap(t *testing.T, e *apptest.Env) *env {
	t.Helper()
	return &env{Env: e, Orgs: apptest.Module[*organization.Module](t, e), Mod: apptest.Module[*moderation.Module](t, e),
		Pledges: apptest.Module[*pledge.Module](t, e), Blog: apptest.Module[*blog.Module](t, e)}
}

// mailWith reports whether a mail to addr has a subject containing s.
func (e *env) mailWith(t *testing.T, addr, s string) bool {
	t.Helper()
	for _, m := range e.Outbox(t, addr) {
		if strings.Contains(m.Subject, s) {
			return true
		}
	}
	return false
}

// terms are valid terms of a pledge, due in days.
func (e *env) terms(days int) pledge.Terms {
	return pledge.Terms{
		Promise: "20 Tablets für eine Willkommensklasse", Needed: 2, Who: "Ehrenamtliche",
		Condition: "drei Monate lang mit den Kindern damit lernen", Deadline: e.Clock.Now().Add(time.Duration(days) * 24 * time.Hour),
		Postcode: "34117", Place: "Kassel", Category: "children.school", Lang: "de",
		Description: "Mittwochs 14 bis 16 Uhr.",
	}
}

// active makes a pledge of owner, due in days, and has staff approve it.
func (e *env) active(t *testing.T, owner, staff *apptest.Person, days int, change func(*pledge.Terms)) *pledge.Pledge {
	t.Helper()
	tm := e.terms(days)
	if change != nil {
		change(&tm)
	}
	p, err := e.Pledges.Create(ctx, owner.Identity(), tm, nil)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if _, err := e.Pledges.Submit(ctx, owner.Identity(), p.ID); err != nil {
		t.Fatalf("submit: %v", err)
	}
	if p, err = e.Pledges.Approve(ctx, staff.Identity(), p.ID); err != nil {
		t.Fatalf("approve: %v", err)
	}
	return p
}

// get reads a pledge as staff sees it.
func (e *env) get(t *testing.T, id string) *pledge.Pledge {
	t.Helper()
	p, err := e.Pledges.Get(ctx, &auth.Identity{UserID: "", Role: auth.Admin}, id)
	if err != nil {
		t.Fatalf("get %s: %v", id, err)
	}
	return p
}

// runJobs moves the clock and runs what is due.
func (e *env) runJobs(t *testing.T, d time.Duration) {
	t.Helper()
	e.Clock.Advance(d)
	if err := e.P.App.Jobs.RunDue(ctx); err != nil {
		t.Fatalf("jobs: %v", err)
	}
}
