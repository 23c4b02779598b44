package account

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/notify"
)

// User is an account. Email is empty once the account was deleted: the row
// stays so that what the person wrote in shared conversations keeps an
// author ("deleted user") for the other side.
type User struct {
	ID           string
	Email        string
	Name         string
	PasswordHash string
	Lang         string
	Role         auth.Role
	CreatedAt    time.Time
	VerifiedAt   *time.Time
	ConsentAt    *time.Time
	SuspendedAt  *time.Time
	DeletedAt    *time.Time
	AuthVersion  int
	NoticeMails  notify.Delivery // when notices come by mail
}

// Verified reports whether the e-mail address was confirmed.
func (u *User) Verified() bool { return u.VerifiedAt != nil }

// Active reports whether the account may log in.
func (u *User) Active() bool { return u.DeletedAt == nil && u.SuspendedAt == nil }

// Identity is the request identity of u.
func (u *User) Identity(via string) *auth.Identity {
	return &auth.Identity{UserID: u.ID, Name: u.Name, Email: u.Email, Lang: u.Lang, Role: u.Role, Via: via}
}

// Limits on what people type.
const (
	maxNameLen      = 80
	minPasswordLen  = 10
	maxPasswordLen  = 200
	maxEmailLen     = 254
	maxTokenNameLen = 60
)

// NormalizeEmail lower-cases and trims an address; addresses are unique
// regardless of case.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidEmail reports whether s is a plain address (no display name).
func ValidEmail(s string) bool {
	if s == "" || len(s) > maxEmailLen || strings.ContainsAny(s, " <>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

func checkEmail(f apperr.Fields, field, email string) {
	switch {
	case email == "":
		f.Add(field, "form.required")
	case !ValidEmail(email):
		f.Add(field, "form.invalid_email")
	}
}

func checkName(f apperr.Fields, name string) {
	switch {
	case name == "":
		f.Add("name", "form.required")
	case utf8.RuneCountInString(name) > maxNameLen:
		f.Add("name", "form.too_long")
	}
}

func checkPassword(f apperr.Fields, field, pw string) {
	switch {
	case pw == "":
		f.Add(field, "form.required")
	case utf8.RuneCountInString(pw) < minPasswordLen:
		f.Add(field, "account.password.too_short")
	case len(pw) > maxPasswordLen:
		f.Add(field, "form.too_long")
	}
}

func checkLang(f apperr.Fields, lang string) {
	if !i18n.Supported(lang) {
		f.Add("lang", "form.invalid_choice")
	}
}

// Registration is what a person fills in to register.
type Registration struct {
	Email, Name, Password, PasswordAgain, Lang string
	Consent                                    bool
}

// Validate checks a registration and returns field errors.
func (r *Registration) Validate() error {
	f := apperr.Fields{}
	checkEmail(f, "email", r.Email)
	checkName(f, r.Name)
	checkStaffName(f, r.Name, auth.Member)
	checkPassword(f, "password", r.Password)
	if r.Password != r.PasswordAgain {
		f.Add("password_again", "account.password.mismatch")
	}
	checkLang(f, r.Lang)
	if !r.Consent {
		f.Add("consent", "account.consent.required")
	}
	return f.Err()
}
