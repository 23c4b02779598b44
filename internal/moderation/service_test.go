package moderation_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/moderation"
)

func wantField(t *testing.T, what string, err error, field, msg string) {
	t.Helper()
	e := apperr.As(err)
	if e.Code != apperr.Invalid || e.Fields[field] != msg {
		t.Errorf("%s: %v, want %s: %s", what, err, field, msg)
	}
}

func TestFlagValidation(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		reporter := e.NewPerson(t, "reporter", auth.Member)
		item := e.Items.Create(t, owner.ID, "Fahrrad zu verschenken", "Gut erhalten.")

		wantField(t, "unknown kind", e.Mod.Flag(ctx, reporter.ID, "bicycle", item, "spam", ""), "kind", "moderation.flag.unknown_kind")
		wantField(t, "no reason", e.Mod.Flag(ctx, reporter.ID, "listing", item, " ", ""), "reason", "moderation.flag.reason_required")
		wantField(t, "bad reason", e.Mod.Flag(ctx, reporter.ID, "listing", item, "boring", ""), "reason", "form.invalid_choice")
		wantField(t, "other without text", e.Mod.Flag(ctx, reporter.ID, "listing", item, "other", "  "), "text", "moderation.flag.text_required")
		wantField(t, "long text", e.Mod.Flag(ctx, reporter.ID, "listing", item, "spam", strings.Repeat("ä", 2001)), "text", "form.too_long")
		apptest.WantCode(t, "unknown item", e.Mod.Flag(ctx, reporter.ID, "listing", ids.New(), "spam", ""), apperr.NotFound)
		apptest.WantCode(t, "malformed id", e.Mod.Flag(ctx, reporter.ID, "listing", "1 OR 1=1", "spam", ""), apperr.NotFound)
		apptest.WantCode(t, "no reporter", e.Mod.Flag(ctx, "", "listing", item, "spam", ""), apperr.Unauthenticated)
		if all, _ := e.flagRows(t, item); all != 0 {
			t.Fatalf("refused flags stored: %d", all)
		}

		// A message of a conversation exists only for its two people.
		private := e.Items.CreatePrivate(t, owner.ID, reporter.ID, "Nachricht", "Ruf mich an")
		stranger := e.NewPerson(t, "stranger", auth.Member)
		apptest.WantCode(t, "stranger flags a private item", e.Mod.Flag(ctx, stranger.ID, "listing", private, "spam", ""), apperr.NotFound)
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", private, "offensive", "Beleidigung"); err != nil {
			t.Errorf("participant flags a private item: %v", err)
		}

		// Upper-case ids name the same item.
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", strings.ToUpper(item), "spam", "Werbung"); err != nil {
			t.Fatalf("flag: %v", err)
		}
		if all, open := e.flagRows(t, item); all != 1 || open != 1 {
			t.Errorf("after one flag: %d flags, %d open", all, open)
		}
	})
}

func TestFlagRateLimit(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		reporter := e.NewPerson(t, "reporter", auth.Member)
		other := e.NewPerson(t, "other", auth.Member)
		var items []string
		for i := range 21 {
			items = append(items, e.Items.Create(t, owner.ID, "Angebot "+string(rune('A'+i)), ""))
		}
		for i, item := range items[:20] {
			if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "spam", ""); err != nil {
				t.Fatalf("flag %d: %v", i+1, err)
			}
		}
		err := e.Mod.Flag(ctx, reporter.ID, "listing", items[20], "spam", "")
		apptest.WantCode(t, "21st flag within the hour", err, apperr.RateLimited)
		if all, _ := e.flagRows(t, items[20]); all != 0 {
			t.Error("a refused flag was stored")
		}
		res := reporter.Web.Post("/flags", apptest.Form("kind", "listing", "id", items[20], "reason", "spam", "text", "noch eins"))
		if res.Status != http.StatusTooManyRequests || !strings.Contains(res.Body, `role="alert"`) || !strings.Contains(res.Body, "noch eins</textarea>") {
			t.Errorf("web form when limited: %d", res.Status)
		}
		// Invalid input does not use up the allowance; other people have their own.
		wantField(t, "invalid input when limited", e.Mod.Flag(ctx, reporter.ID, "listing", items[20], "", ""), "reason", "moderation.flag.reason_required")
		if err := e.Mod.Flag(ctx, other.ID, "listing", items[20], "spam", ""); err != nil {
			t.Errorf("another person: %v", err)
		}
		e.Clock.Advance(time.Hour)
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", items[20], "spam", ""); err != nil {
			t.Errorf("an hour later: %v", err)
		}
	})
}

