package coordination_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/coordination"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
)

var ctx = context.Background()

// berlin is a moment on the clocks of Kassel.
func berlin(month time.Month, day, hour int) time.Time {
	return time.Date(2026, month, day, hour, 0, 0, 0, clock.Zone).UTC()
}

// fixture is a platform with the postcodes of geotest.Regions and seven
// requests answered at hand-counted times:
//
//	    category        postcode  created (local)  first response   accepted
//	A   german_lessons  34117     Sat 28.3. 10:00  Mon 30.3. 10:00  30.3. 12:00  (47 h and 49 h: the clocks go forward on 29.3.)
//	B   german_lessons  34355     Mon 30.3. 09:00  30.3. 12:00      –            (3 h)
//	G   german_lessons  34127     Thu  2.4. 10:00  2.4. 20:00       3.4. 10:00   (10 h and 24 h)
//	C   housing         64283     Wed  1.4. 10:00  –                –
//	D   housing         37073     Wed  1.4. 11:00  –                –
//	E   mobility        (none)    Mon  6.4. 12:00  –                –
//	F   mobility        01234     Thu  9.4. 12:00  –                –
//
// The dashboard is read on Fri 10.4. at 12:00: all seven are open; C, D and
// E have waited more than 3 days, C and D more than 7; E and F cannot be
// placed (no postcode; a postcode without a district).
type fixture struct {
	*apptest.Env
	Board        *board.Module
	Coordination *coordination.Module
	Admin        *apptest.Person
	Member       *apptest.Person
	Listings     map[string]*board.Listing
}

func newFixture(t *testing.T, e *apptest.Env) *fixture {
	t.Helper()
	if _, err := apptest.Module[*geo.Gazetteer](t, e).Import(ctx, strings.NewReader(geotest.Regions)); err != nil {
		t.Fatal(err)
	}
	f := &fixture{Env: e, Board: apptest.Module[*board.Module](t, e), Coordination: apptest.Module[*coordination.Module](t, e),
		Admin: e.NewPerson(t, "admin", auth.Admin), Member: e.NewPerson(t, "mia", auth.Member), Listings: map[string]*board.Listing{}}
	poster := e.NewPerson(t, "pia", auth.Member)
	helpers := []*apptest.Person{e.NewPerson(t, "hanna", auth.Member), e.NewPerson(t, "hakan", auth.Member), e.NewPerson(t, "hasan", auth.Member)}
	post := func(name, category, postcode, place string, at time.Time) {
		e.Clock.Set(at)
		l, err := f.Board.Create(ctx, poster.Identity(), board.Draft{Kind: board.Request, Category: category, Title: "Gesuch " + name,
			Description: "Wer kann helfen?", ContentLang: "de", Languages: []string{"de"}, Postcode: postcode, Place: place,
			Visibility: board.Public})
		if err != nil {
			t.Fatalf("post %s: %v", name, err)
		}
		f.Listings[name] = l
	}
	respond := func(name string, who int, at time.Time) *board.Response {
		e.Clock.Set(at)
		r, err := f.Board.Respond(ctx, helpers[who].Identity(), f.Listings[name].ID, board.ResponseInput{Body: "Ich kann helfen."})
		if err != nil {
			t.Fatalf("respond to %s: %v", name, err)
		}
		return r
	}
	accept := func(name string, r *board.Response, at time.Time) {
		e.Clock.Set(at)
		if _, err := f.Board.Accept(ctx, poster.Identity(), f.Listings[name].ID, r.ID); err != nil {
			t.Fatalf("accept on %s: %v", name, err)
		}
	}
	post("A", "german_lessons", "34117", "", berlin(3, 28, 10))
	post("B", "german_lessons", "34355", "", berlin(3, 30, 9))
	ra := respond("A", 0, berlin(3, 30, 10))
	accept("A", ra, berlin(3, 30, 12))
	respond("B", 1, berlin(3, 30, 12))
	post("C", "housing", "64283", "", berlin(4, 1, 10))
	post("D", "housing", "37073", "", berlin(4, 1, 11))
	post("G", "german_lessons", "34127", "", berlin(4, 2, 10))
	rg := respond("G", 2, berlin(4, 2, 20))
	accept("G", rg, berlin(4, 3, 10))
	post("E", "mobility", "", "Nirgendwo", berlin(4, 6, 12))
	post("F", "mobility", "01234", "", berlin(4, 9, 12))
	e.Clock.Set(berlin(4, 10, 12))
	return f
}

