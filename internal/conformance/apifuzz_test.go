package conformance_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apifuzz"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/conformance"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// fuzzCallers are the demo people whose tokens the fuzzer uses beside the
// anonymous caller: the administrator, an organisation's editor and a
// newcomer.
var fuzzCallers = []string{"admin@demo.teilhabe.example", "sabine@demo.teilhabe.example", "amal@demo.teilhabe.example"}

// TestAPIAgainstItsDocument walks the OpenAPI document of the platform
// with the demo content: every operation with valid and broken
// parameters and bodies, anonymously and with tokens; no answer may be a
// server error or outside what the document says.
func TestAPIAgainstItsDocument(t *testing.T) {
	type env struct {
		e    *apptest.Env
		demo *app.Demo
	}
	dbtest.Each(t, func(t *testing.T, d db.Dialect) env { e, demo := conformance.Demo(t, d); return env{e, demo} },
		func(t *testing.T, x env) {
			e := x.e
			res := e.Client(t).Get("/api/v1/openapi.json")
			if res.Status != http.StatusOK {
				t.Fatalf("openapi.json: %d", res.Status)
			}
			tokens := map[string]string{}
			for _, email := range fuzzCallers {
				status, body := e.API(t, "", http.MethodPost, "/api/v1/tokens",
					map[string]any{"email": email, "password": account.DemoPassword, "name": "fuzz"})
				if status != http.StatusCreated {
					t.Fatalf("token of %s: %d %v", email, status, body)
				}
				tokens[strings.Split(email, "@")[0]] = body["token"].(string)
			}
			ids := map[string][]string{}
			for _, id := range x.demo.Orgs {
				ids["organizations"] = append(ids["organizations"], id)
			}
			for _, id := range x.demo.Listings {
				ids["listings"] = append(ids["listings"], id)
			}
			for _, list := range ids {
				slices.Sort(list)
			}
			report, err := apifuzz.Run(context.Background(), apifuzz.Config{
				BaseURL: e.URL, Doc: []byte(res.Body), Tokens: tokens, IDs: ids, Seed: 16, Now: e.Clock.Now(),
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range report.Findings {
				t.Errorf("%s", f)
			}
			t.Logf("OpenAPI fuzzing: %d operations, %d cases (%d answered 2xx), %d checks, %d findings",
				report.Operations, report.Cases, report.Succeeded, report.Checks, len(report.Findings))
		})
}
