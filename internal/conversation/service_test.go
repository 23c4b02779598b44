package conversation_test

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/moderation"
)

func TestStartPostUnreadAndRead(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben, carl := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de"), e.newPerson(t, "Carl", "de")

		convID := e.start(t, sofa, anna, "  Hallo Ben,\r\nist das Sofa noch da?  ", part(ben))
		if ok, _ := e.Conv.CanSee(ctx, convID, ben.ID); !ok {
			t.Fatal("the recipient cannot see the conversation")
		}
		if got := []int{e.unread(t, anna), e.unread(t, ben), e.unread(t, carl)}; got[0] != 0 || got[1] != 1 || got[2] != 0 {
			t.Errorf("unread anna, ben, carl = %v, want 0 1 0", got)
		}
		th, err := e.Conv.Read(ctx, convID, ben.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(th.Messages) != 1 || th.Messages[0].Body != "Hallo Ben,\nist das Sofa noch da?" || th.Messages[0].AuthorName != "Anna" ||
			th.Messages[0].Seq != 1 || th.ReadSeq != 0 || len(th.Members) != 2 || th.Self == nil || !th.CanWrite {
			t.Errorf("thread for ben: %+v, first message %+v", th, th.Messages[0])
		}
		if th.Conversation.About != sofa {
			t.Errorf("about %+v", th.Conversation.About)
		}
		// Reading alone does not mark; opening (MarkRead) does.
		if e.unread(t, ben) != 1 {
			t.Error("Read marked the conversation as read")
		}
		if err := e.Conv.MarkRead(ctx, convID, ben.ID); err != nil {
			t.Fatal(err)
		}
		if e.unread(t, ben) != 0 {
			t.Error("still unread after opening")
		}

		// Two messages by the same author arrive at the same instant: the
		// sequence keeps them apart.
		e.post(t, convID, ben, "Ja, du kannst es Samstag abholen.")
		e.post(t, convID, ben, "Ab 10 Uhr.")
		list, _, err := e.Conv.List(ctx, anna.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Unread != 2 || list[0].Messages != 3 || len(list[0].With) != 1 || list[0].With[0].Name != "Ben" {
			t.Errorf("anna's list: %+v", list)
		}
		if err := e.Conv.MarkRead(ctx, convID, anna.ID); err != nil {
			t.Fatal(err)
		}
		e.post(t, convID, ben, "Bis dann!")
		if e.unread(t, anna) != 1 {
			t.Error("a message after reading is not unread")
		}
		th, _ = e.Conv.Read(ctx, convID, anna.ID, 0)
		if th.ReadSeq != 3 || len(th.Messages) != 4 {
			t.Errorf("read mark %d, %d messages", th.ReadSeq, len(th.Messages))
		}

		// Newest activity first; ForAbout finds one thing's conversations.
		e.Clock.Advance(time.Minute)
		other := e.start(t, conversation.About{}, carl, "Hallo Anna!", part(anna))
		list, more, _ := e.Conv.List(ctx, anna.ID, 1)
		if len(list) != 2 || list[0].ID != other || list[1].ID != convID || more {
			t.Errorf("order: %+v", list)
		}
		found, err := e.Conv.ForAbout(ctx, "listing", sofa.ID, anna.ID)
		if err != nil || len(found) != 1 || found[0].ID != convID {
			t.Errorf("ForAbout: %v %+v", err, found)
		}
		if found, _ := e.Conv.ForAbout(ctx, "listing", sofa.ID, carl.ID); len(found) != 0 {
			t.Errorf("carl finds %+v", found)
		}

		// A stranger neither sees nor writes nor finds it.
		if ok, err := e.Conv.CanSee(ctx, convID, carl.ID); ok || err != nil {
			t.Errorf("stranger sees: %v %v", ok, err)
		}
		if _, err := e.Conv.Read(ctx, convID, carl.ID, 0); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("stranger reads: %v", err)
		}
		if _, err := e.Conv.Post(ctx, convID, carl.ID, "Ich auch!"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("stranger posts: %v", err)
		}
		if list, _, _ := e.Conv.List(ctx, carl.ID, 1); len(list) != 1 || list[0].ID != other {
			t.Errorf("stranger's list: %+v", list)
		}
		for _, bad := range []string{"nope", ids.New()} {
			if ok, err := e.Conv.CanSee(ctx, bad, anna.ID); ok || err != nil {
				t.Errorf("CanSee(%s): %v %v", bad, ok, err)
			}
		}
	})
}

