package conversation

import (
	"context"
	"database/sql"
	"fmt"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/paging"
)

// errBlocked refuses a conversation between people of whom one blocked
// the other.
func errBlocked() error { return apperr.New(apperr.Forbidden, "conversation.blocked") }

// Start opens a conversation in the caller's transaction: from writes the
// first message to the people in to. It refuses (Forbidden,
// "conversation.blocked") when any two of them block each other, and an
// invalid first message with a field error on "body". The others get a
// notification mail in their language.
//
// Start writes only through tx: on SQLite the caller's transaction holds
// the one writer.
func (m *Module) Start(ctx context.Context, tx *sql.Tx, about About, from Participant, to []Participant, first string) (string, error) {
	return m.start(ctx, tx, about, from, to, first, true)
}

// StartTold is Start for a module that tells the others of the first
// message itself, in a notice of its own (the board's "someone responded
// to your listing"), so they are not told twice.
func (m *Module) StartTold(ctx context.Context, tx *sql.Tx, about About, from Participant, to []Participant, first string) (string, error) {
	return m.start(ctx, tx, about, from, to, first, false)
}

func (m *Module) start(ctx context.Context, tx *sql.Tx, about About, from Participant, to []Participant, first string,
	tell bool) (string, error) {
	about, err := about.normalize()
	if err != nil {
		return "", err
	}
	body, err := cleanBody(first)
	if err != nil {
		return "", err
	}
	people, err := distinct(append([]Participant{from}, to...))
	if err != nil {
		return "", err
	}
	if len(people) < 2 {
		return "", apperr.Wrap(apperr.Internal, fmt.Errorf("conversation: nobody to talk to"))
	}
	userIDs := make([]string, len(people))
	for i, p := range people {
		userIDs[i] = p.UserID
	}
	if blocked, err := anyBlocked(ctx, tx, userIDs); err != nil {
		return "", err
	} else if blocked {
		return "", errBlocked()
	}
	now := m.s.Clock.Now()
	c := &Conversation{ID: ids.New(), About: about, CreatedAt: now, LastMessageAt: now}
	if err := insertConversation(ctx, tx, c); err != nil {
		return "", err
	}
	for _, p := range people {
		if _, err := insertParticipant(ctx, tx, c.ID, p, now); err != nil {
			return "", err
		}
	}
	msg, err := m.append(ctx, tx, c, from.UserID, body)
	if err != nil {
		return "", err
	}
	if !tell {
		return c.ID, nil
	}
	var recipients []string
	for _, p := range people[1:] {
		if m.current(ctx, p.UserID, p.OrgID) {
			recipients = append(recipients, p.UserID)
		}
	}
	return c.ID, m.notify(ctx, tx, c, msg, recipients)
}

// current reports whether a participation still holds: one's own always,
// one for an organisation only while the person belongs to it. Who left an
// organisation or was removed from it leaves its conversations with it.
func (m *Module) current(ctx context.Context, userID, orgID string) bool {
	return orgID == "" || m.orgs == nil || m.orgs(ctx, orgID, userID)
}

// present drops the participations that no longer hold.
func (m *Module) present(ctx context.Context, members []Member) []Member {
	out := members[:0:0]
	for _, p := range members {
		if m.current(ctx, p.UserID, p.OrgID) {
			out = append(out, p)
		}
	}
	return out
}

// distinct checks the ids and drops repeated people (the first mention
// wins).
func distinct(ps []Participant) ([]Participant, error) {
	seen := map[string]bool{}
	var out []Participant
	for _, p := range ps {
		if !ids.Valid(p.UserID) || (p.OrgID != "" && !ids.Valid(p.OrgID)) {
			return nil, apperr.Wrap(apperr.Internal, fmt.Errorf("conversation: invalid participant %+v", p))
		}
		if !seen[p.UserID] {
			seen[p.UserID] = true
			out = append(out, p)
		}
	}
	return out, nil
}

