package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
)

// TestFailuresAreLoggedByWhoseFaultTheyAre: a request whose client went
// away, or that found the database unreachable, is not logged as an error;
// anything else that fails on our side is.
func TestFailuresAreLoggedByWhoseFaultTheyAre(t *testing.T) {
	r := testRenderer(t, plainPage, nil)
	var logged bytes.Buffer
	r.log = slog.New(slog.NewTextHandler(&logged, nil))
	gone, leave := context.WithCancel(context.Background())
	leave()
	cases := []struct {
		name  string
		ctx   context.Context
		err   error
		level string
	}{
		{"client gone", gone, apperr.Wrap(apperr.Unavailable, context.Canceled), "level=INFO"},
		{"database unreachable", context.Background(), apperr.Wrap(apperr.Unavailable, errors.New("connection refused")), "level=WARN"},
		{"a fault", context.Background(), apperr.Wrap(apperr.Internal, errors.New("syntax error")), "level=ERROR"},
	}
	for _, c := range cases {
		logged.Reset()
		req := httptest.NewRequest(http.MethodGet, "/", nil).WithContext(c.ctx)
		r.Error(httptest.NewRecorder(), req, c.err)
		if !strings.HasPrefix(logged.String(), "time=") || !strings.Contains(logged.String(), c.level) {
			t.Errorf("%s: logged %q, want %s", c.name, logged.String(), c.level)
		}
	}
}
