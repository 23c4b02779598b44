package board_test

import (
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
)

func at(title, postcode, place string) board.Draft {
	d := draft(title)
	d.Postcode, d.Place = postcode, place
	return d
}

// TestNearWithoutPostcodeData matches near by postcode or place text while
// no postcode data is imported, and shows no distances.
func TestNearWithoutPostcodeData(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		p := e.NewPerson(t, "Jonas", auth.Member)
		post(t, e, p, at("In Kassel", "34117", "Kassel"))
		post(t, e, p, at("In Baunatal", "34225", "Baunatal"))
		post(t, e, p, at("Nur Ort", "", "Hann. Münden"))
		status, body := e.API(t, "", http.MethodGet, "/api/v1/listings?near=34117", nil)
		if status != 200 || body["near"] != nil || strings.Join(apiTitles(body), ",") != "In Kassel" {
			t.Errorf("near=34117: %d %v", status, body)
		}
		if got := list(t, e, "", "near=hann.+m%C3%BCnden"); strings.Join(got, ",") != "Nur Ort" {
			t.Errorf("near a place name: %v", got)
		}
		if l := body["listings"].([]any)[0].(map[string]any); l["distance_km"] != nil {
			t.Errorf("a distance without postcode data: %v", l)
		}
		page := e.Client(t).Get("/board?near=34117").Body
		if !strings.Contains(page, "Ortsdaten sind hier noch nicht eingerichtet") {
			t.Error("the board does not say why there are no distances")
		}
		// Sorting by distance falls back to newest.
		if _, body := e.API(t, "", http.MethodGet, "/api/v1/listings?near=34117&sort=distance", nil); body["sort"] != "newest" {
			t.Errorf("sort without postcode data: %v", body["sort"])
		}
	})
}

// TestRadiusAndDistance imports the postcode file and searches around a
// postcode: radius, order by distance (ties by id, paged), whole
// kilometres, no coordinates in the API, unknown places as field errors.
// Listings posted before the import get their coordinates from a job.
func TestRadiusAndDistance(t *testing.T) {
	file := geotest.DataFile(t)
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		p := e.NewPerson(t, "Jonas", auth.Member)
		early := post(t, e, p, at("Vor dem Import", "34246", "Vellmar"))
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := apptest.Module[*geo.Gazetteer](t, e).Import(ctx, f); err != nil {
			t.Fatal(err)
		}
		mitte1 := post(t, e, p, at("Mitte eins", "34117", ""))
		mitte2 := post(t, e, p, at("Mitte zwei", "34117", "Kassel"))
		post(t, e, p, at("Baunatal", "34225", ""))
		post(t, e, p, at("Hann. Münden", "34346", "Hann. Münden"))
		post(t, e, p, at("Frankfurt", "60311", "Frankfurt am Main"))
		if mitte1.Place != "Kassel" || mitte1.Lat == nil {
			t.Errorf("the postcode was not resolved: %+v", mitte1)
		}

		status, body := e.API(t, "", http.MethodGet, "/api/v1/listings?near=34117&radius_km=25", nil)
		if status != 200 || body["sort"] != "distance" {
			t.Fatalf("near: %d %v", status, body)
		}
		near := body["near"].(map[string]any)
		if near["postcode"] != "34117" || near["name"] != "Kassel" || near["radius_km"] != float64(25) {
			t.Errorf("near: %v", near)
		}
		first, second := mitte1.ID, mitte2.ID
		if second < first {
			first, second = second, first
		}
		var titles, order []string
		last := -1.0
		for _, x := range body["listings"].([]any) {
			l := x.(map[string]any)
			titles = append(titles, l["title"].(string))
			order = append(order, l["id"].(string))
			km, ok := l["distance_km"].(float64)
			if !ok || km < last || km != float64(int(km)) {
				t.Errorf("distance of %s: %v", l["title"], l["distance_km"])
			}
			last = km
			for _, k := range []string{"lat", "lon", "latitude", "longitude", "poster_id"} {
				if _, ok := l[k]; ok {
					t.Errorf("the API shows %s", k)
				}
			}
		}
		if strings.Join(titles[2:], ",") != "Baunatal,Hann. Münden" || order[0] != first || order[1] != second {
			t.Errorf("by distance: %v", titles)
		}
		if slices.Contains(titles, "Frankfurt") || slices.Contains(titles, "Vor dem Import") {
			t.Errorf("outside the radius or without coordinates: %v", titles)
		}
		if got := list(t, e, "", "near=Kassel&radius_km=5"); len(got) != 2 {
			t.Errorf("5 km around Kassel: %v", got)
		}
		// One at a time: the same order.
		var paged []string
		cursor := ""
		for range 10 {
			u := "/api/v1/listings?near=34117&radius_km=25&limit=1"
			if cursor != "" {
				u += "&cursor=" + cursor
			}
			_, body := e.API(t, "", http.MethodGet, u, nil)
			for _, x := range body["listings"].([]any) {
				paged = append(paged, x.(map[string]any)["id"].(string))
			}
			if cursor, _ = body["next_cursor"].(string); cursor == "" {
				break
			}
		}
		if strings.Join(paged, ",") != strings.Join(order, ",") {
			t.Errorf("paged by distance: %v, want %v", paged, order)
		}
		page := e.Client(t).Get("/board?near=34117").Body
		if !strings.Contains(page, "0 km entfernt") || !strings.Contains(page, "um 34117 Kassel") {
			t.Error("the board shows no distances")
		}

		// Unknown places are field errors.
		status, body = e.API(t, "", http.MethodGet, "/api/v1/listings?near=Atlantis", nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(strings.ToLower(body["errors"].([]any)[0].(map[string]any)["location"].(string)), "near") {
			t.Errorf("unknown near: %d %v", status, body)
		}
		if _, err := apptest.Module[*board.Module](t, e).Create(ctx, p.Identity(), at("Nirgends", "00000", "")); err == nil || !strings.Contains(err.Error(), "geo.unknown") {
			t.Errorf("an unknown postcode: %v", err)
		}

		// The job locates what was posted before the import.
		if slices.Contains(list(t, e, "", "near=34246&radius_km=5"), "Vor dem Import") {
			t.Fatal("located before the job ran")
		}
		runJobs(t, e)
		if !slices.Contains(list(t, e, "", "near=34246&radius_km=5"), "Vor dem Import") {
			t.Error("the job did not locate the listing posted before the import")
		}
		_ = early
	})
}
