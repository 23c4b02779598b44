package pledge_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
	"teilhabe.org/teilhabe/internal/pledge"
)

// succeeded makes a pledge of owner that succeeded with signer's confirmed
// sign-up.
func (e *env) succeeded(t *testing.T, owner, staff, signer *apptest.Person) *pledge.Pledge {
	t.Helper()
	p := e.active(t, owner, staff, 3, func(tm *pledge.Terms) { tm.Needed = 1; tm.AutoConfirm = true })
	if _, err := e.Pledges.SignUp(ctx, signer.Identity(), p.ID, pledge.SignupInput{Note: "Ich mache das."}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Pledges.Close(ctx, owner.Identity(), p.ID); err != nil {
		t.Fatal(err)
	}
	return p
}

const evilReport = "Wir haben **gelernt**.\n\n<script>alert('x')</script>\n\n" +
	"<img src=x onerror=\"alert('y')\">\n\n[Klick mich](javascript:alert('z')) und <a href=\"javascript:alert(1)\" onmouseover=\"alert(2)\">hier</a>\n\n" +
	"[Seite der Schule](https://schule.example/klasse)"

func TestReportsWrittenConfirmedPublished(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		p := e.succeeded(t, owner, staff, ana)
		reportForm := "/pledges/" + p.ID + "/report"

		// Only redeemers and the pledger write the report.
		for _, c := range []*apptest.Client{ben.Web, staff.Web} {
			if res := c.Get(reportForm); res.Status != http.StatusForbidden {
				t.Errorf("others open the report form: %d", res.Status)
			}
			if res := c.Post(reportForm, apptest.Form("title", "X", "text", "Y", "content_lang", "de")); res.Status != http.StatusForbidden {
				t.Errorf("others write the report: %d", res.Status)
			}
		}
		status, _ := ben.API(t, "POST", "/api/v1/reports", map[string]any{"pledge_id": p.ID, "title": "X", "text": "Y"})
		apptest.WantStatus(t, "stranger writes by API", status, http.StatusForbidden, "")
		apptest.Contains(t, "redeemer's pledge page", ana.Web.Get("/pledges/"+p.ID).Body, `href="`+reportForm+`"`)
		res := ana.Web.Get(reportForm)
		apptest.WantStatus(t, "report form", res.Status, 200, res.Body)
		apptest.Contains(t, "report form", res.Body, `name="photos" multiple`, `value="de" lang="de" selected`)

		// Invalid input keeps what was typed.
		up := e.uploader(t, ana.Email)
		res = up.post(reportForm, apptest.Form("title", "", "text", evilReport, "content_lang", "de"), map[string][][]byte{"photos": {pngImage(t)}})
		apptest.WantStatus(t, "report without title", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "report without title", res.Body, `id="f-title-error"`, "[Seite der Schule](https://schule.example/klasse)")
		res = up.post(reportForm, apptest.Form("title", "Fünf", "text", "x", "content_lang", "de"),
			map[string][][]byte{"photos": {pngImage(t), pngImage(t), pngImage(t), pngImage(t), pngImage(t)}})
		apptest.WantStatus(t, "five photos", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "five photos", res.Body, `id="f-photos-error"`)
		res = up.post(reportForm, apptest.Form("title", "Fotos", "text", "x", "content_lang", "de"), map[string][][]byte{"photos": {[]byte("kein Bild")}})
		apptest.WantStatus(t, "not an image", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "not an image", res.Body, `id="f-photos-error"`, `value="Fotos"`)

		res = up.post(reportForm, apptest.Form("title", "Zehn Kinder lernen mit Tablets", "text", evilReport, "content_lang", "de"),
			map[string][][]byte{"photos": {pngImage(t), pngImage(t)}})
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/blog/") {
			t.Fatalf("write: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		path := res.Location()
		rid := strings.TrimPrefix(path, "/blog/")
		r, err := e.Blog.Get(ctx, staff.Identity(), rid)
		if err != nil || r.Published() || len(r.Photos) != 2 {
			t.Fatalf("stored report: %+v %v", r, err)
		}
		if res := ana.Web.Post(reportForm, apptest.Form("title", "Noch einer", "text", "x", "content_lang", "de")); res.Status != http.StatusConflict {
			t.Errorf("second report: %d", res.Status)
		}
		if !e.mailWith(t, owner.Email, "Ein Bericht wartet") {
			t.Error("pledger not asked to confirm")
		}

		// Unconfirmed, it is not public.
		visitor := e.Client(t)
		if res := visitor.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("unconfirmed report public: %d", res.Status)
		}
		apptest.Lacks(t, "blog", visitor.Get("/blog").Body, path)
		// Only the pledger confirms.
		for _, who := range []*apptest.Person{ana, ben, staff} {
			if res := who.Web.Post(path+"/confirm", nil); res.Status != http.StatusForbidden && res.Status != http.StatusNotFound {
				t.Errorf("%s confirms: %d", who.Name, res.Status)
			}
			if status, _ := who.API(t, "POST", "/api/v1/reports/"+rid+"/confirm", nil); status != http.StatusForbidden && status != http.StatusNotFound {
				t.Errorf("%s confirms by API: %d", who.Name, status)
			}
		}
		apptest.Contains(t, "pledger's view", owner.Web.Get(path).Body, "wartet auf deine Bestätigung", path+"/confirm")
		if res := owner.Web.Post(path+"/confirm", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("confirm: %d", res.Status)
		}
		if !e.mailWith(t, ana.Email, "Dein Bericht ist veröffentlicht") {
			t.Error("author not told of the publication")
		}

		// Published and harmless.
		res = visitor.Get(path)
		apptest.WantStatus(t, "report page", res.Status, 200, res.Body)
		apptest.Contains(t, "report page", res.Body, "<strong>gelernt</strong>", `href="https://schule.example/klasse" rel="nofollow"`,
			"/uploads/"+r.Photos[0], "/uploads/"+r.Photos[1], `href="/pledges/`+p.ID+`"`)
		article := res.Body[strings.Index(res.Body, "<article"):strings.Index(res.Body, "</article>")]
		apptest.Lacks(t, "report page", article, "<script", "onerror", "javascript:", "onmouseover", "<img src=\"x\"", "alert(")
		res = visitor.Get("/blog")
		apptest.Contains(t, "blog", res.Body, path, "Zehn Kinder lernen mit Tablets", `type="application/atom+xml"`)
		apptest.Lacks(t, "blog", res.Body, "<script>alert")

		// The feed, read by a real feed parser.
		feedRes := visitor.Get("/blog?format=atom")
		if feedRes.Status != 200 || !strings.HasPrefix(feedRes.Header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("feed: %d %s", feedRes.Status, feedRes.Header.Get("Content-Type"))
		}
		feed, err := gofeed.NewParser().ParseString(feedRes.Body)
		if err != nil {
			t.Fatalf("parse feed: %v\n%s", err, feedRes.Body)
		}
		if feed.FeedType != "atom" || len(feed.Items) != 1 {
			t.Fatalf("feed: %s with %d items", feed.FeedType, len(feed.Items))
		}
		item := feed.Items[0]
		if item.Title != "Zehn Kinder lernen mit Tablets" || item.Link != e.URL+path || item.PublishedParsed == nil ||
			!item.PublishedParsed.Equal(e.Clock.Now().Truncate(time.Second)) || len(item.Authors) == 0 || item.Authors[0].Name != "Ana" {
			t.Errorf("feed item: %q %q %v %+v", item.Title, item.Link, item.PublishedParsed, item.Authors)
		}
		// The text is plain text, its markup gone; the photos are enclosures.
		feedtest.TextOnly(t, feedRes.Body)
		for _, bad := range []string{"<script", "onerror", "javascript:", "onmouseover", "<strong>", "**"} {
			if strings.Contains(item.Content, bad) {
				t.Errorf("feed content has %q:\n%s", bad, item.Content)
			}
		}
		if !strings.HasPrefix(item.Content, "Wir haben gelernt.\n\n") || len(item.Enclosures) != 2 ||
			item.Enclosures[0].URL != e.URL+"/uploads/"+r.Photos[0] {
			t.Errorf("feed content:\n%s\nenclosures %+v", item.Content, item.Enclosures)
		}

		// Only the author and the pledger edit; the author's edit needs a
		// new confirmation, the pledger's does not.
		for _, c := range []*apptest.Client{ben.Web, staff.Web} {
			if res := c.Get(path + "/edit"); res.Status != http.StatusForbidden {
				t.Errorf("others open the edit form: %d", res.Status)
			}
			if res := c.Post(path+"/edit", apptest.Form("title", "Gekapert", "text", "x", "content_lang", "de")); res.Status != http.StatusForbidden {
				t.Errorf("others edit: %d", res.Status)
			}
			if res := c.Post(path+"/photos/"+r.Photos[0]+"/remove", nil); res.Status != http.StatusForbidden {
				t.Errorf("others remove a photo: %d", res.Status)
			}
		}
		res = ana.Web.Post(path+"/edit", apptest.Form("title", "Zehn Kinder lernen", "text", "Neu geschrieben.", "content_lang", "de"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("author edits: %d\n%s", res.Status, res.Body)
		}
		if r, _ = e.Blog.Get(ctx, staff.Identity(), rid); r.Published() {
			t.Error("author's edit stayed published without confirmation")
		}
		if res := visitor.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("edited report public before confirmation: %d", res.Status)
		}
		owner.Web.Post(path+"/confirm", nil)
		res = owner.Web.Post(path+"/edit", apptest.Form("title", "Zehn Kinder lernen", "text", "Vom Pledger korrigiert.", "content_lang", "de"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("pledger edits: %d", res.Status)
		}
		if r, _ = e.Blog.Get(ctx, staff.Identity(), rid); !r.Published() {
			t.Error("pledger's edit unpublished the report")
		}
		if res := ana.Web.Post(path+"/photos/"+r.Photos[0]+"/remove", nil); res.Status != http.StatusSeeOther {
			t.Errorf("author removes a photo: %d", res.Status)
		}
		if res := visitor.Get("/uploads/" + r.Photos[0]); res.Status != http.StatusNotFound {
			t.Errorf("removed photo still served: %d", res.Status)
		}

		// Coordinators feature reports.
		if res := owner.Web.Post(path+"/feature", nil); res.Status != http.StatusForbidden {
			t.Errorf("member features: %d", res.Status)
		}
		if res := staff.Web.Post(path+"/feature", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("feature: %d", res.Status)
		}
		res = visitor.Get("/blog")
		apptest.Contains(t, "blog", res.Body, `id="s-featured"`, "Empfohlen")
		status, body := e.API(t, "", "GET", "/api/v1/reports?featured=true", nil)
		if status != 200 || !strings.Contains(asJSON(body), rid) {
			t.Errorf("featured by API: %d %v", status, body)
		}
	})
}

