package organization

import (
	"html/template"
	"net/http"
	"strings"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// showData is what an organisation's page shows.
type showData struct {
	Org        *Organization
	Paragraphs [][]string      // the description's paragraphs, each as its lines
	Tel        template.URL    // tel: link of the public phone number
	Role       Role            // the visitor's role; "" for everybody else
	Members    []Member        // shown to members only
	Sections   []template.HTML // drawn by other modules (AddSection)
}

func (m *Module) show(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := m.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := showData{Org: o, Paragraphs: text.Paragraphs(o.Description), Tel: telURL(o.Phone)}
	if id := auth.From(ctx); id != nil {
		if role, err := m.RoleOf(ctx, o.ID, id.UserID); err == nil {
			data.Role = role
			if data.Members, err = m.Members(ctx, id.UserID, o.ID); err != nil {
				m.s.Render.Error(w, r, err)
				return
			}
		}
	}
	lang := i18n.Default
	if l := web.Localizer(ctx); l != nil {
		lang = l.Lang()
	}
	if data.Sections, err = m.sections.Draw(ctx, sectionPage, o.ID, lang); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "organization/show", data, nil)
}

// telURL turns a validated phone number into a tel: link ("" when empty).
// Only digits and a leading + survive, so the URL is safe to mark as such.
func telURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range phone {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return template.URL("tel:" + b.String())
}
