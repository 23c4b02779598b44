package board_test

import (
	"database/sql"
	"strconv"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/db"
)

// TestBoardPageReadsTheNewestIndex: with many open listings, SQLite must
// read the first board page from an index in the board's order. Without
// that index it chose the index on expiry and
// sorted every open listing for each page (300 ms at 100,000 listings).
func TestBoardPageReadsTheNewestIndex(t *testing.T) {
	e, _ := manyListings(t)
	d := e.P.DB
	// Right with the statistics of a young database and with fresh ones.
	for _, when := range []string{"before optimizing", "after optimizing"} {
		plan, err := board.BoardPagePlan(ctx, d, e.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(plan, "TEMP B-TREE") || !strings.Contains(plan, "listings_newest") {
			t.Errorf("%s, the first board page sorts instead of reading listings_newest:\n%s", when, plan)
		}
		if err := d.Optimize(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSuggestionsReadTheListingsNearby: the candidates for the suggestions
// beside a listing are read from the indexes of place, postcode and box,
// not from every open listing of the category.
func TestSuggestionsReadTheListingsNearby(t *testing.T) {
	e, first := manyListings(t)
	l := *first
	lat, lon := 51.3166, 9.4912 // Kassel
	l.Lat, l.Lon = &lat, &lon
	for _, when := range []string{"before optimizing", "after optimizing"} {
		plan, err := board.SuggestionPlan(ctx, e.P.DB, &l, e.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, index := range []string{"listings_lat", "listings_postcode", "listings_place"} {
			if !strings.Contains(plan, index) {
				t.Errorf("%s, the suggestions do not read %s:\n%s", when, index, plan)
			}
		}
		if strings.Contains(plan, "listings_newest") || strings.Contains(plan, "listings_category") {
			t.Errorf("%s, the suggestions do not start from the listings nearby:\n%s", when, plan)
		}
		if err := e.P.DB.Optimize(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// manyListings is a platform on SQLite with 3,001 open listings: one posted,
// and copies of it, each a minute older than the next, in other places.
func manyListings(t *testing.T) (*apptest.Env, *board.Listing) {
	t.Helper()
	e := apptest.New(t, db.SQLite)
	first := post(t, e, e.NewPerson(t, "Reza", auth.Member), draft("Fahrrad"))
	err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE listing_copy AS SELECT * FROM listings WHERE id = $1`, first.ID); err != nil {
			return err
		}
		for i := range 3000 {
			age := time.Duration(i) * time.Minute
			kind := board.Offer
			if i%2 == 1 {
				kind = board.Request
			}
			// Spread over Germany: 30 by 100 places, 6 km apart.
			lat, lon := 47.5+float64(i%100)*0.054, 6.0+float64(i/100)*0.29
			if _, err := tx.ExecContext(ctx, `UPDATE listing_copy SET id = $1, created_at = $2, expires_at = $3,
				postcode = $4, place_key = $5, kind = $6, lat = $7, lon = $8`, first.ID+"-"+strconv.Itoa(i),
				first.CreatedAt.Add(-age), first.ExpiresAt.Add(-age), strconv.Itoa(10000+i*29), "ort"+strconv.Itoa(i),
				string(kind), lat, lon); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO listings SELECT * FROM listing_copy`); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `DROP TABLE listing_copy`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return e, first
}
