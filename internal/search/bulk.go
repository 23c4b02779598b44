package search

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// Rebuilding: Rebuild replaces the whole index with the documents a feed
// yields, much faster than one Put each: the text is analysed on every
// core, posting lists are gathered in memory and written once, sorted,
// in full blocks. It is for "teilhabe search reindex" and for loading a
// benchmark corpus; writers that change the index meanwhile are lost, so
// it belongs to a maintenance window.

// RebuildStats tell what a rebuild did.
type RebuildStats struct {
	Docs     int
	Terms    int
	Postings int64
	Blocks   int
	Elapsed  time.Duration
}

// bulkFill is how full a rebuild packs blocks, leaving room for changes.
const bulkFill = maxBlock * 3 / 4

// maxBulkN is the largest document number a rebuild packs in memory.
const maxBulkN = 1<<30 - 1

// Feed yields documents in the order they were created.
type Feed func(yield func(searchdoc.Doc) error) error

// FromSources feeds the documents of every source added with AddSource,
// one source after the other.
func (m *Module) FromSources(ctx context.Context) Feed {
	return func(yield func(searchdoc.Doc) error) error {
		for _, s := range m.sources {
			if err := s.SearchDocs(ctx, yield); err != nil {
				return err
			}
		}
		return nil
	}
}

type analyzedDoc struct {
	seq int
	d   searchdoc.Doc
	an  analyzed
	err error
}

// Rebuild replaces the index with the documents feed yields.
func (m *Module) Rebuild(ctx context.Context, feed Feed) (RebuildStats, error) {
	began := time.Now()
	var st RebuildStats
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		mt, err := lockMeta(ctx, tx)
		if err != nil {
			return err
		}
		for _, stmt := range []string{"DELETE FROM search_docs", "DELETE FROM search_terms", "DELETE FROM search_blocks",
			"DELETE FROM search_trigrams", "DROP INDEX search_docs_key", "DROP INDEX search_docs_gen", "DROP INDEX search_docs_modified"} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("%s: %w", stmt, err)
			}
		}
		b := &bulk{ctx: ctx, tx: tx, types: m.types, dialect: m.s.DB.Dialect(), now: m.s.Clock.Now().UTC(), gen: mt.gen, terms: map[string]int32{}}
		err = b.run(feed)
		if b.docs != nil {
			b.docs.close()
		}
		if err != nil {
			return err
		}
		if err := b.finish(); err != nil {
			return err
		}
		for _, stmt := range []string{
			"CREATE UNIQUE INDEX search_docs_key ON search_docs (type, id)",
			"CREATE INDEX search_docs_gen ON search_docs (gen)",
			"CREATE INDEX search_docs_modified ON search_docs (type, modified_at, n)",
		} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("%s: %w", stmt, err)
			}
		}
		st = RebuildStats{Docs: b.count, Terms: len(b.names), Postings: b.postings, Blocks: b.blocks}
		_, err = tx.ExecContext(ctx, "UPDATE search_meta SET built = built + 1, next_n = $1, next_term = $2, docs = $3 WHERE id = 1",
			b.count+1, len(b.names)+1, b.count)
		return db.Err(err)
	})
	if err != nil {
		return st, err
	}
	// Fresh statistics for the planners.
	if _, err := m.s.DB.ExecContext(ctx, "ANALYZE"); err != nil {
		return st, err
	}
	m.cache.reset()
	st.Elapsed = time.Since(began)
	return st, nil
}

// bulk gathers a rebuild.
type bulk struct {
	ctx     context.Context
	tx      *sql.Tx
	types   *docTypes
	dialect db.Dialect
	now     time.Time
	gen     int64

	count    int
	terms    map[string]int32 // term → id-1
	names    []string
	lists    [][]uint32 // by id-1: bucket<<30 | n
	postings int64
	blocks   int
	rows     []any // pending search_docs rows, flattened
	docs     *batcher
}

