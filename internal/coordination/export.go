package coordination

import (
	"net/http"
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/csvx"
)

// exportHeader names the CSV's columns: one row per figure, the columns a
// figure does not use left empty.
var exportHeader = []string{"figure", "region", "category", "week", "count", "answered", "accepted",
	"median_first_response_hours", "median_acceptance_hours", "period_from", "period_to"}

// exportCSV writes the dashboard's figures of a period and region: open
// requests by category and by district, requests unanswered after 3 and 7
// days, and the timings by category and by week.
func (m *Module) exportCSV(w http.ResponseWriter, r *http.Request) {
	d, _, err := m.figuresOf(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	region := d.Area.Region
	from, to := clockDay(d.From), clockDay(d.To.Add(-time.Second))
	name := "coordination-" + from + "-" + to
	if region != "" {
		name += "-" + region
	}
	out := csvx.Attach(w, name+".csv")
	row := func(figure, reg, category, week string, count int, rest ...string) {
		rec := append([]string{figure, reg, category, week, strconv.Itoa(count)}, rest...)
		for len(rec) < len(exportHeader)-2 {
			rec = append(rec, "")
		}
		out.Write(append(rec, from, to))
	}
	out.Write(exportHeader)
	for _, c := range d.OpenByCat {
		row("open_by_category", region, c.Category, "", c.Count)
	}
	for _, rc := range d.OpenByArea {
		reg := rc.Region
		if reg == Unassigned {
			reg = "unassigned"
		}
		row("open_by_region", reg, "", "", rc.Count)
	}
	for _, wt := range d.Waiting {
		row("unanswered_after_"+strconv.Itoa(wt.Days)+"_days", region, "", "", wt.Total)
	}
	timing := func(figure string, t Timing, week string) {
		row(figure, region, t.Category, week, t.Requests, strconv.Itoa(t.Answered), strconv.Itoa(t.Accepted),
			hoursCell(t.FirstResponse), hoursCell(t.Acceptance))
	}
	for _, t := range d.TimingByCat {
		timing("timing_by_category", t, "")
	}
	for _, t := range d.TimingByWeek {
		timing("timing_by_week", t, t.Week.Format(time.DateOnly))
	}
	out.Flush()
}

// hoursCell is a median in hours with a decimal point, empty for none.
func hoursCell(h *float64) string {
	if h == nil {
		return ""
	}
	return strconv.FormatFloat(*h, 'f', 1, 64)
}
