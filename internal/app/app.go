// Package app assembles teilhabe: it gives modules the shared services,
// collects their migrations, messages, templates, routes, API operations,
// jobs and demo content, hands each module's contributions to the layout
// and to other modules (contrib.go), and builds the HTTP handler with its
// middleware. A new module is a new folder plus one line in
// platform/modules.go.
package app

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/alexedwards/scs/v2"
	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/clientip"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/web"
)

// Services are the shared plumbing every module may use. They are built
// once at start and passed explicitly; there is no global configuration.
// Nothing of a module belongs here: a module that needs another is given
// it in platform/modules.go, and a module's settings go to its constructor.
type Services struct {
	DB       *db.DB
	Clock    clock.Clock
	Log      *slog.Logger
	Catalog  *i18n.Catalog
	Render   *web.Renderer
	Sessions *scs.SessionManager
	Limiter  *ratelimit.Limiter
	ClientIP clientip.Trusted
	BaseURL  string // public URL without trailing slash, for mails and feeds
	Mail     MailSettings
	Notify   *notify.Notifier // tells people that something waits for them: a record and a mail

	// MetricsToken opens /metrics to other machines that send it as a
	// bearer token; when empty, only the machine itself reads the figures.
	MetricsToken string
}

// MailSettings are what mail-sending modules need to know.
type MailSettings struct {
	// Delivers is false when no SMTP server is configured: mail is then only
	// logged and shown to administrators.
	Delivers bool
}

// Module is one folder of teilhabe. It implements Name and any of the
// optional interfaces below.
type Module interface {
	Name() string
}

// Migrator owns tables.
type Migrator interface{ Migrations() db.Migrations }

// Translated ships messages: an FS with "<lang>.json" files.
type Translated interface{ Messages() fs.FS }

// Templated ships page templates: an FS with "*.html" files.
type Templated interface{ Templates() fs.FS }

// Routed serves pages and forms.
type Routed interface{ Routes(mux *http.ServeMux) }

// APIProvider offers operations under /api/v1.
type APIProvider interface{ RegisterAPI(api huma.API) }

// Scheduled runs periodic jobs.
type Scheduled interface{ Jobs() []jobs.Job }

// Seeder fills an empty database with demo content.
type Seeder interface {
	SeedDemo(ctx context.Context, demo *Demo) error
}

// Middleware wraps every request after the session is loaded (the account
// module resolves the identity this way).
type Middleware interface {
	Middleware(next http.Handler) http.Handler
}
