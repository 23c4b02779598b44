package organization

import (
	"context"
	"database/sql"
	"slices"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// Create makes an organisation; the person creating it becomes its owner.
func (m *Module) Create(ctx context.Context, userID string, p Profile) (*Organization, error) {
	p.normalize()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if !ids.Valid(userID) {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	o := &Organization{ID: ids.New(), Profile: p, CreatedAt: now, UpdatedAt: now}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertOrg(ctx, tx, o); err != nil {
			return err
		}
		if err := insertMember(ctx, tx, o.ID, userID, Owner, now); err != nil {
			return err
		}
		return m.putIndex(ctx, tx, o)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Get returns an organisation; NotFound for unknown ids.
func (m *Module) Get(ctx context.Context, orgID string) (*Organization, error) {
	return orgByID(ctx, m.s.DB, orgID)
}

// List returns a page of organisations.
func (m *Module) List(ctx context.Context, f Filter) (*Page, error) {
	return listOrgs(ctx, m.s.DB, f)
}

// Update replaces the profile of an organisation. Only its members may:
// others get Forbidden, unknown ids NotFound.
func (m *Module) Update(ctx context.Context, userID, orgID string, p Profile) (*Organization, error) {
	return m.update(ctx, userID, orgID, func(Profile) Profile { return p })
}

// update changes the profile with change, which gets the current one, in
// one transaction, so a partial update never overwrites a concurrent one.
func (m *Module) update(ctx context.Context, userID, orgID string, change func(Profile) Profile) (*Organization, error) {
	var o *Organization
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "organizations", orgID); err != nil {
			return err
		}
		var err error
		if o, err = orgByID(ctx, tx, orgID); err != nil {
			return err
		}
		if err := requireEditor(ctx, tx, orgID, userID); err != nil {
			return err
		}
		p := change(o.Profile)
		p.normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		before := *o
		o.Profile = p
		o.UpdatedAt = m.s.Clock.Now()
		if err := updateOrg(ctx, tx, o); err != nil {
			return err
		}
		if err := m.review(ctx, tx, userID, &before, o); err != nil {
			return err
		}
		return m.putIndex(ctx, tx, o)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// review puts a verified organisation back in review when a change makes
// its name, website or kind differ from what the coordinator verified, and
// takes it out again when they are as verified once more. Each change of
// these on a verified organisation is audit-logged with what was verified.
func (m *Module) review(ctx context.Context, tx *sql.Tx, actorID string, before, o *Organization) error {
	if o.VerifiedAt == nil || (o.Name == before.Name && o.Website == before.Website && o.Kind == before.Kind) {
		return nil
	}
	o.ReviewSince = nil
	if o.identityChanged() {
		since := o.UpdatedAt
		if before.ReviewSince != nil {
			since = *before.ReviewSince
		}
		o.ReviewSince = &since
	}
	if err := setVerification(ctx, tx, o); err != nil {
		return err
	}
	return audit.Record(ctx, tx, audit.Entry{At: o.UpdatedAt, ActorID: actorID, Action: "organization.review",
		ObjectType: "organization", ObjectID: o.ID, Details: map[string]any{
			"name": o.Name, "website": o.Website, "kind": o.Kind, "in_review": o.ReviewSince != nil,
			"verified_name": o.VerifiedName, "verified_website": o.VerifiedWebsite, "verified_kind": o.VerifiedKind}})
}

// requireEditor refuses people who may not edit the profile.
func requireEditor(ctx context.Context, q db.Querier, orgID, userID string) error {
	role, err := roleOf(ctx, q, orgID, userID)
	if apperr.Is(err, apperr.NotFound) {
		return apperr.New(apperr.Forbidden, "organization.not_member")
	}
	if err != nil {
		return err
	}
	if role != Owner && role != Editor {
		return apperr.New(apperr.Forbidden, "")
	}
	return nil
}

// requireOwner refuses people who may not manage the members.
func requireOwner(ctx context.Context, q db.Querier, orgID, userID string) error {
	role, err := roleOf(ctx, q, orgID, userID)
	if apperr.Is(err, apperr.NotFound) {
		return apperr.New(apperr.Forbidden, "organization.not_member")
	}
	if err != nil {
		return err
	}
	if role != Owner {
		return apperr.New(apperr.Forbidden, "organization.owners_only")
	}
	return nil
}

// RoleOf returns the person's role in the organisation; NotFound when the
// person is not a member (or either id is unknown).
func (m *Module) RoleOf(ctx context.Context, orgID, userID string) (Role, error) {
	return roleOf(ctx, m.s.DB, orgID, userID)
}

// CanEdit reports whether the person may edit the organisation's profile
// and act on its behalf.
func (m *Module) CanEdit(ctx context.Context, orgID, userID string) bool {
	role, err := roleOf(ctx, m.s.DB, orgID, userID)
	return err == nil && (role == Owner || role == Editor)
}

// Editors returns the user ids of the owners and editors of the
// organisations, each once: the people a notice to an organisation goes
// to.
func (m *Module) Editors(ctx context.Context, orgIDs ...string) ([]string, error) {
	valid := slices.DeleteFunc(slices.Clone(orgIDs), func(id string) bool { return !ids.Valid(id) })
	if len(valid) == 0 {
		return nil, nil
	}
	marks, args := db.In(3, valid)
	rows, err := m.s.DB.QueryContext(ctx, `SELECT DISTINCT user_id FROM organization_members
		WHERE role IN ($1, $2) AND organization_id IN (`+marks+`) ORDER BY user_id`,
		append([]any{string(Owner), string(Editor)}, args...)...)
	return db.Collect(rows, err, func(row db.Scanner) (string, error) {
		var id string
		return id, row.Scan(&id)
	})
}

// Memberships lists the organisations the person belongs to, by name.
func (m *Module) Memberships(ctx context.Context, userID string) ([]Membership, error) {
	return listMemberships(ctx, m.s.DB, userID)
}

// Members lists an organisation's members with their display names, for
// its members only (Forbidden for everybody else).
func (m *Module) Members(ctx context.Context, userID, orgID string) ([]Member, error) {
	if _, err := orgByID(ctx, m.s.DB, orgID); err != nil {
		return nil, err
	}
	if _, err := roleOf(ctx, m.s.DB, orgID, userID); err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return nil, apperr.New(apperr.Forbidden, "organization.not_member")
		}
		return nil, err
	}
	members, err := listMembers(ctx, m.s.DB, orgID)
	if err != nil {
		return nil, err
	}
	userIDs := make([]string, len(members))
	for i, mb := range members {
		userIDs[i] = mb.UserID
	}
	names, err := m.accounts.Names(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	for i := range members {
		members[i].Name = names[members[i].UserID]
	}
	return members, nil
}

// SetRole changes a member's role (owners only). The last owner cannot
// step down: somebody must stay in charge.
func (m *Module) SetRole(ctx context.Context, actorID, orgID, userID string, role Role) error {
	if !ValidRole(string(role)) {
		return apperr.Field("role", "form.invalid_choice")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "organizations", orgID); err != nil {
			return err
		}
		if err := requireOwner(ctx, tx, orgID, actorID); err != nil {
			return err
		}
		current, err := roleOf(ctx, tx, orgID, userID)
		if err != nil {
			return err
		}
		if current == role {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "UPDATE organization_members SET role = $1 WHERE organization_id = $2 AND user_id = $3",
			string(role), orgID, userID); err != nil {
			return err
		}
		return m.keepAnOwner(ctx, tx, orgID)
	})
}

