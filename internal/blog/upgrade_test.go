package blog_test

import (
	"bytes"
	"context"
	"embed"
	"image"
	"image/png"
	"io/fs"
	"slices"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/platform"
	"teilhabe.org/teilhabe/internal/uploads"
)

// beforeSplit are the pledges' migrations as they were when the pledges
// module held the reports.
//
//go:embed testdata/before_split
var beforeSplit embed.FS

var ctx = context.Background()

// TestUpgradeKeepsReports: a database made when the pledges module held
// the reports has them in its tables, recorded under the pledges'
// migration. Migrating it now adopts the tables into the blog and loses
// nothing: the report of a public pledge is on the blog with its photo,
// the report of a pledge moderation hid is not.
func TestUpgradeKeepsReports(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) { testUpgrade(t, dialect) })
	}
}

func testUpgrade(t *testing.T, dialect db.Dialect) {
	p := beforeBlog(t, dialect)
	anna, err := p.Accounts.CreateVerified(ctx, "anna@example.org", "Anna", apptest.Password, "de", auth.Member)
	if err != nil {
		t.Fatal(err)
	}
	photo, err := uploads.Store(ctx, p.DB, p.Services.Limiter, anna.ID, bytes.NewReader(pngImage(t)), blog.MaxImageBytes, apptest.Start)
	if err != nil {
		t.Fatal(err)
	}
	published := apptest.Start.Add(time.Hour)
	// The rows as the pledges module wrote them before the blog existed.
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO pledges (id, status, owner_id, promise, needed, who, condition_text, deadline, category, content_lang,
			hidden, created_at, updated_at) VALUES ($1, 'successful', $2, 'zehn Räder', 1, 'Initiative', 'sie repariert', $3,
			'mobility', 'de', $4, $3, $3), ($5, 'successful', $2, 'Regale', 1, 'Initiative', 'sie aufbaut', $3, 'housing', 'de', $6, $3, $3)`,
			[]any{pledgeID, anna.ID, apptest.Start, false, hiddenPledgeID, true}},
		{`INSERT INTO pledge_reports (id, pledge_id, author_id, title, body, content_lang, status, confirmed_by,
			published_at, created_at, updated_at) VALUES ($1, $2, $3, 'Zehn Räder', 'Es **lief**.', 'de', 'published', $3, $4, $4, $4),
			($5, $6, $3, 'Regale', 'Aufgebaut.', 'de', 'published', $3, $4, $4, $4)`,
			[]any{reportID, pledgeID, anna.ID, published, hiddenReportID, hiddenPledgeID}},
		{`INSERT INTO pledge_report_photos (report_id, upload_id, position) VALUES ($1, $2, 0)`, []any{reportID, photo.ID}},
	} {
		if _, err := p.DB.ExecContext(ctx, stmt.sql, stmt.args...); err != nil {
			t.Fatalf("%s: %v", stmt.sql, err)
		}
	}

	applied, err := p.Migrate(ctx)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if !slices.Contains(applied, "blog/001_reports.sql") || !slices.Contains(applied, "blog/002_owners.sql") ||
		slices.Contains(applied, "pledge/001_pledges.sql") {
		t.Errorf("applied %v", applied)
	}
	reports := module[*blog.Module](t, p.App.Modules)
	got, err := reports.Get(ctx, nil, reportID)
	if err != nil {
		t.Fatalf("the report after the upgrade: %v", err)
	}
	if got.Title != "Zehn Räder" || got.OwnerKind != "pledge" || got.OwnerID != pledgeID || !got.Public() ||
		!slices.Equal(got.Photos, []string{photo.ID}) || !got.PublishedAt.Equal(published) {
		t.Errorf("the report after the upgrade: %+v", got)
	}
	if _, err := reports.Get(ctx, nil, hiddenReportID); err == nil {
		t.Error("the report of a hidden pledge is public after the upgrade")
	}
	page, err := reports.List(ctx, false, 10, "")
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != reportID {
		t.Errorf("the blog after the upgrade: %+v %v", page, err)
	}
	if n, err := reports.CountPublic(ctx, "pledge"); err != nil || n != 1 {
		t.Errorf("public reports after the upgrade: %d %v", n, err)
	}
	if applied, err := p.Migrate(ctx); err != nil || len(applied) != 0 {
		t.Errorf("a second migration applied %v: %v", applied, err)
	}
}

const (
	pledgeID       = "01a251ba-0000-7000-8000-000000000001"
	hiddenPledgeID = "01a251ba-0000-7000-8000-000000000002"
	reportID       = "01a251ba-0000-7000-8000-000000000003"
	hiddenReportID = "01a251ba-0000-7000-8000-000000000004"
)

// beforeBlog returns the platform on a fresh database of the dialect,
// migrated as a database made before the blog was a module: every
// module's migrations, the pledges' as they were then and none of the
// blog's.
func beforeBlog(t *testing.T, dialect db.Dialect) *platform.Platform {
	t.Helper()
	d := dbtest.Open(t, dialect, nil)
	p, err := platform.New(platform.Config{Addr: "127.0.0.1:0"}, d, clock.NewFake(apptest.Start), apptest.Logger(t))
	if err != nil {
		t.Fatalf("assemble platform: %v", err)
	}
	old, err := fs.Sub(beforeSplit, "testdata/before_split")
	if err != nil {
		t.Fatal(err)
	}
	var sets []db.Migrations
	for _, set := range app.Migrations(p.App.Modules) {
		switch set.Module {
		case "blog":
			continue
		case "pledge":
			set.FS = old
		}
		sets = append(sets, set)
	}
	if _, err := d.Migrate(ctx, sets); err != nil {
		t.Fatalf("migrate to the layout before the blog: %v", err)
	}
	return p
}

// module finds the module of type T.
func module[T any](t *testing.T, mods []app.Module) T {
	t.Helper()
	for _, m := range mods {
		if x, ok := m.(T); ok {
			return x
		}
	}
	var zero T
	t.Fatalf("no module %T", zero)
	return zero
}

// pngImage is a small PNG picture.
func pngImage(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
