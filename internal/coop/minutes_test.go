package coop_test

import (
	"bytes"
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/coop"
	"teilhabe.org/teilhabe/internal/tooltest"
)

func TestMinutesFromWhatHappened(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ae := e.assembly(t)
		board := e.Olga.Identity()
		mo, err := e.Coops.AddMotion(ctx, board, ae.A.ID, coop.MotionDraft{AgendaID: ae.A.Agenda[0].ID, Title: "Der Jahresabschluss 2025 wird festgestellt.", Kind: coop.AnnualAccounts})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Coops.GiveProxy(ctx, ae.Ben.Identity(), ae.A.ID, e.RitaM); err != nil {
			t.Fatal(err)
		}
		ae.start(t)
		for _, p := range []*apptest.Person{e.Olga, e.Rita, ae.Dana} {
			if err := e.Coops.Attend(ctx, p.Identity(), ae.A.ID); err != nil {
				t.Fatal(err)
			}
		}
		for _, v := range []struct {
			p     *apptest.Person
			forID string
			c     coop.Choice
		}{{e.Olga, "", coop.Yes}, {e.Rita, "", coop.Yes}, {e.Rita, ae.BenM, coop.No}, {ae.Dana, "", coop.Abstain}} {
			if err := e.Coops.Cast(ctx, v.p.Identity(), mo.ID, v.c, v.forID); err != nil {
				t.Fatal(err)
			}
		}
		err = e.Coops.ConfirmMinutes(ctx, board, ae.A.ID)
		apptest.WantCode(t, "confirm while open", err, apperr.Conflict)
		if _, err := e.Coops.CloseMotion(ctx, board, mo.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Coops.CloseAssembly(ctx, board, ae.A.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Coops.AddOffice(ctx, board, e.Coop.ID, ae.DanM, "board"); err != nil {
			t.Fatal(err)
		}
		mi, err := e.Coops.MinutesOf(ctx, e.Rita.Identity(), ae.A.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Niederschrift über die ordentlichen Generalversammlung der Brückenbau eG",
			"Versammlungsleitung: Olga Orlova", "Rita Rahimi (online), Stimmen: 2", "Ben Berger, vertreten durch Rita Rahimi",
			"TOP 1: Jahresabschluss 2025", "Antrag: Der Jahresabschluss 2025 wird festgestellt.", "Art der Abstimmung: offene Abstimmung",
			"Ergebnis: Ja 2, Nein 1, Enthaltungen 1", "Feststellung der Versammlungsleitung: Der Antrag ist angenommen.",
			"TOP 2: Entlastung des Vorstands\nKein Beschluss.", "Anlage: Einladung", "Einladung zur ordentlichen Generalversammlung"} {
			if !strings.Contains(mi.Text, want) {
				t.Errorf("minutes lack %q:\n%s", want, mi.Text)
			}
		}
		err = e.Coops.ConfirmMinutes(ctx, ae.Dana.Identity(), ae.A.ID)
		apptest.WantCode(t, "board member before the chair", err, apperr.Forbidden)
		err = e.Coops.ConfirmMinutes(ctx, e.Rita.Identity(), ae.A.ID)
		apptest.WantCode(t, "a member", err, apperr.Forbidden)
		res := e.Olga.Web.Post("/assemblies/"+ae.A.ID+"/minutes/confirm", nil)
		apptest.WantStatus(t, "chair confirms", res.Status, http.StatusSeeOther, res.Body)
		if st, _ := ae.Dana.API(t, http.MethodGet, "/api/v1/assemblies/"+ae.A.ID+"/minutes", nil); st != http.StatusOK {
			t.Errorf("minutes through the API: %d", st)
		}
		if err := e.Coops.ConfirmMinutes(ctx, ae.Dana.Identity(), ae.A.ID); err != nil {
			t.Fatal(err)
		}
		err = e.Coops.ConfirmMinutes(ctx, ae.Dana.Identity(), ae.A.ID)
		apptest.WantCode(t, "again", err, apperr.Conflict)
		page := ae.Cem.Web.Get("/assemblies/" + ae.A.ID + "/minutes")
		apptest.Contains(t, "minutes page", page.Body, `<pre lang="de" dir="ltr">Niederschrift`, "Çeviri yardımı", "Kabul edildi",
			"Onaylandı ve değiştirilemez.")
		if res := e.Mia.Web.Get("/assemblies/" + ae.A.ID + "/minutes"); res.Status != http.StatusNotFound {
			t.Errorf("stranger reads the minutes: %d", res.Status)
		}
		if res := e.Mia.Web.Get("/assemblies/" + ae.A.ID + "/minutes.pdf"); res.Status != http.StatusNotFound {
			t.Errorf("stranger reads the PDF: %d", res.Status)
		}
		st, file := e.APIRaw(t, ae.Cem.Token(t), http.MethodGet, "/api/v1/assemblies/"+ae.A.ID+"/minutes.pdf", nil)
		if st != http.StatusOK || !strings.HasPrefix(string(file), "%PDF") {
			t.Fatalf("minutes PDF: %d %.100s", st, file)
		}
		cmd := exec.Command(tooltest.Command(t, "pdftotext", "poppler-utils"), "-", "-")
		cmd.Stdin = bytes.NewReader(file)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range []string{"Niederschrift über die ordentlichen Generalversammlung der Brückenbau eG",
			"Antrag: Der Jahresabschluss 2025 wird festgestellt.", "Ergebnis: Ja 2, Nein 1, Enthaltungen 1",
			"Feststellung der Versammlungsleitung: Der Antrag ist angenommen.", "Ben Berger, vertreten durch Rita Rahimi",
			"Bestätigt vom Vorstand (Dana Danylenko)"} {
			if !strings.Contains(text, want) {
				t.Errorf("pdftotext lacks %q:\n%s", want, text)
			}
		}
	})
}
