package coordination

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/web"
)

// dashboardView is the dashboard page's data.
type dashboardView struct {
	*Dashboard
	Query              string // region, switch and period as a query, for the export link
	FromText, ToText   string // the period's days (YYYY-MM-DD), for the form
	LastDay            time.Time
	All                bool
	Names              map[string]string // category id → name in the page's language
	OpenBars           barChart
	FirstBars          barChart
	WeekLines          lineChart
	Hours              func(*float64) string
	WeekFirst, WeekAcc []string // the weeks' medians as text, for the table
}

// figuresOf reads the dashboard's query: region, the switch (all=1) and the
// period.
func (m *Module) figuresOf(r *http.Request) (*Dashboard, bool, error) {
	q := r.URL.Query()
	actor, err := auth.Require(r.Context())
	if err != nil {
		return nil, false, err
	}
	all := q.Get("all") == "1"
	from, to, err := ParsePeriod(m.s.Clock.Now(), q.Get("from"), q.Get("to"))
	if err != nil {
		return nil, all, err
	}
	d, err := m.Figures(r.Context(), actor, q.Get("region"), all, from, to)
	return d, all, err
}

func (m *Module) dashboardPage(w http.ResponseWriter, r *http.Request) {
	d, all, err := m.figuresOf(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	l := web.Localizer(r.Context())
	v := &dashboardView{Dashboard: d, All: all, Names: map[string]string{}, LastDay: d.To.Add(-time.Second),
		Hours: func(h *float64) string { return hoursText(l, h) }}
	v.FromText = clockDay(d.From)
	v.ToText = clockDay(v.LastDay)
	q := url.Values{}
	if d.Area.Region != "" {
		q.Set("region", d.Area.Region)
	}
	if all {
		q.Set("all", "1")
	}
	q.Set("from", v.FromText)
	q.Set("to", v.ToText)
	v.Query = q.Encode()
	lang := l.Lang()
	for _, c := range taxonomy.Default().Top() {
		v.Names[c.ID] = taxonomy.Default().Name(c.ID, lang)
	}
	name := func(id string) string {
		if n, ok := v.Names[id]; ok {
			return n
		}
		n := taxonomy.Default().Name(id, lang)
		v.Names[id] = n
		return n
	}
	number := func(n int) string { return web.FormatNumber(l, int64(n)) }
	var labels []string
	var counts []int
	for _, c := range d.OpenByCat {
		labels, counts = append(labels, name(c.Category)), append(counts, c.Count)
	}
	v.OpenBars = barsOf("open-chart", labels, counts, number)
	labels, counts = nil, nil
	for _, t := range d.TimingByCat {
		labels = append(labels, name(t.Category))
		h := 0
		if t.FirstResponse != nil {
			h = int(math.Round(*t.FirstResponse))
		}
		counts = append(counts, h)
	}
	v.FirstBars = barsOf("first-chart", labels, counts, func(h int) string { f := float64(h); return hoursText(l, &f) })
	var weeks []string
	first := make([]*float64, len(d.TimingByWeek))
	acc := make([]*float64, len(d.TimingByWeek))
	for i, t := range d.TimingByWeek {
		weeks = append(weeks, web.FormatDate(l, t.Week))
		first[i], acc[i] = t.FirstResponse, t.Acceptance
		v.WeekFirst = append(v.WeekFirst, hoursText(l, t.FirstResponse))
		v.WeekAcc = append(v.WeekAcc, hoursText(l, t.Acceptance))
	}
	v.WeekLines = linesOf("week-chart", []string{l.T("coordination.first_response"), l.T("coordination.acceptance")},
		[][]*float64{first, acc}, weeks, func(h float64) string { return hoursText(l, &h) })
	m.s.Render.Page(w, r, http.StatusOK, "coordination/dashboard", v, nil)
}

// clockDay is the local day of t as YYYY-MM-DD.
func clockDay(t time.Time) string { return clock.DayOf(t).Format(time.DateOnly) }

// hoursText writes hours with one decimal as the language writes them; a
// dash for none.
func hoursText(l *i18n.Localizer, h *float64) string {
	if h == nil {
		return "–"
	}
	tenths := int64(math.Round(*h * 10))
	return l.T("coordination.hours", "Whole", web.FormatNumber(l, tenths/10), "Tenth", strconv.FormatInt(tenths%10, 10))
}