func TestInputChecks(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de")
		for _, body := range []string{"", " \n\t ", strings.Repeat("ä", conversation.MaxBody+1)} {
			_, err := e.tryStart(sofa, part(anna), []conversation.Participant{part(ben)}, body)
			if e := apperr.As(err); e.Code != apperr.Invalid || e.Fields["body"] == "" {
				t.Errorf("start with %d characters: %v", len(body), err)
			}
		}
		if _, err := e.tryStart(conversation.About{Kind: "listing", URL: "https://elsewhere.example/x"}, part(anna),
			[]conversation.Participant{part(ben)}, "Hallo"); err == nil {
			t.Error("an about pointing to another site was accepted")
		}
		if _, err := e.tryStart(sofa, part(anna), []conversation.Participant{part(anna)}, "Hallo"); err == nil {
			t.Error("a conversation with oneself was started")
		}
		if _, err := e.tryStart(sofa, part(anna), []conversation.Participant{{UserID: "x"}}, "Hallo"); err == nil {
			t.Error("an invalid participant was accepted")
		}
		var n int
		e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM conversations").Scan(&n)
		if n != 0 {
			t.Errorf("%d conversations after refusals", n)
		}

		long := conversation.About{Kind: "listing", ID: "1", Title: strings.Repeat("Sofa ", 100)}
		convID := e.start(t, long, anna, strings.Repeat("ä", conversation.MaxBody), part(ben))
		th, _ := e.Conv.Read(ctx, convID, anna.ID, 0)
		if n := len([]rune(th.Conversation.About.Title)); n != 200 {
			t.Errorf("title shortened to %d characters", n)
		}
		if _, err := e.Conv.Post(ctx, convID, ben.ID, strings.Repeat("x", conversation.MaxBody+1)); apperr.As(err).Fields["body"] != "conversation.body.too_long" {
			t.Errorf("overlong post: %v", err)
		}
	})
}

