package geo

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
)

const (
	maxInput     = 200  // characters considered of a typed text
	maxNameRows  = 5000 // rows read for one name
	suggestLimit = 10   // suggestions when the caller asks for none
	suggestMax   = 50
)

// afterAll is the highest character: prefix+afterAll bounds a prefix range
// in byte order (SQLite's BINARY, PostgreSQL's COLLATE "C").
const afterAll = "\U0010FFFF"

// postcodeIn finds a postcode of five digits standing alone in a text.
var postcodeIn = regexp.MustCompile(`(?:^|[^0-9])([0-9]{5})(?:[^0-9]|$)`)

const columnsSQL = "seq, postcode, name, state, community, community_code, lat, lon, company"

// Resolve turns a postcode, a place name or both into a Place (see the
// package comment for the rules). Unknown text is NotFound "geo.unknown";
// without imported data it is Unavailable "geo.not_imported"; an empty text
// is Invalid "geo.empty".
// A nil Gazetteer (a platform built without one) answers like one without
// imported data.
func (g *Gazetteer) Resolve(ctx context.Context, text string) (*Place, error) {
	if g == nil {
		return nil, apperr.New(apperr.Unavailable, "geo.not_imported")
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, apperr.New(apperr.Invalid, "geo.empty")
	}
	if len(text) > maxInput {
		return nil, g.notFound(ctx)
	}
	rest := text
	if m := postcodeIn.FindStringSubmatchIndex(text); m != nil {
		rows, err := g.query(ctx, "SELECT "+columnsSQL+" FROM geo_places WHERE postcode = $1 ORDER BY seq", text[m[2]:m[3]])
		if err != nil {
			return nil, err
		}
		if len(rows) > 0 {
			p := postcodePlace(rows)
			return &p, nil
		}
		rest = text[:m[2]] + " " + text[m[3]:]
	}
	if f := placeKey(rest); len(f) >= 2 {
		p, err := g.byName(ctx, rest, f)
		if p != nil || err != nil {
			return p, err
		}
	}
	return nil, g.notFound(ctx)
}

// notFound tells an unknown text from a missing import.
func (g *Gazetteer) notFound(ctx context.Context) error {
	ok, err := g.Imported(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.New(apperr.Unavailable, "geo.not_imported")
	}
	return apperr.New(apperr.NotFound, "geo.unknown")
}

// byName finds the place named text (folded f), or the place whose name
// begins with it as a word; nil when there is none.
func (g *Gazetteer) byName(ctx context.Context, text, f string) (*Place, error) {
	rows, err := g.query(ctx, "SELECT "+columnsSQL+" FROM geo_places WHERE fold = $1 AND company = FALSE ORDER BY seq LIMIT $2", f, maxNameRows)
	if err != nil {
		return nil, err
	}
	if len(rows) > 0 {
		// A name folded like others prefers its own spelling (Münster, Munster).
		s := spell(text)
		spelt := map[string]bool{}
		var exact []row
		for _, r := range rows {
			same, ok := spelt[r.name]
			if !ok {
				same = spell(r.name) == s
				spelt[r.name] = same
			}
			if same {
				exact = append(exact, r)
			}
		}
		if len(exact) > 0 {
			rows = exact
		}
	} else {
		// In index order: ordered by seq, the planners walk the whole table.
		rows, err = g.query(ctx, "SELECT "+columnsSQL+" FROM geo_places WHERE fold >= $1 AND fold < $2 AND company = FALSE ORDER BY fold, seq LIMIT $3",
			f+" ", f+" "+afterAll, maxNameRows)
		if err != nil || len(rows) == 0 {
			return nil, err
		}
		slices.SortFunc(rows, func(a, b row) int { return a.seq - b.seq })
	}
	p := largestPlace(rows)
	return &p, nil
}

// largestPlace groups rows by name and district and returns the group with
// the most rows (ties: the first in the file): the postcode and details of
// its first row, the mean of its coordinates.
func largestPlace(rows []row) Place {
	type group struct {
		first    row
		n        int
		lat, lon float64
	}
	var order []*group
	groups := map[[2]string]*group{}
	for _, r := range rows {
		k := [2]string{r.name, r.communityCode}
		gr := groups[k]
		if gr == nil {
			gr = &group{first: r}
			groups[k] = gr
			order = append(order, gr)
		}
		gr.n++
		gr.lat += r.lat
		gr.lon += r.lon
	}
	best := order[0]
	for _, gr := range order[1:] {
		if gr.n > best.n {
			best = gr
		}
	}
	p := best.first.place()
	p.Lat, p.Lon = best.lat/float64(best.n), best.lon/float64(best.n)
	return p
}

