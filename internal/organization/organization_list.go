package organization

import (
	"net/http"
	"net/url"

	"teilhabe.org/teilhabe/internal/auth"
)

// listData is what the list page and the admin list show.
type listData struct {
	Path     string // of the page, for the filter form and the next link
	Page     *Page
	Filter   Filter
	Verified string // the filter as in the query: "", "true" or "false"
	Kinds    []string
	Mine     []Membership // the visitor's own organisations
	NextURL  string
}

// filterFrom reads the list filter from a query string.
func filterFrom(q url.Values) (Filter, string) {
	f := Filter{Kind: q.Get("kind"), Query: q.Get("q"), Sort: q.Get("sort"), Cursor: q.Get("cursor")}
	verified := q.Get("verified")
	switch verified {
	case "true", "false":
		v := verified == "true"
		f.Verified = &v
	default:
		verified = ""
	}
	return f, verified
}

// nextURL is the link to the following page with the same filter.
func nextURL(path string, f Filter, verified, next string) string {
	if next == "" {
		return ""
	}
	q := url.Values{}
	for k, v := range map[string]string{"q": f.Query, "kind": f.Kind, "verified": verified, "sort": f.Sort, "cursor": next} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return path + "?" + q.Encode()
}

// listPage reads the filter, loads one page and fills listData.
func (m *Module) listPage(r *http.Request, path string) (*listData, error) {
	f, verified := filterFrom(r.URL.Query())
	page, err := m.List(r.Context(), f)
	if err != nil {
		return nil, err
	}
	_ = f.normalize()
	f.Cursor = ""
	return &listData{Path: path, Page: page, Filter: f, Verified: verified, Kinds: Kinds,
		NextURL: nextURL(path, f, verified, page.Next)}, nil
}

func (m *Module) list(w http.ResponseWriter, r *http.Request) {
	data, err := m.listPage(r, "/organizations")
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if id := auth.From(r.Context()); id != nil {
		if data.Mine, err = m.Memberships(r.Context(), id.UserID); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	m.s.Render.Page(w, r, http.StatusOK, "organization/list", data, nil)
}
