package userdata_test

import (
	"context"
	"database/sql"
	"testing"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/userdata"
)

func TestProvideAsksOnlyAboutValidIDs(t *testing.T) {
	var asked []string
	p := userdata.Provide(userdata.Funcs{Name: "events",
		Export: func(_ context.Context, userID string) (any, error) {
			asked = append(asked, "export "+userID)
			return "data", nil
		},
		Erase: func(_ context.Context, _ *sql.Tx, userID string) error {
			asked = append(asked, "erase "+userID)
			return nil
		}})
	ctx := context.Background()
	for _, bad := range []string{"", "42", "not-an-id-of-thirty-six-characters!!"} {
		if got, err := p.Export(ctx, bad); got != nil || err != nil {
			t.Errorf("Export(%q) = %v, %v; want nothing", bad, got, err)
		}
		if err := p.CheckErase(ctx, bad); err != nil {
			t.Errorf("CheckErase(%q) = %v", bad, err)
		}
		if err := p.Erase(ctx, nil, bad); err != nil {
			t.Errorf("Erase(%q) = %v", bad, err)
		}
	}
	if len(asked) > 0 {
		t.Fatalf("module asked about invalid ids: %v", asked)
	}
	id := ids.New()
	if got, err := p.Export(ctx, id); got != "data" || err != nil {
		t.Errorf("Export = %v, %v", got, err)
	}
	if err := p.CheckErase(ctx, id); err != nil {
		t.Errorf("CheckErase without a check = %v; want no refusal", err)
	}
	if err := p.Erase(ctx, nil, id); err != nil {
		t.Errorf("Erase = %v", err)
	}
	if want := []string{"export " + id, "erase " + id}; len(asked) != 2 || asked[0] != want[0] || asked[1] != want[1] {
		t.Errorf("asked %v; want %v", asked, want)
	}
	if p.Name() != "events" {
		t.Errorf("Name = %q", p.Name())
	}
}

func TestExecRunsEveryStatementInOrder(t *testing.T) {
	dbtest.ForEach(t, nil, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.ExecContext(ctx, "CREATE TABLE things (owner TEXT, n INTEGER)"); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, "INSERT INTO things VALUES ('ana', 1), ('ana', 2), ('ben', 3)"); err != nil {
			t.Fatal(err)
		}
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			return userdata.Exec(ctx, tx, "ana",
				"UPDATE things SET n = n * 10 WHERE owner = $1",
				"DELETE FROM things WHERE owner = $1 AND n = 10")
		})
		if err != nil {
			t.Fatal(err)
		}
		var left int
		if err := d.QueryRowContext(ctx, "SELECT sum(n) FROM things").Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left != 23 { // ana's 20 and ben's 3: the update ran before the delete
			t.Errorf("sum = %d; want 23", left)
		}
	})
}
