package organization_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
)

func TestWebCreateShowEdit(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		visitor := e.Client(t)

		// Visitors are sent to log in.
		res := visitor.Get("/organizations/new")
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login?next=") {
			t.Errorf("visitor new: %d %s", res.Status, res.Location())
		}
		res = owner.Web.Get("/organizations/new")
		apptest.WantStatus(t, "new form", res.Status, 200, res.Body)
		for _, k := range organization.Kinds {
			if !strings.Contains(res.Body, `value="`+k+`"`) {
				t.Errorf("form lacks kind %s", k)
			}
		}

		// Errors come back beside their fields with everything typed kept.
		bad := apptest.Form("name", "Sprachcafé Wesertor", "kind", "initiative", "description", "Jeden Mittwoch",
			"website", "sprachcafe.example", "postcode", "341", "city", "Kassel", "languages", "ar", "languages", "fa")
		res = owner.Web.Post("/organizations/new", bad)
		apptest.WantStatus(t, "invalid create", res.Status, http.StatusUnprocessableEntity, res.Body)
		for _, want := range []string{`value="Sprachcafé Wesertor"`, `value="sprachcafe.example"`, `value="341"`, "Jeden Mittwoch",
			`id="f-website-error"`, `id="f-postcode-error"`, `aria-invalid="true"`, `value="ar" checked`, `value="fa" checked`,
			`value="initiative" selected`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("invalid create page lacks %s", want)
			}
		}

		good := apptest.Form("name", "Sprachcafé Wesertor", "kind", "initiative", "description", "Jeden Mittwoch.\nAb 16 Uhr.\n\nAlle willkommen.",
			"website", "https://sprachcafe.example", "email", "hallo@sprachcafe.example", "phone", "+49 561 999 1234",
			"street", "Weserstraße 1", "postcode", "34125", "city", "Kassel", "languages", "ar", "languages", "de")
		res = owner.Web.Post("/organizations/new", good)
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/organizations/") {
			t.Fatalf("create: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		path := res.Location()
		id := strings.TrimPrefix(path, "/organizations/")

		// The public page shows what the organisation published, and no
		// members; members see who belongs.
		res = visitor.Get(path)
		apptest.WantStatus(t, "public page", res.Status, 200, res.Body)
		for _, want := range []string{"Sprachcafé Wesertor", "Jeden Mittwoch.<br>Ab 16 Uhr.</p>", "<p>Alle willkommen.</p>",
			`href="https://sprachcafe.example"`, `href="mailto:hallo@sprachcafe.example"`, `href="tel:&#43;495619991234"`,
			"Weserstraße 1<br>34125 Kassel", "Deutsch, Arabisch"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("public page lacks %s", want)
			}
		}
		for _, page := range []string{visitor.Get(path).Body, stranger.Web.Get(path).Body} {
			if strings.Contains(page, "Owner") || strings.Contains(page, owner.Email) || strings.Contains(page, "/edit") {
				t.Errorf("non-members see members or edit links")
			}
		}
		if res = owner.Web.Get(path); !strings.Contains(res.Body, "Owner") || !strings.Contains(res.Body, path+"/edit") {
			t.Errorf("member page lacks names or edit link")
		}
		if !strings.Contains(owner.Web.Get("/organizations").Body, `href="`+path+`"`) {
			t.Error("not in my organisations")
		}
		if res = visitor.Get("/organizations/0190a0a0-0000-7000-8000-000000000000"); res.Status != 404 {
			t.Errorf("unknown id: %d", res.Status)
		}
		if res = visitor.Get("/organizations/x'--"); res.Status != 404 {
			t.Errorf("bad id: %d", res.Status)
		}

		// A non-member can neither open nor post the edit form.
		edited := apptest.Form("name", "Gekapert", "kind", "company")
		res = stranger.Web.Get(path + "/edit")
		apptest.WantStatus(t, "stranger edit form", res.Status, http.StatusForbidden, res.Body)
		res = stranger.Web.Post(path+"/edit", edited)
		apptest.WantStatus(t, "stranger edit", res.Status, http.StatusForbidden, res.Body)
		res = visitor.Post(path+"/edit", edited)
		apptest.WantStatus(t, "visitor edit", res.Status, http.StatusUnauthorized, res.Body)
		if o, _ := e.Orgs.Get(ctx, id); o.Name != "Sprachcafé Wesertor" || o.Kind != "initiative" {
			t.Errorf("refused edit changed %+v", o.Profile)
		}

		// The owner edits; the form starts with the stored values.
		res = owner.Web.Get(path + "/edit")
		if res.Status != 200 || !strings.Contains(res.Body, `value="Weserstraße 1"`) || !strings.Contains(res.Body, `value="de" checked`) {
			t.Errorf("edit form: %d", res.Status)
		}
		res = owner.Web.Post(path+"/edit", apptest.Form("name", "", "kind", "initiative"))
		apptest.WantStatus(t, "invalid edit", res.Status, http.StatusUnprocessableEntity, res.Body)
		res = owner.Web.Post(path+"/edit", apptest.Form("name", "Sprachcafé Nord", "kind", "initiative", "languages", "uk"))
		if res.Status != http.StatusSeeOther || res.Location() != path {
			t.Fatalf("edit: %d %s", res.Status, res.Location())
		}
		if o, _ := e.Orgs.Get(ctx, id); o.Name != "Sprachcafé Nord" || o.Street != "" || len(o.Languages) != 1 {
			t.Errorf("after edit %+v", o.Profile)
		}
	})
}

