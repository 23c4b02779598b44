package organization

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/notify"
)

// verifiedNotice tells an organisation's owners and editors that the
// coordination office verified it.
var verifiedNotice = notify.Kind{Name: "organization/verified", Subject: "organization.mail.verified.subject",
	Greeting: "organization.mail.greeting", Body: []string{"organization.mail.verified.body"},
	Action: "organization.mail.verified.action", Footer: "organization.mail.verified.footer"}

// NotifyKinds are the notices the organisations module sends.
func (m *Module) NotifyKinds() []notify.Kind { return []notify.Kind{verifiedNotice} }

// tellVerified sends the notice of o's verification to its owners and
// editors inside tx.
func (m *Module) tellVerified(ctx context.Context, tx *sql.Tx, o *Organization, now time.Time) error {
	to, err := m.Editors(ctx, o.ID)
	if err != nil || len(to) == 0 {
		return err
	}
	return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: verifiedNotice, Item: notify.Item{Type: "organization", ID: o.ID},
		Link: "/organizations/" + o.ID, To: to, Params: []any{"Organization", o.Name}}, now)
}