// run analyses the feed on every core and writes the documents, in feed
// order, while gathering the posting lists.
func (b *bulk) run(feed Feed) error {
	workers := max(1, runtime.GOMAXPROCS(0))
	in := make(chan analyzedDoc, 256)
	out := make(chan analyzedDoc, 256)
	done := make(chan struct{})
	defer close(done)
	for range workers {
		go func() {
			a := newAnalyzer()
			for job := range in {
				if job.err = checkDoc(b.types, &job.d); job.err == nil {
					job.an = docTerms(a, &job.d)
				}
				select {
				case out <- job:
				case <-done:
					return
				}
			}
		}()
	}
	type fedResult struct {
		count int
		err   error
	}
	feedDone := make(chan fedResult, 1)
	go func() {
		seq := 0
		err := feed(func(d searchdoc.Doc) error {
			select {
			case in <- analyzedDoc{seq: seq, d: d}:
				seq++
				return nil
			case <-done:
				return context.Canceled
			}
		})
		close(in)
		feedDone <- fedResult{seq, err}
	}()
	// Results come back out of order; add them in feed order.
	pending := map[int]analyzedDoc{}
	next, fed := 0, -1
	for fed < 0 || next < fed {
		select {
		case job := <-out:
			pending[job.seq] = job
			for {
				j, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				if j.err != nil {
					return j.err
				}
				if err := b.add(&j); err != nil {
					return err
				}
			}
		case r := <-feedDone:
			if r.err != nil {
				return r.err
			}
			fed, feedDone = r.count, nil
		}
	}
	return b.flushDocs()
}

// add numbers a document, records its postings and queues its row.
func (b *bulk) add(j *analyzedDoc) error {
	b.count++
	n := b.count
	if n > maxBulkN {
		return fmt.Errorf("search: more than %d documents for one rebuild", maxBulkN)
	}
	postings := make(map[int64]uint8, len(j.an.terms))
	for t, bucket := range j.an.terms {
		id, ok := b.terms[t]
		if !ok {
			id = int32(len(b.names))
			b.terms[t] = id
			b.names = append(b.names, t)
			b.lists = append(b.lists, nil)
		}
		b.lists[id] = append(b.lists[id], uint32(bucket)<<30|uint32(n))
		postings[int64(id)+1] = bucket
	}
	b.postings += int64(len(j.an.terms))
	d := &j.d
	b.rows = append(b.rows, d.Type, d.ID, b.gen, b.now, false, d.Visibility == searchdoc.Public, d.Visibility,
		d.Category, d.Lang, strings.Join(d.Langs, ","), d.OrgKind, d.Verified, d.Postcode, d.Place, d.Lat, d.Lon,
		d.CreatedAt, d.UpdatedAt, d.ExpiresAt, d.Deadline, d.Start, d.End, d.ShownFrom, d.Title, d.Body, d.URL,
		encodePostings(postings), encodeSeq(j.an.seq), int64(n))
	if len(b.rows) >= docBatch*docCols {
		return b.flushDocs()
	}
	return nil
}

const (
	docCols  = 29
	docBatch = 400
)

func (b *bulk) flushDocs() error {
	if len(b.rows) == 0 {
		return nil
	}
	if b.docs == nil {
		b.docs = &batcher{dialect: b.dialect, ctx: b.ctx, tx: b.tx, table: "search_docs (" + docColumns + ", n)",
			cols: docCols, rows: docBatch}
	}
	b.docs.args = b.rows
	err := b.docs.flush()
	b.rows = b.rows[:0]
	return err
}

// valueLists returns "($1, ..., $cols), (...)" for rows rows. SQLite gets
// plain "?": it looks each "$n" up by name, which for thousands of them
// takes longer than the insert.
func valueLists(d db.Dialect, rows, cols int) string {
	var s strings.Builder
	for r := range rows {
		if r > 0 {
			s.WriteString(", ")
		}
		s.WriteByte('(')
		for c := range cols {
			if c > 0 {
				s.WriteString(", ")
			}
			if d == db.SQLite {
				s.WriteByte('?')
				continue
			}
			s.WriteByte('$')
			s.WriteString(strconv.Itoa(r*cols + c + 1))
		}
		s.WriteByte(')')
	}
	return s.String()
}