// TestReportHTMLInAPIIsSanitised checks the remaining places
// where people's text appears: the blog's excerpt and the API's html.
func TestReportHTMLInAPIIsSanitised(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		p := e.succeeded(t, owner, staff, ana)
		title := `<b>Titel</b><script>alert(1)</script><img src=x onerror="alert(2)"> javascript:alert(3)`
		text := evilReport + "\n\n`<script>alert(5)</script>`" // code: shown as text
		status, body := owner.API(t, "POST", "/api/v1/reports", map[string]any{"pledge_id": p.ID, "title": title, "text": text})
		if status != http.StatusCreated || body["status"] != "published" {
			t.Fatalf("pledger's report by API: %d %v", status, body)
		}
		html := body["html"].(string)
		for _, bad := range []string{"<script", "onerror", "javascript:", "onmouseover"} {
			if strings.Contains(html, bad) {
				t.Errorf("API html has %q: %s", bad, html)
			}
		}
		res := e.Client(t).Get("/blog")
		apptest.Contains(t, "blog", res.Body, "&lt;b&gt;Titel&lt;/b&gt;")
		apptest.Lacks(t, "blog", res.Body, "<b>Titel</b>", "<script>alert")

		// The feed carries title, summary and text as text: a feed reader
		// shows the markup people typed and runs none of it.
		res = e.Client(t).Get("/blog?format=atom")
		feedtest.TextOnly(t, res.Body)
		apptest.Lacks(t, "blog feed", res.Body, "<b>", "<script", "<img")
		feed, err := gofeed.NewParser().ParseString(res.Body)
		if err != nil || len(feed.Items) != 1 {
			t.Fatalf("blog feed: %v\n%s", err, res.Body)
		}
		item := feed.Items[0]
		if item.Title != title || !strings.Contains(item.Description, "<script>alert(5)</script>") ||
			!strings.Contains(item.Content, "<script>alert(5)</script>") {
			t.Errorf("blog feed entry: %q\n%q\n%q", item.Title, item.Description, item.Content)
		}
	})
}

