package geo

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
)

// Columns is the header Import expects: the layout of zipcodes.de.csv.
var Columns = []string{"country_code", "zipcode", "place", "state", "state_code", "province",
	"province_code", "community", "community_code", "latitude", "longitude"}

const (
	maxRows  = 1_000_000 // the German file has about 23,300
	maxField = 300       // characters in one field
)

// Germany with a margin: a row outside is a mistake (swapped columns, a
// file of another country).
const minLat, maxLat, minLon, maxLon = 47.0, 55.5, 5.5, 15.5

// row is one line of the file as stored.
type row struct {
	seq                                        int
	postcode, name, label, fold                string
	company                                    bool
	state, stateCode, community, communityCode string
	lat, lon                                   float64
}

// Import replaces the postcode data with the rows read from r, a CSV file
// in the layout of zipcodes.de.csv (Columns). It checks the header and every
// row first; a mistake comes back as Invalid naming the line, and nothing is
// imported. The old data is replaced in one transaction, so readers see the
// old rows until the new ones are committed, and importing a file again
// gives the same table. It returns the number of rows imported.
func (g *Gazetteer) Import(ctx context.Context, r io.Reader) (int, error) {
	rows, err := parse(r)
	if err != nil {
		return 0, apperr.Wrap(apperr.Invalid, err)
	}
	markCompanies(rows)
	nameCompanies(rows)
	err = g.db.Tx(ctx, func(tx *sql.Tx) error {
		if g.db.Dialect() == db.Postgres {
			// Two imports at once take turns (SQLite has one writer anyway);
			// readers go on reading the old rows.
			if _, err := tx.ExecContext(ctx, "LOCK TABLE geo_places IN EXCLUSIVE MODE"); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM geo_places"); err != nil {
			return err
		}
		size := batchRows(g.db.Dialect())
		full, err := tx.PrepareContext(ctx, insertSQL(size))
		if err != nil {
			return err
		}
		defer full.Close()
		args := make([]any, 0, size*11)
		for start := 0; start < len(rows); start += size {
			end := min(start+size, len(rows))
			args = args[:0]
			for _, r := range rows[start:end] {
				args = append(args, r.seq, r.postcode, r.name, r.label, r.fold, r.company,
					r.state, r.community, r.communityCode, r.lat, r.lon)
			}
			if end-start == size {
				_, err = full.ExecContext(ctx, args...)
			} else {
				_, err = tx.ExecContext(ctx, insertSQL(end-start), args...)
			}
			if err != nil {
				return err
			}
		}
		// Fresh statistics, so the planner knows the table's new size.
		_, err = tx.ExecContext(ctx, "ANALYZE geo_places")
		return err
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// batchRows is the number of rows per INSERT statement. SQLite looks up
// each $N parameter by name in a list, so a statement's cost grows with the
// square of its parameters: there one prepared single-row INSERT is the
// fastest (measured: 1 row 0.24 s for the German file, 20 rows 0.36 s, 500
// rows 2.1 s). PostgreSQL gets 500 rows per statement (1 row: 3 s of round
// trips; 500 rows: 0.4 s).
func batchRows(d db.Dialect) int {
	if d == db.SQLite {
		return 1
	}
	return 500
}

func insertSQL(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO geo_places (seq, postcode, name, label, fold, company, state, community, community_code, lat, lon) VALUES ")
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := range 11 {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(p))
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// parse reads and checks the whole file.
func parse(r io.Reader) ([]row, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 64<<10))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("line 1: the file is empty")
	}
	if err != nil {
		return nil, csvErr(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	if !sameHeader(header) {
		return nil, fmt.Errorf("line 1: the header must be %q, not %q", strings.Join(Columns, ","), strings.Join(header, ","))
	}
	cr.FieldsPerRecord = len(Columns)
	var rows []row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvErr(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rows) == maxRows {
			return nil, fmt.Errorf("line %d: more than %d rows", line, maxRows)
		}
		r, err := parseRow(rec, len(rows)+1)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, errors.New("line 2: the file has no rows after the header")
	}
	return rows, nil
}

func sameHeader(h []string) bool {
	if len(h) != len(Columns) {
		return false
	}
	for i, c := range Columns {
		if strings.ToLower(strings.TrimSpace(h[i])) != c {
			return false
		}
	}
	return true
}

func csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("line %d: %w", pe.Line, pe.Err)
	}
	return err
}

