package funding

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
)

// A booking is a transaction of a statement the platform keeps: a credit
// matched to a reservation or a match by its creditor reference (or
// proposed by amount and name, for the treasurer to confirm), a debit the
// treasurer booked as an expense, and, until the treasurer reviewed them,
// the rest. Wages and rent never stay: what the treasurer does not book is
// discarded, and only the bank's reference is kept so it is not imported
// again.

// Booking statuses.
const (
	Pending  = "pending"  // not reviewed yet
	Proposed = "proposed" // a credit that may be a reservation's, by amount and name
	Matched  = "matched"  // a credit paying a reservation or a match
	Expense  = "expense"  // a debit booked as the organisation's expense
	Reversed = "reversed" // a credit undone by a reversal or return, and that reversal
)

// Booking is a kept transaction of an organisation's account.
type Booking struct {
	ID             string
	OrganizationID string
	StatementID    string
	BankRef        string
	BookedOn       time.Time
	Amount         int64
	Counterparty   string
	Remittance     string
	Reference      string
	Reversal       bool
	Status         string
	ReservationID  string
	MatchID        string
	CampaignID     string
	Category       string
	Note           string
	CreatedAt      time.Time
}

// Categories an expense is booked under.
var Categories = []string{"equipment", "material", "rent", "fees", "travel", "services", "transfer", "other"}

// ImportResult says what an upload did.
type ImportResult struct {
	StatementID string
	Entries     int // transactions read
	New         int // not seen before
	Matched     int
	Proposed    int
	Reversed    int
}

const bookingColumns = `b.id, b.organization_id, COALESCE(CAST(b.statement_id AS TEXT), ''), b.bank_ref, b.booked_on,
	b.amount_cents, b.counterparty, b.remittance, b.reference, b.reversal, b.status,
	COALESCE(CAST(b.reservation_id AS TEXT), ''), COALESCE(CAST(b.match_id AS TEXT), ''),
	COALESCE(CAST(b.campaign_id AS TEXT), ''), b.category, b.note, b.created_at`

func scanBooking(s db.Scanner) (*Booking, error) {
	b := &Booking{}
	err := s.Scan(&b.ID, &b.OrganizationID, &b.StatementID, &b.BankRef, &b.BookedOn, &b.Amount, &b.Counterparty,
		&b.Remittance, &b.Reference, &b.Reversal, &b.Status, &b.ReservationID, &b.MatchID, &b.CampaignID, &b.Category,
		&b.Note, &b.CreatedAt)
	if err != nil {
		return nil, db.Err(err)
	}
	b.BookedOn = b.BookedOn.UTC()
	return b, nil
}

// treasury checks that the actor may handle the organisation's money.
func (m *Module) treasury(ctx context.Context, actor *auth.Identity, orgID string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	if _, err := m.orgs.Get(ctx, orgID); err != nil {
		return err
	}
	if !m.isTreasurer(ctx, orgID, actor) {
		return apperr.New(apperr.Forbidden, "funding.not_treasurer")
	}
	return nil
}

// Import reads a bank statement of the organisation and books what it
// recognises, in one transaction.
func (m *Module) Import(ctx context.Context, actor *auth.Identity, orgID string, data []byte, layout Layout) (*ImportResult, error) {
	orgID = strings.ToLower(strings.TrimSpace(orgID))
	if err := m.treasury(ctx, actor, orgID); err != nil {
		return nil, err
	}
	entries, format, err := ParseStatement(data, layout)
	if err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	res := &ImportResult{StatementID: ids.New(), Entries: len(entries)}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO funding_statements (id, organization_id, uploaded_by, format,
			entries, new_entries, uploaded_at) VALUES ($1, $2, $3, $4, $5, 0, $6)`,
			res.StatementID, orgID, actor.UserID, format, len(entries), now); err != nil {
			return db.Err(err)
		}
		refs, err := m.openReferences(ctx, tx, orgID)
		if err != nil {
			return err
		}
		open, err := m.openProposals(ctx, tx, orgID, refs)
		if err != nil {
			return err
		}
		for _, e := range entries {
			fresh, err := markSeen(ctx, tx, orgID, e.BankRef)
			if err != nil {
				return err
			}
			if !fresh {
				continue
			}
			res.New++
			b := &Booking{ID: ids.New(), OrganizationID: orgID, StatementID: res.StatementID, BankRef: e.BankRef,
				BookedOn: e.BookedOn, Amount: e.Amount, Counterparty: e.Counterparty, Remittance: e.Remittance,
				Reference: e.Reference, Reversal: e.Reversal, Status: Pending, CreatedAt: now}
			if err := m.book(ctx, tx, b, refs, open, res, now); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE funding_statements SET new_entries = $1 WHERE id = $2`, res.New, res.StatementID)
		return db.Err(err)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// markSeen records the transaction and reports whether it is new.
