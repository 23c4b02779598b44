package blog

import (
	"html/template"
	"io"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/uploads"
	"teilhabe.org/teilhabe/internal/web"
)

// formLimit bounds a posted report with its photos.
const formLimit = MaxPhotos*MaxImageBytes + 1<<20

// formData is what the report form shows.
type formData struct {
	Subject   *Subject
	Words     Words
	Report    *Report // nil when writing a new one
	Action    string
	Languages []i18n.Language
	MaxPhotos int
}

func (m *Module) formPage(w http.ResponseWriter, r *http.Request, status int, k Kind, s *Subject, rep *Report, action string, form *web.Form) {
	name := "blog/report_new"
	if rep != nil {
		name = "blog/report_edit"
	}
	m.s.Render.Page(w, r, status, name, formData{Subject: s, Words: k.Words, Report: rep, Action: action,
		Languages: i18n.Languages, MaxPhotos: MaxPhotos}, form)
}

// writable loads the owner of the request (its id the path's "id") for a
// person who may write its report.
func (m *Module) writable(r *http.Request, kind string) (*auth.Identity, Kind, *Subject, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, Kind{}, nil, err
	}
	k, err := m.kind(kind)
	if err != nil {
		return nil, Kind{}, nil, err
	}
	if _, err := k.Owner.Writer(r.Context(), m.s.DB, r.PathValue("id"), id); err != nil {
		return nil, Kind{}, nil, err
	}
	s, err := k.Owner.About(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, Kind{}, nil, err
	}
	return id, k, s, nil
}

// WriteForm is the page on which people write the report of an owner of
// the kind, for the owner's module to serve at its own address (its id
// the path's "id"); a report already written is shown instead.
func (m *Module) WriteForm(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, k, s, err := m.writable(r, kind)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		if rep, err := m.Of(r.Context(), id, kind, r.PathValue("id")); err == nil {
			http.Redirect(w, r, "/blog/"+rep.ID, http.StatusSeeOther)
			return
		}
		m.formPage(w, r, http.StatusOK, k, s, nil, r.URL.Path, web.EmptyForm(map[string]string{"content_lang": s.Lang}))
	}
}

// WriteReport takes the report form posted to the owner's address.
func (m *Module) WriteReport(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, k, s, err := m.writable(r, kind)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		var rep *Report
		form, err := m.readForm(w, r, func(in Input, photos []io.Reader) error {
			rep, err = m.Write(r.Context(), id, kind, r.PathValue("id"), in, photos)
			return err
		})
		if err != nil {
			m.failed(w, r, err, k, s, nil, r.URL.Path, form)
			return
		}
		flash := k.Words.Waiting
		if rep.Published() {
			flash = "blog.published"
		}
		m.s.Render.Redirect(w, r, "/blog/"+rep.ID, flash)
	}
}

// readForm reads the posted report form and hands it with its photos to
// save; the form comes back for showing it again.
func (m *Module) readForm(w http.ResponseWriter, r *http.Request, save func(Input, []io.Reader) error) (*web.Form, error) {
	form, files, err := uploads.ReadForm(w, r, formLimit, "photos")
	if err != nil {
		return form, err
	}
	photos, closeAll, err := uploads.OpenAll(files["photos"])
	defer closeAll()
	if err != nil {
		return form, err
	}
	return form, save(Input{Title: form.Get("title"), Body: form.Raw("text"), Lang: form.Get("content_lang")}, photos)
}

// failed shows the form again on invalid input, the error page otherwise.
func (m *Module) failed(w http.ResponseWriter, r *http.Request, err error, k Kind, s *Subject, rep *Report, action string, form *web.Form) {
	if !apperr.Is(err, apperr.Invalid) {
		m.s.Render.Error(w, r, err)
		return
	}
	m.formPage(w, r, form.Fail(err), k, s, rep, action, form)
}

// reportData is what a report's page shows.
type reportData struct {
	Report   *Report
	Words    Words
	Owner    template.HTML // the owner's section
	Author   string
	Confirms bool
	IsAuthor bool
	IsStaff  bool
	FlagURL  string
}

func (m *Module) reportShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := auth.From(ctx)
	rep, err := m.Get(ctx, id, r.PathValue("id"))
	var k Kind
	if err == nil {
		k, err = m.kind(rep.OwnerKind)
	}
	d := reportData{Report: rep, Words: k.Words}
	if err == nil {
		d.Owner, err = k.Owner.Section(ctx, rep.OwnerID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	d.Author, d.FlagURL = m.author(ctx, rep), moderation.FlagURL("report", rep.ID)
	if id != nil {
		d.Confirms, d.IsAuthor, d.IsStaff = k.Owner.Confirms(ctx, rep.OwnerID, id.UserID), rep.AuthorID == id.UserID, id.Staff()
	}
	m.s.Render.Page(w, r, http.StatusOK, "blog/report", d, nil)
}

// editable loads the report of the request, with its owner, for its
// author or whoever confirms it.
func (m *Module) editable(r *http.Request) (*auth.Identity, *Report, Kind, *Subject, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, Kind{}, nil, err
	}
	rep, k, _, err := m.changeable(r.Context(), m.s.DB, id, r.PathValue("id"))
	if err != nil {
		return nil, nil, Kind{}, nil, err
	}
	s, err := k.Owner.About(r.Context(), rep.OwnerID)
	if err != nil {
		return nil, nil, Kind{}, nil, err
	}
	return id, rep, k, s, nil
}

func (m *Module) reportEditForm(w http.ResponseWriter, r *http.Request) {
	_, rep, k, s, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.formPage(w, r, http.StatusOK, k, s, rep, r.URL.Path, web.EmptyForm(map[string]string{"title": rep.Title, "text": rep.Body,
		"content_lang": rep.Lang}))
}

func (m *Module) reportSave(w http.ResponseWriter, r *http.Request) {
	id, rep, k, s, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form, err := m.readForm(w, r, func(in Input, photos []io.Reader) error {
		saved, err := m.Update(r.Context(), id, rep.ID, in, photos)
		if err == nil {
			rep = saved
		}
		return err
	})
	if err != nil {
		if current, err := m.Get(r.Context(), id, rep.ID); err == nil {
			rep = current // the photos stored now
		}
		m.failed(w, r, err, k, s, rep, r.URL.Path, form)
		return
	}
	flash := "blog.saved"
	if !rep.Published() {
		flash = k.Words.Waiting
	}
	m.s.Render.Redirect(w, r, "/blog/"+rep.ID, flash)
}

// act runs a change of the report of the request and goes to next with
// the flash message.
func (m *Module) act(w http.ResponseWriter, r *http.Request, next, flash string, change func(id *auth.Identity, reportID string) error) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = change(id, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/blog/"+r.PathValue("id")+next, flash)
}

func (m *Module) reportRemovePhoto(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "/edit", "blog.photo_removed", func(id *auth.Identity, reportID string) error {
		return m.RemovePhoto(r.Context(), id, reportID, r.PathValue("upload"))
	})
}

func (m *Module) reportConfirm(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "", "blog.published", func(id *auth.Identity, reportID string) error {
		_, err := m.Confirm(r.Context(), id, reportID)
		return err
	})
}

func (m *Module) reportFeature(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "", "blog.featured_now", func(id *auth.Identity, reportID string) error {
		return m.SetFeatured(r.Context(), id, reportID, true)
	})
}

func (m *Module) reportUnfeature(w http.ResponseWriter, r *http.Request) {
	m.act(w, r, "", "blog.unfeatured_now", func(id *auth.Identity, reportID string) error {
		return m.SetFeatured(r.Context(), id, reportID, false)
	})
}
