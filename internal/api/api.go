// Package api sets up the JSON API under /api/v1: an OpenAPI 3.1 document
// at /api/v1/openapi.json, bearer-token security, and errors as RFC 9457
// problem JSON with messages in the caller's language. Modules add their
// operations with huma.Register.
package api

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

// Prefix is where the API lives.
const Prefix = "/api/v1"

// BearerScheme names the security scheme of the OpenAPI document.
const BearerScheme = "bearer"

// New mounts an API on mux. No documentation page is served: it would load
// scripts from another host; the OpenAPI document is enough for tools.
func New(mux *http.ServeMux, baseURL string) huma.API {
	cfg := huma.DefaultConfig("teilhabe API", "1.0.0")
	cfg.Info.Description = "Open interface of teilhabe. Authenticate with a personal token: " +
		"`Authorization: Bearer <token>` (create one on the settings page or with POST /api/v1/tokens)."
	cfg.Info.License = &huma.License{Name: "EUPL-1.2", Identifier: "EUPL-1.2"}
	cfg.OpenAPIPath = Prefix + "/openapi"
	cfg.DocsPath = ""
	cfg.SchemasPath = Prefix + "/schemas"
	cfg.Servers = []*huma.Server{{URL: baseURL}}
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		BearerScheme: {Type: "http", Scheme: "bearer", Description: "A personal API token."},
	}
	cfg.CreateHooks = nil // no $schema links in responses
	a := humago.New(mux, cfg)
	a.OpenAPI().OnAddOperation = append(a.OpenAPI().OnAddOperation, documentOperation)
	a.UseMiddleware(noStorePersonal, recoverProblem, refuseNUL(a))
	mux.Handle(Prefix+"/", unrouted(mux))
	return a
}

// Secured marks an operation as requiring a token in the document.
var Secured = []map[string][]string{{BearerScheme: {}}}

// documentOperation completes an operation's entry in the document with what
// its handler does not say: a public operation declares that it takes no
// token (security: [], where a missing list would mean "as the document
// says"), and the 4xx problems it can answer are listed beside the default
// one, so clients and linters know them.
func documentOperation(_ *huma.OpenAPI, op *huma.Operation) {
	if op.Security == nil {
		op.Security = []map[string][]string{}
	}
	problem := op.Responses["default"]
	if problem == nil {
		return
	}
	add := func(status int) {
		code := strconv.Itoa(status)
		if _, ok := op.Responses[code]; !ok {
			op.Responses[code] = &huma.Response{Description: http.StatusText(status), Content: problem.Content}
		}
	}
	if len(op.Security) > 0 {
		add(http.StatusUnauthorized)
		add(http.StatusForbidden)
	}
	if strings.Contains(op.Path, "{") {
		add(http.StatusNotFound)
	}
	if op.RequestBody != nil {
		add(http.StatusBadRequest) // no body, or not JSON
	}
	if len(op.Parameters) > 0 || op.RequestBody != nil {
		add(http.StatusUnprocessableEntity)
	}
}

// Err turns a domain error into problem JSON with a translated detail and,
// for invalid input, one entry per field. A field is in the request body
// unless its name says where it is, as "query.cursor" does.
func Err(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	e := apperr.As(err)
	l := web.Localizer(ctx)
	if l == nil {
		l = fallback
	}
	var details []error
	for f, msg := range e.Fields {
		details = append(details, &huma.ErrorDetail{Location: location(f), Message: l.T(msg)})
	}
	return huma.NewError(apperr.Status(err), l.T(apperr.MessageID(err)), details...)
}

// location names where a field error is, the way huma names them.
func location(field string) string {
	for _, in := range []string{"query.", "path.", "header."} {
		if strings.HasPrefix(field, in) {
			return field
		}
	}
	return "body." + field
}

var fallback = func() *i18n.Localizer {
	c := i18n.NewCatalog()
	return c.Localizer(i18n.Default)
}()

// User returns the caller's identity or a 401 problem.
func User(ctx context.Context) (*auth.Identity, error) {
	id, err := auth.Require(ctx)
	if err != nil {
		return nil, Err(ctx, err)
	}
	return id, nil
}

// noStorePersonal marks an answer no-store when it belongs to one caller:
// one to an identified caller (shared caches do not tell session cookies
// apart) and one to any write (POST /api/v1/tokens answers with a token).
// A visitor's read stays cacheable.
func noStorePersonal(ctx huma.Context, next func(huma.Context)) {
	read := ctx.Method() == http.MethodGet || ctx.Method() == http.MethodHead
	if !read || auth.From(ctx.Context()) != nil || ctx.Header("Authorization") != "" {
		ctx.SetHeader("Cache-Control", "no-store")
	}
	next(ctx)
}

// NoInput is the input of an operation that reads nothing of the request
// but the caller's identity.
type NoInput struct{}

// NoContent is the output of an operation that answers 204 without a body.
type NoContent struct{}

// nulProbe is how much of a request body refuseNUL reads; the operation's
// own body limit applies to the rest.
const nulProbe = 1 << 20

// refuseNUL answers 422 to a body whose JSON text holds a NUL character
// (written \u0000). PostgreSQL cannot store one in text and SQLite would,
// so without this the same request failed on one engine and stored a
// character no reader shows on the other. Forms strip them (web.NewForm).
func refuseNUL(a huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		body := ctx.BodyReader()
		if body == nil {
			next(ctx)
			return
		}
		head, err := io.ReadAll(io.LimitReader(body, nulProbe))
		if err == nil && hasEscapedNUL(head) {
			l := web.Localizer(ctx.Context())
			if l == nil {
				l = fallback
			}
			huma.WriteErr(a, ctx, http.StatusUnprocessableEntity, l.T("error.nul_character"))
			return
		}
		next(withBody{ctx, io.MultiReader(bytes.NewReader(head), body)})
	}
}

// hasEscapedNUL reports whether JSON text holds the escape \u0000 (and not
// an escaped backslash followed by "u0000").
func hasEscapedNUL(b []byte) bool {
	for i := bytes.Index(b, []byte(`\u0000`)); i >= 0; {
		slashes := 0
		for j := i; j >= 0 && b[j] == '\\'; j-- {
			slashes++
		}
		if slashes%2 == 1 {
			return true
		}
		next := bytes.Index(b[i+1:], []byte(`\u0000`))
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// withBody is a request context whose body was read ahead.
type withBody struct {
	humaContext
	body io.Reader
}

// humaContext lets withBody embed huma.Context under a name that is not
// one of its methods.
type humaContext = huma.Context

func (c withBody) BodyReader() io.Reader { return c.body }