func TestOrganisationMembersSeeTheirConversations(t *testing.T) {
	for _, d := range dbtest.Dialects {
		for _, lister := range []bool{true, false} {
			name := string(d) + "/lister"
			if !lister {
				name = string(d) + "/asking"
			}
			t.Run(name, func(t *testing.T) {
				e := newEnv(t, d, lister)
				sabine, olena, jonas, eva, stranger := e.newPerson(t, "Sabine", "de"), e.newPerson(t, "Olena", "uk"),
					e.newPerson(t, "Jonas", "de"), e.newPerson(t, "Eva", "de"), e.newPerson(t, "Fremd", "de")
				org := e.newOrg(t, sabine, "Freiwilligenzentrum")
				e.Join(t, sabine, jonas, org)
				e.Join(t, sabine, eva, org)
				e.newOrg(t, stranger, "Andere Initiative")

				convID := e.start(t, sofa, olena, "Ich möchte helfen.", conversation.Participant{UserID: sabine.ID, OrgID: org})
				for _, p := range []*apptest.Person{sabine, jonas, eva} {
					if ok, _ := e.Conv.CanSee(ctx, convID, p.ID); !ok {
						t.Errorf("%s of the organisation cannot see it", p.Name)
					}
					if n := e.unread(t, p); n != 1 {
						t.Errorf("%s: %d unread", p.Name, n)
					}
					if list, _, _ := e.Conv.List(ctx, p.ID, 1); len(list) != 1 || list[0].ID != convID {
						t.Errorf("%s's list: %+v", p.Name, list)
					}
				}
				if ok, _ := e.Conv.CanSee(ctx, convID, stranger.ID); ok {
					t.Error("a member of another organisation sees it")
				}
				if list, _, _ := e.Conv.List(ctx, stranger.ID, 1); len(list) != 0 {
					t.Errorf("stranger's list: %+v", list)
				}

				// Jonas reads it for the organisation; Sabine's mark is her own.
				th, err := e.Conv.Read(ctx, convID, jonas.ID, 0)
				if err != nil || th.Self != nil {
					t.Fatalf("jonas reads: %v %+v", err, th)
				}
				if err := e.Conv.MarkRead(ctx, convID, jonas.ID); err != nil {
					t.Fatal(err)
				}
				if e.unread(t, jonas) != 0 || e.unread(t, sabine) != 1 {
					t.Error("read marks are not per person")
				}
				// Jonas answers and so takes part for the organisation.
				e.post(t, convID, jonas, "Schön! Komm am Dienstag vorbei.")
				th, _ = e.Conv.Read(ctx, convID, olena.ID, 0)
				if len(th.Members) != 3 || th.Members[2].UserID != jonas.ID || th.Members[2].OrgID != org {
					t.Errorf("members after jonas wrote: %+v", th.Members)
				}
				if e.unread(t, olena) != 1 {
					t.Error("olena has no unread answer")
				}
				// Eva leaves the organisation and with it the conversation;
				// so does Jonas, who wrote for it: what he wrote stays, he
				// reads and hears nothing more of it.
				if err := e.Orgs.Leave(ctx, eva.ID, org); err != nil {
					t.Fatal(err)
				}
				if err := e.Orgs.Leave(ctx, jonas.ID, org); err != nil {
					t.Fatal(err)
				}
				for _, p := range []*apptest.Person{eva, jonas} {
					if ok, _ := e.Conv.CanSee(ctx, convID, p.ID); ok {
						t.Errorf("%s still sees it after leaving", p.Name)
					}
					if list, _, _ := e.Conv.List(ctx, p.ID, 1); len(list) != 0 {
						t.Errorf("%s's list after leaving: %+v", p.Name, list)
					}
					if _, err := e.Conv.Post(ctx, convID, p.ID, "Noch da?"); !apperr.Is(err, apperr.NotFound) {
						t.Errorf("%s writes after leaving: %v", p.Name, err)
					}
				}
				mails := e.MailCount(t, jonas.Email)
				e.post(t, convID, olena, "Dienstag passt.")
				if n := e.MailCount(t, jonas.Email); n != mails {
					t.Errorf("jonas was mailed after leaving: %d mails, %d before", n, mails)
				}
				if e.unread(t, jonas) != 0 {
					t.Error("jonas counts unread messages after leaving")
				}
				th, _ = e.Conv.Read(ctx, convID, olena.ID, 0)
				if len(th.Members) != 2 || len(th.Messages) != 3 || th.Messages[1].AuthorName != "Jonas" {
					t.Errorf("after jonas left: members %+v, messages %d", th.Members, len(th.Messages))
				}
				if ok, _ := e.Conv.CanSee(ctx, convID, sabine.ID); !ok {
					t.Error("sabine, still a member, lost it")
				}
			})
		}
	}
}

