package account

import (
	"context"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/notify"
)

// Person is how notices of every module reach a person: the address, name,
// language and choice of notice mails of an active account; NotFound for
// one that is gone or suspended, who is told nothing.
func (m *Module) Person(ctx context.Context, userID string) (notify.Person, error) {
	u, err := userByID(ctx, m.s.DB, userID)
	if err != nil {
		return notify.Person{}, err
	}
	if !u.Active() {
		return notify.Person{}, apperr.New(apperr.NotFound, "")
	}
	return notify.Person{Email: u.Email, Name: u.Name, Lang: u.Lang, Delivery: u.NoticeMails}, nil
}

// SetNoticeMails records when the person's notices come by mail: at once,
// in a daily digest or never (notify.Deliveries).
func (m *Module) SetNoticeMails(ctx context.Context, userID string, choice string) error {
	if !notify.ValidDelivery(choice) {
		return apperr.Field("notice_mails", "form.invalid_choice")
	}
	res, err := m.s.DB.ExecContext(ctx, "UPDATE users SET notice_mails = $1 WHERE id = $2 AND deleted_at IS NULL", choice, userID)
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}
