package platform_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
)

// The authorization matrix: every route of the platform, pages and API,
// with what it touches. A route registered on the mux or described in the
// OpenAPI document without an entry here fails TestAuthorizationMatrix.
//
//   - public: no owned object, or one everybody may see (its page, its
//     public API view); visitors are only checked not to see private text.
//   - self: acts on the caller's own account; a visitor is refused.
//   - staff: coordinators and administrators only; every probe is refused.
//   - owned: the objects filling the path's wildcards in order (and any
//     {name} in the form or body) come from the fixture; the personas in
//     allowed may, everyone else is refused.
var matrix = map[string]route{
	// Plumbing and documents.
	"/":                                  public(),
	"/api/v1/":                           public(),
	"GET /{$}":                           public(),
	"GET /healthz":                       public(),
	"GET /favicon.ico":                   public(),
	"GET /readyz":                        public(),
	"GET /metrics":                       public(), // loopback or its bearer token, tested in metrics
	"GET /static/":                       public(),
	"GET /uploads/{id}":                  public(),
	"GET /api/v1/openapi.json":           public(),
	"GET /api/v1/openapi.yaml":           public(),
	"GET /api/v1/openapi-3.0.json":       public(),
	"GET /api/v1/openapi-3.0.yaml":       public(),
	"GET /api/v1/schemas/{schema}":       public(),
	"GET /legal/{page}":                  public(),
	"POST /language":                     public(),
	"GET /search":                        public(),
	"GET /api/v1/search":                 public(),
	"GET /api/v1/categories":             public(),
	"GET /api/v1/opendata/opportunities": public(),
	"GET /api/v1/opendata/events":        public(),

	// Accounts. Links with a secret ({token}, {secret}) are their own
	// authority: whoever holds the mailed link.
	"GET /login":                        public(),
	"POST /login":                       public(),
	"POST /logout":                      public(),
	"GET /register":                     public(),
	"POST /register":                    public(),
	"GET /register/done":                public(),
	"GET /verify/{token}":               public(),
	"POST /verify/{token}":              public(),
	"GET /password/forgot":              public(),
	"POST /password/forgot":             public(),
	"GET /password/reset/{token}":       public(),
	"POST /password/reset/{token}":      public(),
	"GET /settings/email/{token}":       public(),
	"POST /settings/email/{token}":      public(),
	"POST /api/v1/tokens":               public(),
	"GET /settings":                     self(),
	"POST /settings/profile":            self(),
	"POST /settings/email":              self(),
	"POST /settings/password":           self(),
	"POST /settings/delete":             self(),
	"GET /settings/export":              self(),
	"GET /settings/export.json":         self(),
	"POST /settings/tokens":             self(),
	"POST /settings/tokens/{id}/revoke": owned("token"),
	"GET /settings/calendar":            self(),
	"POST /settings/calendar":           self(),
	"GET /calendar/{file}":              public(), // the secret in the address is its authority
	"GET /api/v1/tokens":                self(),
	"DELETE /api/v1/tokens/{id}":        owned("token"),
	"GET /api/v1/me":                    self(),
	"GET /api/v1/me/export":             self(),
	// The inbox: Rolf's "notice" tells him of Rita's response.
	"POST /settings/notices":          self().form("notice_mails", "never"),
	"GET /me/inbox":                   self(),
	"POST /me/inbox/read":             self(),
	"GET /me/inbox/{id}":              owned("notice").allow("rolf").not("olga"),
	"GET /api/v1/me/inbox":            self(),
	"POST /api/v1/me/inbox/read":      self(),
	"POST /api/v1/me/inbox/{id}/read": owned("notice").allow("rolf").not("olga"),

	// Administration.
	"GET /admin":                                  staff(),
	"GET /admin/audit":                            staff(),
	"GET /admin/jobs":                             staff(),
	"GET /admin/mail":                             staff(),
	"GET /admin/mail/{id}":                        staff("=00000000-0000-0000-0000-000000000000"),
	"GET /admin/legal":                            staff(),
	"GET /admin/legal/{page}/{lang}":              staff("=imprint", "=de"),
	"POST /admin/legal/{page}/{lang}":             staff("=imprint", "=de"),
	"GET /admin/users":                            staff(),
	"POST /admin/users/{id}/role":                 staff("mia").form("role", "admin"),
	"POST /admin/users/{id}/suspend":              staff("mia"),
	"POST /admin/users/{id}/restore":              staff("mia"),
	"GET /admin/organizations":                    staff(),
	"POST /admin/organizations/{id}/verify":       staff("org"),
	"POST /admin/organizations/{id}/unverify":     staff("org"),
	"POST /api/v1/organizations/{id}/verify":      staff("org"),
	"POST /api/v1/organizations/{id}/unverify":    staff("org"),
	"GET /admin/moderation":                       staff(),
	"POST /admin/moderation/{kind}/{id}/{action}": staff("=listing", "listing", "=hide"),
	"GET /api/v1/flags":                           staff(),
	"GET /admin/pledges":                          staff(),
	"POST /admin/pledges/{id}/approve":            staff("draft"),
	"GET /admin/pledges/{id}/decline":             staff("draft"),
	"POST /admin/pledges/{id}/decline":            staff("draft").form("reason", "Nein"),
	"POST /admin/pledges/questions/{qid}/approve": staff("question"),
	"POST /admin/pledges/questions/{qid}/reject":  staff("question"),
	"POST /api/v1/pledges/{id}/approve":           staff("draft"),
	"POST /api/v1/pledges/{id}/decline":           staff("draft").json(`{"reason":"Nein"}`),
	"POST /blog/{id}/feature":                     staff("report"),
	"POST /blog/{id}/unfeature":                   staff("report"),
	"GET /municipalities/new":                     staff(),
	"POST /municipalities/new":                    staff().form("ags", "06611999", "name", "Neu", "state", "06"),
	"POST /api/v1/municipalities":                 staff().json(`{"ags":"06611999","name":"Neu","state":"06"}`),
	"GET /coordination":                           staff(),
	"GET /coordination/export.csv":                staff(),
	"GET /api/v1/coordination/dashboard":          staff(),
	"GET /admin/scopes":                           staff(),
	"POST /admin/scopes":                          staff().form("email", "mia@example.org", "region", "06"),
	"POST /admin/scopes/{user}/{region}/remove":   staff("mia", "=06"),
	"GET /api/v1/admin/scopes":                    staff(),
	"PUT /api/v1/admin/scopes/{user_id}":          staff("mia").json(`{"regions":["06"]}`),
	// Referrals: coordinators refer, the service's organisation answers.
	"POST /listings/{id}/referrals":        staff("listing").form("service_id", "{service}"),
	"GET /referrals/{id}":                  owned("referral"),
	"POST /referrals/{id}/outcome":         owned("referral").form("outcome", "taken_up"),
	"GET /api/v1/listings/{id}/referrals":  staff("listing"),
	"POST /api/v1/listings/{id}/referrals": staff("listing").json(`{"service_id":"{service}"}`),
	"POST /api/v1/referrals/{id}/outcome":  owned("referral").json(`{"outcome":"taken_up"}`),

	// Moderation: anyone logged in may flag.
	"GET /flags/new":     self(),
	"POST /flags":        self(),
	"GET /flags/done":    public(),
	"POST /api/v1/flags": self().json(`{"kind":"listing","id":"{listing}","reason":"spam"}`),

	// Organisations and their members.
	"GET /organizations":                                         public(),
	"GET /organizations/new":                                     self(),
	"POST /organizations/new":                                    self(),
	"GET /organizations/{id}":                                    public("org"),
	"GET /organizations/{id}/edit":                               owned("org"),
	"POST /organizations/{id}/edit":                              owned("org").form("name", "Gekapert", "kind", "initiative"),
	"GET /organizations/{id}/members":                            owned("org"),
	"POST /organizations/{id}/members/invite":                    owned("org").form("email", "fremd@example.org", "role", "editor"),
	"POST /organizations/{id}/members/{user}/role":               owned("org", "member").form("role", "owner"),
	"POST /organizations/{id}/members/{user}/remove":             owned("org", "member"),
	"POST /organizations/{id}/invitations/{invitation}/withdraw": owned("org", "invitation"),
	"POST /organizations/{id}/leave":                             owned("org", "memberOrg").allow("ella"),
	"GET /invitations/{token}":                                   public(),
	"POST /invitations/{token}":                                  public(),
	"GET /api/v1/organizations":                                  public(),
	"POST /api/v1/organizations":                                 self().json(`{"name":"Neu","kind":"initiative"}`),
	"GET /api/v1/organizations/{id}":                             public("org"),
	"PATCH /api/v1/organizations/{id}":                           owned("org").json(`{"name":"Gekapert"}`),

	// Directory: services, locations, municipalities, partnerships.
	"GET /directory":                                 public(),
	"GET /directory/export.csv":                      public(),
	"GET /network":                                   public(),
	"GET /organizations/{id}/services":               public("org"),
	"GET /organizations/{id}/services/new":           owned("org"),
	"POST /organizations/{id}/services/new":          owned("org").form(serviceForm...),
	"GET /organizations/{id}/locations/new":          owned("org"),
	"POST /organizations/{id}/locations/new":         owned("org").form(locationForm...),
	"POST /organizations/{id}/seeking":               owned("org").form("what_for", "alles"),
	"GET /organizations/{id}/partners":               public("org"),
	"GET /services/{id}":                             public("service"),
	"GET /services/{id}/flyer":                       public("service"),
	"GET /services/{id}/flyer.pdf":                   public("service"),
	"GET /services/{id}/edit":                        owned("service"),
	"POST /services/{id}/edit":                       owned("service").form(serviceForm...),
	"POST /services/{id}/confirm":                    owned("service"),
	"POST /services/{id}/delete":                     owned("service"),
	"GET /locations/{id}":                            public("location"),
	"GET /locations/{id}/edit":                       owned("location"),
	"POST /locations/{id}/edit":                      owned("location").form(locationForm...),
	"POST /locations/{id}/confirm":                   owned("location"),
	"POST /locations/{id}/delete":                    owned("location"),
	"POST /locations/{id}/closures":                  owned("location").form("first", "2026-12-31", "kind", "closed"),
	"POST /locations/{id}/closures/{closure}/delete": owned("location", "closure"),
	"GET /municipalities/{ags}":                      public("municipality"),
	"GET /municipalities/{ags}/print":                public("municipality"),
	"GET /municipalities/{ags}/edit":                 staff("municipality"),
	"POST /municipalities/{ags}/edit":                staff("municipality").form("name", "Gekapert", "state", "06"),
	"GET /municipalities/{ags}/facts":                owned("municipality"),
	"POST /municipalities/{ags}/facts":               owned("municipality").form(factForm...),
	"POST /municipalities/{ags}/facts/{id}/delete":   owned("municipality", "fact"),
	"POST /municipalities/{ags}/links":               owned("municipality").form("title", "Fremd", "url", "https://fremd.example", "link_lang", "de"),
	"POST /municipalities/{ags}/links/{id}/delete":   owned("municipality", "link"),
	"GET /partnerships":                              public(),
	"GET /partnerships/new":                          self(),
	"POST /partnerships/new":                         onBehalf().form("organization_id", "{org}", "partners", "{orgB}", "goal", "Gekapert", "benefit", "x", "starts_on", "2026-05-01", "lang", "de"),
	"GET /partnerships/{id}":                         public("partnership"),
	"POST /partnerships/{id}/confirm":                owned("proposal").allow("otto").not("olga").form("organization_id", "{orgB}", "contribution", "x"),
	"POST /partnerships/{id}/withdraw":               owned("proposal").allow("otto"),
	"POST /partnerships/{id}/end":                    owned("partnership").allow("otto"),
	"GET /api/v1/organizations/{id}/services":        public("org"),
	"POST /api/v1/organizations/{id}/services":       owned("org").json(serviceJSON),
	"GET /api/v1/organizations/{id}/locations":       public("org"),
	"POST /api/v1/organizations/{id}/locations":      owned("org").json(locationJSON),
	"GET /api/v1/services/{id}":                      public("service"),
	"PUT /api/v1/services/{id}":                      owned("service").json(serviceJSON),
	"DELETE /api/v1/services/{id}":                   owned("service"),
	"GET /api/v1/locations/{id}":                     public("location"),
	"PUT /api/v1/locations/{id}":                     owned("location").json(locationJSON),
	"DELETE /api/v1/locations/{id}":                  owned("location"),
	"GET /api/v1/municipalities":                     public(),
	"GET /api/v1/municipalities/{ags}":               public("municipality"),
	"GET /api/v1/partnerships":                       public(),
	"POST /api/v1/partnerships":                      onBehalf().json(`{"organization_id":"{org}","partners":["{orgB}"],"goal":"Gekapert","benefit":"x","starts_on":"2026-05-01","lang":"de"}`),
	"GET /api/v1/partnerships/{id}":                  public("partnership"),
	"POST /api/v1/partnerships/{id}/confirm":         owned("proposal").allow("otto").not("olga").json(`{"organization_id":"{orgB}","contribution":"x"}`),
	"GET /api/v1/hsds":                               public(),
	"GET /api/v1/hsds/taxonomies":                    public(),
	"GET /api/v1/hsds/taxonomy_terms":                public(),
	"GET /api/v1/hsds/organizations":                 public(),
	"GET /api/v1/hsds/organizations/{id}":            public("org"),
	"GET /api/v1/hsds/services":                      public(),
	"GET /api/v1/hsds/services/{id}":                 public("service"),
	"GET /api/v1/hsds/service_at_locations":          public(),
	"GET /api/v1/hsds/service_at_locations/{id}":     public(),

	// The board: listings, responses, thanks, saved searches.
	"GET /board":                                          public(),
	"GET /listings/new":                                   self(),
	"POST /listings/new":                                  onBehalf().form("organization_id", "{org}", "kind", "request", "category", "goods", "title", "Gekapert", "description", "Gekapert", "content_lang", "de", "postcode", "34117"),
	"GET /listings/{id}":                                  public("listing"),
	"GET /listings/{id}/edit":                             owned("listing"),
	"GET /listings/{id}/flyer":                            public("listing"),
	"GET /listings/{id}/flyer.pdf":                        public("listing"),
	"POST /listings/{id}/edit":                            owned("listing").form("kind", "request", "category", "goods", "title", "Gekapert", "description", "Gekapert", "content_lang", "de", "postcode", "34117"),
	"POST /listings/{id}/fulfil":                          owned("listing"),
	"POST /listings/{id}/withdraw":                        owned("listing"),
	"POST /listings/{id}/extend":                          owned("listing").form("days", "14"),
	"GET /listings/{id}/extend/{secret}":                  public(),
	"POST /listings/{id}/extend/{secret}":                 public(),
	"GET /listings/{id}/respond":                          self("listing"),
	"POST /listings/{id}/responses":                       self("listing"),
	"POST /listings/{id}/responses/{rid}/accept":          owned("listing", "response"),
	"POST /listings/{id}/responses/{rid}/decline":         owned("listing", "response"),
	"POST /listings/{id}/responses/{rid}/withdraw":        owned("listing", "response").allow("rita").not("olga"),
	"GET /listings/{id}/thanks":                           self("listing"), // the form; POST decides
	"POST /listings/{id}/thanks":                          owned("listing").form("text", "Gekapert"),
	"POST /listings/{id}/thanks/delete":                   owned("listing"),
	"GET /me/listings":                                    self(),
	"GET /me/responses":                                   self(),
	"GET /me/searches":                                    self(),
	"POST /me/searches":                                   self(),
	"POST /me/searches/{id}/delete":                       owned("search"),
	"POST /me/searches/{id}/digest":                       owned("search").form("digest", "off"),
	"GET /searches/unsubscribe/{token}":                   public(),
	"POST /searches/unsubscribe/{token}":                  public(),
	"GET /api/v1/listings":                                public(),
	"POST /api/v1/listings":                               onBehalf().json(`{"organization_id":"{org}","kind":"request","category":"goods","title":"Gekapert","description":"Gekapert","content_lang":"de","postcode":"34117"}`),
	"GET /api/v1/listings/{id}":                           public("listing"),
	"PATCH /api/v1/listings/{id}":                         owned("listing").json(`{"title":"Gekapert"}`),
	"POST /api/v1/listings/{id}/extend":                   owned("listing").json(`{"days":14}`),
	"POST /api/v1/listings/{id}/fulfil":                   owned("listing").json(`{}`),
	"POST /api/v1/listings/{id}/withdraw":                 owned("listing").json(`{}`),
	"GET /api/v1/listings/{id}/history":                   owned("listing"),
	"GET /api/v1/listings/{id}/responses":                 owned("listing").allow("rita"),
	"POST /api/v1/listings/{id}/responses":                self("listing").json(`{"body":"Ich helfe"}`),
	"GET /api/v1/listings/{id}/responses/{rid}":           owned("listing", "response").allow("rita"),
	"POST /api/v1/listings/{id}/responses/{rid}/accept":   owned("listing", "response"),
	"POST /api/v1/listings/{id}/responses/{rid}/decline":  owned("listing", "response"),
	"POST /api/v1/listings/{id}/responses/{rid}/withdraw": owned("listing", "response").allow("rita").not("olga"),
	"GET /api/v1/listings/{id}/suggestions":               owned("listing"),
	"GET /api/v1/listings/{id}/thanks":                    public("listing"),
	"PUT /api/v1/listings/{id}/thanks":                    owned("listing").json(`{"text":"Gekapert"}`),
	"DELETE /api/v1/listings/{id}/thanks":                 owned("listing"),
	"GET /api/v1/me/listings":                             self(),
	"GET /api/v1/me/responses":                            self(),
	"GET /api/v1/saved-searches":                          self(),
	"POST /api/v1/saved-searches":                         self().json(`{"filter":{"q":"Bett"}}`),
	"GET /api/v1/saved-searches/{id}":                     owned("search"),
	"PATCH /api/v1/saved-searches/{id}":                   owned("search").json(`{"digest":false}`),
	"DELETE /api/v1/saved-searches/{id}":                  owned("search"),

	// Events of organisations.
	"GET /events":                                         public(),
	"GET /events.ics":                                     public(),
	"GET /events/month":                                   public(),
	"GET /events/new":                                     self(),
	"POST /events/new":                                    onBehalf().form(eventForm...),
	"GET /events/{id}":                                    public("event"),
	"GET /events/{id}/flyer":                              public("event"),
	"GET /events/{id}/flyer.pdf":                          public("event"),
	"GET /events/{id}/edit":                               owned("event"),
	"POST /events/{id}/edit":                              owned("event").form(eventForm[2:]...),
	"GET /events/{id}/cancel":                             owned("event"),
	"POST /events/{id}/cancel":                            owned("event"),
	"POST /events/{id}/register":                          self("event"),
	"GET /events/{id}/registration/cancel":                self("event"),
	"POST /events/{id}/registration/cancel":               self("event"),
	"GET /events/{id}/participants":                       owned("event"),
	"GET /api/v1/events":                                  public(),
	"POST /api/v1/events":                                 onBehalf().json(eventJSON),
	"GET /api/v1/events/{id}":                             public("event"),
	"PATCH /api/v1/events/{id}":                           owned("event").json(`{"title":"Gekapert"}`),
	"POST /api/v1/events/{id}/cancel":                     owned("event"),
	"PUT /api/v1/events/{id}/image":                       owned("event").raw("image/png", pngPixel),
	"DELETE /api/v1/events/{id}/image":                    owned("event"),
	"POST /api/v1/events/{id}/registrations":              self("event"),
	"GET /api/v1/events/{id}/registrations":               owned("event"),
	"POST /api/v1/events/{id}/registrations/{rid}/cancel": owned("event", "registration").allow("rita"),

	// Cooperatives: Olga owns the cooperative and acts as its board; Rita is
	// a member, Rolf an excluded one, Otto's declaration to join waits.
	"GET /coops":                                        public(),
	"GET /coops/new":                                    self(),
	"POST /coops/new":                                   onBehalf().form(coopForm...),
	"GET /coops/{id}":                                   public("coop"),
	"GET /coops/{id}/edit":                              owned("coop"),
	"POST /coops/{id}/edit":                             owned("coop").form(coopForm[2:]...),
	"GET /coops/{id}/apply":                             self("coop"),
	"POST /coops/{id}/apply":                            self("coop").form("name", "Gekapert", "address", "x", "shares", "1", "statutes_seen", "1", "declare", "1"),
	"GET /coops/{id}/applications":                      owned("coop"),
	"POST /coops/{id}/applications/{aid}/admit":         owned("coop", "coopApplication"),
	"POST /coops/{id}/applications/{aid}/reject":        owned("coop", "coopApplication"),
	"GET /coops/{id}/members":                           owned("coop").allow("rita"),
	"GET /coops/{id}/members.csv":                       owned("coop"),
	"POST /coops/{id}/members/new":                      owned("coop").form("name", "Gekapert", "address", "x", "shares", "1"),
	"POST /coops/{id}/members/{mid}/end":                owned("coop", "coopMember").form("reason", "exclusion", "note", "Gekapert"),
	"POST /coops/{id}/offices":                          owned("coop").form("member_id", "{coopMember}", "office", "board"),
	"POST /coops/{id}/offices/{oid}/end":                owned("coop", "coopOffice"),
	"GET /coops/{id}/shares":                            owned("coop").allow("rita"),
	"POST /coops/{id}/shares":                           owned("coop").form("kind", "payment", "member_id", "{coopMember}", "amount", "10", "booked_on", "2026-03-01"),
	"GET /coops/{id}/founding":                          owned("coop").allow("rita"),
	"POST /coops/{id}/founding":                         owned("coop").form("step", "idea", "done_on", "2026-03-01"),
	"GET /coops/{id}/assemblies/new":                    owned("coop"),
	"POST /coops/{id}/assemblies/new":                   owned("coop").form("kind", "ordinary", "format", "online", "start_date", "2026-05-04", "start_time", "18:00", "online_url", "https://gekapert.example", "agenda", "Gekapert"),
	"GET /assemblies/{id}":                              owned("assembly").allow("rita"),
	"POST /assemblies/{id}/attend":                      owned("assembly").allow("rita"),
	"POST /assemblies/{id}/checkin":                     owned("assembly").form("member_id", "{coopMember}"),
	"POST /assemblies/{id}/proxies":                     owned("assembly").allow("rita").form("holder_id", "{coopHolder}"),
	"POST /assemblies/{id}/proxies/revoke":              owned("assembly").allow("rita"),
	"POST /assemblies/{id}/motions":                     owned("assembly").form("agenda_id", "{agenda}", "title", "Gekapert", "kind", "ordinary"),
	"POST /assemblies/{id}/close":                       owned("assembly"),
	"POST /motions/{id}/vote":                           owned("motion").allow("rita").form("choice", "yes"),
	"POST /motions/{id}/close":                          owned("motion"),
	"POST /motions/{id}/enter":                          owned("motion").form("member_id", "{coopMember}", "choice", "yes"),
	"GET /api/v1/coops":                                 public(),
	"POST /api/v1/coops":                                onBehalf().json(`{"organization_id":"{coop}"}`),
	"GET /api/v1/coops/{id}":                            public("coop"),
	"PATCH /api/v1/coops/{id}":                          owned("coop").json(`{"purpose":"Gekapert"}`),
	"GET /api/v1/coops/{id}/applications":               owned("coop"),
	"POST /api/v1/coops/{id}/applications":              self("coop").json(`{"name":"Gekapert","address":"x","shares":1,"statutes_seen":true,"declare":true}`),
	"POST /api/v1/coops/{id}/applications/{aid}/admit":  owned("coop", "coopApplication"),
	"POST /api/v1/coops/{id}/applications/{aid}/reject": owned("coop", "coopApplication"),
	"GET /api/v1/coops/{id}/members":                    owned("coop"),
	"GET /api/v1/coops/{id}/members.csv":                owned("coop"),
	"GET /api/v1/coops/{id}/shares":                     owned("coop").allow("rita"),
	"GET /api/v1/coops/{id}/assemblies":                 owned("coop").allow("rita"),
	"POST /api/v1/coops/{id}/assemblies":                owned("coop").json(`{"kind":"ordinary","format":"online","starts_at":"2026-05-04T16:00:00Z","online_url":"https://gekapert.example","agenda":["Gekapert"]}`),
	"GET /api/v1/assemblies/{id}":                       owned("assembly").allow("rita"),
	"POST /api/v1/assemblies/{id}/attend":               owned("assembly").allow("rita"),
	"POST /api/v1/assemblies/{id}/proxies":              owned("assembly").allow("rita").json(`{"holder_id":"{coopHolder}"}`),
	"POST /api/v1/assemblies/{id}/motions":              owned("assembly").json(`{"agenda_id":"{agenda}","title":"Gekapert","kind":"ordinary"}`),
	"POST /api/v1/motions/{id}/ballots":                 owned("motion").allow("rita").json(`{"choice":"yes"}`),
	"POST /api/v1/motions/{id}/close":                   owned("motion"),
	"GET /assemblies/{id}/minutes":                      owned("assembly").allow("rita"),
	"POST /assemblies/{id}/minutes/confirm":             owned("assembly"),
	"GET /api/v1/assemblies/{id}/minutes":               owned("assembly").allow("rita"),
	"GET /assemblies/{id}/minutes.pdf":                  owned("assembly").allow("rita"),
	"GET /api/v1/assemblies/{id}/minutes.pdf":           owned("assembly").allow("rita"),

	// Funding campaigns.
	"GET /campaigns":                                  public(),
	"GET /campaigns/new":                              self(),
	"POST /campaigns/new":                             onBehalf().form(campaignForm...),
	"GET /campaigns/{id}":                             public("campaign"),
	"GET /campaigns/{id}/edit":                        owned("campaign"),
	"POST /campaigns/{id}/edit":                       owned("campaign").form(campaignForm[2:]...),
	"POST /campaigns/{id}/publish":                    owned("campaignDraft"),
	"GET /campaigns/{id}/cancel":                      owned("campaign"),
	"POST /campaigns/{id}/cancel":                     owned("campaign"),
	"POST /campaigns/{id}/reserve":                    self("campaign").form("amount", "10"),
	"POST /campaigns/{id}/reservation/cancel":         self("campaign"),
	"POST /campaigns/{id}/match":                      onBehalf("campaign").allow("otto").form("organization_id", "{orgB}", "cap", "100"),
	"GET /campaigns/{id}/reservations":                owned("campaign"),
	"GET /campaigns/{id}/girocode.png":                self("campaign"),
	"GET /campaigns/{id}/ledger":                      public("campaign"),
	"GET /organizations/{id}/bookings":                owned("org"),
	"POST /organizations/{id}/statements":             owned("org"),
	"POST /organizations/{id}/bookings/{bid}":         owned("org", "=00000000-0000-7000-8000-000000000000").form("action", "discard"),
	"POST /organizations/{id}/treasurers":             owned("org").form("user_id", "{member}", "named", "1"),
	"GET /organizations/{id}/ledger":                  public("org"),
	"GET /organizations/{id}/ledger.csv":              public("org"),
	"GET /organizations/{id}/ledger.atom":             public("org"),
	"POST /api/v1/organizations/{id}/statements":      owned("org").raw("application/xml", "<Document/>"),
	"GET /api/v1/organizations/{id}/bookings":         owned("org"),
	"PATCH /api/v1/organizations/{id}/bookings/{bid}": owned("org", "=00000000-0000-7000-8000-000000000000").json(`{"action":"discard"}`),
	"GET /api/v1/organizations/{id}/ledger":           public("org"),
	"GET /api/v1/campaigns/{id}/ledger":               public("campaign"),
	"GET /api/v1/campaigns":                           public(),
	"POST /api/v1/campaigns":                          onBehalf().json(campaignJSON),
	"GET /api/v1/campaigns/{id}":                      public("campaign"),
	"PATCH /api/v1/campaigns/{id}":                    owned("campaign").json(`{"title":"Gekapert"}`),
	"POST /api/v1/campaigns/{id}/publish":             owned("campaignDraft"),
	"POST /api/v1/campaigns/{id}/cancel":              owned("campaign"),
	"POST /api/v1/campaigns/{id}/reservations":        self("campaign").json(`{"amount":1000}`),
	"GET /api/v1/campaigns/{id}/reservations":         owned("campaign"),
	"POST /api/v1/campaigns/{id}/matches":             onBehalf("campaign").allow("otto").json(`{"organization_id":"{orgB}","cap":10000}`),
	"POST /api/v1/reservations/{id}/cancel":           owned("campaignReservation").not("olga").allow("rita"),
	// The dates of an event: "event" is a one-off on 10 April 2026.
	"GET /events/{id}/dates/{date}":                        owned("event", "=2026-04-10"),
	"POST /events/{id}/dates/{date}":                       owned("event", "=2026-04-10").form("status", "cancelled"),
	"GET /api/v1/events/{id}/dates":                        public("event"),
	"GET /api/v1/events/{id}/dates/{date}":                 public("event", "=2026-04-10"),
	"PATCH /api/v1/events/{id}/dates/{date}":               owned("event", "=2026-04-10").json(`{"status":"cancelled"}`),
	"POST /api/v1/events/{id}/dates/{date}/registrations":  self("event", "=2026-04-10"),
	"GET /api/v1/events/{id}/dates/{date}/registrations":   owned("event", "=2026-04-10"),
	"GET /events/{id}/checkin":                             owned("event"),
	"POST /events/{id}/checkin":                            owned("event").form("registration", "{registration}"),
	"GET /events/{id}/participants.csv":                    owned("event"),
	"GET /events/{id}/message":                             owned("event"),
	"POST /events/{id}/message":                            owned("event").form("text", "Gekapert"),
	"POST /api/v1/events/{id}/messages":                    owned("event").json(`{"text":"Gekapert"}`),
	"POST /api/v1/events/{id}/registrations/{rid}/checkin": owned("event", "registration"),

	// Shift plans: giving a place in a slot back is its helper's (Rita's).
	"GET /shifts":                                public(),
	"GET /shifts/{id}":                           public("shift"),
	"POST /shifts/{id}/slots/{sid}/take":         self("shift", "slot"),
	"GET /shifts/{id}/slots/{sid}/leave":         owned("shift", "slot").allow("rita").not("olga"),
	"POST /shifts/{id}/slots/{sid}/leave":        owned("shift", "slot").allow("rita").not("olga"),
	"GET /organizations/{id}/shifts":             public("org"),
	"GET /organizations/{id}/shifts/new":         owned("org"),
	"POST /organizations/{id}/shifts/new":        owned("org").form(shiftForm...),
	"GET /api/v1/organizations/{id}/shifts":      public("org"),
	"POST /api/v1/organizations/{id}/shifts":     owned("org").json(shiftJSON),
	"GET /api/v1/shifts/{id}":                    public("shift"),
	"PATCH /api/v1/shifts/{id}":                  owned("shift").json(`{"title":"Gekapert"}`),
	"POST /api/v1/shifts/{id}/slots/{sid}/take":  self("shift", "slot").json(`{}`),
	"POST /api/v1/shifts/{id}/slots/{sid}/leave": owned("shift", "slot").allow("rita").not("olga").json(`{}`),
	// The roster (Rita joined it) and the volunteer profile.
	"GET /organizations/{id}/volunteers":                 owned("org"),
	"POST /organizations/{id}/volunteers/join":           self("org"),
	"POST /organizations/{id}/volunteers/leave":          self("org"),
	"GET /organizations/{id}/volunteers/{user}":          owned("org", "rita"),
	"POST /organizations/{id}/volunteers/{user}/status":  owned("org", "rita").form("status", "paused"),
	"GET /me/volunteer-profile":                          self(),
	"POST /me/volunteer-profile":                         self(),
	"GET /api/v1/organizations/{id}/volunteers":          owned("org"),
	"POST /api/v1/organizations/{id}/volunteers":         self("org"),
	"PATCH /api/v1/organizations/{id}/volunteers/{user}": owned("org", "rita").json(`{"status":"paused"}`),
	"GET /api/v1/me/volunteer-profile":                   self(),
	"PUT /api/v1/me/volunteer-profile":                   self().json(`{"skills":[],"languages":[],"availability":{"monday":[],"tuesday":[],"wednesday":[],"thursday":[],"friday":[],"saturday":[],"sunday":[]},"postcode":"","place":"","radius_km":0,"max_hours_month":0,"contact":"message","latin_name":""}`),
	// Hours: "hours" are Rita's, added by hand; "helper" is her place.
	"GET /me/hours":                                self(),
	"POST /me/hours":                               self(),
	"GET /organizations/{id}/hours":                owned("org"),
	"POST /organizations/{id}/hours/{hid}/approve": owned("org", "hours"),
	"POST /organizations/{id}/hours/{hid}/reject":  owned("org", "hours"),
	"POST /shifts/{id}/helpers/{hid}/no-show":      owned("shift", "helper").form("no_show", "1"),
	"POST /shifts/{id}/message":                    owned("shift").form("message", "Gekapert"),
	"GET /api/v1/hours":                            self(),
	"POST /api/v1/hours":                           self().json(`{"organization_id":"{org}","day":"2026-03-01","minutes":60,"activity":"Gekapert"}`),
	"POST /api/v1/hours/{id}/approve":              owned("hours"),
	"POST /api/v1/hours/{id}/reject":               owned("hours"),
	"GET /api/v1/organizations/{id}/hours":         owned("org"),
	// Certificates: Rita's "certificate" is confirmed, "certRequest" waits.
	"GET /me/certificates":                                self(),
	"POST /me/certificates":                               self(),
	"GET /me/certificates/{cid}/pdf":                      owned("certificate").allow("rita").not("olga"),
	"GET /organizations/{id}/certificates":                owned("org"),
	"GET /organizations/{id}/certificates/{cid}/confirm":  owned("org", "certRequest"),
	"POST /organizations/{id}/certificates/{cid}/confirm": owned("org", "certRequest").form("role", "Gekapert"),
	"POST /organizations/{id}/certificates/{cid}/revoke":  owned("org", "certificate"),
	"GET /organizations/{id}/certificates/{cid}/pdf":      owned("org", "certificate"),
	"GET /certificates/verify/{code}":                     public("certCode"),
	"GET /api/v1/certificates":                            self(),
	"POST /api/v1/certificates":                           self().json(`{"organization_id":"{org}","from":"2026-03-01","to":"2026-03-01"}`),
	"POST /api/v1/certificates/{id}/confirm":              owned("certRequest").json(`{"role":"Gekapert"}`),
	"GET /api/v1/certificates/{id}/pdf":                   owned("certificate").allow("rita"),
	"GET /organizations/{id}/background-checks":           owned("org"),
	"POST /organizations/{id}/background-checks":          owned("org").form("user_id", "{rita}", "issued_on", "2026-02-01", "seen_on", "2026-02-02", "conviction", "no"),
	"GET /api/v1/organizations/{id}/background-checks":    owned("org"),
	"POST /api/v1/organizations/{id}/background-checks":   owned("org").json(`{"user_id":"{rita}","issued_on":"2026-02-01","seen_on":"2026-02-02","conviction":false}`),

	// Barcamps: "barcamp" has a room, a slot and the session "campSession"
	// Rita proposed as a registered participant.
	"GET /events/{id}/barcamp":                       owned("barcamp"),
	"POST /events/{id}/barcamp/rooms":                owned("barcamp").form("name", "Gekapert", "size", "10"),
	"POST /events/{id}/barcamp/rooms/{rid}/delete":   owned("barcamp", "campRoom"),
	"POST /events/{id}/barcamp/slots":                owned("barcamp").form("start_date", "2026-04-25", "start_time", "15:00", "end_time", "16:00"),
	"POST /events/{id}/barcamp/slots/{slid}/delete":  owned("barcamp", "campSlot"),
	"POST /events/{id}/barcamp/votes":                owned("barcamp").form("votes", "5"),
	"GET /events/{id}/sessions":                      public("barcamp"),
	"GET /events/{id}/sessions/new":                  self("barcamp"),
	"POST /events/{id}/sessions/new":                 self("barcamp").form(sessionForm...),
	"GET /events/{id}/sessions/{sid}":                public("barcamp", "campSession"),
	"GET /events/{id}/sessions/{sid}/edit":           owned("barcamp", "campSession").allow("rita"),
	"POST /events/{id}/sessions/{sid}/edit":          owned("barcamp", "campSession").allow("rita").form(sessionForm...),
	"POST /events/{id}/sessions/{sid}/withdraw":      owned("barcamp", "campSession").allow("rita"),
	"POST /events/{id}/sessions/{sid}/vote":          self("barcamp", "campSession"),
	"POST /events/{id}/sessions/{sid}/unvote":        self("barcamp", "campSession"),
	"POST /events/{id}/sessions/{sid}/notes":         self("barcamp", "campSession").form("body", "Gekapert"),
	"GET /events/{id}/schedule":                      public("barcamp"),
	"GET /events/{id}/schedule/edit":                 owned("barcamp"),
	"POST /events/{id}/schedule/propose":             owned("barcamp"),
	"POST /events/{id}/schedule/place":               owned("barcamp").form("session_id", "{campSession}", "cell", ""),
	"POST /events/{id}/schedule/publish":             owned("barcamp").form("publish", "1"),
	"GET /api/v1/events/{id}/sessions":               public("barcamp"),
	"POST /api/v1/events/{id}/sessions":              self("barcamp").json(`{"title":"Gekapert","description":"Gekapert","lang":"de","format":"talk"}`),
	"DELETE /api/v1/events/{id}/sessions/{sid}":      owned("barcamp", "campSession").allow("rita"),
	"POST /api/v1/events/{id}/sessions/{sid}/vote":   self("barcamp", "campSession"),
	"DELETE /api/v1/events/{id}/sessions/{sid}/vote": self("barcamp", "campSession"),
	"GET /api/v1/events/{id}/schedule":               public("barcamp"),
	"PUT /api/v1/events/{id}/schedule":               owned("barcamp").json(`{"placements":[],"published":true}`),
	"POST /api/v1/events/{id}/schedule/propose":      owned("barcamp"),

	// Volunteer days: "project" is approved (public), "projectDraft" awaits
	// the organisers' decision; Rita signed up for "project".
	"GET /events/{id}/projects":                                    public("day"),
	"GET /events/{id}/projects/new":                                self("day"),
	"POST /events/{id}/projects/new":                               onBehalf("day").form(projectForm...),
	"GET /events/{id}/projects/totals":                             owned("day"),
	"GET /events/{id}/projects/totals.csv":                         owned("day"),
	"POST /events/{id}/projects/closing":                           owned("day").form("closes", "2026-04-01"),
	"GET /events/{id}/projects/programme":                          public("day"),
	"GET /events/{id}/projects/{pid}":                              public("day", "project"),
	"POST /events/{id}/projects/{pid}/approve":                     owned("day", "projectDraft"),
	"POST /events/{id}/projects/{pid}/decline":                     owned("day", "projectDraft"),
	"POST /events/{id}/projects/{pid}/signup":                      self("day", "project"),
	"GET /events/{id}/projects/{pid}/signup/cancel":                self("day", "project"),
	"POST /events/{id}/projects/{pid}/signup/cancel":               self("day", "project"),
	"GET /events/{id}/projects/{pid}/volunteers":                   owned("day", "project"),
	"GET /api/v1/events/{id}/projects":                             public("day"),
	"POST /api/v1/events/{id}/projects":                            onBehalf("day").json(projectJSON),
	"GET /api/v1/events/{id}/projects/{pid}":                       public("day", "project"),
	"POST /api/v1/events/{id}/projects/{pid}/approve":              owned("day", "projectDraft"),
	"POST /api/v1/events/{id}/projects/{pid}/decline":              owned("day", "projectDraft"),
	"POST /api/v1/events/{id}/projects/{pid}/signups":              self("day", "project"),
	"GET /api/v1/events/{id}/projects/{pid}/signups":               owned("day", "project"),
	"POST /api/v1/events/{id}/projects/{pid}/signups/{sid}/cancel": owned("day", "project", "projectSignup").allow("rita"),

	// Conversations.
	"GET /conversations":                       self(),
	"POST /conversations/settings":             self(),
	"POST /conversations/unblock":              self(),
	"GET /conversations/{id}":                  owned("conversation").allow("rita"),
	"POST /conversations/{id}/messages":        owned("conversation").allow("rita").form("body", "Gekapert"),
	"POST /conversations/{id}/contact":         owned("conversation").allow("rita").form("share", "on"),
	"GET /conversations/{id}/block/{user}":     owned("conversation", "rita"),
	"POST /conversations/{id}/block/{user}":    owned("conversation", "rita"),
	"GET /api/v1/conversations":                self(),
	"GET /api/v1/conversations/{id}/messages":  owned("conversation").allow("rita"),
	"POST /api/v1/conversations/{id}/messages": owned("conversation").allow("rita").json(`{"body":"Gekapert"}`),

	// Pledges, their sign-ups and questions, their reports (the blog).
	"GET /pledges":                                    public(),
	"GET /pledges/new":                                self(),
	"POST /pledges/new":                               onBehalf().form(pledgeForm...),
	"GET /pledges/{id}":                               public("pledge"),
	"GET /pledges/{id}/edit":                          owned("draft"),
	"GET /pledges/{id}/flyer":                         public("pledge"),
	"GET /pledges/{id}/flyer.pdf":                     public("pledge"),
	"POST /pledges/{id}/edit":                         owned("draft").form(pledgeForm...),
	"POST /pledges/{id}/image/remove":                 owned("draft"),
	"POST /pledges/{id}/delete":                       owned("draft"),
	"POST /pledges/{id}/submit":                       owned("draft"),
	"POST /pledges/{id}/revise":                       owned("pledge"),
	"POST /pledges/{id}/close":                        owned("pledge"),
	"POST /pledges/{id}/copy":                         self("pledge"),
	"POST /pledges/{id}/signups":                      self("pledge"),
	"POST /pledges/{id}/signups/withdraw":             self("pledge"),
	"POST /pledges/{id}/signups/{sid}/confirm":        owned("pledge", "signup"),
	"POST /pledges/{id}/signups/{sid}/decline":        owned("pledge", "signup"),
	"POST /pledges/{id}/questions":                    self("pledge"),
	"GET /pledges/{id}/questions/{qid}/answer":        owned("pledge", "question"),
	"POST /pledges/{id}/questions/{qid}/answer":       owned("pledge", "question").form("answer", "Gekapert"),
	"GET /pledges/{id}/report":                        owned("closed").allow("rita"),
	"POST /pledges/{id}/report":                       owned("closed").allow("rita").form("title", "Gekapert", "text", "Gekapert"),
	"GET /me/pledges":                                 self(),
	"GET /blog":                                       public(),
	"GET /blog/{id}":                                  public("report"),
	"GET /blog/{id}/edit":                             owned("report").allow("rita"),
	"POST /blog/{id}/edit":                            owned("report").allow("rita").form("title", "Gekapert", "text", "Gekapert"),
	"POST /blog/{id}/photos/{upload}/remove":          owned("report", "photo").allow("rita"),
	"POST /blog/{id}/confirm":                         owned("report"),
	"GET /api/v1/pledges":                             public(),
	"POST /api/v1/pledges":                            onBehalf().json(pledgeJSON),
	"GET /api/v1/pledges/{id}":                        public("pledge"),
	"PATCH /api/v1/pledges/{id}":                      owned("draft").json(`{"promise":"Gekapert"}`),
	"PUT /api/v1/pledges/{id}/image":                  owned("draft").raw("image/png", pngPixel),
	"DELETE /api/v1/pledges/{id}/image":               owned("draft"),
	"POST /api/v1/pledges/{id}/submit":                owned("draft"),
	"POST /api/v1/pledges/{id}/close":                 owned("pledge"),
	"POST /api/v1/pledges/{id}/copy":                  self("pledge"),
	"GET /api/v1/pledges/{id}/signups":                owned("pledge"),
	"POST /api/v1/pledges/{id}/signups":               self("pledge").json(`{"note":"Ich komme"}`),
	"POST /api/v1/pledges/{id}/signups/{sid}/confirm": owned("pledge", "signup"),
	"GET /api/v1/reports":                             public(),
	"POST /api/v1/reports":                            onBehalf().allow("rita").json(`{"pledge_id":"{closed}","title":"Gekapert","text":"Gekapert"}`),
	"GET /api/v1/reports/{id}":                        public("report"),
	"POST /api/v1/reports/{id}/confirm":               owned("report"),
}

