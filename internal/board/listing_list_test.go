package board_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
)

// list asks GET /api/v1/listings with the query and returns the titles.
func list(t *testing.T, e *apptest.Env, token, query string) []string {
	t.Helper()
	status, body := e.API(t, token, http.MethodGet, "/api/v1/listings?"+query, nil)
	if status != 200 {
		t.Fatalf("list %q: %d %v", query, status, body)
	}
	return apiTitles(body)
}

// TestVisibilityInEveryList shows each listing only to whom it is for, in
// the board page and the API alike: visitors public ones, members also
// members-only ones, members of verified organisations and staff all;
// hidden, held, expired and withdrawn ones to nobody.
func TestVisibilityInEveryList(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		b := apptest.Module[*board.Module](t, e)
		poster := e.NewPerson(t, "Olena", auth.Member)
		member := e.NewPerson(t, "Reza", auth.Member)
		verified := e.NewPerson(t, "Sabine", auth.Member)
		staff := e.NewPerson(t, "Katrin", auth.Coordinator)
		o, err := apptest.Module[*organization.Module](t, e).Create(ctx, verified.ID, testOrg("Geprüfter Verein"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := apptest.Module[*organization.Module](t, e).SetVerified(ctx, staff.Identity(), o.ID, true); err != nil {
			t.Fatal(err)
		}
		mk := func(title string, vis board.Visibility, days int) *board.Listing {
			d := draft(title)
			d.Visibility, d.LifetimeDays = vis, days
			return post(t, e, poster, d)
		}
		mk("Öffentlich", board.Public, 0)
		mk("Mitglieder", board.Members, 0)
		mk("Geprüfte", board.Verified, 0)
		hidden := mk("Ausgeblendet", board.Public, 0)
		withdrawn := mk("Zurückgezogen", board.Public, 0)
		mk("Abgelaufen", board.Public, 1)
		if _, err := b.Withdraw(ctx, poster.Identity(), withdrawn.ID); err != nil {
			t.Fatal(err)
		}
		if err := apptest.Module[*moderation.Module](t, e).Hide(ctx, staff.Identity(), "listing", hidden.ID, "Werbung"); err != nil {
			t.Fatal(err)
		}
		apptest.Module[*board.Module](t, e).SetSettings(board.Settings{HoldFirstListings: true})
		newcomer := e.NewPerson(t, "Neu", auth.Member)
		nd := draft("Wartet")
		nd.Description = "Ruf an: 0561 123 4567"
		if held := post(t, e, newcomer, nd); !held.Held {
			t.Fatal("the newcomer's listing with a phone number is not held")
		}
		e.Clock.Advance(25 * time.Hour) // "Abgelaufen" is past its day

		want := map[string][]string{
			"":                {"Öffentlich"},
			member.Token(t):   {"Mitglieder", "Öffentlich"},
			verified.Token(t): {"Geprüfte", "Mitglieder", "Öffentlich"},
			staff.Token(t):    {"Geprüfte", "Mitglieder", "Öffentlich"},
			poster.Token(t):   {"Mitglieder", "Öffentlich"},
		}
		for token, titles := range want {
			got := list(t, e, token, "")
			slices.Sort(got)
			if !slices.Equal(got, titles) {
				t.Errorf("API list for %.12s: %v, want %v", token, got, titles)
			}
		}
		visitor := e.Client(t)
		page := visitor.Get("/board").Body
		for _, title := range []string{"Mitglieder", "Geprüfte", "Ausgeblendet", "Zurückgezogen", "Abgelaufen", "Wartet"} {
			if strings.Contains(page, ">"+title+"<") {
				t.Errorf("a visitor sees %q on the board", title)
			}
		}
		if !strings.Contains(page, ">Öffentlich<") {
			t.Error("the public listing is not on the board")
		}
		page = verified.Web.Get("/board").Body
		if !strings.Contains(page, ">Geprüfte<") || strings.Contains(page, ">Wartet<") || strings.Contains(page, ">Ausgeblendet<") {
			t.Error("the board of a verified organisation's member is wrong")
		}
		// The poster still sees every one of theirs.
		mine := poster.Web.Get("/me/listings").Body
		for _, title := range []string{"Ausgeblendet", "Zurückgezogen", "Abgelaufen"} {
			if !strings.Contains(mine, ">"+title+"<") {
				t.Errorf("the poster's list lacks %q", title)
			}
		}
		if !strings.Contains(mine, "Ausgeblendet</span>") || !strings.Contains(mine, "Abgelaufen</span>") {
			t.Error("my listings do not mark hidden and expired ones")
		}
	})
}

