package board_test

import (
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/notify"
)

// TestResponseNotices: what happens to a response is told through the
// platform's notices: each person gets a record their inbox reads and a
// mail in their own language; the records go with the person's account,
// and with the words of a listing whose poster leaves.
func TestResponseNotices(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		notices := e.P.Services.Notify
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		amira := e.NewPersonLang(t, "amira", auth.Member, "ar")
		jonas := e.NewPersonLang(t, "jonas", auth.Member, "de")
		olena := e.NewPersonLang(t, "olena", auth.Member, "uk")
		l := post(t, e.Env, poster, rDraft(board.Offer, "goods.baby", "Kinderbett abzugeben"))
		accepted := e.respond(t, amira, l, "مرحبًا، أحتاجه لابنتي.")
		withdrawn := e.respond(t, jonas, l, "Ich hole es gern ab.")
		declined := e.respond(t, olena, l, "Можу забрати сьогодні.")
		if _, err := e.Board.Accept(ctx, poster.Identity(), l.ID, accepted.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Board.WithdrawResponse(ctx, jonas.Identity(), l.ID, withdrawn.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Board.Decline(ctx, poster.Identity(), l.ID, declined.ID); err != nil {
			t.Fatal(err)
		}

		conv := "/conversations/" + accepted.ConversationID
		lastMail := func(p *apptest.Person) apptest.Mail {
			t.Helper()
			mails := e.Outbox(t, p.Email)
			if len(mails) == 0 {
				t.Fatalf("no mail to %s", p.Email)
			}
			return mails[len(mails)-1]
		}
		m := lastMail(amira)
		wantAR := "مرحبًا Amira،\n\n" +
			"قبل Poster ردّك على «Kinderbett abzugeben».\n\n" +
			"يمكنكما الآن أن تقررا في المحادثة مشاركة بيانات الاتصال إن أردتما. وحتى ذلك الحين تنقل teilhabe رسائلكما.\n\n" +
			"فتح المحادثة: " + e.URL + conv + "\n\n" +
			"-- \nتصلك هذه الرسالة لأنك تستخدم السوق في teilhabe. لم يُعرض عنوان بريدك الإلكتروني على أحد.\n"
		if m.Lang != "ar" || m.Subject != "قُبل ردّك على «Kinderbett abzugeben»" || m.Text != wantAR {
			t.Errorf("Arabic mail: %q %q\n%s\nwant\n%s", m.Lang, m.Subject, m.Text, wantAR)
		}
		m = lastMail(poster)
		wantDE := "Hallo Poster,\n\n" +
			"Jonas hat die Rückmeldung zu deinem Eintrag „Kinderbett abzugeben“ zurückgezogen. Das Gespräch bleibt bestehen.\n\n" +
			"Zum Eintrag: " + e.URL + "/listings/" + l.ID + "\n\n" +
			"-- \nDu bekommst diese E-Mail, weil du den Marktplatz von teilhabe nutzt. Deine E-Mail-Adresse wurde niemandem gezeigt.\n"
		if m.Lang != "de" || m.Subject != "Eine Rückmeldung zu „Kinderbett abzugeben“ wurde zurückgezogen" || m.Text != wantDE {
			t.Errorf("German mail: %q %q\n%s\nwant\n%s", m.Lang, m.Subject, m.Text, wantDE)
		}

		// Each reads their own records; the inbox line is the subject in
		// the reader's language, and no record names the other person.
		boardRecords := func(p *apptest.Person) []notify.Record {
			t.Helper()
			all, err := notices.List(ctx, p.ID, 50)
			if err != nil {
				t.Fatal(err)
			}
			var out []notify.Record
			for _, r := range all {
				if r.UserID != p.ID {
					t.Errorf("%s reads a record of %s", p.Email, r.UserID)
				}
				if r.Item.Type == "listing" && r.Kind != "board/response_new" {
					out = append(out, r)
				}
			}
			return out
		}
		rs := boardRecords(amira)
		if len(rs) != 1 || rs[0].Kind != "board/response_accepted" || rs[0].Link != conv || rs[0].Item.ID != l.ID || !rs[0].Unread() {
			t.Fatalf("Amira's records: %+v", rs)
		}
		if line := notices.Line(e.P.Services.Catalog.Localizer("ar"), rs[0]); line != "قُبل ردّك على «Kinderbett abzugeben»" {
			t.Errorf("Amira's inbox line %q", line)
		}
		rs = boardRecords(poster)
		if len(rs) != 1 || rs[0].Kind != "board/response_withdrawn" || rs[0].Link != "/listings/"+l.ID {
			t.Fatalf("the poster's records: %+v", rs)
		}
		for _, v := range rs[0].Params {
			if v == "Jonas" {
				t.Errorf("the poster's record names the responder: %v", rs[0].Params)
			}
		}
		if rs := boardRecords(olena); len(rs) != 1 || rs[0].Kind != "board/response_declined" {
			t.Fatalf("Olena's records: %+v", rs)
		}
		if rs := boardRecords(jonas); len(rs) != 0 {
			t.Errorf("Jonas, who withdrew, has records: %+v", rs)
		}

		// Amira leaves: her records go, the others' stay.
		if err := e.P.Accounts.Delete(ctx, amira.ID, apptest.Password); err != nil {
			t.Fatal(err)
		}
		if rs, _ := notices.List(ctx, amira.ID, 50); len(rs) != 0 {
			t.Errorf("records of a deleted account: %+v", rs)
		}
		if len(boardRecords(olena)) != 1 {
			t.Error("Olena's record went with Amira's account")
		}
		// The poster leaves: the listing's words are erased, and so are the
		// records that quote them.
		if err := e.P.Accounts.Delete(ctx, poster.ID, apptest.Password); err != nil {
			t.Fatal(err)
		}
		if rs := boardRecords(olena); len(rs) != 0 {
			t.Errorf("records quoting an erased listing: %+v", rs)
		}
	})
}
