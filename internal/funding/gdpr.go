package funding

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// The module holds a person's reservations (with what arrived for them),
// the campaigns and matches they started, and their treasurer roles.
// Erasure keeps what the organisation must keep for its books (amounts,
// references, dates) but forgets who it was: reservations lose their
// holder and message, and the bank's name of the payer leaves the
// bookings that paid them.

// UserData is the module's part in export and erasure.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "funding", Export: m.exportUserData, Erase: m.eraseUserData})
}

// ExportReservation is a reservation of the person with what arrived.
type ExportReservation struct {
	CampaignID string     `json:"campaign_id"`
	Amount     int64      `json:"amount_cents"`
	Reference  string     `json:"reference"`
	Anonymous  bool       `json:"anonymous"`
	Message    string     `json:"message"`
	Status     string     `json:"status"`
	Paid       int64      `json:"paid_cents"`
	PaidAt     *time.Time `json:"paid_at"`
	CreatedAt  time.Time  `json:"created_at"`
	Payments   []Payment  `json:"payments"`
}

// Payment is a booking matched to a reservation.
type Payment struct {
	BookedOn     time.Time `json:"booked_on"`
	Amount       int64     `json:"amount_cents"`
	Counterparty string    `json:"counterparty"`
	Status       string    `json:"status"`
}

func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+reservationColumns+` FROM funding_reservations r
		WHERE r.user_id = $1 ORDER BY r.created_at, r.id`, userID)
	rs, err := db.Collect(rows, err, scanReservation)
	if err != nil {
		return nil, err
	}
	out := []ExportReservation{}
	for _, r := range rs {
		x := ExportReservation{CampaignID: r.CampaignID, Amount: r.Amount, Reference: r.Reference, Anonymous: r.Anonymous,
			Message: r.Message, Status: r.Status, Paid: r.Paid, PaidAt: r.PaidAt, CreatedAt: r.CreatedAt, Payments: []Payment{}}
		rows, err := m.s.DB.QueryContext(ctx, `SELECT booked_on, amount_cents, counterparty, status FROM funding_bookings
			WHERE reservation_id = $1 ORDER BY booked_on, id`, r.ID)
		err = db.Each(rows, err, func(s db.Scanner) error {
			var p Payment
			err := s.Scan(&p.BookedOn, &p.Amount, &p.Counterparty, &p.Status)
			p.BookedOn = p.BookedOn.UTC()
			x.Payments = append(x.Payments, p)
			return err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	var started []string
	rows, err = m.s.DB.QueryContext(ctx, `SELECT id FROM funding_campaigns WHERE created_by = $1 ORDER BY created_at, id`, userID)
	if started, err = db.Collect(rows, err, db.Value[string]); err != nil {
		return nil, err
	}
	if started == nil {
		started = []string{}
	}
	return map[string]any{"reservations": out, "campaigns_started": started}, nil
}

func (m *Module) eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	return userdata.Exec(ctx, tx, userID,
		`UPDATE funding_bookings SET counterparty = '', remittance = '' WHERE reservation_id IN
			(SELECT id FROM funding_reservations WHERE user_id = $1)`,
		`UPDATE funding_reservations SET user_id = NULL, message = '', anonymous = TRUE WHERE user_id = $1`,
		`UPDATE funding_campaigns SET created_by = NULL WHERE created_by = $1`,
		`UPDATE funding_matches SET created_by = NULL WHERE created_by = $1`,
		`UPDATE funding_statements SET uploaded_by = NULL WHERE uploaded_by = $1`,
		`DELETE FROM funding_treasurers WHERE user_id = $1`)
}
