package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
)

// View is what every page template receives as its dot: the translator,
// the person, the page's own Data and, on form pages, the Form.
type View struct {
	L         *i18n.Localizer
	User      *auth.Identity
	Path      string // path and query of this request, for "back here" links
	Flash     string // message id shown once at the top
	Languages []i18n.Language
	CSS       string // versioned stylesheet URL
	JS        string // versioned script URL
	Data      any
	Form      *Form
	Now       time.Time
	Nav       []NavLink // the site navigation as this person sees it (Renderer.AddNav)
}

// T translates a message id; args are name/value pairs.
func (v *View) T(id string, args ...any) string { return v.L.T(id, args...) }

// Lang is the page language.
func (v *View) Lang() string { return v.L.Lang() }

// Dir is the text direction of the page language.
func (v *View) Dir() string { return v.L.Dir() }

// Form carries what a person typed and what was wrong with it, so a form
// page can be shown again with every value kept and each error beside its
// field.
type Form struct {
	Values  url.Values
	Errors  map[string]string // field → message id
	Message string            // message id of an error not tied to a field
}

// NewForm starts a form from the request's posted values. Text comes as
// valid UTF-8 without NUL bytes (invalid bytes as U+FFFD): PostgreSQL
// refuses to store either, and a browser never sends them. Passwords are
// taken as they were sent, as the API takes them.
func NewForm(r *http.Request) *Form {
	_ = r.ParseForm()
	for name, vs := range r.PostForm {
		if strings.Contains(name, "password") {
			continue
		}
		for i, v := range vs {
			vs[i] = strings.ReplaceAll(strings.ToValidUTF8(v, "\uFFFD"), "\x00", "")
		}
	}
	return &Form{Values: r.PostForm, Errors: map[string]string{}}
}

// EmptyForm starts a form with initial values.
func EmptyForm(values map[string]string) *Form {
	f := &Form{Values: url.Values{}, Errors: map[string]string{}}
	for k, v := range values {
		f.Values.Set(k, v)
	}
	return f
}

// Get returns the trimmed value of a field.
func (f *Form) Get(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Raw returns a value untrimmed (passwords).
func (f *Form) Raw(name string) string { return f.Values.Get(name) }

// Checked reports whether a checkbox was ticked.
func (f *Form) Checked(name string) bool { return f.Values.Get(name) != "" }

// Has reports whether value is among the values of a multi-valued field.
func (f *Form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Fail records err on the form: field errors beside their fields, anything
// else as the form's message. It returns the HTTP status to answer with.
func (f *Form) Fail(err error) int {
	e := apperr.As(err)
	for k, v := range e.Fields {
		f.Errors[k] = v
	}
	if len(e.Fields) == 0 {
		f.Message = apperr.MessageID(err)
	}
	return apperr.Status(err)
}

// Invalid reports whether any error was recorded.
func (f *Form) Invalid() bool { return len(f.Errors) > 0 || f.Message != "" }
