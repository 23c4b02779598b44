package pledge

import "teilhabe.org/teilhabe/internal/text"

// placeKeys is the key pledges are filtered by place with.
var placeKeys = text.Keys{Table: "pledges", ID: "id", Sources: []string{"place"}, Keys: []string{"place_key"},
	Compute: func(s []string) []string { return []string{text.Fold(s[0])} }}