// postcodePlace makes one Place of a postcode's rows (in file order): the
// ordinary rows when there are any, named after the name most rows bear
// (a name counts its districts' rows, "Tauche" those of "Tauche Falkenberg";
// ties: the first), at the mean of their coordinates. A postcode of large
// customers only is placed at the mean of the rows of the chosen name.
func postcodePlace(rows []row) Place {
	use := rows[:0:0]
	for _, r := range rows {
		if !r.company {
			use = append(use, r)
		}
	}
	companies := len(use) == 0
	if companies {
		use = rows
	}
	best, bestScore := 0, -1
	seen := map[string]bool{}
	for i, r := range use {
		if seen[r.name] {
			continue
		}
		seen[r.name] = true
		score := 0
		for _, o := range use {
			if o.name == r.name || strings.HasPrefix(o.name, r.name+" ") || strings.HasPrefix(o.name, r.name+",") {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	p := use[best].place()
	if companies {
		// Large customers of one postcode may lie far apart (10875 has rows
		// in Berlin and in Stuttgart): keep to those of the chosen place.
		use = slices.DeleteFunc(slices.Clone(use), func(r row) bool { return r.name != p.Name })
	}
	p.Lat, p.Lon = 0, 0
	for _, r := range use {
		p.Lat += r.lat
		p.Lon += r.lon
	}
	p.Lat /= float64(len(use))
	p.Lon /= float64(len(use))
	return p
}

func (r row) place() Place {
	return Place{Postcode: r.postcode, Name: r.name, State: r.state, Community: r.community,
		CommunityCode: r.communityCode, Lat: r.lat, Lon: r.lon}
}

func (g *Gazetteer) query(ctx context.Context, q string, args ...any) ([]row, error) {
	rs, err := g.db.QueryContext(ctx, q, args...)
	return db.Collect(rs, err, func(s db.Scanner) (row, error) {
		var r row
		err := s.Scan(&r.seq, &r.postcode, &r.name, &r.state, &r.community, &r.communityCode, &r.lat, &r.lon, &r.company)
		return r, err
	})
}

// Suggest lists places whose postcode (when prefix is digits) or name
// begins with prefix, for a list to pick from: one Place per postcode in
// postcode order, or per place with exact names first, then by number of
// postcodes (cities before villages), then alphabetically. limit defaults
// to 10 and is at most 50. Large-customer postcodes are left out. Nothing
// imported or nothing matching gives an empty list.
func (g *Gazetteer) Suggest(ctx context.Context, prefix string, limit int) ([]Place, error) {
	prefix = strings.TrimSpace(prefix)
	if limit <= 0 {
		limit = suggestLimit
	}
	limit = min(limit, suggestMax)
	if prefix == "" || len(prefix) > maxInput {
		return nil, nil
	}
	if isDigits(prefix) {
		if len(prefix) > 5 {
			return nil, nil
		}
		return g.suggestPostcodes(ctx, prefix, limit)
	}
	f := placeKey(prefix)
	if f == "" {
		return nil, nil
	}
	return g.suggestNames(ctx, f, limit)
}

func (g *Gazetteer) suggestPostcodes(ctx context.Context, prefix string, limit int) ([]Place, error) {
	rows, err := g.query(ctx, "SELECT "+columnsSQL+` FROM geo_places WHERE company = FALSE AND postcode IN (
		SELECT DISTINCT postcode FROM geo_places WHERE company = FALSE AND postcode >= $1 AND postcode < $2 ORDER BY postcode LIMIT $3)
		ORDER BY postcode, seq`, prefix, prefix+afterAll, limit)
	if err != nil {
		return nil, err
	}
	var out []Place
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && rows[end].postcode == rows[start].postcode {
			end++
		}
		out = append(out, postcodePlace(rows[start:end]))
		start = end
	}
	return out, nil
}

func (g *Gazetteer) suggestNames(ctx context.Context, f string, limit int) ([]Place, error) {
	rs, err := g.db.QueryContext(ctx, `SELECT p.postcode, p.name, p.state, p.community, p.community_code, s.lat, s.lon
		FROM (SELECT min(seq) AS first, count(*) AS n, min(fold) AS fold, avg(lat) AS lat, avg(lon) AS lon
			FROM geo_places WHERE company = FALSE AND fold >= $1 AND fold < $2
			GROUP BY name, community_code
			ORDER BY CASE WHEN min(fold) = $1 THEN 0 ELSE 1 END, count(*) DESC, min(fold), min(seq) LIMIT $3) AS s
		JOIN geo_places p ON p.seq = s.first
		ORDER BY CASE WHEN s.fold = $1 THEN 0 ELSE 1 END, s.n DESC, s.fold, s.first`, f, f+afterAll, limit)
	return db.Collect(rs, err, func(s db.Scanner) (Place, error) {
		var p Place
		err := s.Scan(&p.Postcode, &p.Name, &p.State, &p.Community, &p.CommunityCode, &p.Lat, &p.Lon)
		return p, err
	})
}
