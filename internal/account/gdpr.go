package account

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/userdata"
)

// Export is everything the platform holds about a person: the account and
// each module's part.
type Export struct {
	GeneratedAt time.Time      `json:"generated_at"`
	Account     AccountExport  `json:"account"`
	APITokens   []APIToken     `json:"api_tokens"`
	Modules     map[string]any `json:"modules"`
}

// AccountExport is the account's own part of an export.
type AccountExport struct {
	ID         string     `json:"id"`
	Email      string     `json:"email"`
	Name       string     `json:"name"`
	Language   string     `json:"language"`
	Role       string     `json:"role"`
	CreatedAt  time.Time  `json:"created_at"`
	VerifiedAt *time.Time `json:"verified_at,omitempty"`
	ConsentAt  *time.Time `json:"privacy_consent_at,omitempty"`
	// NoticeMails is when notices come by mail: "now", "daily" or "never".
	NoticeMails string `json:"notice_mails"`
}

// AddUserData registers a module's part in export and erasure.
func (m *Module) AddUserData(p userdata.Provider) { m.providers = append(m.providers, p) }

// Export collects the person's data from every module.
func (m *Module) Export(ctx context.Context, userID string) (*Export, error) {
	u, err := userByID(ctx, m.s.DB, userID)
	if err != nil {
		return nil, err
	}
	tokens, err := listAPITokens(ctx, m.s.DB, userID)
	if err != nil {
		return nil, err
	}
	e := &Export{
		GeneratedAt: m.s.Clock.Now(),
		Account: AccountExport{ID: u.ID, Email: u.Email, Name: u.Name, Language: u.Lang, Role: string(u.Role),
			CreatedAt: u.CreatedAt, VerifiedAt: u.VerifiedAt, ConsentAt: u.ConsentAt, NoticeMails: string(u.NoticeMails)},
		APITokens: tokens,
		Modules:   map[string]any{},
	}
	if e.APITokens == nil {
		e.APITokens = []APIToken{}
	}
	for _, p := range m.providers {
		part, err := p.Export(ctx, userID)
		if err != nil {
			return nil, err
		}
		e.Modules[p.Name()] = part
	}
	return e, nil
}

// Delete erases an account after checking the password: every module
// erases or withdraws its part, and the account row keeps only its id, so
// shared conversations show "deleted user" to the other side.
func (m *Module) Delete(ctx context.Context, userID, password string) error {
	u, err := userByID(ctx, m.s.DB, userID)
	if err != nil {
		return err
	}
	if ok, err := m.currentPassword(ctx, u, password); err != nil {
		return err
	} else if !ok {
		return apperr.Field("delete_password", "account.password.wrong")
	}
	for _, p := range m.providers {
		if err := p.CheckErase(ctx, userID); err != nil {
			return err
		}
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, p := range m.providers {
			if err := p.Erase(ctx, tx, userID); err != nil {
				return err
			}
		}
		if err := mail.ForgetRecipient(ctx, tx, u.Email); err != nil {
			return err
		}
		for _, q := range []string{
			"DELETE FROM api_tokens WHERE user_id = $1",
			"DELETE FROM account_tokens WHERE user_id = $1",
			"DELETE FROM account_calendar_feeds WHERE user_id = $1",
		} {
			if _, err := tx.ExecContext(ctx, q, userID); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE users SET email = NULL, name = '', password_hash = '', consent_at = NULL,
			deleted_at = $1, auth_version = auth_version + 1 WHERE id = $2`, now, userID)
		return err
	})
}