func TestBlocking(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben, carl := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de"), e.newPerson(t, "Carl", "de")
		convID := e.start(t, sofa, anna, "Hallo", part(ben))
		group := e.start(t, sofa, carl, "Hallo zusammen", part(anna), part(ben))

		if err := e.Conv.Block(ctx, anna.ID, ben.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Conv.Block(ctx, anna.ID, ben.ID); err != nil {
			t.Errorf("blocking twice: %v", err)
		}
		for _, pair := range [][2]*apptest.Person{{anna, ben}, {ben, anna}} {
			if b, _ := e.Conv.Blocked(ctx, pair[0].ID, pair[1].ID); !b {
				t.Errorf("Blocked(%s, %s) is false", pair[0].Name, pair[1].Name)
			}
			_, err := e.tryStart(sofa, part(pair[0]), []conversation.Participant{part(pair[1])}, "Hallo?")
			if !apperr.Is(err, apperr.Forbidden) || apperr.MessageID(err) != "conversation.blocked" {
				t.Errorf("%s starts with %s: %v", pair[0].Name, pair[1].Name, err)
			}
			for _, c := range []string{convID, group} {
				if _, err := e.Conv.Post(ctx, c, pair[0].ID, "Hallo?"); apperr.MessageID(err) != "conversation.blocked" {
					t.Errorf("%s posts: %v", pair[0].Name, err)
				}
			}
		}
		// A group with both in it cannot start either; carl may still write.
		if _, err := e.tryStart(sofa, part(carl), []conversation.Participant{part(anna), part(ben)}, "Neu"); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("group start: %v", err)
		}
		e.post(t, group, carl, "Ich schreibe weiter.")
		if b, _ := e.Conv.Blocked(ctx, anna.ID, carl.ID); b {
			t.Error("anna and carl are blocked")
		}
		th, _ := e.Conv.Read(ctx, convID, ben.ID, 0)
		if th.CanWrite || len(th.BlockedByMe) != 0 {
			t.Errorf("ben's view: can write %v, blocked by him %v", th.CanWrite, th.BlockedByMe)
		}
		th, _ = e.Conv.Read(ctx, convID, anna.ID, 0)
		if th.CanWrite || !th.BlockedByMe[ben.ID] {
			t.Errorf("anna's view: can write %v, blocked by her %v", th.CanWrite, th.BlockedByMe)
		}
		blocks, _ := e.Conv.Blocks(ctx, anna.ID)
		if len(blocks) != 1 || blocks[0].UserID != ben.ID || blocks[0].Name != "Ben" {
			t.Errorf("anna's blocks: %+v", blocks)
		}
		// Only the one who blocked can lift it.
		if err := e.Conv.Unblock(ctx, ben.ID, anna.ID); err != nil {
			t.Fatal(err)
		}
		if b, _ := e.Conv.Blocked(ctx, anna.ID, ben.ID); !b {
			t.Error("ben lifted anna's block")
		}
		if err := e.Conv.Unblock(ctx, anna.ID, ben.ID); err != nil {
			t.Fatal(err)
		}
		e.post(t, convID, ben, "Danke!")

		if err := e.Conv.Block(ctx, anna.ID, anna.ID); apperr.MessageID(err) != "conversation.block.self" {
			t.Errorf("blocking oneself: %v", err)
		}
		if err := e.Conv.Block(ctx, anna.ID, ids.New()); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("blocking nobody: %v", err)
		}
	})
}

