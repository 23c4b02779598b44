package board_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestSavedSearchDigest saves a search from the board page and moves the
// clock day by day: the digest mails only new listings that match and
// that the person may see, each once; nothing on a day without news; the
// page the mail's link opens stops the mails without logging in, and
// turns them on again.
func TestSavedSearchDigest(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		const day = 24 * time.Hour
		owner := e.NewPersonLang(t, "owner", auth.Member, "de")
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		old := post(t, e.Env, poster, rDraft(board.Offer, "goods.bicycles", "Altes Fahrrad von vorgestern"))
		e.Clock.Advance(time.Minute)

		// Saving from the board: errors come back beside the field with
		// the filter kept.
		from := "/board?q=Fahrrad&kind=offer"
		res := owner.Web.Post("/me/searches", apptest.Form("from", from, "name", strings.Repeat("x", 81)))
		apptest.WantStatus(t, "too long a name", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "too long a name", res.Body, `id="f-name-error"`, `value="`+strings.Repeat("x", 81)+`"`,
			`name="from" value="/board?q=Fahrrad&amp;kind=offer"`, "„Fahrrad“ · Angebote")
		res = owner.Web.Post("/me/searches", apptest.Form("from", from, "name", ""))
		if res.Status != http.StatusSeeOther || res.Location() != "/me/searches" {
			t.Fatalf("save: %d %s\n%.2000s", res.Status, res.Location(), res.Body)
		}
		res = owner.Web.Post("/me/searches", apptest.Form("from", from))
		apptest.WantStatus(t, "the same search again", res.Status, http.StatusConflict, res.Body)
		list, _ := e.Board.SavedSearches(ctx, owner.ID)
		if len(list) != 1 || list[0].Name != "„Fahrrad“ · Angebote" || list[0].Query != "kind=offer&q=Fahrrad" {
			t.Fatalf("saved: %+v", list)
		}
		apptest.Contains(t, "saved searches page", owner.Web.Get("/me/searches").Body, "„Fahrrad“ · Angebote",
			`href="/board?kind=offer&amp;q=Fahrrad"`, "Tägliche E-Mail: an")

		e.Clock.Advance(time.Minute)
		first := post(t, e.Env, poster, rDraft(board.Offer, "goods.bicycles", "Fahrrad für Kinder"))
		post(t, e.Env, poster, rDraft(board.Request, "goods.bicycles", "Suche ein Fahrrad"))
		post(t, e.Env, poster, rDraft(board.Offer, "goods.furniture", "Sofa zu verschenken"))
		hidden := rDraft(board.Offer, "goods.bicycles", "Fahrrad nur für Organisationen")
		hidden.Visibility = board.Verified
		post(t, e.Env, poster, hidden)
		own := rDraft(board.Offer, "goods.bicycles", "Mein eigenes Fahrrad")
		post(t, e.Env, owner, own)

		run := func() {
			t.Helper()
			if err := e.P.App.Jobs.RunDue(ctx); err != nil {
				t.Fatalf("jobs: %v", err)
			}
		}
		e.Clock.Advance(day)
		run()
		m := e.MailTo(t, owner.Email)
		apptest.Contains(t, "first digest", m.Subject, "„Fahrrad“ · Angebote")
		apptest.Contains(t, "first digest", m.Text, "einen neuen Eintrag", "Angebot: Fahrrad für Kinder", e.URL+"/listings/"+first.ID,
			e.URL+"/board?kind=offer&q=Fahrrad", e.URL+"/searches/unsubscribe/")
		apptest.Lacks(t, "first digest", m.Text, old.Title, "Suche ein Fahrrad", "Sofa", "nur für Organisationen", "Mein eigenes")
		sent := e.MailCount(t, owner.Email)

		// Run again at once and on a day without news: nothing.
		run()
		e.Clock.Advance(day)
		run()
		if n := e.MailCount(t, owner.Email); n != sent {
			t.Fatalf("%d mails on days without news", n-sent)
		}

		second := post(t, e.Env, poster, rDraft(board.Offer, "goods.bicycles", "Fahrrad mit Korb"))
		third := post(t, e.Env, poster, rDraft(board.Offer, "goods.bicycles", "Fahrradanhänger"))
		e.Clock.Advance(day)
		run()
		m = e.MailTo(t, owner.Email)
		apptest.Contains(t, "second digest", m.Text, "2 neue Einträge", second.Title, third.Title)
		apptest.Lacks(t, "second digest", m.Text, first.Title)

		// The link opens a page, without logging in, whose button stops
		// the mails.
		link := m.FirstURL(e.URL + "/searches/unsubscribe/")
		visitor := e.Client(t)
		res = visitor.Get(strings.TrimPrefix(link, e.URL))
		apptest.WantStatus(t, "unsubscribe", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "unsubscribe page", res.Body, "E-Mails abbestellen?", "„Fahrrad“ · Angebote")
		if res.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("Referrer-Policy %q", res.Header.Get("Referrer-Policy"))
		}
		res = visitor.Post(strings.TrimPrefix(link, e.URL), apptest.Form("digest", "off"))
		apptest.WantStatus(t, "unsubscribe", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "unsubscribed page", res.Body, "Keine E-Mails mehr", "„Fahrrad“ · Angebote")
		fourth := post(t, e.Env, poster, rDraft(board.Offer, "goods.bicycles", "Fahrradhelm"))
		sent = e.MailCount(t, owner.Email)
		e.Clock.Advance(day)
		run()
		if n := e.MailCount(t, owner.Email); n != sent {
			t.Fatal("a mail after unsubscribing")
		}
		apptest.WantStatus(t, "unknown link", visitor.Get("/searches/unsubscribe/nichtda").Status, http.StatusNotFound, "")

		// The page turns them on again; what was missed comes next.
		res = visitor.Post(strings.TrimPrefix(link, e.URL), apptest.Form("digest", "on"))
		apptest.WantStatus(t, "resume", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "resumed page", res.Body, "E-Mails sind wieder an")
		e.Clock.Advance(day)
		run()
		m = e.MailTo(t, owner.Email)
		apptest.Contains(t, "digest after resuming", m.Text, fourth.Title)
		apptest.Lacks(t, "digest after resuming", m.Text, second.Title)

		// The older link still works (each mail has its own).
		if res := visitor.Get(strings.TrimPrefix(link, e.URL)); res.Status != http.StatusOK {
			t.Errorf("older link: %d", res.Status)
		}
	})
}

