package pledge_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/pledge"
)

// uploader posts multipart forms as a logged-in browser of the same site.
type uploader struct {
	t    *testing.T
	base string
	http *http.Client
}

func (e *env) uploader(t *testing.T, email string) *uploader {
	jar, _ := cookiejar.New(nil)
	u := &uploader{t: t, base: e.URL, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	res := u.post("/login", apptest.Form("email", email, "password", apptest.Password), nil)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("login: %d", res.Status)
	}
	return u
}

// post sends fields and files (field name → contents) as multipart, or
// as a plain form when files is nil.
func (u *uploader) post(path string, fields url.Values, files map[string][][]byte) *apptest.Response {
	u.t.Helper()
	var body bytes.Buffer
	ctype := "application/x-www-form-urlencoded"
	if files == nil {
		body.WriteString(fields.Encode())
	} else {
		w := multipart.NewWriter(&body)
		for k, vs := range fields {
			for _, v := range vs {
				w.WriteField(k, v)
			}
		}
		for name, contents := range files {
			for i, c := range contents {
				fw, _ := w.CreateFormFile(name, "photo"+string(rune('a'+i))+".png")
				fw.Write(c)
			}
		}
		w.Close()
		ctype = w.FormDataContentType()
	}
	req, _ := http.NewRequest(http.MethodPost, u.base+path, &body)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Origin", u.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Accept-Language", "de")
	res, err := u.http.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &apptest.Response{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

// pngImage is a small picture.
func pngImage(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for x := 0; x < 60; x++ {
		for y := 0; y < 40; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 6), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func day(e *env, days int) string {
	return pledge.DayOf(clock.EndOfDay(e.Clock.Now().Add(time.Duration(days) * 24 * time.Hour)))
}

func pledgeForm(e *env, kv ...string) url.Values {
	f := apptest.Form("promise", "20 Tablets für eine Willkommensklasse", "needed", "3", "who", "Ehrenamtliche",
		"condition", "drei Monate lang mit den Kindern damit lernen", "deadline", day(e, 20), "category", "children.school",
		"postcode", "34117", "place", "Kassel", "description", "Mittwochs.\n\nIn der Schule.", "content_lang", "de")
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

func TestWebCreateEditSubmitApprove(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		org, err := e.Orgs.Create(ctx, owner.ID, organization.Profile{Name: "Nordhessen Logistik", Kind: "company"})
		if err != nil {
			t.Fatal(err)
		}
		visitor := e.Client(t)
		if res := visitor.Get("/pledges/new"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login") {
			t.Errorf("visitor new: %d %s", res.Status, res.Location())
		}
		res := owner.Web.Get("/pledges/new")
		apptest.WantStatus(t, "new form", res.Status, 200, res.Body)
		apptest.Contains(t, "new form", res.Body, `value="`+org.ID+`" selected`, `name="deadline" type="date"`, `value="children.school"`,
			`enctype="multipart/form-data"`)

		// Errors beside their fields, nothing typed lost.
		res = owner.Web.Post("/pledges/new", pledgeForm(e, "promise", "", "needed", "drei", "deadline", "2020-01-01",
			"category", "nonsense", "who", "Tüftlerinnen", "organization_id", ""))
		apptest.WantStatus(t, "invalid create", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "invalid create", res.Body, `id="f-promise-error"`, `id="f-needed-error"`, `id="f-deadline-error"`,
			`id="f-category-error"`, `value="drei"`, `value="Tüftlerinnen"`, `value="2020-01-01"`, "Mittwochs.\n\nIn der Schule.",
			"Bitte gib eine Zahl ein.", "Die Frist muss in der Zukunft liegen.", `aria-invalid="true"`)
		res = stranger.Web.Post("/pledges/new", pledgeForm(e, "organization_id", org.ID))
		apptest.WantStatus(t, "pledge for another's organisation", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "foreign organisation", res.Body, `id="f-organization_id-error"`)

		// A valid pledge with a picture, for the organisation.
		up := e.uploader(t, owner.Email)
		res = up.post("/pledges/new", pledgeForm(e, "organization_id", org.ID, "then", "save"), map[string][][]byte{"image": {pngImage(t)}})
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/pledges/") {
			t.Fatalf("create: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		path := res.Location()
		id := strings.TrimPrefix(path, "/pledges/")
		p := e.get(t, id)
		if p.Status != pledge.Draft || p.OrgID != org.ID || p.ImageID == "" || p.Needed != 3 {
			t.Fatalf("stored: %+v", p)
		}
		res = owner.Web.Get(path)
		apptest.Contains(t, "draft page", res.Body, "Wir versprechen 20 Tablets für eine Willkommensklasse, wenn 3 Ehrenamtliche drei Monate lang mit den Kindern damit lernen.",
			`src="/uploads/`+p.ImageID+`"`, "Nordhessen Logistik", path+"/edit")
		if img := visitor.Get("/uploads/" + p.ImageID); img.Status != 200 || img.Header.Get("Content-Type") != "image/png" {
			t.Errorf("picture: %d %s", img.Status, img.Header.Get("Content-Type"))
		}

		// Strangers see no draft and can change nothing.
		for _, c := range []*apptest.Client{stranger.Web, visitor} {
			if res := c.Get(path); res.Status != http.StatusNotFound {
				t.Errorf("draft shown to others: %d", res.Status)
			}
		}
		res = stranger.Web.Post(path+"/edit", pledgeForm(e, "promise", "Gekapert"))
		apptest.WantStatus(t, "stranger edits", res.Status, http.StatusNotFound, res.Body)
		res = stranger.Web.Post(path+"/submit", nil)
		apptest.WantStatus(t, "stranger submits", res.Status, http.StatusNotFound, res.Body)
		res = stranger.Web.Post(path+"/delete", nil)
		apptest.WantStatus(t, "stranger deletes", res.Status, http.StatusNotFound, res.Body)

		// The owner edits; invalid input comes back, valid saves and submits.
		res = owner.Web.Get(path + "/edit")
		apptest.Contains(t, "edit form", res.Body, `value="20 Tablets für eine Willkommensklasse"`, `value="`+day(e, 20)+`"`, `value="children.school" selected`)
		res = owner.Web.Post(path+"/edit", pledgeForm(e, "who", ""))
		apptest.WantStatus(t, "invalid edit", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "invalid edit", res.Body, `id="f-who-error"`, `value="20 Tablets für eine Willkommensklasse"`)
		res = owner.Web.Post(path+"/edit", pledgeForm(e, "needed", "2", "organization_id", org.ID, "then", "submit"))
		if res.Status != http.StatusSeeOther || res.Location() != path {
			t.Fatalf("save and submit: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		if p = e.get(t, id); p.Status != pledge.Submitted || p.Needed != 2 || p.ImageID == "" {
			t.Fatalf("after save and submit: %+v", p)
		}

		// Only coordinators approve and decline.
		for _, path := range []string{"/admin/pledges", "/admin/pledges/" + id + "/decline"} {
			if res := owner.Web.Get(path); res.Status != http.StatusForbidden {
				t.Errorf("member opens %s: %d", path, res.Status)
			}
		}
		res = owner.Web.Post("/admin/pledges/"+id+"/approve", nil)
		apptest.WantStatus(t, "member approves", res.Status, http.StatusForbidden, res.Body)
		res = staff.Web.Get("/admin/pledges")
		apptest.Contains(t, "queue", res.Body, "/admin/pledges/"+id+"/approve")
		res = staff.Web.Post("/admin/pledges/"+id+"/decline", apptest.Form("reason", ""))
		apptest.WantStatus(t, "decline without reason", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "decline without reason", res.Body, `id="f-reason-error"`)
		res = staff.Web.Post("/admin/pledges/"+id+"/approve", nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("approve: %d\n%s", res.Status, res.Body)
		}
		if p = e.get(t, id); p.Status != pledge.Active {
			t.Fatalf("after approval: %s", p.Status)
		}
		res = visitor.Get(path)
		apptest.WantStatus(t, "public page", res.Status, 200, res.Body)
		apptest.Contains(t, "public page", res.Body, "0 von 2 bestätigt", "noch 20 Tage", "/login?next=")
		res = visitor.Get("/pledges")
		apptest.Contains(t, "list", res.Body, path, "<strong>1</strong> laufendes Versprechen")
		// An approved pledge is no longer edited, by anybody.
		res = owner.Web.Get(path + "/edit")
		apptest.WantStatus(t, "edit an active pledge", res.Status, http.StatusConflict, res.Body)
		res = stranger.Web.Post(path+"/edit", pledgeForm(e))
		apptest.WantStatus(t, "stranger edits an active pledge", res.Status, http.StatusForbidden, res.Body)
		res = stranger.Web.Post(path+"/close", nil)
		apptest.WantStatus(t, "stranger closes", res.Status, http.StatusForbidden, res.Body)
	})
}

func TestWebSignupsKeepNotesPrivate(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		init, err := e.Orgs.Create(ctx, ana.ID, organization.Profile{Name: "Sprachcafé Wesertor", Kind: "initiative",
			Postcode: "34125", City: "Kassel"})
		if err != nil {
			t.Fatal(err)
		}
		p := e.active(t, owner, staff, 10, nil)
		path := "/pledges/" + p.ID
		visitor := e.Client(t)

		res := ana.Web.Get(path)
		apptest.Contains(t, "sign-up form", res.Body, `action="`+path+`/signups"`, `value="`+init.ID+`"`, `name="note"`)
		res = ana.Web.Post(path+"/signups", apptest.Form("organization_id", init.ID, "note", "", "anonymous", "1"))
		apptest.WantStatus(t, "empty note", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "empty note", res.Body, `id="f-note-error"`, `value="`+init.ID+`" selected`, `name="anonymous" value="1" aria-describedby="f-anonymous-hint" checked`)
		res = ben.Web.Post(path+"/signups", apptest.Form("organization_id", init.ID, "note", "Ich gehöre nicht dazu."))
		apptest.WantStatus(t, "sign up for another's organisation", res.Status, http.StatusUnprocessableEntity, res.Body)
		res = ana.Web.Post(path+"/signups", apptest.Form("organization_id", init.ID, "note", "Geheime Notiz 4711", "anonymous", "1"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("sign up: %d\n%s", res.Status, res.Body)
		}
		res = owner.Web.Post(path+"/signups", apptest.Form("note", "Ich selbst"))
		apptest.WantStatus(t, "own sign-up", res.Status, http.StatusConflict, res.Body)

		// The note: the pledger sees it, nobody else.
		res = owner.Web.Get(path)
		apptest.Contains(t, "pledger's page", res.Body, "Geheime Notiz 4711", "Sprachcafé Wesertor")
		for name, c := range map[string]*apptest.Client{"stranger": ben.Web, "visitor": visitor, "coordinator": staff.Web} {
			apptest.Lacks(t, name+"'s page", c.Get(path).Body, "Geheime Notiz 4711")
		}
		signups, err := e.Pledges.Signups(ctx, owner.Identity(), p.ID)
		if err != nil || len(signups) != 1 {
			t.Fatal(err)
		}
		sid := signups[0].ID
		status, body := owner.API(t, "GET", "/api/v1/pledges/"+p.ID+"/signups", nil)
		if status != 200 || !strings.Contains(asJSON(body), "Geheime Notiz 4711") {
			t.Errorf("pledger's API list: %d %v", status, body)
		}
		for _, who := range []*apptest.Person{ben, ana, staff} {
			status, body := who.API(t, "GET", "/api/v1/pledges/"+p.ID+"/signups", nil)
			if status != http.StatusForbidden || strings.Contains(asJSON(body), "4711") {
				t.Errorf("%s lists the sign-ups: %d %v", who.Name, status, body)
			}
		}
		if status, _ := e.API(t, "", "GET", "/api/v1/pledges/"+p.ID+"/signups", nil); status != http.StatusUnauthorized {
			t.Errorf("visitor lists the sign-ups: %d", status)
		}
		_, err = e.Pledges.Signups(ctx, ben.Identity(), p.ID)
		apptest.WantCode(t, "stranger lists", err, apperr.Forbidden)

		// Only the pledger confirms.
		res = ben.Web.Post(path+"/signups/"+sid+"/confirm", nil)
		apptest.WantStatus(t, "stranger confirms", res.Status, http.StatusForbidden, res.Body)
		res = ana.Web.Post(path+"/signups/"+sid+"/confirm", nil)
		apptest.WantStatus(t, "signer confirms", res.Status, http.StatusForbidden, res.Body)
		status, _ = ben.API(t, "POST", "/api/v1/pledges/"+p.ID+"/signups/"+sid+"/confirm", nil)
		apptest.WantStatus(t, "stranger confirms by API", status, http.StatusForbidden, "")
		if got := e.get(t, p.ID); got.Confirmed != 0 {
			t.Fatal("a refused confirmation counted")
		}
		res = owner.Web.Post(path+"/signups/"+sid+"/confirm", nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", res.Status, res.Body)
		}
		// In public the anonymous initiative is "an initiative from Kassel".
		res = visitor.Get(path)
		apptest.Contains(t, "public page", res.Body, "Eine Initiative aus Kassel", "1 von 2 bestätigt")
		apptest.Lacks(t, "public page", res.Body, "Sprachcafé Wesertor")
		res = ana.Web.Get(path)
		apptest.Contains(t, "signer's page", res.Body, "deine Zusage ist bestätigt", path+"/signups/withdraw")

		// The signer withdraws; the count drops.
		res = ana.Web.Post(path+"/signups/withdraw", nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("withdraw: %d", res.Status)
		}
		if got := e.get(t, p.ID); got.Confirmed != 0 {
			t.Errorf("after withdrawal: %d confirmed", got.Confirmed)
		}
		res = ben.Web.Post(path+"/signups/withdraw", nil)
		apptest.WantStatus(t, "withdraw without a sign-up", res.Status, http.StatusNotFound, res.Body)
	})
}

func TestWebCopy(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		p := e.active(t, owner, staff, 30, nil)
		res := ana.Web.Post("/pledges/"+p.ID+"/copy", nil)
		if res.Status != http.StatusSeeOther || !strings.HasSuffix(res.Location(), "/edit") {
			t.Fatalf("copy: %d %s", res.Status, res.Location())
		}
		copyID := strings.TrimSuffix(strings.TrimPrefix(res.Location(), "/pledges/"), "/edit")
		c := e.get(t, copyID)
		if c.Status != pledge.Draft || c.OwnerID != ana.ID || c.CopiedFrom != p.ID || c.Promise != p.Promise || !c.Deadline.After(e.Clock.Now().Add(29*24*time.Hour)) {
			t.Fatalf("copy: %+v", c)
		}
		apptest.Contains(t, "copy's edit page", ana.Web.Get(res.Location()).Body, "nachgemacht")
		e.Pledges.Submit(ctx, ana.Identity(), copyID)
		e.Pledges.Approve(ctx, staff.Identity(), copyID)
		apptest.Contains(t, "copy's page", e.Client(t).Get("/pledges/"+copyID).Body, "nach dem Vorbild von", `href="/pledges/`+p.ID+`"`)
		apptest.Contains(t, "original's page", e.Client(t).Get("/pledges/"+p.ID).Body, "1-mal nachgemacht")
		// A draft of somebody else cannot be copied: it does not exist for them.
		draft, _ := e.Pledges.Create(ctx, owner.Identity(), e.terms(5), nil)
		res = ana.Web.Post("/pledges/"+draft.ID+"/copy", nil)
		apptest.WantStatus(t, "copy another's draft", res.Status, http.StatusNotFound, res.Body)
	})
}