func TestContactSharing(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		sabine, olena, jonas, stranger := e.newPerson(t, "Sabine", "de"), e.newPerson(t, "Olena", "uk"),
			e.newPerson(t, "Jonas", "de"), e.newPerson(t, "Fremd", "de")
		org := e.newOrg(t, sabine, "Freiwilligenzentrum")
		e.Join(t, sabine, jonas, org)
		convID := e.start(t, sofa, olena, "Hallo", conversation.Participant{UserID: sabine.ID, OrgID: org})
		page := "/conversations/" + convID

		revealed := func(p *apptest.Person) []conversation.Contact {
			t.Helper()
			th, err := e.Conv.Read(ctx, convID, p.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			return th.Revealed
		}
		if err := e.Conv.ShareContact(ctx, convID, olena.ID, true); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("share before enabled: %v", err)
		}
		if res := olena.Web.Post(page+"/contact", apptest.Form("share", "1")); res.Status != 409 {
			t.Errorf("web share before enabled: %d", res.Status)
		}
		if err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error { return e.Conv.EnableContactSharing(ctx, tx, convID) }); err != nil {
			t.Fatal(err)
		}
		if err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error { return e.Conv.EnableContactSharing(ctx, tx, ids.New()) }); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("enable unknown: %v", err)
		}
		if err := e.Conv.ShareContact(ctx, convID, olena.ID, true); err != nil {
			t.Fatal(err)
		}
		if r := revealed(olena); len(r) != 0 {
			t.Errorf("revealed before everyone agreed: %+v", r)
		}
		body := sabine.Web.Get(page).Body
		if strings.Contains(body, olena.Email) || !strings.Contains(body, "Noch nicht zugestimmt: du.") {
			t.Errorf("sabine's page before she agreed:\n%s", section(body, "contact"))
		}
		// Only participants choose; the organisation's other member cannot.
		if err := e.Conv.ShareContact(ctx, convID, jonas.ID, true); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("org member shares: %v", err)
		}
		if err := e.Conv.ShareContact(ctx, convID, stranger.ID, true); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("stranger shares: %v", err)
		}
		if res := stranger.Web.Post(page+"/contact", apptest.Form("share", "1")); res.Status != 404 {
			t.Errorf("stranger web share: %d", res.Status)
		}
		res := sabine.Web.Post(page+"/contact", apptest.Form("share", "1"))
		if res.Status != 303 || res.Location() != page+"#contact" {
			t.Fatalf("sabine shares: %d %s", res.Status, res.Location())
		}
		if r := revealed(olena); len(r) != 1 || r[0].Email != sabine.Email || r[0].Name != "Sabine" {
			t.Errorf("olena sees %+v", r)
		}
		if r := revealed(sabine); len(r) != 1 || r[0].Email != olena.Email {
			t.Errorf("sabine sees %+v", r)
		}
		if r := revealed(jonas); len(r) != 2 {
			t.Errorf("the organisation's member sees %+v", r)
		}
		if body := olena.Web.Get(page).Body; !strings.Contains(body, `href="mailto:`+sabine.Email+`"`) || strings.Contains(body, `mailto:`+olena.Email) {
			t.Errorf("olena's page:\n%s", section(body, "contact"))
		}
		// Either one withdrawing hides both again.
		if res := olena.Web.Post(page+"/contact", apptest.Form("share", "0")); res.Status != 303 {
			t.Fatalf("olena withdraws: %d", res.Status)
		}
		if r := revealed(sabine); len(r) != 0 {
			t.Errorf("still revealed: %+v", r)
		}
		if body := sabine.Web.Get(page).Body; strings.Contains(body, olena.Email) {
			t.Error("address shown after withdrawal")
		}
	})
}

// section cuts the part of a page after an element id, for error output.
func section(body, id string) string {
	if i := strings.Index(body, `id="`+id+`"`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 1500 {
		body = body[:1500]
	}
	return body
}

func TestRateLimit(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de")
		convID := e.start(t, sofa, anna, "Hallo", part(ben))
		for i := range 30 {
			if _, err := e.Conv.Post(ctx, convID, anna.ID, "Nachricht"); err != nil {
				t.Fatalf("message %d: %v", i+1, err)
			}
		}
		if _, err := e.Conv.Post(ctx, convID, anna.ID, "Eine zu viel"); !apperr.Is(err, apperr.RateLimited) {
			t.Fatalf("31st message: %v", err)
		}
		// Others are not affected; the form keeps the text.
		e.post(t, convID, ben, "Ich darf noch.")
		res := anna.Web.Post("/conversations/"+convID+"/messages", apptest.Form("body", "Noch ein Gedanke"))
		if res.Status != 429 || !strings.Contains(res.Body, "Noch ein Gedanke</textarea>") || !strings.Contains(res.Body, `role="alert"`) {
			t.Errorf("web post over the limit: %d\n%s", res.Status, section(res.Body, "s-reply"))
		}
		e.Clock.Advance(10 * time.Minute)
		e.post(t, convID, anna, "Wieder da.")
	})
}

