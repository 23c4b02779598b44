package paging_test

import (
	"encoding/base64"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/paging"
)

const order = "test.mixed"

var (
	at  = time.Date(2026, 12, 17, 23, 0, 0, 123_456_000, time.UTC)
	id  = "0190a0a0-1234-7abc-8def-0123456789ab"
	key = "fahrräder مرکز"
)

func mixed() string {
	return paging.New(order).Time(at).Int(-42).Float(0.000123).Text(key).ID(id).String()
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	s := mixed()
	if url.QueryEscape(s) != s {
		t.Errorf("cursor %q needs escaping in a URL", s)
	}
	r := paging.Read(order, s)
	gotAt, gotN, gotF, gotKey, gotID := r.Time(), r.Int(), r.Float(), r.Text(), r.ID()
	if err := r.Err(); err != nil {
		t.Fatalf("Read(%q): %v", s, err)
	}
	if !gotAt.Equal(at) || gotAt.Location() != time.UTC || gotN != -42 || gotF != 0.000123 || gotKey != key || gotID != id {
		t.Errorf("read back %v %d %v %q %q", gotAt, gotN, gotF, gotKey, gotID)
	}

	// Ids come back in lower case, as they are stored.
	r = paging.Read("test.id", paging.New("test.id").ID(strings.ToUpper(id)).String())
	if got := r.ID(); got != id || r.Err() != nil {
		t.Errorf("upper-case id read back as %q, %v", got, r.Err())
	}
	// Extremes of each kind.
	r = paging.Read("test.extremes", paging.New("test.extremes").Time(time.Time{}).Int(math.MinInt64).
		Int(math.MaxInt64).Float(-math.MaxFloat64).Text("").String())
	if r.Time() != (time.Time{}) || r.Int() != math.MinInt64 || r.Int() != math.MaxInt64 ||
		r.Float() != -math.MaxFloat64 || r.Text() != "" || r.Err() != nil {
		t.Errorf("extremes did not read back: %v", r.Err())
	}
}

// Whatever the damage, a cursor that does not read back as written is bad.
func TestBadCursors(t *testing.T) {
	t.Parallel()
	good := mixed()
	raw, _ := base64.RawURLEncoding.DecodeString(good)
	bad := map[string]string{
		"empty":              "",
		"not base64":         "n.1.nope",
		"too short":          "AAE",
		"cut short":          good[:len(good)-3],
		"one char more":      good + "A",
		"another order":      paging.New("test.other").Time(at).Int(-42).Float(0.000123).Text(key).ID(id).String(),
		"too long":           strings.Repeat("A", paging.MaxLen+1),
		"old board format":   "n.1700000000000000.0190a0a0-1234-7abc-8def-0123456789ab",
		"padding":            good + "==",
		"not a finite float": paging.New(order).Time(at).Int(-42).Float(math.NaN()).Text(key).ID(id).String(),
		"no id":              paging.New(order).Time(at).Int(-42).Float(0.000123).Text(key).ID("not-an-id").String(),
	}
	for i := range raw {
		for _, flip := range []byte{0x01, 0x80, 0xff} {
			b := []byte(string(raw))
			b[i] ^= flip
			if s := base64.RawURLEncoding.EncodeToString(b); readMixed(s) == nil {
				t.Errorf("byte %d xor %#x was not noticed", i, flip)
			}
		}
	}
	for name, s := range bad {
		if err := readMixed(s); !paging.IsBadCursor(err) {
			t.Errorf("%s (%q): %v, want a bad cursor", name, s, err)
		}
	}

	// Read with another layout than written.
	r := paging.Read(order, good)
	r.Int()
	if !paging.IsBadCursor(r.Err()) {
		t.Error("an int read where a time was written")
	}
	r = paging.Read(order, good)
	r.Time()
	if !paging.IsBadCursor(r.Err()) {
		t.Error("values left unread")
	}
	r = paging.Read(order, good)
	r.Time()
	r.Int()
	r.Float()
	r.Text()
	r.ID()
	r.ID()
	if !paging.IsBadCursor(r.Err()) {
		t.Error("a value read past the end")
	}
}

func readMixed(s string) error {
	r := paging.Read(order, s)
	r.Time()
	r.Int()
	r.Float()
	r.Text()
	r.ID()
	return r.Err()
}

// A bad cursor is a field error on the query parameter, as problem JSON
// names it, with one message for every list.
func TestBadCursorError(t *testing.T) {
	t.Parallel()
	err := paging.BadCursor()
	if apperr.CodeOf(err) != apperr.Invalid || err.Fields["query.cursor"] != "error.bad_cursor" || apperr.MessageID(err) != "error.bad_cursor" {
		t.Errorf("BadCursor = %+v", err)
	}
	if !paging.IsBadCursor(err) || paging.IsBadCursor(nil) || paging.IsBadCursor(apperr.Field("cursor", "x")) ||
		paging.IsBadCursor(apperr.New(apperr.Invalid, "")) {
		t.Error("IsBadCursor does not tell a bad cursor from other errors")
	}
}

func TestFirstPage(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"/board?q=Fahrrad&cursor=abc&sort=newest": "/board?q=Fahrrad&sort=newest",
		"/organizations?cursor=abc":               "/organizations",
		"/pledges":                                "/pledges",
		"/search?q=%C3%BC+x&cursor=a&cursor=b":    "/search?q=%C3%BC+x",
	} {
		u, _ := url.Parse(raw)
		if got := paging.FirstPage(u); got != want {
			t.Errorf("FirstPage(%s) = %s, want %s", raw, got, want)
		}
	}
}

func TestOffset(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ page, perPage, want int }{
		{1, 50, 0},
		{3, 50, 100},
		{0, 50, 0},
		{-7, 50, 0},
		{math.MaxInt, 1, math.MaxInt - 1},
		{math.MaxInt, 50, math.MaxInt},
		{math.MaxInt/200 + 2, 200, math.MaxInt},
	} {
		if got := paging.Offset(c.page, c.perPage); got != c.want {
			t.Errorf("Offset(%d, %d) = %d, want %d", c.page, c.perPage, got, c.want)
		}
	}
}

// FuzzDecode: no text makes Read panic, and what reads without error
// reads the same again once written back.
func FuzzDecode(f *testing.F) {
	f.Add(mixed())
	f.Add("")
	f.Add("n.1700000000000000.0190a0a0-1234-7abc-8def-0123456789ab")
	f.Fuzz(func(t *testing.T, s string) {
		r := paging.Read(order, s)
		at, n, x, key, id := r.Time(), r.Int(), r.Float(), r.Text(), r.ID()
		if r.Err() != nil {
			return
		}
		again := paging.Read(order, paging.New(order).Time(at).Int(n).Float(x).Text(key).ID(id).String())
		if at2, n2, x2, key2, id2 := again.Time(), again.Int(), again.Float(), again.Text(), again.ID(); again.Err() != nil ||
			!at2.Equal(at) || n2 != n || x2 != x || key2 != key || id2 != id {
			t.Errorf("%q read as %v %d %v %q %q, which do not read back", s, at, n, x, key, id)
		}
	})
}
