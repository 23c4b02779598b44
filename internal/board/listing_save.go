package board

import (
	"net/http"
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// Lifetimes are the choices of how long a new listing stays open, in days.
var Lifetimes = []int{7, 14, DefaultLifetimeDays, 60, MaxLifetimeDays}

// formPage is what the create and edit pages show besides the form.
type formPage struct {
	Listing    *Listing // nil on the create page
	Action     string
	Categories []taxonomy.Option
	Languages  []string
	Orgs       []organization.Membership // organisations the person may post for
	Lifetimes  []int
	Kinds      []Kind
	Visibility []Visibility
	WhenKinds  []WhenKind
}

// dayLayouts are the ways a day may be typed where the browser has no date
// picker: ISO as date inputs send it, and the German way.
var dayLayouts = []string{time.DateOnly, "02.01.2006", "2.1.2006"}

func parseDay(s string) (*time.Time, bool) {
	if s == "" {
		return nil, true
	}
	for _, layout := range dayLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return &t, true
		}
	}
	return nil, false
}

// draftFrom reads a draft from a posted form; values that are not even a
// number or a day are field errors.
func draftFrom(f *web.Form) (Draft, apperr.Fields) {
	bad := apperr.Fields{}
	d := Draft{
		Kind: Kind(f.Get("kind")), Category: f.Get("category"), Title: f.Get("title"),
		Description: f.Get("description"), ContentLang: f.Get("content_lang"), Languages: f.Values["languages"],
		Postcode: f.Get("postcode"), Place: f.Get("place"), Visibility: Visibility(f.Get("visibility")),
		OrganizationID: f.Get("organization_id"), When: When{Kind: WhenKind(f.Get("when_kind"))},
		ShowName: f.Get("show_name") != "",
	}
	var ok bool
	if d.When.From, ok = parseDay(f.Get("when_from")); !ok {
		bad.Add("when_from", "board.field.date_invalid")
	}
	if d.When.To, ok = parseDay(f.Get("when_to")); !ok {
		bad.Add("when_to", "board.field.date_invalid")
	}
	if s := f.Get("quantity"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			bad.Add("quantity", "board.field.quantity_range")
		} else {
			d.Quantity = &n
		}
	}
	if s := f.Get("lifetime_days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			bad.Add("lifetime_days", "board.field.lifetime_range")
		}
		d.LifetimeDays = n
	}
	return d, bad
}

// formErr adds the draft's own errors to those of reading the form, so
// the page names every mistake at once.
func formErr(d Draft, bad apperr.Fields) error {
	d.normalize()
	if err := d.Validate(); err != nil {
		for k, v := range apperr.As(err).Fields {
			bad.Add(k, v)
		}
	}
	return bad.Err()
}

// draftForm fills a form with a draft's values.
func draftForm(d Draft) *web.Form {
	f := web.EmptyForm(map[string]string{
		"kind": string(d.Kind), "category": d.Category, "title": d.Title, "description": d.Description,
		"content_lang": d.ContentLang, "postcode": d.Postcode, "place": d.Place, "visibility": string(d.Visibility),
		"organization_id": d.OrganizationID, "when_kind": string(whenKindOf(d.When)),
	})
	f.Values["languages"] = append([]string{}, d.Languages...)
	if d.ShowName {
		f.Values.Set("show_name", "1")
	}
	if d.When.From != nil {
		f.Values.Set("when_from", d.When.From.Format(time.DateOnly))
	}
	if d.When.To != nil {
		f.Values.Set("when_to", d.When.To.Format(time.DateOnly))
	}
	if d.Quantity != nil {
		f.Values.Set("quantity", strconv.Itoa(*d.Quantity))
	}
	if d.LifetimeDays > 0 {
		f.Values.Set("lifetime_days", strconv.Itoa(d.LifetimeDays))
	}
	return f
}

// postableOrgs are the organisations the person may post for.
func (m *Module) postableOrgs(r *http.Request, id *auth.Identity) ([]organization.Membership, error) {
	ms, err := m.orgs.Memberships(r.Context(), id.UserID)
	if err != nil {
		return nil, err
	}
	var out []organization.Membership
	for _, mb := range ms {
		if mb.Role == organization.Owner || mb.Role == organization.Editor {
			out = append(out, mb)
		}
	}
	return out, nil
}

