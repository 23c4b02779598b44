package capacity_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
	"testing"

	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// BenchmarkTakeUnderContention takes one place per operation on a single
// pool from 16 goroutines at once, through one handle (one app server) and
// through two on the same database, each take in its own write
// transaction. Half the takes register, half join the waiting list.
func BenchmarkTakeUnderContention(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		for _, servers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/servers=%d", dialect, servers), func(b *testing.B) {
				first, second := dbtest.OpenTwice(b, dialect, sets)
				handles := []*db.DB{first, second}[:servers]
				benchmarkTakes(b, handles)
			})
		}
	}
}

func benchmarkTakes(b *testing.B, handles []*db.DB) {
	ctx := context.Background()
	p := capacity.Pool{Kind: "event.date", ID: "bench"}
	if err := handles[0].Tx(ctx, func(tx *sql.Tx) error {
		_, err := capacity.SetLimit(ctx, tx, p, max(1, b.N/2))
		return err
	}); err != nil {
		b.Fatal(err)
	}
	var next atomic.Int64
	b.SetParallelism(8) // 8 goroutines per core
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := next.Add(1)
			err := handles[int(n)%len(handles)].Tx(ctx, func(tx *sql.Tx) error {
				_, err := capacity.Take(ctx, tx, p, fmt.Sprint("h", n), 1, t0)
				return err
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "takes/s")
}
