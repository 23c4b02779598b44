package event

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// barcampRoutes registers the barcamp's pages. A session's calendar file
// is /events/{id}/sessions/{sid}.ics, served by the session page's
// handler (a wildcard fills a whole segment).
func (m *Module) barcampRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /events/{id}/barcamp", m.setupPage)
	mux.HandleFunc("POST /events/{id}/barcamp/rooms", m.addRoom)
	mux.HandleFunc("POST /events/{id}/barcamp/rooms/{rid}/delete", m.removeRoom)
	mux.HandleFunc("POST /events/{id}/barcamp/slots", m.addSlot)
	mux.HandleFunc("POST /events/{id}/barcamp/slots/{slid}/delete", m.removeSlot)
	mux.HandleFunc("POST /events/{id}/barcamp/votes", m.setVotes)
	mux.HandleFunc("GET /events/{id}/sessions", m.sessionsPage)
	mux.HandleFunc("GET /events/{id}/sessions/new", m.proposePage)
	mux.HandleFunc("POST /events/{id}/sessions/new", m.propose)
	mux.HandleFunc("GET /events/{id}/sessions/{sid}", m.sessionPage)
	mux.HandleFunc("GET /events/{id}/sessions/{sid}/edit", m.editSessionPage)
	mux.HandleFunc("POST /events/{id}/sessions/{sid}/edit", m.editSession)
	mux.HandleFunc("POST /events/{id}/sessions/{sid}/withdraw", m.withdrawSession)
	mux.HandleFunc("POST /events/{id}/sessions/{sid}/vote", m.vote)
	mux.HandleFunc("POST /events/{id}/sessions/{sid}/unvote", m.unvote)
	mux.HandleFunc("POST /events/{id}/sessions/{sid}/notes", m.addNote)
	mux.HandleFunc("GET /events/{id}/schedule", m.schedulePage)
	mux.HandleFunc("GET /events/{id}/schedule/edit", m.scheduleEditPage)
	mux.HandleFunc("POST /events/{id}/schedule/propose", m.proposeSchedulePost)
	mux.HandleFunc("POST /events/{id}/schedule/place", m.placeSession)
	mux.HandleFunc("POST /events/{id}/schedule/publish", m.publishSchedule)
}

// sessionView is a session as pages show it: its hosts' names, its room
// and slot, and what the viewer may do with it.
type sessionView struct {
	*Session
	HostNames  []string
	Room       *Room
	Slot       *Slot
	Voted      bool
	CanEdit    bool
	Paragraphs [][]string // the description's paragraphs and lines
}

// views names the hosts of the sessions (one lookup) and adds what the
// viewer did and may do.
func (m *Module) views(ctx context.Context, e *Event, b *Camp, sessions []*Session, viewer *auth.Identity) ([]*sessionView, error) {
	var hosts []string
	for _, s := range sessions {
		hosts = append(hosts, s.Hosts...)
	}
	names, err := m.names(ctx, hosts)
	if err != nil {
		return nil, err
	}
	var voted []string
	if viewer != nil {
		if voted, err = m.VotesOf(ctx, e.ID, viewer.UserID); err != nil {
			return nil, err
		}
	}
	manage := m.canManage(ctx, e, viewer)
	out := make([]*sessionView, len(sessions))
	for i, s := range sessions {
		v := &sessionView{Session: s, Voted: slices.Contains(voted, s.ID), Paragraphs: text.Paragraphs(s.Description),
			CanEdit: manage || (viewer != nil && s.ProposedBy == viewer.UserID)}
		for _, h := range s.Hosts {
			v.HostNames = append(v.HostNames, names[h])
		}
		if r, ok := b.room(s.RoomID); ok {
			v.Room = &r
		}
		if sl, ok := b.slot(s.SlotID); ok {
			v.Slot = &sl
		}
		out[i] = v
	}
	return out, nil
}

// campPage is what every barcamp page knows of the camp and the viewer.
type campPage struct {
	Event       *Event
	Camp        *Camp
	CanManage   bool
	Participant bool // registered (or organising): may propose, vote, write notes
	Open        bool // proposals and votes are taken
}

