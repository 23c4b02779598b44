package platform_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
)

// TestXSSCorpus puts the payloads of testdata/xss.txt through every field
// people write in, through the real forms, and reads them back from every
// page, feed, mail, JSON-LD block, API answer and CSV export that shows
// them: each must come out as inert text (see xss_corpus_test.go for what
// is checked). The payloads go in batches: each round fills every field
// anew with the next payloads of the corpus (text areas with several), so
// that over the rounds every payload passes each kind of output.
func TestXSSCorpus(t *testing.T) {
	corpus := loadCorpus(t)
	if len(corpus) < 100 {
		t.Fatalf("the corpus has %d payloads, want at least 100", len(corpus))
	}
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		x := newXSSRun(t, e, corpus)
		for x.round = 1; x.round <= xssRounds; x.round++ {
			x.playRound()
			x.readRound()
			if t.Failed() {
				break
			}
		}
		x.formsAgain()
		x.reflected()
		x.feedsAndExports()
		x.declineMails()
		x.report()
	})
}

// xssRounds is how many times every field is filled; with the text areas
// taking up to packRunes of payloads each, three rounds pass every
// payload through every kind of output that shows a text area; passes of
// their own (feedsAndExports, declineMails, formsAgain) bring every
// payload to the outputs that show one-line fields only.
const xssRounds = 3

// packRunes bounds what one text area takes in a round, to keep the pages
// small and the test quick.
const packRunes = 4000

// A field people write in: its longest accepted value, whether it takes
// several lines, and whether it is Markdown (shown as markup by design,
// so its text is not compared).
type xssField struct {
	max      int
	multi    bool
	markdown bool
}

var xssFields = map[string]xssField{
	"poster.name": {max: 80}, "helper.name": {max: 80}, "signer.name": {max: 80}, "token.name": {max: 60},
	"org.name": {max: 120}, "org.description": {max: 5000, multi: true}, "org.street": {max: 120},
	"org.website": {max: 500}, "org.seeking": {max: 1000, multi: true},
	"location.name": {max: 120}, "location.street": {max: 120}, "location.accessibility": {max: 1000, multi: true},
	"closure.note": {max: 200},
	"service.name": {max: 120}, "service.description": {max: 3000, multi: true}, "service.fee_note": {max: 200},
	"service.eligibility": {max: 1000, multi: true}, "service.website": {max: 500},
	"municipality.name": {max: 120}, "fact.label": {max: 120}, "fact.value": {max: 200}, "fact.source": {max: 200},
	"fact.source_url": {max: 500}, "link.title": {max: 120}, "link.url": {max: 500},
	"partnership.goal": {max: 1000, multi: true}, "partnership.benefit": {max: 1000, multi: true},
	"partnership.contribution": {max: 1000, multi: true},
	"listing.title":            {max: 120}, "listing.description": {max: 4000, multi: true}, "listing.place": {max: 80},
	"event.title": {max: 120}, "event.description": {max: 5000, multi: true}, "event.street": {max: 120},
	"event.place": {max: 80}, "event.accessibility": {max: 1000, multi: true}, "event.cost": {max: 120},
	"project.title": {max: 120}, "project.description": {max: 5000, multi: true},
	"project.street": {max: 120}, "project.place": {max: 80},
	"room.name": {max: 80}, "session.title": {max: 120}, "session.description": {max: 1000, multi: true},
	"note.body":   {max: 20000, multi: true, markdown: true},
	"offer.title": {max: 120}, "offer.description": {max: 4000, multi: true},
	"response.body": {max: 4000, multi: true}, "message.body": {max: 4000, multi: true},
	"reply.body": {max: 4000, multi: true}, "thanks.text": {max: 500, multi: true},
	"flag.text": {max: 2000, multi: true}, "search.name": {max: 80},
	"pledge.promise": {max: 200}, "pledge.who": {max: 60}, "pledge.condition": {max: 300},
	"pledge.description": {max: 5000, multi: true}, "pledge.place": {max: 80},
	"signup.note": {max: 1000, multi: true}, "question.text": {max: 1000, multi: true},
	"answer.text": {max: 2000, multi: true}, "decline.reason": {max: 1000, multi: true},
	"report.title": {max: 120}, "report.body": {max: 10000, multi: true, markdown: true},
}

// typed is what was written into one field in the current round.
type typed struct {
	field    string
	marker   string // a word of its own in front, to find the value again
	value    string // marker and payloads, as sent
	payloads []int  // indexes into the corpus
	stored   bool   // the form was accepted with it
	// fallbacks are sent, in turn, when the platform refuses the value:
	// the marker alone unless said otherwise.
	fallbacks []string
}

type xssRun struct {
	t      *testing.T
	e      *apptest.Env
	corpus []string
	round  int
	next   int // the next payload of the corpus a one-line field takes
	// cursor is the next payload of the corpus a text area takes: each
	// walks the whole corpus over the rounds, from its own start.
	cursor map[string]int
	seq    int // numbers the markers

	typed map[string]*typed // by field, this round
	ids   xssIDs

	admin, poster, helper, signer *apptest.Person
	partnerOrg                    string
	ags                           string

	// seen[kind][i]: payload i came back, as text, from an output of the
	// kind (page, json, atom, csv, mail, jsonld, form).
	seen  map[string]map[int]bool
	reads int
}

func newXSSRun(t *testing.T, e *apptest.Env, corpus []string) *xssRun {
	x := &xssRun{t: t, e: e, corpus: corpus, seen: map[string]map[int]bool{}, cursor: map[string]int{}, ags: "06611000"}
	x.admin = e.NewPerson(t, "admin", auth.Admin)
	x.poster = e.NewPerson(t, "poster", auth.Member)
	x.helper = e.NewPerson(t, "helper", auth.Member)
	x.signer = e.NewPerson(t, "signer", auth.Member)
	x.mustPost(x.admin.Web, "/municipalities/new", apptest.Form("ags", x.ags, "name", "Kassel", "state", "06"))
	loc := x.mustPost(x.helper.Web, "/organizations/new", apptest.Form("name", "Partner Kassel", "kind", "initiative",
		"postcode", "34117", "city", "Kassel", "street", "Weg 1", "languages", "de"))
	x.partnerOrg = lastSegment(loc)
	return x
}

