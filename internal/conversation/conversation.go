package conversation

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// Participant is a person in a conversation.
type Participant struct {
	UserID    string
	OrgID     string // optional: the person speaks for this organisation; its members see the conversation too
	Anonymous bool   // the others see no name (an anonymous supporter of a pledge)
}

// About is what a conversation is about, handed over by the module that
// opens it, e.g. {"listing", id, "Sofa to give away", "/listings/<id>"}.
// All fields may be empty for a conversation about nothing in particular.
type About struct{ Kind, ID, Title, URL string }

// Limits of what people and calling modules hand over.
const (
	MaxBody      = 4000 // characters of one message
	maxTitle     = 200
	maxKind      = 40
	maxAboutID   = 100
	maxURL       = 500
	titleRunes   = 60  // of a message named in the moderation queue
	excerptRunes = 400 // of a message shown to the moderation
)

// normalize trims the about and shortens an overlong title; a kind or URL
// that does not fit is a mistake of the calling module.
func (a About) normalize() (About, error) {
	a.Kind, a.ID, a.Title, a.URL = strings.TrimSpace(a.Kind), strings.TrimSpace(a.ID), strings.TrimSpace(a.Title), strings.TrimSpace(a.URL)
	a.Title = text.OneLine(a.Title)
	if utf8.RuneCountInString(a.Title) > maxTitle {
		a.Title = string([]rune(a.Title)[:maxTitle-1]) + "…"
	}
	if len(a.Kind) > maxKind || len(a.ID) > maxAboutID || len(a.URL) > maxURL {
		return a, apperr.Wrap(apperr.Internal, fmt.Errorf("conversation: about %+v too long", a))
	}
	if a.URL != "" && (!strings.HasPrefix(a.URL, "/") || strings.HasPrefix(a.URL, "//") || strings.HasPrefix(a.URL, "/\\")) {
		return a, apperr.Wrap(apperr.Internal, fmt.Errorf("conversation: about URL %q is not a local path", a.URL))
	}
	return a, nil
}

// cleanBody checks a message text: 1 to MaxBody characters after trimming,
// line ends as "\n". The error is tied to the form field "body".
func cleanBody(body string) (string, error) {
	body = text.MultiLine(body)
	if body == "" {
		return "", apperr.Field("body", "conversation.body.required")
	}
	if utf8.RuneCountInString(body) > MaxBody {
		return "", apperr.Field("body", "conversation.body.too_long")
	}
	return body, nil
}

// Conversation is one conversation.
type Conversation struct {
	ID             string
	About          About
	ContactSharing bool // the board (or another module) allowed sharing contact details
	LastSeq        int  // number of messages
	CreatedAt      time.Time
	LastMessageAt  time.Time
}

// Member is a participant as a conversation's page shows them.
type Member struct {
	UserID       string
	OrgID        string
	Name         string // "" for a deleted account, and for someone taking part anonymously
	Anonymous    bool   // takes part without a name: the others see none
	ShareContact bool
	JoinedAt     time.Time
}

// Message is one message.
type Message struct {
	ID             string
	ConversationID string
	Seq            int
	AuthorID       string
	AuthorName     string // "" for a deleted account or an anonymous author
	Anonymous      bool   // the author takes part anonymously
	Body           string // "" when hidden or removed by the moderation
	CreatedAt      time.Time
	Hidden         bool
	Removed        bool
}

// Lines splits the text at line breaks for display.
func (m *Message) Lines() []string { return strings.Split(m.Body, "\n") }

// Summary is one conversation in a person's list.
type Summary struct {
	ID            string
	About         About
	With          []Member // everybody taking part but the person asking
	Messages      int
	Unread        int // messages by others the person has not read yet
	LastMessageAt time.Time
}

// Contact is another participant's revealed e-mail address.
type Contact struct {
	UserID, Name, Email string
}

// Block is one person the asking person blocked.
type Block struct {
	UserID    string
	Name      string // "" for a deleted account
	CreatedAt time.Time
}

// validIDs reports whether every id is a UUID.
func validIDs(list ...string) bool {
	for _, id := range list {
		if !ids.Valid(id) {
			return false
		}
	}
	return true
}

// shorten makes a text one line of at most n characters.
func shorten(s string, n int) string {
	s = text.OneLine(s)
	if utf8.RuneCountInString(s) > n {
		return string([]rune(s)[:n-1]) + "…"
	}
	return s
}
