// Package apperr is the one error type of teilhabe. Every error that reaches a
// user carries a Code; one table maps each code to an HTTP status and to the id
// of a translated message, so handlers never pick statuses or wording ad hoc.
package apperr

import (
	"errors"
	"fmt"
	"net/http"
)

// Code classifies an error for users and HTTP.
type Code string

const (
	Invalid         Code = "invalid"         // the input is wrong; see Fields
	NotFound        Code = "not_found"       // no such object, or not visible to the caller
	Conflict        Code = "conflict"        // the object exists already or changed meanwhile
	Unauthenticated Code = "unauthenticated" // the caller must log in
	Forbidden       Code = "forbidden"       // logged in, but not allowed
	RateLimited     Code = "rate_limited"    // too many attempts; try later
	Unavailable     Code = "unavailable"     // a dependency is down
	Internal        Code = "internal"        // a bug or an unexpected failure
)

var statusOf = map[Code]int{
	Invalid:         http.StatusUnprocessableEntity,
	NotFound:        http.StatusNotFound,
	Conflict:        http.StatusConflict,
	Unauthenticated: http.StatusUnauthorized,
	Forbidden:       http.StatusForbidden,
	RateLimited:     http.StatusTooManyRequests,
	Unavailable:     http.StatusServiceUnavailable,
	Internal:        http.StatusInternalServerError,
}

// Error is a classified error. Msg is a message id of the catalogue (its
// default is "error.<code>"); Fields maps form fields to message ids.
type Error struct {
	Code   Code
	Msg    string
	Args   map[string]any
	Fields map[string]string
	Err    error // the cause, logged but never shown
}

func (e *Error) Error() string {
	s := string(e.Code)
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	if len(e.Fields) > 0 {
		s += fmt.Sprintf(" %v", e.Fields)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a code and a message id ("" for the default).
func New(code Code, msg string) *Error { return &Error{Code: code, Msg: msg} }

// Wrap classifies a cause.
func Wrap(code Code, cause error) *Error { return &Error{Code: code, Err: cause} }

// Field returns an Invalid error for one form field.
func Field(field, msg string) *Error {
	return &Error{Code: Invalid, Fields: map[string]string{field: msg}}
}

// Fields collects field errors; Err returns nil while none were added.
type Fields map[string]string

// Add records msg for field unless the field already has an error.
func (f Fields) Add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// Err returns the collected errors as one Invalid error, or nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Fields: f}
}

// As returns err as *Error; anything unclassified becomes Internal.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Err: err}
}

// CodeOf returns the code of err ("" for nil).
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	return As(err).Code
}

// Is reports whether err carries code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }

// Status returns the HTTP status for err.
func Status(err error) int { return statusOf[As(err).Code] }

// MessageID returns the catalogue id that explains err to a user.
func MessageID(err error) string {
	e := As(err)
	if e.Msg != "" {
		return e.Msg
	}
	return "error." + string(e.Code)
}
