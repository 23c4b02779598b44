package apptest

import (
	"context"
	"testing"

	"teilhabe.org/teilhabe/internal/notify"
)

// Notices returns the person's notices of one kind, newest first, as their
// inbox holds them.
func (e *Env) Notices(t testing.TB, p *Person, kind string) []notify.Record {
	t.Helper()
	all, err := e.P.Services.Notify.List(context.Background(), p.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []notify.Record
	for _, r := range all {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}
