package web

import (
	"net/url"
	"strings"
)

// ChipField is a filter of a list that shows as a chip when it is set.
type ChipField struct {
	Name  string              // the query parameter
	Label string              // message id of the filter's name
	Show  func(string) string // the value as the reader sees it; nil shows it as typed
	Drop  []string            // parameters that mean nothing without this one (radius without place)
}

// Chip is an active filter above a list's results, with a link to the same
// list without it: on a phone the filter form is folded away, and the chips
// show what narrows the list and undo it in one tap.
type Chip struct {
	Label  string // message id of the filter's name
	Value  string
	Remove string // path and query of the list without this filter
}

// FilterChips lists the fields set in q, in the order given, for the list at
// path. Removing one also starts the list again from its first page.
func FilterChips(path string, q url.Values, fields []ChipField) []Chip {
	var chips []Chip
	for _, f := range fields {
		value := strings.TrimSpace(q.Get(f.Name))
		if value == "" {
			continue
		}
		rest := url.Values{}
		for k, v := range q {
			rest[k] = v
		}
		for _, k := range append([]string{f.Name, "cursor"}, f.Drop...) {
			rest.Del(k)
		}
		remove := path
		if enc := rest.Encode(); enc != "" {
			remove += "?" + enc
		}
		if f.Show != nil {
			value = f.Show(value)
		}
		chips = append(chips, Chip{Label: f.Label, Value: value, Remove: remove})
	}
	return chips
}
