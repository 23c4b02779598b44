package network

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/notify"
)

// proposedNotice asks the owners and editors of a proposed partner to
// answer a partnership proposal.
var proposedNotice = notify.Kind{Name: "network/proposed", Subject: "network.mail.proposed.subject",
	Greeting: "network.mail.greeting", Body: []string{"network.mail.proposed.body", "network.mail.proposed.answer"},
	Action: "network.mail.proposed.action", Footer: "network.mail.footer"}

// NotifyKinds are the notices the network sends.
func (m *Module) NotifyKinds() []notify.Kind { return []notify.Kind{proposedNotice} }

// tellProposed sends each partner still to confirm p the notice of the
// proposal, to its owners and editors, with the goal as the proposers
// wrote it; names are the organisations' names by id.
func (m *Module) tellProposed(ctx context.Context, tx *sql.Tx, p *Partnership, names map[string]string, now time.Time) error {
	for _, orgID := range p.Waiting() {
		to, err := m.orgs.Editors(ctx, orgID)
		if err != nil {
			return err
		}
		err = m.s.Notify.Send(ctx, tx, notify.Notice{Kind: proposedNotice, Item: notify.Item{Type: "partnership", ID: p.ID},
			Link: "/partnerships/" + p.ID, To: to,
			Params: []any{"Organization", names[p.ProposedBy], "Partner", names[orgID]},
			Mail:   notify.Mail{Text: []string{p.Goal}}}, now)
		if err != nil {
			return err
		}
	}
	return nil
}