func TestOneOpenFlagPerReporter(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		reporter := e.NewPerson(t, "reporter", auth.Member)
		second := e.NewPerson(t, "second", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		item := e.Items.Create(t, owner.ID, "Zimmer frei", "")

		if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "spam", "erste Fassung"); err != nil {
			t.Fatal(err)
		}
		e.Clock.Advance(time.Minute)
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "dangerous", "Mietbetrug: will Vorkasse"); err != nil {
			t.Fatal(err)
		}
		if err := e.Mod.Flag(ctx, second.ID, "listing", item, "dangerous", ""); err != nil {
			t.Fatal(err)
		}
		if all, open := e.flagRows(t, item); all != 2 || open != 2 {
			t.Fatalf("two reporters, three flags: %d stored, %d open", all, open)
		}
		q, err := e.Mod.Queue(ctx, staff.Identity(), 1)
		if err != nil || len(q.Flagged) != 1 {
			t.Fatalf("queue: %v %+v", err, q)
		}
		entry := q.Flagged[0]
		if len(entry.Flags) != 2 || entry.Reporters != 2 || entry.Flags[0].Text != "Mietbetrug: will Vorkasse" ||
			entry.Flags[0].Reason != "dangerous" || entry.Flags[0].Reporter != "Reporter" {
			t.Errorf("queue entry %+v / %+v", entry, entry.Flags[0].Flag)
		}
		if len(entry.Reasons) != 1 || entry.Reasons[0] != (moderation.ReasonCount{Reason: "dangerous", Count: 2}) {
			t.Errorf("reasons %+v", entry.Reasons)
		}
		// Once dismissed, a new report opens a new flag.
		if err := e.Mod.DismissFlags(ctx, staff.Identity(), "listing", item, ""); err != nil {
			t.Fatal(err)
		}
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "spam", "schon wieder"); err != nil {
			t.Fatal(err)
		}
		if all, open := e.flagRows(t, item); all != 3 || open != 1 {
			t.Errorf("after dismissal and a new report: %d stored, %d open", all, open)
		}
	})
}

