// Package db opens the database (embedded SQLite by default, PostgreSQL when a
// URL is given), runs write transactions the way each engine likes them, turns
// driver errors into apperr codes and applies the modules' migrations.
//
// SQL is written once with $1 placeholders; both engines accept it. Code that
// must differ per engine asks Dialect().
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers "sqlite"
)

// Dialect names the database engine.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Querier is what both *DB and *sql.Tx offer, so store functions can run
// inside or outside a transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// DB is the database handle shared by all modules. On SQLite it holds one
// writer connection beside a pool of read-only connections, so writers queue
// in Go instead of failing with SQLITE_BUSY; on PostgreSQL both are one pool.
type DB struct {
	dialect Dialect
	read    *sql.DB
	write   *sql.DB
	path    string // the SQLite file
}

// SQLiteFile is the database file name inside the data folder.
const SQLiteFile = "teilhabe.db"

// Synchronous is when SQLite waits for the disk (PRAGMA synchronous, in
// WAL mode).
type Synchronous string

const (
	// SyncFull syncs the log at every commit, so a write that was
	// acknowledged survives a power loss or a crash of the machine. The
	// default.
	SyncFull Synchronous = "FULL"
	// SyncNormal syncs only at checkpoints: commits are cheaper, and a crash
	// of the process still loses nothing, but a power loss or a crash of the
	// machine may undo the last acknowledged commits (without corrupting the
	// database).
	SyncNormal Synchronous = "NORMAL"
)

// ParseSynchronous reads an operator's choice: "full" or "normal".
func ParseSynchronous(s string) (Synchronous, error) {
	switch v := Synchronous(strings.ToUpper(strings.TrimSpace(s))); v {
	case SyncFull, SyncNormal:
		return v, nil
	}
	return "", fmt.Errorf("SQLite synchronous mode %q: want full or normal", s)
}

// Option changes how Open opens a database.
type Option func(*options)

type options struct {
	sync Synchronous
}

// WithSynchronous sets SQLite's synchronous mode (SyncFull by default).
// PostgreSQL has its own settings for that (synchronous_commit).
func WithSynchronous(s Synchronous) Option { return func(o *options) { o.sync = s } }

// Open connects to PostgreSQL when databaseURL is set and to the SQLite file
// in dataDir otherwise.
func Open(ctx context.Context, databaseURL, dataDir string, opts ...Option) (*DB, error) {
	o := options{sync: SyncFull}
	for _, opt := range opts {
		opt(&o)
	}
	var d *DB
	var err error
	if databaseURL != "" {
		d, err = openPostgres(databaseURL)
	} else {
		d, err = openSQLite(dataDir, o.sync)
	}
	if err != nil {
		return nil, err
	}
	if err := d.Ping(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("connect to %s: %w", d.dialect, err)
	}
	return d, nil
}

func openPostgres(databaseURL string) (*DB, error) {
	if !strings.HasPrefix(databaseURL, "postgres://") && !strings.HasPrefix(databaseURL, "postgresql://") {
		return nil, errors.New("DATABASE_URL must start with postgres:// or postgresql://")
	}
	u, err := url.Parse(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	q := u.Query()
	if q.Get("timezone") == "" {
		q.Set("timezone", "UTC")
	}
	u.RawQuery = q.Encode()
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	pool := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(readTimesInUTC))
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{dialect: Postgres, read: pool, write: pool}, nil
}

// readTimesInUTC makes TIMESTAMPTZ values scan as UTC, as they do from
// SQLite; pgx would give them the machine's local zone, so the same row would
// compare unequal (==, reflect.DeepEqual) and format differently per engine.
func readTimesInUTC(_ context.Context, conn *pgx.Conn) error {
	conn.TypeMap().RegisterType(&pgtype.Type{
		Name:  "timestamptz",
		OID:   pgtype.TimestamptzOID,
		Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC},
	})
	return nil
}

