package search

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/csvx"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// Open data: the public opportunities (requests posted on behalf of an
// organisation), for partner search engines to mirror. A partner reads
// everything once, then asks with since= for what changed: changed
// opportunities come whole, and an opportunity that was deleted, ran out,
// or is no longer public comes as a tombstone, so the mirror can drop it.
// Tombstones are kept as long as the index holds the document's number.

const (
	openDataDefault = 100
	openDataMax     = 1000
)

// OpenOpportunity is one public opportunity, or the tombstone of one.
type OpenOpportunity struct {
	ID          string     `json:"id"`
	Deleted     bool       `json:"deleted,omitempty" doc:"A tombstone: the opportunity is gone (deleted, run out, or no longer public)."`
	ModifiedAt  time.Time  `json:"modified_at" doc:"When it last changed here."`
	URL         string     `json:"url,omitempty" format:"uri"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Lang        string     `json:"lang,omitempty"`
	Languages   []string   `json:"languages,omitempty"`
	Category    string     `json:"category,omitempty"`
	OrgKind     string     `json:"org_kind,omitempty"`
	Verified    bool       `json:"verified,omitempty"`
	Postcode    string     `json:"postcode,omitempty"`
	Place       string     `json:"place,omitempty"`
	Lat         *float64   `json:"lat,omitempty" doc:"Centre of the postcode area."`
	Lon         *float64   `json:"lon,omitempty"`
	CreatedAt   *time.Time `json:"created_at,omitempty"`
	UpdatedAt   *time.Time `json:"updated_at,omitempty"`
	ExpiresAt   *time.Time `json:"expires_at,omitempty" doc:"From then on it is gone; drop it even before its tombstone comes."`
	Deadline    *time.Time `json:"deadline,omitempty"`
}

// OpenDataPage is one page of the feed.
type OpenDataPage struct {
	Items      []OpenOpportunity `json:"items"`
	NextCursor string            `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last."`
	Licence    string            `json:"licence"`
}

// OpenDataInput selects a page.
type OpenDataInput struct {
	Format string `query:"format" enum:"json,csv" default:"json"`
	Since  string `query:"since" doc:"Only what changed after this moment (RFC 3339, e.g. 2026-03-01T00:00:00Z)."`
	Cursor string `query:"cursor" doc:"next_cursor of the previous page (in CSV: the Link header)."`
	Limit  int    `query:"limit" minimum:"1" maximum:"1000" default:"100"`
}

// OpenDataOutput is JSON or CSV.
type OpenDataOutput struct {
	ContentType string `header:"Content-Type"`
	Link        string `header:"Link" doc:"<url>; rel=\"next\" while more pages follow."`
	Body        []byte
}

// openOrder names the feed's order (modified_at, n) for its cursors.
const openOrder = "search.opendata"

func openCursor(at time.Time, n int64) string {
	return paging.New(openOrder).Time(at).Int(n).String()
}

func parseOpenCursor(s string) (time.Time, int64, error) {
	r := paging.Read(openOrder, s)
	at, n := r.Time(), r.Int()
	return at, n, r.Err()
}

