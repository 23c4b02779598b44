package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// ledger keeps an invariant that a torn read or a lost write would break:
// every transaction adds one entry and bumps the counter by one.
var ledger = []db.Migrations{migrations("ledger", map[string]perDialect{
	"001_ledger.sql": same(`
CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO counter (id, n) VALUES (1, 0);
CREATE TABLE entries (seq INTEGER PRIMARY KEY, writer TEXT NOT NULL, amount INTEGER NOT NULL);`),
})}

// addEntry appends one entry in a write transaction.
func addEntry(ctx context.Context, d *db.DB, writer string, amount int) error {
	return d.Tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT n FROM counter WHERE id = 1").Scan(&n); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO entries (seq, writer, amount) VALUES ($1, $2, $3)", n+1, writer, amount); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE counter SET n = $1 WHERE id = 1", n+1)
		return err
	})
}

// checkLedger reads counter and entries in one statement, so one snapshot:
// they must agree.
func checkLedger(ctx context.Context, q db.Querier) (int, error) {
	var n, entries int
	err := q.QueryRowContext(ctx, "SELECT (SELECT n FROM counter WHERE id = 1), (SELECT count(*) FROM entries)").Scan(&n, &entries)
	if err != nil {
		return 0, err
	}
	if n != entries {
		return 0, fmt.Errorf("counter says %d, but there are %d entries", n, entries)
	}
	return n, nil
}

// readUntil keeps reading the ledger until stop is closed.
func readUntil(ctx context.Context, d *db.DB, stop <-chan struct{}, errs *errorList) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		_, err := checkLedger(ctx, d)
		errs.add(err)
	}
}

func openSQLite(t *testing.T, dir string, sets []db.Migrations) *db.DB {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(ctx, sets); err != nil {
		t.Fatal(err)
	}
	return d
}

// Writers queue in Go for the one writer connection, so a busy server never
// shows SQLITE_BUSY to a user.
func TestSQLiteConcurrentWritesAndReadsNeverFail(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite, ledger)
	const writers, perWriter = 50, 20

	var errs errorList
	var readers, writing sync.WaitGroup
	stop := make(chan struct{})
	for range 8 {
		readers.Go(func() { readUntil(ctx, d, stop, &errs) })
	}
	for w := range writers {
		writing.Go(func() {
			for i := range perWriter {
				errs.add(addEntry(ctx, d, fmt.Sprint("w", w), i))
			}
		})
	}
	writing.Wait()
	close(stop)
	readers.Wait()
	errs.check(t)

	n, err := checkLedger(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if n != writers*perWriter {
		t.Fatalf("%d entries, want %d", n, writers*perWriter)
	}
}

// A command-line tool opens the same folder while the server runs; both
// write, and SQLite's busy timeout makes each wait for the other.
func TestSQLiteSecondOpenWritesAlongside(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	server := openSQLite(t, dir, ledger)
	command := openSQLite(t, dir, ledger)
	const perHandle, writers, perWriter = 2, 10, 30

	var errs errorList
	var readers, writing sync.WaitGroup
	stop := make(chan struct{})
	for _, d := range []*db.DB{server, command} {
		for range perHandle {
			readers.Go(func() { readUntil(ctx, d, stop, &errs) })
		}
		for w := range writers {
			writing.Go(func() {
				for i := range perWriter {
					errs.add(addEntry(ctx, d, fmt.Sprint("w", w), i))
				}
			})
		}
	}
	writing.Wait()
	close(stop)
	readers.Wait()
	errs.check(t)

	for name, d := range map[string]*db.DB{"server": server, "command": command} {
		n, err := checkLedger(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if n != 2*writers*perWriter {
			t.Errorf("the %s sees %d entries, want %d", name, n, 2*writers*perWriter)
		}
	}
}

func TestBackupWhileWriting(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite, ledger)
	for i := range 200 {
		if err := addEntry(ctx, d, "before", i); err != nil {
			t.Fatal(err)
		}
	}

	var errs errorList
	var writing sync.WaitGroup
	var written atomic.Int64
	stop := make(chan struct{})
	for w := range 4 {
		writing.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				err := addEntry(ctx, d, fmt.Sprint("during", w), i)
				errs.add(err)
				if err == nil {
					written.Add(1)
				}
			}
		})
	}
	for written.Load() < 50 {
		time.Sleep(time.Millisecond)
	}
	snapshot := filepath.Join(t.TempDir(), db.SQLiteFile)
	err := d.Backup(ctx, snapshot)
	close(stop)
	writing.Wait()
	errs.check(t)
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}

	// The snapshot holds a consistent prefix of the ledger, row for row.
	backup := openSQLite(t, filepath.Dir(snapshot), nil)
	n, err := checkLedger(ctx, backup)
	if err != nil {
		t.Fatalf("the snapshot: %v", err)
	}
	if n < 250 {
		t.Errorf("the snapshot has %d entries; at least 250 were written before it", n)
	}
	if got, want := entries(t, backup, n), entries(t, d, n); got != want {
		t.Errorf("the snapshot's entries differ from the database's:\n%s\n%s", got, want)
	}

	// With the writers gone, a second snapshot equals the database.
	quiet := filepath.Join(t.TempDir(), db.SQLiteFile)
	if err := d.Backup(ctx, quiet); err != nil {
		t.Fatal(err)
	}
	all, err := checkLedger(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := entries(t, openSQLite(t, filepath.Dir(quiet), nil), all), entries(t, d, all); got != want {
		t.Errorf("the quiet snapshot differs from the database")
	}
}

// entries lists the entries up to seq as text, for comparing two databases.
func entries(t *testing.T, d *db.DB, upTo int) string {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), "SELECT seq, writer, amount FROM entries WHERE seq <= $1 ORDER BY seq", upTo)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []byte
	for rows.Next() {
		var seq, amount int
		var writer string
		if err := rows.Scan(&seq, &writer, &amount); err != nil {
			t.Fatal(err)
		}
		out = fmt.Appendf(out, "%d %s %d\n", seq, writer, amount)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestBackupRefusesAnExistingFile(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t, db.SQLite, ledger)
	existing := filepath.Join(t.TempDir(), "backup.db")
	if err := os.WriteFile(existing, []byte("yesterday's backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := d.Backup(context.Background(), existing); err == nil {
		t.Fatal("Backup overwrote an existing file")
	}
	if b, _ := os.ReadFile(existing); string(b) != "yesterday's backup" {
		t.Fatalf("the existing file changed: %q", b)
	}
}

func TestBackupRefusesPostgres(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t, db.Postgres, nil)
	file := filepath.Join(t.TempDir(), "backup.db")
	if err := d.Backup(context.Background(), file); err == nil {
		t.Fatal("Backup claims to have copied a PostgreSQL database")
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatalf("Backup on PostgreSQL left a file: %v", err)
	}
}
