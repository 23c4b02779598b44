package apptest

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/i18n"
)

// Page is one request of a module's page test.
type Page struct {
	Who    *Person // nil: a visitor
	Method string  // "GET" or "POST"
	Path   string
	Form   url.Values // what a POST sends
	Status int        // the status it must answer with
}

// Get is a page read with GET by who (nil: a visitor), answering status.
func Get(who *Person, path string, status int) Page {
	return Page{Who: who, Method: http.MethodGet, Path: path, Status: status}
}

// Post is a form posted by who, answering status: usually wrong values, so
// the form is drawn again with its errors.
func Post(who *Person, path string, form url.Values, status int) Page {
	return Page{Who: who, Method: http.MethodPost, Path: path, Form: form, Status: status}
}

// EveryLanguage requests each page in every interface language, as its
// person (who chooses the language with the picker) or as a visitor
// (Accept-Language). It fails on a wrong status, a wrong <html lang dir>,
// a template that printed "<no value>", a body where untranslated finds a
// message id printed instead of its text, and at the end on a message a
// page asked for that the catalogue lacks.
func (e *Env) EveryLanguage(t *testing.T, pages []Page, untranslated *regexp.Regexp) {
	t.Helper()
	var people []*Person
	for _, p := range pages {
		if p.Who != nil && !slices.Contains(people, p.Who) {
			people = append(people, p.Who)
		}
	}
	for _, lang := range i18n.Languages {
		t.Run(lang.Tag, func(t *testing.T) {
			visitor := e.Client(t)
			visitor.Lang = lang.Tag
			for _, p := range people {
				p.Web.Post("/language", url.Values{"lang": {lang.Tag}})
			}
			want := fmt.Sprintf(`<html lang="%s" dir="%s">`, lang.Tag, lang.Dir)
			for _, p := range pages {
				c := visitor
				if p.Who != nil {
					c = p.Who.Web
				}
				var res *Response
				if p.Method == http.MethodPost {
					res = c.Post(p.Path, p.Form)
				} else {
					res = c.Get(p.Path)
				}
				if res.Status != p.Status {
					t.Errorf("%s %s: %d, want %d", p.Method, p.Path, res.Status, p.Status)
				}
				if !strings.Contains(res.Body, want) {
					t.Errorf("%s %s: no %s", p.Method, p.Path, want)
				}
				if strings.Contains(res.Body, "<no value>") || untranslated.MatchString(res.Body) {
					t.Errorf("%s %s: a value or message is missing", p.Method, p.Path)
				}
			}
		})
	}
	if missing := e.P.Services.Catalog.Missing(); len(missing) > 0 {
		t.Errorf("messages asked for but missing:\n  %s", strings.Join(missing, "\n  "))
	}
}