var (
	serviceForm  = []string{"name", "Gekapert", "category", "health", "lang", "de", "cost", "free", "access", "walk_in", "languages", "de"}
	locationForm = []string{"street", "Weg 2", "postcode", "34117", "city", "Kassel", "ags", "06611000"}
	factForm     = []string{"label", "Gekapert", "value", "1", "as_of", "2025-12-31", "source", "x", "fact_lang", "de"}
	pledgeForm   = []string{"organization_id", "{org}", "promise", "Gekapert", "who", "Leute", "condition", "helfen",
		"deadline", "2026-04-30", "category", "children.school", "place", "Kassel"}
	eventForm = []string{"organization_id", "{org}", "title", "Gekapert", "description", "Gekapert", "kind", "meeting",
		"start_date", "2026-04-10", "start_time", "18:00", "end_time", "20:00", "place_kind", "online",
		"online_url", "https://gekapert.example/raum", "content_lang", "de"}
	projectForm = []string{"organization_id", "{org}", "title", "Gekapert", "description", "Gekapert", "date", "2026-04-18",
		"start_time", "10:00", "end_time", "12:00", "place", "Kassel", "capacity", "3"}
	projectJSON  = `{"organization_id":"{org}","title":"Gekapert","description":"Gekapert","place":"Kassel","start":"2026-04-18T08:00:00Z","end":"2026-04-18T10:00:00Z","capacity":3}`
	campaignForm = []string{"organization_id", "{org}", "title", "Gekapert", "story", "Gekapert", "content_lang", "de",
		"purpose", "donation", "goal", "100", "deadline", "2026-04-30", "holder", "Gekapert", "iban", "DE02120300000000202051"}
	campaignJSON = `{"organization_id":"{org}","title":"Gekapert","story":"Gekapert","content_lang":"de","purpose":"donation","goal":10000,"deadline":"2026-04-30T21:59:59Z","holder":"Gekapert","iban":"DE02120300000000202051"}`
	eventJSON    = `{"organization_id":"{org}","title":"Gekapert","description":"Gekapert","kind":"meeting","start":"2026-04-10T16:00:00Z","end":"2026-04-10T18:00:00Z","place_kind":"online","online_url":"https://gekapert.example/raum","content_lang":"de"}`
	coopForm     = []string{"organization_id", "{coop}", "stage", "founding", "country", "DE", "share_price", "100", "min_payment", "10",
		"shares_required", "1", "max_shares", "10", "multiple_votes", "1", "notice_months", "3", "year_start_month", "1", "purpose", "Gekapert"}
	serviceJSON  = `{"name":"Gekapert","category":"health","lang":"de","cost":"free","access":["walk_in"],"languages":["de"]}`
	locationJSON = `{"street":"Weg 2","postcode":"34117","city":"Kassel","municipality_key":"06611000"}`
	pledgeJSON   = `{"organization_id":"{org}","promise":"Gekapert","who":"Leute","condition":"helfen","deadline":"2026-04-30T00:00:00Z","category":"children.school","place":"Kassel"}`
	sessionForm  = []string{"title", "Gekapert", "description", "Gekapert", "lang", "de", "format", "talk"}

	shiftForm = []string{"title", "Gekapert", "start_date", "2026-04-11", "start_time", "10:00", "end_time", "12:00",
		"slot0_task", "Gekapert", "slot0_needed", "2"}
	shiftJSON = `{"title":"Gekapert","start":"2026-04-11T08:00:00Z","end":"2026-04-11T10:00:00Z","slots":[{"task":"Gekapert","needed":2}]}`

	// pngPixel is a 1×1 PNG.
	pngPixel = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)

