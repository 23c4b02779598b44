package flyer_test

import (
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/flyer"
	"teilhabe.org/teilhabe/internal/pdf"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// TestPDFFlyerScansToItsPage prints a flyer, renders it with poppler as a
// printer would, and reads the code with zbarimg: it leads to the page.
func TestPDFFlyerScansToItsPage(t *testing.T) {
	f := flyer.Flyer{Kind: "Angebot", Title: "Offene Fahrradwerkstatt für alle", Lang: "de",
		Lines: []string{"34117 Kassel", "jeden Freitag 16–19 Uhr", "Sprachen: Deutsch, Українська, Türkçe"},
		URL:   "https://teilhabe.example/listings/0190d0a0-0000-7000-8000-000000000001",
		Scan:  "Scanne den Code für alle Einzelheiten"}
	doc, err := flyer.PDF(f, "teilhabe")
	if err != nil {
		if strings.Contains(err.Error(), pdf.ErrNoFont.Error()) {
			tooltest.Missing(t, "the Noto fonts (Debian package fonts-noto-core)")
		}
		t.Fatal(err)
	}
	pages := tooltest.PDFPages(t, doc, 150)
	if len(pages) != 1 {
		t.Fatalf("the flyer has %d pages, want 1", len(pages))
	}
	if got := tooltest.DecodeQR(t, pages[0]); got != f.URL {
		t.Errorf("the printed code says %q, want %q", got, f.URL)
	}
	text := tooltest.PDFText(t, doc)
	for _, want := range append([]string{f.Title, f.Scan, f.URL}, f.Lines...) {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}

func TestPDFPrintsOnlyScriptsItCanShape(t *testing.T) {
	for lang, want := range map[string]bool{"de": true, "uk": true, "tr": true, "en": true, "ar": false, "fa": false} {
		if got := flyer.PDFPrints(lang); got != want {
			t.Errorf("PDFPrints(%s) = %v, want %v", lang, got, want)
		}
	}
}
