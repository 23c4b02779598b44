package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/secrets"
)

// TestAccessLogCutsOutSecrets: the access log names the path of a reset or
// invitation link without its secret, so reading the log hands out no
// working link.
func TestAccessLogCutsOutSecrets(t *testing.T) {
	var logged bytes.Buffer
	h := Observe(slog.New(slog.NewTextHandler(&logged, nil)))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	secret, _ := secrets.New()
	for _, path := range []string{"/password/reset/" + secret, "/invitations/" + secret} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
	}
	if strings.Contains(logged.String(), secret) || !strings.Contains(logged.String(), "/password/reset/…") {
		t.Errorf("logged:\n%s", logged.String())
	}
}
