package pledge

import (
	"context"
	"net/http"
	"net/url"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
)

// listData is what the pledge list shows.
type listData struct {
	Counts     Counts
	Cards      []card
	Filter     Filter
	Categories []option
	NextURL    string
}

func (m *Module) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := Filter{Show: q.Get("show"), Category: q.Get("category"), Place: q.Get("place"), Cursor: q.Get("cursor")}
	page, err := m.List(r.Context(), f)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	counts, err := m.Counts(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	_ = f.normalize()
	data := listData{Counts: counts, Cards: m.cards(r.Context(), page.Items), Filter: f,
		Categories: categoryOptions(m.localizer(r.Context()).Lang())}
	if page.Next != "" {
		v := url.Values{}
		for k, s := range map[string]string{"show": f.Show, "category": f.Category, "place": f.Place, "cursor": page.Next} {
			if s != "" {
				v.Set(k, s)
			}
		}
		data.NextURL = "/pledges?" + v.Encode()
	}
	m.s.Render.Page(w, r, http.StatusOK, "pledge/list", data, nil)
}

// mineData is what /me/pledges shows.
type mineData struct {
	Pledges   []card
	ToConfirm []*blog.Report
	Signups   []mySignup
}

// mySignup is one of the person's sign-ups with its pledge.
type mySignup struct {
	*Signup
	Pledge *card // nil when the pledge is gone or hidden
}

func (m *Module) mine(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	pledges, err := m.Mine(ctx, id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := mineData{Pledges: m.cards(ctx, pledges)}
	if data.ToConfirm, err = m.reportsToConfirm(ctx, pledges); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	signups, byID, err := m.MySignups(ctx, id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, s := range signups {
		ms := mySignup{Signup: s}
		if p := byID[s.PledgeID]; p != nil && m.canSee(ctx, p, id) {
			c := m.card(ctx, p)
			ms.Pledge = &c
		}
		data.Signups = append(data.Signups, ms)
	}
	m.s.Render.Page(w, r, http.StatusOK, "pledge/mine", data, nil)
}

// reportsToConfirm lists the reports waiting for the person as the
// pledger of the pledges.
func (m *Module) reportsToConfirm(ctx context.Context, mine []*Pledge) ([]*blog.Report, error) {
	var successful []string
	for _, p := range mine {
		if p.Status == Successful {
			successful = append(successful, p.ID)
		}
	}
	return m.reports.ToConfirm(ctx, reportKind, successful)
}