// TestSavedSearchDigestFindsAsSearch: a saved search's words find new
// listings as /search finds them, so "Deutschkurs" brings a "Kurs für
// Deutsch" and an Arabic course, not a bicycle.
func TestSavedSearchDigestFindsAsSearch(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		owner := e.NewPersonLang(t, "owner", auth.Member, "de")
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		res := owner.Web.Post("/me/searches", apptest.Form("from", "/board?q=Deutschkurs"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("save: %d\n%.2000s", res.Status, res.Body)
		}
		e.Clock.Advance(time.Minute)
		post(t, e.Env, poster, rDraft(board.Request, "german_lessons.courses", "Kurs für Deutsch am Abend gesucht"))
		arabic := rDraft(board.Request, "german_lessons.courses", "أبحث عن دورة لغة ألمانية")
		arabic.ContentLang = "ar"
		post(t, e.Env, poster, arabic)
		post(t, e.Env, poster, rDraft(board.Offer, "goods.bicycles", "Fahrrad zu verschenken"))
		e.Clock.Advance(24 * time.Hour)
		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		m := e.MailTo(t, owner.Email)
		apptest.Contains(t, "digest", m.Text, "Kurs für Deutsch am Abend gesucht", "أبحث عن دورة لغة ألمانية")
		apptest.Lacks(t, "digest", m.Text, "Fahrrad")
	})
}
