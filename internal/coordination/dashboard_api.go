package coordination

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// DashboardInput is the region and period of the dashboard.
type DashboardInput struct {
	Region string `query:"region" pattern:"^([0-9]{2}|[0-9]{3}|[0-9]{5}|[0-9]{8})?$" doc:"An official municipality key (AGS): a state (2 digits), government district (3), district (5) or municipality (8). Empty: the caller's regions, or the whole country for coordinators without any."`
	All    bool   `query:"all" doc:"Show a region outside the caller's regions (or the whole country), to read only."`
	From   string `query:"from" format:"date" doc:"The period's first day (Europe/Berlin); default: the Monday 25 weeks before this week's."`
	To     string `query:"to" format:"date" doc:"The period's last day, included; default: today."`
}

// DashboardOutput is the figures as JSON.
type DashboardOutput struct {
	Body DashboardJSON
}

// DashboardJSON is the dashboard's figures.
type DashboardJSON struct {
	Region       string            `json:"region" doc:"The region asked for; empty for the caller's own."`
	Regions      []string          `json:"regions" doc:"The region keys the figures cover; empty for the whole country."`
	Everything   bool              `json:"everything" doc:"The whole country, requests without a region included."`
	ReadOnly     bool              `json:"read_only" doc:"The area lies outside the caller's regions."`
	From         time.Time         `json:"from"`
	To           time.Time         `json:"to" doc:"The end of the period, excluded."`
	Open         int               `json:"open" doc:"Open requests now."`
	Unassigned   int               `json:"unassigned" doc:"Open requests that cannot be placed in a region."`
	ByCentre     int               `json:"placed_by_centre" doc:"Open requests whose postcode spans districts, placed in the district of its centre."`
	OpenByCat    []CountJSON       `json:"open_by_category"`
	OpenByRegion []RegionCountJSON `json:"open_by_region" doc:"By district, most first; the unassigned last with an empty region."`
	Unanswered   []WaitingJSON     `json:"unanswered"`
	ByCategory   []TimingJSON      `json:"timing_by_category" doc:"Requests created in the period."`
	ByWeek       []TimingJSON      `json:"timing_by_week" doc:"Requests created in each week of the period (weeks start on Monday, Europe/Berlin)."`
}

// CountJSON is a count of a top-level category.
type CountJSON struct {
	Category string `json:"category"`
	Count    int    `json:"count"`
}

// RegionCountJSON is a count of a district.
type RegionCountJSON struct {
	Region   string `json:"region" doc:"The five-digit district key; empty for the unassigned."`
	Name     string `json:"name"`
	Count    int    `json:"count"`
	ByCentre int    `json:"placed_by_centre"`
}

// WaitingJSON is the open requests without any response after some days.
type WaitingJSON struct {
	Days     int               `json:"days"`
	Total    int               `json:"total"`
	Requests []WaitingItemJSON `json:"requests" doc:"The oldest first, at most 50."`
}

// WaitingItemJSON is one request waiting for a response.
type WaitingItemJSON struct {
	ID        string    `json:"id" format:"uuid"`
	Title     string    `json:"title"`
	Category  string    `json:"category"`
	Postcode  string    `json:"postcode"`
	CreatedAt time.Time `json:"created_at"`
	Link      string    `json:"link" doc:"The page to act on it."`
}

// TimingJSON is how fast requests were answered and accepted.
type TimingJSON struct {
	Category      string   `json:"category,omitempty"`
	Week          string   `json:"week,omitempty" format:"date" doc:"The week's Monday."`
	Requests      int      `json:"requests"`
	Answered      int      `json:"answered"`
	Accepted      int      `json:"accepted"`
	FirstResponse *float64 `json:"median_first_response_hours" doc:"Median hours to the first response; null without any."`
	Acceptance    *float64 `json:"median_acceptance_hours" doc:"Median hours to the first accepted response; null without any."`
}

func (m *Module) dashboardAPI(a huma.API) {
	huma.Register(a, huma.Operation{
		OperationID: "get-coordination-dashboard", Method: http.MethodGet, Path: api.Prefix + "/coordination/dashboard",
		Tags: []string{"Coordination"}, Summary: "Get the coordination dashboard's figures",
		Description: "Coordinators and administrators only. A coordinator with regions sees them; another region only with all=true.",
		Security:    api.Secured,
	}, m.apiDashboard)
}

func (m *Module) apiDashboard(ctx context.Context, in *DashboardInput) (*DashboardOutput, error) {
	actor, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	from, to, err := ParsePeriod(m.s.Clock.Now(), in.From, in.To)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	d, err := m.Figures(ctx, actor, in.Region, in.All, from, to)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &DashboardOutput{Body: dashboardJSON(d)}, nil
}

func dashboardJSON(d *Dashboard) DashboardJSON {
	out := DashboardJSON{Region: d.Area.Region, Regions: append([]string{}, d.Area.Regions...), Everything: d.Area.Everything,
		ReadOnly: d.Area.ReadOnly, From: d.From, To: d.To, Open: d.Open, Unassigned: d.Unassigned, ByCentre: d.ByCentre,
		OpenByCat: []CountJSON{}, OpenByRegion: []RegionCountJSON{}, Unanswered: []WaitingJSON{}}
	for _, c := range d.OpenByCat {
		out.OpenByCat = append(out.OpenByCat, CountJSON{Category: c.Category, Count: c.Count})
	}
	for _, r := range d.OpenByArea {
		out.OpenByRegion = append(out.OpenByRegion, RegionCountJSON{Region: r.Region, Name: r.Name, Count: r.Count, ByCentre: r.ByCentre})
	}
	for _, w := range d.Waiting {
		wj := WaitingJSON{Days: w.Days, Total: w.Total, Requests: []WaitingItemJSON{}}
		for _, r := range w.Requests {
			wj.Requests = append(wj.Requests, WaitingItemJSON{ID: r.ID, Title: r.Title, Category: r.Category,
				Postcode: r.Postcode, CreatedAt: r.CreatedAt, Link: r.Link})
		}
		out.Unanswered = append(out.Unanswered, wj)
	}
	timing := func(t Timing, week string) TimingJSON {
		return TimingJSON{Category: t.Category, Week: week, Requests: t.Requests, Answered: t.Answered,
			Accepted: t.Accepted, FirstResponse: t.FirstResponse, Acceptance: t.Acceptance}
	}
	out.ByCategory, out.ByWeek = []TimingJSON{}, []TimingJSON{}
	for _, t := range d.TimingByCat {
		out.ByCategory = append(out.ByCategory, timing(t, ""))
	}
	for _, t := range d.TimingByWeek {
		out.ByWeek = append(out.ByWeek, timing(t, t.Week.Format(time.DateOnly)))
	}
	return out
}
