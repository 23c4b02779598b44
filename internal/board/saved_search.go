package board

import (
	"context"
	"database/sql"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/secrets"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// SavedSearch is a board filter a member keeps: the board shows its
// results, and a daily digest mails the listings new since the last one.
type SavedSearch struct {
	ID         string
	UserID     string
	Name       string
	Query      string // Filter.Values().Encode()
	Filter     Filter
	Digest     bool // the daily mail is on
	CreatedAt  time.Time
	LastSentAt *time.Time
}

// BoardURL is the board with the search's filter.
func (s *SavedSearch) BoardURL() string {
	if s.Query == "" {
		return "/board"
	}
	return "/board?" + s.Query
}

// Limits of saved searches.
const (
	maxSavedSearches   = 20
	maxSavedSearchName = 80
)

const savedColumns = "id, user_id, name, query, digest, created_at, last_sent_at"

func scanSaved(row db.Scanner) (*SavedSearch, error) {
	s := &SavedSearch{}
	var last sql.NullTime
	if err := row.Scan(&s.ID, &s.UserID, &s.Name, &s.Query, &s.Digest, &s.CreatedAt, &last); err != nil {
		return nil, db.Err(err)
	}
	s.CreatedAt, s.LastSentAt = s.CreatedAt.UTC(), db.TimePtr(last)
	v, _ := url.ParseQuery(s.Query)
	s.Filter = ParseFilter(v)
	return s, nil
}

func querySaved(ctx context.Context, q db.Querier, where string, args ...any) ([]*SavedSearch, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+savedColumns+" FROM saved_searches WHERE "+where, args...)
	return db.Collect(rows, err, scanSaved)
}

// SavedSearches lists the person's saved searches, newest first.
func (m *Module) SavedSearches(ctx context.Context, userID string) ([]*SavedSearch, error) {
	if !ids.Valid(userID) {
		return []*SavedSearch{}, nil
	}
	return querySaved(ctx, m.s.DB, "user_id = $1 ORDER BY created_at DESC, id DESC", userID)
}