// coordinator makes a coordinator responsible for regions (none: the
// whole country).
func (f *fixture) coordinator(t *testing.T, handle string, regions ...string) *apptest.Person {
	t.Helper()
	p := f.NewPerson(t, handle, auth.Coordinator)
	if len(regions) > 0 {
		if _, err := f.Coordination.SetScopes(ctx, f.Admin.Identity(), p.ID, regions); err != nil {
			t.Fatalf("scopes of %s: %v", handle, err)
		}
	}
	return p
}

func (f *fixture) figures(t *testing.T, who *apptest.Person, region string, all bool) *coordination.Dashboard {
	t.Helper()
	from, to := coordination.Period(f.Clock.Now())
	d, err := f.Coordination.Figures(ctx, who.Identity(), region, all, from, to)
	if err != nil {
		t.Fatalf("figures of %s for %q: %v", who.Email, region, err)
	}
	return d
}

func hours(h *float64) float64 {
	if h == nil {
		return -1
	}
	return *h
}

// TestFigures checks every figure of the country's dashboard against the
// hand-counted fixture.
func TestFigures(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		f := newFixture(t, e)
		d := f.figures(t, f.coordinator(t, "katrin"), "", false)
		if !d.Area.Everything || d.Open != 7 || d.Unassigned != 2 || d.ByCentre != 1 {
			t.Errorf("open %d, unassigned %d, by centre %d, area %+v", d.Open, d.Unassigned, d.ByCentre, d.Area)
		}
		wantCats := []coordination.CategoryCount{{Category: "german_lessons", Count: 3}, {Category: "mobility", Count: 2}, {Category: "housing", Count: 2}}
		slices.SortFunc(wantCats, func(a, b coordination.CategoryCount) int { return strings.Compare(a.Category, b.Category) })
		gotCats := slices.Clone(d.OpenByCat)
		slices.SortFunc(gotCats, func(a, b coordination.CategoryCount) int { return strings.Compare(a.Category, b.Category) })
		if !slices.Equal(gotCats, wantCats) {
			t.Errorf("open by category %+v", d.OpenByCat)
		}
		wantAreas := []coordination.RegionCount{
			{Region: "06611", Name: "Kassel, documenta-Stadt", Count: 2},
			{Region: "03159", Name: "Landkreis Göttingen", Count: 1},
			{Region: "06411", Name: "Darmstadt", Count: 1},
			{Region: "06633", Name: "Landkreis Kassel", Count: 1, ByCentre: 1},
			{Region: coordination.Unassigned, Count: 2},
		}
		if !slices.Equal(d.OpenByArea, wantAreas) {
			t.Errorf("open by region %+v", d.OpenByArea)
		}
		if len(d.Waiting) != 2 || d.Waiting[0].Days != 3 || d.Waiting[1].Days != 7 {
			t.Fatalf("waiting %+v", d.Waiting)
		}
		for i, want := range [][]string{{"C", "D", "E"}, {"C", "D"}} {
			w := d.Waiting[i]
			var got []string
			for _, r := range w.Requests {
				got = append(got, strings.TrimPrefix(r.Title, "Gesuch "))
				if r.Link != "/listings/"+r.ID {
					t.Errorf("link %q", r.Link)
				}
			}
			if w.Total != len(want) || !slices.Equal(got, want) {
				t.Errorf("without response after %d days: %d %v, want %v", w.Days, w.Total, got, want)
			}
		}
		byCat := map[string]coordination.Timing{}
		for _, tm := range d.TimingByCat {
			byCat[tm.Category] = tm
		}
		lessons := byCat["german_lessons"]
		// 47, 3 and 10 hours to the first response; 49 and 24 to acceptance.
		if lessons.Requests != 3 || lessons.Answered != 3 || lessons.Accepted != 2 || hours(lessons.FirstResponse) != 10 || hours(lessons.Acceptance) != 36.5 {
			t.Errorf("german lessons %+v first %v acceptance %v", lessons, hours(lessons.FirstResponse), hours(lessons.Acceptance))
		}
		if h := byCat["housing"]; h.Requests != 2 || h.Answered != 0 || h.FirstResponse != nil || h.Acceptance != nil {
			t.Errorf("housing %+v", h)
		}
		if len(d.TimingByWeek) != coordination.Weeks {
			t.Fatalf("%d weeks", len(d.TimingByWeek))
		}
		weeks := map[string]coordination.Timing{}
		for _, w := range d.TimingByWeek {
			weeks[w.Week.Format(time.DateOnly)] = w
		}
		// The week of the change to summer time: 47 hours from Saturday
		// 10:00 to Monday 10:00, not 48.
		if w := weeks["2026-03-23"]; w.Requests != 1 || hours(w.FirstResponse) != 47 || hours(w.Acceptance) != 49 {
			t.Errorf("week of 23 March %+v first %v acceptance %v", w, hours(w.FirstResponse), hours(w.Acceptance))
		}
		if w := weeks["2026-03-30"]; w.Requests != 4 || w.Answered != 2 || w.Accepted != 1 || hours(w.FirstResponse) != 6.5 || hours(w.Acceptance) != 24 {
			t.Errorf("week of 30 March %+v first %v acceptance %v", w, hours(w.FirstResponse), hours(w.Acceptance))
		}
		if w := weeks["2026-04-06"]; w.Requests != 2 || w.Answered != 0 || w.FirstResponse != nil {
			t.Errorf("week of 6 April %+v", w)
		}
		last := d.TimingByWeek[len(d.TimingByWeek)-1]
		if last.Week.Format(time.DateOnly) != "2026-04-06" || d.TimingByWeek[0].Week.Format(time.DateOnly) != "2025-10-13" {
			t.Errorf("weeks from %v to %v", d.TimingByWeek[0].Week, last.Week)
		}
	})
}

