// Package paging is the one cursor codec of teilhabe's keyset lists, on
// pages and in the API alike, and the one rule for a cursor that does not
// read back.
//
// A list ordered by some sort values and the id hands out, with each page
// but the last, a cursor: the position of the page's last item in that
// order. The next page starts after it. The cursor is opaque text, safe in
// a URL without escaping, and it carries a check over the order it was made
// for, so a cursor cut short, changed by hand or taken from another list or
// another order is refused instead of starting somewhere unexpected. The
// check guards against mistakes, not forgery: a made-up cursor can only
// move the position within a list its bearer may read anyway.
//
//	next := paging.New("board.newest").Time(last.CreatedAt).ID(last.ID).String()
//
//	r := paging.Read("board.newest", q.Get(paging.Param))
//	at, id := r.Time(), r.ID()
//	if err := r.Err(); err != nil {
//		return err // BadCursor
//	}
//
// A bad cursor is an Invalid error naming the query parameter (see
// BadCursor): the API answers 422 problem JSON with the location
// "query.cursor", and a page answers with the error page, which links to
// the list's first page (the same address without the cursor).
//
// Lists paged by number (the HSDS export, the conversation list, the
// moderation queue) take the page number through Offset, which keeps the
// arithmetic from overflowing: a page past the end is an empty page.
package paging

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"math"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"teilhabe.org/teilhabe/internal/apperr"
)

// Param is the query parameter that carries a cursor.
const Param = "cursor"

// MaxLen bounds the length of a cursor as text; a longer one is bad
// without being decoded.
const MaxLen = 512

// The kinds of values, each written before its value, so a cursor read
// with another layout than it was written with is refused.
const (
	kindTime  = 't'
	kindInt   = 'i'
	kindFloat = 'f'
	kindText  = 's'
	kindID    = 'u'
)

const checkLen = 4

// Writer builds a cursor for one order. Its methods append the sort values
// of the last item in the order they are compared.
type Writer struct {
	order string
	b     []byte
}

// New starts a cursor for the order named order: a name unique in the
// platform, such as "board.newest" or "organizations.name".
func New(order string) *Writer { return &Writer{order: order} }

// Time appends an instant, to the microsecond, as the databases keep it.
func (w *Writer) Time(t time.Time) *Writer {
	w.b = binary.AppendVarint(append(w.b, kindTime), t.UnixMicro())
	return w
}

// Int appends a whole number.
func (w *Writer) Int(n int64) *Writer {
	w.b = binary.AppendVarint(append(w.b, kindInt), n)
	return w
}

// Float appends a number with a fraction (a distance).
func (w *Writer) Float(f float64) *Writer {
	w.b = binary.BigEndian.AppendUint64(append(w.b, kindFloat), math.Float64bits(f))
	return w
}

// Text appends a string (a folded name).
func (w *Writer) Text(s string) *Writer {
	w.b = append(binary.AppendUvarint(append(w.b, kindText), uint64(len(s))), s...)
	return w
}

// ID appends an id (a UUID) in its 16 bytes. Something that is no UUID is
// kept as text, which ID will not read back: the next page then fails
// with a bad cursor instead of starting at a wrong place.
func (w *Writer) ID(id string) *Writer {
	u, err := uuid.Parse(id)
	if err != nil || len(id) != 36 {
		return w.Text(id)
	}
	w.b = append(append(w.b, kindID), u[:]...)
	return w
}

// String is the cursor as URL-safe text.
func (w *Writer) String() string {
	b := binary.BigEndian.AppendUint32(bytes.Clone(w.b), check(w.order, w.b))
	return base64.RawURLEncoding.EncodeToString(b)
}

// check ties a cursor's bytes to its order.
func check(order string, payload []byte) uint32 {
	h := crc32.NewIEEE()
	h.Write([]byte(order))
	h.Write([]byte{0})
	h.Write(payload)
	return h.Sum32()
}

// Reader reads the values of a cursor back in the order they were
// written. After the first value that does not read, every read returns
// the zero value and Err reports a bad cursor.
type Reader struct {
	b   []byte
	bad bool
}

