package funding_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// TestGiroCodeReadsBackWithAnOutsideDecoder reads the supporter's GiroCode
// with zbarimg, which nobody in the project wrote, and finds the EPC
// fields a banking app fills the transfer with.
func TestGiroCodeReadsBackWithAnOutsideDecoder(t *testing.T) {
	zbar := tooltest.Command(t, "zbarimg", "zbar-tools")
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Holder = "Kooperative Brücke – Flüchtlingsgenossenschaft Kassel eG (Konto 2)"
		d.BIC = "COBADEFFXXX"
		c := e.running(t, d)
		r := e.reserve(t, e.Mia, c, 100050)
		page := "/campaigns/" + c.ID
		if res := e.Mia.Web.Get(page + "/girocode.png"); res.Status != http.StatusNotFound {
			t.Errorf("GiroCode before success: %d", res.Status)
		}
		e.Clock.Set(deadline.Add(time.Minute))
		if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		for who, client := range map[string]*apptest.Client{"visitor": e.Client(t), "sami": e.Sami.Web} {
			if res := client.Get(page + "/girocode.png"); res.Status != http.StatusNotFound && !strings.HasPrefix(res.Location(), "/login") {
				t.Errorf("%s got a GiroCode: %d", who, res.Status)
			}
		}
		show := e.Mia.Web.Get(page)
		apptest.Contains(t, "page", show.Body, `<svg`, `class="qr"`, `aria-label="GiroCode mit den Überweisungsdaten"`)
		res := e.Mia.Web.Get(page + "/girocode.png")
		apptest.WantStatus(t, "png", res.Status, http.StatusOK, "")
		if ct := res.Header.Get("Content-Type"); ct != "image/png" {
			t.Fatalf("content type %q", ct)
		}
		file := filepath.Join(t.TempDir(), "girocode.png")
		if err := os.WriteFile(file, []byte(res.Body), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(zbar, "--quiet", "--raw", "-Sbinary", file).Output()
		if err != nil {
			t.Fatalf("zbarimg: %v", err)
		}
		payload := strings.TrimRight(string(out), "\n")
		lines := strings.Split(payload, "\n")
		if len(payload) > 331 || len(lines) < 10 {
			t.Fatalf("payload of %d bytes, %d lines: %q", len(payload), len(lines), payload)
		}
		want := []string{"BCD", "002", "1", "SCT", "COBADEFFXXX", d.Holder, testIBAN, "EUR1000.50", "", r.Reference}
		for i, w := range want {
			if lines[i] != w {
				t.Errorf("line %d: %q, want %q", i+1, lines[i], w)
			}
		}
	})
}
