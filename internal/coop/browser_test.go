package coop_test

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/coop"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// TestAssemblyInArabic is an assembly in Chromium in the Arabic
// interface: Amal is invited in Arabic with the German invitation and
// gives Rita her proxy, Ben gives his; Rita attends online and votes for
// both and herself; the chair closes the motion; the minutes show the
// resolution in German beside the Arabic aid, and pdftotext finds it in
// the minutes PDF. Every page passes axe,
// reflows to 320 px and works with the keyboard.
func TestAssemblyInArabic(t *testing.T) {
	e := wrap(t, apptest.New(t, "sqlite"))
	amal := e.NewPersonLang(t, "amal", auth.Member, "ar")
	amalM := e.record(t, amal.ID, "أمل درويش", 1)
	_ = amalM
	ae := e.assembly(t)
	mails := e.Outbox(t, amal.Email)
	if len(mails) == 0 || mails[0].Lang != "ar" || !strings.Contains(mails[0].Text, "Einladung zur ordentlichen Generalversammlung") {
		t.Fatalf("Amal's invitation: %+v", mails)
	}
	mo, err := e.Coops.AddMotion(ctx, e.Olga.Identity(), ae.A.ID, coop.MotionDraft{AgendaID: ae.A.Agenda[0].ID,
		Title: "Der Jahresabschluss 2025 wird festgestellt.", Kind: coop.AnnualAccounts})
	if err != nil {
		t.Fatal(err)
	}
	page := "/assemblies/" + ae.A.ID

	b := amal.Browser(t, page, "ar")
	if b.Attr("html", "dir") != "rtl" {
		t.Errorf("the assembly page is not right to left")
	}
	b.CheckAll(t)
	b.Select("#f-holder_id", e.RitaM)
	b.Submit(`form[action$="/proxies"]`)
	if !strings.Contains(b.Text("main"), "Rita Rahimi") {
		t.Errorf("after the proxy: %q", b.Text("main"))
	}
	b.CheckAll(t)
	if _, err := e.Coops.GiveProxy(ctx, ae.Ben.Identity(), ae.A.ID, e.RitaM); err != nil {
		t.Fatal(err)
	}

	e.Clock.Set(ae.A.StartsAt.Add(time.Minute))
	r := e.Rita.Browser(t, page, "ar")
	r.Submit(`form[action$="/attend"]`)
	r.CheckAll(t)
	for _, forID := range []string{"", amalM, ae.BenM} {
		r.Click("#f-choice-" + mo.ID + "-yes")
		r.Select("#f-for-"+mo.ID, forID)
		r.Submit(`form[action="/motions/` + mo.ID + `/vote"]`)
	}
	if strings.Contains(r.Text("main"), "اعتُمد") {
		t.Error("the result shows before the motion is closed")
	}
	chair := e.Olga.Browser(t, page, "de")
	chair.Submit(`form[action="/motions/` + mo.ID + `/close"]`)
	chair.Submit(`form[action="` + page + `/close"]`)
	chair.Go(e.URL + page + "/minutes")
	chair.Submit(`form[action$="/minutes/confirm"]`)

	r.Go(e.URL + page)
	if !strings.Contains(r.Text("main"), "اعتُمد") || !strings.Contains(r.Text("main"), "نعم 3") {
		t.Errorf("after closing: %q", r.Text("main"))
	}
	r.Go(e.URL + page + "/minutes")
	r.CheckAll(t)
	minutes := r.Text("main")
	for _, want := range []string{"Ergebnis: Ja 3, Nein 0, Enthaltungen 0", "Der Antrag ist angenommen.", "أمل درويش, vertreten durch Rita Rahimi", "مساعدة في الترجمة"} {
		if !strings.Contains(minutes, want) {
			t.Errorf("the minutes lack %q:\n%s", want, minutes)
		}
	}
	// The PDF the minutes page links to, read back by poppler.
	res := e.Rita.Web.Get(page + "/minutes.pdf")
	cmd := exec.Command(tooltest.Command(t, "pdftotext", "poppler-utils"), "-", "-")
	cmd.Stdin = strings.NewReader(res.Body)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (%d)", err, res.Status)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Antrag: Der Jahresabschluss 2025 wird festgestellt.", "Ergebnis: Ja 3, Nein 0, Enthaltungen 0",
		"Feststellung der Versammlungsleitung: Der Antrag ist angenommen."} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
}
