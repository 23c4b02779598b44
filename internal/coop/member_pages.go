package coop

import (
	"net/http"
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/csvx"
	"teilhabe.org/teilhabe/internal/web"
)

func (m *Module) memberRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /coops/{id}/apply", m.applyPage)
	mux.HandleFunc("POST /coops/{id}/apply", m.apply_)
	mux.HandleFunc("GET /coops/{id}/applications", m.applicationsPage)
	mux.HandleFunc("POST /coops/{id}/applications/{aid}/admit", m.admit)
	mux.HandleFunc("POST /coops/{id}/applications/{aid}/reject", m.reject)
	mux.HandleFunc("GET /coops/{id}/members", m.membersPage)
	mux.HandleFunc("GET /coops/{id}/members.csv", m.membersCSV)
	mux.HandleFunc("POST /coops/{id}/members/new", m.recordMember)
	mux.HandleFunc("POST /coops/{id}/members/{mid}/end", m.endMembership)
	mux.HandleFunc("POST /coops/{id}/offices", m.addOffice)
	mux.HandleFunc("POST /coops/{id}/offices/{oid}/end", m.endOffice)
	mux.HandleFunc("GET /coops/{id}/shares", m.sharesPage)
	mux.HandleFunc("POST /coops/{id}/shares", m.book)
	mux.HandleFunc("GET /coops/{id}/founding", m.foundingPage)
	mux.HandleFunc("POST /coops/{id}/founding", m.markStep)
}

// applyPage shows the statutes' data and the declaration before the form.
type applyPage struct {
	Coop        *Coop
	Declaration string
}

func (m *Module) showApply(w http.ResponseWriter, r *http.Request, status int, c *Coop, form *web.Form) {
	shares, _ := strconv.Atoi(form.Get("shares"))
	if shares < c.SharesRequired {
		shares = c.SharesRequired
	}
	name := form.Get("name")
	if name == "" {
		name = "…"
	}
	m.s.Render.Page(w, r, status, "coop/apply", &applyPage{Coop: c, Declaration: c.Declaration(name, shares)}, form)
}

func (m *Module) applyPage(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, err := m.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.showApply(w, r, http.StatusOK, c, web.EmptyForm(map[string]string{"shares": strconv.Itoa(c.SharesRequired)}))
}

