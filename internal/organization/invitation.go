package organization

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/secrets"
)

// InvitationLifetime is how long an invitation link works.
const InvitationLifetime = 14 * 24 * time.Hour

// invitesPerPerson bounds the invitation mails one person sends, so an
// organisation cannot be made into a way to mail strangers.
var invitesPerPerson = ratelimit.Rule{Name: "organization.invite", Limit: 30, Window: time.Hour}

// Invite lets an owner invite an e-mail address with a role. The invitee
// gets a mail with a single-use link, in their own language when they have
// an account and in the inviter's otherwise. Inviting an address again
// replaces its earlier invitation.
func (m *Module) Invite(ctx context.Context, actorID, orgID, email string, role Role) error {
	email = account.NormalizeEmail(email)
	f := apperr.Fields{}
	switch {
	case email == "":
		f.Add("email", "form.required")
	case !account.ValidEmail(email):
		f.Add("email", "form.invalid_email")
	}
	if !ValidRole(string(role)) {
		f.Add("role", "form.invalid_choice")
	}
	o, err := m.Get(ctx, orgID)
	if err != nil {
		return err
	}
	if err := requireOwner(ctx, m.s.DB, orgID, actorID); err != nil {
		return err
	}
	if err := f.Err(); err != nil {
		return err
	}
	if err := m.s.Limiter.Allow(ctx, invitesPerPerson, actorID); err != nil {
		return err
	}
	inviter, err := m.accounts.ContactByID(ctx, actorID)
	if err != nil {
		return err
	}
	lang, name := inviter.Lang, ""
	invitee, err := m.accounts.ContactByEmail(ctx, email)
	switch {
	case err == nil:
		if _, err := roleOf(ctx, m.s.DB, orgID, invitee.UserID); err == nil {
			return apperr.Field("email", "organization.invite.already_member")
		}
		lang, name = invitee.Lang, invitee.Name
	case !apperr.Is(err, apperr.NotFound):
		return err
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM organization_invitations WHERE organization_id = $1 AND email = $2",
			orgID, email); err != nil {
			return err
		}
		secret, hash := secrets.New()
		if _, err := tx.ExecContext(ctx, `INSERT INTO organization_invitations
			(id, organization_id, email, role, hash, invited_by, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			ids.New(), orgID, email, string(role), hash, actorID, now, now.Add(InvitationLifetime)); err != nil {
			return err
		}
		return m.mailInvitation(ctx, tx, email, lang, name, inviter.Name, o, role, secret, now)
	})
}

// mailInvitation puts the invitation mail into the outbox within tx.
func (m *Module) mailInvitation(ctx context.Context, tx *sql.Tx, to, lang, name, inviterName string, o *Organization,
	role Role, secret string, now time.Time) error {
	l := m.s.Catalog.Localizer(lang)
	greeting := l.T("organization.mail.greeting_anonymous")
	if name != "" {
		greeting = l.T("organization.mail.greeting", "Name", name)
	}
	body := mail.Body{
		Greeting: greeting,
		Paragraphs: []string{
			l.T("organization.mail.invite.body", "Inviter", inviterName, "Organization", o.Name,
				"Role", l.T("organization.role."+string(role))),
			l.T("organization.mail.invite.expiry"),
		},
		Action: &mail.Action{Label: l.T("organization.mail.invite.action"), URL: m.s.BaseURL + "/invitations/" + secret},
		Footer: l.T("organization.mail.footer"),
		Dir:    l.Dir(),
	}
	return mail.Enqueue(ctx, tx, mail.Message{To: to, Lang: l.Lang(),
		Subject: l.T("organization.mail.invite.subject", "Organization", o.Name), Body: body}, now)
}

// PendingInvitations lists an organisation's invitations that still work
// (owners only).
func (m *Module) PendingInvitations(ctx context.Context, actorID, orgID string) ([]Invitation, error) {
	if err := requireOwner(ctx, m.s.DB, orgID, actorID); err != nil {
		return nil, err
	}
	return queryInvitations(ctx, m.s.DB, "organization_id = $1 AND expires_at > $2", orgID, m.s.Clock.Now())
}

// WithdrawInvitation deletes a pending invitation (owners only).
func (m *Module) WithdrawInvitation(ctx context.Context, actorID, orgID, invitationID string) error {
	if !ids.Valid(invitationID) {
		return apperr.New(apperr.NotFound, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := requireOwner(ctx, tx, orgID, actorID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM organization_invitations WHERE id = $1 AND organization_id = $2",
			invitationID, orgID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "")
		}
		return nil
	})
}

// InvitationBySecret returns a usable invitation and its organisation,
// for the page its link opens.
func (m *Module) InvitationBySecret(ctx context.Context, secret string) (*Invitation, *Organization, error) {
	inv, err := invitationBySecret(ctx, m.s.DB, secret, m.s.Clock.Now())
	if err != nil {
		return nil, nil, err
	}
	o, err := m.Get(ctx, inv.OrganizationID)
	if err != nil {
		return nil, nil, err
	}
	return inv, o, nil
}

// AcceptInvitation makes the logged-in person a member through a link; the
// link then stops working. It returns the organisation's id.
func (m *Module) AcceptInvitation(ctx context.Context, userID, secret string) (string, error) {
	if !ids.Valid(userID) {
		return "", apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	var orgID string
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var role string
		err := tx.QueryRowContext(ctx, `DELETE FROM organization_invitations WHERE hash = $1 AND expires_at > $2
			RETURNING organization_id, role`, secrets.Hash(secret), now).Scan(&orgID, &role)
		if apperr.Is(db.Err(err), apperr.NotFound) {
			return apperr.New(apperr.NotFound, "organization.invitation.invalid")
		}
		if err != nil {
			return err
		}
		if err := db.LockRow(ctx, tx, "organizations", orgID); err != nil {
			return err
		}
		if _, err := roleOf(ctx, tx, orgID, userID); err == nil {
			return apperr.New(apperr.Conflict, "organization.invitation.already_member")
		}
		return insertMember(ctx, tx, orgID, userID, Role(role), now)
	})
	return orgID, err
}

// deleteExpiredInvitations removes invitations whose link no longer works,
// so the invitees' addresses are not kept longer than needed.
func (m *Module) deleteExpiredInvitations(ctx context.Context, now time.Time) error {
	_, err := m.s.DB.ExecContext(ctx, "DELETE FROM organization_invitations WHERE expires_at <= $1", now)
	return err
}