// value returns a new value for field: its marker and the next payloads
// of the corpus that fit.
func (x *xssRun) value(field string) string {
	base, _, _ := strings.Cut(field, "#") // "service.name#3" is one more service name
	spec, ok := xssFields[base]
	if !ok {
		x.t.Fatalf("unknown field %s", field)
	}
	x.seq++
	ty := &typed{field: field, marker: fmt.Sprintf("Xq%dqX", x.seq)}
	limit := min(spec.max, packRunes)
	next := &x.next
	if spec.multi {
		if _, ok := x.cursor[field]; !ok {
			x.cursor[field] = len(x.cursor) * 37
		}
		c := x.cursor[field]
		next = &c
		defer func() { x.cursor[field] = c }()
	}
	var b strings.Builder
	b.WriteString(ty.marker)
	for tries := 0; tries < len(x.corpus); tries++ {
		p := x.corpus[*next%len(x.corpus)]
		if utf8.RuneCountInString(b.String())+1+utf8.RuneCountInString(p) > limit {
			if len(ty.payloads) == 0 {
				*next++ // a field passes over what is too long for it
				continue
			}
			break
		}
		if spec.multi {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
		b.WriteString(p)
		ty.payloads = append(ty.payloads, *next%len(x.corpus))
		*next++
		if !spec.multi {
			break
		}
	}
	ty.value = b.String()
	x.typed[field] = ty
	return ty.value
}

// url is a value for a field that takes an address: the payload follows
// an address as typed; when refused, it follows again without the
// characters no address may hold (white space, quotes, angle brackets),
// so that what an address check lets through is stored; the marker is in
// the path, to find the value again.
func (x *xssRun) url(field string) string {
	v := x.value(field)
	ty := x.typed[field]
	start := "https://example.org/" + ty.marker + "/"
	payload := strings.TrimPrefix(v, ty.marker+" ")
	ty.value = start + payload
	ty.fallbacks = []string{start + strings.Map(func(r rune) rune {
		if strings.ContainsRune(" \t\n\r\"<>", r) {
			return -1
		}
		return r
	}, payload), start}
	return ty.value
}

var fieldError = regexp.MustCompile(`id="f-([a-z_0-9]+)-error"`)

// post sends a form whose values come from value; when the platform
// refuses some of them, it draws the form again with what was typed (an
// output checked like any page), and the refused fields are sent again
// with their marker only. It returns where the platform sent the client.
func (x *xssRun) post(c *apptest.Client, path string, form url.Values) string {
	x.t.Helper()
	for attempt := 0; attempt < 3; attempt++ {
		res := c.Post(path, form)
		switch res.Status {
		case http.StatusSeeOther:
			x.markStored(form)
			return res.Location()
		case http.StatusOK, http.StatusUnprocessableEntity:
			x.checkOutput("form", "POST "+path, checkHTML(res.Body, x.e.URL, false), x.fieldsIn(form), nil)
			bad := fieldError.FindAllStringSubmatch(res.Body, -1)
			if res.Status == http.StatusOK && len(bad) == 0 { // shown once, as a new token
				x.markStored(form)
				return ""
			}
			if len(bad) == 0 {
				x.t.Errorf("POST %s: %d without a field error\n%.2000s", path, res.Status, res.Body)
				return ""
			}
			for _, m := range bad {
				name := m[1]
				ty := x.typedValue(form.Get(name))
				if ty == nil {
					x.t.Errorf("POST %s: refused %s=%.80q", path, name, form.Get(name))
					return ""
				}
				x.t.Logf("POST %s: %s refused: %.60q", path, ty.field, ty.value)
				fallback := ty.marker
				if len(ty.fallbacks) > 0 {
					fallback, ty.fallbacks = ty.fallbacks[0], ty.fallbacks[1:]
				} else {
					ty.payloads = nil
				}
				ty.value = fallback
				form.Set(name, fallback)
			}
		default:
			x.t.Errorf("POST %s: %d\n%.1000s", path, res.Status, res.Body)
			return ""
		}
	}
	x.t.Errorf("POST %s: refused three times", path)
	return ""
}

func (x *xssRun) mustPost(c *apptest.Client, path string, form url.Values) string {
	x.t.Helper()
	res := c.Post(path, form)
	if res.Status != http.StatusSeeOther {
		x.t.Fatalf("POST %s: %d\n%.2000s", path, res.Status, res.Body)
	}
	return res.Location()
}

func (x *xssRun) typedValue(v string) *typed {
	if v == "" {
		return nil
	}
	for _, ty := range x.typed {
		if ty.value == v {
			return ty
		}
	}
	return nil
}

func (x *xssRun) fieldsIn(form url.Values) []string {
	var out []string
	for _, vs := range form {
		for _, v := range vs {
			if ty := x.typedValue(v); ty != nil {
				out = append(out, ty.field)
			}
		}
	}
	return out
}

func (x *xssRun) markStored(form url.Values) {
	for _, f := range x.fieldsIn(form) {
		x.typed[f].stored = true
	}
}

func lastSegment(path string) string {
	path, _, _ = strings.Cut(path, "?")
	return path[strings.LastIndexByte(path, '/')+1:]
}

// ids of what one round created.
type xssIDs struct {
	org, location, service, partnership, listing, offer, response, conversation,
	pledge, report, declined, event, day, project, camp, session string
}

var (
	uuidPattern  = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
	conversation = regexp.MustCompile(`/conversations/(` + uuidPattern + `)`)
	responseID   = regexp.MustCompile(`/responses/(` + uuidPattern + `)/accept`)
	questionID   = regexp.MustCompile(`/questions/(` + uuidPattern + `)/(approve|answer)`)
	blogID       = regexp.MustCompile(`/blog/(` + uuidPattern + `)`)
)

// playRound writes into every field, as the people who may.
func (x *xssRun) playRound() {
	x.typed = map[string]*typed{}
	x.ids = xssIDs{}
	t, e := x.t, x.e
	day := func(days int) string { return e.Clock.Now().AddDate(0, 0, days).Format("2006-01-02") }
	e.Clock.Advance(2 * 3600 * 1e9) // new windows for the rate limits

	for _, p := range []struct {
		who   *apptest.Person
		field string
	}{{x.poster, "poster.name"}, {x.helper, "helper.name"}, {x.signer, "signer.name"}} {
		x.post(p.who.Web, "/settings/profile", apptest.Form("name", x.value(p.field), "lang", "de"))
	}
	x.post(x.poster.Web, "/settings/tokens", apptest.Form("token_name", x.value("token.name")))

	// An organisation with its directory entry, seen by the partner.
	id := &x.ids
	id.org = lastSegment(x.post(x.poster.Web, "/organizations/new", apptest.Form("name", x.value("org.name"),
		"kind", "initiative", "description", x.value("org.description"), "website", x.url("org.website"),
		"email", "info@example.org", "phone", "0561 123456", "street", x.value("org.street"), "postcode", "34117",
		"city", "Kassel", "languages", "de")))
	if id.org == "" {
		t.FailNow()
	}
	org := "/organizations/" + id.org
	x.post(x.poster.Web, org+"/seeking", apptest.Form("what_for", x.value("org.seeking")))
	x.post(x.poster.Web, org+"/members/invite", apptest.Form("email", x.signer.Email, "role", "editor"))
	id.location = lastSegment(x.post(x.poster.Web, org+"/locations/new", apptest.Form("name", x.value("location.name"),
		"street", x.value("location.street"), "postcode", "34117", "city", "Kassel", "ags", x.ags,
		"accessibility", x.value("location.accessibility"), "h1_1_opens", "09:00", "h1_1_closes", "17:00")))
	x.post(x.poster.Web, "/locations/"+id.location+"/closures", apptest.Form("first", day(10), "kind", "closed",
		"note", x.value("closure.note")))
	id.service = lastSegment(x.post(x.poster.Web, org+"/services/new", apptest.Form("name", x.value("service.name"),
		"description", x.value("service.description"), "category", "volunteering.shelters", "lang", "de", "cost", "fee",
		"fee_note", x.value("service.fee_note"), "eligibility", x.value("service.eligibility"), "access", "walk_in",
		"languages", "de", "locations", id.location, "website", x.url("service.website"))))
	id.partnership = lastSegment(x.post(x.poster.Web, "/partnerships/new", apptest.Form("org", id.org,
		"partners", x.partnerOrg, "goal", x.value("partnership.goal"), "benefit", x.value("partnership.benefit"),
		"starts_on", day(1), "lang", "de", "contribution", x.value("partnership.contribution"))))
	x.post(x.helper.Web, "/partnerships/"+id.partnership+"/confirm", apptest.Form("organization_id", x.partnerOrg))
	id.event = lastSegment(x.post(x.poster.Web, "/events/new", apptest.Form("organization_id", id.org,
		"title", x.value("event.title"), "description", x.value("event.description"), "kind", "info_event",
		"start_date", day(3), "start_time", "18:00", "end_time", "20:00", "place_kind", "address",
		"street", x.value("event.street"), "postcode", "34117", "place", x.value("event.place"), "content_lang", "de",
		"accessibility", x.value("event.accessibility"), "cost", x.value("event.cost"))))
	x.playVolunteerDay(day)
	x.playBarcamp(day)

	// The municipality, as a coordinator keeps it.
	mu := "/municipalities/" + x.ags
	x.post(x.admin.Web, mu+"/edit", apptest.Form("name", x.value("municipality.name"), "state", "06"))
	x.post(x.admin.Web, mu+"/facts", apptest.Form("label", x.value("fact.label"), "value", x.value("fact.value"),
		"as_of", day(-1), "source", x.value("fact.source"), "source_url", x.url("fact.source_url"), "fact_lang", "de"))
	x.post(x.admin.Web, mu+"/links", apptest.Form("title", x.value("link.title"), "url", x.url("link.url"), "link_lang", "de"))

	// A request of the organisation (an opportunity) with a response and a
	// conversation, and an offer of the person that ends thanked.
	id.listing = lastSegment(x.post(x.poster.Web, "/listings/new", apptest.Form("kind", "request", "category", "goods.bicycles",
		"title", x.value("listing.title"), "description", x.value("listing.description"), "content_lang", "de",
		"languages", "de", "postcode", "34117", "place", x.value("listing.place"), "visibility", "public",
		"organization_id", id.org, "lifetime_days", "30")))
	listing := "/listings/" + id.listing
	x.post(x.helper.Web, listing+"/responses", apptest.Form("body", x.value("response.body")))
	if m := conversation.FindStringSubmatch(x.helper.Web.Get("/conversations").Body); m != nil {
		id.conversation = m[1]
		x.post(x.helper.Web, "/conversations/"+m[1]+"/messages", apptest.Form("body", x.value("message.body")))
		x.post(x.poster.Web, "/conversations/"+m[1]+"/messages", apptest.Form("body", x.value("reply.body")))
	} else {
		t.Error("the response opened no conversation")
	}
	x.post(x.helper.Web, "/flags", apptest.Form("kind", "listing", "id", id.listing, "reason", "other",
		"text", x.value("flag.text")))
	x.post(x.helper.Web, "/me/searches", apptest.Form("from", fmt.Sprintf("/board?q=Runde%d", x.round), "name",
		x.value("search.name")))

	id.offer = lastSegment(x.post(x.poster.Web, "/listings/new", apptest.Form("kind", "offer", "category", "goods.bicycles",
		"title", x.value("offer.title"), "description", x.value("offer.description"), "content_lang", "de",
		"languages", "de", "postcode", "34117", "place", "Kassel", "visibility", "public", "show_name", "1")))
	offer := "/listings/" + id.offer
	x.post(x.helper.Web, offer+"/responses", apptest.Form("body", "Gern"))
	if m := responseID.FindStringSubmatch(x.poster.Web.Get(offer).Body); m != nil {
		id.response = m[1]
		x.post(x.poster.Web, offer+"/responses/"+m[1]+"/accept", nil)
		x.post(x.poster.Web, offer+"/fulfil", nil)
		x.post(x.helper.Web, offer+"/thanks", apptest.Form("text", x.value("thanks.text")))
	} else {
		t.Error("no response to accept on the offer")
	}

	x.playPledges(day)
}

// playVolunteerDay: a volunteer day of the organisation with a project
// it offers, approved, and the helper signed up.
func (x *xssRun) playVolunteerDay(day func(int) string) {
	id := &x.ids
	id.day = lastSegment(x.post(x.poster.Web, "/events/new", apptest.Form("organization_id", id.org,
		"title", "Freiwilligentag", "description", "Aktionen", "kind", "volunteer_day", "start_date", day(4),
		"start_time", "10:00", "end_time", "16:00", "place_kind", "address", "postcode", "34117", "content_lang", "de")))
	projects := "/events/" + id.day + "/projects"
	id.project = lastSegment(x.post(x.poster.Web, projects+"/new", apptest.Form("organization_id", id.org,
		"title", x.value("project.title"), "description", x.value("project.description"), "date", day(4),
		"start_time", fmt.Sprintf("%d:00", 10+x.round), "end_time", fmt.Sprintf("%d:30", 10+x.round), // the helper's slots must not overlap
		"street", x.value("project.street"), "postcode", "34117",
		"place", x.value("project.place"), "capacity", "3", "languages", "de")))
	x.post(x.poster.Web, projects+"/"+id.project+"/approve", nil)
	x.post(x.helper.Web, projects+"/"+id.project+"/signup", nil)
}

// playBarcamp: a barcamp of the organisation with a room and a slot; the
// helper registers, proposes a session and writes notes on it; the
// schedule is proposed and published.
func (x *xssRun) playBarcamp(day func(int) string) {
	id := &x.ids
	id.camp = lastSegment(x.post(x.poster.Web, "/events/new", apptest.Form("organization_id", id.org,
		"title", "Barcamp", "description", "Sessions", "kind", "barcamp", "start_date", day(5),
		"start_time", "09:00", "end_time", "17:00", "place_kind", "address", "postcode", "34117", "content_lang", "de",
		"registration", "1")))
	camp := "/events/" + id.camp
	x.post(x.poster.Web, camp+"/barcamp/rooms", apptest.Form("name", x.value("room.name"), "size", "30"))
	x.post(x.poster.Web, camp+"/barcamp/slots", apptest.Form("start_date", day(5), "start_time", "10:00", "end_time", "11:00"))
	x.post(x.helper.Web, camp+"/register", nil)
	id.session = lastSegment(x.post(x.helper.Web, camp+"/sessions/new", apptest.Form("title", x.value("session.title"),
		"description", x.value("session.description"), "lang", "de", "format", "workshop")))
	x.post(x.helper.Web, camp+"/sessions/"+id.session+"/notes", apptest.Form("body", x.value("note.body")))
	x.post(x.poster.Web, camp+"/schedule/propose", nil)
	x.post(x.poster.Web, camp+"/schedule/publish", apptest.Form("publish", "1"))
}

// playPledges: a pledge of the organisation, approved, signed, asked about
// and answered, closed and reported on; another one declined.
func (x *xssRun) playPledges(day func(int) string) {
	id := &x.ids
	created := x.post(x.poster.Web, "/pledges/new", apptest.Form("organization_id", id.org,
		"promise", x.value("pledge.promise"), "needed", "1", "who", x.value("pledge.who"),
		"condition", x.value("pledge.condition"), "deadline", day(10), "category", "housing.furnishing",
		"description", x.value("pledge.description"), "postcode", "34117", "place", x.value("pledge.place"),
		"content_lang", "de", "auto_confirm", "1", "then", "submit"))
	id.pledge = lastSegment(strings.TrimSuffix(created, "/edit"))
	if id.pledge == "" {
		x.t.FailNow()
	}
	pledge := "/pledges/" + id.pledge
	x.post(x.admin.Web, "/admin"+pledge+"/approve", nil)
	x.post(x.signer.Web, pledge+"/questions", apptest.Form("question", x.value("question.text")))
	if m := questionID.FindStringSubmatch(x.admin.Web.Get("/admin/pledges").Body + x.poster.Web.Get(pledge).Body); m != nil {
		x.post(x.admin.Web, "/admin/pledges/questions/"+m[1]+"/approve", nil)
		x.post(x.poster.Web, pledge+"/questions/"+m[1]+"/answer", apptest.Form("answer", x.value("answer.text")))
	} else {
		x.t.Error("no question to answer")
	}
	x.post(x.signer.Web, pledge+"/signups", apptest.Form("note", x.value("signup.note")))
	x.post(x.poster.Web, pledge+"/close", nil)
	if m := blogID.FindStringSubmatch(x.post(x.poster.Web, pledge+"/report", apptest.Form("title", x.value("report.title"),
		"text", x.value("report.body"), "content_lang", "de"))); m != nil {
		id.report = m[1]
	}
	declined := x.post(x.poster.Web, "/pledges/new", apptest.Form("promise", "Stühle", "needed", "2", "who", "Leute",
		"condition", "kommen", "deadline", day(10), "category", "housing.furnishing", "postcode", "34117",
		"content_lang", "de", "then", "submit"))
	id.declined = lastSegment(strings.TrimSuffix(declined, "/edit"))
	x.post(x.admin.Web, "/admin/pledges/"+id.declined+"/decline", apptest.Form("reason", x.value("decline.reason")))
}

// readRound reads every output that shows what the round wrote, as the
// people who see it.
func (x *xssRun) readRound() {
	id := x.ids
	visitor := x.e.Client(x.t)
	org, listing, offer := "/organizations/"+id.org, "/listings/"+id.listing, "/listings/"+id.offer
	pledge, mu := "/pledges/"+id.pledge, "/municipalities/"+x.ags
	day := "/events/" + id.day + "/projects"
	camp := "/events/" + id.camp
	conv := "/conversations/" + id.conversation
	orgText := []string{"org.name", "org.description", "org.street"}
	pages := []struct {
		who   *apptest.Client
		path  string
		shows []string
	}{
		{visitor, "/", nil},
		{visitor, "/board", []string{"listing.title"}},
		{visitor, listing, []string{"listing.title", "listing.description", "listing.place", "org.name"}},
		{visitor, offer, []string{"offer.title", "offer.description", "poster.name~"}},
		{x.poster.Web, listing, []string{"helper.name"}},
		{x.poster.Web, offer + "/thanks", []string{"thanks.text"}},
		{x.poster.Web, listing + "/edit", []string{"listing.title", "listing.description", "listing.place"}},
		{x.poster.Web, "/me/listings", []string{"listing.title", "offer.title"}},
		{x.helper.Web, "/me/responses", []string{"listing.title"}},
		{x.helper.Web, listing + "/respond", []string{"listing.title"}},
		{x.helper.Web, "/me/searches", []string{"search.name"}},
		{x.helper.Web, "/conversations", nil},
		{x.helper.Web, conv, []string{"message.body", "reply.body", "response.body"}},
		{x.poster.Web, conv, []string{"message.body", "reply.body", "helper.name"}},
		{x.poster.Web, "/settings", []string{"poster.name", "token.name"}},
		{x.admin.Web, "/admin/moderation", []string{"flag.text"}},
		{x.admin.Web, "/admin/users", []string{"poster.name", "helper.name"}},
		{x.admin.Web, "/admin/organizations", []string{"org.name"}},
		{x.admin.Web, "/admin/audit", nil},
		{x.admin.Web, "/admin/pledges", nil},
		{x.admin.Web, "/admin", nil},
		{x.admin.Web, "/admin/mail", nil},

		{visitor, "/organizations", []string{"org.name"}},
		{visitor, org, orgText},
		{x.poster.Web, org + "/edit", append(orgText, "org.website")},
		{x.poster.Web, org + "/members", []string{"poster.name"}},
		{visitor, org + "/services", []string{"service.name"}},
		{visitor, org + "/partners", nil},
		{visitor, "/services/" + id.service, []string{"service.name", "service.description", "service.fee_note",
			"service.eligibility", "location.street", "org.name"}},
		{x.poster.Web, "/services/" + id.service + "/edit", []string{"service.name", "service.description",
			"service.fee_note", "service.eligibility", "service.website"}},
		{visitor, "/locations/" + id.location, []string{"location.name", "location.street", "location.accessibility",
			"closure.note", "service.name"}},
		{x.poster.Web, "/locations/" + id.location + "/edit", []string{"location.name", "location.street",
			"location.accessibility"}},
		{visitor, "/directory", nil},
		{visitor, mu, []string{"municipality.name", "fact.label", "fact.value", "link.title", "service.name"}},
		{visitor, mu + "/print", []string{"municipality.name"}},
		{x.admin.Web, mu + "/facts", []string{"fact.label", "fact.value", "fact.source", "link.title"}},
		{x.admin.Web, mu + "/edit", []string{"municipality.name"}},
		{visitor, "/network?ags=" + x.ags, []string{"org.name"}},
		{visitor, "/partnerships", []string{"org.name"}},
		{visitor, "/partnerships/" + id.partnership, []string{"partnership.goal", "partnership.benefit",
			"partnership.contribution"}},

		{visitor, "/events", []string{"event.title", "event.place", "org.name"}},
		{visitor, "/events/" + id.event, []string{"event.title", "event.description", "event.street", "event.place",
			"event.accessibility", "event.cost", "org.name"}},
		{x.poster.Web, "/events/" + id.event + "/edit", []string{"event.title", "event.description", "event.street",
			"event.place", "event.accessibility", "event.cost"}},
		{x.poster.Web, "/events/" + id.event + "/cancel", []string{"event.title"}},
		{visitor, day, []string{"project.title", "project.street", "project.place", "org.name"}},
		{visitor, day + "/" + id.project, []string{"project.title", "project.description", "project.street",
			"project.place", "org.name"}},
		{visitor, day + "/programme", []string{"project.title", "project.street", "project.place", "org.name"}},
		{x.poster.Web, day + "/totals", []string{"project.title", "org.name"}},
		{x.poster.Web, day + "/" + id.project + "/volunteers", []string{"project.title", "project.street",
			"project.place", "helper.name"}},
		{x.helper.Web, day + "/" + id.project + "/signup/cancel", []string{"project.title"}},
		{visitor, "/search?q=" + x.marker("project.title"), []string{"project.title"}},
		{visitor, camp + "/sessions", []string{"session.title", "session.description", "helper.name"}},
		{visitor, camp + "/sessions/" + id.session, []string{"session.title", "session.description", "note.body",
			"helper.name", "room.name"}},
		{visitor, camp + "/schedule", []string{"session.title", "room.name", "helper.name"}},
		{x.poster.Web, camp + "/barcamp", []string{"room.name"}},
		{x.poster.Web, camp + "/schedule/edit", []string{"session.title", "room.name"}},
		{x.helper.Web, camp + "/sessions/" + id.session + "/edit", []string{"session.title", "session.description"}},
		{visitor, "/search?q=" + x.marker("session.title"), []string{"session.title"}},

		{visitor, "/pledges", []string{"pledge.promise"}},
		{visitor, pledge, []string{"pledge.promise", "pledge.who", "pledge.condition", "pledge.description",
			"pledge.place", "question.text", "answer.text", "org.name"}},
		{x.poster.Web, pledge, []string{"signup.note", "signer.name"}},
		{x.poster.Web, "/me/pledges", []string{"pledge.promise"}},
		{x.poster.Web, "/pledges/" + id.declined, []string{"decline.reason"}},
		{visitor, "/blog", []string{"report.title"}},
		{visitor, "/blog/" + id.report, []string{"report.title", "report.body"}},
		{x.poster.Web, "/blog/" + id.report + "/edit", []string{"report.title"}},

		{visitor, "/search", nil},
		{visitor, "/search?q=" + x.marker("listing.title"), []string{"listing.title"}},
		{visitor, "/search?q=" + x.marker("org.name"), []string{"org.name"}},
		{visitor, "/search?q=" + x.marker("service.name"), []string{"service.name"}},
		{visitor, "/search?q=" + x.marker("pledge.promise"), []string{"pledge.promise"}},
	}
	for _, p := range pages {
		x.page(p.who, p.path, p.shows...)
	}
	for _, p := range []struct {
		path  string
		shows []string
	}{
		{listing, []string{"listing.title", "listing.description", "org.name"}},
		{offer, []string{"offer.title", "offer.description"}},
		{"/services/" + id.service, []string{"service.name", "service.description", "org.name"}},
		{"/events/" + id.event, []string{"event.title", "event.description", "event.street", "event.place", "event.cost",
			"org.name"}},
		{org, []string{"org.name", "org.description"}},
	} {
		x.jsonLD(visitor, p.path, p.shows...)
	}

	for _, f := range []struct {
		path  string
		shows []string
	}{
		{"/search?format=atom", []string{"listing.title", "pledge.promise"}},
		{"/search?format=atom&q=" + x.marker("org.name"), []string{"org.name"}},
		{"/blog?format=atom", []string{"report.title"}},
	} {
		x.atom(f.path, f.shows...)
	}
	for _, c := range []struct {
		path  string
		shows []string
	}{
		{"/directory/export.csv", []string{"org.name", "service.name"}},
		{"/directory/export.csv?ags=" + x.ags, []string{"org.name", "service.name"}},
		{"/api/v1/opendata/opportunities?format=csv", []string{"listing.title"}},
	} {
		x.csv(visitor, c.path, c.shows...)
	}
	// The day's figures are for its organisers: read with the poster's token.
	if ct, body := x.fetch(x.poster.Token(x.t), day+"/totals.csv"); body != nil {
		if !strings.HasPrefix(ct, "text/csv") {
			x.t.Errorf("GET %s/totals.csv: answered as %q", day, ct)
		}
		x.checkOutput("csv", "CSV "+day+"/totals.csv", checkCSV(body), []string{"project.title", "project.street",
			"project.place", "org.name"}, nil)
	}

	poster, helper, admin := x.poster.Token(x.t), x.helper.Token(x.t), x.admin.Token(x.t)
	for _, a := range []struct {
		token, path string
		shows       []string
	}{
		{"", "/api/v1/listings/" + id.listing, []string{"listing.title", "listing.description", "listing.place"}},
		{"", "/api/v1/listings", []string{"listing.title"}},
		{"", "/api/v1/listings/" + id.offer + "/thanks", []string{"thanks.text"}},
		{poster, "/api/v1/listings/" + id.listing + "/responses", []string{"helper.name"}},
		{helper, "/api/v1/me/responses", []string{"listing.title"}},
		{poster, "/api/v1/me/listings", []string{"listing.title"}},
		{helper, "/api/v1/conversations", nil},
		{helper, "/api/v1" + conv + "/messages", []string{"message.body", "reply.body"}},
		{admin, "/api/v1/flags", []string{"flag.text"}},
		{helper, "/api/v1/saved-searches", []string{"search.name"}},
		{poster, "/api/v1/me", []string{"poster.name"}},
		{poster, "/api/v1/tokens", []string{"token.name"}},
		{poster, "/api/v1/me/export", []string{"poster.name", "listing.title", "pledge.promise"}},
		{"", "/api/v1/organizations/" + id.org, []string{"org.name", "org.description", "org.website"}},
		{"", "/api/v1/organizations", []string{"org.name"}},
		{"", "/api/v1/organizations/" + id.org + "/services", []string{"service.name"}},
		{"", "/api/v1/services/" + id.service, []string{"service.name", "service.description", "service.eligibility"}},
		{"", "/api/v1/organizations/" + id.org + "/locations", []string{"location.name"}},
		{"", "/api/v1/locations/" + id.location, []string{"location.name", "location.street", "location.accessibility"}},
		{"", "/api/v1/municipalities/" + x.ags, []string{"municipality.name"}},
		{"", "/api/v1/municipalities", []string{"municipality.name"}},
		{"", "/api/v1/partnerships/" + id.partnership, []string{"partnership.goal", "partnership.benefit"}},
		{"", "/api/v1/partnerships", nil},
		{"", "/api/v1/events/" + id.event, []string{"event.title", "event.description", "event.street", "event.place",
			"event.accessibility", "event.cost"}},
		{"", "/api/v1/events", []string{"event.title"}},
		{"", "/api/v1" + day + "/" + id.project, []string{"project.title", "project.description", "project.street",
			"project.place"}},
		{"", "/api/v1" + day, []string{"project.title"}},
		{"", "/api/v1" + camp + "/sessions", []string{"session.title", "session.description", "helper.name"}},
		{"", "/api/v1" + camp + "/schedule", []string{"room.name"}},
		{poster, "/api/v1" + day + "/" + id.project + "/signups", []string{"helper.name"}},
		{"", "/api/v1/hsds/organizations/" + id.org, []string{"org.name", "org.description"}},
		{"", "/api/v1/hsds/services/" + id.service, []string{"service.name", "service.description"}},
		{"", "/api/v1/hsds/services", []string{"service.name"}},
		{"", "/api/v1/hsds/service_at_locations", nil},
		{"", "/api/v1/pledges/" + id.pledge, []string{"pledge.promise", "pledge.who", "pledge.condition", "pledge.description"}},
		{"", "/api/v1/pledges", []string{"pledge.promise"}},
		{poster, "/api/v1/pledges/" + id.pledge + "/signups", []string{"signup.note"}},
		{"", "/api/v1/reports", []string{"report.title"}},
		{"", "/api/v1/reports/" + id.report, []string{"report.title", "report.body"}},
		{"", "/api/v1/search?q=" + x.marker("listing.title"), []string{"listing.title"}},
		{"", "/api/v1/opendata/opportunities", []string{"listing.title"}},
	} {
		x.api(a.token, a.path, a.shows...)
	}
	x.export(x.poster.Web)
	x.mails("decline.reason", "org.name", "poster.name")
}

// marker is the marker of what field took this round.
func (x *xssRun) marker(field string) string {
	if ty := x.typed[field]; ty != nil {
		return ty.marker
	}
	return "none"
}

func (x *xssRun) page(c *apptest.Client, path string, shows ...string) {
	x.t.Helper()
	res := c.Get(path)
	if res.Status != http.StatusOK {
		x.t.Errorf("GET %s: %d\n%.500s", path, res.Status, res.Body)
		return
	}
	x.checkOutput("page", "GET "+path, checkHTML(res.Body, x.e.URL, strings.HasPrefix(path, "/network")), shows, nil)
}

func (x *xssRun) jsonLD(c *apptest.Client, path string, shows ...string) {
	x.t.Helper()
	res := c.Get(path)
	if res.Status != http.StatusOK {
		x.t.Errorf("GET %s: %d", path, res.Status)
		return
	}
	v := checkHTML(res.Body, x.e.URL, false)
	v.text = jsonLD(res.Body)
	x.checkOutput("jsonld", "JSON-LD of "+path, v, shows, nil)
}

func (x *xssRun) fetch(token, path string) (string, []byte) {
	x.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, x.e.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		x.t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		x.t.Errorf("GET %s: %d\n%.500s", path, res.StatusCode, body)
		return "", nil
	}
	return res.Header.Get("Content-Type"), body
}

