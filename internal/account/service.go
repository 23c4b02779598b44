package account

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clientip"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/ratelimit"
)

// Rate limits of the entrance doors, counted in the database so they hold
// across app servers. Clients are counted by clientip.Subject (IPv6 per /64).
var (
	registerPerClient = ratelimit.Rule{Name: "register.client", Limit: 10, Window: time.Hour}
	resetPerClient    = ratelimit.Rule{Name: "reset.client", Limit: 10, Window: time.Hour}
	resetPerAccount   = ratelimit.Rule{Name: "reset.account", Limit: 3, Window: time.Hour}
)

// The login door counts failures only: each attempt is counted before the
// password is checked, so parallel guesses cannot slip past a limit, and
// taken back when the password was right. Many people behind one address
// (a shelter's Wi-Fi) can thus all log in, while guessing is slowed down.
var (
	// A client address may fail this often before it has to wait.
	loginFailuresPerClient = ratelimit.Rule{Name: "login.failed.client", Limit: 30, Window: 15 * time.Minute}
	// An account may see this many failures from unknown browsers ...
	// currentPasswordFailures bounds guesses of the current password on the
	// settings forms (password, e-mail address, deleting the account), which
	// a stolen session could otherwise use to learn the password; counted
	// per account, only failures.
	currentPasswordFailures = ratelimit.Rule{Name: "password.current.failed", Limit: 5, Window: 15 * time.Minute}
	loginFailuresPerAccount = ratelimit.Rule{Name: "login.failed.account", Limit: 5, Window: 15 * time.Minute}
	// ... and then one attempt per slot: throttled, not locked, so the owner
	// gets a turn within minutes while a guesser gets no more than before.
	loginThrottledAccount = ratelimit.Rule{Name: "login.throttled.account", Limit: 1, Window: 3 * time.Minute}
	// A browser that logged in to the account before skips the two rules
	// above and may fail this often on its own before it counts as unknown.
	loginFailuresPerDevice = ratelimit.Rule{Name: "login.failed.device", Limit: 10, Window: 15 * time.Minute}
)

// Register creates an unverified account and mails the confirmation link.
// When the address is taken, the owner gets a mail instead and the caller
// sees the same answer, so registration does not reveal who has an account.
func (m *Module) Register(ctx context.Context, r Registration, client string) error {
	r.Email = NormalizeEmail(r.Email)
	r.Name = cleanName(r.Name)
	if err := r.Validate(); err != nil {
		return err
	}
	if err := m.s.Limiter.Allow(ctx, registerPerClient, clientip.Subject(client)); err != nil {
		return err
	}
	// Hashed whether or not the address is taken, so the time of the answer
	// does not tell; and before the transaction, which then holds the
	// writer for a moment only.
	hash := m.hashPassword(r.Password)
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		existing, err := userByEmail(ctx, tx, r.Email)
		switch {
		case err == nil:
			return m.mailAlreadyRegistered(ctx, tx, existing, now)
		case !apperr.Is(err, apperr.NotFound):
			return err
		}
		u := &User{ID: ids.New(), Email: r.Email, Name: r.Name, PasswordHash: hash,
			Lang: r.Lang, Role: auth.Member, CreatedAt: now, ConsentAt: &now}
		if err := insertUser(ctx, tx, u); err != nil {
			return err
		}
		return m.mailVerification(ctx, tx, u, now)
	})
}

// CreateVerified makes an account that needs no confirmation mail (the
// operator's command line and the demo).
func (m *Module) CreateVerified(ctx context.Context, email, name, password, lang string, role auth.Role) (*User, error) {
	email = NormalizeEmail(email)
	name = cleanName(name)
	f := apperr.Fields{}
	checkEmail(f, "email", email)
	checkName(f, name)
	checkStaffName(f, name, role)
	checkPassword(f, "password", password)
	checkLang(f, lang)
	if !auth.ValidRole(string(role)) {
		f.Add("role", "form.invalid_choice")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	u := &User{ID: ids.New(), Email: email, Name: name, PasswordHash: m.hashPassword(password), Lang: lang,
		Role: role, CreatedAt: now, VerifiedAt: &now, ConsentAt: &now}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return insertUser(ctx, tx, u) })
	if apperr.Is(err, apperr.Conflict) {
		return nil, apperr.Field("email", "account.email.taken")
	}
	return u, err
}

// Verify confirms an address through its mailed link.
func (m *Module) Verify(ctx context.Context, secret string) (*User, error) {
	now := m.s.Clock.Now()
	var u *User
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		userID, _, err := useAccountToken(ctx, tx, secret, purposeVerify, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET verified_at = COALESCE(verified_at, $1) WHERE id = $2", now, userID); err != nil {
			return err
		}
		u, err = userByID(ctx, tx, userID)
		return err
	})
	return u, err
}

