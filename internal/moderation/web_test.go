package moderation_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/ids"
)

func TestWebFlag(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		reporter := e.NewPerson(t, "reporter", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		item := e.Items.Create(t, owner.ID, "Sprachcafé", "")
		path := "/flags/new?kind=listing&id=" + item

		res := e.Client(t).Get(path)
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login?next=") {
			t.Errorf("visitor: %d %s", res.Status, res.Location())
		}
		if res = e.Client(t).Post("/flags", apptest.Form("kind", "listing", "id", item, "reason", "spam")); res.Status != http.StatusUnauthorized {
			t.Errorf("visitor posts: %d", res.Status)
		}
		res = reporter.Web.Get(path)
		apptest.WantStatus(t, "form", res.Status, 200, res.Body)
		for _, want := range []string{"Sprachcafé", `href="/test-items/` + item + `"`, `type="radio"`, `value="personal_data"`,
			`name="text"`, `<legend>`, `action="/flags"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("form lacks %s", want)
			}
		}
		for _, bad := range []string{"/flags/new?kind=listing&id=" + ids.New(), "/flags/new?kind=pledge&id=" + item,
			"/flags/new?kind=listing&id=x", "/flags/new"} {
			if res := reporter.Web.Get(bad); res.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", bad, res.Status)
			}
		}
		private := e.Items.CreatePrivate(t, owner.ID, reporter.ID, "Nachricht", "")
		if res := stranger.Web.Get("/flags/new?kind=listing&id=" + private); res.Status != http.StatusNotFound {
			t.Errorf("stranger opens the form of a private item: %d", res.Status)
		}
		if res := stranger.Web.Post("/flags", apptest.Form("kind", "listing", "id", private, "reason", "spam")); res.Status != http.StatusNotFound {
			t.Errorf("stranger flags a private item: %d", res.Status)
		}

		// Errors beside their fields, and what was typed stays.
		res = reporter.Web.Post("/flags", apptest.Form("kind", "listing", "id", item, "reason", "other", "text", ""))
		apptest.WantStatus(t, "other without text", res.Status, http.StatusUnprocessableEntity, res.Body)
		for _, want := range []string{`id="f-text-error"`, `value="other" required checked`, `role="alert"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("error page lacks %s", want)
			}
		}
		res = reporter.Web.Post("/flags", apptest.Form("kind", "listing", "id", item, "text", "Das ist <b>Werbung</b>"))
		apptest.WantStatus(t, "no reason", res.Status, http.StatusUnprocessableEntity, res.Body)
		for _, want := range []string{`id="f-reason-error"`, `aria-describedby="f-reason-error"`, "Das ist &lt;b&gt;Werbung&lt;/b&gt;</textarea>"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("error page lacks %s", want)
			}
		}
		if all, _ := e.flagRows(t, item); all != 0 {
			t.Fatal("invalid flags stored")
		}

		res = reporter.Web.Post("/flags", apptest.Form("kind", "listing", "id", item, "reason", "spam", "text", "Werbung für einen Shop"))
		if res.Status != http.StatusSeeOther || res.Location() != "/flags/done?next=%2Ftest-items%2F"+item {
			t.Fatalf("flag: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		res = reporter.Web.Get(res.Location())
		if res.Status != 200 || !strings.Contains(res.Body, `href="/test-items/`+item+`"`) {
			t.Errorf("thank-you page: %d", res.Status)
		}
		if res = reporter.Web.Get("/flags/done?next=https://evil.example/"); !strings.Contains(res.Body, `<a href="/">Zurück`) || strings.Contains(res.Body, `href="https://evil`) {
			t.Error("thank-you page links to another site")
		}
		if all, open := e.flagRows(t, item); all != 1 || open != 1 {
			t.Errorf("stored: %d, open %d", all, open)
		}
	})
}

