package geo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/geo"
)

// TestKeysComputedAgain: places imported under older folding rules are
// keyed again by the geo job, so each name still finds its own place.
func TestKeysComputedAgain(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		g := geo.New(d)
		file := strings.Join(geo.Columns, ",") + "\n" +
			"DE,49586,Neuenkirchen,Niedersachsen,NI,,,Osnabrück,03459,52.41,7.83\n" +
			"DE,66538,Neunkirchen,Saarland,SL,,,Neunkirchen,10043,49.34,7.18\n"
		if _, err := g.Import(ctx, strings.NewReader(file)); err != nil {
			t.Fatal(err)
		}
		// The key Neuenkirchen had when an e after a vowel pair was kept.
		if _, err := d.ExecContext(ctx, "UPDATE geo_places SET fold = 'neuenkirchen' WHERE name = 'Neuenkirchen'"); err != nil {
			t.Fatal(err)
		}
		if p := resolve(t, g, "Neuenkirchen"); p.Name != "Neunkirchen" {
			t.Fatalf("with the stale key Neuenkirchen resolves to %+v", p)
		}
		for _, j := range g.Jobs() {
			if err := j.Run(ctx, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		for _, name := range []string{"Neuenkirchen", "Neunkirchen"} {
			if p := resolve(t, g, name); p.Name != name {
				t.Errorf("%s resolves to %+v", name, p)
			}
		}
	})
}