func (m *Module) formPage(w http.ResponseWriter, r *http.Request, status int, id *auth.Identity, l *Listing, form *web.Form) {
	orgs, err := m.postableOrgs(r, id)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := formPage{
		Categories: taxonomy.Default().Options(web.Localizer(r.Context()).Lang()), Languages: text.LanguageCodes(),
		Orgs: orgs, Lifetimes: Lifetimes, Kinds: []Kind{Offer, Request}, Visibility: []Visibility{Public, Members, Verified},
		WhenKinds: []WhenKind{WhenNone, WhenDate, WhenRange, WhenRegularly},
	}
	name := "board/listing_new"
	data.Action = "/listings/new"
	if l != nil {
		name, data.Action, data.Listing = "board/listing_edit", "/listings/"+l.ID+"/edit", l
		// Keep the organisation of a listing its editor no longer belongs to.
		if l.OrganizationID != "" && !hasOrg(orgs, l.OrganizationID) {
			if o, err := m.orgs.Get(r.Context(), l.OrganizationID); err == nil {
				data.Orgs = append(data.Orgs, organization.Membership{OrganizationID: o.ID, Name: o.Name, Kind: o.Kind})
			}
		}
	}
	m.s.Render.Page(w, r, status, name, data, form)
}

func hasOrg(ms []organization.Membership, id string) bool {
	for _, mb := range ms {
		if mb.OrganizationID == id {
			return true
		}
	}
	return false
}

func (m *Module) newListing(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	lang := web.Localizer(r.Context()).Lang()
	d := Draft{Kind: Offer, ContentLang: lang, Languages: []string{lang}, Visibility: Public,
		LifetimeDays: DefaultLifetimeDays}
	q := r.URL.Query()
	if k := Kind(q.Get("kind")); k == Offer || k == Request {
		d.Kind = k
	}
	if c := q.Get("category"); taxonomy.Default().Valid(c) {
		d.Category = c
	}
	if o := q.Get("organization_id"); o != "" {
		d.OrganizationID = o
	}
	m.formPage(w, r, http.StatusOK, id, nil, draftForm(d))
}

func (m *Module) createListing(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	d, bad := draftFrom(form)
	if len(bad) > 0 {
		m.formPage(w, r, form.Fail(formErr(d, bad)), id, nil, form)
		return
	}
	l, err := m.Create(r.Context(), id, d)
	if err != nil {
		switch apperr.CodeOf(err) {
		case apperr.Invalid, apperr.RateLimited:
			m.formPage(w, r, form.Fail(err), id, nil, form)
		default:
			m.s.Render.Error(w, r, err)
		}
		return
	}
	flash := "board.listing.created"
	if l.Held {
		flash = "board.listing.created_held"
	}
	m.s.Render.Redirect(w, r, "/listings/"+l.ID, flash)
}

// editable loads the listing of the request for a person who may change
// it: NotFound for those who may not see it, Forbidden for those who see
// but may not manage it, Conflict once it is closed.
func (m *Module) editable(r *http.Request) (*auth.Identity, *Listing, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	l, err := m.Get(r.Context(), id, r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	if !m.canManage(r.Context(), l, id) {
		return nil, nil, apperr.New(apperr.Forbidden, "board.listing.not_yours")
	}
	if l.Closed() {
		return nil, nil, apperr.New(apperr.Conflict, "board.listing.closed")
	}
	return id, l, nil
}

func (m *Module) editListing(w http.ResponseWriter, r *http.Request) {
	id, l, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.formPage(w, r, http.StatusOK, id, l, draftForm(draftOf(l)))
}

func (m *Module) saveListing(w http.ResponseWriter, r *http.Request) {
	id, l, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	d, bad := draftFrom(form)
	if len(bad) > 0 {
		m.formPage(w, r, form.Fail(formErr(d, bad)), id, l, form)
		return
	}
	saved, err := m.Update(r.Context(), id, l.ID, func(Draft) Draft { return d })
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.formPage(w, r, form.Fail(err), id, l, form)
		return
	}
	flash := "board.listing.saved"
	if saved.Held && !l.Held {
		flash = "board.listing.saved_held"
	}
	m.s.Render.Redirect(w, r, "/listings/"+l.ID, flash)
}