// append stores a message from author as the conversation's next one and
// counts it as read by its author.
func (m *Module) append(ctx context.Context, tx *sql.Tx, c *Conversation, authorID, body string) (*Message, error) {
	now := m.s.Clock.Now()
	seq, err := nextSeq(ctx, tx, c.ID, now)
	if err != nil {
		return nil, err
	}
	msg := &Message{ID: ids.New(), ConversationID: c.ID, Seq: seq, AuthorID: authorID, Body: body, CreatedAt: now}
	if err := insertMessage(ctx, tx, msg); err != nil {
		return nil, err
	}
	c.LastSeq, c.LastMessageAt = seq, now
	return msg, markRead(ctx, tx, c.ID, authorID, seq, now)
}

// access is what a person may do with a conversation.
type access struct {
	conv    *Conversation
	members []Member
	self    *Member // the person's own participation; nil when they see it through an organisation
	orgID   string  // the organisation through which a non-participant sees it
}

// others lists the user ids of everybody taking part but the person.
func (a *access) others(userID string) []string {
	var out []string
	for _, p := range a.members {
		if p.UserID != userID {
			out = append(out, p.UserID)
		}
	}
	return out
}

// access loads a conversation for a person who may see it: a participant,
// or a member of an organisation a participant speaks for. Everybody else
// gets NotFound, as for a conversation that does not exist.
func (m *Module) access(ctx context.Context, q db.Querier, convID, userID string) (*access, error) {
	if !ids.Valid(userID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	c, err := conversationByID(ctx, q, convID)
	if err != nil {
		return nil, err
	}
	all, err := participants(ctx, q, c.ID)
	if err != nil {
		return nil, err
	}
	members := m.present(ctx, all)
	a := &access{conv: c, members: members}
	for i := range members {
		if members[i].UserID == userID {
			a.self = &members[i]
			return a, nil
		}
	}
	if m.orgs != nil {
		// An organisation keeps its place when the person who spoke for
		// it left: its members now see the conversation.
		asked := map[string]bool{}
		for _, p := range all {
			if p.OrgID == "" || asked[p.OrgID] {
				continue
			}
			asked[p.OrgID] = true
			if m.orgs(ctx, p.OrgID, userID) {
				a.orgID = p.OrgID
				return a, nil
			}
		}
	}
	return nil, apperr.New(apperr.NotFound, "")
}

// CanSee reports whether the person may read the conversation.
func (m *Module) CanSee(ctx context.Context, convID, userID string) (bool, error) {
	_, err := m.access(ctx, m.s.DB, convID, userID)
	if apperr.Is(err, apperr.NotFound) {
		return false, nil
	}
	return err == nil, err
}

// Post adds a message by author: participants and members of a
// participant's organisation may write (the latter then take part
// themselves, for the organisation). It is refused when a block stands
// between the author and another participant, rate-limited per account,
// and the others are told by mail.
func (m *Module) Post(ctx context.Context, convID, authorID, body string) (*Message, error) {
	a, err := m.access(ctx, m.s.DB, convID, authorID)
	if err != nil {
		return nil, err
	}
	if body, err = cleanBody(body); err != nil {
		return nil, err
	}
	if err := m.s.Limiter.Allow(ctx, postRule, authorID); err != nil {
		return nil, err
	}
	var msg *Message
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := conversationByID(ctx, tx, a.conv.ID)
		if err != nil {
			return err
		}
		members, err := participants(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		fresh := &access{members: m.present(ctx, members)}
		others := fresh.others(authorID)
		if blocked, err := blockedWith(ctx, tx, authorID, others); err != nil {
			return err
		} else if blocked {
			return errBlocked()
		}
		if a.self == nil {
			if _, err := insertParticipant(ctx, tx, c.ID, Participant{UserID: authorID, OrgID: a.orgID}, m.s.Clock.Now()); err != nil {
				return err
			}
		}
		if msg, err = m.append(ctx, tx, c, authorID, body); err != nil {
			return err
		}
		return m.notify(ctx, tx, c, msg, others)
	})
	if err != nil {
		return nil, err
	}
	names, err := m.accounts.Names(ctx, []string{authorID})
	if err != nil {
		return nil, err
	}
	msg.AuthorName = names[authorID]
	return msg, nil
}