func TestDecisionsCallTheTargetAuditAndMail(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPersonLang(t, "amal", auth.Member, "ar")
		reporter := e.NewPerson(t, "reporter", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		member := e.NewPerson(t, "member", auth.Member)
		item := e.Items.Create(t, owner.ID, "غرفة للإيجار", "ادفع مقدمًا")
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "dangerous", "Vorkasse"); err != nil {
			t.Fatal(err)
		}

		// Only staff decide, and hiding needs a reason.
		apptest.WantCode(t, "member hides", e.Mod.Hide(ctx, member.Identity(), "listing", item, "weg damit"), apperr.Forbidden)
		apptest.WantCode(t, "visitor hides", e.Mod.Hide(ctx, nil, "listing", item, "weg damit"), apperr.Forbidden)
		wantField(t, "no reason", e.Mod.Hide(ctx, staff.Identity(), "listing", item, " "), "reason", "moderation.decide.reason_required")
		apptest.WantCode(t, "unknown item", e.Mod.Hide(ctx, staff.Identity(), "listing", ids.New(), "x"), apperr.NotFound)
		apptest.WantCode(t, "unknown kind", e.Mod.Hide(ctx, staff.Identity(), "pledge", item, "x"), apperr.NotFound)
		apptest.WantCode(t, "unknown action", e.Mod.Decide(ctx, staff.Identity(), "listing", item, "burn", "x"), apperr.NotFound)
		apptest.WantCode(t, "restore a visible item", e.Mod.Restore(ctx, staff.Identity(), "listing", item, "x"), apperr.Conflict)
		apptest.WantCode(t, "approve an item not held", e.Mod.Approve(ctx, staff.Identity(), "listing", item, ""), apperr.Conflict)
		if _, hidden := e.Items.State(t, item); hidden {
			t.Fatal("hidden by a refused decision")
		}
		if got := e.audits(t, item); len(got) != 0 {
			t.Fatalf("refused decisions logged: %+v", got)
		}
		e.noMailTo(t, owner.Email)

		// Hide: the target hides, the flags close, the log and the owner learn why.
		reason := "Vorkasse für ein Zimmer ist hier nicht erlaubt."
		if err := e.Mod.Hide(ctx, staff.Identity(), "listing", item, reason); err != nil {
			t.Fatalf("hide: %v", err)
		}
		if exists, hidden := e.Items.State(t, item); !exists || !hidden {
			t.Errorf("after hide: exists %v hidden %v", exists, hidden)
		}
		if _, open := e.flagRows(t, item); open != 0 {
			t.Errorf("%d flags still open after hide", open)
		}
		logged := e.audits(t, item)
		if len(logged) != 1 || logged[0].Action != "moderation.hide" || logged[0].ActorID != staff.ID ||
			logged[0].ObjectType != "listing" || logged[0].Details["reason"] != reason || logged[0].Details["flags"] != float64(1) {
			t.Errorf("audit after hide: %+v", logged)
		}
		m := e.MailTo(t, owner.Email)
		if m.Subject != "تم إخفاء منشورك" || !strings.Contains(m.Text, reason) || !strings.Contains(m.Text, "«غرفة للإيجار»") ||
			!strings.Contains(m.Text, e.URL+"/test-items/"+item) || !strings.Contains(m.HTML, `dir="rtl"`) {
			t.Errorf("hide mail: %q\n%s", m.Subject, m.Text)
		}
		apptest.WantCode(t, "hide twice", e.Mod.Hide(ctx, staff.Identity(), "listing", item, "nochmal"), apperr.Conflict)

		// Restore.
		if err := e.Mod.Restore(ctx, staff.Identity(), "listing", item, "Die Vorkasse wurde aus dem Text genommen."); err != nil {
			t.Fatalf("restore: %v", err)
		}
		if _, hidden := e.Items.State(t, item); hidden {
			t.Error("still hidden after restore")
		}
		if logged = e.audits(t, item); len(logged) != 2 || logged[0].Action != "moderation.restore" {
			t.Errorf("audit after restore: %+v", logged)
		}
		m = e.MailTo(t, owner.Email)
		if m.Subject != "منشورك ظاهر من جديد" || !strings.Contains(m.Text, "Die Vorkasse wurde aus dem Text genommen.") {
			t.Errorf("restore mail: %q\n%s", m.Subject, m.Text)
		}

		// Remove.
		if err := e.Mod.Remove(ctx, staff.Identity(), "listing", item, "Wiederholter Betrugsversuch."); err != nil {
			t.Fatalf("remove: %v", err)
		}
		if exists, _ := e.Items.State(t, item); exists {
			t.Error("item exists after remove")
		}
		if logged = e.audits(t, item); len(logged) != 3 || logged[0].Action != "moderation.remove" ||
			logged[0].Details["title"] != "غرفة للإيجار" {
			t.Errorf("audit after remove: %+v", logged)
		}
		m = e.MailTo(t, owner.Email)
		if m.Subject != "تم حذف منشورك" || !strings.Contains(m.Text, "Wiederholter Betrugsversuch.") || strings.Contains(m.Text, "/test-items/") {
			t.Errorf("remove mail: %q\n%s", m.Subject, m.Text)
		}
		apptest.WantCode(t, "remove what is gone", e.Mod.Remove(ctx, staff.Identity(), "listing", item, "x"), apperr.NotFound)
		e.noMailTo(t, reporter.Email)
	})
}