// finish writes the dictionary, the blocks and the trigrams.
func (b *bulk) finish() error {
	w := &batcher{dialect: b.dialect, ctx: b.ctx, tx: b.tx, table: "search_terms (id, term, df, gen)", cols: 4, rows: 1000}
	for id, t := range b.names {
		if err := w.add(int64(id+1), t, int64(len(b.lists[id])), b.gen); err != nil {
			return err
		}
	}
	if err := w.flush(); err != nil {
		return err
	}
	w.close()
	w = &batcher{dialect: b.dialect, ctx: b.ctx, tx: b.tx, table: "search_blocks (term, lo, data)", cols: 3, rows: 500}
	ranks := make([]int64, 0, bulkFill)
	for id, list := range b.lists {
		slices.SortFunc(list, func(x, y uint32) int { return cmp.Compare(y, x) })
		for start := 0; start < len(list); start += bulkFill {
			chunk := list[start:min(start+bulkFill, len(list))]
			ranks = ranks[:0]
			for _, p := range chunk {
				ranks = append(ranks, rankOf(uint8(p>>30), p&(1<<30-1)))
			}
			if err := w.add(int64(id+1), ranks[len(ranks)-1], encodeBlock(ranks)); err != nil {
				return err
			}
			b.blocks++
		}
		b.lists[id] = nil
	}
	if err := w.flush(); err != nil {
		return err
	}
	w.close()
	type tri struct {
		tri  string
		len  int
		term int
	}
	var tris []tri
	for id, t := range b.names {
		for _, g := range trigramsOf(t) {
			tris = append(tris, tri{g, utf8.RuneCountInString(t), id + 1})
		}
	}
	slices.SortFunc(tris, func(x, y tri) int {
		if c := strings.Compare(x.tri, y.tri); c != 0 {
			return c
		}
		if c := cmp.Compare(x.len, y.len); c != 0 {
			return c
		}
		return cmp.Compare(x.term, y.term)
	})
	w = &batcher{dialect: b.dialect, ctx: b.ctx, tx: b.tx, table: "search_trigrams (tri, len, term)", cols: 3, rows: 1000}
	defer w.close()
	for _, t := range tris {
		if err := w.add(t.tri, int64(t.len), int64(t.term)); err != nil {
			return err
		}
	}
	return w.flush()
}

// batcher inserts rows many at a time.
type batcher struct {
	dialect db.Dialect
	ctx     context.Context
	tx      *sql.Tx
	table   string
	cols    int
	rows    int
	args    []any
	full    *sql.Stmt // for full batches
}

func (w *batcher) add(vals ...any) error {
	w.args = append(w.args, vals...)
	if len(w.args) >= w.rows*w.cols {
		return w.flush()
	}
	return nil
}

func (w *batcher) flush() error {
	if len(w.args) == 0 {
		return nil
	}
	rows := len(w.args) / w.cols
	var err error
	if rows == w.rows {
		if w.full == nil {
			if w.full, err = w.tx.PrepareContext(w.ctx, "INSERT INTO "+w.table+" VALUES "+valueLists(w.dialect, rows, w.cols)); err != nil {
				return db.Err(err)
			}
		}
		_, err = w.full.ExecContext(w.ctx, w.args...)
	} else {
		_, err = w.tx.ExecContext(w.ctx, "INSERT INTO "+w.table+" VALUES "+valueLists(w.dialect, rows, w.cols), w.args...)
	}
	w.args = w.args[:0]
	return db.Err(err)
}

func (w *batcher) close() {
	if w.full != nil {
		w.full.Close()
	}
}

// reset forgets everything the cache holds (after a rebuild).
func (c *cache) reset() {
	c.mu.Lock()
	c.gen, c.hot, c.langs, c.lat, c.lon, c.due = 0, nil, nil, nil, nil, nil
	clear(c.dates)
	clear(c.extra)
	c.mu.Unlock()
	c.lmu.Lock()
	clear(c.lists)
	c.bytes = 0
	c.lmu.Unlock()
}