type class int

const (
	classPublic class = iota
	classSelf
	classStaff
	classOwned
)

func (c class) String() string { return [...]string{"public", "self", "staff", "owned"}[c] }

// route is an entry of the matrix.
type route struct {
	class   class
	objects []string // fill the pattern's wildcards in order; "=x" is the literal x
	allowed []string // personas who may (owned); "olga" unless changed
	values  []string // form pairs, or nil
	body    string   // JSON body, or ""
	ctype   string   // content type of a raw body
	field   bool     // a 422 for the field naming the owner refuses too
}

func public(objects ...string) route { return route{class: classPublic, objects: objects} }
func self(objects ...string) route   { return route{class: classSelf, objects: objects} }
func staff(objects ...string) route  { return route{class: classStaff, objects: objects} }
func owned(objects ...string) route {
	return route{class: classOwned, objects: objects, allowed: []string{"olga"}}
}

// onBehalf is a route that creates an object for the organisation (or
// pledge) its form names: a refusal is also a 422 that names that field.
func onBehalf(objects ...string) route { r := owned(objects...); r.field = true; return r }

func (r route) allow(p ...string) route { r.allowed = append(slices.Clone(r.allowed), p...); return r }
func (r route) not(p string) route {
	r.allowed = slices.DeleteFunc(slices.Clone(r.allowed), func(a string) bool { return a == p })
	return r
}
func (r route) form(pairs ...string) route   { r.values = pairs; return r }
func (r route) json(body string) route       { r.body = body; return r }
func (r route) raw(ctype, body string) route { r.ctype, r.body = ctype, body; return r }

