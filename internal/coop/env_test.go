package coop_test

import (
	"context"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/coop"
	"teilhabe.org/teilhabe/internal/organization"
)

var ctx = context.Background()

// env is the platform with a cooperative: Olga owns its organisation and
// acts as its board until offices are recorded; Rita and Rolf are
// members (Rolf until he is excluded where a test needs a removed
// member); Mia is nothing of it.
type env struct {
	*apptest.Env
	Coops           *coop.Module
	Orgs            *organization.Module
	Coop            *coop.Coop
	Olga, Rita, Mia *apptest.Person
	Rolf            *apptest.Person
	OlgaM, RitaM    string // member ids
	RolfM           string
}

func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	apptest.ForEach(t, func(t *testing.T, ae *apptest.Env) { fn(t, wrap(t, ae)) })
}

func wrap(t testing.TB, ae *apptest.Env) *env {
	t.Helper()
	e := &env{Env: ae, Coops: apptest.Module[*coop.Module](t, ae), Orgs: apptest.Module[*organization.Module](t, ae)}
	e.Olga = ae.NewPerson(t, "olga", auth.Member)
	e.Rita = ae.NewPerson(t, "rita", auth.Member)
	e.Mia = ae.NewPerson(t, "mia", auth.Member)
	e.Rolf = ae.NewPerson(t, "rolf", auth.Member)
	o, err := e.Orgs.Create(ctx, e.Olga.ID, organization.Profile{Name: "Brückenbau eG", Kind: "cooperative"})
	if err != nil {
		t.Fatal(err)
	}
	d := coop.Draft{Stage: coop.Founded, Country: "DE", Purpose: "Wir bauen Brücken.", Statutes: coop.Statutes{
		SharePriceCents: 100_00, SharesRequired: 1, MaxShares: 20, MultipleVotes: 1, NoticeMonths: 3, YearStartMonth: 1,
		MinPaymentCents: 10_00, TextForm: true, InvestingVote: true}}
	if e.Coop, err = e.Coops.Create(ctx, e.Olga.Identity(), o.ID, d); err != nil {
		t.Fatal(err)
	}
	e.OlgaM = e.record(t, e.Olga.ID, "Olga Orlova", 2)
	e.RitaM = e.record(t, e.Rita.ID, "Rita Rahimi", 1)
	e.RolfM = e.record(t, e.Rolf.ID, "Rolf Roth", 1)
	return e
}

// record has the board record a member with an account.
func (e *env) record(t testing.TB, userID, name string, shares int) string {
	t.Helper()
	mb, err := e.Coops.RecordMember(ctx, e.Olga.Identity(), e.Coop.ID, coop.MemberDraft{UserID: userID, Name: name,
		Address: "Hafenstraße 1\n20457 Hamburg", Shares: shares, Lang: "de"})
	if err != nil {
		t.Fatalf("record %s: %v", name, err)
	}
	return mb.ID
}

// day is a calendar day as a date value.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