// sqliteDSN configures every connection: wait for locks instead of failing,
// WAL so readers never block the writer, foreign keys on, the chosen
// synchronous mode (FULL unless the operator traded durability for speed),
// and times stored as integer microseconds (they compare and sort
// correctly, unlike text) that read back as time.Time from TIMESTAMP
// columns.
func sqliteDSN(path string, readOnly bool, sync Synchronous) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous("+string(sync)+")")
	q.Set("_time_integer_format", "unix_micro")
	q.Set("_inttotime", "1")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

func openSQLite(dataDir string, sync Synchronous) (*DB, error) {
	if _, err := ParseSynchronous(string(sync)); err != nil {
		return nil, err
	}
	if dataDir == "" {
		return nil, errors.New("no data folder given for the SQLite database")
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	path := filepath.Join(dataDir, SQLiteFile)
	write, err := sql.Open("sqlite", sqliteDSN(path, false, sync))
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	// Create the file and switch it to WAL before readers open it.
	if _, err := write.Exec("SELECT 1"); err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", sqliteDSN(path, true, sync))
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(max(4, 2*runtime.NumCPU()))
	read.SetMaxIdleConns(max(4, 2*runtime.NumCPU()))
	return &DB{dialect: SQLite, read: read, write: write, path: path}, nil
}

// Dialect tells which engine this is.
func (d *DB) Dialect() Dialect { return d.dialect }

// Ping checks that both pools answer.
func (d *DB) Ping(ctx context.Context) error {
	if err := d.write.PingContext(ctx); err != nil {
		return err
	}
	return d.read.PingContext(ctx)
}

// Close closes the pools.
func (d *DB) Close() error {
	err := d.write.Close()
	if d.read != d.write {
		err = errors.Join(err, d.read.Close())
	}
	return err
}

// Stats reports the read and write pools (the same on PostgreSQL).
func (d *DB) Stats() (read, write sql.DBStats) { return d.read.Stats(), d.write.Stats() }

// QueryContext runs a read on the read pool.
func (d *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := d.read.QueryContext(ctx, query, args...)
	return rows, Err(err)
}

// QueryRowContext runs a one-row read on the read pool; Scan errors still need Err.
func (d *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return d.read.QueryRowContext(ctx, query, args...)
}

// ExecContext runs one statement on the writer, outside a transaction.
func (d *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := d.write.ExecContext(ctx, query, args...)
	return res, Err(err)
}

// Tx runs fn in a write transaction (BEGIN IMMEDIATE on SQLite) and commits
// when fn returns nil. Errors come back classified.
func (d *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return Err(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return Err(err)
	}
	return Err(tx.Commit())
}

// ForUpdateSkipLocked is the clause that lets several app servers claim
// different rows of a queue on PostgreSQL; on SQLite the single writer
// already serialises claims, so it is empty.
func (d *DB) ForUpdateSkipLocked() string {
	if d.dialect == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// Backup writes a consistent snapshot of the SQLite database to file while
// the server may be running. PostgreSQL has pg_dump for that.
func (d *DB) Backup(ctx context.Context, file string) error {
	if d.dialect != SQLite {
		return errors.New("backup copies the embedded SQLite database; for PostgreSQL use pg_dump")
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("%s exists already; choose a new file name", file)
	}
	_, err = d.write.ExecContext(ctx, "VACUUM INTO $1", abs)
	return err
}

// Optimize refreshes the statistics SQLite's query planner chooses indexes
// by (PRAGMA optimize, which analyses only the tables whose size changed
// much). Without them SQLite guesses, and at 100,000 listings it guessed a
// plan that sorts every open listing for each board page. PostgreSQL's
// autovacuum keeps its own statistics, so there it does nothing.
func (d *DB) Optimize(ctx context.Context) error {
	if d.dialect != SQLite {
		return nil
	}
	// analysis_limit samples each index instead of reading it whole, so the
	// run at start-up and every hour stays short on a large database;
	// 0x10002: look at every table, not only those this connection queried.
	_, err := d.write.ExecContext(ctx, "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002")
	return Err(err)
}