func (x *xssRun) api(token, path string, shows ...string) {
	x.t.Helper()
	if ct, body := x.fetch(token, path); body != nil {
		x.checkOutput("json", "GET "+path, checkJSON(ct, body), shows, nil)
	}
}

func (x *xssRun) atom(path string, shows ...string) {
	x.t.Helper()
	if ct, body := x.fetch("", path); body != nil {
		x.checkOutput("atom", "feed "+path, checkAtom(ct, body), shows, nil)
	}
}

func (x *xssRun) csv(c *apptest.Client, path string, shows ...string) {
	x.t.Helper()
	if ct, body := x.fetch("", path); body != nil {
		if !strings.HasPrefix(ct, "text/csv") {
			x.t.Errorf("GET %s: answered as %q", path, ct)
		}
		x.checkOutput("csv", "CSV "+path, checkCSV(body), shows, nil)
	}
}

// export is the data export of a person, as JSON.
func (x *xssRun) export(c *apptest.Client) {
	res := c.Get("/settings/export.json")
	if res.Status != http.StatusOK {
		x.t.Errorf("export: %d", res.Status)
		return
	}
	x.checkOutput("json", "GET /settings/export.json", checkJSON(res.Header.Get("Content-Type"), []byte(res.Body)),
		[]string{"poster.name", "org.name~", "listing.title"}, nil)
}