func TestWebMembersAndInvitations(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		editor := e.NewPerson(t, "editor", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		o := e.mustCreate(t, owner, "Nachbarschaftshilfe")
		members := "/organizations/" + o.ID + "/members"

		if res := stranger.Web.Get(members); res.Status != http.StatusForbidden {
			t.Errorf("stranger members page: %d", res.Status)
		}
		res := owner.Web.Get(members)
		apptest.WantStatus(t, "members page", res.Status, 200, res.Body)

		// Invitation by form; errors keep the input.
		res = owner.Web.Post(members+"/invite", apptest.Form("email", "kein-adresse", "role", "owner"))
		apptest.WantStatus(t, "invalid invite", res.Status, http.StatusUnprocessableEntity, res.Body)
		if !strings.Contains(res.Body, `value="kein-adresse"`) || !strings.Contains(res.Body, `value="owner" selected`) {
			t.Error("invalid invite lost the input")
		}
		res = stranger.Web.Post(members+"/invite", apptest.Form("email", "x@example.org", "role", "owner"))
		apptest.WantStatus(t, "stranger invites", res.Status, http.StatusForbidden, res.Body)
		res = owner.Web.Post(members+"/invite", apptest.Form("email", editor.Email, "role", "editor"))
		if res.Status != http.StatusSeeOther || res.Location() != members {
			t.Fatalf("invite: %d %s", res.Status, res.Location())
		}
		if len(e.Outbox(t, "x@example.org")) != 0 {
			t.Error("refused invitation was mailed")
		}
		secret, _ := e.LastInvitation(t, editor.Email)
		link := "/invitations/" + secret
		if res = owner.Web.Get(members); !strings.Contains(res.Body, editor.Email) {
			t.Error("pending invitation not listed")
		}

		// The link's page asks visitors to log in first.
		visitor := e.Client(t)
		res = visitor.Get(link)
		if res.Status != 200 || !strings.Contains(res.Body, "Nachbarschaftshilfe") || !strings.Contains(res.Body, "/login?next=%2Finvitations%2F") {
			t.Errorf("visitor link page: %d\n%s", res.Status, res.Body)
		}
		if res = visitor.Post(link, nil); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login?next=") {
			t.Errorf("visitor accepts: %d %s", res.Status, res.Location())
		}
		res = editor.Web.Get(link)
		if res.Status != 200 || !strings.Contains(res.Body, `<form method="post">`) {
			t.Errorf("invitee link page: %d", res.Status)
		}
		res = editor.Web.Post(link, nil)
		if res.Status != http.StatusSeeOther || res.Location() != "/organizations/"+o.ID {
			t.Fatalf("accept: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		if res = editor.Web.Post(link, nil); res.Status != http.StatusNotFound {
			t.Errorf("second use: %d", res.Status)
		}
		if res = editor.Web.Get(link); res.Status != http.StatusNotFound {
			t.Errorf("used link page: %d", res.Status)
		}

		// An editor may see the members but manage none of them.
		res = editor.Web.Get(members)
		if res.Status != 200 || strings.Contains(res.Body, "/remove") || strings.Contains(res.Body, "/invite") {
			t.Errorf("editor members page: %d", res.Status)
		}
		for path, f := range map[string]url.Values{
			members + "/" + owner.ID + "/role":   apptest.Form("member_role", "editor"),
			members + "/" + editor.ID + "/role":  apptest.Form("member_role", "owner"),
			members + "/" + owner.ID + "/remove": nil,
			members + "/invite":                  apptest.Form("email", "y@example.org", "role", "owner"),
		} {
			for who, c := range map[string]*apptest.Person{"editor": editor, "stranger": stranger} {
				if res := c.Web.Post(path, f); res.Status != http.StatusForbidden {
					t.Errorf("%s POST %s: %d", who, path, res.Status)
				}
			}
		}
		if role, _ := e.Orgs.RoleOf(ctx, o.ID, owner.ID); role != organization.Owner {
			t.Errorf("owner became %q", role)
		}
		if role, _ := e.Orgs.RoleOf(ctx, o.ID, editor.ID); role != organization.Editor {
			t.Errorf("editor became %q", role)
		}

		// The last owner cannot leave: the page says why.
		res = owner.Web.Post("/organizations/"+o.ID+"/leave", nil)
		apptest.WantStatus(t, "last owner leaves", res.Status, http.StatusConflict, res.Body)
		if !strings.Contains(res.Body, `role="alert"`) {
			t.Error("no explanation")
		}
		// Owners change roles and remove members; members leave.
		res = owner.Web.Post(members+"/"+editor.ID+"/role", apptest.Form("member_role", "owner"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("change role: %d\n%s", res.Status, res.Body)
		}
		if res = owner.Web.Post("/organizations/"+o.ID+"/leave", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("leave: %d", res.Status)
		}
		if _, err := e.Orgs.RoleOf(ctx, o.ID, owner.ID); err == nil {
			t.Error("still a member after leaving")
		}
		if res = editor.Web.Post(members+"/"+editor.ID+"/remove", nil); res.Status != http.StatusConflict {
			t.Errorf("remove the last owner: %d", res.Status)
		}
	})
}

