package board

import "teilhabe.org/teilhabe/internal/text"

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
