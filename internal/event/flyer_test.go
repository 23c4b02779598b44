package event_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// TestEventFlyerLeadsToItsPage: an upcoming event prints as a flyer with
// its time, place and cost, whose code (zbarimg on the PDF rendered by
// pdftoppm) leads to the event; the event's page offers it.
func TestEventFlyerLeadsToItsPage(t *testing.T) {
	e := apptest.New(t, "sqlite")
	if _, err := e.P.SeedDemoIfEmpty(context.Background()); err != nil {
		t.Fatal(err)
	}
	var id string
	if err := e.P.DB.QueryRowContext(context.Background(),
		"SELECT id FROM events WHERE place_kind <> 'online' AND ends_at > $1 ORDER BY starts_at LIMIT 1", e.P.Services.Clock.Now()).Scan(&id); err != nil {
		t.Fatal(err)
	}
	visitor := e.Client(t)
	if res := visitor.Get("/events/" + id); !strings.Contains(res.Body, "/events/"+id+"/flyer") {
		t.Error("the event's page does not offer its flyer")
	}
	if res := visitor.Get("/events/" + id + "/flyer"); res.Status != http.StatusOK || !strings.Contains(res.Body, "Kosten") {
		t.Errorf("flyer page: %d, want the cost on it", res.Status)
	}
	pdf := visitor.Get("/events/" + id + "/flyer.pdf")
	if pdf.Status != http.StatusOK {
		t.Fatalf("flyer PDF: %d", pdf.Status)
	}
	want := e.P.Services.BaseURL + "/events/" + id
	if got := tooltest.DecodeQR(t, tooltest.PDFPages(t, []byte(pdf.Body), 150)[0]); got != want {
		t.Errorf("the code says %q, want %q", got, want)
	}
	if res := visitor.Get("/events/0190d0a0-0000-7000-8000-000000000009/flyer"); res.Status != http.StatusNotFound {
		t.Errorf("the flyer of no event: %d, want 404", res.Status)
	}
}
