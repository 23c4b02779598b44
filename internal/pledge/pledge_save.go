package pledge

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/uploads"
	"teilhabe.org/teilhabe/internal/web"
)

// formLimit bounds a posted pledge form with its picture.
const formLimit = MaxImageBytes + 1<<20

// formData is what the create and edit pages show besides the form.
type formData struct {
	Pledge     *Pledge // nil on the create page
	Action     string
	Orgs       []organization.Membership // organisations the person may pledge for
	Categories []option
	Languages  []i18n.Language
	ImageURL   string
}

// termsForm fills a form with terms.
func termsForm(t Terms) *web.Form {
	needed := ""
	if t.Needed > 0 {
		needed = strconv.Itoa(t.Needed)
	}
	f := web.EmptyForm(map[string]string{
		"organization_id": t.OrgID, "promise": t.Promise, "needed": needed, "who": t.Who, "condition": t.Condition,
		"deadline": DayOf(t.Deadline), "postcode": t.Postcode, "place": t.Place, "category": t.Category,
		"description": t.Description, "content_lang": t.Lang,
	})
	if t.AutoConfirm {
		f.Values.Set("auto_confirm", "1")
	}
	return f
}

// termsFrom reads terms from a posted form; a number or date that does
// not parse is a field error, collected in fields.
func termsFrom(f *web.Form, fields apperr.Fields) Terms {
	t := Terms{OrgID: f.Get("organization_id"), Promise: f.Get("promise"), Who: f.Get("who"), Condition: f.Get("condition"),
		Postcode: f.Get("postcode"), Place: f.Get("place"), Category: f.Get("category"), Description: f.Raw("description"),
		Lang: f.Get("content_lang"), AutoConfirm: f.Checked("auto_confirm")}
	if s := f.Get("needed"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			fields.Add("needed", "pledge.needed.not_a_number")
		}
		t.Needed = n
	}
	if s := f.Get("deadline"); s != "" {
		d, ok := ParseDay(s)
		if !ok {
			fields.Add("deadline", "pledge.deadline.not_a_date")
		}
		t.Deadline = d
	}
	return t
}

// mergeFields adds the parse errors to a validation error.
func mergeFields(err error, fields apperr.Fields) error {
	if len(fields) == 0 {
		return err
	}
	if err != nil {
		for k, v := range apperr.As(err).Fields {
			fields.Add(k, v)
		}
	}
	return fields.Err()
}

func (m *Module) formPage(w http.ResponseWriter, r *http.Request, status int, p *Pledge, form *web.Form) {
	id := auth.From(r.Context())
	name, action := "pledge/new", "/pledges/new"
	data := formData{Pledge: p, Categories: categoryOptions(m.localizer(r.Context()).Lang()), Languages: i18n.Languages}
	if p != nil {
		name, action = "pledge/edit", "/pledges/"+p.ID+"/edit"
		if p.ImageID != "" {
			data.ImageURL = "/uploads/" + p.ImageID
		}
	}
	data.Action = action
	if id != nil {
		data.Orgs = m.actingFor(r, id.UserID)
	}
	m.s.Render.Page(w, r, status, name, data, form)
}

// actingFor lists the organisations the person may act for.
func (m *Module) actingFor(r *http.Request, userID string) []organization.Membership {
	ms, err := m.orgs.Memberships(r.Context(), userID)
	if err != nil {
		return nil
	}
	var out []organization.Membership
	for _, o := range ms {
		if o.Role == organization.Owner || o.Role == organization.Editor {
			out = append(out, o)
		}
	}
	return out
}

func (m *Module) newForm(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	t := Terms{Needed: 1, Lang: m.localizer(r.Context()).Lang(),
		Deadline: clock.EndOfDay(m.s.Clock.Now().Add(30 * 24 * time.Hour))}
	if orgs := m.actingFor(r, id.UserID); len(orgs) > 0 {
		t.OrgID = orgs[0].OrganizationID
	}
	m.formPage(w, r, http.StatusOK, nil, termsForm(t))
}

