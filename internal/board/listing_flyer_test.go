package board_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/apptest/flyertest"
	"teilhabe.org/teilhabe/internal/browsertest"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// listingWith returns the id and title of a demo listing of the visibility.
func listingWith(t *testing.T, e *apptest.Env, visibility string) (id, title string) {
	t.Helper()
	err := e.P.DB.QueryRowContext(context.Background(),
		"SELECT id, title FROM listings WHERE visibility = $1 AND status = 'open' ORDER BY created_at LIMIT 1", visibility).
		Scan(&id, &title)
	if err != nil {
		t.Fatalf("a demo listing visible to %s: %v", visibility, err)
	}
	return id, title
}

// TestListingFlyerLeadsToItsPage prints a public listing as a flyer, as
// a page in Chromium and as a PDF, and reads both codes with zbarimg:
// each leads to the listing. A listing visitors cannot open has no flyer.
func TestListingFlyerLeadsToItsPage(t *testing.T) {
	e := apptest.NewDemo(t, "sqlite")
	id, title := listingWith(t, e, "public")
	page := e.P.Services.BaseURL + "/listings/" + id
	flyertest.Check(t, e, "/listings/"+id, title)
	pdf := e.Client(t).Get("/listings/" + id + "/flyer.pdf")
	if text := strings.Join(strings.Fields(tooltest.PDFText(t, []byte(pdf.Body))), " "); !strings.Contains(text, strings.Join(strings.Fields(title), " ")) {
		t.Errorf("the PDF lacks the title %q:\n%s", title, text)
	}

	arabic := e.Client(t)
	arabic.Lang = "ar"
	if res := arabic.Get("/listings/" + id + "/flyer"); !strings.Contains(res.Body, `dir="rtl"`) || strings.Contains(res.Body, "flyer.pdf") {
		t.Error("the Arabic flyer is not right-to-left, or offers a PDF that cannot join Arabic letters")
	}

	members, _ := listingWith(t, e, "members")
	flyertest.Refused(t, e, "/listings/"+members)

	b := browsertest.New(t)
	b.Go(e.URL + "/listings/" + id + "/flyer")
	b.CheckAll(t)
	shot := filepath.Join(t.TempDir(), "flyer.png")
	b.Screenshot(shot)
	png, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if got := tooltest.DecodeQR(t, png); got != page {
		t.Errorf("the printed page's code says %q, want %q", got, page)
	}
}
