package board

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/ids"
)

// demoResponses are the demo's responses to the demo listings (by their
// handles in demo.Listings): some waiting, some accepted with a reply in
// the conversation, one declined, and on fulfilled listings the notes of
// thanks of both sides.
var demoResponses = []struct {
	listing, user, org string
	body               string
	status             ResponseStatus
	reply              string // the poster's answer in the conversation
	thanks             []demoThanks
}{
	{listing: "winter_jackets", user: "mso_tr", org: "mso_tr", status: ResponseAccepted,
		body:  "Unser Verein hat im Herbst Winterjacken gesammelt, auch in den Größen 116 bis 140. Wir können fünf Stück vorbeibringen.",
		reply: "Wunderbar, vielen Dank! Passt euch Donnerstagnachmittag in der Unterkunft?",
		thanks: []demoThanks{
			{"volunteer", "Danke an den Kulturverein – alle Kinder hatten rechtzeitig zum ersten Schnee eine warme Jacke!"},
			{"mso_tr", "Gern geschehen, es war schön, die Familien kennenzulernen."},
		}},
	{listing: "stroller_offer", user: "newcomer_ar", status: ResponseAccepted,
		body:  "مرحبًا، نحن ننتظر طفلًا في الشهر القادم. هل ما زالت عربة الأطفال متاحة؟ Vielen Dank!",
		reply: "Ja, sehr gern! Ich kann den Kinderwagen am Samstag nach Fuldatal bringen.",
		thanks: []demoThanks{
			{"newcomer_ar", "شكرًا جزيلًا يا يوناس! العربة رائعة وابنتنا تحبها."},
			{"volunteer", "Alles Gute für eure Familie!"},
		}},
	{listing: "ukrainian_moving", user: "volunteer", status: ResponseAccepted,
		body:  "Hallo Olena, ich kann am Umzugstag mit einem Freund zwei Stunden beim Tragen helfen.",
		reply: "Дякую! Ми будемо вдома з 10 години. Danke!",
		thanks: []demoThanks{
			{"newcomer_uk", "Щиро дякую Йонасу та його другові! Шафа і диван вже в новій квартирі."},
		}},
	{listing: "english_desk", user: "newcomer_fa", status: ResponseAccepted,
		body:  "Hello, I am studying for my German B2 exam and would be very happy about a desk. I speak a little German too.",
		reply: "Great, one desk is yours. You can pick it up in Harleshausen on Friday.",
		thanks: []demoThanks{
			{"newcomer_fa", "خیلی ممنون! حالا یک جای خوب برای درس خواندن دارم."},
		}},
	{listing: "german_tandem", user: "newcomer_fa", status: ResponsePending,
		body: "سلام! Ich möchte mein Deutsch verbessern und kann dafür Farsi oder Dari beibringen. Hätten Sie dienstags Zeit?"},
	{listing: "homework_volunteers", user: "mso_tr", org: "mso_tr", status: ResponseAccepted,
		body:  "Zwei Mitglieder unseres Vereins können mittwochs Hausaufgabenhilfe geben, auch auf Türkisch.",
		reply: "Das ist eine große Hilfe! Ich schicke euch die Adresse der Schule."},
	{listing: "farsi_bicycle_request", user: "volunteer", status: ResponsePending,
		body: "Hallo Reza, ich habe ein Damenrad und ein Herrenrad abzugeben. Welche Größe brauchst du?"},
	{listing: "arabic_job_application", user: "company", status: ResponsePending,
		body: "Hi Amal, I do CV checks for our apprentices every month and would be glad to look at yours."},
	{listing: "welcome_cafe", user: "newcomer_uk", status: ResponseAccepted,
		body:  "Добрий день! Ich backe gern Kuchen für das Café, zum Beispiel Medovyk, einen ukrainischen Honigkuchen.",
		reply: "Medovyk klingt herrlich! Wir freuen uns sehr."},
	{listing: "laptop_request", user: "volunteer", status: ResponseDeclined,
		body: "Ich hätte einen zehn Jahre alten Laptop, der langsam, aber noch funktionsfähig ist."},
}

type demoThanks struct{ user, text string }