// OpenData returns a page of public opportunities and tombstones, in the
// order they changed.
func (m *Module) OpenData(ctx context.Context, since time.Time, cursor string, limit int) (*OpenDataPage, error) {
	if limit <= 0 {
		limit = openDataDefault
	}
	limit = min(limit, openDataMax)
	after, afterN := since.UTC(), int64(0)
	if cursor != "" {
		var err error
		if after, afterN, err = parseOpenCursor(cursor); err != nil {
			return nil, err
		}
	}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT n, id, deleted, visibility, modified_at, title, body, url, lang, langs,
		category, org_kind, verified, postcode, place, lat, lon, created_at, updated_at, expires_at, deadline
		FROM search_docs WHERE type = $1 AND was_public = TRUE AND (modified_at, n) > ($2, $3)
		ORDER BY modified_at, n LIMIT $4`, searchdoc.Opportunity, after, afterN, limit+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	now := m.s.Clock.Now()
	page := &OpenDataPage{Items: []OpenOpportunity{}, Licence: "CC BY 4.0"}
	var lastAt time.Time
	var lastN int64
	for rows.Next() {
		var n int64
		var o OpenOpportunity
		var vis, langs string
		var lat, lon sql.NullFloat64
		var created, updated time.Time
		var expires, deadline sql.NullTime
		if err := rows.Scan(&n, &o.ID, &o.Deleted, &vis, &o.ModifiedAt, &o.Title, &o.Description, &o.URL, &o.Lang, &langs,
			&o.Category, &o.OrgKind, &o.Verified, &o.Postcode, &o.Place, &lat, &lon, &created, &updated, &expires, &deadline); err != nil {
			return nil, db.Err(err)
		}
		if len(page.Items) == limit {
			page.NextCursor = openCursor(lastAt, lastN)
			break
		}
		o.ModifiedAt = o.ModifiedAt.UTC()
		lastAt, lastN = o.ModifiedAt, n
		if o.Deleted || vis != searchdoc.Public || (expires.Valid && !expires.Time.After(now)) {
			page.Items = append(page.Items, OpenOpportunity{ID: o.ID, Deleted: true, ModifiedAt: o.ModifiedAt})
			continue
		}
		o.URL = m.s.BaseURL + o.URL
		if langs != "" {
			o.Languages = strings.Split(langs, ",")
		}
		if lat.Valid && lon.Valid {
			o.Lat, o.Lon = &lat.Float64, &lon.Float64
		}
		c, u := created.UTC(), updated.UTC()
		o.CreatedAt, o.UpdatedAt = &c, &u
		o.ExpiresAt, o.Deadline = db.TimePtr(expires), db.TimePtr(deadline)
		page.Items = append(page.Items, o)
	}
	return page, db.Err(rows.Err())
}

var openDataColumns = []string{"id", "deleted", "modified_at", "url", "title", "description", "lang", "languages",
	"category", "org_kind", "verified", "postcode", "place", "lat", "lon", "created_at", "updated_at", "expires_at", "deadline"}

// csvOf writes a page as CSV with a header row.
func csvOf(p *OpenDataPage) ([]byte, error) {
	var buf bytes.Buffer
	w := csvx.NewWriter(&buf)
	w.Write(openDataColumns)
	ts := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	for _, o := range p.Items {
		w.Write([]string{o.ID, strconv.FormatBool(o.Deleted), o.ModifiedAt.Format(time.RFC3339Nano), o.URL, o.Title,
			o.Description, o.Lang, strings.Join(o.Languages, " "), o.Category, o.OrgKind, strconv.FormatBool(o.Verified),
			o.Postcode, o.Place, num(o.Lat), num(o.Lon), ts(o.CreatedAt), ts(o.UpdatedAt), ts(o.ExpiresAt), ts(o.Deadline)})
	}
	err := w.Flush()
	return buf.Bytes(), err
}

// openDataPath is where the open data of opportunities is served.
const openDataPath = api.Prefix + "/opendata/opportunities"

// AddOpenData serves a module's open data set at /api/v1/opendata/<name>.
func (m *Module) AddOpenData(set app.OpenDataSet) error {
	if !validOpenSetName(set.Name) || set.Page == nil || set.Item == nil {
		return fmt.Errorf("open data set %q: a name of lower-case letters, digits and _, a Page and an Item are needed", set.Name)
	}
	for _, s := range m.sets {
		if s.Name == set.Name {
			return fmt.Errorf("open data set %q is served already", set.Name)
		}
	}
	if set.Name == "opportunities" {
		return errors.New(`open data set "opportunities" is the search's own`)
	}
	m.sets = append(m.sets, set)
	return nil
}

func validOpenSetName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// registerOpenSet registers the operation of a module's set: JSON with
// items, next_cursor and licence like the opportunities, or CSV.
func (m *Module) registerOpenSet(a huma.API, set app.OpenDataSet) {
	item := a.OpenAPI().Components.Schemas.Schema(set.Item, true, "")
	page := &huma.Schema{Type: "object", Required: []string{"items", "licence"}, Properties: map[string]*huma.Schema{
		"items":       {Type: "array", Items: item},
		"next_cursor": {Type: "string", Description: "Pass as cursor for the next page; absent on the last."},
		"licence":     {Type: "string"},
	}}
	huma.Register(a, huma.Operation{
		OperationID: "opendata-" + strings.ReplaceAll(set.Name, "_", "-"), Method: http.MethodGet,
		Path: api.Prefix + "/opendata/" + set.Name, Tags: []string{"Open data"}, Summary: set.Summary,
		Description: set.Description + " In the order they changed; read everything once, then ask with since= for the " +
			"changes. JSON or CSV; licence CC BY 4.0.",
		Responses: map[string]*huma.Response{
			"200": {Description: "A page of records.", Content: map[string]*huma.MediaType{
				"application/json": {Schema: page},
				"text/csv":         {Schema: &huma.Schema{Type: "string", Description: "Header row: " + strings.Join(set.Columns, ",")}},
			}},
		},
	}, m.openSetHandler(set))
}

