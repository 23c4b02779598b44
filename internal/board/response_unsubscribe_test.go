package board_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestDigestUnsubscribeNeedsAPost: a digest mail carries RFC 8058
// one-click headers; opening its link (as mail scanners do) only asks,
// the button or the mail program's one-click POST, without login or a
// page of this site before it, stops the mails.
func TestDigestUnsubscribeNeedsAPost(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		owner := e.NewPersonLang(t, "owner", auth.Member, "de")
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		if _, err := e.Board.SaveSearch(ctx, owner.Identity(), "Fahrräder", board.Filter{Q: "Fahrrad"}); err != nil {
			t.Fatal(err)
		}
		digest := func() {
			t.Helper()
			e.Clock.Advance(time.Minute)
			post(t, e.Env, poster, rDraft(board.Offer, "goods.bicycles", "Fahrrad "+e.Clock.Now().Format("15:04")))
			e.Clock.Advance(24 * time.Hour)
			if err := e.P.App.Jobs.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		on := func() bool {
			t.Helper()
			list, err := e.Board.SavedSearches(ctx, owner.ID)
			if err != nil || len(list) != 1 {
				t.Fatalf("saved searches: %v %d", err, len(list))
			}
			return list[0].Digest
		}

		digest()
		m := e.MailTo(t, owner.Email)
		link := m.FirstURL(e.URL + "/searches/unsubscribe/")
		if link == "" {
			t.Fatalf("no unsubscribe link:\n%s", m.Text)
		}
		if got := m.Header.Get("List-Unsubscribe"); got != "<"+link+">" {
			t.Errorf("List-Unsubscribe %q, want <%s>", got, link)
		}
		if got := m.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
			t.Errorf("List-Unsubscribe-Post %q", got)
		}

		// Opening the link asks and changes nothing.
		visitor := e.Client(t)
		path := strings.TrimPrefix(link, e.URL)
		for range 2 {
			res := visitor.Get(path)
			apptest.WantStatus(t, "open the link", res.Status, http.StatusOK, res.Body)
			apptest.Contains(t, "the link's page", res.Body, `<form method="post" action="`+path+`"`, "Fahrräder")
		}
		if !on() {
			t.Fatal("opening the link stopped the mails")
		}

		// The mail program's one-click POST stops them.
		res, err := http.Post(link, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || on() {
			t.Fatalf("one-click unsubscribe: %d, digest on: %v", res.StatusCode, on())
		}

		// The page's buttons turn them on and off again.
		res2 := visitor.Post(path, url.Values{"digest": {"on"}})
		apptest.WantStatus(t, "resume", res2.Status, http.StatusOK, res2.Body)
		if !on() {
			t.Error("the resume button did not resume")
		}
		res2 = visitor.Post(path, url.Values{"digest": {"off"}})
		apptest.WantStatus(t, "stop", res2.Status, http.StatusOK, res2.Body)
		apptest.Contains(t, "stopped page", res2.Body, "Keine E-Mails mehr")
		if on() {
			t.Error("the stop button did not stop")
		}
		if res := visitor.Post(path, url.Values{"digest": {"maybe"}}); res.Status != http.StatusUnprocessableEntity || on() {
			t.Errorf("an unknown choice: %d, digest on: %v", res.Status, on())
		}
	})
}
