package account

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/secrets"
)

const userColumns = `id, COALESCE(email, ''), name, password_hash, lang, role, created_at, verified_at, consent_at,
	suspended_at, deleted_at, auth_version, notice_mails`

func scanUser(row db.Scanner) (*User, error) {
	u := &User{}
	var role string
	var verified, consent, suspended, deleted sql.NullTime
	if err := row.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.Lang, &role, &u.CreatedAt, &verified, &consent,
		&suspended, &deleted, &u.AuthVersion, &u.NoticeMails); err != nil {
		return nil, db.Err(err)
	}
	u.Role = auth.Role(role)
	u.VerifiedAt = db.TimePtr(verified)
	u.ConsentAt = db.TimePtr(consent)
	u.SuspendedAt = db.TimePtr(suspended)
	u.DeletedAt = db.TimePtr(deleted)
	return u, nil
}

// userByID loads an account (deleted ones too).
func userByID(ctx context.Context, q db.Querier, id string) (*User, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanUser(q.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE id = $1", id))
}

// userByEmail loads the account with that address.
func userByEmail(ctx context.Context, q db.Querier, email string) (*User, error) {
	return scanUser(q.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE email = $1", NormalizeEmail(email)))
}

func insertUser(ctx context.Context, q db.Querier, u *User) error {
	_, err := q.ExecContext(ctx, `INSERT INTO users (id, email, name, password_hash, lang, role, created_at,
		verified_at, consent_at, auth_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)`,
		u.ID, u.Email, u.Name, u.PasswordHash, u.Lang, string(u.Role), u.CreatedAt, u.VerifiedAt, u.ConsentAt)
	return db.Err(err)
}

// Token purposes of mailed single-use links.
const (
	purposeVerify = "verify"
	purposeReset  = "reset"
	purposeEmail  = "email"
)

// How long mailed links work.
var tokenLifetime = map[string]time.Duration{
	purposeVerify: 72 * time.Hour,
	purposeReset:  time.Hour,
	purposeEmail:  24 * time.Hour,
}

// createAccountToken stores a single-use link secret for the user.
func createAccountToken(ctx context.Context, q db.Querier, userID, purpose, newEmail string, now time.Time) (string, error) {
	secret, hash := secrets.New()
	var ne any
	if newEmail != "" {
		ne = newEmail
	}
	_, err := q.ExecContext(ctx, `INSERT INTO account_tokens (hash, user_id, purpose, new_email, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, hash, userID, purpose, ne, now, now.Add(tokenLifetime[purpose]))
	return secret, db.Err(err)
}

// useAccountToken marks a link used and returns its user and new address.
// An unknown, used or expired link is NotFound with a message saying so.
func useAccountToken(ctx context.Context, tx *sql.Tx, secret, purpose string, now time.Time) (userID, newEmail string, err error) {
	var ne sql.NullString
	err = tx.QueryRowContext(ctx, `UPDATE account_tokens SET used_at = $1
		WHERE hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
		RETURNING user_id, new_email`, now, secrets.Hash(secret), purpose).Scan(&userID, &ne)
	if err != nil {
		if apperr.Is(db.Err(err), apperr.NotFound) {
			return "", "", apperr.New(apperr.NotFound, "account.link.invalid")
		}
		return "", "", db.Err(err)
	}
	return userID, ne.String, nil
}

// checkAccountToken tells whether a link is still usable, without using it.
func checkAccountToken(ctx context.Context, q db.Querier, secret, purpose string, now time.Time) error {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM account_tokens
		WHERE hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
		secrets.Hash(secret), purpose, now).Scan(&n)
	if err != nil {
		return db.Err(err)
	}
	if n == 0 {
		return apperr.New(apperr.NotFound, "account.link.invalid")
	}
	return nil
}

// APIToken is a personal token for the API; only its hash is stored.
type APIToken struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
}

// tokenPrefix makes tokens recognisable in logs and secret scanners.
const tokenPrefix = "thb_"

func createAPIToken(ctx context.Context, q db.Querier, userID, name string, now time.Time) (string, *APIToken, error) {
	secret, _ := secrets.New()
	secret = tokenPrefix + secret
	hash := secrets.Hash(secret)
	t := &APIToken{ID: ids.New(), Name: name, CreatedAt: now}
	_, err := q.ExecContext(ctx, `INSERT INTO api_tokens (id, user_id, name, hash, created_at) VALUES ($1, $2, $3, $4, $5)`,
		t.ID, userID, name, hash, now)
	return secret, t, db.Err(err)
}

func listAPITokens(ctx context.Context, q db.Querier, userID string) ([]APIToken, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, created_at, last_used_at FROM api_tokens
		WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, userID)
	return db.Collect(rows, err, func(row db.Scanner) (APIToken, error) {
		var t APIToken
		var last sql.NullTime
		err := row.Scan(&t.ID, &t.Name, &t.CreatedAt, &last)
		t.LastUsedAt = db.TimePtr(last)
		return t, err
	})
}

// revokeAPIToken deletes a token of the user; another user's token is
// NotFound, exactly like a token that does not exist.
func revokeAPIToken(ctx context.Context, q db.Querier, userID, tokenID string) error {
	if !ids.Valid(tokenID) {
		return apperr.New(apperr.NotFound, "")
	}
	res, err := q.ExecContext(ctx, "DELETE FROM api_tokens WHERE id = $1 AND user_id = $2", tokenID, userID)
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}

// endAPITokens deletes all tokens of the user: a token is a way in like a
// session, so whatever ends the sessions (a new password) ends them too.
func endAPITokens(ctx context.Context, tx *sql.Tx, userID string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM api_tokens WHERE user_id = $1", userID)
	return db.Err(err)
}

// userByAPIToken resolves a bearer token to its account.
func userByAPIToken(ctx context.Context, q db.Querier, secret string) (u *User, tokenID string, lastUsed *time.Time, err error) {
	var userID string
	var last sql.NullTime
	err = q.QueryRowContext(ctx, "SELECT id, user_id, last_used_at FROM api_tokens WHERE hash = $1",
		secrets.Hash(secret)).Scan(&tokenID, &userID, &last)
	if err != nil {
		return nil, "", nil, db.Err(err)
	}
	u, err = userByID(ctx, q, userID)
	return u, tokenID, db.TimePtr(last), err
}
