package text_test

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/text"
)

// places has an integer and a uuid-or-text key, like the modules' tables.
const places = `CREATE TABLE places (seq INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL, gone BOOLEAN NOT NULL);
CREATE TABLE notes (id %s PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, title_key TEXT NOT NULL, body_key TEXT NOT NULL);`

func TestRekey(t *testing.T) {
	migrations := db.Migrations{Module: "rekey", FS: fstest.MapFS{
		"sqlite/001.sql":   {Data: []byte(fmtTable("TEXT"))},
		"postgres/001.sql": {Data: []byte(fmtTable("uuid"))},
	}}
	dbtest.ForEach(t, []db.Migrations{migrations}, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := d.ExecContext(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		// Keys as an older rule stored them.
		exec(`INSERT INTO places (seq, name, name_key, gone) VALUES (1, 'Göttingen', 'gottingen', FALSE),
			(2, 'Neuenkirchen', 'neuenkirchen', FALSE), (3, 'Bauer', 'bauer', TRUE)`)
		id := "0190f3c2-7a3e-7c41-9a57-3c1d2e4f5a6b"
		exec(`INSERT INTO notes (id, title, body, title_key, body_key) VALUES ($1, 'Fahrräder', 'زندگی در کاسل', 'fahrrader', 'زندگی در کاسل')`, id)

		placeKeys := text.Keys{Table: "places", ID: "seq", Sources: []string{"name"}, Keys: []string{"name_key"},
			Where: "gone = FALSE", Compute: func(s []string) []string { return []string{text.Key(s[0])} }}
		n, err := text.Rekey(ctx, d, placeKeys)
		if err != nil || n != 1 {
			t.Fatalf("rekey places: %d %v, want the one stale row", n, err)
		}
		for seq, want := range map[int]string{1: "gottingen", 2: "neunkirchen", 3: "bauer"} {
			var key string
			if err := d.QueryRowContext(ctx, "SELECT name_key FROM places WHERE seq = $1", seq).Scan(&key); err != nil || key != want {
				t.Errorf("place %d: %q %v, want %q", seq, key, err, want)
			}
		}
		noteKeys := text.Keys{Table: "notes", ID: "id", Sources: []string{"title", "body"}, Keys: []string{"title_key", "body_key"},
			Compute: func(s []string) []string { return []string{text.Key(s[0]), text.Key(s[1])} }}
		if n, err := text.Rekey(ctx, d, noteKeys); err != nil || n != 1 {
			t.Fatalf("rekey notes: %d %v", n, err)
		}
		var titleKey, bodyKey string
		if err := d.QueryRowContext(ctx, "SELECT title_key, body_key FROM notes WHERE id = $1", id).Scan(&titleKey, &bodyKey); err != nil ||
			titleKey != "fahrrader" || bodyKey != text.Key("زندگي در كاسل") {
			t.Errorf("note keys %q %q %v", titleKey, bodyKey, err)
		}
		// Up to date: nothing to do.
		if n, err := text.Rekey(ctx, d, noteKeys); err != nil || n != 0 {
			t.Errorf("second rekey: %d %v", n, err)
		}
		noteKeys.Compute = func(s []string) []string { return nil }
		exec("UPDATE notes SET title_key = 'old'")
		if _, err := text.Rekey(ctx, d, noteKeys); err == nil {
			t.Error("a Compute giving too few keys is not refused")
		}
	})
}

func fmtTable(idType string) string { return fmt.Sprintf(places, idType) }
