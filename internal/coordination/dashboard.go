package coordination

import (
	"cmp"
	"context"
	"math"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

const (
	// Weeks is how far back the dashboard looks by default.
	Weeks = 26
	// maxWeeks bounds a period asked for.
	maxWeeks = 106
	// waitingShown is how many unanswered requests a list shows.
	waitingShown = 50
)

// WaitLimits are the ages after which an unanswered request is listed.
var WaitLimits = []int{3, 7} // days

// Unassigned is the region of what cannot be placed: no postcode, or one
// the postcode data does not know.
const Unassigned = ""

// Dashboard is the figures of an area over a period.
type Dashboard struct {
	Area     Area
	From, To time.Time // the period: from its first day's start to its last day's end, [From, To)
	Now      time.Time

	Open       int             // open requests now
	Unassigned int             // of which not placed in any region
	ByCentre   int             // of which placed by the centre of a postcode spanning districts
	OpenByCat  []CategoryCount // by top-level category, in the taxonomy's order
	OpenByArea []RegionCount   // by district, most first; the unassigned last

	Waiting []Waiting // unanswered after each of WaitLimits

	TimingByCat  []Timing // requests created in the period, by category
	TimingByWeek []Timing // by week of creation (Monday, local time), oldest first
}

// CategoryCount is a number of requests of a top-level category.
type CategoryCount struct {
	Category string
	Count    int
}

// RegionCount is a number of requests of a district.
type RegionCount struct {
	Region   string // district key; Unassigned for the rest
	Name     string
	Count    int
	ByCentre int // placed by the centre of a postcode spanning districts
}

// Waiting is the requests without a response after Days days.
type Waiting struct {
	Days     int
	Total    int
	Requests []app.WaitingRequest // the oldest first, at most waitingShown
}

// More is how many of the requests the list leaves out.
func (w Waiting) More() int { return w.Total - len(w.Requests) }

// Timing is how fast the requests of a category or a week were answered.
type Timing struct {
	Category string    // for the figures by category
	Week     time.Time // Monday of the week, a date value, for the figures by week
	Requests int
	Answered int // with a response
	Accepted int // with an accepted response
	// Medians in hours from the request to its first response and to the
	// first accepted response; nil without any.
	FirstResponse, Acceptance *float64
}

// Period returns the default period ending at now: the last Weeks weeks,
// the first starting on a Monday (local time).
func Period(now time.Time) (from, to time.Time) {
	return weekOf(now).AddDate(0, 0, -7*(Weeks-1)), clock.EndOfDay(now)
}

// weekOf is the Monday of t's week in local time, as a date value.
func weekOf(t time.Time) time.Time {
	day := clock.DayOf(t)
	back := (int(day.Weekday()) + 6) % 7
	return day.AddDate(0, 0, -back)
}

// ParsePeriod reads from and to as days (YYYY-MM-DD, both included); an
// empty one takes the default period's.
func ParsePeriod(now time.Time, fromText, toText string) (from, to time.Time, err error) {
	from, to = Period(now)
	f := apperr.Fields{}
	if fromText != "" {
		d, e := time.Parse(time.DateOnly, fromText)
		if e != nil {
			f.Add("query.from", "coordination.period.invalid")
		}
		from = d
	}
	if toText != "" {
		d, e := time.Parse(time.DateOnly, toText)
		if e != nil {
			f.Add("query.to", "coordination.period.invalid")
		}
		to = d
	}
	if err := f.Err(); err != nil {
		return time.Time{}, time.Time{}, err
	}
	from, to = clock.StartOfDay(from), clock.EndOfDay(to).Add(time.Second)
	switch {
	case !to.After(from):
		return time.Time{}, time.Time{}, apperr.Field("query.to", "coordination.period.order")
	case to.Sub(from) > maxWeeks*7*24*time.Hour:
		return time.Time{}, time.Time{}, apperr.Field("query.from", "coordination.period.too_long")
	}
	return from, to, nil
}

// Figures computes the dashboard of region (or the person's own regions)
// for the period [from, to).
func (m *Module) Figures(ctx context.Context, actor *auth.Identity, region string, all bool, from, to time.Time) (*Dashboard, error) {
	a, err := m.AreaFor(ctx, actor, region, all)
	if err != nil {
		return nil, err
	}
	where, err := m.postcodes(ctx, a)
	if err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	d := &Dashboard{Area: a, From: from, To: to, Now: now}
	if err := m.openFigures(ctx, d, where); err != nil {
		return nil, err
	}
	for _, days := range WaitLimits {
		total, list, err := m.requests.WaitingRequests(ctx, now, now.AddDate(0, 0, -days), where, waitingShown)
		if err != nil {
			return nil, err
		}
		d.Waiting = append(d.Waiting, Waiting{Days: days, Total: total, Requests: list})
	}
	timings, err := m.requests.RequestTimings(ctx, from, to, where)
	if err != nil {
		return nil, err
	}
	d.TimingByCat, d.TimingByWeek = timingFigures(timings, from, to)
	return d, nil
}

// topCategory is the top-level category of id, or id when the taxonomy no
// longer knows it.
func topCategory(id string) string {
	if top := taxonomy.Default().TopOf(id); top != "" {
		return top
	}
	return id
}

// categoryOrder sorts top-level categories as the taxonomy lists them,
// unknown ids last.
func categoryOrder(a, b string) int {
	pos := func(id string) int {
		for i, c := range taxonomy.Default().Top() {
			if c.ID == id {
				return i
			}
		}
		return math.MaxInt
	}
	return cmp.Or(cmp.Compare(pos(a), pos(b)), cmp.Compare(a, b))
}

func (m *Module) openFigures(ctx context.Context, d *Dashboard, where app.Postcodes) error {
	open, err := m.requests.OpenRequests(ctx, d.Now, where)
	if err != nil {
		return err
	}
	var postcodes []string
	for _, o := range open {
		if o.Postcode != "" {
			postcodes = append(postcodes, o.Postcode)
		}
	}
	districts := map[string]geo.District{}
	if m.places != nil {
		if districts, err = m.places.Districts(ctx, postcodes); err != nil {
			return err
		}
	}
	byCat := map[string]int{}
	byArea := map[string]*RegionCount{}
	for _, o := range open {
		d.Open += o.Count
		byCat[topCategory(o.Category)] += o.Count
		dist := districts[o.Postcode]
		rc := byArea[dist.Key]
		if rc == nil {
			rc = &RegionCount{Region: dist.Key, Name: dist.Name}
			byArea[dist.Key] = rc
		}
		rc.Count += o.Count
		if dist.Several {
			rc.ByCentre += o.Count
			d.ByCentre += o.Count
		}
	}
	for cat, n := range byCat {
		d.OpenByCat = append(d.OpenByCat, CategoryCount{Category: cat, Count: n})
	}
	slices.SortFunc(d.OpenByCat, func(a, b CategoryCount) int { return categoryOrder(a.Category, b.Category) })
	for _, rc := range byArea {
		if rc.Region == Unassigned {
			d.Unassigned = rc.Count
			rc.Name = ""
			continue
		}
		d.OpenByArea = append(d.OpenByArea, *rc)
	}
	slices.SortFunc(d.OpenByArea, func(a, b RegionCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Region, b.Region))
	})
	if d.Unassigned > 0 {
		d.OpenByArea = append(d.OpenByArea, RegionCount{Region: Unassigned, Count: d.Unassigned})
	}
	return nil
}

