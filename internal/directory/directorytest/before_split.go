package directorytest

import (
	"context"
	"embed"
	"io/fs"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/platform"
)

// beforeSplit are the directory's migrations as they were when the
// directory still held the partnerships, the partner search and the HSDS
// ids, which the network and hsds modules hold now.
//
//go:embed before_split
var beforeSplit embed.FS

// BeforeSplit returns the platform on a fresh database of the dialect,
// migrated as a database made before the network and hsds modules
// existed: every module's migrations, but the directory's as they were
// then and none of network and hsds. The test puts data in it and then
// migrates it with p.Migrate.
func BeforeSplit(t testing.TB, dialect db.Dialect) *platform.Platform {
	t.Helper()
	d := dbtest.Open(t, dialect, nil)
	p, err := platform.New(platform.Config{Addr: "127.0.0.1:0"}, d, clock.NewFake(apptest.Start), apptest.Logger(t))
	if err != nil {
		t.Fatalf("assemble platform: %v", err)
	}
	old, err := fs.Sub(beforeSplit, "before_split")
	if err != nil {
		t.Fatal(err)
	}
	var sets []db.Migrations
	for _, set := range app.Migrations(p.App.Modules) {
		switch set.Module {
		case "network", "hsds":
			continue
		case "directory":
			set.FS = old
		}
		sets = append(sets, set)
	}
	if _, err := d.Migrate(context.Background(), sets); err != nil {
		t.Fatalf("migrate to the layout before the split: %v", err)
	}
	return p
}