func TestWebAdmin(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		o := e.mustCreate(t, owner, "Tafel Nord")

		if res := owner.Web.Get("/admin/organizations"); res.Status != http.StatusForbidden {
			t.Errorf("member admin page: %d", res.Status)
		}
		if res := owner.Web.Post("/admin/organizations/"+o.ID+"/verify", nil); res.Status != http.StatusForbidden {
			t.Errorf("member verifies: %d", res.Status)
		}
		if got, _ := e.Orgs.Get(ctx, o.ID); got.Verified() {
			t.Fatal("member verified")
		}
		res := staff.Web.Get("/admin/organizations?verified=false")
		if res.Status != 200 || !strings.Contains(res.Body, "/admin/organizations/"+o.ID+"/verify") {
			t.Fatalf("admin page: %d", res.Status)
		}
		res = staff.Web.Post("/admin/organizations/"+o.ID+"/verify", apptest.Form("next", "/admin/organizations?verified=false"))
		if res.Status != http.StatusSeeOther || res.Location() != "/admin/organizations?verified=false" {
			t.Fatalf("verify: %d %s", res.Status, res.Location())
		}
		res = staff.Web.Post("/admin/organizations/"+o.ID+"/verify", apptest.Form("next", "https://evil.example/"))
		if res.Location() != "/admin/organizations" {
			t.Errorf("redirect to %s", res.Location())
		}
		for _, c := range []*apptest.Person{owner, staff} {
			body := c.Web.Get("/organizations/" + o.ID).Body
			if !strings.Contains(body, `class="badge ok"`) {
				t.Error("no badge on the page")
			}
			if strings.Contains(body, "/unverify") != (c == staff) {
				t.Error("unverify button shown to the wrong person")
			}
		}
		if body := e.Client(t).Get("/organizations?verified=true").Body; !strings.Contains(body, "Tafel Nord") || !strings.Contains(body, `class="badge ok"`) {
			t.Error("no badge in the list")
		}
		if res = staff.Web.Post("/admin/organizations/"+o.ID+"/unverify", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("unverify: %d", res.Status)
		}
		if got, _ := e.Orgs.Get(ctx, o.ID); got.Verified() {
			t.Error("still verified")
		}
	})
}

func TestWebListPages(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		for i := range organization.DefaultLimit + 1 {
			e.mustCreate(t, owner, "Verein "+string(rune('A'+i)))
		}
		visitor := e.Client(t)
		res := visitor.Get("/organizations?sort=name&kind=initiative")
		if res.Status != 200 || !strings.Contains(res.Body, "Verein A") || strings.Contains(res.Body, "Verein U") {
			t.Fatalf("first page: %d", res.Status)
		}
		i := strings.Index(res.Body, `rel="next"`)
		j := strings.LastIndex(res.Body[:i], `href="`)
		next := strings.ReplaceAll(res.Body[j+len(`href="`):i-2], "&amp;", "&")
		if !strings.Contains(next, "kind=initiative") || !strings.Contains(next, "sort=name") {
			t.Errorf("next link %s loses the filter", next)
		}
		res = visitor.Get(next)
		if res.Status != 200 || !strings.Contains(res.Body, "Verein U") || strings.Contains(res.Body, "Verein A<") {
			t.Errorf("second page: %d", res.Status)
		}
		if res = visitor.Get("/organizations?cursor=broken"); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("broken cursor: %d", res.Status)
		}
	})
}
