package hsds_test

import (
	"bytes"
	"errors"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/hsds"
)

// FuzzImportHSDS feeds arbitrary datasets to the HSDS import on SQLite: it
// never panics, and it either imports or refuses with Invalid and at least
// one problem that says what is wrong. A refused import changes nothing.
func FuzzImportHSDS(f *testing.F) {
	for _, seed := range []string{
		"", "[]", "{", "42", `[{"id": "x"}, 3]`, `[{"id":"a56f7081-92a3-44b5-9637-48596a7b8c9e","name":""}]`,
		`[{"id":"a56f7081-92a3-44b5-9637-48596a7b8c9e","name":"Dienst","organization":{"id":"b56f7081-92a3-44b5-9637-48596a7b8c9e","name":"Verein"},"service_at_locations":[{"id":"c56f7081-92a3-44b5-9637-48596a7b8c9e","location":{"id":"d56f7081-92a3-44b5-9637-48596a7b8c9e","addresses":[{"address_1":"Weg 1","postal_code":"34117","city":"Kassel","country":"DE"}],"schedules":[{"freq":"WEEKLY","byday":"MO","opens_at":"25:00","closes_at":"12:00"}]}}]}]`,
		"\xff\xfe[", `[{"id":"a56f7081-92a3-44b5-9637-48596a7b8c9e","name":"<script>alert(1)</script>","phones":[{"number":"=HYPERLINK(1)"}]}]`,
	} {
		f.Add([]byte(seed))
	}
	e := newEnv(f, db.SQLite)
	importer := e.NewPerson(f, "importer", auth.Coordinator)
	f.Fuzz(func(t *testing.T, data []byte) {
		before := counts(t, e)
		rep, err := e.X.ImportHSDS(ctx, hsds.ImportOptions{OwnerID: importer.ID}, bytes.NewReader(data))
		if err == nil {
			return
		}
		var ae *apperr.Error
		if !errors.As(err, &ae) || !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("import failed with %v, not a refusal of the data", err)
		}
		if rep == nil || len(rep.Problems) == 0 {
			t.Fatalf("refused import names no problem: %v", err)
		}
		if after := counts(t, e); after != before {
			t.Fatalf("a refused import changed the counts:\n%s\n%s", before, after)
		}
	})
}