func TestWebFiltersAndCounts(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		a := e.active(t, owner, staff, 5, func(tm *pledge.Terms) {
			tm.Promise = "Fahrräder"
			tm.Category = "mobility.bike_repair"
			tm.Place = "Göttingen"
			tm.Postcode = "37073"
		})
		b := e.active(t, owner, staff, 5, func(tm *pledge.Terms) { tm.Promise = "Tablets"; tm.Category = "children.school" })
		c := e.active(t, owner, staff, 1, func(tm *pledge.Terms) {
			tm.Promise = "Sofas"
			tm.Category = "goods.furniture"
			tm.Needed = 1
			tm.AutoConfirm = true
		})
		ana := e.NewPerson(t, "ana", auth.Member)
		e.Pledges.SignUp(ctx, ana.Identity(), c.ID, pledge.SignupInput{Note: "Ja"})
		e.runJobs(t, 2*24*time.Hour)
		v := e.Client(t)
		for q, want := range map[string][]string{
			"":                          {a.ID, b.ID, c.ID},
			"?show=open":                {a.ID, b.ID},
			"?show=successful":          {c.ID},
			"?category=mobility":        {a.ID},
			"?category=children.school": {b.ID},
			"?place=gottingen":          {a.ID},
			"?place=370":                {a.ID},
			"?place=kassel&show=open":   {b.ID},
		} {
			res := v.Get("/pledges" + q)
			apptest.WantStatus(t, q, res.Status, 200, res.Body)
			for _, p := range []*pledge.Pledge{a, b, c} {
				shown := strings.Contains(res.Body, `href="/pledges/`+p.ID+`"`)
				wanted := strings.Contains(strings.Join(want, " "), p.ID)
				if shown != wanted {
					t.Errorf("/pledges%s: %s shown %v, want %v", q, p.Promise, shown, wanted)
				}
			}
		}
		res := v.Get("/pledges")
		apptest.Contains(t, "counts", res.Body, "<strong>2</strong> laufende Versprechen", "<strong>1</strong> eingelöstes Versprechen",
			"<strong>0</strong> <a href=\"/blog\">veröffentlichte Berichte")
		if res := v.Get("/pledges?show=nonsense"); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad filter: %d", res.Status)
		}
	})
}

