package app

import (
	"log/slog"
	"strings"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/session"
	"teilhabe.org/teilhabe/internal/web"
)

// NewServices builds the shared services on d: an empty message catalogue,
// the renderer, sessions in the database (cookies marked Secure when
// baseURL is https), the rate limiter and the notifier. What depends on
// the operator's settings (ClientIP, Mail, MetricsToken) is left for the
// caller. The platform builds its services so, and so do tests that
// assemble a few modules without the platform.
func NewServices(d *db.DB, clk clock.Clock, log *slog.Logger, baseURL string) *Services {
	cat := i18n.NewCatalog()
	sessions := session.NewManager(d, clk, strings.HasPrefix(baseURL, "https://"))
	return &Services{
		DB:       d,
		Clock:    clk,
		Log:      log,
		Catalog:  cat,
		Render:   web.NewRenderer(cat, sessions, clk, log),
		Sessions: sessions,
		Limiter:  ratelimit.New(d, clk),
		BaseURL:  baseURL,
		Notify:   notify.New(d, cat, baseURL),
	}
}