// mails checks every mail put into the outbox since the last look, which
// must show the fields of shows, and empties it.
func (x *xssRun) mails(shows ...string) {
	rows, err := x.e.P.DB.QueryContext(context.Background(),
		"SELECT recipient, subject, body_text, body_html FROM mail_outbox ORDER BY created_at, id")
	type mail struct{ to, subject, text, html string }
	all, err := db.Collect(rows, err, func(r db.Scanner) (mail, error) {
		var m mail
		return m, r.Scan(&m.to, &m.subject, &m.text, &m.html)
	})
	if err != nil {
		x.t.Fatal(err)
	}
	var text strings.Builder
	for i, m := range all {
		v := checkMail(m.subject, m.text, m.html, x.e.URL)
		for _, p := range v.problems {
			x.t.Errorf("mail %d to %s (%q): %s", i, m.to, m.subject, p)
		}
		text.WriteString(v.text)
	}
	x.checkOutput("mail", "the outbox", &view{text: text.String()}, shows, nil)
	if _, err := x.e.P.DB.ExecContext(context.Background(), "DELETE FROM mail_outbox"); err != nil {
		x.t.Fatal(err)
	}
}

// checkOutput reports the problems of an output, and that it shows what a
// field of shows took, as text: a field whole, or, with "~" after its
// name, its start (where the output shortens it). Every payload of the
// round found in the output counts as passed through its kind.
func (x *xssRun) checkOutput(kind, name string, v *view, shows []string, _ []string) {
	x.t.Helper()
	x.reads++
	for _, p := range v.problems {
		x.t.Errorf("%s (round %d): %s", name, x.round, p)
	}
	for _, f := range shows {
		field, start := strings.CutSuffix(f, "~")
		ty := x.typed[field]
		if ty == nil || !ty.stored && kind != "form" {
			x.t.Errorf("%s: %s was not stored this round", name, field)
			continue
		}
		if xssFields[field].markdown {
			if !strings.Contains(v.text, ty.marker) {
				x.t.Errorf("%s does not show %s", name, field)
			}
			continue
		}
		want := inert(ty.value)
		if start {
			want = string([]rune(want)[:min(utf8.RuneCountInString(want), utf8.RuneCountInString(ty.marker)+12)])
		}
		if !strings.Contains(v.text, want) {
			x.t.Errorf("%s does not show %s as text: %.200q\n  but %.300q", name, field, want, around(v.text, ty.marker))
		}
	}
	for _, ty := range x.typed {
		for _, i := range ty.payloads {
			if p := inert(x.corpus[i]); len(p) >= 4 && strings.Contains(v.text, p) {
				if x.seen[kind] == nil {
					x.seen[kind] = map[int]bool{}
				}
				x.seen[kind][i] = true
			}
		}
	}
}

