package conversation_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestPagesInBrowser opens the conversation pages in Chromium in German
// and Arabic: each passes axe, reflows to 320 px, is usable with the
// keyboard and asks no other host for anything. A reply is written
// through the form, with an error first.
func TestPagesInBrowser(t *testing.T) {
	e := newEnv(t, "sqlite", true)
	s := newScene(t, e)
	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			anna := s.anna.Browser(t, "/conversations", lang)
			if dir := anna.Attr("html", "dir"); (lang == "ar") != (dir == "rtl") {
				t.Fatalf("%s page has dir %q", lang, dir)
			}
			anna.CheckAll(t)
			page := e.URL + "/conversations/" + s.revealed
			for _, url := range []string{page, page + "/block/" + s.ben.ID, e.URL + "/conversations/" + s.blocked} {
				anna.Go(url)
				anna.CheckAll(t)
			}

			// A reply with an error keeps the page usable; then it goes out.
			anna.Go(page)
			anna.Fill("#f-body", " ")
			if status := anna.Submit(`form[action$="/messages"]`); status != http.StatusUnprocessableEntity {
				t.Errorf("empty reply: %d", status)
			}
			anna.CheckAll(t)
			anna.Fill("#f-body", "Bis Samstag!\nAnna")
			anna.Submit(`form[action$="/messages"]`)
			if !strings.Contains(anna.URL(), "#m-") || !strings.Contains(anna.Text("main ol"), "Bis Samstag!") {
				t.Errorf("after replying: %s", anna.URL())
			}
			anna.CheckAll(t)

			jonas := s.jonas.Browser(t, "/conversations", lang)
			jonas.Go(e.URL + "/conversations/" + s.waiting)
			jonas.CheckAll(t)
		})
	}
}
