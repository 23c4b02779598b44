package coop_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/coop"
)

// TestErasureKeepsTheListEntryForThreeYears: a member who left and deletes
// their account stays in the member list (§ 30 (3) GenG), with the export
// saying until when; the retention job removes the entry after the
// period, not before.
func TestErasureKeepsTheListEntryForThreeYears(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		if _, err := e.Coops.End(ctx, e.Olga.Identity(), e.Coop.ID, e.RolfM, coop.Exclusion, time.Time{}, "Beschluss"); err != nil {
			t.Fatal(err)
		}
		x, err := e.P.Accounts.Export(ctx, e.Rolf.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(x.Modules["cooperatives"])
		apptest.Contains(t, "export", string(b), `"name":"Rolf Roth"`, `"kind":"leave"`, `"reason":"exclusion"`,
			`"kept_after_erasure_until":"2029-12-31"`, `"kind":"subscribe"`)
		if err := e.P.Accounts.Delete(ctx, e.Rolf.ID, apptest.Password); err != nil {
			t.Fatal(err)
		}
		var n int
		e.P.DB.QueryRowContext(ctx, `SELECT count(*) FROM coop_members WHERE user_id IS NOT NULL AND id = $1`, e.RolfM).Scan(&n)
		if n != 0 {
			t.Error("the membership still names the account")
		}
		names := func() string {
			var s []string
			for _, x := range e.list(t, day(2026, 3, 2)) {
				s = append(s, x.Name)
			}
			return strings.Join(s, ",")
		}
		if got := names(); got != "Olga Orlova,Rita Rahimi,Rolf Roth" {
			t.Errorf("after erasure: %s", got)
		}
		job := e.Coops.Jobs()[0]
		if err := job.Run(ctx, time.Date(2029, 12, 31, 12, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if got := names(); got != "Olga Orlova,Rita Rahimi,Rolf Roth" {
			t.Errorf("within the period: %s", got)
		}
		if err := job.Run(ctx, time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if got := names(); got != "Olga Orlova,Rita Rahimi" {
			t.Errorf("after the period: %s", got)
		}
	})
}
