package board_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
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
	e := apptest.New(t, "sqlite")
	if _, err := e.P.SeedDemoIfEmpty(context.Background()); err != nil {
		t.Fatal(err)
	}
	id, title := listingWith(t, e, "public")
	page := e.P.Services.BaseURL + "/listings/" + id
	visitor := e.Client(t)
	if res := visitor.Get("/listings/" + id); !strings.Contains(res.Body, `href="/listings/`+id+`/flyer"`) {
		t.Error("the listing's page does not offer its flyer")
	}
	res := visitor.Get("/listings/" + id + "/flyer")
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "<svg") || !strings.Contains(res.Body, page) {
		t.Fatalf("flyer page: %d, want the code and the address %s\n%s", res.Status, page, res.Body)
	}
	pdf := visitor.Get("/listings/" + id + "/flyer.pdf")
	if pdf.Status != http.StatusOK || pdf.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("flyer PDF: %d %s", pdf.Status, pdf.Header.Get("Content-Type"))
	}
	pages := tooltest.PDFPages(t, []byte(pdf.Body), 150)
	if len(pages) != 1 {
		t.Fatalf("the PDF flyer has %d pages, want one", len(pages))
	}
	if got := tooltest.DecodeQR(t, pages[0]); got != page {
		t.Errorf("the PDF's code says %q, want %q", got, page)
	}
	if text := strings.Join(strings.Fields(tooltest.PDFText(t, []byte(pdf.Body))), " "); !strings.Contains(text, strings.Join(strings.Fields(title), " ")) {
		t.Errorf("the PDF lacks the title %q:\n%s", title, text)
	}

	arabic := e.Client(t)
	arabic.Lang = "ar"
	if res := arabic.Get("/listings/" + id + "/flyer"); !strings.Contains(res.Body, `dir="rtl"`) || strings.Contains(res.Body, "flyer.pdf") {
		t.Error("the Arabic flyer is not right-to-left, or offers a PDF that cannot join Arabic letters")
	}

	members, _ := listingWith(t, e, "members")
	for _, path := range []string{"/listings/" + members + "/flyer", "/listings/" + members + "/flyer.pdf"} {
		if res := visitor.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("%s of a members' listing: %d, want 404", path, res.Status)
		}
	}

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