func (m *Module) campPageOf(ctx context.Context, e *Event, b *Camp, viewer *auth.Identity) campPage {
	return campPage{Event: e, Camp: b, CanManage: m.canManage(ctx, e, viewer),
		Participant: m.takesPartIn(ctx, m.s.DB, e, viewer), Open: e.takesPart(m.s.Clock.Now())}
}

// sessionsPage is what /events/{id}/sessions shows: the proposals, the
// most voted first, with the viewer's votes.
type sessionsPage struct {
	campPage
	Sessions  []*sessionView
	VotesLeft int
}

func (m *Module) sessionsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, b, sessions, err := m.Camp(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	viewer := auth.From(ctx)
	data := &sessionsPage{campPage: m.campPageOf(ctx, e, b, viewer), VotesLeft: b.VotesEach}
	if data.Sessions, err = m.views(ctx, e, b, sessions, viewer); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, s := range data.Sessions {
		if s.Voted {
			data.VotesLeft--
		}
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/barcamp_sessions", data, nil)
}

// sessionPage is what a session's page shows: the session, its place in
// the published schedule and the participants' notes.
type sessionPage struct {
	campPage
	Session *sessionView
	Notes   []noteView
}

type noteView struct {
	Author string
	HTML   template.HTML
	At     time.Time
}

func (m *Module) sessionPage(w http.ResponseWriter, r *http.Request) {
	sid := r.PathValue("sid")
	if id, ok := strings.CutSuffix(sid, ".ics"); ok {
		m.sessionCalendar(w, r, r.PathValue("id"), id)
		return
	}
	m.showSession(w, r, http.StatusOK, web.EmptyForm(nil))
}

func (m *Module) showSession(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	e, b, s, notes, err := m.Session(ctx, r.PathValue("id"), r.PathValue("sid"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	viewer := auth.From(ctx)
	views, err := m.views(ctx, e, b, []*Session{s}, viewer)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &sessionPage{campPage: m.campPageOf(ctx, e, b, viewer), Session: views[0]}
	authors := make([]string, len(notes))
	for i, n := range notes {
		authors[i] = n.AuthorID
	}
	names, err := m.names(ctx, authors)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, n := range notes {
		data.Notes = append(data.Notes, noteView{Author: names[n.AuthorID], HTML: blog.RenderMarkdown(n.Body), At: n.CreatedAt})
	}
	m.s.Render.Page(w, r, status, "event/barcamp_session", data, form)
}

// proposePage is the form that proposes or changes a session.
type proposePage struct {
	campPage
	Session   *Session // nil when proposing
	Action    string
	Formats   []Format
	Languages []string
	Fellows   []fellow // the participants who may co-host
}

type fellow struct{ ID, Name string }

// fellows are the registered participants but the proposer, by name.
func (m *Module) fellows(ctx context.Context, e *Event, proposer string) ([]fellow, error) {
	claims, err := capacity.List(ctx, m.s.DB, poolOf(e))
	if err != nil {
		return nil, err
	}
	var holders []string
	for _, c := range claims {
		if c.Status == capacity.Registered && c.Holder != proposer {
			holders = append(holders, c.Holder)
		}
	}
	names, err := m.names(ctx, holders)
	if err != nil {
		return nil, err
	}
	out := make([]fellow, 0, len(holders))
	for _, h := range holders {
		out = append(out, fellow{ID: h, Name: names[h]})
	}
	slices.SortStableFunc(out, func(a, b fellow) int { return strings.Compare(text.Fold(a.Name), text.Fold(b.Name)) })
	return out, nil
}

func (m *Module) proposeForm(w http.ResponseWriter, r *http.Request, status int, e *Event, b *Camp, s *Session, form *web.Form) {
	ctx := r.Context()
	viewer := auth.From(ctx)
	data := &proposePage{campPage: m.campPageOf(ctx, e, b, viewer), Session: s, Action: "/events/" + e.ID + "/sessions/new",
		Formats: Formats, Languages: text.LanguageCodes()}
	proposer := viewer.UserID
	if s != nil {
		data.Action = "/events/" + e.ID + "/sessions/" + s.ID + "/edit"
		proposer = s.ProposedBy
	}
	var err error
	if data.Fellows, err = m.fellows(ctx, e, proposer); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, "event/barcamp_propose", data, form)
}

// proposalFrom reads a proposal from a posted form.
func proposalFrom(f *web.Form) Proposal {
	return Proposal{Title: f.Get("title"), Description: f.Raw("description"), Lang: f.Get("lang"),
		Format: Format(f.Get("format")), CoHosts: f.Values["co_hosts"]}
}

func proposalForm(s *Session) *web.Form {
	f := web.EmptyForm(map[string]string{"title": s.Title, "description": s.Description, "lang": s.Lang,
		"format": string(s.Format)})
	if len(s.Hosts) > 1 {
		f.Values["co_hosts"] = slices.Clone(s.Hosts[1:])
	}
	return f
}

func (m *Module) proposePage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	e, b, _, err := m.Camp(r.Context(), r.PathValue("id"))
	if err == nil && !m.takesPartIn(r.Context(), m.s.DB, e, id) {
		err = apperr.New(apperr.Forbidden, "barcamp.participants_only")
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	lang := web.Localizer(r.Context()).Lang()
	m.proposeForm(w, r, http.StatusOK, e, b, nil, web.EmptyForm(map[string]string{"lang": lang, "format": string(Talk)}))
}

func (m *Module) propose(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	s, err := m.Propose(r.Context(), id, r.PathValue("id"), proposalFrom(form))
	if err != nil {
		m.failProposal(w, r, err, nil, form)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+s.EventID+"/sessions/"+s.ID, "barcamp.session.proposed")
}

// failProposal draws the form again for a mistake, the error page
// otherwise.
func (m *Module) failProposal(w http.ResponseWriter, r *http.Request, err error, s *Session, form *web.Form) {
	if apperr.CodeOf(err) == apperr.Invalid || apperr.CodeOf(err) == apperr.RateLimited || apperr.CodeOf(err) == apperr.Conflict {
		e, b, _, cerr := m.Camp(r.Context(), r.PathValue("id"))
		if cerr == nil {
			m.proposeForm(w, r, form.Fail(err), e, b, s, form)
			return
		}
	}
	m.s.Render.Error(w, r, err)
}

// ownSession loads the session of the request for whoever may change it.
func (m *Module) ownSession(r *http.Request) (*Event, *Camp, *Session, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, nil, err
	}
	e, b, s, _, err := m.Session(r.Context(), r.PathValue("id"), r.PathValue("sid"))
	if err != nil {
		return nil, nil, nil, err
	}
	if !m.mayEditSession(r.Context(), e, s, id) {
		return nil, nil, nil, apperr.New(apperr.Forbidden, "barcamp.session.not_yours")
	}
	return e, b, s, nil
}

func (m *Module) editSessionPage(w http.ResponseWriter, r *http.Request) {
	e, b, s, err := m.ownSession(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.proposeForm(w, r, http.StatusOK, e, b, s, proposalForm(s))
}

func (m *Module) editSession(w http.ResponseWriter, r *http.Request) {
	_, _, s, err := m.ownSession(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if _, err := m.EditSession(r.Context(), auth.From(r.Context()), s.EventID, s.ID, proposalFrom(form)); err != nil {
		m.failProposal(w, r, err, s, form)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+s.EventID+"/sessions/"+s.ID, "barcamp.session.saved")
}

func (m *Module) withdrawSession(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.WithdrawSession(r.Context(), id, r.PathValue("id"), r.PathValue("sid"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+r.PathValue("id")+"/sessions", "barcamp.session.withdrawn")
}

// back is where a vote's form sends the person: the page they voted on.
func back(r *http.Request) string {
	eventID := r.PathValue("id")
	if r.PostFormValue("from") == "session" {
		return "/events/" + eventID + "/sessions/" + r.PathValue("sid")
	}
	return "/events/" + eventID + "/sessions"
}

func (m *Module) vote(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.Vote(r.Context(), id, r.PathValue("id"), r.PathValue("sid"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, back(r), "barcamp.vote.given")
}

func (m *Module) unvote(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.Unvote(r.Context(), id, r.PathValue("id"), r.PathValue("sid"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, back(r), "barcamp.vote.taken_back")
}

func (m *Module) addNote(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if _, err := m.AddNote(r.Context(), id, r.PathValue("id"), r.PathValue("sid"), form.Raw("body")); err != nil {
		if apperr.Is(err, apperr.Invalid) || apperr.Is(err, apperr.RateLimited) {
			m.showSession(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+r.PathValue("id")+"/sessions/"+r.PathValue("sid")+"#notes", "barcamp.note.added")
}

// setupPage is what the organisers see at /events/{id}/barcamp: rooms,
// slots and the votes each participant has, each with its form.
type setupPage struct {
	campPage
}

// organised loads the camp of the request for its organisers.
func (m *Module) organised(r *http.Request) (*Event, *Camp, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	e, err := m.manageable(r.Context(), m.s.DB, id, r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	if e.Kind != Barcamp {
		return nil, nil, apperr.New(apperr.NotFound, "barcamp.not_a_barcamp")
	}
	b, err := getBarcamp(r.Context(), m.s.DB, e.ID)
	return e, b, err
}

func (m *Module) setupPage(w http.ResponseWriter, r *http.Request) {
	e, b, err := m.organised(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.setup(w, r, http.StatusOK, e, b, m.setupForm(e, b))
}

// setupForm fills the slot form with the camp's first day and the votes.
func (m *Module) setupForm(e *Event, b *Camp) *web.Form {
	return web.EmptyForm(map[string]string{"start_date": clock.DayOf(e.Start).Format("2006-01-02"),
		"votes": strconv.Itoa(b.VotesEach)})
}

func (m *Module) setup(w http.ResponseWriter, r *http.Request, status int, e *Event, b *Camp, form *web.Form) {
	data := &setupPage{campPage: m.campPageOf(r.Context(), e, b, auth.From(r.Context()))}
	m.s.Render.Page(w, r, status, "event/barcamp_setup", data, form)
}

// afterSetup answers a setup form: back to the page, or the page again
// with the mistake beside its field and every value kept.
func (m *Module) afterSetup(w http.ResponseWriter, r *http.Request, form *web.Form, err error, flash string) {
	if err == nil {
		m.s.Render.Redirect(w, r, "/events/"+r.PathValue("id")+"/barcamp", flash)
		return
	}
	if apperr.Is(err, apperr.Invalid) {
		if e, b, lerr := m.organised(r); lerr == nil {
			if form.Get("votes") == "" {
				form.Values.Set("votes", strconv.Itoa(b.VotesEach))
			}
			m.setup(w, r, form.Fail(err), e, b, form)
			return
		}
	}
	m.s.Render.Error(w, r, err)
}

func (m *Module) addRoom(w http.ResponseWriter, r *http.Request) {
	form := web.NewForm(r)
	id, err := auth.Require(r.Context())
	if err == nil {
		size, cerr := strconv.Atoi(form.Get("size"))
		if cerr != nil {
			size = -1
		}
		_, err = m.AddRoom(r.Context(), id, r.PathValue("id"), Room{Name: form.Get("name"), Size: size})
	}
	m.afterSetup(w, r, form, err, "barcamp.room.added")
}

func (m *Module) removeRoom(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.RemoveRoom(r.Context(), id, r.PathValue("id"), r.PathValue("rid"))
	}
	m.afterSetup(w, r, web.NewForm(r), err, "barcamp.room.removed")
}

func (m *Module) addSlot(w http.ResponseWriter, r *http.Request) {
	form := web.NewForm(r)
	id, err := auth.Require(r.Context())
	if err == nil {
		bad := apperr.Fields{}
		startDay, _ := parseDay(form.Get("start_date"))
		s := Slot{Start: momentFrom(form, bad, "start", false, nil), End: momentFrom(form, bad, "end", false, startDay)}
		if err = bad.Err(); err == nil {
			_, err = m.AddSlot(r.Context(), id, r.PathValue("id"), s)
		}
	}
	m.afterSetup(w, r, form, err, "barcamp.slot.added")
}

func (m *Module) removeSlot(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.RemoveSlot(r.Context(), id, r.PathValue("id"), r.PathValue("slid"))
	}
	m.afterSetup(w, r, web.NewForm(r), err, "barcamp.slot.removed")
}

func (m *Module) setVotes(w http.ResponseWriter, r *http.Request) {
	form := web.NewForm(r)
	id, err := auth.Require(r.Context())
	if err == nil {
		n, cerr := strconv.Atoi(form.Get("votes"))
		if cerr != nil {
			n = -1
		}
		err = m.SetVotesEach(r.Context(), id, r.PathValue("id"), n)
	}
	m.afterSetup(w, r, form, err, "barcamp.votes.saved")
}

// schedulePage is the public schedule: per slot, the sessions in each
// room, and the camp's figures once it is over.
type schedulePage struct {
	campPage
	Rows    []scheduleRow
	Over    bool
	Figures Figures
}

type scheduleRow struct {
	Slot  Slot
	Cells []*sessionView // one per room, nil for an empty room
}

// grid lays the placed sessions out by slot and room.
func grid(b *Camp, views []*sessionView) []scheduleRow {
	rows := make([]scheduleRow, len(b.Slots))
	for i, sl := range b.Slots {
		rows[i] = scheduleRow{Slot: sl, Cells: make([]*sessionView, len(b.Rooms))}
		for j, room := range b.Rooms {
			for _, v := range views {
				if v.SlotID == sl.ID && v.RoomID == room.ID {
					rows[i].Cells[j] = v
				}
			}
		}
	}
	return rows
}

func (m *Module) schedulePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, b, sessions, err := m.Camp(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	viewer := auth.From(ctx)
	data := &schedulePage{campPage: m.campPageOf(ctx, e, b, viewer), Over: !e.Upcoming(m.s.Clock.Now())}
	views, err := m.views(ctx, e, b, sessions, viewer)
	if err == nil && data.Over {
		data.Figures, err = m.CampFigures(ctx, e, b, sessions)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if b.Published != nil {
		data.Rows = grid(b, views)
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/barcamp_schedule", data, nil)
}

// scheduleEditPage is the organisers' schedule: the grid as it stands
// (published or not) and a form per session to move it.
type scheduleEditPage struct {
	campPage
	Rows     []scheduleRow
	Sessions []*sessionView
	Cells    []cellOption
	Clash    *Clash // why the last move was refused
	ClashFor string // the name of the host it names
}

type cellOption struct {
	Value string // "<room id>/<slot id>"
	Slot  Slot
	Room  Room
}

func (m *Module) scheduleEditPage(w http.ResponseWriter, r *http.Request) {
	m.scheduleEdit(w, r, http.StatusOK, nil)
}

func (m *Module) scheduleEdit(w http.ResponseWriter, r *http.Request, status int, clash *Clash) {
	ctx := r.Context()
	e, b, err := m.organised(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	sessions, err := listSessions(ctx, m.s.DB, e.ID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	viewer := auth.From(ctx)
	data := &scheduleEditPage{campPage: m.campPageOf(ctx, e, b, viewer), Clash: clash}
	if data.Sessions, err = m.views(ctx, e, b, sessions, viewer); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if clash != nil && clash.Host != "" {
		names, err := m.names(ctx, []string{clash.Host})
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		data.ClashFor = names[clash.Host]
	}
	data.Rows = grid(b, data.Sessions)
	for _, sl := range b.Slots {
		for _, room := range b.Rooms {
			data.Cells = append(data.Cells, cellOption{Value: room.ID + "/" + sl.ID, Slot: sl, Room: room})
		}
	}
	m.s.Render.Page(w, r, status, "event/barcamp_schedule_edit", data, nil)
}

func (m *Module) proposeSchedulePost(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		_, err = m.ProposeSchedule(r.Context(), id, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+r.PathValue("id")+"/schedule/edit", "barcamp.schedule.proposed")
}

// placeSession moves one session: the form names it and the cell
// ("<room id>/<slot id>", or "" to take it out of the schedule).
func (m *Module) placeSession(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	room, slot, _ := strings.Cut(form.Get("cell"), "/")
	err = m.MoveSession(r.Context(), id, r.PathValue("id"), Placement{SessionID: form.Get("session_id"), RoomID: room, SlotID: slot})
	var c *Clash
	if errors.As(err, &c) {
		m.scheduleEdit(w, r, http.StatusConflict, c)
		return
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+r.PathValue("id")+"/schedule/edit", "barcamp.schedule.moved")
}

func (m *Module) publishSchedule(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	publish := r.PostFormValue("publish") != "0"
	if err := m.PublishSchedule(r.Context(), id, r.PathValue("id"), publish); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	flash := "barcamp.schedule.published"
	if !publish {
		flash = "barcamp.schedule.unpublished"
	}
	m.s.Render.Redirect(w, r, "/events/"+r.PathValue("id")+"/schedule/edit", flash)
}
