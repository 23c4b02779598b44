package event_test

import (
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
)

// kassel is the directory's municipality of Kassel (postcodes 341xx).
const kassel = "06611000"

// places imports the postcodes of Kassel, Baunatal (9 km from Kassel's
// centre), Göttingen (38 km) and Frankfurt (150 km), and the directory's
// municipality of Kassel.
func (e *env) places(t *testing.T) {
	t.Helper()
	rows := geotest.Lines(t, "34117", "34127", "34225", "37073", "60311")
	if _, err := apptest.Module[*geo.Gazetteer](t, e.Env).Import(ctx, rows); err != nil {
		t.Fatal(err)
	}
	dir := apptest.Module[*directory.Module](t, e.Env)
	if _, err := dir.CreateMunicipality(ctx, e.Cora.Identity(), directory.Municipality{AGS: kassel, Name: "Kassel", State: "06"}); err != nil {
		t.Fatal(err)
	}
}

// at returns the draft held at a postcode and place on a day of March,
// of a category.
func (e *env) held(title, postcode, place, category string, day int) event.Draft {
	d := e.draft()
	d.Title, d.Postcode, d.Place, d.Category = title, postcode, place, category
	d.Start, d.End = at(2026, 3, day, 18, 0), at(2026, 3, day, 20, 0)
	return d
}

// titles lists the titles of the events of the filter, or the error.
func (e *env) titles(t *testing.T, f event.Filter) ([]string, error) {
	t.Helper()
	list, err := e.Events.List(ctx, f)
	var out []string
	for _, ev := range list {
		out = append(out, ev.Title)
	}
	return out, err
}

func TestListFiltersByCategoryPlaceAndMunicipality(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.places(t)
		k := e.create(t, e.Olga, e.held("Kassel", "34117", "", "german_lessons.conversation", 10))
		b := e.create(t, e.Olga, e.held("Baunatal", "34225", "", "german_lessons.courses", 11))
		e.create(t, e.Olga, e.held("Göttingen", "37073", "Göttingen", "work.recognition", 12))
		e.create(t, e.Olga, e.held("Frankfurt", "60311", "", "", 13))
		online := e.held("Online", "", "", "german_lessons.courses", 14)
		online.PlaceKind, online.OnlineURL = event.Online, "https://meet.example.org/kurs"
		e.create(t, e.Olga, online)
		if k.Municipality != kassel || b.Municipality != "" || k.Category != "german_lessons.conversation" {
			t.Errorf("filed under %q and %q, category %q", k.Municipality, b.Municipality, k.Category)
		}
		for _, c := range []struct {
			name string
			f    event.Filter
			want []string
		}{
			{"top-level category", event.Filter{Category: "german_lessons"}, []string{"Kassel", "Baunatal", "Online"}},
			{"subcategory", event.Filter{Category: "german_lessons.courses"}, []string{"Baunatal", "Online"}},
			{"near by default 25 km", event.Filter{Near: "Kassel"}, []string{"Kassel", "Baunatal"}},
			{"near a postcode, 50 km", event.Filter{Near: "34117", RadiusKm: 50}, []string{"Kassel", "Baunatal", "Göttingen"}},
			{"near, 5 km", event.Filter{Near: "Kassel", RadiusKm: 5}, []string{"Kassel"}},
			{"near and category", event.Filter{Near: "Kassel", Category: "german_lessons"}, []string{"Kassel", "Baunatal"}},
			{"municipality", event.Filter{Municipality: kassel}, []string{"Kassel"}},
			{"other municipality", event.Filter{Municipality: "06633003"}, nil},
		} {
			got, err := e.titles(t, c.f)
			if err != nil || !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.want)
			}
		}
		_, err := e.titles(t, event.Filter{Near: "Xyzzyhausen"})
		if ae := apperr.As(err); ae == nil || ae.Fields["near"] != "geo.unknown" {
			t.Errorf("unknown place: %v", err)
		}
		if _, err := e.Events.Create(ctx, e.Olga.Identity(), e.held("Falsch", "34117", "", "no_such_topic", 15)); apperr.As(err).Fields["category"] == "" {
			t.Errorf("unknown category accepted: %v", err)
		}
	})
}

