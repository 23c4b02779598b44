package search

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// The index lives in tables of its own, the same on both engines:
//
//	search_meta      one row: the change counter gen, the next document and
//	                 term numbers, the number of live documents. Every write
//	                 to the index raises gen first, which also makes writers
//	                 take turns (the row is locked until the commit).
//	search_docs      one row per document, numbered n in the order they came;
//	                 what results show and filter by, its postings (to take
//	                 them out again) and its word sequence (for phrases).
//	                 A deleted document stays as a tombstone for the open
//	                 data feed.
//	search_terms     the dictionary: term, number of documents (df), and the
//	                 gen of the last change to its posting list.
//	search_blocks    the posting lists in blocks (see block.go).
//	search_trigrams  trigrams of word terms, for typo tolerance.
//
// Terms are words (see analyze.go) and, for filters and browsing, a few
// terms of the document's own: "@y:<type>", "@c:<category>" (for a
// subcategory also its top-level category), "@g:<cell>" and "@G:<cell>"
// for where it is (see geo.go).

var analyzers = sync.Pool{New: func() any { return newAnalyzer() }}

func getAnalyzer() *analyzer  { return analyzers.Get().(*analyzer) }
func putAnalyzer(a *analyzer) { analyzers.Put(a) }

// Limits on what a module hands over; longer text is cut.
const (
	maxTitle = 300
	maxBody  = 20000
	maxID    = 100
)

// checkDoc normalizes a document and refuses one a module should never
// hand over.
func checkDoc(types *docTypes, d *searchdoc.Doc) error {
	if types.code(d.Type) == 0 {
		return fmt.Errorf("search: unknown document type %q", d.Type)
	}
	if d.ID == "" || len(d.ID) > maxID || strings.ContainsAny(d.ID, " /?#") {
		return fmt.Errorf("search: invalid document id %q", d.ID)
	}
	switch d.Visibility {
	case searchdoc.Public, searchdoc.Members, searchdoc.Verified:
	default:
		return fmt.Errorf("search: %s %s: unknown visibility %q", d.Type, d.ID, d.Visibility)
	}
	if (d.Lat == nil) != (d.Lon == nil) || (d.Lat != nil && (math.IsNaN(*d.Lat) || math.Abs(*d.Lat) > 90 || math.IsNaN(*d.Lon) || math.Abs(*d.Lon) > 180)) {
		return fmt.Errorf("search: %s %s: invalid coordinates", d.Type, d.ID)
	}
	d.Title = cut(normalizeText(strings.TrimSpace(d.Title)), maxTitle)
	d.Body = cut(normalizeText(strings.TrimSpace(d.Body)), maxBody)
	d.Lang = text.CanonicalLanguage(d.Lang)
	langs := []string{}
	for _, l := range d.Langs {
		if l = text.CanonicalLanguage(l); l != "" && len(l) <= 8 && !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	d.Langs = langs
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	for _, t := range []**time.Time{&d.ExpiresAt, &d.Deadline, &d.Start, &d.End, &d.ShownFrom} {
		if *t != nil {
			u := (*t).UTC()
			*t = &u
		}
	}
	return nil
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// meta is the row of search_meta.
type meta struct {
	gen, nextN, nextTerm, docs int64
}

// lockMeta raises gen and returns the row; the row stays locked for the
// rest of the transaction, so index writers take turns.
func lockMeta(ctx context.Context, tx *sql.Tx) (*meta, error) {
	m := &meta{}
	err := tx.QueryRowContext(ctx, "UPDATE search_meta SET gen = gen + 1 WHERE id = 1 RETURNING gen, next_n, next_term, docs").
		Scan(&m.gen, &m.nextN, &m.nextTerm, &m.docs)
	return m, db.Err(err)
}

func (m *meta) save(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "UPDATE search_meta SET next_n = $1, next_term = $2, docs = $3 WHERE id = 1",
		m.nextN, m.nextTerm, m.docs)
	return db.Err(err)
}

// stored is what the index keeps of a document it has.
type stored struct {
	n         int64
	deleted   bool
	wasPublic bool
	postings  map[int64]uint8 // term id → bucket
}

func storedDoc(ctx context.Context, q db.Querier, docType, id string) (*stored, error) {
	s := &stored{}
	var terms []byte
	err := q.QueryRowContext(ctx, "SELECT n, deleted, was_public, terms FROM search_docs WHERE type = $1 AND id = $2",
		docType, id).Scan(&s.n, &s.deleted, &s.wasPublic, &terms)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, db.Err(err)
	}
	if s.postings, err = decodePostings(terms); err != nil {
		return nil, err
	}
	return s, nil
}

