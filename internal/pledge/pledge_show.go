package pledge

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// showData is what a pledge's page shows.
type showData struct {
	card
	Paragraphs [][]string
	IsPledger  bool
	IsStaff    bool
	Open       bool // people may sign up now
	Supporters []string
	Signups    []signupRow // the pledger's list, with notes
	Mine       *Signup     // the visitor's own sign-up
	MyOrgs     []organization.Membership
	Questions  []*Question
	MyPending  []*Question  // the visitor's questions waiting for approval
	Report     *blog.Report // the report the visitor may see
	CanReport  bool         // the visitor may write the report now
	Original   *card        // the public pledge this one was copied from
	Copies     int
	FlagURL    string
	Reached    bool
	JSONLD     map[string]any // nil for a pledge not public
}

// signupRow is a sign-up in the pledger's list.
type signupRow struct {
	*Signup
	Name  string // person or organisation; "" for an account that is gone
	Lines []string
}

func (m *Module) show(w http.ResponseWriter, r *http.Request) {
	m.showPage(w, r, http.StatusOK, nil)
}

// showPage draws the pledge of the request; form carries the sign-up or
// question form with its errors.
func (m *Module) showPage(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id := auth.From(ctx)
	p, err := m.Get(ctx, id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	now := m.s.Clock.Now()
	d := showData{card: m.card(ctx, p), Paragraphs: text.Paragraphs(p.Description), Open: p.Open(now),
		FlagURL: moderation.FlagURL("pledge", p.ID), Reached: p.Reached(), JSONLD: m.jsonLD(p)}
	fail := func(err error) { m.s.Render.Error(w, r, err) }
	supporters, err := m.Supporters(ctx, p.ID)
	if err != nil {
		fail(err)
		return
	}
	l := m.localizer(ctx)
	for _, s := range supporters {
		d.Supporters = append(d.Supporters, supporterLabel(l.T, s))
	}
	if d.Questions, err = m.Questions(ctx, p.ID); err != nil {
		fail(err)
		return
	}
	if d.Copies, err = m.CopyCount(ctx, p.ID); err != nil {
		fail(err)
		return
	}
	if p.CopiedFrom != "" {
		if orig, err := m.Get(ctx, id, p.CopiedFrom); err == nil && orig.Public() {
			c := m.card(ctx, orig)
			d.Original = &c
		}
	}
	if rep, err := m.reports.Of(ctx, id, reportKind, p.ID); err == nil {
		d.Report = rep
	} else if !apperr.Is(err, apperr.NotFound) {
		fail(err)
		return
	}
	if id != nil {
		d.IsStaff = id.Staff()
		d.IsPledger = m.isPledger(ctx, p, id.UserID)
		if s, err := m.MySignup(ctx, id.UserID, p.ID); err == nil {
			d.Mine = s
		}
		d.MyOrgs = m.actingFor(r, id.UserID)
		if d.MyPending, err = m.MyQuestions(ctx, id.UserID, p.ID); err != nil {
			fail(err)
			return
		}
		if d.IsPledger {
			signups, err := m.Signups(ctx, id, p.ID)
			if err != nil {
				fail(err)
				return
			}
			names, err := m.names(ctx, signups)
			if err != nil {
				fail(err)
				return
			}
			for _, s := range signups {
				d.Signups = append(d.Signups, signupRow{Signup: s, Name: names[s.ID], Lines: Lines(s.Note)})
			}
		}
		if p.Status == Successful && d.Report == nil {
			_, _, err := m.reportAuthor(ctx, m.s.DB, p, id.UserID)
			d.CanReport = err == nil
		}
	}
	if form == nil {
		form = web.EmptyForm(nil)
	}
	m.s.Render.Page(w, r, status, "pledge/show", d, form)
}

// supporterLabel is how a confirmed sign-up is named in public.
func supporterLabel(t func(string, ...any) string, s Supporter) string {
	switch {
	case s.Anonymous && s.IsOrg && s.Place != "":
		return t("pledge.supporter.anonymous_org_from", "Place", s.Place)
	case s.Anonymous && s.IsOrg:
		return t("pledge.supporter.anonymous_org")
	case s.Anonymous:
		return t("pledge.supporter.anonymous_person")
	case s.Name == "":
		return t("pledge.supporter.deleted")
	}
	return s.Name
}

// pageAction runs a form of a pledge's page: on success it redirects to
// the pledge with a flash; a refusal the person can act on shows the page
// again with the message and what they typed.
func (m *Module) pageAction(w http.ResponseWriter, r *http.Request, flash string,
	do func(id *auth.Identity, pledgeID string, form *web.Form) error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	pledgeID := r.PathValue("id")
	if err := do(id, pledgeID, form); err != nil {
		switch apperr.CodeOf(err) {
		case apperr.Invalid, apperr.Conflict, apperr.RateLimited:
			m.showPage(w, r, form.Fail(err), form)
		default:
			m.s.Render.Error(w, r, err)
		}
		return
	}
	m.s.Render.Redirect(w, r, "/pledges/"+pledgeID, flash)
}

func (m *Module) submit(w http.ResponseWriter, r *http.Request) {
	m.pageAction(w, r, "pledge.submitted", func(id *auth.Identity, pledgeID string, _ *web.Form) error {
		_, err := m.Submit(r.Context(), id, pledgeID)
		return err
	})
}

func (m *Module) revise(w http.ResponseWriter, r *http.Request) {
	m.action(w, r, "pledge.revised", func(id *auth.Identity, pledgeID string, _ *web.Form) (string, error) {
		_, err := m.Revise(r.Context(), id, pledgeID)
		return "/pledges/" + pledgeID + "/edit", err
	})
}

func (m *Module) closeEarly(w http.ResponseWriter, r *http.Request) {
	m.pageAction(w, r, "pledge.closed", func(id *auth.Identity, pledgeID string, _ *web.Form) error {
		_, err := m.Close(r.Context(), id, pledgeID)
		return err
	})
}

func (m *Module) copyPledge(w http.ResponseWriter, r *http.Request) {
	m.action(w, r, "pledge.copied", func(id *auth.Identity, pledgeID string, _ *web.Form) (string, error) {
		p, err := m.Copy(r.Context(), id, pledgeID)
		if err != nil {
			return "", err
		}
		return "/pledges/" + p.ID + "/edit", nil
	})
}

func (m *Module) signUp(w http.ResponseWriter, r *http.Request) {
	m.pageAction(w, r, "pledge.signup.done", func(id *auth.Identity, pledgeID string, f *web.Form) error {
		_, err := m.SignUp(r.Context(), id, pledgeID, SignupInput{OrgID: f.Get("organization_id"), Note: f.Raw("note"),
			Anonymous: f.Checked("anonymous")})
		return err
	})
}

func (m *Module) withdraw(w http.ResponseWriter, r *http.Request) {
	m.pageAction(w, r, "pledge.signup.withdrawn", func(id *auth.Identity, pledgeID string, _ *web.Form) error {
		return m.Withdraw(r.Context(), id, pledgeID)
	})
}

func (m *Module) confirmSignup(w http.ResponseWriter, r *http.Request) {
	m.pageAction(w, r, "pledge.signup.confirmed", func(id *auth.Identity, pledgeID string, _ *web.Form) error {
		_, err := m.ConfirmSignup(r.Context(), id, pledgeID, r.PathValue("sid"))
		return err
	})
}

func (m *Module) declineSignup(w http.ResponseWriter, r *http.Request) {
	m.pageAction(w, r, "pledge.signup.declined", func(id *auth.Identity, pledgeID string, _ *web.Form) error {
		_, err := m.DeclineSignup(r.Context(), id, pledgeID, r.PathValue("sid"))
		return err
	})
}

func (m *Module) ask(w http.ResponseWriter, r *http.Request) {
	m.pageAction(w, r, "pledge.question.asked", func(id *auth.Identity, pledgeID string, f *web.Form) error {
		_, err := m.Ask(r.Context(), id, pledgeID, f.Raw("question"))
		return err
	})
}

// answerData is what the answer page shows.
type answerData struct {
	card
	Question *Question
}

func (m *Module) answerPage(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	q, p, err := m.QuestionToAnswer(r.Context(), id, r.PathValue("id"), r.PathValue("qid"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		form = web.EmptyForm(map[string]string{"answer": q.Answer})
	}
	m.s.Render.Page(w, r, status, "pledge/answer", answerData{card: m.card(r.Context(), p), Question: q}, form)
}

func (m *Module) answerForm(w http.ResponseWriter, r *http.Request) {
	m.answerPage(w, r, http.StatusOK, nil)
}

func (m *Module) answer(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	q, err := m.Answer(r.Context(), id, r.PathValue("id"), r.PathValue("qid"), form.Raw("answer"))
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.answerPage(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/pledges/"+q.PledgeID+"#question-"+q.ID, "pledge.question.answered")
}
