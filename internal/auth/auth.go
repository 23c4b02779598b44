// Package auth carries who is asking through a request: the Identity that
// the account module resolves from the session cookie or an API token, and
// the checks handlers use. It knows nothing of how accounts are stored.
package auth

import (
	"context"

	"teilhabe.org/teilhabe/internal/apperr"
)

// Role is a platform-wide role.
type Role string

const (
	Member      Role = "member"
	Coordinator Role = "coordinator"
	Admin       Role = "admin"
)

// ValidRole reports whether r is a known role.
func ValidRole(r string) bool {
	switch Role(r) {
	case Member, Coordinator, Admin:
		return true
	}
	return false
}

// Identity is the logged-in person.
type Identity struct {
	UserID string
	Name   string
	Email  string
	Lang   string
	Role   Role
	Via    string // "session" or "token"
}

// Staff reports whether the person may use the admin area.
func (i *Identity) Staff() bool { return i != nil && (i.Role == Coordinator || i.Role == Admin) }

// IsAdmin reports whether the person is an administrator.
func (i *Identity) IsAdmin() bool { return i != nil && i.Role == Admin }

type ctxKey struct{}

// With returns ctx carrying id.
func With(ctx context.Context, id *Identity) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// From returns the identity in ctx, or nil for a visitor.
func From(ctx context.Context) *Identity {
	id, _ := ctx.Value(ctxKey{}).(*Identity)
	return id
}

// Require returns the identity or an Unauthenticated error.
func Require(ctx context.Context) (*Identity, error) {
	id := From(ctx)
	if id == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	return id, nil
}

// RequireStaff returns the identity of a coordinator or administrator.
func RequireStaff(ctx context.Context) (*Identity, error) {
	id, err := Require(ctx)
	if err != nil {
		return nil, err
	}
	if !id.Staff() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	return id, nil
}
