package organization

import (
	"context"
	"net/http"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/web"
)

// adminData is the coordinators' list with who verified each
// organisation, and first the verified ones whose change waits for review.
type adminData struct {
	*listData
	Review    []*Organization
	Verifiers map[string]string // user id → display name
}

// reviewQueueSize bounds the changes the page lists at once.
const reviewQueueSize = 200

// inReview lists the organisations whose change waits for a coordinator,
// oldest first.
func inReview(ctx context.Context, q db.Querier) ([]*Organization, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+orgColumns+
		" FROM organizations WHERE review_since IS NOT NULL ORDER BY review_since, id LIMIT $1", reviewQueueSize)
	return db.Collect(rows, err, func(row db.Scanner) (*Organization, error) { return scanOrg(row) })
}

func (m *Module) admin(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.RequireStaff(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data, err := m.listPage(r, "/admin/organizations")
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	review, err := inReview(r.Context(), m.s.DB)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	var verifiers []string
	for _, o := range append(review, data.Page.Items...) {
		if o.VerifiedBy != "" {
			verifiers = append(verifiers, o.VerifiedBy)
		}
	}
	names, err := m.accounts.Names(r.Context(), verifiers)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "organization/admin", adminData{listData: data, Review: review, Verifiers: names}, nil)
}

func (m *Module) setVerified(w http.ResponseWriter, r *http.Request, verified bool, flash string) {
	actor, err := auth.RequireStaff(r.Context())
	if err == nil {
		_, err = m.SetVerified(r.Context(), actor, r.PathValue("id"), verified)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	m.s.Render.Redirect(w, r, web.SafeNext(form.Get("next"), "/admin/organizations"), flash)
}

func (m *Module) verify(w http.ResponseWriter, r *http.Request) {
	m.setVerified(w, r, true, "organization.verified_now")
}

func (m *Module) unverify(w http.ResponseWriter, r *http.Request) {
	m.setVerified(w, r, false, "organization.unverified_now")
}