// Credentials are what a login attempt brings: the address and password
// typed, the client's address (web.Client) and the device cookie of an
// earlier login in the same browser ("" when there is none).
type Credentials struct {
	Email, Password, Client, Device string
}

// Authenticate checks an address and password. Every failure that could
// tell whether an account exists reads the same ("account.login.failed").
func (m *Module) Authenticate(ctx context.Context, c Credentials) (*User, error) {
	email := NormalizeEmail(c.Email)
	u, err := userByEmail(ctx, m.s.DB, email)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	if u != nil && u.DeletedAt != nil {
		u = nil
	}
	counted, err := m.countLoginAttempt(ctx, email, c, u)
	if err != nil {
		return nil, err
	}
	if u == nil {
		CheckPassword(dummyHash, c.Password)
		return nil, apperr.New(apperr.Unauthenticated, "account.login.failed")
	}
	if !CheckPassword(u.PasswordHash, c.Password) {
		return nil, apperr.New(apperr.Unauthenticated, "account.login.failed")
	}
	// The password is right: the attempt was no guess, and from here on the
	// person owns the account and may learn its state.
	for _, a := range counted {
		_ = m.s.Limiter.Undo(ctx, a.rule, a.subject)
	}
	if u.SuspendedAt != nil {
		return nil, apperr.New(apperr.Forbidden, "account.login.suspended")
	}
	if !u.Verified() {
		now := m.s.Clock.Now()
		if err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return m.mailVerification(ctx, tx, u, now) }); err != nil {
			return nil, err
		}
		return nil, apperr.New(apperr.Forbidden, "account.login.unverified")
	}
	return u, nil
}

// countedAttempt is a rule and subject a login attempt was counted under.
type countedAttempt struct {
	rule    ratelimit.Rule
	subject string
}

// countLoginAttempt counts an attempt as a failure under the rules that
// apply to it, or refuses it. A browser the account logged in from before
// answers only for its own failures; any other is counted per client
// address and per account, and throttled once the account had too many.
func (m *Module) countLoginAttempt(ctx context.Context, email string, c Credentials, u *User) ([]countedAttempt, error) {
	if u != nil {
		if nonce, ok := m.knownDevice(ctx, c.Device, u); ok {
			err := m.s.Limiter.Allow(ctx, loginFailuresPerDevice, nonce)
			if err == nil {
				return []countedAttempt{{loginFailuresPerDevice, nonce}}, nil
			}
			if !apperr.Is(err, apperr.RateLimited) {
				return nil, err
			}
		}
	}
	client := clientip.Subject(c.Client)
	if err := m.s.Limiter.Allow(ctx, loginFailuresPerClient, client); err != nil {
		return nil, err
	}
	err := m.s.Limiter.Allow(ctx, loginFailuresPerAccount, email)
	if apperr.Is(err, apperr.RateLimited) {
		err = m.s.Limiter.Allow(ctx, loginThrottledAccount, email)
	}
	if err != nil {
		return nil, err
	}
	return []countedAttempt{{loginFailuresPerClient, client}, {loginFailuresPerAccount, email}}, nil
}

// RequestReset mails a password-reset link if the address has an account;
// the caller answers the same either way.
func (m *Module) RequestReset(ctx context.Context, email, client string) error {
	email = NormalizeEmail(email)
	f := apperr.Fields{}
	checkEmail(f, "email", email)
	if err := f.Err(); err != nil {
		return err
	}
	if err := m.s.Limiter.Allow(ctx, resetPerClient, clientip.Subject(client)); err != nil {
		return err
	}
	if err := m.s.Limiter.Allow(ctx, resetPerAccount, email); err != nil {
		return nil // silently: the owner already has recent links
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		u, err := userByEmail(ctx, tx, email)
		if apperr.Is(err, apperr.NotFound) || (u != nil && u.DeletedAt != nil) {
			return nil
		}
		if err != nil {
			return err
		}
		return m.mailReset(ctx, tx, u, now)
	})
}

// CheckResetLink tells whether a reset link can still be used.
func (m *Module) CheckResetLink(ctx context.Context, secret string) error {
	return checkAccountToken(ctx, m.s.DB, secret, purposeReset, m.s.Clock.Now())
}

// CheckVerifyLink tells whether a link confirming a new account's address
// can still be used, without using it.
func (m *Module) CheckVerifyLink(ctx context.Context, secret string) error {
	return checkAccountToken(ctx, m.s.DB, secret, purposeVerify, m.s.Clock.Now())
}

// CheckEmailLink tells whether a link confirming a changed address can
// still be used, without using it.
func (m *Module) CheckEmailLink(ctx context.Context, secret string) error {
	return checkAccountToken(ctx, m.s.DB, secret, purposeEmail, m.s.Clock.Now())
}

