package apptest

import (
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
)

// WantStatus reports an error, with the start of the body, when a request
// of what returned got instead of want.
func WantStatus(t testing.TB, what string, got, want int, body string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: status %d, want %d\n%.3000s", what, got, want, body)
	}
}

// Contains reports an error for every piece missing from body, the page
// or answer of what.
func Contains(t testing.TB, what, body string, pieces ...string) {
	t.Helper()
	for _, p := range pieces {
		if !strings.Contains(body, p) {
			t.Errorf("%s lacks %q", what, p)
		}
	}
}

// Lacks reports an error for every piece that body shows.
func Lacks(t testing.TB, what, body string, pieces ...string) {
	t.Helper()
	for _, p := range pieces {
		if strings.Contains(body, p) {
			t.Errorf("%s shows %q", what, p)
		}
	}
}

// WantCode reports an error when err, returned by what, is not of code.
func WantCode(t testing.TB, what string, err error, code apperr.Code) {
	t.Helper()
	if !apperr.Is(err, code) {
		t.Errorf("%s: %v, want %s", what, err, code)
	}
}
