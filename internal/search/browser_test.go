package search_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/browsertest"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestSearchInBrowser searches as a visitor without JavaScript, in German
// and in Farsi (right to left): words, a place and a radius through the
// form, then a facet and the next page through links. Every page passes
// axe, reflows to 320 px, works with the keyboard and asks no other host.
func TestSearchInBrowser(t *testing.T) {
	e := apptest.New(t, "sqlite")
	f, err := os.Open(geotest.DataFile(t))
	if err != nil {
		t.Fatal(err)
	}
	_, err = apptest.Module[*geo.Gazetteer](t, e).Import(context.Background(), f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var docs []searchdoc.Doc
	for i, pc := range []string{"34117", "34119", "34121", "34127", "34131", "34225", "37073", "36037"} {
		p, err := apptest.Module[*geo.Gazetteer](t, e).Resolve(context.Background(), pc)
		if err != nil {
			t.Fatal(err)
		}
		kind := []string{"offer", "request", "opportunity"}[i%3]
		docs = append(docs,
			searchdoc.Doc{Type: kind, ID: fmt.Sprintf("bike-%d", i), Title: "Fahrrad für die Familie " + p.Name, Lang: "de",
				Body:  "Ein gut erhaltenes Fahrrad, abzuholen in " + p.Name + ". Wir sprechen Deutsch und Dari.",
				Langs: []string{"prs"}, Category: "goods.bicycles", Postcode: p.Postcode, Place: p.Name, Lat: &p.Lat, Lon: &p.Lon},
			searchdoc.Doc{Type: kind, ID: fmt.Sprintf("docharkhe-%d", i), Title: "دوچرخه برای بچه‌ها", Lang: "fa",
				Body: "یک دوچرخهٔ خوب برای خانواده. در " + p.Name + ".", Category: "goods.bicycles", Postcode: p.Postcode,
				Place: p.Name, Lat: &p.Lat, Lon: &p.Lon, OrgKind: "initiative", Verified: i%2 == 0})
	}
	for i := 0; i < 25; i++ {
		docs = append(docs, searchdoc.Doc{Type: "offer", ID: fmt.Sprintf("course-%d", i), Title: fmt.Sprintf("Deutschkurs %d für Anfänger", i+1),
			Lang: "de", Body: "Jeden Dienstag im Stadtteilzentrum.", Category: "german_lessons.courses"})
	}
	put(t, e, docs...)

	for _, c := range []struct{ lang, words, dir, km string }{{"de", "Fahrrad", "ltr", "km"}, {"fa", "دوچرخه", "rtl", "کیلومتر"}} {
		t.Run(c.lang, func(t *testing.T) {
			b := browsertest.New(t)
			b.Go(e.URL + "/search")
			b.Select("#lang-select", c.lang)
			b.Submit("form.lang")
			b.CheckAll(t)
			// The search box of the header leads to the page.
			b.Fill("#site-q", c.words)
			b.Submit(`header form[action="/search"]`)
			if n := b.Count("main ol.list > li"); n != 16 {
				t.Errorf("header search: %d results, want 16", n)
			}
			// Words, place and radius through the form.
			b.Fill("#f-q", c.words)
			b.Fill("#f-near", "34117")
			b.Select("#f-radius_km", "10")
			b.Submit(`main form[role="search"]`)
			b.CheckAll(t)
			if got := b.Attr("html", "dir"); got != c.dir {
				t.Errorf("dir=%q", got)
			}
			inCity := b.Count("main ol.list > li")
			if inCity == 0 || inCity >= 16 {
				t.Errorf("within 10 km: %d results", inCity)
			}
			if !strings.Contains(b.Text("main ol.list"), c.km) {
				t.Errorf("no distances shown: %s", b.Text("main ol.list"))
			}
			// A facet: offers only.
			b.ClickAndLoad(`#facet-type + ul a[href*="type=offer"]`)
			b.CheckAll(t)
			if !strings.Contains(b.URL(), "type=offer") || b.Count("main ol.list > li") >= inCity {
				t.Errorf("after choosing offers: %s, %d results", b.URL(), b.Count("main ol.list > li"))
			}
			if b.Count(`[aria-current="true"]`) == 0 {
				t.Error("the chosen facet is not marked")
			}
			// Pages: 25 courses, 20 a page.
			b.Go(e.URL + "/search?q=Deutschkurs")
			if n := b.Count("main ol.list > li"); n != 20 {
				t.Errorf("first page: %d results", n)
			}
			b.ClickAndLoad(`a[rel="next"]`)
			b.CheckAll(t)
			if n := b.Count("main ol.list > li"); n != 5 {
				t.Errorf("second page: %d results", n)
			}
			// A mistake in the form is shown beside its field.
			b.Go(e.URL + "/search?q=Fahrrad&near=Atlantis")
			b.CheckAll(t)
			if b.Count("#f-near-error") != 1 {
				t.Error("no error beside the place")
			}
		})
	}
}