func TestWebQuestions(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		p := e.active(t, owner, staff, 10, nil)
		path := "/pledges/" + p.ID
		visitor := e.Client(t)
		apptest.Lacks(t, "visitor's page", visitor.Get(path).Body, `action="`+path+`/questions"`)
		res := ana.Web.Post(path+"/questions", apptest.Form("question", ""))
		apptest.WantStatus(t, "empty question", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "empty question", res.Body, `id="f-question-error"`)
		evil := `<script>alert("q")</script> Gibt es <b onclick="x()">Hefte</b>?`
		res = ana.Web.Post(path+"/questions", apptest.Form("question", evil))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("ask: %d", res.Status)
		}
		apptest.Lacks(t, "page before approval", visitor.Get(path).Body, "Hefte")
		apptest.Contains(t, "asker's page", ana.Web.Get(path).Body, "wartet auf die Freigabe")
		qs, _ := e.Pledges.PendingQuestions(ctx)
		if len(qs) != 1 {
			t.Fatalf("pending: %d", len(qs))
		}
		qid := qs[0].ID
		res = owner.Web.Post("/admin/pledges/questions/"+qid+"/approve", nil)
		apptest.WantStatus(t, "member approves a question", res.Status, http.StatusForbidden, res.Body)
		res = staff.Web.Post("/admin/pledges/questions/"+qid+"/approve", nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("approve question: %d", res.Status)
		}
		if !e.mailWith(t, owner.Email, "Frage zu deinem Versprechen") {
			t.Error("pledger not asked to answer")
		}
		res = visitor.Get(path)
		apptest.Contains(t, "page with the question", res.Body, `&lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt;`, `&lt;b onclick=&#34;x()&#34;&gt;Hefte&lt;/b&gt;`)
		apptest.Lacks(t, "page with the question", res.Body, `<script>alert`, `<b onclick`)

		// Only the pledger answers.
		answer := path + "/questions/" + qid + "/answer"
		for _, c := range []*apptest.Client{ben.Web, ana.Web, staff.Web} {
			if res := c.Get(answer); res.Status != http.StatusForbidden {
				t.Errorf("others open the answer form: %d", res.Status)
			}
			if res := c.Post(answer, apptest.Form("answer", "Nein.")); res.Status != http.StatusForbidden {
				t.Errorf("others answer: %d", res.Status)
			}
		}
		res = owner.Web.Post(answer, apptest.Form("answer", ""))
		apptest.WantStatus(t, "empty answer", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "empty answer", res.Body, `id="f-answer-error"`)
		res = owner.Web.Post(answer, apptest.Form("answer", "Ja, Hefte gibt es.\nAuch Stifte."))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("answer: %d\n%s", res.Status, res.Body)
		}
		apptest.Contains(t, "answered page", visitor.Get(path).Body, "Ja, Hefte gibt es.<br>Auch Stifte.")
		if !e.mailWith(t, ana.Email, "beantwortet") {
			t.Error("asker not told of the answer")
		}
		// A rejected question never shows.
		q2, _ := e.Pledges.Ask(ctx, ben.Identity(), p.ID, "Werbung für mein Geschäft")
		res = staff.Web.Post("/admin/pledges/questions/"+q2.ID+"/reject", nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("reject: %d", res.Status)
		}
		apptest.Lacks(t, "page", visitor.Get(path).Body, "Werbung")
	})
}

