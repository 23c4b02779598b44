// Package searchbench makes a deterministic corpus for the search
// benchmark and runs its query classes: listings, organisations, events
// and pledges in German, English, Arabic, Farsi, Ukrainian and Turkish,
// located at real postcodes (denser where a place has many postcode rows),
// and the same for the same seed. "teilhabe bench search" and the smoke
// test use it.
package searchbench

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

// Size is how many documents of each kind the corpus holds.
type Size struct {
	Listings, Orgs, Events, Pledges int
}

// Total counts the documents.
func (s Size) Total() int { return s.Listings + s.Orgs + s.Events + s.Pledges }

// FullSize is the corpus of the benchmark's targets.
var FullSize = Size{Listings: 1_000_000, Orgs: 50_000, Events: 20_000, Pledges: 10_000}

// Scaled keeps the full corpus's proportions for a number of listings.
func Scaled(listings int) Size {
	return Size{Listings: listings, Orgs: listings / 20, Events: listings / 50, Pledges: listings / 100}
}

// Place is a postcode with its place and centre.
type Place struct {
	Postcode, Name string
	Lat, Lon       float64
}

// LoadPlaces reads the ordinary rows of a GeoNames postcode file
// (zipcodes.de.csv); large-customer rows (a numeric state code) are left
// out: nobody lives there.
func LoadPlaces(path string) ([]Place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var out []Place
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if first || len(rec) < 11 {
			continue
		}
		if _, err := strconv.Atoi(rec[4]); err == nil {
			continue // a large customer
		}
		lat, err1 := strconv.ParseFloat(rec[9], 64)
		lon, err2 := strconv.ParseFloat(rec[10], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, Place{Postcode: rec[1], Name: rec[2], Lat: lat, Lon: lon})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no postcodes", path)
	}
	return out, nil
}

// Corpus generates documents.
type Corpus struct {
	Size   Size
	Seed   uint64
	Places []Place
	Now    time.Time // the corpus is as it stands at this moment
}

// Span is how far back the oldest document was created.
const Span = 120 * 24 * time.Hour

// Content languages and how often each is written.
var langWeights = []struct {
	lang   string
	weight int
}{{"de", 45}, {"en", 12}, {"ar", 13}, {"fa", 8}, {"uk", 14}, {"tr", 8}}

var spoken = []string{"de", "en", "ar", "fa", "uk", "tr", "ru", "ku", "ps", "prs", "ti", "so", "fr"}

var orgKinds = []string{"volunteer_agency", "migrant_organization", "welfare_association", "refugee_council", "municipality",
	"religious_community", "company", "foundation", "initiative", "cooperative", "education", "other"}

// Docs yields every document in creation order. The same corpus yields
// the same documents.
func (c *Corpus) Docs(yield func(searchdoc.Doc) error) error {
	rng := rand.New(rand.NewPCG(c.Seed, c.Seed^0x5eed))
	total := c.Size.Total()
	left := [4]int{c.Size.Listings, c.Size.Orgs, c.Size.Events, c.Size.Pledges}
	tops := taxonomy.Default().Top()
	first := c.Now.Add(-Span)
	step := Span / time.Duration(max(total, 1))
	for i := range total {
		// Pick the kind in proportion to what is left, so the counts are exact.
		k, r := 0, rng.IntN(total-i)
		for r >= left[k] {
			r -= left[k]
			k++
		}
		left[k]--
		created := first.Add(time.Duration(i)*step + time.Duration(rng.Int64N(int64(step)+1))).Truncate(time.Microsecond)
		g := &gen{rng: rng, c: c, created: created}
		g.pick(tops)
		var d searchdoc.Doc
		switch k {
		case 0:
			d = g.listing()
		case 1:
			d = g.org()
		case 2:
			d = g.event()
		default:
			d = g.pledge()
		}
		d.ID = g.id()
		d.URL = urlOf(d.Type, d.ID)
		d.CreatedAt, d.UpdatedAt = created, created
		if err := yield(d); err != nil {
			return err
		}
	}
	return nil
}

func urlOf(typ, id string) string {
	switch typ {
	case searchdoc.Organization:
		return "/organizations/" + id
	case searchdoc.Event:
		return "/events/" + id
	case searchdoc.Pledge:
		return "/pledges/" + id
	}
	return "/listings/" + id
}

// gen makes one document.
type gen struct {
	rng      *rand.Rand
	c        *Corpus
	created  time.Time
	lang     string
	l        lang
	top      string
	category string
	place    Place
}

func (g *gen) pick(tops []*taxonomy.Category) {
	w := g.rng.IntN(100)
	for _, lw := range langWeights {
		if w < lw.weight {
			g.lang = lw.lang
			break
		}
		w -= lw.weight
	}
	g.l = languages[g.lang]
	top := tops[g.rng.IntN(len(tops))]
	g.top, g.category = top.ID, top.ID
	if kids := taxonomy.Default().Children(top.ID); len(kids) > 0 && g.rng.IntN(10) < 7 {
		g.category = kids[g.rng.IntN(len(kids))].ID
	}
	g.place = g.c.Places[g.rng.IntN(len(g.c.Places))]
}

