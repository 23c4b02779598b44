package volunteer_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

func TestExportAndErase(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		past := e.plan(t, e.Olga, e.draft())[0]
		d := e.draft()
		d.Title, d.Start, d.End = "Nächste Woche", at(2026, 3, 11, 17, 0), at(2026, 3, 11, 20, 0)
		next := e.plan(t, e.Olga, d)[0]
		for _, sh := range []string{past.ID, next.ID} {
			s, _ := e.Vol.Shift(ctx, nil, sh)
			if _, err := e.Vol.Take(ctx, e.Mia.Identity(), sh, s.Slots[0].ID, true); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.Vol.Take(ctx, e.Wanda.Identity(), next.ID, next.Slots[0].ID, false); err != nil {
			t.Fatal(err)
		}
		export, err := e.Vol.UserData().Export(ctx, e.Mia.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(export)
		apptest.Contains(t, "export", string(b), past.ID, next.ID, "Küche", "Nächste Woche")

		e.Clock.Set(at(2026, 3, 5, 9, 0)) // the first shift is over
		res := e.Mia.Web.Post("/settings/delete", apptest.Form("delete_password", apptest.Password))
		apptest.WantStatus(t, "delete account", res.Status, http.StatusSeeOther, res.Body)
		got, _ := e.Vol.Shift(ctx, e.Olga.Identity(), next.ID)
		if got.Slots[0].Taken != 1 || len(got.Slots[0].Helpers) != 1 || got.Slots[0].Helpers[0].Name != "Wanda" {
			t.Errorf("upcoming slot after the erasure: %+v", got.Slots[0])
		}
		got, _ = e.Vol.Shift(ctx, e.Olga.Identity(), past.ID)
		if len(got.Slots[0].Helpers) != 1 || got.Slots[0].Helpers[0].Name != "" {
			t.Errorf("the past place is not kept without a name: %+v", got.Slots[0].Helpers)
		}
		if n := e.countWhere(t, "volunteer_helpers", "user_id", e.Mia.ID); n != 0 {
			t.Errorf("%d places still name the erased person", n)
		}
		if strings.Contains(e.Client(t).Get("/shifts/"+past.ID).Body, "Mia") {
			t.Error("the erased name still shows")
		}
	})
}

func (e *env) countWhere(t *testing.T, table, column, value string) int {
	t.Helper()
	var n int
	if err := e.P.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table+" WHERE "+column+" = $1", value).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
