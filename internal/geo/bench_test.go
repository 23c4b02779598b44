package geo_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
)

// BenchmarkImport replaces the whole table with the GeoNames file; rows/s
// is reported beside the time.
func BenchmarkImport(b *testing.B) {
	data, err := os.ReadFile(geotest.DataFile(b))
	if err != nil {
		b.Fatal(err)
	}
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			g := geo.New(dbtest.Open(b, dialect, sets))
			ctx := context.Background()
			rows := 0
			for b.Loop() {
				n, err := g.Import(ctx, bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkResolve looks up what people type: a postcode, a city, a name
// with umlauts written out, postcode and place, a name found by its start.
func BenchmarkResolve(b *testing.B) {
	path := geotest.DataFile(b)
	texts := []string{"34117", "Kassel", "Goettingen", "37073 Göttingen", "Frankfurt", "Berlin"}
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			g := geo.New(dbtest.Open(b, dialect, sets))
			importFile(b, g, path)
			ctx := context.Background()
			for _, text := range texts {
				b.Run(text, func(b *testing.B) {
					for b.Loop() {
						if _, err := g.Resolve(ctx, text); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkSuggest lists ten places for a prefix.
func BenchmarkSuggest(b *testing.B) {
	path := geotest.DataFile(b)
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			g := geo.New(dbtest.Open(b, dialect, sets))
			importFile(b, g, path)
			ctx := context.Background()
			for _, prefix := range []string{"341", "Kas", "b"} {
				b.Run(prefix, func(b *testing.B) {
					for b.Loop() {
						if _, err := g.Suggest(ctx, prefix, 10); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
