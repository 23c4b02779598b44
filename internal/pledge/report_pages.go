package pledge

import (
	"io"
	"mime/multipart"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/web"
)

// reportFormLimit bounds a posted report with its photos.
const reportFormLimit = MaxPhotos*MaxImageBytes + 1<<20

// reportFormData is what the report form shows.
type reportFormData struct {
	Pledge    card
	Report    *Report // nil when writing a new one
	Action    string
	Languages []i18n.Language
	MaxPhotos int
}

func (m *Module) reportFormPage(w http.ResponseWriter, r *http.Request, status int, p *Pledge, rep *Report, form *web.Form) {
	d := reportFormData{Pledge: m.card(r.Context(), p), Report: rep, Languages: i18n.Languages, MaxPhotos: MaxPhotos}
	name := "pledge/report_new"
	d.Action = "/pledges/" + p.ID + "/report"
	if rep != nil {
		name, d.Action = "pledge/report_edit", "/blog/"+rep.ID+"/edit"
	}
	m.s.Render.Page(w, r, status, name, d, form)
}

// reportable loads the successful pledge of the request for one of the
// people who may write its report.
func (m *Module) reportable(r *http.Request) (*auth.Identity, *Pledge, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	p, err := m.Get(r.Context(), id, r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	if p.Status != Successful {
		return nil, nil, apperr.New(apperr.Conflict, "pledge.report.not_successful")
	}
	if _, _, err := m.reportAuthor(r.Context(), m.s.DB, p, id.UserID); err != nil {
		return nil, nil, err
	}
	return id, p, nil
}

func (m *Module) reportNewForm(w http.ResponseWriter, r *http.Request) {
	id, p, err := m.reportable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if rep, err := m.ReportOf(r.Context(), id, p.ID); err == nil {
		http.Redirect(w, r, "/blog/"+rep.ID, http.StatusSeeOther)
		return
	}
	m.reportFormPage(w, r, http.StatusOK, p, nil, web.EmptyForm(map[string]string{"content_lang": p.Lang}))
}

func (m *Module) reportCreate(w http.ResponseWriter, r *http.Request) {
	id, p, err := m.reportable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form, files, err := multipartForm(w, r, reportFormLimit, "photos")
	if err != nil {
		m.reportFormPage(w, r, form.Fail(err), p, nil, form)
		return
	}
	photos, closeAll, err := openAll(files["photos"])
	var rep *Report
	if err == nil {
		rep, err = m.WriteReport(r.Context(), id, p.ID, reportInput(form), photos)
	}
	closeAll()
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.reportFormPage(w, r, form.Fail(err), p, nil, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	flash := "pledge.report.waiting"
	if rep.Published() {
		flash = "pledge.report.published"
	}
	m.s.Render.Redirect(w, r, "/blog/"+rep.ID, flash)
}

func reportInput(f *web.Form) ReportInput {
	return ReportInput{Title: f.Get("title"), Body: f.Raw("text"), Lang: f.Get("content_lang")}
}

// openAll opens uploaded files; the returned func closes them.
func openAll(fhs []*multipart.FileHeader) ([]io.Reader, func(), error) {
	var readers []io.Reader
	var closers []io.Closer
	closeAll := func() {
		for _, c := range closers {
			c.Close()
		}
	}
	for _, fh := range fhs {
		f, err := fh.Open()
		if err != nil {
			closeAll()
			return nil, func() {}, apperr.Wrap(apperr.Invalid, err)
		}
		readers, closers = append(readers, f), append(closers, f)
	}
	return readers, closeAll, nil
}

// reportData is what a report's page shows.
type reportData struct {
	Report    *Report
	Pledge    card
	Author    string
	IsPledger bool
	IsAuthor  bool
	IsStaff   bool
	FlagURL   string
}

func (m *Module) reportShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := auth.From(ctx)
	rep, p, err := m.GetReport(ctx, id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	d := reportData{Report: rep, Pledge: m.card(ctx, p), Author: m.author(ctx, rep), FlagURL: moderation.FlagURL("report", rep.ID)}
	if id != nil {
		d.IsPledger, d.IsAuthor, d.IsStaff = m.isPledger(ctx, p, id.UserID), rep.AuthorID == id.UserID, id.Staff()
	}
	m.s.Render.Page(w, r, http.StatusOK, "pledge/report", d, nil)
}

// changeable loads the report of the request for its author or pledger.
func (m *Module) changeable(r *http.Request) (*auth.Identity, *Report, *Pledge, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, nil, err
	}
	rep, p, _, err := m.changeableReport(r.Context(), m.s.DB, id, r.PathValue("id"))
	if err != nil {
		return nil, nil, nil, err
	}
	return id, rep, p, nil
}

func (m *Module) reportEditForm(w http.ResponseWriter, r *http.Request) {
	_, rep, p, err := m.changeable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.reportFormPage(w, r, http.StatusOK, p, rep, web.EmptyForm(map[string]string{"title": rep.Title, "text": rep.Body,
		"content_lang": rep.Lang}))
}

func (m *Module) reportSave(w http.ResponseWriter, r *http.Request) {
	id, rep, p, err := m.changeable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form, files, err := multipartForm(w, r, reportFormLimit, "photos")
	if err != nil {
		m.reportFormPage(w, r, form.Fail(err), p, rep, form)
		return
	}
	photos, closeAll, err := openAll(files["photos"])
	if err == nil {
		rep, err = m.UpdateReport(r.Context(), id, rep.ID, reportInput(form), photos)
	}
	closeAll()
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			current, _, _, _ := m.changeableReport(r.Context(), m.s.DB, id, r.PathValue("id"))
			m.reportFormPage(w, r, form.Fail(err), p, current, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	flash := "pledge.report.saved"
	if !rep.Published() {
		flash = "pledge.report.waiting"
	}
	m.s.Render.Redirect(w, r, "/blog/"+rep.ID, flash)
}

func (m *Module) reportRemovePhoto(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.RemovePhoto(r.Context(), id, r.PathValue("id"), r.PathValue("upload"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/blog/"+r.PathValue("id")+"/edit", "pledge.report.photo_removed")
}

func (m *Module) reportConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		_, err = m.ConfirmReport(r.Context(), id, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/blog/"+r.PathValue("id"), "pledge.report.published")
}

func (m *Module) setFeatured(w http.ResponseWriter, r *http.Request, featured bool, flash string) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.SetFeatured(r.Context(), id, r.PathValue("id"), featured)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/blog/"+r.PathValue("id"), flash)
}

func (m *Module) reportFeature(w http.ResponseWriter, r *http.Request) {
	m.setFeatured(w, r, true, "pledge.report.featured_now")
}

func (m *Module) reportUnfeature(w http.ResponseWriter, r *http.Request) {
	m.setFeatured(w, r, false, "pledge.report.unfeatured_now")
}

// blogData is what the blog shows.
type blogData struct {
	Featured []blogEntry
	Entries  []blogEntry
	NextURL  string
	Counts   Counts
}

// blogEntry is a report with its pledge and author for the blog.
type blogEntry struct {
	*Report
	Pledge *card
	Author string
	Day    string // the day it was published, in the page's language
	L      *i18n.Localizer
}

func (m *Module) blogEntries(r *http.Request, page *BlogPage) []blogEntry {
	out := make([]blogEntry, 0, len(page.Items))
	l := m.localizer(r.Context())
	for _, rep := range page.Items {
		e := blogEntry{Report: rep, Author: m.author(r.Context(), rep), L: l, Day: web.FormatDate(l, *rep.PublishedAt)}
		if p := page.Pledges[rep.PledgeID]; p != nil {
			c := m.card(r.Context(), p)
			e.Pledge = &c
		}
		out = append(out, e)
	}
	return out
}

func (m *Module) blog(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("format") == "atom" {
		m.atom(w, r)
		return
	}
	page, err := m.Blog(r.Context(), false, DefaultLimit, q.Get("cursor"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	d := blogData{Entries: m.blogEntries(r, page)}
	if page.Next != "" {
		d.NextURL = "/blog?cursor=" + page.Next
	}
	if q.Get("cursor") == "" {
		featured, err := m.Blog(r.Context(), true, 3, "")
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		d.Featured = m.blogEntries(r, featured)
	}
	if d.Counts, err = m.Counts(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "pledge/blog", d, nil)
}