func TestWebQueueIsForStaffOnly(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		reporter := e.NewPerson(t, "reporter", auth.Member)
		item := e.Items.Create(t, owner.ID, "Fahrradreparatur", "")
		held := e.Items.CreateHeld(t, e.Mod, owner.ID, "Mit Link", "www.example.org")
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "spam", "Werbung"); err != nil {
			t.Fatal(err)
		}
		visitor := e.Client(t)
		if res := visitor.Get("/admin/moderation"); res.Status != http.StatusSeeOther {
			t.Errorf("visitor queue: %d", res.Status)
		}
		for _, c := range []*apptest.Person{owner, reporter} {
			if res := c.Web.Get("/admin/moderation"); res.Status != http.StatusForbidden {
				t.Errorf("member queue: %d", res.Status)
			}
		}
		for _, action := range []string{"hide", "restore", "remove", "dismiss", "suspend"} {
			p := "/admin/moderation/listing/" + item + "/" + action
			if res := reporter.Web.Post(p, apptest.Form("reason", "weil ich es sage")); res.Status != http.StatusForbidden {
				t.Errorf("member POST %s: %d", p, res.Status)
			}
			if res := visitor.Post(p, apptest.Form("reason", "x")); res.Status != http.StatusUnauthorized {
				t.Errorf("visitor POST %s: %d", p, res.Status)
			}
		}
		if res := owner.Web.Post("/admin/moderation/listing/"+held+"/approve", nil); res.Status != http.StatusForbidden {
			t.Errorf("owner approves their own post: %d", res.Status)
		}
		if exists, hidden := e.Items.State(t, item); !exists || hidden {
			t.Error("a refused request changed the item")
		}
		if _, hidden := e.Items.State(t, held); !hidden {
			t.Error("a refused approval published the item")
		}
		if _, open := e.flagRows(t, item); open != 1 {
			t.Error("a refused request closed the flag")
		}
		if _, err := e.P.Accounts.ContactByID(ctx, owner.ID); err != nil {
			t.Errorf("a refused request suspended the owner: %v", err)
		}
		if got := e.audits(t, item); len(got) != 0 {
			t.Errorf("refused requests logged: %+v", got)
		}
	})
}

