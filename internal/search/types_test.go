package search

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// typeSource is a module of the tests that feeds search documents of
// types of its own.
type typeSource struct {
	types []searchdoc.Type
	docs  []searchdoc.Doc
	index searchdoc.Indexer
}

func (s *typeSource) Name() string                  { return "typesource" }
func (s *typeSource) SearchTypes() []searchdoc.Type { return s.types }
func (s *typeSource) SetIndex(ix searchdoc.Indexer) { s.index = ix }
func (s *typeSource) SearchDocs(_ context.Context, yield func(searchdoc.Doc) error) error {
	for _, d := range s.docs {
		if err := yield(d); err != nil {
			return err
		}
	}
	return nil
}

// typesNamed returns n types named prefix1, prefix2, ...
func typesNamed(prefix string, n int) []searchdoc.Type {
	out := make([]searchdoc.Type, n)
	for i := range out {
		out[i] = searchdoc.Type{Name: fmt.Sprintf("%s%d", prefix, i+1), Label: "search.type.offer", Order: 100 + i}
	}
	return out
}

// TestNinthType: a type beyond the platform's eight, and the last one the
// index tells apart, are indexed (by a rebuild from their source and by
// Put through the index the source was given) and found by type, and
// neither turns into another filter: verified, organisation kind and
// category still filter right beside them.
func TestNinthType(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		src := &typeSource{types: []searchdoc.Type{{Name: "ninth", Label: "search.type.offer", Order: 90}}}
		if err := e.m.AddSource(src); err != nil {
			t.Fatal(err)
		}
		if src.index != searchdoc.Indexer(e.m) {
			t.Fatal("the source was not given the index")
		}
		if got := e.m.types.code("ninth"); got != 9 {
			t.Fatalf("the ninth type has code %d", got)
		}
		if err := e.m.AddTypes(typesNamed("more", maxTypes-9)...); err != nil {
			t.Fatal(err)
		}
		last := fmt.Sprintf("more%d", maxTypes-9)
		if got := e.m.types.code(last); got != maxTypes {
			t.Fatalf("the last type has code %d, want %d", got, maxTypes)
		}
		doc := func(typ, id string, verified bool) searchdoc.Doc {
			return searchdoc.Doc{Type: typ, ID: id, Title: "Lastenrad zu verleihen", Lang: "de", Verified: verified,
				Visibility: searchdoc.Public, CreatedAt: e.clock.Now(), UpdatedAt: e.clock.Now(), URL: "/x/" + id}
		}
		src.docs = []searchdoc.Doc{doc("ninth", "ninth-verified", true), doc("ninth", "ninth-open", false),
			doc(searchdoc.Offer, "offer-verified", true), doc(searchdoc.Offer, "offer-open", false)}
		if _, err := e.m.Rebuild(t.Context(), e.m.FromSources(t.Context())); err != nil {
			t.Fatal(err)
		}
		lastVerified := doc(last, "last-verified", true)
		lastVerified.OrgKind, lastVerified.Category = "company", "mobility"
		lastOpen := doc(last, "last-open", false)
		lastOpen.OrgKind = organization.Kinds[len(organization.Kinds)-1]
		err := e.d.Tx(t.Context(), func(tx *sql.Tx) error {
			for _, d := range []searchdoc.Doc{lastVerified, lastOpen} {
				if err := src.index.Put(t.Context(), tx, d); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		for _, c := range []struct {
			q    Query
			want []string
		}{
			{Query{Types: []string{"ninth"}}, []string{"ninth-open", "ninth-verified"}},
			{Query{Types: []string{"ninth"}, Verified: true}, []string{"ninth-verified"}},
			{Query{Q: "Lastenrad", Types: []string{"ninth", searchdoc.Offer}},
				[]string{"ninth-open", "ninth-verified", "offer-open", "offer-verified"}},
			{Query{Verified: true}, []string{"last-verified", "ninth-verified", "offer-verified"}},
			{Query{Types: []string{last}}, []string{"last-open", "last-verified"}},
			{Query{Types: []string{last}, Verified: true}, []string{"last-verified"}},
			{Query{OrgKind: "company"}, []string{"last-verified"}},
			{Query{Category: "mobility"}, []string{"last-verified"}},
			{Query{Types: []string{searchdoc.Offer}}, []string{"offer-open", "offer-verified"}},
		} {
			got := ids(e.search(c.q, Anyone))
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("search %s verified=%v: got %v, want %v", describe(c.q), c.q.Verified, got, c.want)
			}
		}
		r := e.search(Query{Facets: true}, Anyone)
		want := []FacetValue{{Value: searchdoc.Offer, Count: 2}, {Value: "ninth", Count: 2}, {Value: last, Count: 2}}
		if !slices.Equal(r.Types, want) {
			t.Errorf("type facets %+v, want %+v", r.Types, want)
		}
		if _, err := e.m.Search(t.Context(), Query{Types: []string{"tenth"}}, Anyone); err == nil ||
			!strings.Contains(err.Error(), "type") {
			t.Errorf("an unknown type: %v", err)
		}
	})
}

// TestTooManyTypes: a module registering more types than the index tells
// apart stops the start, as does a type registered twice.
func TestTooManyTypes(t *testing.T) {
	for _, c := range []struct {
		name    string
		sources []*typeSource
		want    string
	}{
		{"too many", []*typeSource{{types: typesNamed("t", maxTypes+1)}}, "one too many"},
		{"too many together", []*typeSource{{types: testTypes}, {types: typesNamed("t", maxTypes-len(testTypes)+1)}},
			"one too many"},
		{"twice", []*typeSource{{types: testTypes[:1]}, {types: testTypes[:1]}}, "registered twice"},
		{"bad name", []*typeSource{{types: []searchdoc.Type{{Name: "Offers!", Label: "x"}}}}, "invalid"},
		{"as many as fit", []*typeSource{{types: testTypes}, {types: typesNamed("t", maxTypes-len(testTypes))}}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := services(t)
			mods := []app.Module{New(s, nil)}
			for i, src := range c.sources {
				mods = append(mods, &namedSource{src, fmt.Sprintf("source%d", i)})
			}
			_, err := app.New(s, mods)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("start: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("start: %v, want an error with %q", err, c.want)
			}
		})
	}
}

// namedSource gives each source of a test its own module name.
type namedSource struct {
	*typeSource
	name string
}

func (s *namedSource) Name() string { return s.name }

// services are the shared services on a fresh SQLite database, enough to
// assemble modules with app.New.
func services(t *testing.T) *app.Services {
	t.Helper()
	return app.NewServices(dbtest.Open(t, db.SQLite, nil), clock.NewFake(start), slog.New(slog.NewTextHandler(io.Discard, nil)), "")
}

// TestKindsFit: every kind of organisation has a code of its own in the
// cache, so the kind filter and facet tell them apart.
func TestKindsFit(t *testing.T) {
	for _, k := range organization.Kinds {
		if code := kindCode(k); code == otherKind || kindOf(code) != k {
			t.Errorf("kind %q has code %d", k, code)
		}
	}
}
