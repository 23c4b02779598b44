package organization

import "context"

// All lists every organisation by name, page by page through List; for
// the modules that look at all of them at once (the network, the HSDS
// export).
func (m *Module) All(ctx context.Context) ([]*Organization, error) {
	var out []*Organization
	f := Filter{Sort: SortName, Limit: MaxLimit}
	for {
		page, err := m.List(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		f.Cursor = page.Next
	}
}
