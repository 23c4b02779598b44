package directory

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/notify"
)

// ReminderMonths is the age at which an entry nobody confirmed is due: its
// organisation's editors get one reminder mail per entry and age.
const ReminderMonths = 6

// staleSince is the newest confirmation time of a due entry at now.
func staleSince(now time.Time) time.Time { return now.AddDate(0, -ReminderMonths, 0) }

// Stale reports whether an entry confirmed at t is due at now.
func Stale(t, now time.Time) bool { return !t.After(staleSince(now)) }

// dueEntry is a service or location waiting for a confirmation.
type dueEntry struct {
	kind, id, orgID, name string
	people                []string // who edited or confirmed it
}

// remind mails the editors of every organisation with due entries, one mail
// per organisation listing them, and marks the entries as reminded. The
// directory knows the organisation's editors through the organisation
// module: it asks for the members on behalf of an editor it knows from the
// entries (whoever last changed or confirmed one and is still an editor).
func (m *Module) remind(ctx context.Context, now time.Time) error {
	due, err := dueEntries(ctx, m.s.DB, staleSince(now))
	if err != nil {
		return err
	}
	byOrg := map[string][]dueEntry{}
	var orgIDs []string
	for _, e := range due {
		if _, ok := byOrg[e.orgID]; !ok {
			orgIDs = append(orgIDs, e.orgID)
		}
		byOrg[e.orgID] = append(byOrg[e.orgID], e)
	}
	slices.Sort(orgIDs)
	for _, orgID := range orgIDs {
		if err := m.remindOrg(ctx, orgID, byOrg[orgID], now); err != nil {
			return err
		}
	}
	return nil
}

func dueEntries(ctx context.Context, q db.Querier, before time.Time) ([]dueEntry, error) {
	var out []dueEntry
	for _, t := range []struct{ kind, query string }{
		{"service", `SELECT id, organization_id, name, updated_by, confirmed_by FROM directory_services
			WHERE confirmed_at <= $1 AND (reminded_at IS NULL OR reminded_at < confirmed_at) ORDER BY name_key, id`},
		{"location", `SELECT id, organization_id, CASE WHEN name = '' THEN street ELSE name END, updated_by, confirmed_by
			FROM directory_locations WHERE confirmed_at <= $1 AND (reminded_at IS NULL OR reminded_at < confirmed_at)
			ORDER BY created_at, id`},
	} {
		rows, err := q.QueryContext(ctx, t.query, before)
		err = db.Each(rows, err, func(s db.Scanner) error {
			e := dueEntry{kind: t.kind}
			var updatedBy, confirmedBy sql.NullString
			if err := s.Scan(&e.id, &e.orgID, &e.name, &updatedBy, &confirmedBy); err != nil {
				return err
			}
			e.people = unique([]string{confirmedBy.String, updatedBy.String})
			out = append(out, e)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (m *Module) remindOrg(ctx context.Context, orgID string, entries []dueEntry, now time.Time) error {
	o, err := m.orgs.Get(ctx, orgID)
	if err != nil {
		return err
	}
	var known string
	for _, e := range entries {
		for _, p := range e.people {
			if known == "" && m.orgs.CanEdit(ctx, orgID, p) {
				known = p
			}
		}
	}
	if known == "" {
		m.s.Log.WarnContext(ctx, "directory reminder: no editor known", "organization", orgID)
		return nil
	}
	members, err := m.orgs.Members(ctx, known, orgID)
	if err != nil {
		return err
	}
	to := make([]string, len(members))
	for i, mb := range members {
		to[i] = mb.UserID
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := m.s.Notify.Send(ctx, tx, m.reminder(o.ID, o.Name, to, entries), now); err != nil {
			return err
		}
		for _, e := range entries {
			table := "directory_services"
			if e.kind == "location" {
				table = "directory_locations"
			}
			if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET reminded_at = $1 WHERE id = $2", now, e.id); err != nil {
				return err
			}
		}
		return nil
	})
}

// entriesDue asks an organisation's editors to check its entries.
var entriesDue = notify.Kind{
	Name:     "directory/entries_due",
	Subject:  "directory.mail.reminder.subject",
	Greeting: "directory.mail.greeting",
	Body:     []string{"directory.mail.reminder.body", "directory.mail.reminder.how"},
	Action:   "directory.mail.reminder.action",
	Footer:   "directory.mail.footer",
}

// NotifyKinds are the notices the directory sends.
func (m *Module) NotifyKinds() []notify.Kind { return []notify.Kind{entriesDue} }

// reminder is the notice asking the editors in to to check the entries;
// the mail lists each with its link.
func (m *Module) reminder(orgID, orgName string, to []string, entries []dueEntry) notify.Notice {
	list := ""
	for i, e := range entries {
		if i > 0 {
			list += "\n"
		}
		path := "/services/"
		if e.kind == "location" {
			path = "/locations/"
		}
		list += "– " + e.name + ": " + m.s.BaseURL + path + e.id
	}
	return notify.Notice{
		Kind:   entriesDue,
		Item:   notify.Item{Type: "organization", ID: orgID},
		Link:   "/organizations/" + orgID + "/services",
		To:     to,
		Params: []any{"Organization", orgName, "Months", ReminderMonths},
		Mail:   notify.Mail{Text: []string{list}},
	}
}
