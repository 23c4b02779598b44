package db_test

import (
	"context"
	"database/sql"
	"net"
	"testing"

	"github.com/jackc/pgx/v5"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// TestLostPostgresIsUnavailable: when PostgreSQL shuts a connection down (a
// restart) or refuses to connect, the request failed for a moment and is
// answered 503 with Retry-After, not 500 as if the platform were broken.
func TestLostPostgresIsUnavailable(t *testing.T) {
	ctx := context.Background()
	url := dbtest.NewPostgresDatabase(t)
	d, err := db.Open(ctx, url, "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	admin, err := sql.Open("pgx", dbtest.PostgresAdminURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()

	// The server ends the connection under a transaction, as a restart does
	// (57P01 admin_shutdown, then a closed socket).
	err = d.Tx(ctx, func(tx *sql.Tx) error {
		var pid int
		if err := tx.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
			return err
		}
		if _, err := admin.ExecContext(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
			t.Fatal(err)
		}
		_, err := tx.ExecContext(ctx, "SELECT 1")
		return err
	})
	if !apperr.Is(err, apperr.Unavailable) {
		t.Errorf("connection ended by the server: %v (code %q), want unavailable", err, apperr.CodeOf(err))
	}

	// Nobody listens: a port that was just free.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = pgx.Connect(ctx, "postgres://nobody@"+addr+"/none?connect_timeout=2")
	if err := db.Err(err); !apperr.Is(err, apperr.Unavailable) {
		t.Errorf("connection refused: %v (code %q), want unavailable", err, apperr.CodeOf(err))
	}
}