// AddParticipants adds people to a conversation in the caller's
// transaction (a pledge adds each new signer). People already taking part
// stay as they are. Newcomers start with everything so far read, so the
// next message reaches them by mail.
func (m *Module) AddParticipants(ctx context.Context, tx *sql.Tx, convID string, ps []Participant) error {
	people, err := distinct(ps)
	if err != nil {
		return err
	}
	c, err := conversationByID(ctx, tx, convID)
	if err != nil {
		return err
	}
	now := m.s.Clock.Now()
	for _, p := range people {
		added, err := insertParticipant(ctx, tx, c.ID, p, now)
		if err != nil {
			return err
		}
		if added {
			if err := markRead(ctx, tx, c.ID, p.UserID, c.LastSeq, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// orgsOf lists the organisations through which the person may see
// conversations.
func (m *Module) orgsOf(ctx context.Context, userID string) ([]string, error) {
	var out []string
	if m.orgList != nil {
		list, err := m.orgList(ctx, userID)
		if err != nil {
			return nil, err
		}
		for _, id := range list {
			if ids.Valid(id) {
				out = append(out, id)
			}
		}
		return out, nil
	}
	if m.orgs == nil {
		return nil, nil
	}
	all, err := orgsInConversations(ctx, m.s.DB)
	if err != nil {
		return nil, err
	}
	for _, id := range all {
		if m.orgs(ctx, id, userID) {
			out = append(out, id)
		}
	}
	return out, nil
}

// Unread counts the person's conversations with messages they have not
// read yet.
func (m *Module) Unread(ctx context.Context, userID string) (int, error) {
	if !ids.Valid(userID) {
		return 0, nil
	}
	orgs, err := m.orgsOf(ctx, userID)
	if err != nil {
		return 0, err
	}
	return countUnread(ctx, m.s.DB, userID, orgs)
}

// PerPage is how many conversations a page of the list shows.
const PerPage = 30

// List returns one page (from 1) of the person's conversations, newest
// activity first, and whether more follow.
func (m *Module) List(ctx context.Context, userID string, page int) ([]Summary, bool, error) {
	list, err := m.summaries(ctx, userID, listFilter{Limit: PerPage + 1, Offset: paging.Offset(page, PerPage)})
	if err != nil {
		return nil, false, err
	}
	if len(list) > PerPage {
		return list[:PerPage], true, nil
	}
	return list, false, nil
}

// ForAbout returns the person's conversations about one thing, newest
// activity first (the board shows a listing's conversations this way).
func (m *Module) ForAbout(ctx context.Context, kind, id, userID string) ([]Summary, error) {
	if kind == "" {
		return nil, nil
	}
	return m.summaries(ctx, userID, listFilter{AboutKind: kind, AboutID: id, Limit: 200})
}

func (m *Module) summaries(ctx context.Context, userID string, f listFilter) ([]Summary, error) {
	if !ids.Valid(userID) {
		return nil, nil
	}
	orgs, err := m.orgsOf(ctx, userID)
	if err != nil {
		return nil, err
	}
	list, err := summaries(ctx, m.s.DB, userID, orgs, f)
	if err != nil || len(list) == 0 {
		return list, err
	}
	convIDs := make([]string, len(list))
	for i, s := range list {
		convIDs[i] = s.ID
	}
	byConv, err := participantsOf(ctx, m.s.DB, convIDs)
	if err != nil {
		return nil, err
	}
	var everybody []string
	for _, ms := range byConv {
		for _, p := range ms {
			everybody = append(everybody, p.UserID)
		}
	}
	names, err := m.accounts.Names(ctx, everybody)
	if err != nil {
		return nil, err
	}
	for i := range list {
		for _, p := range m.present(ctx, byConv[list[i].ID]) {
			if p.UserID != userID {
				if !p.Anonymous {
					p.Name = names[p.UserID]
				}
				list[i].With = append(list[i].With, p)
			}
		}
	}
	return list, nil
}

// Thread is a conversation as one of the people who see it reads it.
type Thread struct {
	Conversation *Conversation
	Members      []Member   // everybody taking part, with names
	Messages     []*Message // oldest first, with author names
	Older        int        // pass as "before" to read older messages; 0 when there are none
	ReadSeq      int        // how far the person had read before opening it
	Self         *Member    // the person's participation; nil when they see it through an organisation
	Revealed     []Contact  // the others' e-mail addresses, once everybody agreed
	BlockedByMe  map[string]bool
	CanWrite     bool // no block stands between the person and the others
}

// MessagesPerPage is how many messages a conversation page shows; with
// older ones a link away, a page stays light on a slow connection.
const MessagesPerPage = 30

// Read loads the conversation for the person: the messages before seq
// (0: the newest ones), the people, what they revealed. It does not mark
// anything as read; see MarkRead.
func (m *Module) Read(ctx context.Context, convID, userID string, before int) (*Thread, error) {
	a, err := m.access(ctx, m.s.DB, convID, userID)
	if err != nil {
		return nil, err
	}
	t := &Thread{Conversation: a.conv, Members: a.members, Self: a.self}
	if t.Messages, err = listMessages(ctx, m.s.DB, a.conv.ID, before, MessagesPerPage); err != nil {
		return nil, err
	}
	if len(t.Messages) > 0 && t.Messages[0].Seq > 1 {
		t.Older = t.Messages[0].Seq
	}
	if t.ReadSeq, err = readSeq(ctx, m.s.DB, a.conv.ID, userID); err != nil {
		return nil, err
	}
	people := make([]string, 0, len(a.members)+len(t.Messages))
	for _, p := range a.members {
		people = append(people, p.UserID)
	}
	for _, msg := range t.Messages {
		people = append(people, msg.AuthorID)
	}
	names, err := m.accounts.Names(ctx, people)
	if err != nil {
		return nil, err
	}
	for i := range t.Members {
		t.Members[i].Name = names[t.Members[i].UserID]
	}
	for _, msg := range t.Messages {
		msg.AuthorName = names[msg.AuthorID]
	}
	others := a.others(userID)
	if t.BlockedByMe, err = blockedBy(ctx, m.s.DB, userID, others); err != nil {
		return nil, err
	}
	blocked, err := blockedWith(ctx, m.s.DB, userID, others)
	if err != nil {
		return nil, err
	}
	t.CanWrite = !blocked
	if t.Revealed, err = m.revealed(ctx, a.conv, t.Members, userID); err != nil {
		return nil, err
	}
	hideAnonymous(t, userID)
	return t, nil
}

// hideAnonymous takes the names of those who take part anonymously out of
// what the person reads, but their own.
func hideAnonymous(t *Thread, userID string) {
	anonymous := map[string]bool{}
	for i := range t.Members {
		if p := &t.Members[i]; p.Anonymous && p.UserID != userID {
			p.Name, anonymous[p.UserID] = "", true
		}
	}
	for _, msg := range t.Messages {
		if anonymous[msg.AuthorID] {
			msg.AuthorName, msg.Anonymous = "", true
		}
	}
}

// MarkRead records that the person has read the whole conversation, and
// so the notices of its messages in their inbox.
func (m *Module) MarkRead(ctx context.Context, convID, userID string) error {
	a, err := m.access(ctx, m.s.DB, convID, userID)
	if err != nil {
		return err
	}
	read, err := readSeq(ctx, m.s.DB, a.conv.ID, userID)
	if err != nil || read >= a.conv.LastSeq {
		return err
	}
	now := m.s.Clock.Now()
	if err := markRead(ctx, m.s.DB, a.conv.ID, userID, a.conv.LastSeq, now); err != nil {
		return err
	}
	return m.s.Notify.MarkItemRead(ctx, m.s.DB, userID, notify.Item{Type: "conversation", ID: a.conv.ID}, now)
}

// EnableContactSharing allows the participants to show each other their
// e-mail addresses (the board calls it when a poster accepts a response).
// Until then nobody can share contact details.
func (m *Module) EnableContactSharing(ctx context.Context, tx *sql.Tx, convID string) error {
	if !ids.Valid(convID) {
		return apperr.New(apperr.NotFound, "")
	}
	res, err := tx.ExecContext(ctx, "UPDATE conversations SET contact_sharing = $1 WHERE id = $2", true, convID)
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}

// ShareContact records a participant's choice to show their e-mail
// address to the others. The addresses appear only when sharing is
// enabled and every participant chose to share.
func (m *Module) ShareContact(ctx context.Context, convID, userID string, share bool) error {
	a, err := m.access(ctx, m.s.DB, convID, userID)
	if err != nil {
		return err
	}
	if a.self == nil {
		return apperr.New(apperr.Forbidden, "conversation.contact.participants_only")
	}
	if !a.conv.ContactSharing && share {
		return apperr.New(apperr.Conflict, "conversation.contact.not_enabled")
	}
	_, err = m.s.DB.ExecContext(ctx, "UPDATE conversation_participants SET share_contact = $1 WHERE conversation_id = $2 AND user_id = $3",
		share, a.conv.ID, userID)
	return err
}

// revealed returns the other participants' addresses when sharing is
// enabled and everybody with an account agreed; nothing otherwise.
func (m *Module) revealed(ctx context.Context, c *Conversation, members []Member, viewerID string) ([]Contact, error) {
	if !c.ContactSharing {
		return nil, nil
	}
	active := 0
	for _, p := range members {
		if p.Name == "" {
			continue // a deleted account has nothing to share and agrees to nothing
		}
		if !p.ShareContact {
			return nil, nil
		}
		active++
	}
	if active < 2 {
		return nil, nil
	}
	var out []Contact
	for _, p := range members {
		if p.UserID == viewerID || p.Name == "" {
			continue
		}
		ct, err := m.accounts.ContactByID(ctx, p.UserID)
		if apperr.Is(err, apperr.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, Contact{UserID: p.UserID, Name: ct.Name, Email: ct.Email})
	}
	return out, nil
}

// Block stops two people from writing to each other: no new conversation
// between them starts and neither can post where the other takes part.
func (m *Module) Block(ctx context.Context, blocker, blocked string) error {
	if !validIDs(blocker, blocked) {
		return apperr.New(apperr.NotFound, "")
	}
	if blocker == blocked {
		return apperr.New(apperr.Conflict, "conversation.block.self")
	}
	_, err := m.s.DB.ExecContext(ctx, `INSERT INTO conversation_blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (blocker_id, blocked_id) DO NOTHING`, blocker, blocked, m.s.Clock.Now())
	if apperr.Is(err, apperr.Conflict) {
		return apperr.New(apperr.NotFound, "") // no such account
	}
	return err
}

// Unblock lifts a block the person set.
func (m *Module) Unblock(ctx context.Context, blocker, blocked string) error {
	if !validIDs(blocker, blocked) {
		return apperr.New(apperr.NotFound, "")
	}
	_, err := m.s.DB.ExecContext(ctx, "DELETE FROM conversation_blocks WHERE blocker_id = $1 AND blocked_id = $2", blocker, blocked)
	return err
}

// Blocked reports whether a and b block each other, in either direction.
func (m *Module) Blocked(ctx context.Context, a, b string) (bool, error) {
	if !validIDs(a, b) {
		return false, nil
	}
	return blockedWith(ctx, m.s.DB, a, []string{b})
}

// Blocks lists the people the person blocked, with names.
func (m *Module) Blocks(ctx context.Context, userID string) ([]Block, error) {
	if !ids.Valid(userID) {
		return nil, nil
	}
	list, err := listBlocks(ctx, m.s.DB, userID)
	if err != nil || len(list) == 0 {
		return list, err
	}
	people := make([]string, len(list))
	for i, b := range list {
		people[i] = b.UserID
	}
	names, err := m.accounts.Names(ctx, people)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].Name = names[list[i].UserID]
	}
	return list, nil
}

// MailText tells whether the person's notification mails carry the
// message text (otherwise only a link, the default).
func (m *Module) MailText(ctx context.Context, userID string) (bool, error) {
	if !ids.Valid(userID) {
		return false, nil
	}
	return mailText(ctx, m.s.DB, userID)
}

// SetMailText sets the person's notification preference.
func (m *Module) SetMailText(ctx context.Context, userID string, on bool) error {
	if !ids.Valid(userID) {
		return apperr.New(apperr.Unauthenticated, "")
	}
	_, err := m.s.DB.ExecContext(ctx, `INSERT INTO conversation_settings (user_id, mail_text, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (user_id) DO UPDATE SET mail_text = excluded.mail_text, updated_at = excluded.updated_at`,
		userID, on, m.s.Clock.Now())
	return err
}