// TestFiltersAndKeysetPaging filters by every parameter and pages through
// listings that share their sort key: page 2 continues exactly after
// page 1, in every order.
func TestFiltersAndKeysetPaging(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		b := apptest.Module[*board.Module](t, e)
		sabine := e.NewPerson(t, "Sabine", auth.Member)
		amal := e.NewPerson(t, "Amal", auth.Member)
		staff := e.NewPerson(t, "Katrin", auth.Coordinator)
		agency, err := apptest.Module[*organization.Module](t, e).Create(ctx, sabine.ID, testOrg("Freiwilligenzentrum"))
		if err != nil {
			t.Fatal(err)
		}
		agencyProfile := testOrg("Freiwilligenzentrum")
		agencyProfile.Kind = "volunteer_agency"
		if _, err := apptest.Module[*organization.Module](t, e).Update(ctx, sabine.ID, agency.ID, agencyProfile); err != nil {
			t.Fatal(err)
		}
		if _, err := apptest.Module[*organization.Module](t, e).SetVerified(ctx, staff.Identity(), agency.ID, true); err != nil {
			t.Fatal(err)
		}

		// Nine listings posted at the same moment: ties everywhere.
		var all []*board.Listing
		for i := range 9 {
			d := draft(fmt.Sprintf("Angebot %d", i))
			d.LifetimeDays = 10 + i%3
			all = append(all, post(t, e, amal, d))
		}
		e.Clock.Advance(time.Minute)
		special := []board.Draft{
			{Kind: board.Request, Category: "goods.furniture", Title: "Suche Schrank für Fahrräder", Description: "Für den Keller.",
				ContentLang: "de", Postcode: "34125", Visibility: board.Public},
			{Kind: board.Offer, Category: "german_lessons.conversation", Title: "Sprachcafé", Description: "Wir üben Deutsch, auch mit Fahrrädern.",
				ContentLang: "ar", Languages: []string{"ar"}, Postcode: "34127", Visibility: board.Public},
			{Kind: board.Request, Category: "volunteering.events", Title: "Helfende für das Fest", Description: "Zwei Stunden.",
				ContentLang: "de", Languages: []string{"fa"}, Postcode: "34117", Visibility: board.Public, OrganizationID: agency.ID},
		}
		reza := e.NewPerson(t, "Reza", auth.Member)
		for _, d := range special {
			p := reza // Amal has posted nine today; ten is the limit
			if d.OrganizationID != "" {
				p = sabine
			}
			post(t, e, p, d)
		}
		// The tenth of the day is allowed, the eleventh refused.
		post(t, e, amal, draft("Angebot 9"))
		if _, err := b.Create(ctx, amal.Identity(), draft("Angebot 10")); !strings.Contains(fmt.Sprint(err), "rate_limited") {
			t.Errorf("the eleventh listing of a day: %v", err)
		}
		all = append(all, &board.Listing{Title: "Angebot 9"})

		check := func(query string, want ...string) {
			t.Helper()
			got := list(t, e, "", query)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", query, got, want)
			}
		}
		check("kind=request", "Suche Schrank für Fahrräder", "Helfende für das Fest")
		check("category=goods", append(titles(all), "Suche Schrank für Fahrräder")...) // a top-level category includes its own
		check("category=goods.furniture", "Suche Schrank für Fahrräder")
		check("lang=ar", append(titles(all), "Sprachcafé")...) // written in it, or spoken by the poster
		check("lang=fa", "Helfende für das Fest")
		// Words go through the search engine: Fahrräder names the
		// category of bicycles, so its listings are found too.
		check("q=fahrrader", append(titles(all), "Suche Schrank für Fahrräder", "Sprachcafé")...)
		check("q=FAHRRÄDER+keller", "Suche Schrank für Fahrräder")
		check("q=Sprachcafe", "Sprachcafé")
		check("org_kind=volunteer_agency", "Helfende für das Fest")
		check("verified=true", "Helfende für das Fest")

		// Relevance: a word in the title before one in the description,
		// both before listings found by their category alone.
		got := list(t, e, "", "q=fahrräder")
		if len(got) < 2 || got[0] != "Suche Schrank für Fahrräder" || got[1] != "Sprachcafé" {
			t.Errorf("relevance order: %v", got)
		}
		// The same filter on the board page.
		page := e.Client(t).Get("/board?kind=request&category=goods").Body
		if !strings.Contains(page, "Suche Schrank für Fahrräder") || strings.Contains(page, "Angebot 1") ||
			!strings.Contains(page, `value="request" selected`) {
			t.Error("the board page does not filter like the API")
		}

		// Paging, three at a time, in every order: no listing twice, none
		// left out, the same order as one long page.
		for _, sort := range []string{"newest", "ending", "relevance"} {
			q := "sort=" + sort
			if sort == "relevance" {
				q += "&q=angebot"
			}
			_, full := e.API(t, "", http.MethodGet, "/api/v1/listings?limit=100&"+q, nil)
			want := apiTitles(full)
			var paged []string
			cursor := ""
			for pages := 0; ; pages++ {
				if pages > 20 {
					t.Fatal("paging does not end")
				}
				u := "/api/v1/listings?limit=3&" + q
				if cursor != "" {
					u += "&cursor=" + url.QueryEscape(cursor)
				}
				status, body := e.API(t, "", http.MethodGet, u, nil)
				if status != 200 {
					t.Fatalf("%s: %d %v", u, status, body)
				}
				paged = append(paged, apiTitles(body)...)
				next, _ := body["next_cursor"].(string)
				if next == "" {
					break
				}
				cursor = next
			}
			if !slices.Equal(paged, want) {
				t.Errorf("sort %s: pages %v, one page %v", sort, paged, want)
			}
			if sort != "relevance" && len(want) != 13 {
				t.Errorf("sort %s: %d listings", sort, len(want))
			}
		}
		// The board page pages the same way, with the filter kept.
		page = e.Client(t).Get("/board?category=goods&sort=newest").Body
		if n := strings.Count(page, `class="card"`); n != 11 || strings.Contains(page, `rel="next"`) {
			t.Errorf("board page: %d cards", n)
		}

		// Mistakes are field errors, beside the field on the page.
		for query, field := range map[string]string{
			"sort=distance": "sort", "category=nichts": "category", "lang=xx": "lang", "org_kind=club": "org_kind",
		} {
			status, body := e.API(t, "", http.MethodGet, "/api/v1/listings?"+query, nil)
			errs, _ := body["errors"].([]any)
			if status != http.StatusUnprocessableEntity || len(errs) == 0 ||
				errs[0].(map[string]any)["location"] != "body."+field {
				t.Errorf("%s: %d %v", query, status, body)
			}
			res := e.Client(t).Get("/board?" + query)
			if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="f-`+field+`-error"`) {
				t.Errorf("board %s: %d", query, res.Status)
			}
		}
	})
}

// A cursor that does not read back (cut short, changed, from another
// order or from before) is refused the one way every list refuses it: the
// API names the query parameter, the page explains and links to the
// list's first page with the same filter.
func TestBadCursor(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		owner := e.NewPerson(t, "Amal", auth.Member)
		for i := range 3 {
			if _, err := apptest.Module[*board.Module](t, e).Create(ctx, owner.Identity(), draft(fmt.Sprint("Angebot ", i))); err != nil {
				t.Fatal(err)
			}
		}
		_, body := e.API(t, "", http.MethodGet, "/api/v1/listings?sort=newest&limit=1", nil)
		good, _ := body["next_cursor"].(string)
		if status, _ := e.API(t, "", http.MethodGet, "/api/v1/listings?sort=newest&limit=1&cursor="+good, nil); good == "" || status != http.StatusOK {
			t.Fatalf("the next page of newest: %q %d", good, status)
		}
		tampered := []byte(good)
		tampered[len(tampered)/2] ^= 1
		for name, query := range map[string]string{
			"garbage":          "cursor=n.1.nope",
			"tampered":         "cursor=" + string(tampered),
			"cut short":        "cursor=" + good[:len(good)-2],
			"another order":    "sort=ending&cursor=" + good,
			"the old encoding": "sort=newest&cursor=n.1700000000000000.0190a0a0-0000-7000-8000-000000000000",
		} {
			status, body := e.API(t, "", http.MethodGet, "/api/v1/listings?limit=1&"+query, nil)
			errs, _ := body["errors"].([]any)
			if status != http.StatusUnprocessableEntity || len(errs) != 1 || errs[0].(map[string]any)["location"] != "query.cursor" {
				t.Errorf("API, %s cursor: %d %v", name, status, body)
			}
		}
		res := e.Client(t).Get("/board?kind=offer&cursor=" + string(tampered) + "&q=Angebot")
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "weitere Seite der Liste") ||
			!strings.Contains(res.Body, `href="/board?kind=offer&amp;q=Angebot"`) {
			t.Errorf("board page with a tampered cursor: %d\n%s", res.Status, res.Body)
		}
	})
}

func titles(ls []*board.Listing) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Title)
	}
	return out
}

// TestModerationHoldAndHide holds the first listing of a new account that
// has a phone number until a coordinator approves it; hidden listings
// leave the board until restored; a listing one may not see cannot be
// flagged.
func TestModerationHoldAndHide(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		apptest.Module[*board.Module](t, e).SetSettings(board.Settings{HoldFirstListings: true})
		mod := apptest.Module[*moderation.Module](t, e)
		staff := e.NewPerson(t, "Katrin", auth.Coordinator)
		newcomer := e.NewPerson(t, "Reza", auth.Member)
		other := e.NewPerson(t, "Bernd", auth.Member)

		res := newcomer.Web.Post("/listings/new", apptest.Form("kind", "offer", "category", "goods.bicycles", "title", "Fahrrad",
			"description", "Meldet euch unter 0176 1234 5678", "content_lang", "de", "postcode", "34117", "visibility", "public"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("post: %d\n%s", res.Status, res.Body)
		}
		path := res.Location()
		id := strings.TrimPrefix(path, "/listings/")
		page := newcomer.Web.Get(path).Body
		if !strings.Contains(page, "Wartet auf Prüfung") || !strings.Contains(page, "Koordinierungsstelle") || strings.Contains(page, "Abgelaufen") {
			t.Error("the poster is not told (only) that the listing waits")
		}
		if res := other.Web.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("others see a held listing: %d", res.Status)
		}
		if pending, err := mod.Pending(ctx, "listing", id); err != nil || !pending {
			t.Errorf("not in the queue: %v %v", pending, err)
		}
		if slices.Contains(list(t, e, other.Token(t), ""), "Fahrrad") {
			t.Error("a held listing is listed")
		}
		// Others cannot flag what they cannot see.
		if err := mod.Flag(ctx, other.ID, "listing", id, "spam", ""); err == nil {
			t.Error("a held listing could be flagged by others")
		}

		if err := mod.Approve(ctx, staff.Identity(), "listing", id, ""); err != nil {
			t.Fatal(err)
		}
		if res := other.Web.Get(path); res.Status != 200 {
			t.Errorf("after approval: %d", res.Status)
		}
		if !slices.Contains(list(t, e, "", ""), "Fahrrad") {
			t.Error("an approved listing is not listed")
		}
		// Approved once, the next one with a number is not held.
		d := draft("Zweites Fahrrad")
		d.Description = "Ruf an: 0176 1234 5678"
		if l := post(t, e, newcomer, d); l.Held {
			t.Error("the second listing was held")
		}
		// Edits that add a number to a newcomer's first listing hold it.
		third := e.NewPerson(t, "Olena", auth.Member)
		clean := post(t, e, third, draft("Kinderwagen"))
		if clean.Held {
			t.Fatal("a listing without contact data was held")
		}
		res = third.Web.Post("/listings/"+clean.ID+"/edit", apptest.Form("kind", "offer", "category", "goods.baby", "title", "Kinderwagen",
			"description", "Schreibt an olena@example.org", "content_lang", "de", "postcode", "34117", "visibility", "public"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("edit: %d", res.Status)
		}
		if status, _ := statusOf(t, e, other.Token(t), clean.ID); status != http.StatusNotFound {
			t.Errorf("an edit adding an address is not held: %d", status)
		}

		// Flag and hide: it leaves the board; restore brings it back.
		if err := mod.Flag(ctx, other.ID, "listing", id, "spam", ""); err != nil {
			t.Fatal(err)
		}
		if err := mod.Hide(ctx, staff.Identity(), "listing", id, "Werbung für ein Geschäft"); err != nil {
			t.Fatal(err)
		}
		if res := other.Web.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("a hidden listing: %d", res.Status)
		}
		if page := newcomer.Web.Get(path).Body; !strings.Contains(page, "Ausgeblendet") {
			t.Error("the poster does not see that the listing is hidden")
		}
		if err := mod.Restore(ctx, staff.Identity(), "listing", id, "Kein Verstoß"); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(list(t, e, "", ""), "Fahrrad") {
			t.Error("a restored listing is not listed")
		}
		changes, err := apptest.Module[*board.Module](t, e).History(ctx, staff.Identity(), id)
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		for _, c := range changes {
			seen = append(seen, c.Names()...)
		}
		for _, want := range []string{"held", "hidden", "created"} {
			if !slices.Contains(seen, want) {
				t.Errorf("history lacks %s: %v", want, seen)
			}
		}
		// Removed: gone for everybody, the poster too.
		if err := mod.Remove(ctx, staff.Identity(), "listing", id, "Betrug"); err != nil {
			t.Fatal(err)
		}
		if res := newcomer.Web.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("a removed listing: %d", res.Status)
		}
		_ = moderation.FlagURL
	})
}
