package conversation_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestExport(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben, carl := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de"), e.newPerson(t, "Carl", "de")
		convID := e.start(t, sofa, anna, "Hallo Ben, ist das Sofa noch da?", part(ben))
		e.post(t, convID, ben, "Ja, Ben hier.")
		if err := e.Conv.Block(ctx, anna.ID, carl.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Conv.SetMailText(ctx, anna.ID, true); err != nil {
			t.Fatal(err)
		}
		ex, err := e.P.Accounts.Export(ctx, anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(ex.Modules["conversation"])
		var got struct {
			Messages      []map[string]any `json:"messages"`
			Conversations []map[string]any `json:"conversations"`
			Blocked       []map[string]any `json:"blocked"`
			MailWithText  bool             `json:"notification_mails_with_text"`
		}
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if len(got.Messages) != 1 || got.Messages[0]["conversation_id"] != convID || !strings.Contains(text, `"body":"Hallo Ben, ist das Sofa noch da?"`) ||
			!strings.Contains(text, `"about":"Sofa zu verschenken"`) || strings.Contains(text, "Ben hier") {
			t.Errorf("messages in the export: %s", text)
		}
		if len(got.Conversations) != 1 || got.Conversations[0]["conversation_id"] != convID || got.Conversations[0]["shares_contact_details"] != false {
			t.Errorf("conversations in the export: %v", got.Conversations)
		}
		if len(got.Blocked) != 1 || got.Blocked[0]["user_id"] != carl.ID || !got.MailWithText {
			t.Errorf("blocks and setting in the export: %s", text)
		}
	})
}
