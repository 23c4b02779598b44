package search

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// maxTypes is how many document types the index tells apart: the cache
// keeps a document's type as a code of typeBits bits, 0 standing for a
// type no module registers (any more), and a query's chosen types as a
// 64-bit mask of codes.
const maxTypes = 1<<typeBits - 1

// docTypes are the document types modules registered. A type's code is
// its place in the order of registration, from 1, so codes stay put while
// types are added.
type docTypes struct {
	codes map[string]int
	shown []searchdoc.Type // in the order the filter and facets show them
}

func newDocTypes() *docTypes { return &docTypes{codes: map[string]int{}} }

// code returns the type's code; 0 for a type nobody registered.
func (t *docTypes) code(name string) int { return t.codes[name] }

// names lists the types in the order they are shown.
func (t *docTypes) names() []string {
	out := make([]string, len(t.shown))
	for i, ty := range t.shown {
		out[i] = ty.Name
	}
	return out
}

// label returns the message id of a type's name.
func (t *docTypes) label(name string) string {
	for _, ty := range t.shown {
		if ty.Name == name {
			return ty.Label
		}
	}
	return name
}

// add registers types; a type registered twice, an invalid name and more
// types than the cache can tell apart are programming mistakes.
func (t *docTypes) add(types ...searchdoc.Type) error {
	for _, ty := range types {
		switch {
		case !validTypeName(ty.Name):
			return fmt.Errorf("search: invalid document type name %q", ty.Name)
		case ty.Label == "":
			return fmt.Errorf("search: document type %q has no label", ty.Name)
		case t.codes[ty.Name] != 0:
			return fmt.Errorf("search: document type %q registered twice", ty.Name)
		case len(t.codes) >= maxTypes:
			return fmt.Errorf("search: document type %q is one too many: the index tells %d types apart", ty.Name, maxTypes)
		}
		t.codes[ty.Name] = len(t.codes) + 1
		t.shown = append(t.shown, ty)
	}
	slices.SortStableFunc(t.shown, func(a, b searchdoc.Type) int { return cmp.Compare(a.Order, b.Order) })
	return nil
}

func validTypeName(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}

// AddSource registers a module that feeds the index (app.Searchable, given
// by app.New): its types, its documents for "teilhabe search reindex", and
// the index it Puts them into.
func (m *Module) AddSource(src app.Searchable) error {
	if err := m.types.add(src.SearchTypes()...); err != nil {
		return err
	}
	m.sources = append(m.sources, src)
	src.SetIndex(m)
	return nil
}

// AddTypes registers document types that are put into the index other than
// through a source (tools and tests that Put documents themselves).
func (m *Module) AddTypes(types ...searchdoc.Type) error { return m.types.add(types...) }

// Types lists the registered document types in the order they are shown.
func (m *Module) Types() []searchdoc.Type { return slices.Clone(m.types.shown) }

// normalize checks a query as Normalize does, and its types against the
// registered ones.
func (m *Module) normalize(q *Query) error {
	err := q.Normalize()
	if !slices.ContainsFunc(q.Types, func(t string) bool { return m.types.code(t) == 0 }) {
		return err
	}
	if err == nil {
		return apperr.Field("type", "form.invalid_choice")
	}
	if e := apperr.As(err); e.Code == apperr.Invalid && e.Fields != nil {
		apperr.Fields(e.Fields).Add("type", "form.invalid_choice")
	}
	return err
}

// setEnums lists the registered types and the organisation kinds as the
// allowed values of the search operation's parameters (which huma checks)
// and of a result's type: they are known only once the modules are
// assembled, not where the operation's types are declared.
func (m *Module) setEnums(a huma.API, path string) {
	item := a.OpenAPI().Paths[path]
	if item == nil || item.Get == nil {
		return
	}
	types := anys(m.types.names())
	enums := map[string][]any{"type": types, "org_kind": anys(organization.Kinds)}
	for _, p := range item.Get.Parameters {
		values, ok := enums[p.Name]
		if !ok || p.Schema == nil {
			continue
		}
		s := p.Schema
		if s.Items != nil {
			s = s.Items
		}
		s.Enum = values
		s.PrecomputeMessages()
	}
	if hit := a.OpenAPI().Components.Schemas.Map()["SearchHit"]; hit != nil && hit.Properties["type"] != nil {
		hit.Properties["type"].Enum = types
	}
}

func anys(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}
