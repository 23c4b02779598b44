package pledge_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/browsertest"
	"teilhabe.org/teilhabe/internal/pledge"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestPledgeRedeemedInBrowser plays a pledge through in Chromium, every
// page checked with axe, at 320 px and by keyboard: the demo company
// pledges, a coordinator approves, an initiative with a Turkish interface
// signs up, the pledge succeeds at its deadline, the initiative writes the
// report, the pledger confirms it, and the report is on the blog and in
// its Atom feed.
func TestPledgeRedeemedInBrowser(t *testing.T) {
	d := newDemoEnv(t)
	login := func(email string) *browsertest.Browser {
		b := browsertest.New(t)
		b.Go(d.URL + "/login")
		b.Fill("#f-email", email)
		b.Fill("#f-password", account.DemoPassword)
		b.Submit(`form[action="/login"]`) // to the front page, which this test leaves out
		if strings.Contains(b.URL(), "/login") {
			t.Fatalf("login as %s failed", email)
		}
		return b
	}
	wantText := func(b *browsertest.Browser, selector, want string) {
		t.Helper()
		if got := b.Text(selector); !strings.Contains(got, want) {
			t.Errorf("%s says %q, want %q", selector, got, want)
		}
	}

	// The company pledges (its person reads English).
	company := login("chris@demo.teilhabe.example")
	company.Go(d.URL + "/pledges/new")
	company.CheckAll(t)
	company.Fill("#f-promise", "10 Laptops für das Sprachcafé")
	company.Fill("#f-needed", "1")
	company.Fill("#f-who", "Initiative")
	company.Fill("#f-condition", "ein Jahr lang jede Woche einen Computerkurs anbietet")
	company.Select("#f-category", "digital.computer")
	company.Fill("#f-place", "Kassel")
	company.Select("#f-content_lang", "de")
	browsertest.Eval[string](company.Page, `document.querySelector('#f-deadline').value = '`+
		pledge.DayOf(d.Clock.Now().Add(10*24*time.Hour))+`'`)
	if status := company.Submit(`main form[action="/pledges/new"]`); status != 200 {
		t.Fatalf("create: %d", status)
	}
	company.CheckAll(t)
	wantText(company, "p.lead", "Wir versprechen 10 Laptops für das Sprachcafé, wenn 1 Initiative ein Jahr lang")
	pledgeURL := company.URL()
	id := pledgeURL[strings.LastIndex(pledgeURL, "/")+1:]
	company.Submit(`form[action="/pledges/` + id + `/submit"]`)
	wantText(company, ".flash", "coordination office")

	// A coordinator approves it.
	staff := login("koordination@demo.teilhabe.example")
	staff.Go(d.URL + "/admin/pledges")
	staff.CheckAll(t)
	staff.Submit(`form[action="/admin/pledges/` + id + `/approve"]`)
	if p := d.get(t, id); p.Status != pledge.Active {
		t.Fatalf("after approval: %s", p.Status)
	}

	// An initiative signs up, in Turkish.
	initiative := login("yusuf@demo.teilhabe.example")
	initiative.Go(pledgeURL)
	initiative.CheckAll(t)
	if lang := initiative.Attr("html", "lang"); lang != "tr" {
		t.Errorf("interface language %q, want tr", lang)
	}
	initiative.Select("#f-organization_id", d.demo.Orgs["mso_tr"])
	initiative.Fill("#f-note", "Kursu iki gönüllümüz veriyor, her salı akşamı.")
	initiative.Submit(`form[action="/pledges/` + id + `/signups"]`)
	initiative.CheckAll(t)
	wantText(initiative, "#signups", "Katıldın")

	// The pledger confirms the sign-up.
	company.Go(pledgeURL)
	company.CheckAll(t)
	company.Submit(`form[action$="/confirm"]`)
	wantText(company, ".progress", "1 of 1")

	// The deadline passes: the pledge has succeeded.
	d.runJobs(t, 11*24*time.Hour)
	if p := d.get(t, id); p.Status != pledge.Successful {
		t.Fatalf("after the deadline: %s", p.Status)
	}

	// The initiative writes the report.
	initiative.Go(pledgeURL)
	initiative.CheckAll(t)
	initiative.ClickAndLoad(`a[href="/pledges/` + id + `/report"]`)
	initiative.CheckAll(t)
	initiative.Fill("#f-title", "Zwölf Menschen lernen am Computer")
	initiative.Fill("#f-text", "Jeden Dienstag kommen **zwölf Menschen** ins Sprachcafé.\n\nDanke an die Spender!")
	initiative.Select("#f-content_lang", "de")
	initiative.Submit(`main form[enctype="multipart/form-data"]`)
	initiative.CheckAll(t)
	reportURL := initiative.URL()
	if !strings.Contains(reportURL, "/blog/") {
		t.Fatalf("after writing the report: %s", reportURL)
	}

	// The pledger confirms it.
	company.Go(reportURL)
	company.CheckAll(t)
	company.Submit(`form[action$="/confirm"]`)
	wantText(company, ".flash", "published")

	// It is on the blog, for visitors in any language, and in the feed.
	visitor := browsertest.New(t)
	for _, lang := range []string{"de", "ar"} {
		visitor.Go(d.URL + "/blog")
		visitor.Select("#lang-select", lang)
		visitor.Submit("form.lang")
		visitor.CheckAll(t)
		wantText(visitor, "main", "Zwölf Menschen lernen am Computer")
		visitor.Go(reportURL)
		visitor.CheckAll(t)
		wantText(visitor, "article", "zwölf Menschen")
		visitor.Go(pledgeURL)
		visitor.CheckAll(t)
	}
	res, err := http.Get(d.URL + "/blog?format=atom")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	feed, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		t.Fatalf("feed: %v", err)
	}
	if len(feed.Items) == 0 || feed.Items[0].Title != "Zwölf Menschen lernen am Computer" || feed.Items[0].Link != reportURL ||
		len(feed.Items[0].Authors) == 0 || feed.Items[0].Authors[0].Name != "Türkisch-Deutscher Kulturverein Kassel e. V." {
		t.Errorf("feed's newest entry: %+v", feed.Items[0])
	}
}