func (g *gen) id() string {
	a, b := g.rng.Uint64(), g.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-7%03x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xfff, 0x8000|b>>50, b&0xffffffffffff)
}

func (g *gen) one(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *gen) name() string {
	var b strings.Builder
	for i := range 2 + g.rng.IntN(2) {
		s := g.one(nameSyllables)
		if i == 0 {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		b.WriteString(s)
	}
	return b.String()
}

// fill replaces the template's slots.
func (g *gen) fill(tpl string) string {
	items := g.l.items[g.top]
	item := g.one(items)
	item2 := g.one(items)
	r := strings.NewReplacer("{item}", item, "{item2}", item2, "{place}", g.place.Name, "{day}", g.one(g.l.days),
		"{adj}", g.one(g.l.adjs), "{n}", strconv.Itoa(2+g.rng.IntN(8)), "{name}", g.name())
	return r.Replace(tpl)
}

func (g *gen) body(extra []string, sentences int) string {
	var parts []string
	for range sentences {
		if len(extra) > 0 && g.rng.IntN(3) == 0 {
			parts = append(parts, g.fill(g.one(extra)))
		} else {
			parts = append(parts, g.fill(g.one(g.l.sentences)))
		}
	}
	return strings.Join(parts, " ")
}

func (g *gen) common(d *searchdoc.Doc) {
	d.Lang, d.Category = g.lang, g.category
	d.Postcode, d.Place = g.place.Postcode, g.place.Name
	lat, lon := g.place.Lat, g.place.Lon
	d.Lat, d.Lon = &lat, &lon
	for range g.rng.IntN(3) {
		if l := g.one(spoken); l != g.lang && !contains(d.Langs, l) {
			d.Langs = append(d.Langs, l)
		}
	}
	d.Visibility = searchdoc.Public
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (g *gen) listing() searchdoc.Doc {
	d := searchdoc.Doc{}
	g.common(&d)
	switch r := g.rng.IntN(100); {
	case r < 45:
		d.Type, d.Title = searchdoc.Offer, g.fill(g.one(g.l.offers))
	case r < 85:
		d.Type, d.Title = searchdoc.Request, g.fill(g.one(g.l.requests))
	default:
		d.Type, d.Title = searchdoc.Opportunity, g.fill(g.one(g.l.opportunities))
		d.OrgKind = g.one(orgKinds)
		d.Verified = g.rng.IntN(10) < 6
	}
	d.Body = g.body(nil, 3+g.rng.IntN(4))
	switch r := g.rng.IntN(100); {
	case r < 8:
		d.Visibility = searchdoc.Members
	case r < 12:
		d.Visibility = searchdoc.Verified
	}
	// Most run for weeks yet; some ran out within the last day and wait
	// for the cleanup.
	expires := g.c.Now.Add(time.Duration(g.rng.Int64N(int64(61*24*time.Hour))) - 24*time.Hour).Truncate(time.Second)
	if expires.Before(g.created.Add(24 * time.Hour)) {
		expires = g.created.Add(24 * time.Hour)
	}
	d.ExpiresAt, d.Deadline = &expires, &expires
	return d
}

func (g *gen) org() searchdoc.Doc {
	d := searchdoc.Doc{Type: searchdoc.Organization}
	g.common(&d)
	d.Title = g.one(g.l.orgKinds) + " " + g.place.Name + " " + g.name()
	d.Body = g.body(g.l.orgBodies, 2+g.rng.IntN(3))
	d.OrgKind = g.one(orgKinds)
	d.Verified = g.rng.IntN(10) < 4
	return d
}

func (g *gen) event() searchdoc.Doc {
	d := searchdoc.Doc{Type: searchdoc.Event}
	g.common(&d)
	d.Title = g.fill(g.one(g.l.events))
	d.Body = g.body(nil, 2+g.rng.IntN(3))
	start := g.c.Now.Add(time.Duration(1+g.rng.IntN(180)) * 24 * time.Hour).Truncate(time.Hour).Add(time.Duration(9+g.rng.IntN(10)) * time.Hour)
	end := start.Add(time.Duration(2+g.rng.IntN(5)) * time.Hour)
	d.Start, d.End, d.Deadline, d.ExpiresAt = &start, &end, &start, &end
	return d
}

func (g *gen) pledge() searchdoc.Doc {
	d := searchdoc.Doc{Type: searchdoc.Pledge}
	g.common(&d)
	d.Title = g.fill(g.one(g.l.pledges))
	d.Body = g.body(nil, 3+g.rng.IntN(3))
	deadline := g.c.Now.Add(time.Duration(g.rng.IntN(90)-30) * 24 * time.Hour).Truncate(time.Hour)
	d.Deadline = &deadline
	return d
}
