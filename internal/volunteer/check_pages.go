package volunteer

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// checkRoutes registers the background checks' page.
func (m *Module) checkRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /organizations/{id}/background-checks", m.checksPage)
	mux.HandleFunc("POST /organizations/{id}/background-checks", m.recordCheck)
}

// checksPage is what /organizations/{id}/background-checks shows its
// planners: the records and the form to add one.
type checksPage struct {
	OrgID, OrgName string
	Checks         []BackgroundCheck
	Roster         []RosterEntry
	Today          time.Time
}

func (m *Module) checksPage(w http.ResponseWriter, r *http.Request) {
	m.renderChecks(w, r, http.StatusOK, web.EmptyForm(map[string]string{"valid_years": "5"}))
}

func (m *Module) renderChecks(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &checksPage{OrgID: r.PathValue("id"), Today: m.s.Clock.Now()}
	data.Checks, err = m.Checks(ctx, id, data.OrgID)
	if err == nil {
		data.Roster, err = m.Roster(ctx, id, data.OrgID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	o, err := m.orgs.Get(ctx, data.OrgID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data.OrgName = o.Name
	m.s.Render.Page(w, r, status, "volunteer/checks", data, form)
}

func (m *Module) recordCheck(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	orgID := r.PathValue("id")
	if err := m.planRoster(r.Context(), id, orgID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	bad := apperr.Fields{}
	in := CheckInput{UserID: form.Get("user_id"), Conviction: form.Get("conviction") == "yes"}
	if c := form.Get("conviction"); c != "yes" && c != "no" {
		bad.Add("conviction", "volunteer.check.conviction_required")
	}
	for _, f := range []struct {
		name string
		to   *time.Time
	}{{"issued_on", &in.IssuedOn}, {"seen_on", &in.SeenOn}} {
		if d, ok := parseDay(form.Get(f.name)); !ok {
			bad.Add(f.name, "volunteer.field.date_invalid")
		} else if d != nil {
			*f.to = *d
		}
	}
	if s := form.Get("valid_years"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			bad.Add("valid_years", "volunteer.check.years_range")
			n = -1
		}
		in.ValidYears = n
	}
	if len(bad) > 0 {
		err = bad.Err()
	} else {
		_, err = m.RecordCheck(r.Context(), id, orgID, in)
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderChecks(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+orgID+"/background-checks", "volunteer.check.recorded")
}

// CheckOut is a background check record.
type CheckOut struct {
	UserID     string `json:"user_id" format:"uuid"`
	Name       string `json:"name"`
	IssuedOn   string `json:"issued_on" format:"date"`
	SeenOn     string `json:"seen_on" format:"date"`
	SeenBy     string `json:"seen_by" doc:"The name of who saw it."`
	Conviction bool   `json:"conviction" doc:"Whether it shows a relevant conviction."`
	ValidUntil string `json:"valid_until" format:"date" doc:"The first day it no longer counts."`
	Valid      bool   `json:"valid" doc:"Whether it allows tasks that require a check today."`
}

func checkOut(c BackgroundCheck, now time.Time) CheckOut {
	return CheckOut{UserID: c.UserID, Name: c.Name, IssuedOn: c.IssuedOn.Format(dayLayout), SeenOn: c.SeenOn.Format(dayLayout),
		SeenBy: c.SeenByName, Conviction: c.Conviction, ValidUntil: c.ValidUntil.Format(dayLayout), Valid: c.Valid(now)}
}

// ChecksOutput lists an organisation's check records.
type ChecksOutput struct {
	Body struct {
		Checks []CheckOut `json:"checks"`
	}
}

// CheckOutput is one check record.
type CheckOutput struct {
	Body CheckOut
}

// CheckRecordInput records a check.
type CheckRecordInput struct {
	ID   string `path:"id" doc:"The organisation's id (a UUID)."`
	Body struct {
		UserID     string `json:"user_id" format:"uuid" doc:"A volunteer on the organisation's roster."`
		IssuedOn   string `json:"issued_on" format:"date"`
		SeenOn     string `json:"seen_on" format:"date"`
		Conviction bool   `json:"conviction"`
		ValidYears int    `json:"valid_years,omitempty" minimum:"1" maximum:"10" doc:"Default 5, from the date of issue."`
	}
}

func (m *Module) checkAPI(a huma.API) {
	tags := []string{"Volunteering"}
	huma.Register(a, huma.Operation{
		OperationID: "list-background-checks", Method: http.MethodGet, Path: api.Prefix + "/organizations/{id}/background-checks",
		Tags: tags, Summary: "List an organisation's background check records", Security: api.Secured,
		Description: "For the organisation's owners and editors, and coordinators. Only what § 72a (5) SGB VIII allows.",
	}, m.apiChecks)
	huma.Register(a, huma.Operation{
		OperationID: "record-background-check", Method: http.MethodPost, Path: api.Prefix + "/organizations/{id}/background-checks",
		Tags: tags, Summary: "Record a seen background check", Security: api.Secured, DefaultStatus: http.StatusCreated,
	}, m.apiRecordCheck)
}

func (m *Module) apiChecks(ctx context.Context, in *OrgPath) (*ChecksOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	checks, err := m.Checks(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ChecksOutput{}
	out.Body.Checks = []CheckOut{}
	for _, c := range checks {
		out.Body.Checks = append(out.Body.Checks, checkOut(c, m.s.Clock.Now()))
	}
	return out, nil
}

func (m *Module) apiRecordCheck(ctx context.Context, in *CheckRecordInput) (*CheckOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	issued, ok1 := parseDay(in.Body.IssuedOn)
	seen, ok2 := parseDay(in.Body.SeenOn)
	if !ok1 || !ok2 || issued == nil || seen == nil {
		return nil, api.Err(ctx, apperr.Field("issued_on", "volunteer.field.date_invalid"))
	}
	c, err := m.RecordCheck(ctx, id, in.ID, CheckInput{UserID: in.Body.UserID, IssuedOn: *issued, SeenOn: *seen,
		Conviction: in.Body.Conviction, ValidYears: in.Body.ValidYears})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CheckOutput{Body: checkOut(c, m.s.Clock.Now())}, nil
}
