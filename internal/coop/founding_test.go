package coop_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
)

func TestFoundingPath(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		path := "/coops/" + e.Coop.ID + "/founding"
		res := e.Olga.Web.Post(path, apptest.Form("step", "meeting", "done_on", "2026-03-20", "who", "Olga"))
		apptest.WantStatus(t, "a day to come", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "a day to come", res.Body, `id="f-done_on-error"`, `value="Olga"`)
		res = e.Olga.Web.Post(path, apptest.Form("step", "meeting", "done_on", "01.03.2026", "who", "Olga", "note", "Im Nachbarschaftshaus"))
		apptest.WantStatus(t, "mark", res.Status, http.StatusSeeOther, res.Body)
		page := e.Rita.Web.Get(path)
		apptest.Contains(t, "member's view", page.Body, "Gründungsversammlung mit mindestens drei Gründern", "erledigt am 01.03.2026",
			"Im Nachbarschaftshaus", "Mitglieder jetzt: 3")
		apptest.Lacks(t, "member's view", page.Body, `action="`+path+`"`)
		err := e.Coops.MarkStep(ctx, e.Rita.Identity(), e.Coop.ID, "idea", apptest.Start, "", "")
		apptest.WantCode(t, "member marks", err, apperr.Forbidden)
		if res := e.Mia.Web.Get(path); res.Status != http.StatusForbidden {
			t.Errorf("stranger: %d", res.Status)
		}
	})
}