// Read opens the cursor s made for order. Reading a bad cursor does not
// fail at once: check Err after the last value.
func Read(order, s string) *Reader {
	if s == "" || len(s) > MaxLen {
		return &Reader{bad: true}
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < checkLen {
		return &Reader{bad: true}
	}
	payload, sum := b[:len(b)-checkLen], binary.BigEndian.Uint32(b[len(b)-checkLen:])
	if check(order, payload) != sum {
		return &Reader{bad: true}
	}
	return &Reader{b: payload}
}

// Err is BadCursor when a value did not read or values are left over,
// else nil.
func (r *Reader) Err() error {
	if r.bad || len(r.b) > 0 {
		return BadCursor()
	}
	return nil
}

// kind consumes the kind byte k, or marks the reader bad.
func (r *Reader) kind(k byte) bool {
	if r.bad || len(r.b) == 0 || r.b[0] != k {
		r.bad = true
		return false
	}
	r.b = r.b[1:]
	return true
}

func (r *Reader) varint() int64 {
	n, size := binary.Varint(r.b)
	if size <= 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[size:]
	return n
}

// Time reads an instant, in UTC.
func (r *Reader) Time() time.Time {
	if !r.kind(kindTime) {
		return time.Time{}
	}
	micros := r.varint()
	if r.bad {
		return time.Time{}
	}
	return time.UnixMicro(micros).UTC()
}

// Int reads a whole number.
func (r *Reader) Int() int64 {
	if !r.kind(kindInt) {
		return 0
	}
	return r.varint()
}

// Float reads a finite number.
func (r *Reader) Float() float64 {
	if !r.kind(kindFloat) || len(r.b) < 8 {
		r.bad = true
		return 0
	}
	f := math.Float64frombits(binary.BigEndian.Uint64(r.b))
	r.b = r.b[8:]
	if math.IsNaN(f) || math.IsInf(f, 0) {
		r.bad = true
		return 0
	}
	return f
}

// Text reads a string of valid UTF-8.
func (r *Reader) Text() string {
	if !r.kind(kindText) {
		return ""
	}
	n, size := binary.Uvarint(r.b)
	if size <= 0 || n > uint64(len(r.b)-size) {
		r.bad = true
		return ""
	}
	s := string(r.b[size : size+int(n)])
	r.b = r.b[size+int(n):]
	if !utf8.ValidString(s) {
		r.bad = true
		return ""
	}
	return s
}

// ID reads an id in its canonical lower-case form, as ids are stored.
func (r *Reader) ID() string {
	if !r.kind(kindID) || len(r.b) < 16 {
		r.bad = true
		return ""
	}
	id := uuid.UUID(r.b[:16]).String()
	r.b = r.b[16:]
	return id
}

// badCursorMsg explains a bad cursor; the page's error view and problem
// JSON show it.
const badCursorMsg = "error.bad_cursor"

// field names the query parameter with its location, as problem JSON
// names the places of errors.
const field = "query." + Param

// BadCursor is the error for a cursor that does not read back: Invalid,
// with the message error.bad_cursor for the query parameter cursor.
func BadCursor() *apperr.Error {
	return &apperr.Error{Code: apperr.Invalid, Msg: badCursorMsg, Fields: map[string]string{field: badCursorMsg}}
}

// IsBadCursor reports whether err is (or wraps) BadCursor.
func IsBadCursor(err error) bool {
	return err != nil && apperr.As(err).Fields[field] == badCursorMsg
}

// FirstPage is the address of a list's first page: u without its cursor,
// every other parameter (the filter, the order) kept.
func FirstPage(u *url.URL) string {
	q := u.Query()
	q.Del(Param)
	first := url.URL{Path: u.Path, RawQuery: q.Encode()}
	return first.String()
}

// Offset returns how many items come before page number page (counted
// from 1) of perPage items. A page below 1 counts as the first. A page so
// far past the end that the count would overflow gives math.MaxInt: an
// offset past every list, so the page is empty rather than a wrapped-around
// number reading some other page or failing in the database.
func Offset(page, perPage int) int {
	if page < 1 || perPage < 1 {
		return 0
	}
	if page-1 > math.MaxInt/perPage {
		return math.MaxInt
	}
	return (page - 1) * perPage
}
