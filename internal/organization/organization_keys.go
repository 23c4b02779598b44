package organization

import "teilhabe.org/teilhabe/internal/text"

// nameKeys is the key organisations are filtered and sorted by.
var nameKeys = text.Keys{Table: "organizations", ID: "id", Sources: []string{"name"}, Keys: []string{"name_key"},
	Compute: func(s []string) []string { return []string{text.Fold(s[0])} }}
