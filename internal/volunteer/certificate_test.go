package volunteer_test

import (
	"bytes"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/tooltest"
	"teilhabe.org/teilhabe/internal/volunteer"
)

// pdfText reads a PDF back with poppler's pdftotext.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	cmd := exec.Command(tooltest.Command(t, "pdftotext", "poppler-utils"), "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestCertificateRequestConfirmPDFAndVerify(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ayse := e.NewPerson(t, "ayşe", auth.Member)
		if _, err := e.P.DB.ExecContext(ctx, `UPDATE users SET name = 'Ayşe Şahin' WHERE id = $1`, ayse.ID); err != nil {
			t.Skipf("names: %v", err)
		}
		sh := e.plan(t, e.Olga, e.draft())[0]
		if _, err := e.Vol.Take(ctx, ayse.Identity(), sh.ID, sh.Slots[0].ID, false); err != nil {
			t.Fatal(err)
		}
		e.Clock.Set(at(2026, 3, 5, 9, 0))
		res := ayse.Web.Post("/me/certificates", apptest.Form("organization_id", e.OrgID, "from", "01.03.2026", "to", "05.03.2026"))
		apptest.WantStatus(t, "request", res.Status, http.StatusSeeOther, res.Body)
		certs, _ := e.Vol.MyCertificates(ctx, ayse.Identity())
		if len(certs) != 1 || certs[0].Status != volunteer.Requested {
			t.Fatalf("certificates: %+v", certs)
		}
		c := certs[0]
		// Others may not confirm nor read it.
		for _, p := range []*apptest.Person{e.Mia, e.Otto, ayse} {
			if status, _ := p.API(t, "POST", "/api/v1/certificates/"+c.ID+"/confirm", map[string]any{"role": "x"}); status != http.StatusNotFound {
				t.Errorf("%s confirms: %d", p.Email, status)
			}
			if res := p.Web.Get("/organizations/" + e.OrgID + "/certificates/" + c.ID + "/confirm"); !refused(res) {
				t.Errorf("%s opens the confirmation: %d", p.Email, res.Status)
			}
		}
		page := e.Rolf.Web.Get("/organizations/" + e.OrgID + "/certificates/" + c.ID + "/confirm")
		apptest.Contains(t, "confirm page", page.Body, "Küche – Abenddienst", "3:00")
		res = e.Rolf.Web.Post("/organizations/"+e.OrgID+"/certificates/"+c.ID+"/confirm", apptest.Form("role", "", "note", "Mit großem Einsatz."))
		apptest.WantStatus(t, "no role", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "no role", res.Body, "Mit großem Einsatz.")
		res = e.Rolf.Web.Post("/organizations/"+e.OrgID+"/certificates/"+c.ID+"/confirm", apptest.Form("role", "Koordinator Ehrenamt",
			"note", "Mit großem Einsatz."))
		apptest.WantStatus(t, "confirm", res.Status, http.StatusSeeOther, res.Body)

		// The PDF, for the holder and the organisation, read back by poppler.
		c, _ = e.Vol.Certificate(ctx, ayse.Identity(), c.ID)
		res = ayse.Web.Get("/me/certificates/" + c.ID + "/pdf")
		if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("pdf: %d %s", res.Status, res.Header.Get("Content-Type"))
		}
		text := pdfText(t, []byte(res.Body))
		for _, want := range []string{"Ayşe Şahin", "Unterkunft Lindenstraße", "3:00 Stunden", "Küche – Abenddienst",
			"Rolf, Koordinator Ehrenamt", "Mit großem Einsatz.", volunteer.FormatCode(c.Code), "/certificates/verify/"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q:\n%s", want, text)
			}
		}
		req, _ := http.NewRequest("GET", e.URL+"/api/v1/certificates/"+c.ID+"/pdf", nil)
		req.Header.Set("Authorization", "Bearer "+e.Olga.Token(t))
		apiRes, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(apiRes.Body)
		apiRes.Body.Close()
		if apiRes.StatusCode != http.StatusOK || !strings.Contains(pdfText(t, b), "Ayşe Şahin") {
			t.Errorf("API pdf: %d", apiRes.StatusCode)
		}
		for _, p := range []*apptest.Person{e.Mia, e.Otto} {
			if res := p.Web.Get("/me/certificates/" + c.ID + "/pdf"); !refused(res) {
				t.Errorf("%s downloads another's certificate: %d", p.Email, res.Status)
			}
			if status, _ := p.API(t, "GET", "/api/v1/certificates/"+c.ID+"/pdf", nil); status != http.StatusNotFound {
				t.Errorf("%s downloads through the API: %d", p.Email, status)
			}
		}

		// The verification page, for anyone, with the code as printed or typed.
		verify := "/certificates/verify/" + volunteer.FormatCode(c.Code)
		body := e.Client(t).Get(verify).Body
		apptest.Contains(t, "verify", body, "Echt", "Ayşe Şahin", "Unterkunft Lindenstraße", "3:00")
		apptest.Lacks(t, "verify", body, ayse.Email)
		apptest.WantStatus(t, "lower case", e.Client(t).Get("/certificates/verify/"+strings.ToLower(c.Code)).Status, http.StatusOK, "")
		apptest.WantStatus(t, "unknown code", e.Client(t).Get("/certificates/verify/ABCD-EFGH-JKMN").Status, http.StatusNotFound, "")

		// The holder deletes the account: the page still confirms it.
		res = ayse.Web.Post("/settings/delete", apptest.Form("delete_password", apptest.Password))
		apptest.WantStatus(t, "delete account", res.Status, http.StatusSeeOther, res.Body)
		apptest.Contains(t, "verify after erasure", e.Client(t).Get(verify).Body, "Echt", "Ayşe Şahin")

		// Revoked, it says so.
		if _, err := e.Vol.RevokeCertificate(ctx, e.Mia.Identity(), c.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("a stranger revokes: %v", err)
		}
		res = e.Olga.Web.Post("/organizations/"+e.OrgID+"/certificates/"+c.ID+"/revoke", nil)
		apptest.WantStatus(t, "revoke", res.Status, http.StatusSeeOther, res.Body)
		apptest.Contains(t, "revoked", e.Client(t).Get(verify).Body, "Widerrufen")
	})
}

func TestCertificateUsesTheLatinSpellingForArabicScript(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		amal := e.NewPerson(t, "amal", auth.Member)
		e.P.DB.ExecContext(ctx, `UPDATE users SET name = 'أمل' WHERE id = $1`, amal.ID)
		if _, err := e.Vol.SaveProfile(ctx, amal.Identity(), volunteer.Profile{LatinName: "Amal Haddad"}); err != nil {
			t.Fatal(err)
		}
		sh := e.plan(t, e.Olga, e.draft())[0]
		e.Vol.Take(ctx, amal.Identity(), sh.ID, sh.Slots[0].ID, false)
		e.Clock.Set(at(2026, 3, 5, 9, 0))
		c, err := e.Vol.RequestCertificate(ctx, amal.Identity(), e.OrgID, at(2026, 3, 1, 0, 0), at(2026, 3, 5, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if c, err = e.Vol.ConfirmCertificate(ctx, e.Olga.Identity(), c.ID, volunteer.Confirmation{Role: "Vorstand"}); err != nil {
			t.Fatal(err)
		}
		if c.HolderName != "Amal Haddad" {
			t.Errorf("holder name %q", c.HolderName)
		}
	})
}
