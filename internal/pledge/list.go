package pledge

import (
	"context"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// What the list shows.
const (
	ShowAll        = ""           // every public pledge
	ShowOpen       = "open"       // active ones people can still sign up to
	ShowSuccessful = "successful" // redeemed ones
	ShowFailed     = "failed"
)

// Page sizes of the lists.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Filter selects public pledges; empty fields do not restrict.
type Filter struct {
	Show     string // ShowOpen, ShowSuccessful, ShowFailed or ShowAll
	Category string // a taxonomy id; a top-level id includes its children
	Place    string // a part of the place, or the start of the postcode
	Limit    int
	Cursor   string
}

// Page is one page of pledges.
type Page struct {
	Items []*Pledge
	Next  string
}

func (f *Filter) normalize() error {
	fields := apperr.Fields{}
	// Without controls: PostgreSQL refuses a NUL byte or invalid UTF-8
	// even in a LIKE pattern.
	f.Place = text.OneLine(text.StripControls(f.Place))
	if len([]rune(f.Place)) > maxPlaceLen {
		fields.Add("place", "form.too_long")
	}
	switch f.Show {
	case ShowAll, ShowOpen, ShowSuccessful, ShowFailed:
	default:
		fields.Add("show", "form.invalid_choice")
	}
	if f.Category != "" && !taxonomy.Default().Valid(f.Category) {
		fields.Add("category", "form.invalid_choice")
	}
	switch {
	case f.Limit <= 0:
		f.Limit = DefaultLimit
	case f.Limit > MaxLimit:
		f.Limit = MaxLimit
	}
	return fields.Err()
}

// listOrder names the order of the list of pledges, newest approval
// first, for its cursors.
const listOrder = "pledges.decided"

// listPublic returns a page of public pledges, newest approval first.
func listPublic(ctx context.Context, q db.Querier, f Filter) (*Page, error) {
	if err := f.normalize(); err != nil {
		return nil, err
	}
	var w db.Where
	w.Add("NOT p.hidden")
	w.Add("p.decided_at IS NOT NULL")
	switch f.Show {
	case ShowOpen:
		w.Add("p.status = 'active'")
	case ShowSuccessful:
		w.Add("p.status = 'successful'")
	case ShowFailed:
		w.Add("p.status = 'failed'")
	default:
		w.Add("p.status IN ('active', 'successful', 'failed')")
	}
	if f.Category != "" {
		w.Add(`(p.category = ? OR p.category LIKE ? ESCAPE '\')`, f.Category, db.LikePrefix(f.Category+"."))
	}
	if f.Place != "" {
		w.Add(`(p.place_key LIKE ? ESCAPE '\' OR p.postcode LIKE ? ESCAPE '\')`,
			db.LikeContains(text.Fold(f.Place)), db.LikePrefix(f.Place))
	}
	if f.Cursor != "" {
		r := paging.Read(listOrder, f.Cursor)
		at, id := r.Time(), r.ID()
		if err := r.Err(); err != nil {
			return nil, err
		}
		w.Add("(p.decided_at, p.id) < (?, ?)", at, id)
	}
	items, err := queryPledges(ctx, q, "SELECT "+pledgeColumns+" FROM pledges p"+w.SQL()+
		" ORDER BY p.decided_at DESC, p.id DESC LIMIT "+w.Arg(f.Limit+1), w.Args()...)
	if err != nil {
		return nil, err
	}
	page := &Page{Items: items}
	if len(items) > f.Limit {
		page.Items = items[:f.Limit]
		last := page.Items[f.Limit-1]
		page.Next = paging.New(listOrder).Time(*last.DecidedAt).ID(last.ID).String()
	}
	return page, nil
}
