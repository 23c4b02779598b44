package conversation

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/mail"
)

// notify tells the recipients about a new message, each in their
// language, inside tx. Who chose "only a link" (the default) gets one mail
// when something new arrives and no more until they have read it; who
// chose the text gets every message. Mails never carry contact details:
// at most the author's display name, the subject and the message itself.
func (m *Module) notify(ctx context.Context, tx *sql.Tx, c *Conversation, msg *Message, recipients []string) error {
	var author string
	for _, to := range recipients {
		contact, err := m.accounts.ContactByID(ctx, to)
		if apperr.Is(err, apperr.NotFound) {
			continue // deleted or suspended
		}
		if err != nil {
			return err
		}
		withText, err := mailText(ctx, tx, to)
		if err != nil {
			return err
		}
		if !withText {
			told, err := unreadBefore(ctx, tx, c.ID, to, msg.Seq)
			if err != nil {
				return err
			}
			if told {
				continue
			}
		}
		l := m.s.Catalog.Localizer(contact.Lang)
		body := mail.Body{
			Greeting: l.T("conversation.mail.greeting", "Name", contact.Name),
			Action:   &mail.Action{Label: l.T("conversation.mail.action"), URL: m.s.BaseURL + "/conversations/" + c.ID},
			Footer:   l.T("conversation.mail.footer", "URL", m.s.BaseURL+"/conversations"),
			Dir:      l.Dir(),
		}
		subject := l.T("conversation.mail.subject")
		if withText {
			if author == "" {
				names, err := m.accounts.Names(ctx, []string{msg.AuthorID})
				if err != nil {
					return err
				}
				author = names[msg.AuthorID]
			}
			name := author
			if name == "" {
				name = l.T("conversation.deleted_person")
			}
			subject = l.T("conversation.mail.subject_from", "Name", name)
			intro := l.T("conversation.mail.text_intro", "Name", name)
			if c.About.Title != "" {
				intro = l.T("conversation.mail.text_intro_about", "Name", name, "Title", c.About.Title)
			}
			body.Paragraphs = []string{intro, msg.Body}
		} else {
			body.Paragraphs = []string{l.T("conversation.mail.link_only")}
		}
		if err := mail.Enqueue(ctx, tx, mail.Message{To: contact.Email, Lang: l.Lang(), Subject: subject, Body: body}, msg.CreatedAt); err != nil {
			return err
		}
	}
	return nil
}
