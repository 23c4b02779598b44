package funding_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/funding"
	"teilhabe.org/teilhabe/internal/organization"
)

// bankCSV is a statement of n transactions, a tenth of them debits,
// starting at the nth transaction of the year.
func bankCSV(n, from int) []byte {
	var b strings.Builder
	b.WriteString("Buchungstag;Name Zahlungsbeteiligter;Verwendungszweck;Betrag\r\n")
	for i := from; i < from+n; i++ {
		amount := fmt.Sprintf("%d,%02d", 5+i%200, i%100)
		if i%10 == 0 {
			amount = "-" + amount
		}
		fmt.Fprintf(&b, "%02d.%02d.2026;Person %d;Spende Nr. %d;%s\r\n", 1+i%28, 1+i/28%12, i, i, amount)
	}
	return []byte(b.String())
}

// benchEnv is a platform with an organisation whose owner is its treasurer.
func benchEnv(b *testing.B, dialect db.Dialect) (*apptest.Env, *funding.Module, *apptest.Person, string) {
	e := apptest.New(b, dialect)
	m := apptest.Module[*funding.Module](b, e)
	owner := e.NewPerson(b, "olga", auth.Member)
	o, err := apptest.Module[*organization.Module](b, e).Create(ctx, owner.ID, organization.Profile{Name: "Kasse", Kind: "initiative"})
	if err != nil {
		b.Fatal(err)
	}
	return e, m, owner, o.ID
}

// BenchmarkImport10000 imports a statement of 10,000 transactions that
// match nothing (the most work: each is proposed against reservations and
// kept for review).
func BenchmarkImport10000(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			_, m, owner, orgID := benchEnv(b, dialect)
			for i := 0; b.Loop(); i++ {
				res, err := m.Import(ctx, owner.Identity(), orgID, bankCSV(10000, i*10000), funding.Layout{})
				if err != nil || res.New != 10000 {
					b.Fatalf("%v %+v", err, res)
				}
			}
		})
	}
}

// BenchmarkLedgerPage50000 reads the ledger page of an organisation with
// 50,000 bookings: 45,000 credits matched to a campaign and 5,000 expenses.
func BenchmarkLedgerPage50000(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			e, m, owner, orgID := benchEnv(b, dialect)
			for i := range 5 {
				if _, err := m.Import(ctx, owner.Identity(), orgID, bankCSV(10000, i*10000), funding.Layout{}); err != nil {
					b.Fatal(err)
				}
			}
			// Book them as the review would: credits as matched payments
			// of a published campaign, debits as expenses.
			d := funding.CampaignDraft{OrganizationID: orgID, Title: "Kasse", Story: "x", ContentLang: "de",
				Purpose: funding.Donation, Goal: 100000, Deadline: apptest.Start.AddDate(0, 1, 0), Holder: "Kasse",
				IBAN: testIBAN, LedgerPublic: true}
			c, err := m.Create(ctx, owner.Identity(), d)
			if err == nil {
				_, err = m.Publish(ctx, owner.Identity(), c.ID)
			}
			if err != nil {
				b.Fatal(err)
			}
			if _, err := e.P.DB.ExecContext(ctx, `UPDATE funding_bookings SET status = CASE WHEN amount_cents < 0
				THEN 'expense' ELSE 'matched' END, category = CASE WHEN amount_cents < 0 THEN 'material' ELSE '' END,
				campaign_id = CASE WHEN amount_cents < 0 THEN NULL ELSE $1 END`, c.ID); err != nil {
				b.Fatal(err)
			}
			client := e.Client(b)
			for b.Loop() {
				if res := client.Get("/organizations/" + orgID + "/ledger"); res.Status != http.StatusOK {
					b.Fatalf("%d", res.Status)
				}
			}
		})
	}
}