// TestHiddenPledgeHidesItsReport: the blog shows a report only while its
// pledge is public, and a removed pledge takes its report with it.
func TestHiddenPledgeHidesItsReport(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		p := e.succeeded(t, owner, staff, ana)
		r, err := e.Blog.Write(ctx, owner.Identity(), "pledge", p.ID, blog.Input{Title: "Geschafft", Body: "Gut.", Lang: "de"}, nil)
		if err != nil || !r.Public() {
			t.Fatalf("pledger's report: %+v %v", r, err)
		}
		path := "/blog/" + r.ID
		visible := func(want bool) {
			t.Helper()
			res := e.Client(t).Get(path)
			n, err := e.Blog.CountPublic(ctx, "pledge")
			if (res.Status == http.StatusOK) != want || strings.Contains(e.Client(t).Get("/blog").Body, path) != want ||
				err != nil || (n == 1) != want {
				t.Errorf("report shown %v: page %d, count %d %v", want, res.Status, n, err)
			}
		}
		visible(true)
		if err := e.Mod.Decide(ctx, staff.Identity(), "pledge", p.ID, "hide", "Bitte prüfen."); err != nil {
			t.Fatal(err)
		}
		visible(false)
		apptest.WantStatus(t, "the pledger's view of the report", owner.Web.Get(path).Status, http.StatusOK, "")
		if err := e.Mod.Decide(ctx, staff.Identity(), "pledge", p.ID, "restore", "Passt."); err != nil {
			t.Fatal(err)
		}
		visible(true)
		if err := e.Mod.Decide(ctx, staff.Identity(), "pledge", p.ID, "remove", "Entfernt."); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Blog.Get(ctx, staff.Identity(), r.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("the report of a removed pledge: %v", err)
		}
	})
}
