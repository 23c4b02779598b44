package organization

import (
	"context"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/text"
)

// Orders of the list.
const (
	SortNewest = "newest"
	SortName   = "name"
)

// Page sizes of the list.
const (
	DefaultLimit = 20
	MaxLimit     = 100
	maxQueryLen  = 100
)

// Filter selects organisations; empty fields do not restrict.
type Filter struct {
	Kind     string
	Verified *bool  // only verified (true) or only unverified (false) ones
	Query    string // a part of the name
	Sort     string // SortNewest (default) or SortName
	Limit    int    // DefaultLimit when 0, at most MaxLimit
	Cursor   string // from the previous page's Next
}

// Page is one page of the list.
type Page struct {
	Items []*Organization
	Next  string // cursor of the following page; "" on the last
}

// normalize checks a filter from a form or query string.
func (f *Filter) normalize() error {
	fields := apperr.Fields{}
	f.Query = strings.TrimSpace(f.Query)
	if len([]rune(f.Query)) > maxQueryLen {
		fields.Add("q", "form.too_long")
	}
	if f.Kind != "" && !ValidKind(f.Kind) {
		fields.Add("kind", "form.invalid_choice")
	}
	switch f.Sort {
	case "":
		f.Sort = SortNewest
	case SortNewest, SortName:
	default:
		fields.Add("sort", "form.invalid_choice")
	}
	switch {
	case f.Limit <= 0:
		f.Limit = DefaultLimit
	case f.Limit > MaxLimit:
		f.Limit = MaxLimit
	}
	return fields.Err()
}

// cursor is a place in one of the orders: the sort value and id of the
// last organisation shown.
type cursor struct {
	sort string
	at   time.Time // SortNewest
	key  string    // SortName: the folded name
	id   string
}

// String encodes the cursor for the link to the next page.
func (c cursor) String() string {
	w := paging.New("organizations." + c.sort)
	if c.sort == SortName {
		w.Text(c.key)
	} else {
		w.Time(c.at)
	}
	return w.ID(c.id).String()
}

// parseCursor reads what cursor.String wrote for the given order; anything
// else is a bad cursor.
func parseCursor(s, sort string) (cursor, error) {
	r := paging.Read("organizations."+sort, s)
	c := cursor{sort: sort}
	if sort == SortName {
		c.key = r.Text()
	} else {
		c.at = r.Time()
	}
	c.id = r.ID()
	return c, r.Err()
}

// listOrgs returns a page of organisations in the filter's order, keyset
// paginated so pages stay stable while organisations are added.
func listOrgs(ctx context.Context, q db.Querier, f Filter) (*Page, error) {
	if err := f.normalize(); err != nil {
		return nil, err
	}
	var w db.Where
	if f.Kind != "" {
		w.Add("kind = ?", f.Kind)
	}
	if f.Verified != nil {
		if *f.Verified {
			w.Add("verified_at IS NOT NULL AND review_since IS NULL")
		} else {
			w.Add("(verified_at IS NULL OR review_since IS NOT NULL)")
		}
	}
	if f.Query != "" {
		w.Add(`name_key LIKE ? ESCAPE '\'`, db.LikeContains(text.Fold(f.Query)))
	}
	if f.Cursor != "" {
		c, err := parseCursor(f.Cursor, f.Sort)
		if err != nil {
			return nil, err
		}
		if f.Sort == SortName {
			w.Add("(name_key, id) > (?, ?)", c.key, c.id)
		} else {
			w.Add("(created_at, id) < (?, ?)", c.at, c.id)
		}
	}
	query := "SELECT " + orgColumns + ", name_key FROM organizations" + w.SQL()
	if f.Sort == SortName {
		query += " ORDER BY name_key, id"
	} else {
		query += " ORDER BY created_at DESC, id DESC"
	}
	query += " LIMIT " + w.Arg(f.Limit+1)

	rows, err := q.QueryContext(ctx, query, w.Args()...)
	page := &Page{Items: []*Organization{}}
	var keys []string
	err = db.Each(rows, err, func(row db.Scanner) error {
		var key string
		o, err := scanOrg(db.WithExtra(row, &key))
		if err != nil {
			return err
		}
		page.Items = append(page.Items, o)
		keys = append(keys, key)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(page.Items) > f.Limit {
		page.Items = page.Items[:f.Limit]
		last := page.Items[f.Limit-1]
		page.Next = cursor{sort: f.Sort, at: last.CreatedAt, key: keys[f.Limit-1], id: last.ID}.String()
	}
	if err := loadLanguages(ctx, q, page.Items); err != nil {
		return nil, err
	}
	return page, nil
}
