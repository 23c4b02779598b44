package directory_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/apptest/flyertest"
)

// TestServiceFlyerAndOverviewCarryTheirCodes: a service prints as a flyer
// whose code leads to the service, and the municipality's printable
// overview carries the code of the municipality's page.
func TestServiceFlyerAndOverviewCarryTheirCodes(t *testing.T) {
	e := apptest.NewDemo(t, "sqlite")
	var id string
	if err := e.P.DB.QueryRowContext(context.Background(), "SELECT s.id FROM directory_services s JOIN directory_service_locations l ON l.service_id = s.id ORDER BY s.created_at LIMIT 1").Scan(&id); err != nil {
		t.Fatal(err)
	}
	flyertest.Check(t, e, "/services/"+id, "Sprachen")
	flyertest.Refused(t, e, "/services/0190d0a0-0000-7000-8000-000000000009")
	res := e.Client(t).Get("/municipalities/06611000/print?need=language")
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "<svg") || !strings.Contains(res.Body, e.P.Services.BaseURL+"/municipalities/06611000") {
		t.Errorf("the printable overview lacks the code of its page: %d", res.Status)
	}
}
