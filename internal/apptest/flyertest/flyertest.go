// Package flyertest checks a module's flyer as a visitor meets it, with
// tools nobody in the project wrote: the thing's page links the flyer, the
// flyer page shows what it must, and the code on the PDF (rendered by
// pdftoppm, read by zbarimg) leads back to the thing's page.
package flyertest

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// Check opens page (a path such as "/events/<id>") and its flyer as a
// visitor in German; want is a word the flyer page must show.
func Check(t *testing.T, e *apptest.Env, page, want string) {
	t.Helper()
	visitor := e.Client(t)
	if res := visitor.Get(page); !strings.Contains(res.Body, `href="`+page+`/flyer"`) {
		t.Errorf("%s does not offer its flyer", page)
	}
	if res := visitor.Get(page + "/flyer"); res.Status != http.StatusOK || !strings.Contains(res.Body, want) {
		t.Errorf("%s/flyer: %d, want %q on it", page, res.Status, want)
	}
	pdf := visitor.Get(page + "/flyer.pdf")
	if pdf.Status != http.StatusOK || pdf.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("%s/flyer.pdf: %d %s", page, pdf.Status, pdf.Header.Get("Content-Type"))
	}
	pages := tooltest.PDFPages(t, []byte(pdf.Body), 150)
	if len(pages) != 1 {
		t.Fatalf("%s/flyer.pdf has %d pages, want one", page, len(pages))
	}
	if got, url := tooltest.DecodeQR(t, pages[0]), e.P.Services.BaseURL+page; got != url {
		t.Errorf("the code on %s/flyer.pdf says %q, want %q", page, got, url)
	}
}

// Refused checks that a thing visitors cannot open (page) has no flyer.
func Refused(t *testing.T, e *apptest.Env, page string) {
	t.Helper()
	visitor := e.Client(t)
	for _, path := range []string{page + "/flyer", page + "/flyer.pdf"} {
		if res := visitor.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.Status)
		}
	}
}
