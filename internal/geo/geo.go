// Package geo resolves German postcodes and place names, as a person types
// them, to coordinates, offline, from data the operator imports: the GeoNames
// postal-code file for Germany in the CSV layout of zipcodes.de.csv
// (GeoNames, CC BY 4.0). Nothing is fetched from elsewhere, and no postcode
// data ships with teilhabe: without an import the platform shows place text
// only and no distances (Resolve answers Unavailable "geo.not_imported").
//
// Locations of people are coarse: a Place is a postcode area or a place, its
// coordinates the mean of the file's rows for it, and distances are shown in
// whole kilometres (RoundKm).
//
// # Lookups
//
// Resolve takes a postcode ("34117"), a place ("Kassel", "kassel") or both
// ("34117 Kassel", "Kassel 34117"). A five-digit number wins; the name is
// tried when the number is unknown.
//
// A postcode with several rows (several places share it) resolves to the
// place named most often: a name scores the rows bearing it plus the rows of
// its districts ("Tauche" counts "Tauche Falkenberg"); ties go to the first
// in the file. Its coordinates are the mean of the postcode's rows.
//
// A name is folded before it is compared: case, umlauts written with or
// without the e or dropped (Göttingen = Goettingen = Gottingen), ß = ss,
// other accents, punctuation and hyphens, "St." = "Sankt". Where a name
// folds like another (Münster, Munster), a match in its exact spelling, with
// ä written ae, wins. When places of one name lie in several districts
// (Kreise), the one with the most postcodes wins (ties: the first in the
// file); its coordinates are the mean of its rows and its postcode that of
// its first row. A name found nowhere is tried as the start of a longer one
// ("Frankfurt" finds Frankfurt am Main, "Halle" Halle (Saale)).
//
// # Large-customer postcodes
//
// Companies, authorities and universities with much mail have postcodes of
// their own (Großkunden-Postleitzahlen); the file lists them with the
// organisation as the place ("Universität Kassel", "Daimler AG"). Such a row
// never counts as a place of its name, and a postcode that has ordinary rows
// ignores its large-customer rows. A row is a large-customer row when
//
//   - its state code is a number ("05") while the file's ordinary rows use
//     letter codes ("HE"): GeoNames lists large customers from a separate
//     source that way (this alone finds every one in the German file), or
//   - its place name contains a legal form or mail marker as a word (GmbH,
//     mbH, AG, KG, KGaA, OHG, GbR, UG, SE, eG, e.V., a.G., c/o, Postfach):
//     this still finds them in conversions that write every state code as
//     letters.
//
// Each large-customer row is named after the nearest ordinary place in its
// district (the organisation's name is kept in the table, never shown). A
// postcode of large customers only still resolves: to the place most of its
// rows are named after, at the mean of those rows. Suggest leaves such
// postcodes out: nobody lives there.
package geo

import (
	"context"
	"embed"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/db"
)

//go:embed migrations locales
var files embed.FS

// Place is a postcode area or a place.
type Place struct {
	Postcode, Name, State, Community, CommunityCode string // CommunityCode: Kreis key as in the file
	Lat, Lon                                        float64
}

// Gazetteer looks up imported postcodes and places. It is the geo module:
// other modules call Resolve, Suggest and the distance functions; its
// Folder brings its table and messages.
type Gazetteer struct {
	app.Folder
	db *db.DB
}

// New returns the gazetteer on d; its table comes from Migrations. Other
// modules are given it in platform/modules.go.
func New(d *db.DB) *Gazetteer { return &Gazetteer{Folder: folder, db: d} }

var folder = app.NewFolder("geo", files)

// Migrations creates the table geo_places.
// Tests migrate with it before there is a gazetteer.
func Migrations() db.Migrations { return folder.Migrations() }

// Imported reports whether postcode data has been imported.
func (g *Gazetteer) Imported(ctx context.Context) (bool, error) {
	var n int
	err := g.db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM geo_places LIMIT 1) AS any_row").Scan(&n)
	return n > 0, db.Err(err)
}

// Stats counts what is imported.
type Stats struct {
	Rows      int // lines of the file
	Postcodes int // distinct postcodes, large customers' included
	Places    int // distinct places: ordinary names per district (Kreis)
	Companies int // large-customer rows
}

// Stats counts the imported rows, postcodes and places.
func (g *Gazetteer) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	err := g.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM geo_places),
		(SELECT count(DISTINCT postcode) FROM geo_places),
		(SELECT count(*) FROM (SELECT DISTINCT name, community_code FROM geo_places WHERE company = FALSE) AS places),
		(SELECT count(*) FROM geo_places WHERE company = TRUE)`).Scan(&s.Rows, &s.Postcodes, &s.Places, &s.Companies)
	return s, db.Err(err)
}
