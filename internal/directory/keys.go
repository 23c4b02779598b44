package directory

import "teilhabe.org/teilhabe/internal/text"

// nameKeys are the keys municipalities and services are found and sorted
// by.
var nameKeys = []text.Keys{
	{Table: "directory_municipalities", ID: "ags", Sources: []string{"name"}, Keys: []string{"name_key"}, Compute: nameKey},
	{Table: "directory_services", ID: "id", Sources: []string{"name"}, Keys: []string{"name_key"}, Compute: nameKey},
}

func nameKey(s []string) []string { return []string{text.Fold(s[0])} }