func markSeen(ctx context.Context, tx *sql.Tx, orgID, ref string) (bool, error) {
	r, err := tx.ExecContext(ctx, `INSERT INTO funding_seen (organization_id, bank_ref) VALUES ($1, $2)
		ON CONFLICT (organization_id, bank_ref) DO NOTHING`, orgID, ref)
	if err != nil {
		return false, db.Err(err)
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// payee is what a creditor reference pays: a reservation or a match.
type payee struct {
	reservationID, matchID, campaignID, userID string
	amount, paid                               int64
}

// openReferences are the creditor references of the organisation's
// successful campaigns' reservations and matches.
func (m *Module) openReferences(ctx context.Context, tx *sql.Tx, orgID string) (map[string]*payee, error) {
	out := map[string]*payee{}
	rows, err := tx.QueryContext(ctx, `SELECT r.reference, r.id, r.campaign_id, COALESCE(CAST(r.user_id AS TEXT), ''),
		r.amount_cents, r.paid_cents FROM funding_reservations r JOIN funding_campaigns c ON c.id = r.campaign_id
		WHERE c.organization_id = $1 AND c.status = 'succeeded' AND r.status = 'reserved'`, orgID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		p := &payee{}
		var ref string
		if err := s.Scan(&ref, &p.reservationID, &p.campaignID, &p.userID, &p.amount, &p.paid); err != nil {
			return err
		}
		out[ref] = p
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT x.reference, x.id, x.campaign_id, x.cap_cents, x.paid_cents
		FROM funding_matches x JOIN funding_campaigns c ON c.id = x.campaign_id
		WHERE c.organization_id = $1 AND c.status = 'succeeded'`, orgID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		p := &payee{}
		var ref string
		if err := s.Scan(&ref, &p.matchID, &p.campaignID, &p.amount, &p.paid); err != nil {
			return err
		}
		out[ref] = p
		return nil
	})
	return out, err
}

// book decides what a new transaction is and stores it.
func (m *Module) book(ctx context.Context, tx *sql.Tx, b *Booking, refs map[string]*payee, open *proposals, res *ImportResult, now time.Time) error {
	p := refs[b.Reference]
	if p == nil {
		for _, r := range findReferences(b.Remittance) {
			if p = refs[r]; p != nil {
				b.Reference = r
				break
			}
		}
	}
	switch {
	case p != nil && (b.Reversal || b.Amount < 0):
		// A reversal or a return undoes the payment it names.
		b.Status, b.ReservationID, b.MatchID, b.CampaignID = Reversed, p.reservationID, p.matchID, p.campaignID
		res.Reversed++
		if err := insertBooking(ctx, tx, b); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE funding_bookings SET status = 'reversed'
			WHERE organization_id = $1 AND reference = $2 AND status = 'matched' AND amount_cents = $3`,
			b.OrganizationID, b.Reference, abs(b.Amount)); err != nil {
			return db.Err(err)
		}
		p.paid -= abs(b.Amount)
		return setPaid(ctx, tx, p, now)
	case p != nil && b.Amount > 0:
		b.Status, b.ReservationID, b.MatchID, b.CampaignID = Matched, p.reservationID, p.matchID, p.campaignID
		res.Matched++
		if err := insertBooking(ctx, tx, b); err != nil {
			return err
		}
		p.paid += b.Amount
		return setPaid(ctx, tx, p, now)
	case b.Amount > 0 && !b.Reversal:
		if x := open.propose(b); x != nil {
			b.Status, b.ReservationID, b.CampaignID = Proposed, x.reservationID, x.campaignID
			res.Proposed++
		}
	}
	return insertBooking(ctx, tx, b)
}

func abs(n int64) int64 { return max(n, -n) }

// setPaid writes what arrived for the payee.
func setPaid(ctx context.Context, tx *sql.Tx, p *payee, now time.Time) error {
	var paidAt any
	if p.paid > 0 {
		paidAt = now
	}
	table, id := "funding_reservations", p.reservationID
	if p.matchID != "" {
		table, id = "funding_matches", p.matchID
	}
	_, err := tx.ExecContext(ctx, "UPDATE "+table+" SET paid_cents = $1, paid_at = $2 WHERE id = $3", max(p.paid, 0), paidAt, id)
	return db.Err(err)
}

// proposals are the unpaid reservations of the organisation's successful
// campaigns that no booking pays or is proposed for yet, by amount, with
// their supporters' names: read once per import.
type proposals struct {
	byAmount map[int64][]*payee
	names    map[string]string
}

func (m *Module) openProposals(ctx context.Context, tx *sql.Tx, orgID string, refs map[string]*payee) (*proposals, error) {
	taken := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT CAST(reservation_id AS TEXT) FROM funding_bookings
		WHERE organization_id = $1 AND reservation_id IS NOT NULL AND status IN ('proposed', 'matched')`, orgID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var id string
		err := s.Scan(&id)
		taken[id] = true
		return err
	})
	if err != nil {
		return nil, err
	}
	p := &proposals{byAmount: map[int64][]*payee{}}
	var users []string
	for _, x := range refs {
		if x.reservationID == "" || x.paid != 0 || x.userID == "" || taken[x.reservationID] {
			continue
		}
		p.byAmount[x.amount] = append(p.byAmount[x.amount], x)
		users = append(users, x.userID)
	}
	if len(users) > 0 && m.names != nil {
		if p.names, err = m.names(ctx, users); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// propose finds the unpaid reservation with the credit's amount whose
// supporter's name appears in the counterparty's: for the treasurer to
// confirm, never booked alone. Each is proposed once.
func (p *proposals) propose(b *Booking) *payee {
	if b.Counterparty == "" {
		return nil
	}
	who := text.Words(b.Counterparty)
	for i, x := range p.byAmount[b.Amount] {
		if x.paid != 0 { // paid by reference earlier in the same statement
			continue
		}
		if name := p.names[x.userID]; name != "" && containsWords(who, text.Words(name)) {
			p.byAmount[b.Amount] = append(p.byAmount[b.Amount][:i:i], p.byAmount[b.Amount][i+1:]...)
			return x
		}
	}
	return nil
}

// containsWords reports whether every word of name is among words.
func containsWords(words, name []string) bool {
	if len(name) == 0 {
		return false
	}
	for _, n := range name {
		found := false
		for _, w := range words {
			found = found || w == n
		}
		if !found {
			return false
		}
	}
	return true
}

func insertBooking(ctx context.Context, tx *sql.Tx, b *Booking) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO funding_bookings (id, organization_id, statement_id, bank_ref, booked_on,
		amount_cents, counterparty, remittance, reference, reversal, status, reservation_id, match_id, campaign_id,
		category, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
		b.ID, b.OrganizationID, db.NullString(b.StatementID), b.BankRef, b.BookedOn, b.Amount, b.Counterparty, b.Remittance,
		b.Reference, b.Reversal, b.Status, db.NullString(b.ReservationID), db.NullString(b.MatchID),
		db.NullString(b.CampaignID), b.Category, b.Note, b.CreatedAt)
	return db.Err(err)
}

// Bookings lists the organisation's bookings for its treasurers, newest
// first; only those of a status when status is set.
func (m *Module) Bookings(ctx context.Context, actor *auth.Identity, orgID, status string, limit int) ([]*Booking, error) {
	if err := m.treasury(ctx, actor, orgID); err != nil {
		return nil, err
	}
	w := &db.Where{}
	w.Add("b.organization_id = ?", orgID)
	if status != "" {
		w.Add("b.status = ?", status)
	}
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+bookingColumns+" FROM funding_bookings b"+w.SQL()+
		" ORDER BY b.booked_on DESC, b.id DESC LIMIT "+w.Arg(limit), w.Args()...)
	return db.Collect(rows, err, scanBooking)
}

// Review is what a treasurer decides about a booking.
type Review struct {
	Action   string // "expense", "confirm" (a proposal), "reject" (a proposal), "discard"
	Category string
	Note     string
}

// ReviewBooking books a debit as an expense, confirms or rejects a
// proposed match, or discards a transaction the organisation does not
// publish (wages, rent): it is deleted, its bank reference stays seen.
func (m *Module) ReviewBooking(ctx context.Context, actor *auth.Identity, orgID, bookingID string, rv Review) (*Booking, error) {
	if err := m.treasury(ctx, actor, orgID); err != nil {
		return nil, err
	}
	rv.Note = text.OneLine(rv.Note)
	var b *Booking
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "funding_bookings", bookingID); err != nil {
			return err
		}
		var err error
		if b, err = scanBooking(tx.QueryRowContext(ctx, "SELECT "+bookingColumns+" FROM funding_bookings b WHERE b.id = $1", bookingID)); err != nil {
			return err
		}
		if b.OrganizationID != orgID {
			return apperr.New(apperr.NotFound, "")
		}
		now := m.s.Clock.Now()
		switch rv.Action {
		case "expense":
			f := apperr.Fields{}
			if b.Amount >= 0 || b.Status != Pending && b.Status != Expense {
				return apperr.New(apperr.Conflict, "funding.booking.not_debit")
			}
			if !validCategory(rv.Category) {
				f.Add("category", "form.invalid_choice")
			}
			if len([]rune(rv.Note)) > 300 {
				f.Add("note", "form.too_long")
			}
			if err := f.Err(); err != nil {
				return err
			}
			b.Status, b.Category, b.Note = Expense, rv.Category, rv.Note
		case "confirm":
			if b.Status != Proposed {
				return apperr.New(apperr.Conflict, "funding.booking.not_proposed")
			}
			r, err := getReservation(ctx, tx, b.ReservationID)
			if err != nil {
				return err
			}
			b.Status, b.Reference = Matched, r.Reference
			if err := setPaid(ctx, tx, &payee{reservationID: r.ID, paid: r.Paid + b.Amount}, now); err != nil {
				return err
			}
		case "reject":
			if b.Status != Proposed {
				return apperr.New(apperr.Conflict, "funding.booking.not_proposed")
			}
			b.Status, b.ReservationID, b.CampaignID = Pending, "", ""
		case "discard":
			if b.Status == Matched || b.Status == Reversed {
				return apperr.New(apperr.Conflict, "funding.booking.kept")
			}
			_, err := tx.ExecContext(ctx, `DELETE FROM funding_bookings WHERE id = $1`, b.ID)
			b.Status = "discarded"
			return db.Err(err)
		default:
			return apperr.Field("action", "form.invalid_choice")
		}
		_, err = tx.ExecContext(ctx, `UPDATE funding_bookings SET status = $1, category = $2, note = $3, reference = $4,
			reservation_id = $5, campaign_id = $6 WHERE id = $7`, b.Status, b.Category, b.Note, b.Reference,
			db.NullString(b.ReservationID), db.NullString(b.CampaignID), b.ID)
		return db.Err(err)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

func validCategory(c string) bool {
	for _, x := range Categories {
		if c == x {
			return true
		}
	}
	return false
}

// NameTreasurer makes a member of the organisation its treasurer; only its
// owners may.
func (m *Module) NameTreasurer(ctx context.Context, actor *auth.Identity, orgID, userID string, named bool) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	s, err := m.orgs.StandingOf(ctx, orgID, actor.UserID)
	if err != nil {
		return err
	}
	if s.Role != organization.Owner {
		return apperr.New(apperr.Forbidden, "funding.not_owner")
	}
	if named {
		if t, err := m.orgs.StandingOf(ctx, orgID, userID); err != nil || t.Role == "" {
			return apperr.Field("user_id", "funding.field.not_member")
		}
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if !named {
			_, err := tx.ExecContext(ctx, `DELETE FROM funding_treasurers WHERE organization_id = $1 AND user_id = $2`, orgID, userID)
			return db.Err(err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO funding_treasurers (organization_id, user_id, named_at) VALUES ($1, $2, $3)
			ON CONFLICT (organization_id, user_id) DO NOTHING`, orgID, userID, m.s.Clock.Now())
		return db.Err(err)
	})
}