func TestDeletedAccount(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de")
		convID := e.start(t, sofa, anna, "Hallo Ben", part(ben))
		e.post(t, convID, ben, "Hallo Anna, hier Ben.")
		if err := e.Conv.Block(ctx, ben.ID, e.newPerson(t, "Carl", "de").ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Conv.SetMailText(ctx, ben.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := e.P.Accounts.Delete(ctx, ben.ID, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		th, err := e.Conv.Read(ctx, convID, anna.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if th.Messages[1].Body != "Hallo Anna, hier Ben." || th.Messages[1].AuthorName != "" || th.Members[1].Name != "" {
			t.Errorf("after deletion: %+v %+v", th.Messages[1], th.Members)
		}
		body := anna.Web.Get("/conversations/" + convID).Body
		if !strings.Contains(body, "<strong>gelöschte Person</strong>") || !strings.Contains(body, "Hallo Anna, hier Ben.") ||
			!strings.Contains(body, "In diesem Gespräch: gelöschte Person und du.") {
			t.Errorf("anna's page:\n%s", section(body, "s-messages"))
		}
		if strings.Contains(body, "/block/"+ben.ID) {
			t.Error("a deleted person can be blocked")
		}
		if body := anna.Web.Get("/conversations").Body; !strings.Contains(body, "Mit gelöschte Person") {
			t.Errorf("anna's list:\n%s", section(body, "main"))
		}
		var blocks, settings int
		e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM conversation_blocks WHERE blocker_id = $1", ben.ID).Scan(&blocks)
		e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM conversation_settings WHERE user_id = $1", ben.ID).Scan(&settings)
		if blocks != 0 || settings != 0 {
			t.Errorf("left after erasure: %d blocks, %d settings", blocks, settings)
		}
		// Writing on goes to nobody's mailbox.
		before := e.MailCount(t, ben.Email)
		e.post(t, convID, anna, "Schade.")
		if e.MailCount(t, ben.Email) != before {
			t.Error("a deleted account got mail")
		}
	})
}

func TestModerationHooks(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de")
		convID := e.start(t, sofa, anna, "Hallo", part(ben))
		bad := e.post(t, convID, ben, "Etwas Gemeines "+strings.Repeat("und noch mehr ", 30))
		tx := func(fn func(tx *sql.Tx) error) error { return e.P.DB.Tx(ctx, fn) }

		title, url, owner, excerpt, err := e.Conv.DescribeMessage(ctx, bad.ID)
		if err != nil || !strings.HasPrefix(title, "Etwas Gemeines und noch mehr") || len([]rune(title)) != 60 ||
			url != "/conversations/"+convID+"#m-"+bad.ID || owner != ben.ID ||
			!strings.HasPrefix(excerpt, "Etwas Gemeines") || len([]rune(excerpt)) != 400 {
			t.Errorf("describe: %q %q %q %q %v", title, url, owner, excerpt, err)
		}
		target := e.Conv.ModerationTargets()[0]
		item, err := target.Describe(ctx, bad.ID)
		if err != nil || target.Kind() != "message" || item.Title != title || item.URL != url || item.OwnerID != ben.ID || item.Excerpt != excerpt {
			t.Errorf("target describes %+v %v", item, err)
		}
		restricted := target.(moderation.Restricted)
		for _, c := range []struct {
			who  string
			want bool
		}{{anna.ID, true}, {ben.ID, true}, {e.newPerson(t, "Fremd", "de").ID, false}, {"", false}} {
			if ok, err := restricted.VisibleTo(ctx, c.who, bad.ID); ok != c.want || err != nil {
				t.Errorf("VisibleTo(%q) = %v %v", c.who, ok, err)
			}
		}
		if _, _, _, _, err := e.Conv.DescribeMessage(ctx, ids.New()); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("describe unknown: %v", err)
		}
		if err := tx(func(tx *sql.Tx) error { return target.SetHidden(ctx, tx, bad.ID, true) }); err != nil {
			t.Fatal(err)
		}
		if ok, _ := restricted.VisibleTo(ctx, anna.ID, bad.ID); ok {
			t.Error("a hidden message can be reported")
		}
		page := anna.Web.Get("/conversations/" + convID).Body
		if strings.Contains(page, "Etwas Gemeines") || !strings.Contains(page, "von der Moderation ausgeblendet") {
			t.Errorf("hidden message shown:\n%s", section(page, "m-"+bad.ID))
		}
		if _, _, _, ex, _ := e.Conv.DescribeMessage(ctx, bad.ID); !strings.HasPrefix(ex, "Etwas Gemeines") {
			t.Error("the moderation lost the hidden text")
		}
		if err := tx(func(tx *sql.Tx) error { return e.Conv.HideMessage(ctx, tx, bad.ID, false) }); err != nil {
			t.Fatal(err)
		}
		if page := anna.Web.Get("/conversations/" + convID).Body; !strings.Contains(page, "Etwas Gemeines") {
			t.Error("restored message not shown")
		}
		if err := tx(func(tx *sql.Tx) error { return target.Remove(ctx, tx, bad.ID) }); err != nil {
			t.Fatal(err)
		}
		if _, err := target.Describe(ctx, bad.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("a removed message is described: %v", err)
		}
		if err := tx(func(tx *sql.Tx) error { return e.Conv.HideMessage(ctx, tx, bad.ID, false) }); err != nil {
			t.Fatal(err)
		}
		var text string
		e.P.DB.QueryRowContext(ctx, "SELECT body FROM conversation_messages WHERE id = $1", bad.ID).Scan(&text)
		page = anna.Web.Get("/conversations/" + convID).Body
		if text != "" || strings.Contains(page, "Etwas Gemeines") || !strings.Contains(page, "von der Moderation entfernt") {
			t.Errorf("removed message: stored %q\n%s", text, section(page, "m-"+bad.ID))
		}
		if err := tx(func(tx *sql.Tx) error { return e.Conv.RemoveMessage(ctx, tx, "x") }); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("remove invalid id: %v", err)
		}
		if err := tx(func(tx *sql.Tx) error { return e.Conv.HideMessage(ctx, tx, ids.New(), true) }); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("hide unknown: %v", err)
		}
		// Moderated messages do not count as unread.
		if n := e.unread(t, anna); n != 0 {
			t.Errorf("anna has %d unread", n)
		}
	})
}

