package home_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/notify"
)

// TestFrontPageKeepsTheVisitorsPlace: a place chosen once shows what is
// needed and offered there, is kept in a cookie for the next visit, and
// can be forgotten; an unknown place says so and shows the newest of all.
func TestFrontPageKeepsTheVisitorsPlace(t *testing.T) {
	e := apptest.NewDemo(t, "sqlite")
	visitor := e.Client(t)
	res := visitor.Get("/?near=Kassel")
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "Neu auf dem Marktplatz bei \u2068Kassel\u2069") {
		t.Fatalf("with a place: %d, want the board's section for Kassel\n%s", res.Status, res.Body)
	}
	if !strings.Contains(res.Header.Get("Set-Cookie"), "teilhabe_place=Kassel") {
		t.Errorf("the place is not kept: Set-Cookie %q", res.Header.Get("Set-Cookie"))
	}
	for _, want := range []string{`value="Kassel"`, "Versprechen", "Demnächst", `href="/board?kind=request&amp;near=Kassel"`, `href="/directory"`} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("the front page with a place lacks %s", want)
		}
	}
	if again := visitor.Get("/"); !strings.Contains(again.Body, `value="Kassel"`) || !strings.Contains(again.Body, "bei \u2068Kassel\u2069") {
		t.Error("the next visit forgot the place")
	}
	if forgot := visitor.Get("/?near="); strings.Contains(forgot.Body, "bei \u2068Kassel") || !strings.Contains(forgot.Body, "Neu auf dem Marktplatz") {
		t.Error("forgetting the place still shows it, or no longer shows the board")
	}
	if later := visitor.Get("/"); strings.Contains(later.Body, `value="Kassel"`) {
		t.Error("the forgotten place came back")
	}
	unknown := e.Client(t).Get("/?near=Atlantis")
	if !strings.Contains(unknown.Body, "Bei diesem Ort finden wir nichts Neues") || !strings.Contains(unknown.Body, "Neu auf dem Marktplatz</h2>") {
		t.Errorf("an unknown place: want the hint and the newest of all\n%s", unknown.Body)
	}
	arabic := e.Client(t)
	arabic.Lang = "ar"
	if res := arabic.Get("/?near=Kassel"); !strings.Contains(res.Body, "جديد في السوق قرب \u2068Kassel\u2069") {
		t.Error("the Arabic front page lacks the isolated place in the board's heading")
	}
}

// TestFrontPageShowsWhatWaitsForAPerson: a person's newest notices are
// on their front page, nobody else's.
func TestFrontPageShowsWhatWaitsForAPerson(t *testing.T) {
	e := apptest.New(t, "sqlite")
	amal := e.NewPerson(t, "amal", auth.Member)
	jonas := e.NewPerson(t, "jonas", auth.Member)
	kind, ok := e.P.Services.Notify.Kind("board/response_declined")
	if !ok {
		t.Fatal("the board registers no notice board/response_declined")
	}
	n := notify.Notice{Kind: kind, Item: notify.Item{Type: "listing", ID: "0190d0a0-0000-7000-8000-000000000001"},
		Link: "/board", To: []string{amal.ID}, Params: []any{"Title", "Kinderfahrrad"}}
	if err := e.P.Services.Notify.Send(context.Background(), e.P.DB, n, e.P.Services.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if body := amal.Web.Get("/").Body; !strings.Contains(body, "Wartet auf dich") || !strings.Contains(body, "Kinderfahrrad") {
		t.Errorf("Amal's front page lacks her notice\n%s", body)
	}
	if body := jonas.Web.Get("/").Body; strings.Contains(body, "Kinderfahrrad") || !strings.Contains(body, "Gerade wartet nichts auf dich") {
		t.Error("Jonas sees Amal's notice, or no word that nothing waits")
	}
	if body := e.Client(t).Get("/").Body; strings.Contains(body, "Kinderfahrrad") || strings.Contains(body, "Wartet auf dich") {
		t.Error("a visitor sees a notice")
	}
}