func TestWebQueueDecisions(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPersonLang(t, "chris", auth.Member, "en")
		reporter := e.NewPerson(t, "reporter", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		item := e.Items.Create(t, owner.ID, "Winter coats", "Free for families")
		held := e.Items.CreateHeld(t, e.Mod, owner.ID, "Bike repair", "call 0176-1234567")
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "offensive", "Beleidigt Nachbarn"); err != nil {
			t.Fatal(err)
		}

		res := staff.Web.Get("/admin/moderation")
		apptest.WantStatus(t, "queue", res.Status, 200, res.Body)
		heldAt, flaggedAt := strings.Index(res.Body, "Bike repair"), strings.Index(res.Body, "Winter coats")
		if heldAt < 0 || flaggedAt < 0 || heldAt > flaggedAt {
			t.Errorf("held items must come first: %d, %d", heldAt, flaggedAt)
		}
		for _, want := range []string{"Beleidigt Nachbarn", "Reporter", "von Chris", "Free for families", "1 Meldung",
			`formaction="/admin/moderation/listing/` + held + `/approve"`, `formaction="/admin/moderation/listing/` + item + `/hide"`,
			`formaction="/admin/moderation/listing/` + item + `/suspend"`, `id="r-listing-` + item + `"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("queue lacks %s", want)
			}
		}
		if strings.Contains(res.Body, `/listing/`+held+`/hide"`) || strings.Contains(res.Body, `/listing/`+item+`/approve"`) {
			t.Error("queue offers actions that do not apply")
		}

		// A missing reason: the queue again, the error beside that item's field.
		res = staff.Web.Post("/admin/moderation/listing/"+item+"/hide", apptest.Form("reason", "  "))
		apptest.WantStatus(t, "hide without reason", res.Status, http.StatusUnprocessableEntity, res.Body)
		for _, want := range []string{`id="r-listing-` + item + `-error"`, `href="#r-listing-` + item + `"`, `aria-invalid="true"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("failed decision page lacks %s", want)
			}
		}
		long := strings.Repeat("zu lang ", 260)
		res = staff.Web.Post("/admin/moderation/listing/"+item+"/hide", apptest.Form("reason", long))
		apptest.WantStatus(t, "too long", res.Status, http.StatusUnprocessableEntity, res.Body)
		if !strings.Contains(res.Body, strings.TrimSpace(long)+"</textarea>") {
			t.Error("the typed reason was lost")
		}
		if _, hidden := e.Items.State(t, item); hidden {
			t.Fatal("hidden without a reason")
		}

		res = staff.Web.Post("/admin/moderation/listing/"+item+"/hide", apptest.Form("reason", "Insults are not welcome here."))
		if res.Status != http.StatusSeeOther || res.Location() != "/admin/moderation" {
			t.Fatalf("hide: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		if _, hidden := e.Items.State(t, item); !hidden {
			t.Error("not hidden")
		}
		m := e.MailTo(t, owner.Email)
		if m.Subject != "Your post was hidden" || !strings.Contains(m.Text, "Insults are not welcome here.") {
			t.Errorf("mail: %q\n%s", m.Subject, m.Text)
		}
		res = staff.Web.Get("/admin/moderation")
		if !strings.Contains(res.Body, `role="status"`) || !strings.Contains(res.Body, `/listing/`+item+`/restore"`) ||
			!strings.Contains(res.Body, "Insults are not welcome here.") {
			t.Error("hidden item not offered for restoring")
		}
		res = staff.Web.Post("/admin/moderation/listing/"+held+"/approve", apptest.Form("reason", ""))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("approve: %d\n%s", res.Status, res.Body)
		}
		if _, hidden := e.Items.State(t, held); hidden {
			t.Error("approved item still hidden")
		}
		res = staff.Web.Post("/admin/moderation/listing/"+held+"/approve", nil)
		apptest.WantStatus(t, "approve twice", res.Status, http.StatusConflict, res.Body)
		res = staff.Web.Post("/admin/moderation/listing/"+item+"/explode", apptest.Form("reason", "x"))
		apptest.WantStatus(t, "unknown action", res.Status, http.StatusNotFound, res.Body)

		res = staff.Web.Post("/admin/moderation/listing/"+item+"/suspend", apptest.Form("reason", "Repeated insults."))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("suspend: %d\n%s", res.Status, res.Body)
		}
		if _, err := e.P.Accounts.ContactByID(ctx, owner.ID); err == nil {
			t.Error("owner not suspended")
		}
	})
}

func TestWebQueuePages(t *testing.T) {
	e := newEnv(t, "sqlite")
	owner := e.NewPerson(t, "owner", auth.Member)
	reporter := e.NewPerson(t, "reporter", auth.Member)
	staff := e.NewPerson(t, "staff", auth.Coordinator)
	for i := range 26 {
		if i == 20 {
			e.Clock.Advance(time.Hour) // past the reporter's hourly limit
		}
		item := e.Items.Create(t, owner.ID, "Angebot Nr. "+string(rune('A'+i)), "")
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "spam", ""); err != nil {
			t.Fatal(err)
		}
	}
	res := staff.Web.Get("/admin/moderation")
	if !strings.Contains(res.Body, "Angebot Nr. A<") || strings.Contains(res.Body, "Angebot Nr. Z<") ||
		!strings.Contains(res.Body, `href="/admin/moderation?page=2" rel="next"`) || !strings.Contains(res.Body, "Gemeldet (26)") {
		t.Fatalf("first page:\n%s", res.Body)
	}
	res = staff.Web.Get("/admin/moderation?page=2")
	if !strings.Contains(res.Body, "Angebot Nr. Z<") || strings.Contains(res.Body, "Angebot Nr. A<") || !strings.Contains(res.Body, `rel="prev"`) {
		t.Errorf("second page:\n%s", res.Body)
	}
	// A decision from page 2 leads back there.
	q, _ := e.Mod.Queue(ctx, staff.Identity(), 2)
	res = staff.Web.Post("/admin/moderation/listing/"+q.Flagged[0].ID+"/dismiss", apptest.Form("page", "2"))
	if res.Location() != "/admin/moderation?page=2" {
		t.Errorf("back to %s", res.Location())
	}
}
