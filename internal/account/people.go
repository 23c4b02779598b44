package account

import (
	"context"

	"teilhabe.org/teilhabe/internal/notify"
)

// Person is how notices of every module reach a person: the address, name
// and language of an active account; NotFound for one that is gone or
// suspended, who is told nothing.
func (m *Module) Person(ctx context.Context, userID string) (notify.Person, error) {
	c, err := m.ContactByID(ctx, userID)
	if err != nil {
		return notify.Person{}, err
	}
	return notify.Person{Email: c.Email, Name: c.Name, Lang: c.Lang}, nil
}
