package audit

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
)

var t0 = time.Date(2026, 11, 21, 9, 30, 0, 123456000, time.UTC)

func sets() []db.Migrations { return []db.Migrations{Migrations()} }

func record(t *testing.T, q db.Querier, e Entry) {
	t.Helper()
	if err := Record(context.Background(), q, e); err != nil {
		t.Fatalf("record %s: %v", e.Action, err)
	}
}

func list(t *testing.T, q db.Querier, f Filter) []Logged {
	t.Helper()
	got, err := List(context.Background(), q, f)
	if err != nil {
		t.Fatalf("list %+v: %v", f, err)
	}
	return got
}

func actions(entries []Logged) string {
	var s []string
	for _, e := range entries {
		s = append(s, e.Action)
	}
	return strings.Join(s, ",")
}

func TestRecordAndRead(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		actor := ids.New()
		record(t, d, Entry{At: t0.In(time.FixedZone("CET", 3600)), ActorID: actor, Action: "organization.verify",
			ObjectType: "organization", ObjectID: "org-1",
			Details: map[string]any{"reason": "documents checked", "count": 3, "tags": []any{"a", "b"}}})
		record(t, d, Entry{At: t0.Add(time.Second), Action: "listing.expire", ObjectType: "listing", ObjectID: "l-1"})

		got := list(t, d, Filter{})
		if len(got) != 2 {
			t.Fatalf("%d entries, want 2", len(got))
		}
		system, verify := got[0], got[1]
		if system.ActorID != "" || system.Action != "listing.expire" || len(system.Details) != 0 {
			t.Errorf("system entry %+v", system)
		}
		if !ids.Valid(verify.ID) || verify.ID == system.ID {
			t.Errorf("ids %q, %q", verify.ID, system.ID)
		}
		want := Entry{At: t0, ActorID: actor, Action: "organization.verify", ObjectType: "organization", ObjectID: "org-1",
			Details: map[string]any{"reason": "documents checked", "count": float64(3), "tags": []any{"a", "b"}}}
		if !reflect.DeepEqual(verify.Entry, want) {
			t.Errorf("read back\n%+v\nwant\n%+v", verify.Entry, want)
		}
		if verify.At.Location() != time.UTC {
			t.Errorf("time not in UTC: %v", verify.At)
		}
	})
}

func TestRecordJoinsTheCallersTransaction(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		failed := errors.New("the action failed")
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			record(t, tx, Entry{At: t0, Action: "member.shares.change", ObjectType: "member", ObjectID: "m-1"})
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatalf("tx: %v", err)
		}
		if got := list(t, d, Filter{}); len(got) != 0 {
			t.Fatalf("rolled back entry was kept: %+v", got)
		}
		if err := d.Tx(ctx, func(tx *sql.Tx) error {
			return Record(ctx, tx, Entry{At: t0, Action: "member.shares.change", ObjectType: "member", ObjectID: "m-1"})
		}); err != nil {
			t.Fatal(err)
		}
		if got := list(t, d, Filter{}); len(got) != 1 {
			t.Fatalf("%d entries after commit, want 1", len(got))
		}
	})
}