// TestScopes: a coordinator's figures are those of their regions at each
// level of the municipality key; a region outside them is refused unless
// shown through the switch, to read only.
func TestScopes(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		f := newFixture(t, e)
		city := f.coordinator(t, "katrin", "06611")
		for _, c := range []struct {
			regions          []string
			open, waiting3   int
			firstResponse    float64 // median hours, German lessons
			waiting7, assign int
		}{
			{[]string{"06611"}, 2, 0, 28.5, 0, 2},       // A and G
			{[]string{"06633"}, 1, 0, 3, 0, 1},          // B, placed by its postcode's centre
			{[]string{"066"}, 3, 0, 10, 0, 3},           // A, B and G
			{[]string{"06"}, 4, 1, 10, 1, 4},            // and C in Darmstadt
			{[]string{"03"}, 1, 1, -1, 1, 1},            // D in Göttingen
			{[]string{"06611", "03"}, 3, 1, 28.5, 1, 3}, // two regions
		} {
			p := f.coordinator(t, "k"+strings.Join(c.regions, "x"), c.regions...)
			d := f.figures(t, p, "", false)
			lessons := -1.0
			for _, tm := range d.TimingByCat {
				if tm.Category == "german_lessons" {
					lessons = hours(tm.FirstResponse)
				}
			}
			assigned := 0
			for _, rc := range d.OpenByArea {
				assigned += rc.Count
			}
			if d.Area.Everything || d.Open != c.open || d.Unassigned != 0 || assigned != c.assign ||
				d.Waiting[0].Total != c.waiting3 || d.Waiting[1].Total != c.waiting7 || lessons != c.firstResponse {
				t.Errorf("%v: open %d (unassigned %d, by region %d), waiting %d/%d, lessons %v",
					c.regions, d.Open, d.Unassigned, assigned, d.Waiting[0].Total, d.Waiting[1].Total, lessons)
			}
		}

		// A region inside the scope narrows; one outside or above it is refused.
		rb := f.coordinator(t, "rita", "066")
		if d := f.figures(t, rb, "06611", false); d.Open != 2 || d.Area.ReadOnly {
			t.Errorf("06611 inside 066: %d %+v", d.Open, d.Area)
		}
		from, to := coordination.Period(f.Clock.Now())
		for _, region := range []string{"06633", "06", "03159", "066"} {
			_, err := f.Coordination.Figures(ctx, city.Identity(), region, false, from, to)
			apptest.WantCode(t, "region "+region+" outside 06611", err, apperr.Forbidden)
		}
		// Through the switch, anything can be read.
		if d := f.figures(t, city, "06633", true); d.Open != 1 || !d.Area.ReadOnly {
			t.Errorf("06633 through the switch: %d %+v", d.Open, d.Area)
		}
		if d := f.figures(t, city, "", true); !d.Area.Everything || !d.Area.ReadOnly || d.Open != 7 {
			t.Errorf("everything through the switch: %d %+v", d.Open, d.Area)
		}
		// Administrators and coordinators without regions see the country.
		if d := f.figures(t, f.Admin, "03", false); d.Open != 1 || d.Area.ReadOnly {
			t.Errorf("admin in 03: %d %+v", d.Open, d.Area)
		}
		// A municipality's key is a valid region; postcodes cannot be
		// narrowed to one, so the board's requests are not counted there.
		if d := f.figures(t, f.Admin, "06611000", false); d.Open != 0 {
			t.Errorf("municipality: %d", d.Open)
		}
	})
}