// SavedSearch returns one of the person's saved searches; anybody else's
// is NotFound, exactly like one that does not exist.
func (m *Module) SavedSearch(ctx context.Context, userID, id string) (*SavedSearch, error) {
	if !ids.Valid(id) || !ids.Valid(userID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanSaved(m.s.DB.QueryRowContext(ctx, "SELECT "+savedColumns+" FROM saved_searches WHERE id = $1 AND user_id = $2",
		id, userID))
}

// SaveSearch keeps a filter under a name; without a name, the filter is
// described in the person's language. The digest is on from the start. A
// person keeps at most maxSavedSearches, and each filter once.
func (m *Module) SaveSearch(ctx context.Context, id *auth.Identity, name string, f Filter) (*SavedSearch, error) {
	if id == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	name = text.OneLine(name)
	if utf8.RuneCountInString(name) > maxSavedSearchName {
		return nil, apperr.Field("name", "form.too_long")
	}
	f.Cursor = ""
	if !validFilter(f) {
		return nil, apperr.New(apperr.Invalid, "board.saved.bad_filter")
	}
	if name == "" {
		name = describeFilter(m.s.Catalog.Localizer(id.Lang), f)
	}
	now := m.s.Clock.Now()
	s := &SavedSearch{ID: ids.New(), UserID: id.UserID, Name: name, Query: f.Values().Encode(), Filter: f, Digest: true,
		CreatedAt: now}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var n, same int
		if err := tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN query = $2 THEN 1 ELSE 0 END), 0)
			FROM saved_searches WHERE user_id = $1`, id.UserID, s.Query).Scan(&n, &same); err != nil {
			return db.Err(err)
		}
		if same > 0 {
			return apperr.New(apperr.Conflict, "board.saved.duplicate")
		}
		if n >= maxSavedSearches {
			return apperr.New(apperr.Conflict, "board.saved.too_many")
		}
		// The column holds the hash of the newest unsubscribe link; no
		// mail has gone out yet, so this one is never shown.
		_, hash := secrets.New()
		_, err := tx.ExecContext(ctx, `INSERT INTO saved_searches (id, user_id, name, query, created_at, unsubscribe_hash, digest)
			VALUES ($1, $2, $3, $4, $5, $6, TRUE)`, s.ID, s.UserID, s.Name, s.Query, s.CreatedAt, hash)
		return db.Err(err)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// DeleteSavedSearch deletes one of the person's saved searches.
func (m *Module) DeleteSavedSearch(ctx context.Context, userID, id string) error {
	if !ids.Valid(id) || !ids.Valid(userID) {
		return apperr.New(apperr.NotFound, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM saved_searches WHERE id = $1 AND user_id = $2", id, userID)
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "")
		}
		return nil
	})
}

// SetDigest switches the daily mail of one of the person's saved searches.
func (m *Module) SetDigest(ctx context.Context, userID, id string, on bool) (*SavedSearch, error) {
	if !ids.Valid(id) || !ids.Valid(userID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE saved_searches SET digest = $1 WHERE id = $2 AND user_id = $3", on, id, userID)
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return m.SavedSearch(ctx, userID, id)
}

// searchByLink finds the saved search of an unsubscribe link; an unknown
// link, or one of a deleted search, is NotFound with a message saying so.
func searchByLink(ctx context.Context, q db.Querier, secret string) (*SavedSearch, error) {
	s, err := scanSaved(q.QueryRowContext(ctx, "SELECT "+prefixed("s.", savedColumns)+
		" FROM saved_search_links k JOIN saved_searches s ON s.id = k.search_id WHERE k.hash = $1", secrets.Hash(secret)))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.New(apperr.NotFound, "board.saved.link_invalid")
	}
	return s, err
}

// SetDigestByLink switches the digest of the saved search an unsubscribe
// link was mailed for, without logging in: off with one click, on again
// from the page that click opens.
func (m *Module) SetDigestByLink(ctx context.Context, secret string, on bool) (*SavedSearch, error) {
	var s *SavedSearch
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if s, err = searchByLink(ctx, tx, secret); err != nil {
			return err
		}
		s.Digest = on
		_, err = tx.ExecContext(ctx, "UPDATE saved_searches SET digest = $1 WHERE id = $2", on, s.ID)
		return db.Err(err)
	})
	return s, err
}

// SearchByLink returns the saved search whose digest a mailed link
// manages; NotFound for a link that was never sent.
func (m *Module) SearchByLink(ctx context.Context, secret string) (*SavedSearch, error) {
	return searchByLink(ctx, m.s.DB, secret)
}

// validFilter reports whether a filter names only things that exist, so
// a saved search can match something.
func validFilter(f Filter) bool {
	return utf8.RuneCountInString(f.Q) <= maxQueryLen && utf8.RuneCountInString(f.Near) <= maxQueryLen &&
		(f.Category == "" || taxonomy.Default().Valid(f.Category)) && (f.Lang == "" || text.ValidLanguage(f.Lang)) &&
		(f.OrgKind == "" || organization.ValidKind(f.OrgKind))
}

// prefixed puts a table alias before each column of a list.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// describeFilter names a filter in words: "Offers · Language course ·
// near Kassel (10 km)". An empty filter is "All listings".
func describeFilter(l *i18n.Localizer, f Filter) string {
	var parts []string
	if f.Q != "" {
		parts = append(parts, l.T("board.saved.describe.words", "Words", f.Q))
	}
	if f.Kind != "" {
		parts = append(parts, l.T("board.saved.describe."+string(f.Kind)))
	}
	if f.Category != "" {
		if name := taxonomy.Default().Name(f.Category, l.Lang()); name != "" {
			parts = append(parts, name)
		}
	}
	if f.Near != "" {
		r := f.RadiusKm
		if r == 0 {
			r = DefaultRadiusKm
		}
		parts = append(parts, l.T("board.saved.describe.near", "Place", f.Near, "Km", strconv.Itoa(r)))
	}
	if f.Lang != "" {
		parts = append(parts, l.T("board.saved.describe.lang", "Lang", spokenLangName(l, f.Lang)))
	}
	if f.Verified {
		parts = append(parts, l.T("board.saved.describe.verified"))
	}
	if len(parts) == 0 {
		return l.T("board.saved.describe.all")
	}
	s := strings.Join(parts, " · ")
	if utf8.RuneCountInString(s) > maxSavedSearchName {
		s = string([]rune(s)[:maxSavedSearchName-1]) + "…"
	}
	return s
}
