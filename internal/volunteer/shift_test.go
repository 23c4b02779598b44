package volunteer_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
)

func TestPlanWeeklyTemplate(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		until := at(2026, 4, 1, 0, 0)
		d.RepeatUntil = &until
		shifts := e.plan(t, e.Rolf, d)
		if len(shifts) != 5 {
			t.Fatalf("%d shifts from 4 March to 1 April, want 5", len(shifts))
		}
		// Summer time begins on 29 March: the local time stays 17:00.
		last := shifts[4]
		if !last.Start.Equal(at(2026, 4, 1, 17, 0)) || !last.End.Equal(at(2026, 4, 1, 20, 0)) {
			t.Errorf("last shift %v–%v, want 1 April 17:00–20:00 in Kassel", last.Start, last.End)
		}
		got, err := e.Vol.OrgShifts(ctx, nil, e.OrgID, at(2026, 3, 1, 0, 0), at(2026, 5, 1, 0, 0))
		if err != nil || len(got) != 5 || len(got[0].Slots) != 2 || got[0].SeriesID != got[4].SeriesID {
			t.Fatalf("plan: %d shifts, %v", len(got), err)
		}
		if sl := got[0].Slots[0]; sl.Task != "Küche" || sl.Needed != 2 || len(sl.Languages) != 2 || sl.CheckRequired {
			t.Errorf("first slot %+v", sl)
		}
	})
}

func TestPlanFormKeepsWhatWasTyped(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		path := "/organizations/" + e.OrgID + "/shifts/new"
		res := e.Rolf.Web.Post(path, apptest.Form("title", "Abenddienst", "start_date", "31.02.2026", "start_time", "17:00",
			"end_time", "20:00", "slot0_task", "", "slot1_task", "Küche mit Herz", "slot1_needed", "0"))
		apptest.WantStatus(t, "wrong form", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "wrong form", res.Body, `value="Abenddienst"`, `value="Küche mit Herz"`,
			"Bitte ein Datum wie 24.12.2026 angeben.", "Bitte eine Zahl von 1 bis 500.")
		if n := e.count(t, "volunteer_shifts"); n != 0 {
			t.Errorf("%d shifts planned from a wrong form", n)
		}
		res = e.Rolf.Web.Post(path, apptest.Form("title", "Abenddienst", "start_date", "2026-03-04", "start_time", "22:00",
			"end_time", "6:00", "public", "1", "weekly", "1", "repeat_until", "18.03.2026", "slot0_task", "Nachtwache",
			"slot0_needed", "2", "slot0_languages", "uk", "slot0_languages", "de"))
		apptest.WantStatus(t, "plan", res.Status, http.StatusSeeOther, res.Body)
		shifts, _ := e.Vol.OrgShifts(ctx, nil, e.OrgID, at(2026, 3, 1, 0, 0), at(2026, 4, 1, 0, 0))
		if len(shifts) != 3 || !shifts[0].End.Equal(at(2026, 3, 5, 6, 0)) {
			t.Fatalf("night shifts: %d, first %+v", len(shifts), shifts)
		}
		page := e.Mia.Web.Get(res.Location()).Body
		apptest.Contains(t, "plan page", page, "Nachtwache", "0 von 2 Plätzen besetzt")
	})
}

func (e *env) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := e.P.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPlanRefusedToOthers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		_, err := e.Vol.Plan(ctx, e.Mia.Identity(), e.draft())
		apptest.WantCode(t, "a volunteer plans", err, apperr.Invalid)
		if _, err := e.Vol.Plan(ctx, e.Cora.Identity(), e.draft()); err != nil {
			t.Errorf("a coordinator plans: %v", err)
		}
	})
}
