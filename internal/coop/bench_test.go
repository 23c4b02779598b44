package coop_test

import (
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// BenchmarkMemberListAsOf reads the member list of a cooperative with
// 5,000 members, a fifth of whom changed their shares and a tenth left,
// as of a day, on both databases.
func BenchmarkMemberListAsOf(b *testing.B) {
	for _, dialect := range []db.Dialect{db.SQLite, db.Postgres} {
		b.Run(string(dialect), func(b *testing.B) {
			if dialect == db.Postgres && os.Getenv("TEILHABE_TEST_POSTGRES") == "" {
				b.Skip("no PostgreSQL")
			}
			e := wrap(b, apptest.New(b, dialect))
			now := e.Clock.Now()
			err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error {
				for i := range 5000 {
					id := ids.New()
					if _, err := tx.ExecContext(ctx, `INSERT INTO coop_members (id, coop_id, kind, created_at) VALUES ($1, $2, 'person', $3)`,
						id, e.Coop.ID, now); err != nil {
						return err
					}
					lines := [][]any{{"join", "2026-03-02", 1}}
					if i%5 == 0 {
						lines = append(lines, []any{"shares", "2026-04-01", 2})
					}
					if i%10 == 0 {
						lines = append(lines, []any{"leave", "2026-12-31", 0})
					}
					for _, l := range lines {
						if _, err := tx.ExecContext(ctx, `INSERT INTO coop_register (id, coop_id, member_id, kind, effective_on, name, address, shares, recorded_at)
							VALUES ($1, $2, $3, $4, $5, $6, 'Hafenstraße 1, 20457 Hamburg', $7, $8)`,
							ids.New(), e.Coop.ID, id, l[0], l[1], fmt.Sprintf("Mitglied %d", i), l[2], now); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			on := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
			b.ResetTimer()
			for b.Loop() {
				if _, l, err := e.Coops.MemberList(ctx, e.Olga.Identity(), e.Coop.ID, on, "bench"); err != nil || len(l) != 5003 {
					b.Fatal(len(l), err)
				}
			}
		})
	}
}
