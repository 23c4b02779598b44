package board

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/text"
)

// keysOf returns the keys stored for filtering (text.Key, so both engines
// compare the same text and "Fahrraeder" finds "Fahrräder"): the title's,
// the text's searched by q (title, description, place and postcode) and
// the place's.
func keysOf(l *Listing) (title, search, place string) {
	title = text.Key(l.Title)
	place = text.Key(l.Place)
	search = strings.TrimSpace(title + " " + text.Key(l.Description) + " " + place + " " + l.Postcode)
	return title, search, place
}

func insertListing(ctx context.Context, tx *sql.Tx, l *Listing) error {
	title, search, place := keysOf(l)
	_, err := tx.ExecContext(ctx, `INSERT INTO listings (id, kind, category, title, description, content_lang, postcode,
		place, lat, lon, when_kind, when_from, when_to, quantity, visibility, organization_id, org_kind, poster_id,
		status, hidden, held, created_at, updated_at, expires_at, title_key, search_key, place_key)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
		$23, $24, $25, $26, $27)`,
		l.ID, string(l.Kind), l.Category, l.Title, l.Description, l.ContentLang, l.Postcode, l.Place,
		db.NullPtr(l.Lat), db.NullPtr(l.Lon), string(whenKindOf(l.When)), db.NullPtr(l.When.From), db.NullPtr(l.When.To),
		db.NullPtr(l.Quantity), string(l.Visibility), db.NullString(l.OrganizationID), l.OrgKind, l.PosterID,
		string(l.Status), l.Hidden, l.Held, l.CreatedAt, l.UpdatedAt, l.ExpiresAt, title, search, place)
	if err != nil {
		return db.Err(err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE listings SET show_name = $1 WHERE id = $2", l.ShowName, l.ID); err != nil {
		return db.Err(err)
	}
	return setListingLanguages(ctx, tx, l.ID, l.Languages)
}

// updateListing writes what a poster may change.
func updateListing(ctx context.Context, tx *sql.Tx, l *Listing) error {
	title, search, place := keysOf(l)
	_, err := tx.ExecContext(ctx, `UPDATE listings SET kind = $1, category = $2, title = $3, description = $4,
		content_lang = $5, postcode = $6, place = $7, lat = $8, lon = $9, when_kind = $10, when_from = $11,
		when_to = $12, quantity = $13, visibility = $14, organization_id = $15, org_kind = $16, held = $17,
		updated_at = $18, title_key = $19, search_key = $20, place_key = $21 WHERE id = $22`,
		string(l.Kind), l.Category, l.Title, l.Description, l.ContentLang, l.Postcode, l.Place,
		db.NullPtr(l.Lat), db.NullPtr(l.Lon), string(whenKindOf(l.When)), db.NullPtr(l.When.From), db.NullPtr(l.When.To),
		db.NullPtr(l.Quantity), string(l.Visibility), db.NullString(l.OrganizationID), l.OrgKind, l.Held, l.UpdatedAt,
		title, search, place, l.ID)
	if err != nil {
		return db.Err(err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE listings SET show_name = $1 WHERE id = $2", l.ShowName, l.ID); err != nil {
		return db.Err(err)
	}
	return setListingLanguages(ctx, tx, l.ID, l.Languages)
}

func whenKindOf(w When) WhenKind {
	if w.Kind == "" {
		return WhenNone
	}
	return w.Kind
}

func setListingLanguages(ctx context.Context, tx *sql.Tx, id string, langs []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM listing_languages WHERE listing_id = $1", id); err != nil {
		return db.Err(err)
	}
	for _, l := range langs {
		if _, err := tx.ExecContext(ctx, "INSERT INTO listing_languages (listing_id, lang) VALUES ($1, $2)", id, l); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// lockListing makes the transaction the only one changing the listing
// until it ends, so two edits or an edit and the expiry job never undo
// each other. A removed listing is NotFound.
func lockListing(ctx context.Context, tx *sql.Tx, id string) error {
	return db.LockRow(ctx, tx, "listings", id, "removed_at IS NULL")
}

// loadListingLanguages fills in the languages of listings with one query.
func loadListingLanguages(ctx context.Context, q db.Querier, ls []*Listing) error {
	if len(ls) == 0 {
		return nil
	}
	byID := make(map[string]*Listing, len(ls))
	listingIDs := make([]string, len(ls))
	for i, l := range ls {
		byID[l.ID] = l
		l.Languages = nil
		listingIDs[i] = l.ID
	}
	in, args := db.In(1, listingIDs)
	rows, err := q.QueryContext(ctx, "SELECT listing_id, lang FROM listing_languages WHERE listing_id IN ("+
		in+") ORDER BY listing_id, lang", args...)
	err = db.Each(rows, err, func(row db.Scanner) error {
		var id, lang string
		if err := row.Scan(&id, &lang); err != nil {
			return err
		}
		if l := byID[id]; l != nil {
			l.Languages = append(l.Languages, lang)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, l := range ls {
		l.Languages = text.SortLanguages(l.Languages)
	}
	return nil
}

// queryListings runs a SELECT of listingColumns (and nothing else).
func queryListings(ctx context.Context, q db.Querier, query string, args ...any) ([]*Listing, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	out, err := db.Collect(rows, err, scanListing)
	if err != nil {
		return nil, err
	}
	return out, loadListingLanguages(ctx, q, out)
}

// Change is one entry of a listing's history: who changed what, when.
// Fields maps a field name to its value before and after ("status",
// "expires_at" and the Draft's fields by their API names).
type Change struct {
	ID       string
	EditorID string // "" for the platform itself (expiry) or a deleted account
	At       time.Time
	Fields   map[string]FieldChange

	EditorName string // for display
}

// FieldChange is a field's value before and after a change, as text.
type FieldChange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Names lists the changed fields in a stable order.
func (c Change) Names() []string {
	var out []string
	for _, f := range historyFields {
		if _, ok := c.Fields[f]; ok {
			out = append(out, f)
		}
	}
	return out
}

// historyFields are the fields a history entry can name, in the order
// pages list them.
var historyFields = []string{"created", "status", "expires_at", "held", "hidden", "kind", "category", "title",
	"description", "content_lang", "languages", "postcode", "place", "when", "quantity", "visibility",
	"organization_id"}

func insertChange(ctx context.Context, tx *sql.Tx, listingID, editorID string, at time.Time, fields map[string]FieldChange) error {
	if len(fields) == 0 {
		return nil
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return apperr.Wrap(apperr.Internal, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO listing_history (id, listing_id, editor_id, at, changes)
		VALUES ($1, $2, $3, $4, $5)`, ids.New(), listingID, db.NullString(editorID), at, string(b))
	return db.Err(err)
}

func listChanges(ctx context.Context, q db.Querier, listingID string) ([]Change, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(CAST(editor_id AS TEXT), ''), at, changes FROM listing_history
		WHERE listing_id = $1 ORDER BY at DESC, id DESC`, listingID)
	return db.Collect(rows, err, func(row db.Scanner) (Change, error) {
		var c Change
		var raw string
		if err := row.Scan(&c.ID, &c.EditorID, &c.At, &raw); err != nil {
			return c, err
		}
		c.At = c.At.UTC()
		if err := json.Unmarshal([]byte(raw), &c.Fields); err != nil {
			return c, apperr.Wrap(apperr.Internal, err)
		}
		return c, nil
	})
}

// setStatus moves a listing to a new status within tx.
func setStatus(ctx context.Context, tx *sql.Tx, id string, s Status, closedAt *time.Time, now time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE listings SET status = $1, closed_at = $2, updated_at = $3 WHERE id = $4",
		string(s), db.NullPtr(closedAt), now, id)
	return db.Err(err)
}

// setExpiry opens a listing again until expires, forgetting the reminder
// and the link that was mailed with it.
func setExpiry(ctx context.Context, tx *sql.Tx, id string, expires, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE listings SET status = $1, expires_at = $2, reminded_at = NULL,
		extend_hash = NULL, closed_at = NULL, updated_at = $3 WHERE id = $4`, string(Open), expires, now, id)
	return db.Err(err)
}

// publishedCount counts the poster's listings that went public without
// waiting for review (or were approved), leaving out except.
func publishedCount(ctx context.Context, q db.Querier, posterID, except string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM listings WHERE poster_id = $1 AND id <> $2
		AND held = FALSE AND hidden = FALSE AND removed_at IS NULL`, posterID, except).Scan(&n)
	return n, db.Err(err)
}

// The board's orders: each is a keyset cursor over the sort key and id.
//
// Distances are measured in SQL on a local flat map (latitude degrees, and
// longitude degrees shrunk by the cosine of the mean latitude), which at
// the radii offered (up to 200 km) differs from the great-circle distance
// by far less than the rounding to whole kilometres; pages show
// geo.DistanceKm.
const kmPerDegree = 6371.0088 * math.Pi / 180

// cursor is a place in one of the board's orders: the sort key of the last
// listing shown and its id.
type cursor struct {
	sort  string
	at    time.Time // newest: created_at; ending: expires_at; relevance: created_at
	dist2 float64   // distance: squared flat-map degrees
	score int       // relevance
	id    string
}

// String encodes the cursor for the link to the next page.
func (c cursor) String() string {
	w := paging.New("board." + c.sort)
	switch c.sort {
	case SortDistance:
		w.Float(c.dist2)
	case SortRelevance:
		w.Int(int64(c.score)).Time(c.at)
	default:
		w.Time(c.at)
	}
	return w.ID(c.id).String()
}

// parseCursor reads what String wrote for the given order; anything else
// is a bad cursor.
func parseCursor(s, sort string) (cursor, error) {
	r := paging.Read("board."+sort, s)
	c := cursor{sort: sort}
	switch sort {
	case SortDistance:
		c.dist2 = r.Float()
	case SortRelevance:
		c.score = int(r.Int())
		c.at = r.Time()
	default:
		c.at = r.Time()
	}
	c.id = r.ID()
	return c, r.Err()
}

// boardQuery is a checked filter turned into SQL conditions.
type boardQuery struct {
	sort       string
	words      bool           // q has words: only the listings in found
	found      map[string]int // listing id → relevance, as the search engine found them
	kinds      string         // "" or a Kind
	categories []string       // the category and everything below it
	lang       string         //
	near       *point         // resolved centre of a radius search
	radiusKm   int            //
	nearText   *nearText      // without postcode data: match postcode or place
	orgKind    string
	orgIDs     []string // verified organisations; nil: no such filter
	visibility []Visibility
	now        time.Time
	after      *cursor
	limit      int
}

type point struct{ lat, lon float64 }

type nearText struct{ postcode, placeKey string }

// searchListings returns up to limit+1 live listings in the query's order,
// with the sort key of each (dist2 or score).
func searchListings(ctx context.Context, q db.Querier, bq boardQuery) ([]*Listing, []cursor, error) {
	query, args := listingsQuery(bq)
	rows, err := q.QueryContext(ctx, query, args...)
	var out []*Listing
	var keys []cursor
	err = db.Each(rows, err, func(row db.Scanner) error {
		var k cursor
		var d2 sql.NullFloat64
		var sc sql.NullInt64
		l, err := scanListing(db.WithExtra(row, &d2, &sc))
		if err != nil {
			return err
		}
		k.sort, k.id, k.dist2, k.score = bq.sort, l.ID, d2.Float64, int(sc.Int64)
		switch bq.sort {
		case SortEnding:
			k.at = l.ExpiresAt
		default:
			k.at = l.CreatedAt
		}
		out = append(out, l)
		keys = append(keys, k)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, keys, loadListingLanguages(ctx, q, out)
}

// listingsQuery is the SQL behind searchListings, with its arguments.
func listingsQuery(bq boardQuery) (string, []any) {
	var w db.Where
	w.Add("l.removed_at IS NULL AND l.status = 'open' AND l.hidden = FALSE AND l.held = FALSE")
	w.Add("l.expires_at > ?", bq.now)
	vis := make([]string, len(bq.visibility))
	for i, v := range bq.visibility {
		vis[i] = string(v)
	}
	w.Add("l.visibility IN (?)", vis)
	if bq.kinds != "" {
		w.Add("l.kind = ?", bq.kinds)
	}
	if len(bq.categories) > 0 {
		w.Add("l.category IN (?)", bq.categories)
	}
	if bq.lang != "" {
		p := w.Arg(bq.lang)
		w.Add("(l.content_lang = " + p + " OR EXISTS (SELECT 1 FROM listing_languages ll WHERE ll.listing_id = l.id AND ll.lang = " + p + "))")
	}
	if bq.orgKind != "" {
		w.Add("l.organization_id IS NOT NULL AND l.org_kind = " + w.Arg(bq.orgKind))
	}
	if bq.orgIDs != nil { // none: IN (NULL) matches nothing
		w.Add("l.organization_id IN (?)", bq.orgIDs)
	}
	score := "0"
	if bq.words {
		score = foundScore(&w, bq.found)
	}
	dist2 := "0"
	if bq.near != nil {
		lat, lon := w.Arg(bq.near.lat), w.Arg(bq.near.lon)
		dist2 = "((l.lat - " + lat + ") * (l.lat - " + lat + ") + ((l.lon - " + lon + ") * cos(radians((l.lat + " + lat +
			") / 2))) * ((l.lon - " + lon + ") * cos(radians((l.lat + " + lat + ") / 2))))"
		w.Add("l.lat IS NOT NULL AND l.lon IS NOT NULL")
		r := float64(bq.radiusKm) / kmPerDegree
		w.Add(dist2 + " <= " + w.Arg(r*r))
	} else if bq.nearText != nil {
		var or []string
		if bq.nearText.postcode != "" {
			or = append(or, "l.postcode = "+w.Arg(bq.nearText.postcode))
		}
		if bq.nearText.placeKey != "" {
			or = append(or, "l.place_key = "+w.Arg(bq.nearText.placeKey))
		}
		if len(or) == 0 {
			or = append(or, "1 = 0")
		}
		w.Add("(" + strings.Join(or, " OR ") + ")")
	}
	var order string
	if c := bq.after; c != nil {
		switch bq.sort {
		case SortNewest:
			w.Add("(l.created_at, l.id) < (" + w.Arg(c.at) + ", " + w.Arg(c.id) + ")")
		case SortEnding:
			w.Add("(l.expires_at, l.id) > (" + w.Arg(c.at) + ", " + w.Arg(c.id) + ")")
		case SortDistance:
			d := w.Arg(c.dist2)
			w.Add("(" + dist2 + " > " + d + " OR (" + dist2 + " = " + d + " AND l.id > " + w.Arg(c.id) + "))")
		case SortRelevance:
			s := w.Arg(c.score)
			w.Add("(" + score + " < " + s + " OR (" + score + " = " + s + " AND (l.created_at, l.id) < (" +
				w.Arg(c.at) + ", " + w.Arg(c.id) + ")))")
		}
	}
	switch bq.sort {
	case SortEnding:
		order = "l.expires_at, l.id"
	case SortDistance:
		order = "sort_dist2, l.id"
	case SortRelevance:
		order = "sort_score DESC, l.created_at DESC, l.id DESC"
	default:
		order = "l.created_at DESC, l.id DESC"
	}
	query := "SELECT " + listingColumns + ", " + dist2 + " AS sort_dist2, " + score + " AS sort_score FROM listings l" +
		w.SQL() + " ORDER BY " + order + " LIMIT " + w.Arg(bq.limit+1)
	return query, w.Args()
}

// foundScore keeps the listings the search engine found and returns
// their relevance as an SQL expression: a CASE over the ids of each score.
func foundScore(w *db.Where, found map[string]int) string {
	if len(found) == 0 {
		w.Add("1 = 0")
		return "0"
	}
	byScore := map[int][]string{}
	ids := make([]string, 0, len(found))
	for id, sc := range found {
		byScore[sc] = append(byScore[sc], id)
		ids = append(ids, id)
	}
	slices.Sort(ids)
	w.Add("l.id IN (?)", ids)
	scores := slices.Sorted(maps.Keys(byScore))
	var b strings.Builder
	b.WriteString("(CASE")
	for _, sc := range scores {
		list := byScore[sc]
		slices.Sort(list)
		marks := make([]string, len(list))
		for i, id := range list {
			marks[i] = w.Arg(id)
		}
		b.WriteString(" WHEN l.id IN (" + strings.Join(marks, ", ") + ") THEN " + strconv.Itoa(sc))
	}
	b.WriteString(" ELSE 0 END)")
	return b.String()
}

// listingsOf returns the person's own listings and those of the
// organisations they manage, newest first, whatever their state (not
// removed ones).
func listingsOf(ctx context.Context, q db.Querier, userID string, orgIDs []string, limit int) ([]*Listing, error) {
	var w db.Where
	w.Add("l.removed_at IS NULL")
	w.Add("((l.poster_id = ? AND l.organization_id IS NULL) OR l.organization_id IN (?))", userID, orgIDs)
	return queryListings(ctx, q, "SELECT "+listingColumns+" FROM listings l"+w.SQL()+
		" ORDER BY l.created_at DESC, l.id DESC LIMIT "+w.Arg(limit), w.Args()...)
}

// Time reads a change of "expires_at" (written as RFC 3339).
func (c FieldChange) Time() time.Time {
	t, _ := time.Parse(time.RFC3339, c.To)
	return t
}

// HistoryLine is one changed field of a Change as a page says it: the
// message Msg with the value "Value", which is the translation of ValueMsg
// or the day At.
type HistoryLine struct {
	Msg, ValueMsg string
	At            time.Time
}

// Lines says what a change did, field by field.
func (c Change) Lines() []HistoryLine {
	var out []HistoryLine
	for _, name := range c.Names() {
		fc := c.Fields[name]
		switch name {
		case "created":
			out = append(out, HistoryLine{Msg: "board.history.created"})
		case "status":
			out = append(out, HistoryLine{Msg: "board.history.status", ValueMsg: "board.status." + fc.To})
		case "expires_at":
			out = append(out, HistoryLine{Msg: "board.history.expires_at", At: fc.Time()})
		case "held":
			msg := "board.history.released"
			if fc.To == "true" {
				msg = "board.history.held"
			}
			out = append(out, HistoryLine{Msg: msg})
		case "hidden":
			msg := "board.history.shown"
			if fc.To == "true" {
				msg = "board.history.hidden"
			}
			out = append(out, HistoryLine{Msg: msg})
		default:
			out = append(out, HistoryLine{Msg: "board.history.changed", ValueMsg: "board.history.field." + name})
		}
	}
	return out
}