// ResetPassword sets a new password through a reset link. Every session,
// every API token and the account's older links stop working; the address
// counts as confirmed. It returns the account as it is now.
func (m *Module) ResetPassword(ctx context.Context, secret, password, again string) (*User, error) {
	f := apperr.Fields{}
	checkPassword(f, "password", password)
	if password != again {
		f.Add("password_again", "account.password.mismatch")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	var u *User
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		userID, _, err := useAccountToken(ctx, tx, secret, purposeReset, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, auth_version = auth_version + 1,
			verified_at = COALESCE(verified_at, $2) WHERE id = $3`, m.hashPassword(password), now, userID); err != nil {
			return err
		}
		if err := endAPITokens(ctx, tx, userID); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, "UPDATE account_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
			now, userID, purposeReset); err != nil {
			return err
		}
		u, err = userByID(ctx, tx, userID)
		return err
	})
	return u, err
}

// Profile is what a person may change about themselves without a password.
type Profile struct{ Name, Lang string }

// UpdateProfile changes name and language.
func (m *Module) UpdateProfile(ctx context.Context, userID string, p Profile) error {
	u, err := userByID(ctx, m.s.DB, userID)
	if err != nil {
		return err
	}
	p.Name = cleanName(p.Name)
	f := apperr.Fields{}
	checkName(f, p.Name)
	checkStaffName(f, p.Name, u.Role)
	checkLang(f, p.Lang)
	if err := f.Err(); err != nil {
		return err
	}
	_, err = m.s.DB.ExecContext(ctx, "UPDATE users SET name = $1, lang = $2 WHERE id = $3 AND deleted_at IS NULL", p.Name, p.Lang, userID)
	return err
}

// SetLanguage stores the interface language picked by a logged-in person.
func (m *Module) SetLanguage(ctx context.Context, userID, lang string) error {
	if !i18n.Supported(lang) {
		return apperr.Field("lang", "form.invalid_choice")
	}
	_, err := m.s.DB.ExecContext(ctx, "UPDATE users SET lang = $1 WHERE id = $2", lang, userID)
	return err
}

// ChangePassword sets a new password after checking the current one; other
// sessions and every API token end (auth_version) and the caller renews its
// own session.
func (m *Module) ChangePassword(ctx context.Context, userID, current, password, again string) (newVersion int, err error) {
	u, err := userByID(ctx, m.s.DB, userID)
	if err != nil {
		return 0, err
	}
	f := apperr.Fields{}
	if ok, err := m.currentPassword(ctx, u, current); err != nil {
		return 0, err
	} else if !ok {
		f.Add("current_password", "account.password.wrong")
	}
	checkPassword(f, "new_password", password)
	if password != again {
		f.Add("new_password_again", "account.password.mismatch")
	}
	if err := f.Err(); err != nil {
		return 0, err
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `UPDATE users SET password_hash = $1, auth_version = auth_version + 1
			WHERE id = $2 RETURNING auth_version`, m.hashPassword(password), userID).Scan(&newVersion); err != nil {
			return err
		}
		return endAPITokens(ctx, tx, userID)
	})
	return newVersion, err
}

// RequestEmailChange mails a confirmation link to the new address; the
// address changes only when that link is opened.
func (m *Module) RequestEmailChange(ctx context.Context, userID, newEmail, password string) error {
	newEmail = NormalizeEmail(newEmail)
	u, err := userByID(ctx, m.s.DB, userID)
	if err != nil {
		return err
	}
	f := apperr.Fields{}
	checkEmail(f, "new_email", newEmail)
	if ok, err := m.currentPassword(ctx, u, password); err != nil {
		return err
	} else if !ok {
		f.Add("email_password", "account.password.wrong")
	}
	if newEmail == u.Email {
		f.Add("new_email", "account.email.same")
	}
	if err := f.Err(); err != nil {
		return err
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		secret, err := createAccountToken(ctx, tx, u.ID, purposeEmail, newEmail, now)
		if err != nil {
			return err
		}
		l := m.s.Catalog.Localizer(u.Lang)
		return m.enqueue(ctx, tx, newEmail, l, "account.mail.email.subject", u.Name,
			[]string{l.T("account.mail.email.body")}, l.T("account.mail.email.action"), "/settings/email/"+secret, now)
	})
}

// ConfirmEmailChange applies a new address through its link.
func (m *Module) ConfirmEmailChange(ctx context.Context, secret string) error {
	now := m.s.Clock.Now()
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		userID, newEmail, err := useAccountToken(ctx, tx, secret, purposeEmail, now)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE users SET email = $1, verified_at = $2 WHERE id = $3 AND deleted_at IS NULL",
			newEmail, now, userID)
		return err
	})
	if apperr.Is(err, apperr.Conflict) {
		return apperr.New(apperr.Conflict, "account.email.taken")
	}
	return err
}

// CreateToken makes a named API token for the user and returns its secret,
// shown once.
func (m *Module) CreateToken(ctx context.Context, userID, name string) (string, *APIToken, error) {
	if name == "" {
		name = "API"
	}
	if len([]rune(name)) > maxTokenNameLen {
		return "", nil, apperr.Field("token_name", "form.too_long")
	}
	return createAPIToken(ctx, m.s.DB, userID, name, m.s.Clock.Now())
}

// TokenForLogin authenticates like the login form and returns a new token.
func (m *Module) TokenForLogin(ctx context.Context, c Credentials, name string) (string, error) {
	u, err := m.Authenticate(ctx, c)
	if err != nil {
		return "", err
	}
	secret, _, err := m.CreateToken(ctx, u.ID, name)
	return secret, err
}

// SetRole changes a person's platform role (administrators only).
func (m *Module) SetRole(ctx context.Context, actor *auth.Identity, userID string, role auth.Role) error {
	if !actor.IsAdmin() {
		return apperr.New(apperr.Forbidden, "")
	}
	if !auth.ValidRole(string(role)) {
		return apperr.Field("role", "form.invalid_choice")
	}
	if userID == actor.UserID {
		return apperr.New(apperr.Conflict, "account.admin.own_role")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET role = $1 WHERE id = $2 AND deleted_at IS NULL", string(role), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "")
		}
		return audit.Record(ctx, tx, audit.Entry{At: m.s.Clock.Now(), ActorID: actor.UserID, Action: "user.role",
			ObjectType: "user", ObjectID: userID, Details: map[string]any{"role": role}})
	})
}

// SetSuspended suspends or restores an account (coordinators and
// administrators); a suspended person is logged out everywhere and loses
// their API tokens, so a restore does not bring them back.
func (m *Module) SetSuspended(ctx context.Context, actor *auth.Identity, userID string, suspend bool) error {
	if !actor.Staff() {
		return apperr.New(apperr.Forbidden, "")
	}
	if userID == actor.UserID {
		return apperr.New(apperr.Conflict, "account.admin.own_suspend")
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		target, err := userByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		if target.Role == auth.Admin && !actor.IsAdmin() {
			return apperr.New(apperr.Forbidden, "")
		}
		var at any
		action := "user.restore"
		if suspend {
			at, action = now, "user.suspend"
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET suspended_at = $1, auth_version = auth_version + 1 WHERE id = $2",
			at, userID); err != nil {
			return err
		}
		if suspend {
			if err := endAPITokens(ctx, tx, userID); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: action, ObjectType: "user", ObjectID: userID})
	})
}

// Names returns display names for user ids (deleted accounts are ""), for
// modules that show who did something without reading this module's table.
func (m *Module) Names(ctx context.Context, userIDs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, id := range userIDs {
		if _, seen := out[id]; seen || !ids.Valid(id) {
			continue
		}
		var name string
		var deleted sql.NullTime
		err := m.s.DB.QueryRowContext(ctx, "SELECT name, deleted_at FROM users WHERE id = $1", id).Scan(&name, &deleted)
		if err != nil && !apperr.Is(db.Err(err), apperr.NotFound) {
			return nil, db.Err(err)
		}
		if deleted.Valid {
			name = ""
		}
		out[id] = name
	}
	return out, nil
}

// Contact is what other modules may learn about a person to write to them.
type Contact struct {
	UserID, Email, Name, Lang string
}

// ContactByEmail finds an active, verified account by address.
func (m *Module) ContactByEmail(ctx context.Context, email string) (*Contact, error) {
	u, err := userByEmail(ctx, m.s.DB, email)
	if err != nil {
		return nil, err
	}
	if !u.Active() {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return &Contact{UserID: u.ID, Email: u.Email, Name: u.Name, Lang: u.Lang}, nil
}

// ContactByID returns an active account's contact.
func (m *Module) ContactByID(ctx context.Context, userID string) (*Contact, error) {
	u, err := userByID(ctx, m.s.DB, userID)
	if err != nil {
		return nil, err
	}
	if !u.Active() {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return &Contact{UserID: u.ID, Email: u.Email, Name: u.Name, Lang: u.Lang}, nil
}

// currentPassword checks the password a logged-in person typed to confirm a
// change. Failures are counted per account; past the limit it answers
// RateLimited without checking, so a stolen session cannot guess on. A
// right password forgets the failures.
func (m *Module) currentPassword(ctx context.Context, u *User, pw string) (bool, error) {
	if err := m.s.Limiter.Allow(ctx, currentPasswordFailures, u.ID); err != nil {
		return false, err
	}
	if !CheckPassword(u.PasswordHash, pw) {
		return false, nil
	}
	return true, m.s.Limiter.Reset(ctx, currentPasswordFailures, u.ID)
}
