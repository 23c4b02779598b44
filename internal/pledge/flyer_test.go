package pledge_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// TestPledgeFlyerLeadsToItsPage: an open pledge prints as a flyer whose
// code (read by zbarimg from the PDF rendered by pdftoppm) leads to the
// pledge; one that is not public has none.
func TestPledgeFlyerLeadsToItsPage(t *testing.T) {
	e := apptest.New(t, "sqlite")
	if _, err := e.P.SeedDemoIfEmpty(context.Background()); err != nil {
		t.Fatal(err)
	}
	var open, draft string
	ctx := context.Background()
	if err := e.P.DB.QueryRowContext(ctx, "SELECT id FROM pledges WHERE status = 'active' AND NOT hidden ORDER BY created_at LIMIT 1").Scan(&open); err != nil {
		t.Fatal(err)
	}
	if err := e.P.DB.QueryRowContext(ctx, "SELECT id FROM pledges WHERE status NOT IN ('active', 'successful', 'failed') ORDER BY created_at LIMIT 1").Scan(&draft); err != nil {
		t.Fatal(err)
	}
	visitor := e.Client(t)
	if res := visitor.Get("/pledges/" + open); !strings.Contains(res.Body, "/pledges/"+open+"/flyer") {
		t.Error("the pledge's page does not offer its flyer")
	}
	if res := visitor.Get("/pledges/" + open + "/flyer"); res.Status != http.StatusOK || !strings.Contains(res.Body, "bestätigt") {
		t.Errorf("flyer page: %d, want the progress on it", res.Status)
	}
	pdf := visitor.Get("/pledges/" + open + "/flyer.pdf")
	if pdf.Status != http.StatusOK {
		t.Fatalf("flyer PDF: %d", pdf.Status)
	}
	want := e.P.Services.BaseURL + "/pledges/" + open
	if got := tooltest.DecodeQR(t, tooltest.PDFPages(t, []byte(pdf.Body), 150)[0]); got != want {
		t.Errorf("the code says %q, want %q", got, want)
	}
	for _, path := range []string{"/pledges/" + draft + "/flyer", "/pledges/" + draft + "/flyer.pdf"} {
		if res := visitor.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("%s of a pledge that is not public: %d, want 404", path, res.Status)
		}
	}
}