// timingFigures groups the requests by top-level category and by week of
// creation (every week of the period, also those without requests) and
// computes the medians of each group.
func timingFigures(ts []app.RequestTiming, from, to time.Time) (byCat, byWeek []Timing) {
	type group struct {
		t             Timing
		first, accept []time.Duration
	}
	add := func(g *group, r app.RequestTiming) {
		g.t.Requests++
		if r.FirstResponse != nil {
			g.t.Answered++
			g.first = append(g.first, r.FirstResponse.Sub(r.CreatedAt))
		}
		if r.Accepted != nil {
			g.t.Accepted++
			g.accept = append(g.accept, r.Accepted.Sub(r.CreatedAt))
		}
	}
	finish := func(g *group) Timing {
		g.t.FirstResponse, g.t.Acceptance = medianHours(g.first), medianHours(g.accept)
		return g.t
	}
	cats := map[string]*group{}
	var weeks []*group
	for w := weekOf(from); w.Before(to); w = w.AddDate(0, 0, 7) {
		weeks = append(weeks, &group{t: Timing{Week: w}})
	}
	for _, r := range ts {
		c := topCategory(r.Category)
		if cats[c] == nil {
			cats[c] = &group{t: Timing{Category: c}}
		}
		add(cats[c], r)
		w := weekOf(r.CreatedAt)
		if i := slices.IndexFunc(weeks, func(g *group) bool { return g.t.Week.Equal(w) }); i >= 0 {
			add(weeks[i], r)
		}
	}
	for _, g := range cats {
		byCat = append(byCat, finish(g))
	}
	slices.SortFunc(byCat, func(a, b Timing) int { return categoryOrder(a.Category, b.Category) })
	for _, g := range weeks {
		byWeek = append(byWeek, finish(g))
	}
	return byCat, byWeek
}

// medianHours is the median of ds in hours, rounded to a tenth (the mean
// of the two middle values for an even count); nil for none. Durations
// are elapsed time, so a night when the clocks change counts as it lasted.
func medianHours(ds []time.Duration) *float64 {
	if len(ds) == 0 {
		return nil
	}
	slices.Sort(ds)
	mid := ds[len(ds)/2]
	if len(ds)%2 == 0 {
		mid = (ds[len(ds)/2-1] + mid) / 2
	}
	h := math.Round(mid.Hours()*10) / 10
	return &h
}
