package board

import (
	"context"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/text"
)

// listingKeys are the keys a listing is filtered by (see keysOf).
var listingKeys = text.Keys{
	Table: "listings", ID: "id", Where: "removed_at IS NULL",
	Sources: []string{"title", "description", "place", "postcode"},
	Keys:    []string{"title_key", "search_key", "place_key"},
	Compute: func(s []string) []string {
		title, search, place := keysOf(&Listing{Title: s[0], Description: s[1], Place: s[2], Postcode: s[3]})
		return []string{title, search, place}
	},
}

// rekeyJob computes the stored keys again when the folding rules change:
// named after their version, it runs at the first start with new rules,
// then now and again as a check.
func (m *Module) rekeyJob() jobs.Job {
	return jobs.Job{Name: fmt.Sprintf("board.listings.rekey.v%d", text.RulesVersion), Every: 30 * 24 * time.Hour,
		Run: func(ctx context.Context, _ time.Time) error {
			n, err := text.Rekey(ctx, m.s.DB, listingKeys)
			if n > 0 {
				m.s.Log.Info("listing keys computed again", "listings", n)
			}
			return err
		}}
}
