package coop

import (
	"net/http"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/web"
)

func (m *Module) assemblyRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /coops/{id}/assemblies/new", m.conveneePage)
	mux.HandleFunc("POST /coops/{id}/assemblies/new", m.convene)
	mux.HandleFunc("GET /assemblies/{id}", m.assemblyPage)
	mux.HandleFunc("POST /assemblies/{id}/attend", m.attendPost)
	mux.HandleFunc("POST /assemblies/{id}/checkin", m.checkIn)
	mux.HandleFunc("POST /assemblies/{id}/proxies", m.giveProxy)
	mux.HandleFunc("POST /assemblies/{id}/proxies/revoke", m.revokeProxy)
	mux.HandleFunc("POST /assemblies/{id}/motions", m.addMotion)
	mux.HandleFunc("POST /assemblies/{id}/close", m.closeAssembly)
	mux.HandleFunc("GET /assemblies/{id}/minutes", m.minutesPage)
	mux.HandleFunc("GET /assemblies/{id}/minutes.pdf", m.minutesPDF)
	mux.HandleFunc("POST /assemblies/{id}/minutes/confirm", m.confirmMinutes)
	mux.HandleFunc("POST /motions/{id}/vote", m.vote)
	mux.HandleFunc("POST /motions/{id}/close", m.closeMotion)
	mux.HandleFunc("POST /motions/{id}/enter", m.enterVote)
}

type convenePage struct {
	Coop    *Coop
	Kinds   []string
	Formats []Format
	Members []Entry
}

func (m *Module) showConvene(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, _, err := m.asBoard(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &convenePage{Coop: c, Kinds: AssemblyKinds, Formats: Formats}
	_, list, err := m.members(r.Context(), c)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, e := range list {
		if e.LeftOn == nil {
			data.Members = append(data.Members, e)
		}
	}
	m.s.Render.Page(w, r, status, "coop/convene", data, form)
}

func (m *Module) conveneePage(w http.ResponseWriter, r *http.Request) {
	start := clock.Local(m.s.Clock.Now().Add(inviteAhead + 24*time.Hour))
	m.showConvene(w, r, http.StatusOK, web.EmptyForm(map[string]string{"kind": "ordinary", "format": "hybrid",
		"start_date": start.Format(dayLayout), "start_time": "18:00"}))
}

// parseStart reads a local day and time.
func parseStart(form *web.Form, bad apperr.Fields) time.Time {
	d, ok := parseFormDay(form.Get("start_date"))
	if !ok {
		bad.Add("start_date", "coop.field.day")
		return time.Time{}
	}
	hm, err := time.Parse("15:04", form.Get("start_time"))
	if err != nil {
		bad.Add("start_time", "coop.field.time")
		return time.Time{}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hm.Hour(), hm.Minute(), 0, 0, clock.Zone).UTC()
}

func (m *Module) convene(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	bad := apperr.Fields{}
	d := AssemblyDraft{Kind: form.Get("kind"), Format: Format(form.Get("format")), StartsAt: parseStart(form, bad),
		Place: form.Get("place"), OnlineURL: form.Get("online_url"), ChairID: form.Get("chair_id"), KeeperID: form.Get("keeper_id"),
		Agenda: strings.Split(form.Get("agenda"), "\n")}
	err = bad.Err()
	var a *Assembly
	if err == nil {
		a, err = m.Convene(r.Context(), id, r.PathValue("id"), d)
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			if ae := apperr.As(err); ae.Fields["starts_at"] != "" {
				ae.Fields["start_date"] = ae.Fields["starts_at"]
			}
			m.showConvene(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/assemblies/"+a.ID, "coop.assembly.convened")
}

// assemblyPage is an assembly for its members and boards.
type assemblyPage struct {
	*AssemblyView
	Now        time.Time
	Open       bool
	Kinds      []ResolutionKind
	Principals []Proxy
}

func (m *Module) showAssembly(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	v, err := m.View(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	now := m.s.Clock.Now()
	m.s.Render.Page(w, r, status, "coop/assembly", &assemblyPage{AssemblyView: v, Now: now, Open: v.Open(now),
		Kinds: ResolutionKinds}, form)
}

func (m *Module) assemblyPage(w http.ResponseWriter, r *http.Request) {
	m.showAssembly(w, r, http.StatusOK, web.EmptyForm(nil))
}

// act runs an action of the assembly page and goes back to it.
func (m *Module) act(w http.ResponseWriter, r *http.Request, back, flash string, fn func(id *auth.Identity, form *web.Form) error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if err := fn(id, web.NewForm(r)); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, back, flash)
}

func (m *Module) attendPost(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "/assemblies/"+r.PathValue("id"), "coop.assembly.attending", func(id *auth.Identity, _ *web.Form) error {
		return m.Attend(r.Context(), id, r.PathValue("id"))
	})
}

func (m *Module) checkIn(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "/assemblies/"+r.PathValue("id"), "coop.assembly.checked_in", func(id *auth.Identity, f *web.Form) error {
		return m.CheckIn(r.Context(), id, r.PathValue("id"), f.Get("member_id"))
	})
}

func (m *Module) giveProxy(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "/assemblies/"+r.PathValue("id"), "coop.proxy.given", func(id *auth.Identity, f *web.Form) error {
		_, err := m.GiveProxy(r.Context(), id, r.PathValue("id"), f.Get("holder_id"))
		return err
	})
}

func (m *Module) revokeProxy(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "/assemblies/"+r.PathValue("id"), "coop.proxy.revoked", func(id *auth.Identity, _ *web.Form) error {
		return m.RevokeProxy(r.Context(), id, r.PathValue("id"))
	})
}

func (m *Module) closeAssembly(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "/assemblies/"+r.PathValue("id"), "coop.assembly.closed_done", func(id *auth.Identity, _ *web.Form) error {
		return m.CloseAssembly(r.Context(), id, r.PathValue("id"))
	})
}

func (m *Module) addMotion(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	_, err = m.AddMotion(r.Context(), id, r.PathValue("id"), MotionDraft{AgendaID: form.Get("agenda_id"), Title: form.Get("title"),
		Body: form.Get("body"), Kind: ResolutionKind(form.Get("kind")), Secret: form.Checked("secret"), SubjectID: form.Get("subject_id")})
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.showAssembly(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/assemblies/"+r.PathValue("id"), "coop.motion.added")
}

func (m *Module) vote(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	mo, err := getMotion(r.Context(), m.s.DB, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if err := m.Cast(r.Context(), id, mo.ID, Choice(form.Get("choice")), form.Get("for")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/assemblies/"+mo.AssemblyID+"#motion-"+mo.ID, "coop.vote.cast")
}

func (m *Module) closeMotion(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	mo, err := m.CloseMotion(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/assemblies/"+mo.AssemblyID+"#motion-"+mo.ID, "coop.motion.closed_done")
}

func (m *Module) minutesPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	mi, err := m.MinutesOf(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "coop/minutes", mi, nil)
}

func (m *Module) confirmMinutes(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "/assemblies/"+r.PathValue("id")+"/minutes", "coop.minutes.confirmed", func(id *auth.Identity, _ *web.Form) error {
		return m.ConfirmMinutes(r.Context(), id, r.PathValue("id"))
	})
}

func (m *Module) enterVote(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	mo, err := getMotion(r.Context(), m.s.DB, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if err := m.EnterVote(r.Context(), id, mo.ID, form.Get("member_id"), Choice(form.Get("choice"))); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/assemblies/"+mo.AssemblyID+"#motion-"+mo.ID, "coop.vote.entered")
}
