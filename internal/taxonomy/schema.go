package taxonomy

import "github.com/danielgtaylor/huma/v2"

// EnumerateCategories makes the named string properties of an API schema
// an enumeration of the taxonomy's category ids, for the TransformSchema
// of input types: the document then lists what a category may be, and the
// API refuses another before the operation runs.
func EnumerateCategories(s *huma.Schema, props ...string) *huma.Schema {
	var ids []any
	for _, c := range Default().All() {
		ids = append(ids, c.ID)
	}
	for _, name := range props {
		if p := s.Properties[name]; p != nil {
			p.Enum = ids
		}
	}
	return s
}