// TestPagesInBrowser opens the module's other pages in Chromium, in German
// and Arabic, and checks each: axe, 320 px, keyboard, no other hosts.
func TestPagesInBrowser(t *testing.T) {
	d := newDemoEnv(t)
	companyID := &auth.Identity{UserID: d.demo.Users["company"], Name: "Chris"}
	draft, err := d.Pledges.Copy(ctx, companyID, d.pledges["die"].ID)
	if err != nil {
		t.Fatal(err)
	}
	questions, _ := d.Pledges.Questions(ctx, d.pledges["20"].ID)
	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			company := d.Browser(t, "chris@demo.teilhabe.example", account.DemoPassword, "/pledges", lang)
			for _, path := range []string{
				"/pledges?show=open&category=children", "/me/pledges", "/pledges/" + draft.ID, "/pledges/" + draft.ID + "/edit",
				"/pledges/" + d.pledges["20"].ID, fmt.Sprintf("/pledges/%s/questions/%s/answer", d.pledges["20"].ID, questions[0].ID),
			} {
				company.Go(d.URL + path)
				company.CheckAll(t)
			}
			// The form with errors beside its fields.
			company.Go(d.URL + "/pledges/" + draft.ID + "/edit")
			company.Fill("#f-promise", "")
			company.Fill("#f-needed", "0")
			company.Submit(`main form[enctype="multipart/form-data"]`)
			if company.Count(".error") < 2 {
				t.Error("no errors beside the fields")
			}
			company.CheckAll(t)

			staff := d.Browser(t, "koordination@demo.teilhabe.example", account.DemoPassword, "/pledges", lang)
			for _, path := range []string{"/admin/pledges", "/admin/pledges/" + d.pledges["zwei"].ID + "/decline", "/pledges/" + d.pledges["zwei"].ID} {
				staff.Go(d.URL + path)
				staff.CheckAll(t)
			}
			staff.Go(d.URL + "/admin/pledges/" + d.pledges["zwei"].ID + "/decline")
			staff.Submit(`main form[method="post"]`)
			staff.CheckAll(t)

			agency := d.Browser(t, "sabine@demo.teilhabe.example", account.DemoPassword, "/pledges", lang)
			agency.Go(d.URL + "/blog/" + d.report + "/edit")
			agency.CheckAll(t)
			agency.Go(d.URL + "/pledges/" + d.pledges["die"].ID)
			agency.CheckAll(t)

			amal := d.Browser(t, "amal@demo.teilhabe.example", account.DemoPassword, "/pledges", lang)
			amal.Go(d.URL + "/pledges/" + d.pledges["20"].ID)
			amal.Submit(`form[action$="/signups"]`) // without a note
			amal.CheckAll(t)
		})
	}
}
