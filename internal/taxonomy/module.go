package taxonomy

// Module serves the taxonomy through the API. It owns no tables, pages or
// messages: the names of the categories are in categories.json.
type Module struct{ t *Taxonomy }

// NewModule returns the taxonomy module. It parses the shipped file, so an
// invalid one stops the start.
func NewModule() *Module { return &Module{t: Default()} }

func (m *Module) Name() string { return "taxonomy" }

// Taxonomy returns the taxonomy the module serves.
func (m *Module) Taxonomy() *Taxonomy { return m.t }
