package platform_test

import (
	"net/http"
	"reflect"
	"sort"
)

// registeredRoutes lists every pattern registered on mux. The standard
// ServeMux does not list its patterns, so this reads its conflict index,
// which holds each of them; the matrix fails when it finds none.
func registeredRoutes(mux *http.ServeMux) []string {
	index := reflect.ValueOf(mux).Elem().FieldByName("index")
	seen := map[string]bool{}
	add := func(pats reflect.Value) {
		for i := range pats.Len() {
			seen[pats.Index(i).Elem().FieldByName("str").String()] = true
		}
	}
	for it := index.FieldByName("segments").MapRange(); it.Next(); {
		add(it.Value())
	}
	add(index.FieldByName("multis"))
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
