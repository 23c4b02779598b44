// Package audit keeps the log of consequential actions: who verified an
// organisation, who removed a post, who changed a member's shares. Entries
// are written in the same transaction as the action, so the log never
// claims what did not happen nor misses what did.
//
// The log stays when an account is deleted: actor ids then point nowhere,
// and pages show such actors as a deleted user.
package audit

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/paging"
)

//go:embed migrations
var migrations embed.FS

// Migrations creates the audit_log table.
func Migrations() db.Migrations {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return db.Migrations{Module: "audit", FS: fsys}
}

// Entry is one logged action. ActorID is empty for actions of the system
// itself (jobs, expiry). Action names the module first, as in
// "organization.verify". Details holds what a reader needs to understand
// the action later, such as a reason or the old and new value; it is stored
// as JSON, so numbers come back as float64.
type Entry struct {
	At         time.Time
	ActorID    string
	Action     string
	ObjectType string
	ObjectID   string
	Details    map[string]any
}

// Logged is an entry as stored, with its id.
type Logged struct {
	ID string
	Entry
}

// Cursor marks a place in the log for the next page: the time and id of
// the last entry shown.
func (l Logged) Cursor() Cursor { return Cursor{At: l.At, ID: l.ID} }

// Record writes e with q, which should be the transaction of the action.
func Record(ctx context.Context, q db.Querier, e Entry) error {
	if e.Action == "" || e.At.IsZero() {
		return apperr.Wrap(apperr.Internal, fmt.Errorf("audit: entry needs an action and a time: %+v", e))
	}
	details := []byte("{}")
	if len(e.Details) > 0 {
		var err error
		if details, err = json.Marshal(e.Details); err != nil {
			return apperr.Wrap(apperr.Internal, fmt.Errorf("audit: details of %s: %w", e.Action, err))
		}
	}
	_, err := q.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_id, action, object_type, object_id, details)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		ids.New(), e.At.UTC().Truncate(time.Microsecond), db.NullString(e.ActorID), e.Action, e.ObjectType, e.ObjectID, string(details))
	return db.Err(err)
}

// Filter selects entries; empty fields do not restrict. ActionPrefix
// "organization." selects all actions on organisations.
type Filter struct {
	ActorID      string
	ObjectType   string
	ObjectID     string
	ActionPrefix string
	Limit        int     // DefaultLimit when 0, at most MaxLimit
	Before       *Cursor // the next page starts after this entry
}

const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// List returns entries newest first.
func List(ctx context.Context, q db.Querier, f Filter) ([]Logged, error) {
	query, args := f.query()
	rows, err := q.QueryContext(ctx, query, args...)
	return db.Collect(rows, err, scan)
}

func (f Filter) query() (string, []any) {
	var w db.Where
	if f.ActorID != "" {
		w.Add("actor_id = ?", f.ActorID)
	}
	if f.ObjectType != "" {
		w.Add("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		w.Add("object_id = ?", f.ObjectID)
	}
	if f.ActionPrefix != "" {
		// substr, unlike LIKE, treats % and _ literally and is
		// case-sensitive on both engines.
		w.Add("substr(action, 1, ?) = ?", utf8.RuneCountInString(f.ActionPrefix), f.ActionPrefix)
	}
	if f.Before != nil {
		w.Add("(at, id) < (?, ?)", f.Before.At.UTC(), f.Before.ID)
	}
	query := "SELECT id, at, actor_id, action, object_type, object_id, details FROM audit_log" + w.SQL() +
		" ORDER BY at DESC, id DESC LIMIT " + w.Arg(f.limit())
	return query, w.Args()
}

func (f Filter) limit() int {
	switch {
	case f.Limit <= 0:
		return DefaultLimit
	case f.Limit > MaxLimit:
		return MaxLimit
	}
	return f.Limit
}

func scan(s db.Scanner) (Logged, error) {
	var l Logged
	var actor *string
	var details string
	if err := s.Scan(&l.ID, &l.At, &actor, &l.Action, &l.ObjectType, &l.ObjectID, &details); err != nil {
		return Logged{}, db.Err(err)
	}
	l.At = l.At.UTC()
	if actor != nil {
		l.ActorID = *actor
	}
	if err := json.Unmarshal([]byte(details), &l.Details); err != nil {
		return Logged{}, apperr.Wrap(apperr.Internal, fmt.Errorf("audit: details of %s: %w", l.ID, err))
	}
	return l, nil
}

// Cursor is a place in the log, newest first.
type Cursor struct {
	At time.Time
	ID string
}

// order names the log's order, newest first, for cursors.
const order = "audit.log"

// String encodes the cursor for a "next page" link.
func (c Cursor) String() string { return paging.New(order).Time(c.At).ID(c.ID).String() }

// ParseCursor reads what Cursor.String wrote; anything else from a link is
// a bad cursor.
func ParseCursor(s string) (Cursor, error) {
	r := paging.Read(order, s)
	c := Cursor{At: r.Time(), ID: r.ID()}
	return c, r.Err()
}