func TestDismissAndGoneItems(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPersonLang(t, "olena", auth.Member, "uk")
		reporter := e.NewPerson(t, "reporter", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		item := e.Items.Create(t, owner.ID, "Deutschkurs", "")
		gone := e.Items.Create(t, owner.ID, "Wird gelöscht", "")
		for _, id := range []string{item, gone} {
			if err := e.Mod.Flag(ctx, reporter.ID, "listing", id, "wrong_category", ""); err != nil {
				t.Fatal(err)
			}
		}
		apptest.WantCode(t, "dismiss nothing", e.Mod.DismissFlags(ctx, staff.Identity(), "listing", e.Items.Create(t, owner.ID, "x", ""), ""), apperr.Conflict)
		if err := e.Mod.DismissFlags(ctx, staff.Identity(), "listing", item, ""); err != nil {
			t.Fatalf("dismiss: %v", err)
		}
		if _, open := e.flagRows(t, item); open != 0 {
			t.Error("flags open after dismissal")
		}
		if exists, hidden := e.Items.State(t, item); !exists || hidden {
			t.Error("dismissal changed the item")
		}
		if logged := e.audits(t, item); len(logged) != 1 || logged[0].Action != "moderation.dismiss" {
			t.Errorf("audit: %+v", logged)
		}
		e.noMailTo(t, owner.Email)

		// The owner deleted the item meanwhile: the queue says so and its
		// flags can still be closed.
		if _, err := e.P.DB.ExecContext(ctx, "DELETE FROM moderationtest_items WHERE id = $1", gone); err != nil {
			t.Fatal(err)
		}
		q, err := e.Mod.Queue(ctx, staff.Identity(), 1)
		if err != nil || len(q.Flagged) != 1 || !q.Flagged[0].Gone || !q.Flagged[0].Can(moderation.Dismiss) || q.Flagged[0].Can(moderation.Hide) {
			t.Fatalf("queue with a gone item: %v %+v", err, q.Flagged)
		}
		apptest.WantCode(t, "hide a gone item", e.Mod.Hide(ctx, staff.Identity(), "listing", gone, "x"), apperr.NotFound)
		if err := e.Mod.DismissFlags(ctx, staff.Identity(), "listing", gone, ""); err != nil {
			t.Errorf("dismiss flags of a gone item: %v", err)
		}
	})
}

func TestHeldItemsWaitForApproval(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		newcomer := e.NewPersonLang(t, "yusuf", auth.Member, "tr")
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		member := e.NewPerson(t, "member", auth.Member)
		text := "Türkçe ders veriyorum, yaz: yusuf@example.org"
		if !moderation.NeedsReview(text) {
			t.Fatal("text needs no review")
		}
		if hold, err := e.Mod.ShouldHold(ctx, newcomer.ID, text); err != nil || !hold {
			t.Fatalf("ShouldHold for a new account: %v %v", hold, err)
		}
		if hold, _ := e.Mod.ShouldHold(ctx, newcomer.ID, "Türkçe ders veriyorum"); hold {
			t.Error("held a text without contact data")
		}
		item := e.Items.CreateHeld(t, e.Mod, newcomer.ID, "Türkçe dersi", text)
		if pending, err := e.Mod.Pending(ctx, "listing", item); err != nil || !pending {
			t.Fatalf("pending: %v %v", pending, err)
		}
		if pending, _ := e.Mod.Pending(ctx, "listing", "not-an-id"); pending {
			t.Error("a malformed id is pending")
		}
		q, err := e.Mod.Queue(ctx, staff.Identity(), 1)
		if err != nil || q.HeldTotal != 1 || len(q.Held) != 1 || q.Held[0].ID != item || q.Held[0].Owner != "Yusuf" ||
			!q.Held[0].Can(moderation.Approve) || q.Held[0].Can(moderation.Hide) {
			t.Fatalf("queue: %v %+v", err, q)
		}
		if _, err := e.Mod.Queue(ctx, member.Identity(), 1); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("member reads the queue: %v", err)
		}
		apptest.WantCode(t, "member approves", e.Mod.Approve(ctx, member.Identity(), "listing", item, ""), apperr.Forbidden)

		if err := e.Mod.Approve(ctx, staff.Identity(), "listing", item, ""); err != nil {
			t.Fatalf("approve: %v", err)
		}
		if _, hidden := e.Items.State(t, item); hidden {
			t.Error("still hidden after approval")
		}
		if pending, _ := e.Mod.Pending(ctx, "listing", item); pending {
			t.Error("still pending after approval")
		}
		if logged := e.audits(t, item); len(logged) != 1 || logged[0].Action != "moderation.approve" {
			t.Errorf("audit: %+v", logged)
		}
		m := e.MailTo(t, newcomer.Email)
		if m.Subject != "Gönderin herkese açık" || !strings.Contains(m.Text, "“Türkçe dersi”") || !strings.Contains(m.Text, e.URL+"/test-items/"+item) {
			t.Errorf("approval mail: %q\n%s", m.Subject, m.Text)
		}
		apptest.WantCode(t, "approve twice", e.Mod.Approve(ctx, staff.Identity(), "listing", item, ""), apperr.Conflict)
		// Once a held post was approved, the person is known.
		if hold, _ := e.Mod.ShouldHold(ctx, newcomer.ID, text); hold {
			t.Error("held again after an approval")
		}

		// A held post can also be rejected.
		other := e.NewPerson(t, "other", auth.Member)
		spam := e.Items.CreateHeld(t, e.Mod, other.ID, "Gewinnspiel", "www.gewinn.example")
		if err := e.Mod.Remove(ctx, staff.Identity(), "listing", spam, "Werbung"); err != nil {
			t.Fatalf("reject: %v", err)
		}
		if exists, _ := e.Items.State(t, spam); exists {
			t.Error("rejected item still exists")
		}
		if pending, _ := e.Mod.Pending(ctx, "listing", spam); pending {
			t.Error("rejected item still pending")
		}
		if hold, _ := e.Mod.ShouldHold(ctx, other.ID, "www.gewinn.example"); !hold {
			t.Error("a rejected person counts as known")
		}
	})
}