func TestAddParticipants(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		pledger, first, second, third := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "en"),
			e.newPerson(t, "Carl", "tr"), e.newPerson(t, "Dana", "uk")
		convID := e.start(t, conversation.About{Kind: "pledge", ID: "1", Title: "Zehn Fahrräder"}, pledger, "Willkommen!", part(first))
		err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error {
			return e.Conv.AddParticipants(ctx, tx, convID, []conversation.Participant{part(second), part(third), part(first)})
		})
		if err != nil {
			t.Fatal(err)
		}
		th, _ := e.Conv.Read(ctx, convID, third.ID, 0)
		if len(th.Members) != 4 || len(th.Messages) != 1 {
			t.Errorf("after adding: %d members, %d messages", len(th.Members), len(th.Messages))
		}
		if e.unread(t, third) != 0 || e.unread(t, first) != 1 {
			t.Error("newcomers should start with everything read, the first signer not")
		}
		e.post(t, convID, pledger, "Treffen am Samstag.")
		for _, p := range []*apptest.Person{first, second, third} {
			if e.unread(t, p) != 1 {
				t.Errorf("%s has no unread message", p.Name)
			}
		}
		if m := e.MailTo(t, third.Email); !strings.Contains(m.Subject, "Нове повідомлення") {
			t.Errorf("mail to the third signer: %q", m.Subject)
		}
		if m := e.MailTo(t, second.Email); !strings.Contains(m.Subject, "yeni mesaj") {
			t.Errorf("mail to the second signer: %q", m.Subject)
		}
		if err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error {
			return e.Conv.AddParticipants(ctx, tx, ids.New(), []conversation.Participant{part(second)})
		}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("add to unknown: %v", err)
		}
	})
}
