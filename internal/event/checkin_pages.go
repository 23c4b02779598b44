package event

import (
	"net/http"
	"strconv"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/csvx"
	"teilhabe.org/teilhabe/internal/web"
)

// checkinRoutes: the organisers' list at the door, and the participants
// as CSV.
func (m *Module) checkinRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /events/{id}/checkin", m.checkinPage)
	mux.HandleFunc("POST /events/{id}/checkin", m.checkin)
	mux.HandleFunc("GET /events/{id}/participants.csv", m.participantsCSV)
}

// checkinPageData is what the list at the door shows: the registered of
// the date, each with a button, and a field for a code.
type checkinPageData struct {
	Event        *Event
	Participants []Participant // the registered, not those waiting
	Open         bool          // people can be checked in now
	Done         *Participant  // who was just checked in
}

// checkinPath is the list at the door of the date d.
func checkinPath(d *Event) string {
	if d.Repeat.Repeats() {
		return "/events/" + d.ID + "/checkin?date=" + d.Date
	}
	return "/events/" + d.ID + "/checkin"
}

func (m *Module) renderCheckin(w http.ResponseWriter, r *http.Request, status int, id *auth.Identity, eventID, day string,
	done *Participant, form *web.Form) {
	d, ps, err := m.ParticipantsOf(r.Context(), id, eventID, day)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &checkinPageData{Event: d, Open: d.checkinOpen(m.s.Clock.Now()), Done: done}
	for _, p := range ps {
		if p.Status == capacity.Registered {
			data.Participants = append(data.Participants, p)
		}
	}
	m.s.Render.Page(w, r, status, "event/checkin", data, form)
}

func (m *Module) checkinPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.renderCheckin(w, r, http.StatusOK, id, r.PathValue("id"), r.URL.Query().Get("date"), nil, web.EmptyForm(nil))
}

func (m *Module) checkin(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	day := form.Get("date")
	d, p, err := m.CheckIn(r.Context(), id, r.PathValue("id"), day, form.Get("registration"), form.Get("code"))
	if apperr.Is(err, apperr.Invalid) {
		m.renderCheckin(w, r, form.Fail(err), id, r.PathValue("id"), day, nil, form)
		return
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	// The list again, with who came on top: no redirect, so a phone at
	// the door needs one request per person.
	m.renderCheckin(w, r, http.StatusOK, id, d.ID, d.Date, &p, web.EmptyForm(nil))
}

// participantsCSV is the list of participants of a date as a download:
// name, status, places, organisation, and the e-mail address of those
// who agreed to share it.
func (m *Module) participantsCSV(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	d, ps, err := m.ParticipantsOf(r.Context(), id, r.PathValue("id"), r.URL.Query().Get("date"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	l := web.Localizer(r.Context())
	out := csvx.Attach(w, "participants-"+d.day()+".csv")
	_ = out.Write([]string{l.T("event.participants.name"), l.T("event.participants.status"), l.T("event.csv.places"),
		l.T("event.csv.organization"), l.T("event.csv.email")})
	for _, p := range ps {
		status := l.T("event.participants.status." + p.StatusName())
		if p.Status == capacity.Waiting {
			status = l.T("event.participants.waiting", "Position", p.Position)
		}
		_ = out.Write([]string{p.Name, status, strconv.Itoa(p.Places), p.OrgName, p.Email})
	}
	if err := out.Flush(); err != nil {
		m.s.Log.Warn("participants csv", "err", err)
	}
}
