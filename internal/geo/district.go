package geo

import (
	"context"
	"slices"

	"teilhabe.org/teilhabe/internal/db"
)

// District is where a postcode lies for regional figures: the district
// (Kreis) of the official municipality key (AGS). The file's community_code
// is the five-digit district key; its first two digits are the state, its
// first three the government district (the file's state_code is GeoNames'
// own numbering, not the AGS).
type District struct {
	Postcode string
	Key      string // five digits; "" when the postcode is unknown
	Name     string // the district's name as in the file ("Landkreis Kassel")
	// Several says the postcode's places lie in more than one district;
	// Key is then the district of the place nearest the postcode's centre.
	Several bool
}

// inChunks bounds the placeholders of one IN list, well below both engines' limits.
const inChunks = 1000

// Districts places each postcode in its district, in one query per
// thousand postcodes. Postcodes the data does not know are left out of the
// map; without imported data the map is empty.
func (g *Gazetteer) Districts(ctx context.Context, postcodes []string) (map[string]District, error) {
	out := map[string]District{}
	if g == nil {
		return out, nil
	}
	postcodes = slices.Compact(slices.Sorted(slices.Values(postcodes)))
	for start := 0; start < len(postcodes); start += inChunks {
		chunk := postcodes[start:min(start+inChunks, len(postcodes))]
		marks, args := db.In(1, chunk)
		rows, err := g.query(ctx, "SELECT "+columnsSQL+" FROM geo_places WHERE postcode IN ("+marks+") ORDER BY postcode, seq", args...)
		if err != nil {
			return nil, err
		}
		eachPostcode(rows, func(rows []row) { d := districtOf(rows); out[d.Postcode] = d })
	}
	return out, nil
}

// PostcodesIn lists, in order, the postcodes placed in the region key: a
// state (2 digits), a government district (3) or a district (5), as
// Districts places them (a postcode spanning districts belongs only to the
// district of its centre). Other keys (a municipality's 8 digits, which a
// postcode cannot be narrowed to) give none.
func (g *Gazetteer) PostcodesIn(ctx context.Context, key string) ([]string, error) {
	if g == nil || !isDigits(key) || (len(key) != 2 && len(key) != 3 && len(key) != 5) {
		return nil, nil
	}
	rows, err := g.query(ctx, "SELECT "+columnsSQL+` FROM geo_places WHERE postcode IN (
		SELECT postcode FROM geo_places WHERE community_code >= $1 AND community_code < $2)
		ORDER BY postcode, seq`, key, key+afterAll)
	if err != nil {
		return nil, err
	}
	var out []string
	eachPostcode(rows, func(rows []row) {
		if d := districtOf(rows); len(d.Key) == 5 && d.Key[:len(key)] == key {
			out = append(out, d.Postcode)
		}
	})
	return out, nil
}

// eachPostcode calls fn with the rows of each postcode of rows ordered by
// postcode.
func eachPostcode(rows []row, fn func([]row)) {
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && rows[end].postcode == rows[start].postcode {
			end++
		}
		fn(rows[start:end])
		start = end
	}
}

// districtOf places one postcode's rows (in file order): the ordinary rows
// when there are any, as Resolve does; the district of the row nearest
// their mean (ties: the first in the file).
func districtOf(rows []row) District {
	use := slices.DeleteFunc(slices.Clone(rows), func(r row) bool { return r.company })
	if len(use) == 0 {
		use = rows
	}
	var lat, lon float64
	for _, r := range use {
		lat += r.lat
		lon += r.lon
	}
	lat /= float64(len(use))
	lon /= float64(len(use))
	best := use[0]
	bestKm := DistanceKm(lat, lon, best.lat, best.lon)
	several := false
	for _, r := range use[1:] {
		if r.communityCode != use[0].communityCode {
			several = true
		}
		if km := DistanceKm(lat, lon, r.lat, r.lon); km < bestKm {
			best, bestKm = r, km
		}
	}
	d := District{Postcode: best.postcode, Name: best.community, Several: several}
	if len(best.communityCode) == 5 && isDigits(best.communityCode) {
		d.Key = best.communityCode
	}
	return d
}