func TestFilters(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		coordinator, volunteer := ids.New(), ids.New()
		for i, e := range []Entry{
			{ActorID: coordinator, Action: "organization.verify", ObjectType: "organization", ObjectID: "o1"},
			{ActorID: coordinator, Action: "organization.unverify", ObjectType: "organization", ObjectID: "o2"},
			{ActorID: volunteer, Action: "organizations_x.import", ObjectType: "organization", ObjectID: "o1"},
			{ActorID: volunteer, Action: "listing.remove", ObjectType: "listing", ObjectID: "o1"},
			{ActorID: coordinator, Action: "Organization.verify", ObjectType: "organization", ObjectID: "o1"},
		} {
			e.At = t0.Add(time.Duration(i) * time.Minute)
			record(t, d, e)
		}
		for _, c := range []struct {
			name string
			f    Filter
			want string
		}{
			{"all, newest first", Filter{}, "Organization.verify,listing.remove,organizations_x.import,organization.unverify,organization.verify"},
			{"actor", Filter{ActorID: volunteer}, "listing.remove,organizations_x.import"},
			{"object", Filter{ObjectType: "organization", ObjectID: "o1"}, "Organization.verify,organizations_x.import,organization.verify"},
			{"object type", Filter{ObjectType: "listing"}, "listing.remove"},
			{"action prefix", Filter{ActionPrefix: "organization."}, "organization.unverify,organization.verify"},
			{"prefix is literal and case-sensitive", Filter{ActionPrefix: "organization_"}, ""},
			{"prefix with wildcard characters", Filter{ActionPrefix: "organizations_"}, "organizations_x.import"},
			{"combined", Filter{ActorID: coordinator, ObjectID: "o1", ActionPrefix: "organization."}, "organization.verify"},
			{"limit", Filter{Limit: 2}, "Organization.verify,listing.remove"},
			{"no match", Filter{ActorID: ids.New()}, ""},
		} {
			if got := actions(list(t, d, c.f)); got != c.want {
				t.Errorf("%s: got %q, want %q", c.name, got, c.want)
			}
		}
	})
}

func TestPagingWithTiesInTime(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		// Entries 2, 3 and 4 share one instant; the id breaks the tie.
		offsets := []time.Duration{0, time.Second, 2 * time.Second, 2 * time.Second, 2 * time.Second, 3 * time.Second, 4 * time.Second}
		for i, off := range offsets {
			record(t, d, Entry{At: t0.Add(off), Action: "a." + string(rune('0'+i)), ObjectType: "x", ObjectID: "y"})
		}
		all := list(t, d, Filter{})
		if len(all) != len(offsets) {
			t.Fatalf("%d entries", len(all))
		}
		var paged []Logged
		var before *Cursor
		for page := 0; ; page++ {
			got := list(t, d, Filter{Limit: 3, Before: before})
			if len(got) == 0 {
				break
			}
			if page > len(offsets) {
				t.Fatal("paging does not end")
			}
			paged = append(paged, got...)
			// Go through the link form, as a browser would.
			c, err := ParseCursor(got[len(got)-1].Cursor().String())
			if err != nil {
				t.Fatal(err)
			}
			before = &c
		}
		if !reflect.DeepEqual(paged, all) {
			t.Errorf("pages\n%v\ndiffer from the whole list\n%v", actions(paged), actions(all))
		}
		for i := 1; i < len(all); i++ {
			prev, cur := all[i-1], all[i]
			if cur.At.After(prev.At) || (cur.At.Equal(prev.At) && cur.ID > prev.ID) {
				t.Errorf("not newest first at %d: %v %s after %v %s", i, prev.At, prev.ID, cur.At, cur.ID)
			}
		}
	})
}

func TestInvalidInput(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := Record(ctx, d, Entry{At: t0}); err == nil {
			t.Error("entry without action accepted")
		}
		if err := Record(ctx, d, Entry{Action: "x.y"}); err == nil {
			t.Error("entry without time accepted")
		}
		if err := Record(ctx, d, Entry{At: t0, Action: "x.y", Details: map[string]any{"f": func() {}}}); err == nil {
			t.Error("details that are no JSON accepted")
		}
	})
	for _, bad := range []string{"", "123", "abc_" + ids.New(), "123_not-a-uuid", "123-" + ids.New()} {
		if _, err := ParseCursor(bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("ParseCursor(%q): %v, want Invalid", bad, err)
		}
	}
	id := ids.New()
	c, err := ParseCursor(Cursor{At: time.UnixMicro(1795253400123456), ID: strings.ToUpper(id)}.String())
	if err != nil || c.ID != id || !c.At.Equal(time.UnixMicro(1795253400123456)) {
		t.Errorf("ParseCursor: %+v, %v", c, err)
	}
}