// savePosted reads the posted pledge form and hands its terms and picture
// (nil for none) to save; the form comes back for showing it again.
func (m *Module) savePosted(w http.ResponseWriter, r *http.Request, id *auth.Identity,
	save func(t Terms, image io.Reader) (*Pledge, error)) (*web.Form, *Pledge, error) {
	form, files, err := uploads.ReadForm(w, r, formLimit, "image")
	if err != nil {
		return form, nil, err
	}
	fields := apperr.Fields{}
	t := termsFrom(form, fields)
	images, closeAll, err := uploads.OpenAll(files["image"][:min(len(files["image"]), 1)])
	defer closeAll()
	if err == nil && len(fields) > 0 {
		err = mergeFields(m.validate(r.Context(), &t, id.UserID, m.s.Clock.Now()), fields)
	}
	if err != nil {
		return form, nil, err
	}
	var image io.Reader
	if len(images) > 0 {
		image = images[0]
	}
	p, err := save(t, image)
	return form, p, err
}

// afterSave submits the pledge when the person pressed "save and submit".
func (m *Module) afterSave(w http.ResponseWriter, r *http.Request, id *auth.Identity, p *Pledge, form *web.Form, flash string) {
	if form.Get("then") == "submit" {
		if _, err := m.Submit(r.Context(), id, p.ID); err != nil {
			m.s.Render.Flash(r.Context(), apperr.MessageID(err))
			m.s.Render.Redirect(w, r, "/pledges/"+p.ID, "")
			return
		}
		flash = "pledge.submitted"
	}
	m.s.Render.Redirect(w, r, "/pledges/"+p.ID, flash)
}

func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form, p, err := m.savePosted(w, r, id, func(t Terms, image io.Reader) (*Pledge, error) {
		return m.Create(r.Context(), id, t, image)
	})
	if err != nil {
		m.formPage(w, r, form.Fail(err), nil, form)
		return
	}
	m.afterSave(w, r, id, p, form, "pledge.created")
}

// pledgerDraft loads a pledge for its pledger's edit page.
func (m *Module) pledgerDraft(r *http.Request) (*auth.Identity, *Pledge, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	p, err := m.editable(r.Context(), m.s.DB, id, r.PathValue("id"), false)
	if err != nil {
		return nil, nil, err
	}
	return id, p, nil
}

func (m *Module) editForm(w http.ResponseWriter, r *http.Request) {
	_, p, err := m.pledgerDraft(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.formPage(w, r, http.StatusOK, p, termsForm(p.Terms))
}

func (m *Module) save(w http.ResponseWriter, r *http.Request) {
	id, p, err := m.pledgerDraft(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form, p, err := m.savePosted(w, r, id, func(t Terms, image io.Reader) (*Pledge, error) {
		return m.Update(r.Context(), id, p.ID, func(Terms) Terms { return t }, image)
	})
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		current, _ := m.Get(r.Context(), id, r.PathValue("id"))
		m.formPage(w, r, form.Fail(err), current, form)
		return
	}
	m.afterSave(w, r, id, p, form, "pledge.saved")
}

func (m *Module) removeImage(w http.ResponseWriter, r *http.Request) {
	m.action(w, r, "pledge.image.removed", func(id *auth.Identity, pledgeID string, _ *web.Form) (string, error) {
		return "/pledges/" + pledgeID + "/edit", m.RemoveImage(r.Context(), id, pledgeID)
	})
}

func (m *Module) deleteDraft(w http.ResponseWriter, r *http.Request) {
	m.action(w, r, "pledge.deleted", func(id *auth.Identity, pledgeID string, _ *web.Form) (string, error) {
		return "/me/pledges", m.Delete(r.Context(), id, pledgeID)
	})
}

// action runs a button of a pledge's page: on success it redirects where
// do says with a flash; a refusal shows the error page.
func (m *Module) action(w http.ResponseWriter, r *http.Request, flash string,
	do func(id *auth.Identity, pledgeID string, form *web.Form) (string, error)) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	pledgeID := strings.ToLower(r.PathValue("id"))
	target, err := do(id, pledgeID, form)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, target, flash)
}
