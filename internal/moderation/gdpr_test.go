package moderation_test

import (
	"encoding/json"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

func TestExportAndErase(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		reporter := e.NewPerson(t, "reporter", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		item := e.Items.Create(t, owner.ID, "Waschmaschine", "")
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "personal_data", "Zeigt meine Adresse"); err != nil {
			t.Fatal(err)
		}
		held := e.Items.CreateHeld(t, e.Mod, owner.ID, "Mit Nummer", "0561 123456")
		hidden := e.Items.Create(t, owner.ID, "Verborgen", "")
		if err := e.Mod.Hide(ctx, staff.Identity(), "listing", hidden, "Doppelt eingestellt"); err != nil {
			t.Fatal(err)
		}

		export := func(userID string) string {
			t.Helper()
			x, err := e.P.Accounts.Export(ctx, userID)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(x.Modules["moderation"])
			return string(b)
		}
		got := export(reporter.ID)
		if !strings.Contains(got, `"item_id":"`+item+`"`) || !strings.Contains(got, "Zeigt meine Adresse") || !strings.Contains(got, `"reason":"personal_data"`) {
			t.Errorf("reporter's export: %s", got)
		}
		got = export(owner.ID)
		if !strings.Contains(got, held) || !strings.Contains(got, "Doppelt eingestellt") || strings.Contains(got, "Zeigt meine Adresse") {
			t.Errorf("owner's export: %s", got)
		}

		// The reporter leaves: the flag stays for the record, without them.
		if err := e.P.Accounts.Delete(ctx, reporter.ID, apptest.Password); err != nil {
			t.Fatalf("delete reporter: %v", err)
		}
		var n, withReporter int
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*), count(reporter_id) FROM moderation_flags WHERE item_id = $1", item).Scan(&n, &withReporter); err != nil {
			t.Fatal(err)
		}
		if n != 1 || withReporter != 0 {
			t.Errorf("after erasure: %d flags, %d with reporter", n, withReporter)
		}
		q, err := e.Mod.Queue(ctx, staff.Identity(), 1)
		if err != nil || len(q.Flagged) != 1 || q.Flagged[0].Flags[0].Reporter != "" || q.Flagged[0].Reporters != 1 {
			t.Errorf("queue after erasure: %v %+v", err, q)
		}
		if body := staff.Web.Get("/admin/moderation").Body; !strings.Contains(body, "gelöschtes Konto") {
			t.Error("queue does not show the deleted reporter as such")
		}
		// The owner leaves: the records of their held and hidden items go.
		if err := e.P.Accounts.Delete(ctx, owner.ID, apptest.Password); err != nil {
			t.Fatalf("delete owner: %v", err)
		}
		if pending, _ := e.Mod.Pending(ctx, "listing", held); pending {
			t.Error("held item of an erased account still pending")
		}
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM moderation_hidden WHERE owner_id = $1", owner.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("hidden records left: %d %v", n, err)
		}
	})
}
