package directory_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// TestServiceFlyerAndOverviewCarryTheirCodes: a service prints as a flyer
// whose code (zbarimg on the PDF rendered by pdftoppm) leads to the
// service, and the municipality's printable overview carries the code of
// the municipality's page.
func TestServiceFlyerAndOverviewCarryTheirCodes(t *testing.T) {
	e := apptest.New(t, "sqlite")
	if _, err := e.P.SeedDemoIfEmpty(context.Background()); err != nil {
		t.Fatal(err)
	}
	var id string
	if err := e.P.DB.QueryRowContext(context.Background(), "SELECT s.id FROM directory_services s JOIN directory_service_locations l ON l.service_id = s.id ORDER BY s.created_at LIMIT 1").Scan(&id); err != nil {
		t.Fatal(err)
	}
	visitor := e.Client(t)
	if res := visitor.Get("/services/" + id); !strings.Contains(res.Body, "/services/"+id+"/flyer") {
		t.Error("the service's page does not offer its flyer")
	}
	if res := visitor.Get("/services/" + id + "/flyer"); res.Status != http.StatusOK || !strings.Contains(res.Body, "Sprachen") {
		t.Errorf("flyer page: %d, want the languages on it", res.Status)
	}
	pdf := visitor.Get("/services/" + id + "/flyer.pdf")
	if pdf.Status != http.StatusOK {
		t.Fatalf("flyer PDF: %d", pdf.Status)
	}
	want := e.P.Services.BaseURL + "/services/" + id
	if got := tooltest.DecodeQR(t, tooltest.PDFPages(t, []byte(pdf.Body), 150)[0]); got != want {
		t.Errorf("the code says %q, want %q", got, want)
	}
	if res := visitor.Get("/municipalities/06611000/print?need=language"); res.Status != http.StatusOK ||
		!strings.Contains(res.Body, "<svg") || !strings.Contains(res.Body, e.P.Services.BaseURL+"/municipalities/06611000") {
		t.Errorf("the printable overview lacks the code of its page: %d", res.Status)
	}
	if res := visitor.Get("/services/0190d0a0-0000-7000-8000-000000000009/flyer"); res.Status != http.StatusNotFound {
		t.Errorf("the flyer of no service: %d, want 404", res.Status)
	}
}
