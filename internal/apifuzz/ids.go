package apifuzz

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// idPool holds the ids of objects that exist, by collection ("listings",
// "organizations"), as answers showed them; "" holds all of them.
type idPool struct {
	by map[string][]string
}

func newIDPool() *idPool { return &idPool{by: map[string][]string{}} }

func (p *idPool) add(collection, id string) {
	if id == "" || len(id) > 200 {
		return
	}
	for _, c := range []string{collection, ""} {
		if !slices.Contains(p.by[c], id) {
			p.by[c] = append(p.by[c], id)
		}
	}
}

func (p *idPool) of(collection string) []string { return p.by[collection] }

// pick returns an id of the collection, or of any, or "".
func (p *idPool) pick(rnd *rand.Rand, collection string) string {
	ids := p.by[collection]
	if len(ids) == 0 {
		ids = p.by[""]
	}
	if len(ids) == 0 {
		return ""
	}
	return ids[rnd.IntN(len(ids))]
}

// listKeys are properties that hold the items of the list a response is.
var listKeys = map[string]bool{"items": true, "data": true, "contents": true, "results": true, "hits": true,
	"children": true, "subcategories": true}

// harvest takes the ids out of an answer about collection.
func (p *idPool) harvest(collection string, v any) {
	switch v := v.(type) {
	case []any:
		for _, item := range v {
			p.harvest(collection, item)
		}
	case map[string]any:
		if id, ok := v["id"].(string); ok {
			p.add(collection, id)
		}
		if ags, ok := v["ags"].(string); ok {
			p.add("municipalities", ags)
		}
		for _, k := range sortedKeys(v) { // in order, so that a seed repeats a run
			val := v[k]
			if id, ok := val.(string); ok && strings.HasSuffix(k, "_id") {
				p.add(plural(strings.TrimSuffix(k, "_id")), id)
			}
			switch val.(type) {
			case map[string]any, []any:
				inner := plural(k)
				if listKeys[k] {
					inner = collection
				}
				p.harvest(inner, val)
			}
		}
	}
}

// collectionOf names the collection a property or parameter names an
// object of: organization_id → organizations, category → categories.
func collectionOf(name string) string {
	name = strings.TrimSuffix(name, "_id")
	if name == "id" || name == "" {
		return ""
	}
	return plural(name)
}

func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "s"):
		return s
	case strings.HasSuffix(s, "y"):
		return strings.TrimSuffix(s, "y") + "ies"
	}
	return s + "s"
}

// collectionBefore names the collection of a path parameter by the
// segment before it: /listings/{id}/responses/{rid} gives "listings" for id
// and "responses" for rid.
func collectionBefore(path, param string) string {
	parts := strings.Split(path, "/")
	for i, part := range parts {
		if part == "{"+param+"}" && i > 0 {
			return parts[i-1]
		}
	}
	return ""
}

// collectionOfPath names what the answer to a path is about: its last
// segment that is not a parameter.
func collectionOfPath(path string) string {
	parts := strings.Split(path, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if p := parts[i]; p != "" && !strings.HasPrefix(p, "{") {
			return p
		}
	}
	return ""
}