func parseRow(rec []string, seq int) (row, error) {
	for i, f := range rec {
		if !utf8.ValidString(f) {
			return row{}, fmt.Errorf("%s is not UTF-8 text", Columns[i])
		}
		if utf8.RuneCountInString(f) > maxField {
			return row{}, fmt.Errorf("%s is longer than %d characters", Columns[i], maxField)
		}
		rec[i] = norm.NFC.String(strings.TrimSpace(f))
	}
	if rec[0] != "DE" {
		return row{}, fmt.Errorf("country_code %q: only German data (DE) can be imported", rec[0])
	}
	if !isPostcode(rec[1]) {
		return row{}, fmt.Errorf("zipcode %q is not a German postcode of five digits", rec[1])
	}
	if rec[2] == "" {
		return row{}, errors.New("place is empty")
	}
	lat, err := coordinate(rec[9], "latitude", minLat, maxLat)
	if err != nil {
		return row{}, err
	}
	lon, err := coordinate(rec[10], "longitude", minLon, maxLon)
	if err != nil {
		return row{}, err
	}
	return row{seq: seq, postcode: rec[1], name: rec[2], label: rec[2], state: rec[3], stateCode: rec[4],
		community: rec[7], communityCode: rec[8], lat: lat, lon: lon}, nil
}

func coordinate(s, what string, lo, hi float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s %q is not a number", what, s)
	}
	if v < lo || v > hi {
		return 0, fmt.Errorf("%s %s lies outside Germany (%g to %g)", what, s, lo, hi)
	}
	return v, nil
}

func isPostcode(s string) bool {
	if len(s) != 5 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// companyForm finds a legal form or a mail marker as a word of a place name.
var companyForm = regexp.MustCompile(`(?i)(?:^|[^\pL\pN])(?:g?gmbh|mbh|ag|kg|kgaa|ohg|gbr|ug|se|eg|e\.\s?v|e\.\s?g|a\.\s?g|c/o|postfach)(?:[^\pL\pN]|$)`)

// isCompanyName reports whether a place name is an organisation's.
func isCompanyName(s string) bool { return companyForm.MatchString(s) }

// markCompanies flags the large-customer rows (see the package comment):
// a numeric state code where the file's ordinary rows have letter codes, or
// a legal form in the place name.
func markCompanies(rows []row) {
	letterCodes := false
	for _, r := range rows {
		if r.stateCode != "" && !isDigits(r.stateCode) {
			letterCodes = true
			break
		}
	}
	for i := range rows {
		r := &rows[i]
		r.company = (letterCodes && isDigits(r.stateCode)) || isCompanyName(r.label)
	}
}

// nameCompanies names each large-customer row after the nearest ordinary
// place in its district (Kreis), or anywhere when its district has none,
// and folds every name.
func nameCompanies(rows []row) {
	var ordinary []*row
	byDistrict := map[string][]*row{}
	for i := range rows {
		if r := &rows[i]; !r.company {
			ordinary = append(ordinary, r)
			byDistrict[r.communityCode] = append(byDistrict[r.communityCode], r)
		}
	}
	for i := range rows {
		r := &rows[i]
		if r.company {
			candidates := byDistrict[r.communityCode]
			if r.communityCode == "" || len(candidates) == 0 {
				candidates = ordinary
			}
			if n := nearest(candidates, r.lat, r.lon); n != nil {
				r.name = n.name
			} else if r.community != "" {
				r.name = r.community
			}
		}
		r.fold = placeKey(r.name)
	}
}

func nearest(candidates []*row, lat, lon float64) *row {
	var best *row
	bestKm := math.Inf(1)
	for _, c := range candidates {
		if km := DistanceKm(lat, lon, c.lat, c.lon); km < bestKm {
			best, bestKm = c, km
		}
	}
	return best
}