// around is what text shows from marker on, or its start.
func around(text, marker string) string {
	if i := strings.Index(text, marker); i >= 0 {
		return text[i:]
	}
	return "(no marker) " + text
}

// formsAgain sends every payload in a form that lacks a value it needs,
// so that it comes back, whatever the length, with what was typed: each
// payload as the title (a value attribute) and all of them at once in the
// description (a text area).
func (x *xssRun) formsAgain() {
	check := func(path string, form url.Values, payloads ...int) {
		res := x.poster.Web.Post(path, form)
		if res.Status != http.StatusUnprocessableEntity {
			x.t.Errorf("POST %s with payloads %v: %d", path, payloads, res.Status)
			return
		}
		v := checkHTML(res.Body, x.e.URL, false)
		x.reads++
		for _, prob := range v.problems {
			x.t.Errorf("POST %s with payloads %v: %s", path, payloads, prob)
		}
		for _, i := range payloads {
			if !strings.Contains(v.text, inert(x.corpus[i])) {
				x.t.Errorf("POST %s does not show payload %d again as text", path, i)
			} else {
				x.see("form", i)
			}
		}
	}
	all := make([]int, len(x.corpus))
	for i, p := range x.corpus {
		all[i] = i
		check("/listings/new", apptest.Form("kind", "offer", "title", p), i)
	}
	joined := strings.Join(x.corpus, "\n")
	check("/listings/new", apptest.Form("kind", "offer", "title", "Lang", "description", joined), all...)
	check("/organizations/new", apptest.Form("name", "Lang", "description", joined), all...)
	check("/pledges/new", apptest.Form("who", "Leute", "description", joined), all...)
}

