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
	e := apptest.New(t, db.SQLite)
	first := post(t, e, e.NewPerson(t, "Reza", auth.Member), draft("Fahrrad"))
	d := e.P.DB
	err := d.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE listing_copy AS SELECT * FROM listings WHERE id = $1`, first.ID); err != nil {
			return err
		}
		for i := range 3000 {
			age := time.Duration(i) * time.Minute
			if _, err := tx.ExecContext(ctx, `UPDATE listing_copy SET id = $1, created_at = $2, expires_at = $3`,
				first.ID+"-"+strconv.Itoa(i), first.CreatedAt.Add(-age), first.ExpiresAt.Add(-age)); err != nil {
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
