package pledge

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// adminData is the coordinators' page: pledges to approve, questions to
// approve, and pledges still without a report after the reminder.
type adminData struct {
	Queue         []card
	Questions     []adminQuestion
	WithoutReport []card
}

// adminQuestion is a question with the pledge it is about.
type adminQuestion struct {
	*Question
	Pledge *card
}

func (m *Module) admin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if _, err := auth.RequireStaff(ctx); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	queue, err := m.Queue(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	questions, err := m.PendingQuestions(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	without, err := m.WithoutReport(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := adminData{Queue: m.cards(ctx, queue), WithoutReport: m.cards(ctx, without)}
	for _, q := range questions {
		aq := adminQuestion{Question: q}
		if p, err := pledgeByID(ctx, m.s.DB, q.PledgeID); err == nil {
			c := m.card(ctx, p)
			aq.Pledge = &c
		}
		data.Questions = append(data.Questions, aq)
	}
	m.s.Render.Page(w, r, http.StatusOK, "pledge/admin", data, nil)
}

// staffAction runs a coordinator's button and returns to next (the admin
// page by default).
func (m *Module) staffAction(w http.ResponseWriter, r *http.Request, flash string, do func(id *auth.Identity) error) {
	id, err := auth.RequireStaff(r.Context())
	if err == nil {
		err = do(id)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	m.s.Render.Redirect(w, r, web.SafeNext(form.Get("next"), "/admin/pledges"), flash)
}

func (m *Module) approve(w http.ResponseWriter, r *http.Request) {
	m.staffAction(w, r, "pledge.approved", func(id *auth.Identity) error {
		_, err := m.Approve(r.Context(), id, r.PathValue("id"))
		return err
	})
}

func (m *Module) approveQuestion(w http.ResponseWriter, r *http.Request) {
	m.staffAction(w, r, "pledge.question.approved", func(id *auth.Identity) error {
		_, err := m.DecideQuestion(r.Context(), id, r.PathValue("qid"), true)
		return err
	})
}

func (m *Module) rejectQuestion(w http.ResponseWriter, r *http.Request) {
	m.staffAction(w, r, "pledge.question.rejected", func(id *auth.Identity) error {
		_, err := m.DecideQuestion(r.Context(), id, r.PathValue("qid"), false)
		return err
	})
}

func (m *Module) declinePage(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	id, err := auth.RequireStaff(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	p, err := m.Get(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		form = web.EmptyForm(nil)
	}
	m.s.Render.Page(w, r, status, "pledge/decline", m.card(r.Context(), p), form)
}

func (m *Module) declineForm(w http.ResponseWriter, r *http.Request) {
	m.declinePage(w, r, http.StatusOK, nil)
}

func (m *Module) decline(w http.ResponseWriter, r *http.Request) {
	id, err := auth.RequireStaff(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if _, err := m.Decline(r.Context(), id, r.PathValue("id"), form.Raw("reason")); err != nil {
		if apperr.Is(err, apperr.Invalid) || apperr.Is(err, apperr.Conflict) {
			m.declinePage(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/admin/pledges", "pledge.declined")
}