func (m *Module) apply_(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, err := m.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	bad := apperr.Fields{}
	d := ApplicationDraft{Name: form.Get("name"), Address: form.Get("address"), Shares: intField(form, bad, "shares"),
		Investing: form.Checked("investing"), StatutesSeen: form.Checked("statutes_seen"), Declare: form.Checked("declare")}
	if len(bad) > 0 {
		m.showApply(w, r, form.Fail(bad.Err()), c, form)
		return
	}
	if _, err := m.Apply(r.Context(), id, c.ID, d, web.Localizer(r.Context()).Lang()); err != nil {
		if apperr.Is(err, apperr.Invalid) || apperr.Is(err, apperr.Conflict) {
			m.showApply(w, r, form.Fail(err), c, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+c.ID, "coop.apply.done")
}

type applicationsPage struct {
	Coop         *Coop
	Applications []*Application
}

func (m *Module) applicationsPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, as, err := m.Applications(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "coop/applications", &applicationsPage{Coop: c, Applications: as}, nil)
}

func (m *Module) admit(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		_, err = m.Admit(r.Context(), id, r.PathValue("id"), r.PathValue("aid"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+r.PathValue("id")+"/applications", "coop.admitted")
}

func (m *Module) reject(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.Reject(r.Context(), id, r.PathValue("id"), r.PathValue("aid"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+r.PathValue("id")+"/applications", "coop.rejected")
}

// asOf reads the list's day from ?as_of=, today when absent.
func (m *Module) asOf(r *http.Request) (time.Time, error) {
	s := r.URL.Query().Get("as_of")
	if s == "" {
		return m.today(), nil
	}
	t, ok := parseFormDay(s)
	if !ok {
		return t, apperr.Field("as_of", "coop.field.day")
	}
	return t, nil
}

// membersPage is the member list as of a day.
type membersPage struct {
	Coop     *Coop
	AsOf     time.Time
	Entries  []Entry
	Standing Standing
	Members  int // members on the day
	Reasons  []LeaveReason
}

func (m *Module) membersPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.EmptyForm(map[string]string{"as_of": r.URL.Query().Get("as_of")})
	asOf, err := m.asOf(r)
	if err != nil {
		// Who may not see the list learns nothing from a wrong day either.
		if c, e := m.Get(ctx, r.PathValue("id")); e == nil {
			if st, e := m.standingIn(ctx, c, id); e == nil && st.SeesList() {
				m.s.Render.Page(w, r, form.Fail(err), "coop/members", &membersPage{Coop: c, Standing: st, AsOf: m.today()}, form)
				return
			}
		}
		m.s.Render.Error(w, r, apperr.New(apperr.Forbidden, "coop.list.forbidden"))
		return
	}
	c, list, err := m.MemberList(ctx, id, r.PathValue("id"), asOf, "page")
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	st, err := m.standingIn(ctx, c, id)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &membersPage{Coop: c, AsOf: asOf, Entries: list, Standing: st, Reasons: []LeaveReason{Notice, Exclusion, Death}}
	for _, e := range list {
		if e.LeftOn == nil {
			data.Members++
		}
	}
	form.Values.Set("as_of", day(asOf))
	m.s.Render.Page(w, r, http.StatusOK, "coop/members", data, form)
}

// membersCSV is the list as of a day for the board and supervisory board
// (members inspect it on the page and get copies of their own entries).
func (m *Module) membersCSV(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	asOf, err := m.asOf(r)
	if err == nil {
		err = m.writeCSV(w, r, id, r.PathValue("id"), asOf)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
	}
}

func (m *Module) writeCSV(w http.ResponseWriter, r *http.Request, id *auth.Identity, coopID string, asOf time.Time) error {
	c, err := m.Get(r.Context(), coopID)
	if err != nil {
		return err
	}
	st, err := m.standingIn(r.Context(), c, id)
	if err != nil {
		return err
	}
	if !st.Board && !st.Supervisory {
		return apperr.New(apperr.Forbidden, "coop.list.forbidden")
	}
	_, list, err := m.MemberList(r.Context(), id, coopID, asOf, "csv")
	if err != nil {
		return err
	}
	out := csvx.Attach(w, "mitgliederliste-"+day(asOf)+".csv")
	writeList(out, list)
	return out.Flush()
}

// writeList writes the list with German headings: the list is a legal
// document (§ 30 GenG).
func writeList(out *csvx.Writer, list []Entry) {
	_ = out.Write([]string{"Nr.", "Name", "Anschrift", "Geschäftsanteile", "Investierend", "Eintritt", "Austritt", "Grund", "Vermerk"})
	for _, e := range list {
		left := ""
		if e.LeftOn != nil {
			left = day(*e.LeftOn)
		}
		investing := "nein"
		if e.Investing {
			investing = "ja"
		}
		_ = out.Write([]string{strconv.Itoa(e.Number), e.Name, e.Address, strconv.Itoa(e.Shares), investing, day(e.JoinedOn),
			left, reasonGerman[e.Reason], e.Note})
	}
}

var reasonGerman = map[LeaveReason]string{Notice: "Kündigung (§ 65 GenG)", Exclusion: "Ausschluss (§ 68 GenG)",
	Death: "Tod (§ 77 GenG)", Transfer: "Übertragung des Geschäftsguthabens (§ 76 GenG)"}

func (m *Module) recordMember(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	bad := apperr.Fields{}
	d := MemberDraft{Name: form.Get("name"), Address: form.Get("address"), Shares: intField(form, bad, "shares"),
		Investing: form.Checked("investing"), Lang: form.Get("lang"), Kind: form.Get("kind")}
	if err := bad.Err(); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if _, err := m.RecordMember(r.Context(), id, r.PathValue("id"), d); err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.sharesForm(w, r, form.Fail(err), id, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+r.PathValue("id")+"/members", "coop.member.recorded")
}

func (m *Module) endMembership(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	died, _ := parseFormDay(form.Get("died_on"))
	_, err = m.End(r.Context(), id, r.PathValue("id"), r.PathValue("mid"), LeaveReason(form.Get("reason")), died, form.Get("note"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+r.PathValue("id"), "coop.member.ended")
}

func (m *Module) addOffice(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		form := web.NewForm(r)
		err = m.AddOffice(r.Context(), id, r.PathValue("id"), form.Get("member_id"), form.Get("office"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+r.PathValue("id"), "coop.office.added")
}

func (m *Module) endOffice(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.EndOffice(r.Context(), id, r.PathValue("id"), r.PathValue("oid"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+r.PathValue("id"), "coop.office.ended")
}

// sharesPage is the share journal, and for the board the forms that book
// and record members.
type sharesPage struct {
	Coop     *Coop
	Entries  []ShareEntry
	Members  []Entry // today's members, for the forms
	Standing Standing
}

func (m *Module) sharesForm(w http.ResponseWriter, r *http.Request, status int, id *auth.Identity, form *web.Form) {
	c, es, err := m.ShareJournal(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	st, err := m.standingIn(r.Context(), c, id)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &sharesPage{Coop: c, Entries: es, Standing: st}
	if st.Board {
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
	}
	m.s.Render.Page(w, r, status, "coop/shares", data, form)
}

func (m *Module) sharesPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.sharesForm(w, r, http.StatusOK, id, web.EmptyForm(map[string]string{"booked_on": day(m.today())}))
}

func (m *Module) book(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	bad := apperr.Fields{}
	d := ShareDraft{Kind: form.Get("kind"), MemberID: form.Get("member_id"), ToID: form.Get("to_id"), Note: form.Get("note")}
	if s := form.Get("shares"); s != "" {
		d.Shares = intField(form, bad, "shares")
	}
	if s := form.Get("amount"); s != "" {
		d.Cents = centsField(form, bad, "amount")
	}
	if s := form.Get("booked_on"); s != "" {
		t, ok := parseFormDay(s)
		if !ok {
			bad.Add("booked_on", "coop.field.day")
		}
		d.BookedOn = t
	}
	err = bad.Err()
	if err == nil {
		err = m.Book(r.Context(), id, r.PathValue("id"), d)
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.sharesForm(w, r, form.Fail(err), id, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+r.PathValue("id")+"/shares", "coop.shares.booked")
}