func (x *xssRun) see(kind string, i int) {
	if x.seen[kind] == nil {
		x.seen[kind] = map[int]bool{}
	}
	x.seen[kind][i] = true
}

// reflected sends payloads in the query of the pages and feeds that show
// the query again.
func (x *xssRun) reflected() {
	visitor := x.e.Client(x.t)
	paths := []string{"/search?q=", "/board?q=", "/organizations?q=", "/directory?q=", "/pledges?place=",
		"/search?format=atom&q=", "/login?next=", "/admin/users?q="}
	for i, p := range x.corpus {
		if utf8.RuneCountInString(p) > 100 {
			continue
		}
		path := paths[i%len(paths)] + url.QueryEscape(p)
		c := visitor
		if strings.HasPrefix(path, "/admin") {
			c = x.admin.Web
		}
		res := c.Get(path)
		if res.Status >= 500 {
			x.t.Errorf("GET %s: %d", path, res.Status)
			continue
		}
		var v *view
		if strings.Contains(path, "format=atom") && res.Status == http.StatusOK {
			v = checkAtom(res.Header.Get("Content-Type"), []byte(res.Body))
		} else {
			v = checkHTML(res.Body, x.e.URL, false)
		}
		for _, prob := range v.problems {
			x.t.Errorf("GET %s: %s", path, prob)
		}
		x.reads++
	}
}