// personas tried on every owned and staff route; the visitor has no session.
var personas = []string{"olga", "rita", "mia", "otto", "rolf", "visitor"}

// TestAuthorizationMatrix tries every route that touches an owned object
// as its owner, a plain member, a member of another organisation, a member
// removed from the owning organisation and a visitor; every one but the
// allowed is refused, changes no row and sees no private text.
func TestAuthorizationMatrix(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		checkMatrixComplete(t, e)
		w := buildWorld(t, e)
		for _, key := range sortedKeys(matrix) {
			r := matrix[key]
			method, pattern, ok := strings.Cut(key, " ")
			if !ok || r.class == classPublic {
				if ok && method == http.MethodGet && len(r.objects) > 0 {
					w.probePublic(t, key, pattern, r)
				}
				continue
			}
			w.probe(t, key, method, pattern, r)
		}
	})
}

// checkMatrixComplete fails on a registered route or a documented API
// operation without an entry, and on an entry for no route.
func checkMatrixComplete(t *testing.T, e *apptest.Env) {
	t.Helper()
	const where = "add it to matrix in internal/platform/authz_matrix_test.go as public, self, staff or owned"
	registered := registeredRoutes(e.P.App.Mux)
	if len(registered) < 100 {
		t.Fatalf("found only %d routes on the mux: the way registeredRoutes reads it no longer works", len(registered))
	}
	for _, p := range registered {
		if _, ok := matrix[p]; !ok {
			t.Errorf("route %q has no entry in the authorization matrix: %s", p, where)
		}
	}
	for k := range matrix {
		if !slices.Contains(registered, k) {
			t.Errorf("the authorization matrix names %q, which no module registers: remove or rename the entry", k)
		}
	}
	res := e.Client(t).Get("/api/v1/openapi.json")
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(res.Body), &doc); err != nil || len(doc.Paths) == 0 {
		t.Fatalf("OpenAPI document: %d %v", res.Status, err)
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			key := strings.ToUpper(method) + " " + path
			if _, ok := matrix[key]; !ok {
				t.Errorf("API operation %q of the OpenAPI document has no entry in the authorization matrix: %s", key, where)
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// snapshot reads every table but the bookkeeping of requests (sessions,
// rate limits, job runs), each as its sorted rows.
func snapshot(t *testing.T, d *db.DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if d.Dialect() == db.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	var tables []string
	rows, err := d.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]string{}
	for _, table := range tables {
		if table == "sessions" || table == "rate_limits" || table == "job_runs" {
			continue
		}
		rows, err := d.QueryContext(ctx, "SELECT * FROM "+table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%q", vals))
		}
		rows.Close()
		sort.Strings(lines)
		out[table] = strings.Join(lines, "\n")
	}
	return out
}

func changedTables(before, after map[string]string) []string {
	var changed []string
	for _, table := range sortedKeys(after) {
		if before[table] != after[table] {
			changed = append(changed, table)
		}
	}
	return changed
}

// world is the fixture: the personas, logged in and with tokens, and the
// objects they own, built once per database.
type world struct {
	e       *apptest.Env
	people  map[string]*apptest.Person
	objects map[string]string
	secrets []string // private text no refused request may show
}

func buildWorld(t *testing.T, e *apptest.Env) *world {
	t.Helper()
	w := &world{e: e, people: map[string]*apptest.Person{}, objects: map[string]string{}}
	for _, p := range []struct {
		handle string
		role   auth.Role
	}{{"olga", auth.Member}, {"rolf", auth.Member}, {"rita", auth.Member}, {"mia", auth.Member},
		{"otto", auth.Member}, {"ella", auth.Member}, {"cora", auth.Coordinator}} {
		w.people[p.handle] = e.NewPerson(t, p.handle, p.role)
		w.objects[p.handle] = w.people[p.handle].ID
		// A token now, used once, so that no probe creates one or
		// records its first use.
		w.people[p.handle].API(t, http.MethodGet, "/api/v1/me", nil)
	}
	olga, rolf, rita := w.people["olga"], w.people["rolf"], w.people["rita"]
	w.objects["org"] = w.create(t, "olga", "POST", "/api/v1/organizations", `{"name":"Tafel Nord","kind":"initiative"}`)
	w.objects["orgB"] = w.create(t, "otto", "POST", "/api/v1/organizations", `{"name":"Kleiderkammer Süd","kind":"initiative"}`)
	e.Join(t, olga, rolf, w.objects["org"])
	e.Join(t, olga, w.people["ella"], w.objects["org"])
	w.objects["member"] = w.people["ella"].ID
	w.objects["memberOrg"] = w.objects["org"]

	// What Rolf posts for the organisation while he belongs to it.
	w.objects["listing"] = w.create(t, "rolf", "POST", "/api/v1/listings", w.fill(t,
		`{"organization_id":"{org}","kind":"request","category":"goods","title":"Kinderbett","description":"Wir brauchen ein Kinderbett.","content_lang":"de","postcode":"34117"}`))
	w.objects["response"] = w.create(t, "rita", "POST", "/api/v1/listings/"+w.objects["listing"]+"/responses",
		`{"body":"GEHEIM-Antwort: Rita, Gartenweg 7, 0561 123456"}`)
	w.objects["conversation"] = w.one(t, `SELECT id FROM conversations WHERE about_id = $1`, w.objects["listing"])
	w.call(t, "rita", "POST", "/api/v1/conversations/"+w.objects["conversation"]+"/messages", `{"body":"GEHEIM-Nachricht"}`, http.StatusCreated)
	w.objects["draft"] = w.create(t, "rolf", "POST", "/api/v1/pledges", w.fill(t, pledgeJSON))
	w.objects["pledge"] = w.approvedPledge(t, "rolf")
	w.objects["signup"] = w.create(t, "rita", "POST", "/api/v1/pledges/"+w.objects["pledge"]+"/signups", `{"note":"GEHEIM-Notiz"}`)
	w.ask(t)
	w.objects["closed"] = w.closedPledge(t, "rolf")
	w.objects["report"] = w.create(t, "rita", "POST", "/api/v1/reports", w.fill(t,
		`{"pledge_id":"{closed}","title":"So lief es","text":"GEHEIM-Bericht"}`))
	w.call(t, "olga", "POST", "/api/v1/reports/"+w.objects["report"]+"/confirm", "", http.StatusOK)
	w.objects["photo"] = "00000000-0000-7000-8000-000000000000"
	w.objects["municipality"] = "06611000"
	w.call(t, "cora", "POST", "/api/v1/municipalities", w.fill(t, `{"ags":"06611000","name":"Kassel","state":"06","organization_id":"{org}"}`), http.StatusCreated)
	w.objects["location"] = w.create(t, "rolf", "POST", "/api/v1/organizations/"+w.objects["org"]+"/locations", locationJSON)
	w.objects["service"] = w.create(t, "rolf", "POST", "/api/v1/organizations/"+w.objects["org"]+"/services", serviceJSON)
	w.objects["referral"] = w.create(t, "cora", "POST", "/api/v1/listings/"+w.objects["listing"]+"/referrals", w.fill(t, `{"service_id":"{service}"}`))
	w.post(t, "rolf", "/locations/"+w.objects["location"]+"/closures", url.Values{"first": {"2026-12-24"}, "kind": {"closed"}})
	w.objects["closure"] = w.one(t, `SELECT id FROM directory_closures WHERE location_id = $1`, w.objects["location"])
	w.post(t, "rolf", "/municipalities/06611000/facts", url.Values{"label": {"Plätze"}, "value": {"12"}, "as_of": {"2025-12-31"}, "source": {"Amt"}, "fact_lang": {"de"}})
	w.objects["fact"] = w.one(t, `SELECT id FROM directory_facts WHERE ags = $1`, "06611000")
	w.post(t, "rolf", "/municipalities/06611000/links", url.Values{"title": {"Stadt"}, "url": {"https://kassel.example"}, "link_lang": {"de"}})
	w.objects["link"] = w.one(t, `SELECT id FROM directory_links WHERE ags = $1`, "06611000")
	w.objects["proposal"] = w.create(t, "olga", "POST", "/api/v1/partnerships", w.fill(t,
		`{"organization_id":"{org}","partners":["{orgB}"],"goal":"Tafel","benefit":"Essen","starts_on":"2026-05-01","lang":"de"}`))
	w.objects["partnership"] = w.create(t, "olga", "POST", "/api/v1/partnerships", w.fill(t,
		`{"organization_id":"{org}","partners":["{orgB}"],"goal":"Kleider","benefit":"Kleidung","starts_on":"2026-05-01","lang":"de"}`))
	w.call(t, "otto", "POST", "/api/v1/partnerships/"+w.objects["partnership"]+"/confirm", w.fill(t, `{"organization_id":"{orgB}","contribution":"Räume"}`), http.StatusOK)
	w.post(t, "rolf", "/events/new", url.Values{"organization_id": {w.objects["org"]}, "title": {"Sprachcafé"},
		"description": {"Online"}, "kind": {"language_cafe"}, "start_date": {"2026-04-10"}, "start_time": {"18:00"},
		"end_time": {"20:00"}, "place_kind": {"online"}, "online_url": {"https://geheim-raum.example/cafe"}, "content_lang": {"de"},
		"registration": {"1"}, "capacity": {"10"}})
	w.objects["event"] = w.one(t, `SELECT id FROM events WHERE organization_id = $1`, w.objects["org"])
	w.objects["registration"] = w.create(t, "rita", "POST", "/api/v1/events/"+w.objects["event"]+"/registrations", "")
	w.objects["campaign"] = w.create(t, "rolf", "POST", "/api/v1/campaigns", w.fill(t, campaignJSON))
	w.call(t, "olga", "POST", "/api/v1/campaigns/"+w.objects["campaign"]+"/publish", "", http.StatusOK)
	w.objects["campaignReservation"] = w.create(t, "rita", "POST", "/api/v1/campaigns/"+w.objects["campaign"]+"/reservations", `{"amount":2500}`)
	w.objects["campaignDraft"] = w.create(t, "rolf", "POST", "/api/v1/campaigns", w.fill(t, campaignJSON))
	w.objects["shift"] = w.create(t, "rolf", "POST", "/api/v1/organizations/"+w.objects["org"]+"/shifts", shiftJSON)
	w.objects["slot"] = w.one(t, `SELECT id FROM volunteer_slots WHERE shift_id = $1`, w.objects["shift"])
	w.call(t, "rita", "POST", "/api/v1/shifts/"+w.objects["shift"]+"/slots/"+w.objects["slot"]+"/take", `{}`, http.StatusOK)
	w.call(t, "rita", "POST", "/api/v1/organizations/"+w.objects["org"]+"/volunteers", "", http.StatusCreated)
	w.objects["helper"] = w.one(t, `SELECT id FROM volunteer_helpers WHERE slot_id = $1`, w.objects["slot"])
	w.objects["hours"] = w.create(t, "rita", "POST", "/api/v1/hours", w.fill(t,
		`{"organization_id":"{org}","day":"2026-03-01","minutes":90,"activity":"GEHEIM-Stunden"}`))
	w.call(t, "olga", "POST", "/api/v1/hours/"+w.objects["hours"]+"/approve", "", http.StatusOK)
	w.objects["certificate"] = w.create(t, "rita", "POST", "/api/v1/certificates", w.fill(t, `{"organization_id":"{org}","from":"2026-03-01","to":"2026-03-01"}`))
	w.call(t, "olga", "POST", "/api/v1/certificates/"+w.objects["certificate"]+"/confirm", `{"role":"Vorstand"}`, http.StatusOK)
	w.objects["certCode"] = w.one(t, `SELECT code FROM volunteer_certificates WHERE id = $1`, w.objects["certificate"])
	w.objects["certRequest"] = w.create(t, "rita", "POST", "/api/v1/certificates", w.fill(t, `{"organization_id":"{org}","from":"2026-03-01","to":"2026-03-01"}`))
	w.volunteerDay(t)
	w.barcamp(t)
	w.objects["search"] = w.create(t, "olga", "POST", "/api/v1/saved-searches", `{"name":"GEHEIM-Suche","filter":{"q":"Bett"}}`)
	w.objects["token"] = w.one(t, `SELECT id FROM api_tokens WHERE user_id = $1`, olga.ID)
	w.objects["notice"] = w.one(t, `SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at, id LIMIT 1`, rolf.ID)
	w.post(t, "olga", "/organizations/"+w.objects["org"]+"/members/invite", url.Values{"email": {"geheim-eingeladen@example.org"}, "role": {"editor"}})
	w.objects["invitation"] = w.one(t, `SELECT id FROM organization_invitations WHERE organization_id = $1`, w.objects["org"])

	w.cooperative(t)

	// Rolf is removed; what he posted stays the organisation's.
	if res := olga.Web.Post("/organizations/"+w.objects["org"]+"/members/"+rolf.ID+"/remove", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("remove rolf: %d\n%.2000s", res.Status, res.Body)
	}
	w.secrets = []string{"geheim-raum.example", "GEHEIM-Antwort", "GEHEIM-Nachricht", "GEHEIM-Notiz", "GEHEIM-Suche", "geheim-eingeladen",
		olga.Email, rita.Email, rolf.Email}
	_ = rita
	return w
}

// volunteerDay is Rolf's volunteer day for the organisation with two of
// its projects, one approved by Olga, with Rita signed up for it.
func (w *world) volunteerDay(t *testing.T) {
	w.objects["day"] = w.create(t, "rolf", "POST", "/api/v1/events", w.fill(t, `{"organization_id":"{org}","title":"Freiwilligentag",`+
		`"description":"Aktionen","kind":"volunteer_day","start":"2026-04-18T07:00:00Z","end":"2026-04-18T15:00:00Z","place":"Kassel","content_lang":"de"}`))
	projects := "/api/v1/events/" + w.objects["day"] + "/projects"
	w.objects["project"] = w.create(t, "rolf", "POST", projects, w.fill(t, strings.Replace(projectJSON, "Gekapert", "Garten", 2)))
	w.call(t, "olga", "POST", projects+"/"+w.objects["project"]+"/approve", "", http.StatusOK)
	w.objects["projectDraft"] = w.create(t, "rolf", "POST", projects, w.fill(t, strings.Replace(projectJSON, "Gekapert", "Entwurf", 2)))
	w.objects["projectSignup"] = w.create(t, "rita", "POST", projects+"/"+w.objects["project"]+"/signups", "")
}

// barcamp is a barcamp of the organisation Rolf sets up with a room and
// a slot; Rita registers and proposes a session.
func (w *world) barcamp(t *testing.T) {
	w.objects["barcamp"] = w.create(t, "rolf", "POST", "/api/v1/events", w.fill(t, `{"organization_id":"{org}","title":"Barcamp",`+
		`"description":"Sessions","kind":"barcamp","start":"2026-04-25T07:00:00Z","end":"2026-04-25T15:00:00Z","place":"Kassel",`+
		`"content_lang":"de","registration":true}`))
	camp := "/events/" + w.objects["barcamp"]
	w.post(t, "rolf", camp+"/barcamp/rooms", url.Values{"name": {"Saal"}, "size": {"40"}})
	w.objects["campRoom"] = w.one(t, `SELECT id FROM event_barcamp_rooms WHERE event_id = $1`, w.objects["barcamp"])
	w.post(t, "rolf", camp+"/barcamp/slots", url.Values{"start_date": {"2026-04-25"}, "start_time": {"10:00"}, "end_time": {"11:00"}})
	w.objects["campSlot"] = w.one(t, `SELECT id FROM event_barcamp_slots WHERE event_id = $1`, w.objects["barcamp"])
	w.call(t, "rita", "POST", "/api/v1"+camp+"/registrations", "", http.StatusCreated)
	w.objects["campSession"] = w.create(t, "rita", "POST", "/api/v1"+camp+"/sessions",
		`{"title":"Ritas Session","description":"Worum es geht","lang":"de","format":"discussion"}`)
}

// approvedPledge makes a pledge of the organisation, approved by the
// coordinator.
func (w *world) approvedPledge(t *testing.T, as string) string {
	id := w.create(t, as, "POST", "/api/v1/pledges", w.fill(t, pledgeJSON))
	w.call(t, as, "POST", "/api/v1/pledges/"+id+"/submit", "", http.StatusOK)
	w.call(t, "cora", "POST", "/api/v1/pledges/"+id+"/approve", "", http.StatusOK)
	return id
}

// closedPledge is a pledge Rita signed, confirmed and closed as successful.
func (w *world) closedPledge(t *testing.T, as string) string {
	id := w.approvedPledge(t, as)
	sid := w.create(t, "rita", "POST", "/api/v1/pledges/"+id+"/signups", `{"note":"Ich bin dabei"}`)
	w.call(t, as, "POST", "/api/v1/pledges/"+id+"/signups/"+sid+"/confirm", "", http.StatusOK)
	w.call(t, as, "POST", "/api/v1/pledges/"+id+"/close", "", http.StatusOK)
	return id
}

// ask has Rita ask a question of the pledge, approved by the coordinator.
func (w *world) ask(t *testing.T) {
	w.post(t, "rita", "/pledges/"+w.objects["pledge"]+"/questions", url.Values{"question": {"Wann genau?"}})
	w.objects["question"] = w.one(t, `SELECT id FROM pledge_questions WHERE pledge_id = $1`, w.objects["pledge"])
	w.post(t, "cora", "/admin/pledges/questions/"+w.objects["question"]+"/approve", nil)
}

func (w *world) one(t *testing.T, q string, arg string) string {
	t.Helper()
	var id string
	if err := w.e.P.DB.QueryRowContext(context.Background(), q, arg).Scan(&id); err != nil {
		t.Fatalf("%s (%s): %v", q, arg, err)
	}
	return id
}

// fill puts the fixture's ids in place of {name}.
func (w *world) fill(t *testing.T, s string) string {
	t.Helper()
	return placeholder.ReplaceAllStringFunc(s, func(m string) string {
		id, ok := w.objects[m[1:len(m)-1]]
		if !ok {
			t.Fatalf("the fixture has no %s", m)
		}
		return id
	})
}

var placeholder = regexp.MustCompile(`\{[a-zA-Z]+\}`)

func (w *world) call(t *testing.T, as, method, path, body string, want int) map[string]any {
	t.Helper()
	var b any
	if body != "" {
		b = json.RawMessage(body)
	}
	status, out := w.e.API(t, w.people[as].Token(t), method, path, b)
	if status != want {
		t.Fatalf("%s %s %s: %d %v", as, method, path, status, out)
	}
	return out
}

func (w *world) create(t *testing.T, as, method, path, body string) string {
	t.Helper()
	return w.call(t, as, method, path, body, http.StatusCreated)["id"].(string)
}

func (w *world) post(t *testing.T, as, path string, form url.Values) {
	t.Helper()
	if res := w.people[as].Web.Post(path, form); res.Status != http.StatusSeeOther {
		t.Fatalf("%s POST %s: %d\n%.2000s", as, path, res.Status, res.Body)
	}
}

// path fills the pattern's wildcards with the route's objects.
func (w *world) path(t *testing.T, key, pattern string, r route) string {
	t.Helper()
	parts := strings.Split(pattern, "/")
	n := 0
	for i, part := range parts {
		if !strings.HasPrefix(part, "{") {
			continue
		}
		if n >= len(r.objects) {
			t.Fatalf("%s: no object for %s in its matrix entry", key, part)
		}
		obj := r.objects[n]
		n++
		if lit, ok := strings.CutPrefix(obj, "="); ok {
			parts[i] = lit
			continue
		}
		id, ok := w.objects[obj]
		if !ok {
			t.Fatalf("%s: the fixture has no %q", key, obj)
		}
		parts[i] = id
	}
	return strings.Join(parts, "/")
}

// response is what a probe got.
type response struct {
	status   int
	location string
	body     string
}

func (w *world) request(t *testing.T, as, method, path string, r route) response {
	t.Helper()
	if strings.HasPrefix(path, "/api/") {
		token := ""
		if as != "visitor" {
			token = w.people[as].Token(t)
		}
		return w.apiRequest(t, token, method, path, r)
	}
	c := w.e.Client(t)
	if as != "visitor" {
		c = w.people[as].Web
	}
	var res *apptest.Response
	if method == http.MethodGet {
		res = c.Get(path)
	} else {
		form := url.Values{}
		for i := 0; i+1 < len(r.values); i += 2 {
			form.Add(r.values[i], w.fill(t, r.values[i+1]))
		}
		res = c.Post(path, form)
	}
	return response{res.Status, res.Location(), res.Body}
}

func (w *world) apiRequest(t *testing.T, token, method, path string, r route) response {
	t.Helper()
	req, _ := http.NewRequest(method, w.e.URL+path, strings.NewReader(w.fill(t, r.body)))
	if r.body != "" {
		req.Header.Set("Content-Type", cmp(r.ctype, "application/json"))
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header.Get("Location"), string(b)}
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// refused reports whether a response refuses: 401, 403 or 404, or a
// redirect to the login.
func refused(res response) bool {
	switch res.status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		return true
	case http.StatusSeeOther, http.StatusFound:
		return strings.HasPrefix(res.location, "/login")
	}
	return false
}

// probe tries a route as every persona the entry does not allow, then as
// the first allowed one.
func (w *world) probe(t *testing.T, key, method, pattern string, r route) {
	t.Helper()
	path := w.path(t, key, pattern, r)
	tried := personas
	switch r.class {
	case classSelf:
		tried = []string{"visitor"}
	case classStaff:
		r.allowed = nil
	}
	for _, as := range tried {
		if slices.Contains(r.allowed, as) {
			continue
		}
		w.resetLimits(t)
		before := snapshot(t, w.e.P.DB)
		res := w.request(t, as, method, path, r)
		if !refused(res) && !(r.field && res.status == http.StatusUnprocessableEntity) {
			t.Errorf("%s (%s) as %s: status %d %s, want a refusal (401, 403, 404 or the login)\n%.1500s",
				key, r.class, as, res.status, res.location, res.body)
		}
		if changed := changedTables(before, snapshot(t, w.e.P.DB)); len(changed) > 0 {
			t.Errorf("%s (%s) as %s: changed %v", key, r.class, as, changed)
		}
		w.checkSecrets(t, key, as, res.body)
	}
	if r.class == classOwned && len(r.allowed) > 0 && method == http.MethodGet {
		w.resetLimits(t)
		if res := w.request(t, r.allowed[0], method, path, r); refused(res) || res.status >= 400 {
			t.Errorf("%s as %s, who may: status %d\n%.1500s", key, r.allowed[0], res.status, res.body)
		}
	}
}

// probePublic reads a public page of an owned object as a visitor and a
// plain member: neither sees private text.
func (w *world) probePublic(t *testing.T, key, pattern string, r route) {
	t.Helper()
	path := w.path(t, key, pattern, r)
	for _, as := range []string{"visitor", "mia"} {
		res := w.request(t, as, http.MethodGet, path, r)
		if res.status != http.StatusOK {
			t.Errorf("%s (public) as %s: status %d", key, as, res.status)
		}
		w.checkSecrets(t, key, as, res.body)
	}
}

// checkSecrets fails when body shows private text of others.
func (w *world) checkSecrets(t *testing.T, key, as, body string) {
	t.Helper()
	for _, s := range w.secrets {
		if p := w.people[as]; p != nil && s == p.Email {
			continue
		}
		if strings.Contains(body, s) {
			t.Errorf("%s as %s: shows %q", key, as, s)
		}
	}
}

// resetLimits empties the rate limits, so that no refusal is a limit's
// and no limit hides a hole.
func (w *world) resetLimits(t *testing.T) {
	t.Helper()
	if _, err := w.e.P.DB.ExecContext(context.Background(), `DELETE FROM rate_limits`); err != nil {
		t.Fatal(err)
	}
}

// cooperative makes Olga's cooperative: Rita, Rolf and Ella are admitted,
// Ella holds the supervisory office (so Olga, its owner, still acts as the
// board), an assembly with a motion is convened, Otto's declaration waits
// and Rolf is excluded.
func (w *world) cooperative(t *testing.T) {
	w.objects["coop"] = w.create(t, "olga", "POST", "/api/v1/organizations", `{"name":"Brückenbau eG","kind":"cooperative"}`)
	w.call(t, "olga", "POST", "/api/v1/coops", w.fill(t, `{"organization_id":"{coop}","purpose":"Bauen"}`), http.StatusCreated)
	member := map[string]string{}
	for _, who := range []string{"rita", "rolf", "ella"} {
		aid := w.create(t, who, "POST", "/api/v1/coops/"+w.objects["coop"]+"/applications",
			`{"name":"GEHEIM-Mitglied `+who+`","address":"Geheimweg 1","shares":1,"statutes_seen":true,"declare":true}`)
		w.call(t, "olga", "POST", "/api/v1/coops/"+w.objects["coop"]+"/applications/"+aid+"/admit", "", http.StatusNoContent)
		member[who] = w.one(t, `SELECT id FROM coop_members WHERE user_id = $1`, w.people[who].ID)
	}
	w.objects["coopMember"], w.objects["coopHolder"] = member["rita"], member["ella"]
	w.post(t, "olga", "/coops/"+w.objects["coop"]+"/offices", url.Values{"member_id": {member["ella"]}, "office": {"supervisory"}})
	w.objects["coopOffice"] = w.one(t, `SELECT id FROM coop_offices WHERE member_id = $1`, member["ella"])
	w.objects["coopApplication"] = w.create(t, "otto", "POST", "/api/v1/coops/"+w.objects["coop"]+"/applications",
		`{"name":"Otto","address":"Weg 2","shares":1,"statutes_seen":true,"declare":true}`)
	w.objects["assembly"] = w.create(t, "olga", "POST", "/api/v1/coops/"+w.objects["coop"]+"/assemblies",
		`{"kind":"ordinary","format":"online","starts_at":"2026-04-20T16:00:00Z","online_url":"https://geheim-raum.example/gv","agenda":["Bericht"]}`)
	w.objects["agenda"] = w.one(t, `SELECT id FROM coop_agenda WHERE assembly_id = $1`, w.objects["assembly"])
	w.objects["motion"] = w.call(t, "olga", "POST", "/api/v1/assemblies/"+w.objects["assembly"]+"/motions",
		w.fill(t, `{"agenda_id":"{agenda}","title":"Bericht annehmen","kind":"ordinary"}`), http.StatusCreated)["id"].(string)
	w.post(t, "olga", "/coops/"+w.objects["coop"]+"/members/"+member["rolf"]+"/end", url.Values{"reason": {"exclusion"}, "note": {"Beschluss"}})
}