func TestModerationHidesAndRemoves(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		p := e.active(t, owner, staff, 10, nil)
		path := "/pledges/" + p.ID
		if err := e.Mod.Flag(ctx, ana.ID, "pledge", p.ID, "spam", "Das ist Werbung."); err != nil {
			t.Fatal(err)
		}
		res := staff.Web.Get("/admin/moderation")
		apptest.Contains(t, "moderation queue", res.Body, p.Promise)
		if err := e.Mod.Decide(ctx, staff.Identity(), "pledge", p.ID, "hide", "Bitte ohne Werbung."); err != nil {
			t.Fatal(err)
		}
		if res := e.Client(t).Get(path); res.Status != http.StatusNotFound {
			t.Errorf("hidden pledge shown to visitors: %d", res.Status)
		}
		apptest.Lacks(t, "list", e.Client(t).Get("/pledges").Body, path)
		apptest.Contains(t, "owner's page", owner.Web.Get(path).Body, "ausgeblendet")
		if err := e.Mod.Decide(ctx, staff.Identity(), "pledge", p.ID, "remove", "Entfernt."); err != nil {
			t.Fatal(err)
		}
		if res := owner.Web.Get(path); res.Status != http.StatusNotFound {
			t.Errorf("removed pledge: %d", res.Status)
		}
	})
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