// seedResponses adds the demo responses, conversations and notes of
// thanks; the board's SeedDemo calls it after posting the demo listings.
// Responses to listings that the demo shows as already fulfilled are
// written as they were before the listing closed.
func (m *Module) seedResponses(ctx context.Context, demo *app.Demo) error {
	for _, d := range demoResponses {
		listingID, ok := demo.Listings[d.listing]
		if !ok {
			return fmt.Errorf("no demo listing %q", d.listing)
		}
		userID, ok := demo.Users[d.user]
		if !ok {
			return fmt.Errorf("no demo user %q", d.user)
		}
		orgID := ""
		if d.org != "" {
			if orgID, ok = demo.Orgs[d.org]; !ok {
				return fmt.Errorf("no demo organisation %q", d.org)
			}
		}
		l, err := getListing(ctx, m.s.DB, listingID)
		if err != nil {
			return err
		}
		// A day after the listing was posted, decided two hours later.
		at := l.CreatedAt.Add(24 * time.Hour)
		r := &Response{ID: ids.New(), ListingID: l.ID, ResponderID: userID, ResponderOrgID: orgID, Status: d.status, CreatedAt: at}
		err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
			convID, err := m.conversations.Start(ctx, tx, aboutListing(l), conversation.Participant{UserID: userID, OrgID: orgID},
				[]conversation.Participant{{UserID: l.PosterID, OrgID: l.OrganizationID}}, d.body)
			if err != nil {
				return err
			}
			r.ConversationID = convID
			if err := insertResponse(ctx, tx, r); err != nil {
				return err
			}
			if d.status != ResponsePending {
				decided := at.Add(2 * time.Hour)
				if _, err := tx.ExecContext(ctx, "UPDATE listing_responses SET decided_at = $1 WHERE id = $2", decided, r.ID); err != nil {
					return err
				}
			}
			if l.Status != Open {
				// The demo's closed listings closed long ago: nobody is
				// told again.
				if _, err := tx.ExecContext(ctx, "UPDATE listing_responses SET closed_notice_at = $1 WHERE id = $2",
					l.ClosedAt, r.ID); err != nil {
					return err
				}
			}
			if d.status == ResponseAccepted {
				if err := m.conversations.EnableContactSharing(ctx, tx, convID); err != nil {
					return err
				}
			}
			for i, th := range d.thanks {
				author, ok := demo.Users[th.user]
				if !ok {
					return fmt.Errorf("no demo user %q", th.user)
				}
				t := &Thanks{ListingID: l.ID, AuthorID: author, Text: th.text, CreatedAt: at.Add(time.Duration(48+i) * time.Hour)}
				if err := upsertThanks(ctx, tx, t); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("demo response to %s: %w", d.listing, err)
		}
		if d.reply != "" {
			if _, err := m.conversations.Post(ctx, r.ConversationID, l.PosterID, d.reply); err != nil {
				return fmt.Errorf("demo reply on %s: %w", d.listing, err)
			}
		}
	}
	return m.seedSavedSearches(ctx, demo)
}

// seedSavedSearches saves two searches of demo people, five weeks ago:
// the first run of the digest job mails them what is new since.
func (m *Module) seedSavedSearches(ctx context.Context, demo *app.Demo) error {
	saved := m.s.Clock.Now().Add(-35 * 24 * time.Hour)
	for _, s := range []struct {
		user, lang string
		filter     Filter
	}{
		{"newcomer_fa", "fa", Filter{Kind: Offer, Category: "goods"}},
		{"volunteer", "de", Filter{Kind: Request, Category: "german_lessons", Near: "Kassel"}},
	} {
		userID, ok := demo.Users[s.user]
		if !ok {
			return fmt.Errorf("no demo user %q", s.user)
		}
		ss, err := m.SaveSearch(ctx, &auth.Identity{UserID: userID, Lang: s.lang, Role: auth.Member}, "", s.filter)
		if err != nil {
			return err
		}
		if _, err := m.s.DB.ExecContext(ctx, "UPDATE saved_searches SET created_at = $1 WHERE id = $2", saved, ss.ID); err != nil {
			return err
		}
	}
	return nil
}