func TestSuspendOwner(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPersonLang(t, "reza", auth.Member, "fa")
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		admin := e.NewPerson(t, "admin", auth.Admin)
		member := e.NewPerson(t, "member", auth.Member)
		item := e.Items.Create(t, owner.ID, "کار فوری", "پول نقد، بدون قرارداد")

		apptest.WantCode(t, "member suspends", e.Mod.SuspendOwner(ctx, member.Identity(), "listing", item, "x"), apperr.Forbidden)
		wantField(t, "no reason", e.Mod.SuspendOwner(ctx, staff.Identity(), "listing", item, ""), "reason", "moderation.decide.reason_required")
		// The accounts module's rules hold: nobody suspends an administrator but an administrator.
		adminItem := e.Items.Create(t, admin.ID, "Hinweis", "")
		apptest.WantCode(t, "coordinator suspends an admin", e.Mod.SuspendOwner(ctx, staff.Identity(), "listing", adminItem, "x"), apperr.Forbidden)
		if _, err := e.P.Accounts.ContactByID(ctx, owner.ID); err != nil {
			t.Fatalf("suspended by a refused request: %v", err)
		}

		reason := "Angebot von Schwarzarbeit, mehrfach."
		if err := e.Mod.SuspendOwner(ctx, staff.Identity(), "listing", item, reason); err != nil {
			t.Fatalf("suspend: %v", err)
		}
		if _, err := e.P.Accounts.ContactByID(ctx, owner.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("account still active: %v", err)
		}
		if res := owner.Web.Get("/flags/new?kind=listing&id=" + item); res.Status != 303 {
			t.Errorf("suspended person's session still works: %d", res.Status)
		}
		logged := e.audits(t, item)
		if len(logged) != 1 || logged[0].Action != "moderation.suspend" || logged[0].Details["reason"] != reason ||
			logged[0].Details["owner_id"] != owner.ID {
			t.Errorf("audit of the item: %+v", logged)
		}
		if byAccounts := e.audits(t, owner.ID); len(byAccounts) != 1 || byAccounts[0].Action != "user.suspend" {
			t.Errorf("audit of the account: %+v", byAccounts)
		}
		m := e.MailTo(t, owner.Email)
		if m.Subject != "حساب تو تعلیق شد" || !strings.Contains(m.Text, reason) || !strings.Contains(m.Text, "«کار فوری»") {
			t.Errorf("suspension mail: %q\n%s", m.Subject, m.Text)
		}
	})
}

func TestKindLabel(t *testing.T) {
	e := newEnv(t, "sqlite")
	if got := e.Mod.KindLabel("listing"); got != "moderation.kind.listing" {
		t.Errorf("listing: %s", got)
	}
	if got := e.Mod.KindLabel("recipe"); got != "moderation.kind.other" {
		t.Errorf("a kind without a name: %s", got)
	}
}