// RemoveMember takes a member out of the organisation (owners only; to
// take oneself out, see Leave). The last owner cannot be removed.
func (m *Module) RemoveMember(ctx context.Context, actorID, orgID, userID string) error {
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "organizations", orgID); err != nil {
			return err
		}
		if err := requireOwner(ctx, tx, orgID, actorID); err != nil {
			return err
		}
		return m.dropMember(ctx, tx, orgID, userID)
	})
}

// Leave takes the person out of an organisation; the last owner must
// first make somebody else owner.
func (m *Module) Leave(ctx context.Context, userID, orgID string) error {
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "organizations", orgID); err != nil {
			return err
		}
		return m.dropMember(ctx, tx, orgID, userID)
	})
}

func (m *Module) dropMember(ctx context.Context, tx *sql.Tx, orgID, userID string) error {
	if !ids.Valid(userID) {
		return apperr.New(apperr.NotFound, "")
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM organization_members WHERE organization_id = $1 AND user_id = $2", orgID, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return m.keepAnOwner(ctx, tx, orgID)
}

// keepAnOwner fails the transaction when its change left no owner.
func (m *Module) keepAnOwner(ctx context.Context, tx *sql.Tx, orgID string) error {
	n, err := countOwners(ctx, tx, orgID)
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.New(apperr.Conflict, "organization.member.last_owner")
	}
	return nil
}

// SetVerified marks an organisation as verified by the coordination
// office, or removes the mark (coordinators and administrators only).
// Verifying one in review confirms the change: it is verified as it is
// now. The change is audit-logged; setting the state it already has
// changes nothing.
func (m *Module) SetVerified(ctx context.Context, actor *auth.Identity, orgID string, verified bool) (*Organization, error) {
	if !actor.Staff() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	now := m.s.Clock.Now()
	var o *Organization
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if o, err = orgByID(ctx, tx, orgID); err != nil {
			return err
		}
		if verified && o.Verified() || !verified && o.VerifiedAt == nil {
			return nil // so already
		}
		action := "organization.unverify"
		o.VerifiedAt, o.VerifiedBy, o.ReviewSince = nil, "", nil
		o.VerifiedName, o.VerifiedWebsite, o.VerifiedKind = "", "", ""
		if verified {
			action = "organization.verify"
			o.VerifiedAt, o.VerifiedBy = &now, actor.UserID
			o.VerifiedName, o.VerifiedWebsite, o.VerifiedKind = o.Name, o.Website, o.Kind
		}
		if err := setVerification(ctx, tx, o); err != nil {
			return err
		}
		if err := m.putIndex(ctx, tx, o); err != nil {
			return err
		}
		if verified {
			if err := m.tellVerified(ctx, tx, o, now); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: action,
			ObjectType: "organization", ObjectID: orgID, Details: map[string]any{"name": o.Name}})
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}
