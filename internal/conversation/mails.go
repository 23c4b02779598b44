package conversation

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/notify"
)

// notify tells the recipients about a new message, each in their
// language, inside tx. Who chose "only a link" (the default) gets one mail
// when something new arrives and no more until they have read it; who
// chose the text gets every message. Mails never carry contact details:
// at most the author's display name, the subject and the message itself.
func (m *Module) notify(ctx context.Context, tx *sql.Tx, c *Conversation, msg *Message, recipients []string) error {
	var author any // the author's name, looked up once
	for _, to := range recipients {
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
		x := notify.Notice{Kind: newMessage, Item: notify.Item{Type: "conversation", ID: c.ID},
			Link: "/conversations/" + c.ID, To: []string{to},
			Mail: notify.Mail{Args: []any{"URL", m.s.BaseURL + "/conversations"}}}
		if withText {
			if author == nil {
				if author, err = m.authorName(ctx, tx, c.ID, msg.AuthorID); err != nil {
					return err
				}
			}
			x.Kind = newMessageText
			if c.About.Title != "" {
				x.Kind, x.Params = newMessageTextAbout, []any{"Title", c.About.Title}
			}
			x.Mail.Args = append(x.Mail.Args, "Name", author)
			x.Mail.Text = []string{msg.Body}
		}
		if err := m.s.Notify.Send(ctx, tx, x, msg.CreatedAt); err != nil {
			return err
		}
	}
	return nil
}

// authorName is the name a mail gives the author: a deleted person, and
// one who takes part anonymously, is named so in each reader's language.
func (m *Module) authorName(ctx context.Context, tx *sql.Tx, convID, userID string) (any, error) {
	if anonymous, err := anonymousIn(ctx, tx, convID, userID); err != nil || anonymous {
		return notify.Translated("conversation.anonymous"), err
	}
	names, err := m.accounts.Names(ctx, []string{userID})
	if err != nil {
		return nil, err
	}
	if name := names[userID]; name != "" {
		return name, nil
	}
	return notify.Translated("conversation.deleted_person"), nil
}

// The notices of a new message: only a link, or the message itself with
// its author's name, introduced with the conversation's subject if it has
// one. Their inbox line never names the author.
var (
	newMessage          = messageKind("message", "subject", "link_only")
	newMessageText      = messageKind("message_text", "subject_from", "text_intro")
	newMessageTextAbout = messageKind("message_text_about", "subject_from", "text_intro_about")
)

func messageKind(name, subject, body string) notify.Kind {
	return notify.Kind{
		Name:     "conversation/" + name,
		Subject:  "conversation.mail." + subject,
		Line:     "conversation.mail.subject",
		Greeting: "conversation.mail.greeting",
		Body:     []string{"conversation.mail." + body},
		Action:   "conversation.mail.action",
		Footer:   "conversation.mail.footer",
	}
}

// NotifyKinds are the notices the module sends.
func (m *Module) NotifyKinds() []notify.Kind {
	return []notify.Kind{newMessage, newMessageText, newMessageTextAbout}
}
