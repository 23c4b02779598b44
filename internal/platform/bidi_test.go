package platform_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// TestNamesIsolated renders the pages that put names people chose inside
// running text and lists (the network, the partner finder, a partnership,
// organisations, a pledge's participants, conversations) with a Latin name
// on Arabic pages and Arabic names on German ones: every place a name
// shows as text sits in <bdi> or an element with its own dir, so
// "Kassel e. V." does not turn into ".Kassel e. V".
func TestNamesIsolated(t *testing.T) {
	const latinOrg, arabicOrg, arabicPerson = "Kassel e. V.", "جمعية الجسر", "رنا الحلبي"
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		w := &world{e: e, people: map[string]*apptest.Person{}, objects: map[string]string{}}
		for _, h := range []string{"olga", "otto", "rita"} {
			w.people[h] = e.NewPerson(t, h, auth.Member)
		}
		w.people["cora"] = e.NewPerson(t, "cora", auth.Coordinator)
		if _, err := e.P.DB.ExecContext(context.Background(), `UPDATE users SET name = $1 WHERE id = $2`,
			arabicPerson, w.people["rita"].ID); err != nil {
			t.Fatal(err)
		}
		w.objects["org"] = w.create(t, "olga", "POST", "/api/v1/organizations", `{"name":"`+latinOrg+`","kind":"initiative"}`)
		w.objects["orgB"] = w.create(t, "otto", "POST", "/api/v1/organizations", `{"name":"`+arabicOrg+`","kind":"migrant_organization"}`)
		partnership := w.create(t, "olga", "POST", "/api/v1/partnerships", w.fill(t,
			`{"organization_id":"{org}","partners":["{orgB}"],"goal":"Sprachcafé","benefit":"Begegnung","starts_on":"2026-05-01","lang":"de"}`))
		w.call(t, "otto", "POST", "/api/v1/partnerships/"+partnership+"/confirm", w.fill(t, `{"organization_id":"{orgB}","contribution":"Räume"}`), http.StatusOK)
		listing := w.create(t, "olga", "POST", "/api/v1/listings", w.fill(t,
			`{"organization_id":"{org}","kind":"request","category":"goods","title":"Kinderbett","description":"Wir brauchen ein Kinderbett.","content_lang":"de","postcode":"34117"}`))
		w.create(t, "rita", "POST", "/api/v1/listings/"+listing+"/responses", `{"body":"Ich habe eines."}`)
		conversation := w.one(t, `SELECT id FROM conversations WHERE about_id = $1`, listing)
		pledge := w.approvedPledge(t, "olga")
		w.create(t, "rita", "POST", "/api/v1/pledges/"+pledge+"/signups", `{"note":"Ich bin dabei"}`)

		// must names what each page shows for sure: L the Latin
		// organisation, A the Arabic one, P the Arabic person.
		pages := []struct{ as, path, must string }{
			{"", "/network", "LA"},
			{"", "/organizations", "LA"},
			{"", "/organizations/" + w.objects["org"], "LA"},
			{"", "/organizations/" + w.objects["orgB"], "LA"},
			{"olga", "/organizations/" + w.objects["org"] + "/partners", "L"},
			{"olga", "/partnerships/" + partnership, "LA"},
			{"olga", "/partnerships", ""},
			{"olga", "/pledges/" + pledge, "LP"},
			{"olga", "/conversations", "P"},
			{"olga", "/conversations/" + conversation, "P"},
			{"rita", "/conversations/" + conversation, ""},
		}
		letter := map[string]string{latinOrg: "L", arabicOrg: "A", arabicPerson: "P"}
		for _, lang := range []string{"ar", "de"} {
			names := []string{latinOrg}
			if lang == "de" {
				names = []string{arabicOrg, arabicPerson}
			}
			for _, p := range pages {
				c := e.Client(t)
				if p.as != "" {
					c = w.people[p.as].Web
				}
				was := c.Lang
				c.Lang = lang
				res := c.Get(p.path)
				c.Lang = was
				apptest.WantStatus(t, p.path, res.Status, http.StatusOK, res.Body)
				for _, name := range names {
					shown, bare := nameIsolation(t, res.Body, name)
					for _, text := range bare {
						t.Errorf("%s %s: %q not isolated in %q", lang, p.path, name, text)
					}
					if shown == 0 && strings.Contains(p.must, letter[name]) {
						t.Errorf("%s %s does not show %q", lang, p.path, name)
					}
				}
			}
		}
	})
}

// nameIsolation counts the text nodes of page that hold name and returns
// those that are neither inside <bdi> nor inside an element with its own
// dir (below <html>, whose dir is the page's). Titles, options and scripts
// are left out: they are not laid out in running text.
func nameIsolation(t *testing.T, page, name string) (shown int, bare []string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title", "option", "script", "style", "textarea", "head":
				return
			}
		}
		if n.Type == html.TextNode && strings.Contains(n.Data, name) {
			shown++
			if !isolated(n) {
				bare = append(bare, strings.TrimSpace(n.Data))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return shown, bare
}

func isolated(n *html.Node) bool {
	for p := n.Parent; p != nil && p.Data != "html"; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if p.Data == "bdi" {
			return true
		}
		for _, a := range p.Attr {
			if a.Key == "dir" {
				return true
			}
		}
	}
	return false
}