// Without imported postcodes a place matches events at the postcode or
// place typed, as the board does.
func TestNearWithoutPostcodesMatchesTheText(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.create(t, e.Olga, e.held("Kassel", "34117", "Kassel", "", 10))
		e.create(t, e.Olga, e.held("Baunatal", "34225", "Baunatal", "", 11))
		for near, want := range map[string][]string{"34117": {"Kassel"}, "baunatal": {"Baunatal"}, "Vellmar": nil} {
			if got, err := e.titles(t, event.Filter{Near: near}); err != nil || !slices.Equal(got, want) {
				t.Errorf("near %s: %v, %v; want %v", near, got, err, want)
			}
		}
	})
}

func TestFilterPagesAPIAndFeed(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.places(t)
		e.create(t, e.Olga, e.held("Sprachcafé Kassel", "34117", "", "german_lessons.conversation", 10))
		e.create(t, e.Olga, e.held("Anerkennung Göttingen", "37073", "", "work.recognition", 12))
		e.Clock.Set(at(2026, 3, 2, 12, 0))
		visitor := e.Client(t)

		res := visitor.Get("/events?category=german_lessons&near=Kassel&radius_km=50")
		apptest.WantStatus(t, "filtered list", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "filtered list", res.Body, "Sprachcafé Kassel", `value="Kassel"`, `<option value="50" selected>`,
			`<option value="german_lessons" selected>`, `href="/events.ics?category=german_lessons&amp;near=Kassel&amp;radius_km=50"`)
		apptest.Lacks(t, "filtered list", res.Body, "Anerkennung Göttingen")

		res = visitor.Get("/events?category=nope&near=Xyzzyhausen&lang=de")
		apptest.WantStatus(t, "bad filter", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "bad filter", res.Body, `id="f-category-error"`, `id="f-near-error"`, `value="Xyzzyhausen"`,
			html.EscapeString("Diese Postleitzahl oder diesen Ort kennen wir nicht."))
		res = visitor.Get("/events/month?month=2026-03&near=Kassel&radius_km=500")
		apptest.WantStatus(t, "bad radius", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "bad radius", res.Body, "Wähle einen Umkreis zwischen 1 und 200 km.", `<option value="500" selected>`)
		ar := e.Client(t)
		ar.Lang = "ar"
		res = ar.Get("/events?near=Xyzzyhausen")
		apptest.Contains(t, "arabic error", res.Body, "لا نعرف هذا الرمز البريدي أو هذا المكان.", `dir="rtl"`)
		res = visitor.Get("/events/month?month=2026-03&category=work.recognition")
		apptest.WantStatus(t, "month", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "month", res.Body, "Anerkennung Göttingen", "category=work.recognition")
		apptest.Lacks(t, "month", res.Body, "Sprachcafé Kassel")

		status, body := e.API(t, "", http.MethodGet, "/api/v1/events?near=Kassel&category=german_lessons.conversation", nil)
		if events, _ := body["events"].([]any); status != http.StatusOK || len(events) != 1 ||
			events[0].(map[string]any)["category"] != "german_lessons.conversation" {
			t.Errorf("API filter: %d %v", status, body)
		}
		status, body = e.API(t, "", http.MethodGet, "/api/v1/events?municipality="+kassel, nil)
		if events, _ := body["events"].([]any); status != http.StatusOK || len(events) != 1 {
			t.Errorf("API municipality: %d %v", status, body)
		}
		for _, q := range []string{"near=Xyzzyhausen", "category=nope", "radius_km=500", "municipality=123"} {
			status, raw := e.APIRaw(t, "", http.MethodGet, "/api/v1/events?"+q, nil)
			name := "query." + strings.Split(q, "=")[0]
			if status != http.StatusUnprocessableEntity || !strings.Contains(string(raw), name) {
				t.Errorf("API %s: %d %s", q, status, raw)
			}
		}

		res = visitor.Get("/events.ics?category=work.recognition")
		apptest.Contains(t, "feed", res.Body, "Anerkennung Göttingen")
		apptest.Lacks(t, "feed", res.Body, "Sprachcafé Kassel")
	})
}