// encodePostings writes a document's postings as uvarint pairs: term id
// (ascending, as a difference to the previous) and bucket.
func encodePostings(p map[int64]uint8) []byte {
	ids := make([]int64, 0, len(p))
	for id := range p {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	buf := make([]byte, 0, len(ids)*3)
	var prev int64
	for _, id := range ids {
		buf = binary.AppendUvarint(buf, uint64(id-prev))
		buf = append(buf, p[id])
		prev = id
	}
	return buf
}

func decodePostings(b []byte) (map[int64]uint8, error) {
	out := map[int64]uint8{}
	var id int64
	for len(b) > 0 {
		d, k := binary.Uvarint(b)
		if k <= 0 || len(b) < k+1 {
			return nil, errBadBlock
		}
		id += int64(d)
		out[id] = b[k]
		b = b[k+1:]
	}
	return out, nil
}

// docTerms returns every term of a document with its bucket: its words
// and its own filter terms.
func docTerms(a *analyzer, d *searchdoc.Doc) analyzed {
	an := a.analyzeDoc(d.Title, d.Body, d.Lang, d.Place, d.Postcode)
	for _, t := range filterTerms(d) {
		an.terms[t] = bucketMeta
	}
	return an
}

// filterTerms are the terms a document has for browsing and filtering.
func filterTerms(d *searchdoc.Doc) []string {
	out := []string{"@y:" + d.Type}
	if d.Category != "" {
		out = append(out, "@c:"+d.Category)
		if top := taxonomy.Default().TopOf(d.Category); top != "" && top != d.Category {
			out = append(out, "@c:"+top)
		}
	}
	if d.Lat != nil {
		out = append(out, cellTerm(fineCell(*d.Lat, *d.Lon)), cellTerm(coarseCell(*d.Lat, *d.Lon)))
	}
	return out
}

// Put adds the document, or replaces the one with its type and id, in the
// caller's transaction (see searchdoc.Indexer).
func (m *Module) Put(ctx context.Context, tx *sql.Tx, d searchdoc.Doc) error {
	if err := checkDoc(m.types, &d); err != nil {
		return err
	}
	mt, err := lockMeta(ctx, tx)
	if err != nil {
		return err
	}
	old, err := storedDoc(ctx, tx, d.Type, d.ID)
	if err != nil {
		return err
	}
	a := getAnalyzer()
	an := docTerms(a, &d)
	putAnalyzer(a)

	ids, err := termIDs(ctx, tx, mt, an.terms)
	if err != nil {
		return err
	}
	postings := make(map[int64]uint8, len(an.terms))
	for t, b := range an.terms {
		postings[ids[t]] = b
	}
	var n int64
	var before map[int64]uint8
	wasPublic := d.Visibility == searchdoc.Public
	switch {
	case old == nil:
		n = mt.nextN
		mt.nextN++
		mt.docs++
	default:
		n = old.n
		before = old.postings
		wasPublic = wasPublic || old.wasPublic
		if old.deleted {
			mt.docs++
		}
	}
	if err := applyPostings(ctx, tx, mt.gen, uint32(n), before, postings); err != nil {
		return err
	}
	if err := writeDoc(ctx, tx, n, old != nil, mt.gen, m.s.Clock.Now(), wasPublic, &d, encodePostings(postings), encodeSeq(an.seq)); err != nil {
		return err
	}
	return mt.save(ctx, tx)
}

// Delete takes a document out of the index in the caller's transaction,
// leaving a tombstone; an unknown or deleted document is no error.
func (m *Module) Delete(ctx context.Context, tx *sql.Tx, docType, id string) error {
	old, err := storedDoc(ctx, tx, docType, id)
	if err != nil || old == nil || old.deleted {
		return err
	}
	mt, err := lockMeta(ctx, tx)
	if err != nil {
		return err
	}
	// Read again under the lock: another writer may have changed it.
	if old, err = storedDoc(ctx, tx, docType, id); err != nil || old == nil || old.deleted {
		return err
	}
	if err := applyPostings(ctx, tx, mt.gen, uint32(old.n), old.postings, nil); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE search_docs SET deleted = TRUE, gen = $1, modified_at = $2, title = '', body = '',
		url = '', postcode = '', place = '', lat = NULL, lon = NULL, terms = $3, seq = $3 WHERE n = $4`,
		mt.gen, m.s.Clock.Now(), []byte{}, old.n)
	if err != nil {
		return db.Err(err)
	}
	mt.docs--
	return mt.save(ctx, tx)
}

// termIDs returns the ids of terms, creating the missing ones (with their
// trigrams).
func termIDs(ctx context.Context, tx *sql.Tx, mt *meta, terms map[string]uint8) (map[string]int64, error) {
	list := make([]string, 0, len(terms))
	for t := range terms {
		list = append(list, t)
	}
	slices.Sort(list)
	ids := make(map[string]int64, len(list))
	for start := 0; start < len(list); start += 200 {
		in, args := db.In(1, list[start:min(start+200, len(list))])
		rows, err := tx.QueryContext(ctx, "SELECT id, term FROM search_terms WHERE term IN ("+in+")", args...)
		err = db.Each(rows, err, func(row db.Scanner) error {
			var id int64
			var t string
			err := row.Scan(&id, &t)
			ids[t] = id
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	for _, t := range list {
		if _, ok := ids[t]; ok {
			continue
		}
		id := mt.nextTerm
		mt.nextTerm++
		if _, err := tx.ExecContext(ctx, "INSERT INTO search_terms (id, term, df, gen) VALUES ($1, $2, 0, $3)", id, t, mt.gen); err != nil {
			return nil, db.Err(err)
		}
		for _, tri := range trigramsOf(t) {
			if _, err := tx.ExecContext(ctx, "INSERT INTO search_trigrams (tri, len, term) VALUES ($1, $2, $3)",
				tri, utf8.RuneCountInString(t), id); err != nil {
				return nil, db.Err(err)
			}
		}
		ids[t] = id
	}
	return ids, nil
}

// applyPostings changes the posting lists from before to after (term id →
// bucket) for document n, and keeps df and gen of the terms touched.
func applyPostings(ctx context.Context, tx *sql.Tx, gen int64, n uint32, before, after map[int64]uint8) error {
	touched := make([]int64, 0, len(before)+len(after))
	for id := range before {
		touched = append(touched, id)
	}
	for id := range after {
		if _, ok := before[id]; !ok {
			touched = append(touched, id)
		}
	}
	slices.Sort(touched)
	for _, id := range touched {
		ob, had := before[id]
		nb, has := after[id]
		if had && has && ob == nb {
			continue
		}
		if had {
			if err := removePosting(ctx, tx, id, rankOf(ob, n)); err != nil {
				return err
			}
		}
		if has {
			if err := addPosting(ctx, tx, id, rankOf(nb, n)); err != nil {
				return err
			}
		}
		df := 0
		switch {
		case had && !has:
			df = -1
		case has && !had:
			df = 1
		}
		if _, err := tx.ExecContext(ctx, "UPDATE search_terms SET df = df + $1, gen = $2 WHERE id = $3", df, gen, id); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// blockAt returns the block of term that holds rank (the one with the
// greatest lo not above it); below every block it returns the lowest one.
// ok is false when the term has no block.
func blockAt(ctx context.Context, tx *sql.Tx, term, rank int64) (lo int64, ranks []int64, ok bool, err error) {
	var data []byte
	err = tx.QueryRowContext(ctx, "SELECT lo, data FROM search_blocks WHERE term = $1 AND lo <= $2 ORDER BY lo DESC LIMIT 1",
		term, rank).Scan(&lo, &data)
	if err == sql.ErrNoRows {
		err = tx.QueryRowContext(ctx, "SELECT lo, data FROM search_blocks WHERE term = $1 ORDER BY lo LIMIT 1", term).Scan(&lo, &data)
	}
	if err == sql.ErrNoRows {
		return 0, nil, false, nil
	}
	if err != nil {
		return 0, nil, false, db.Err(err)
	}
	ranks, err = blockRanks(data)
	return lo, ranks, true, err
}

func addPosting(ctx context.Context, tx *sql.Tx, term, rank int64) error {
	lo, ranks, ok, err := blockAt(ctx, tx, term, rank)
	if err != nil {
		return err
	}
	if !ok {
		_, err := tx.ExecContext(ctx, "INSERT INTO search_blocks (term, lo, data) VALUES ($1, $2, $3)", term, rank, encodeBlock([]int64{rank}))
		return db.Err(err)
	}
	i, found := slices.BinarySearchFunc(ranks, rank, func(a, b int64) int { return cmpDesc(a, b) })
	if found {
		return nil
	}
	ranks = slices.Insert(ranks, i, rank)
	newLo := min(lo, rank)
	if len(ranks) > maxBlock {
		// The upper half moves to a block of its own.
		half := len(ranks) / 2
		upper, lower := ranks[:half], ranks[half:]
		if _, err := tx.ExecContext(ctx, "INSERT INTO search_blocks (term, lo, data) VALUES ($1, $2, $3)",
			term, upper[len(upper)-1], encodeBlock(upper)); err != nil {
			return db.Err(err)
		}
		ranks = lower
	}
	_, err = tx.ExecContext(ctx, "UPDATE search_blocks SET lo = $1, data = $2 WHERE term = $3 AND lo = $4",
		newLo, encodeBlock(ranks), term, lo)
	return db.Err(err)
}

func removePosting(ctx context.Context, tx *sql.Tx, term, rank int64) error {
	lo, ranks, ok, err := blockAt(ctx, tx, term, rank)
	if err != nil || !ok {
		return err
	}
	i, found := slices.BinarySearchFunc(ranks, rank, func(a, b int64) int { return cmpDesc(a, b) })
	if !found {
		return nil
	}
	ranks = slices.Delete(ranks, i, i+1)
	if len(ranks) == 0 {
		_, err = tx.ExecContext(ctx, "DELETE FROM search_blocks WHERE term = $1 AND lo = $2", term, lo)
		return db.Err(err)
	}
	_, err = tx.ExecContext(ctx, "UPDATE search_blocks SET data = $1 WHERE term = $2 AND lo = $3", encodeBlock(ranks), term, lo)
	return db.Err(err)
}

// cmpDesc orders ranks highest first.
func cmpDesc(a, b int64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// encodeSeq writes a word sequence as little-endian uint32s.
func encodeSeq(seq []uint32) []byte {
	b := make([]byte, 4*len(seq))
	for i, h := range seq {
		binary.LittleEndian.PutUint32(b[4*i:], h)
	}
	return b
}

func decodeSeq(b []byte) []uint32 {
	out := make([]uint32, len(b)/4)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

const docColumns = `type, id, gen, modified_at, deleted, was_public, visibility, category, lang, langs, org_kind, verified,
	postcode, place, lat, lon, created_at, updated_at, expires_at, deadline, starts_at, ends_at, shown_from, title, body, url, terms, seq`

func writeDoc(ctx context.Context, tx *sql.Tx, n int64, exists bool, gen int64, now time.Time, wasPublic bool,
	d *searchdoc.Doc, terms, seq []byte) error {
	args := []any{d.Type, d.ID, gen, now.UTC(), false, wasPublic, d.Visibility, d.Category, d.Lang,
		strings.Join(d.Langs, ","), d.OrgKind, d.Verified, d.Postcode, d.Place, d.Lat, d.Lon, d.CreatedAt, d.UpdatedAt,
		d.ExpiresAt, d.Deadline, d.Start, d.End, d.ShownFrom, d.Title, d.Body, d.URL, terms, seq, n}
	var q string
	if exists {
		cols := strings.Split(strings.Join(strings.Fields(docColumns), ""), ",")
		set := make([]string, len(cols))
		for i, c := range cols {
			set[i] = c + " = $" + strconv.Itoa(i+1)
		}
		q = "UPDATE search_docs SET " + strings.Join(set, ", ") + " WHERE n = $" + strconv.Itoa(len(cols)+1)
	} else {
		values, _ := db.In(1, args)
		q = "INSERT INTO search_docs (" + docColumns + ", n) VALUES (" + values + ")"
	}
	_, err := tx.ExecContext(ctx, q, args...)
	return db.Err(err)
}