// feedsAndExports names services after the payloads that no feed or
// export has shown yet (services take a name of 120 characters and have
// no limit per day), in batches the search feed holds, and reads the
// feeds and the volunteer export.
func (x *xssRun) feedsAndExports() {
	x.typed = map[string]*typed{}
	org := "/organizations/" + x.ids.org
	for batch := 0; batch < 10; batch++ {
		n := 0
		for i, p := range x.corpus {
			if n == 40 || utf8.RuneCountInString(p) > 100 || x.seen["atom"][i] && x.seen["csv"][i] {
				continue
			}
			x.next = i
			field := fmt.Sprintf("service.name#%d", n)
			x.post(x.poster.Web, org+"/services/new", apptest.Form("name", x.value(field), "category", "volunteering.shelters",
				"lang", "de", "cost", "free", "access", "walk_in", "languages", "de", "locations", x.ids.location))
			n++
		}
		if n == 0 {
			return
		}
		x.atom("/search?format=atom&type=service")
		x.csv(x.poster.Web, "/directory/export.csv")
	}
}

// declineMails declines pledges with reasons made of the payloads no mail
// has shown yet: the mail to the pledger gives the reason.
func (x *xssRun) declineMails() {
	day := x.e.Clock.Now().AddDate(0, 0, 10).Format("2006-01-02")
	for batch := 0; batch < 10; batch++ {
		x.typed = map[string]*typed{}
		var reason strings.Builder
		marker := fmt.Sprintf("Xd%dqX", batch)
		reason.WriteString(marker)
		var sent []int
		for i, p := range x.corpus {
			if x.seen["mail"][i] || utf8.RuneCountInString(reason.String()+p)+1 > xssFields["decline.reason"].max {
				continue
			}
			reason.WriteString("\n" + p)
			sent = append(sent, i)
		}
		if len(sent) == 0 {
			return
		}
		x.typed["decline.reason"] = &typed{field: "decline.reason", marker: marker,
			value: reason.String(), payloads: sent}
		created := x.post(x.poster.Web, "/pledges/new", apptest.Form("promise", "Tische", "needed", "2", "who", "Leute",
			"condition", "kommen", "deadline", day, "category", "housing.furnishing", "postcode", "34117",
			"content_lang", "de", "then", "submit"))
		x.post(x.admin.Web, "/admin/pledges/"+lastSegment(strings.TrimSuffix(created, "/edit"))+"/decline",
			apptest.Form("reason", reason.String()))
		x.mails("decline.reason")
	}
}

// report logs what passed where, and fails when a payload did not pass
// through some kind of output.
func (x *xssRun) report() {
	kinds := make([]string, 0, len(x.seen))
	for k := range x.seen {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		x.t.Logf("%s: %d of %d payloads came back as text", k, len(x.seen[k]), len(x.corpus))
	}
	x.t.Logf("%d fields, %d outputs read", len(xssFields), x.reads)
	// What each kind of output must have shown: one-line fields reach
	// feeds, exports and mails, so those get the payloads that fit one.
	for _, k := range []struct {
		kind    string
		longest int
	}{{"page", 4000}, {"json", 4000}, {"jsonld", 4000}, {"form", 1 << 20}, {"atom", 100}, {"csv", 100}, {"mail", 100}} {
		var missing []int
		for i, p := range x.corpus {
			if len(inert(p)) >= 4 && !x.seen[k.kind][i] && utf8.RuneCountInString(p) <= k.longest {
				missing = append(missing, i)
			}
		}
		if len(missing) > 0 {
			x.t.Errorf("%s: payloads that never came back: %v", k.kind, missing)
		}
	}
}