// openSetPage is the JSON of a page of a module's set.
type openSetPage struct {
	Items      []any  `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
	Licence    string `json:"licence"`
}

// openSetHandler answers the requests of one set.
func (m *Module) openSetHandler(set app.OpenDataSet) func(context.Context, *OpenDataInput) (*OpenDataOutput, error) {
	return func(ctx context.Context, in *OpenDataInput) (*OpenDataOutput, error) {
		var since time.Time
		if in.Since != "" {
			t, err := time.Parse(time.RFC3339, in.Since)
			if err != nil {
				return nil, api.Err(ctx, apperr.Field("since", "search.opendata.bad_since"))
			}
			since = t
		}
		limit := in.Limit
		if limit <= 0 {
			limit = openDataDefault
		}
		p, err := set.Page(ctx, since, in.Cursor, min(limit, openDataMax))
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &OpenDataOutput{}
		if p.Next != "" {
			v := "format=" + in.Format + "&limit=" + strconv.Itoa(in.Limit) + "&cursor=" + p.Next
			out.Link = "<" + m.s.BaseURL + api.Prefix + "/opendata/" + set.Name + "?" + v + `>; rel="next"`
		}
		if in.Format == "csv" {
			var buf bytes.Buffer
			w := csvx.NewWriter(&buf)
			w.Write(set.Columns)
			for _, row := range p.Rows {
				w.Write(row)
			}
			err = w.Flush()
			out.ContentType, out.Body = csvx.ContentType, buf.Bytes()
		} else {
			page := openSetPage{Items: p.Items, NextCursor: p.Next, Licence: "CC BY 4.0"}
			if page.Items == nil {
				page.Items = []any{}
			}
			out.ContentType = "application/json"
			out.Body, err = json.Marshal(page)
		}
		if err != nil {
			return nil, api.Err(ctx, apperr.Wrap(apperr.Internal, err))
		}
		return out, nil
	}
}

func (m *Module) registerOpenData(a huma.API) {
	for _, set := range m.sets {
		m.registerOpenSet(a, set)
	}
	schema := a.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[OpenDataPage](), true, "OpenDataPage")
	huma.Register(a, huma.Operation{
		OperationID: "opendata-opportunities", Method: http.MethodGet, Path: openDataPath, Tags: []string{"Open data"},
		Summary: "Public opportunities as open data",
		Description: "Requests for volunteers posted on behalf of organisations, public ones only, in the order they " +
			"changed, with tombstones for those gone (deleted, run out, no longer public). Read everything once, then " +
			"ask with since= for the changes. JSON or CSV; licence CC BY 4.0.",
		Responses: map[string]*huma.Response{
			"200": {Description: "A page of opportunities and tombstones.", Content: map[string]*huma.MediaType{
				"application/json": {Schema: schema},
				"text/csv":         {Schema: &huma.Schema{Type: "string", Description: "Header row: " + strings.Join(openDataColumns, ",")}},
			}},
		},
	}, m.apiOpenData)
}

func (m *Module) apiOpenData(ctx context.Context, in *OpenDataInput) (*OpenDataOutput, error) {
	var since time.Time
	if in.Since != "" {
		t, err := time.Parse(time.RFC3339, in.Since)
		if err != nil {
			return nil, api.Err(ctx, apperr.Field("since", "search.opendata.bad_since"))
		}
		since = t
	}
	page, err := m.OpenData(ctx, since, in.Cursor, in.Limit)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &OpenDataOutput{}
	if page.NextCursor != "" {
		v := "format=" + in.Format + "&limit=" + strconv.Itoa(in.Limit) + "&cursor=" + page.NextCursor
		out.Link = "<" + m.s.BaseURL + openDataPath + "?" + v + `>; rel="next"`
	}
	if in.Format == "csv" {
		out.ContentType = csvx.ContentType
		out.Body, err = csvOf(page)
	} else {
		out.ContentType = "application/json"
		out.Body, err = json.Marshal(page)
	}
	if err != nil {
		return nil, api.Err(ctx, apperr.Wrap(apperr.Internal, err))
	}
	return out, nil
}
