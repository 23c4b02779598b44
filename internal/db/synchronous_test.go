package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"teilhabe.org/teilhabe/internal/db"
)

// synchronous reads PRAGMA synchronous on the writer: 1 is NORMAL, 2 FULL.
func synchronous(t testing.TB, d *db.DB) int {
	t.Helper()
	var n int
	err := d.Tx(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRowContext(context.Background(), "PRAGMA synchronous").Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// An acknowledged write must survive a power loss: in WAL mode only FULL
// syncs the log at every commit. NORMAL stays for operators who choose it.
func TestSQLiteAcknowledgedMeansDurable(t *testing.T) {
	ctx := context.Background()
	d, err := db.Open(ctx, "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if got := synchronous(t, d); got != 2 {
		t.Errorf("default synchronous = %d, want 2 (FULL)", got)
	}

	normal, err := db.Open(ctx, "", t.TempDir(), db.WithSynchronous(db.SyncNormal))
	if err != nil {
		t.Fatal(err)
	}
	defer normal.Close()
	if got := synchronous(t, normal); got != 1 {
		t.Errorf("synchronous with SyncNormal = %d, want 1 (NORMAL)", got)
	}

	for in, want := range map[string]db.Synchronous{"full": db.SyncFull, " Normal ": db.SyncNormal, "FULL": db.SyncFull} {
		if got, err := db.ParseSynchronous(in); err != nil || got != want {
			t.Errorf("ParseSynchronous(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "off", "extra", "1"} {
		if _, err := db.ParseSynchronous(in); err == nil {
			t.Errorf("ParseSynchronous(%q) accepted", in)
		}
	}
	if _, err := db.Open(ctx, "", t.TempDir(), db.WithSynchronous("OFF")); err == nil {
		t.Error("Open accepted synchronous OFF")
	}
}

// BenchmarkSmallWriteTx measures what durability costs: one write
// transaction (BEGIN IMMEDIATE, one INSERT, COMMIT) on SQLite with each
// synchronous mode. Run it on the disk that holds the data folder (the
// temporary folder must not be a tmpfs, where syncing costs nothing):
//
//	go test -run '^$' -bench SmallWriteTx -benchtime 3s ./internal/db/
func BenchmarkSmallWriteTx(b *testing.B) {
	ctx := context.Background()
	for _, mode := range []db.Synchronous{db.SyncFull, db.SyncNormal} {
		b.Run(string(mode), func(b *testing.B) {
			d, err := db.Open(ctx, "", b.TempDir(), db.WithSynchronous(mode))
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			if _, err := d.ExecContext(ctx, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := range b.N {
				err := d.Tx(ctx, func(tx *sql.Tx) error {
					_, err := tx.ExecContext(ctx, "INSERT INTO notes (body) VALUES ($1)", fmt.Sprintf("note %d", i))
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
