package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// user is one simulated person: a visitor, or a member when account is set.
type user struct {
	*run
	c        *client
	rng      *rand.Rand
	account  *Account
	arrived  bool
	loggedIn bool
	retryAt  time.Time       // no login attempt before this, after one failed
	own      map[string]bool // listings this member posted
	done     map[string]bool // listings responded to and pledges signed, or refused
	convs    []string        // conversations this member takes part in
	steps    int
}

// live is the person's visit: arrive, then act and pause until the run ends.
func (u *user) live(ctx context.Context) {
	if !u.arrived {
		u.arrive(ctx)
	}
	for u.going(ctx) {
		u.act(ctx)
		u.think(ctx)
	}
}

// arrive opens the front page and, for a member, logs in.
func (u *user) arrive(ctx context.Context) {
	u.arrived = true
	u.get(ctx, "page:home", "/")
	if u.account != nil {
		u.login(ctx)
	}
}

// once makes one step: arriving, the first time.
func (u *user) once(ctx context.Context) {
	if !u.arrived {
		u.arrive(ctx)
		return
	}
	u.act(ctx)
}

func (u *user) act(ctx context.Context) {
	u.steps++
	if u.account != nil && u.rng.Float64() < u.cfg.WriteShare {
		u.write(ctx)
	} else {
		u.read(ctx)
	}
}

func (u *user) think(ctx context.Context) {
	if u.cfg.Think <= 0 {
		return
	}
	d := time.Duration(-math.Log(1-u.rng.Float64()) * float64(u.cfg.Think))
	d = min(d, 4*u.cfg.Think, time.Until(u.deadline))
	sleep(ctx, d)
}

// choose picks an index by weight.
func (u *user) choose(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := u.rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func (u *user) get(ctx context.Context, class, path string) answer {
	a := u.c.get(ctx, class, path)
	if a.outcome == outcomeLoggedOut {
		u.loggedIn = false
	}
	return a
}

// ---------------------------------------------------------------- reading

// searchWords are words of the demo content in its six languages.
var searchWords = []string{
	"Fahrrad", "Deutsch", "Hausaufgaben", "Umzug", "Wohnung", "Waschmaschine", "Kinder", "Laptop",
	"Schwimmkurs", "Kassel", "Garten", "Kinderwagen", "Sprachtandem", "Arzt", "Fußball",
	"English", "desks", "mentors", "CV", "دوچرخه", "فوتبال", "الطبيب", "أطفال", "خياطة",
	"ноутбук", "квартира", "перекладач", "ödev", "kanepe", "gönüllü",
}

func (u *user) read(ctx context.Context) {
	switch u.choose(2, 4, 6, 4, 1, 1, 1, 1, 2, 1) {
	case 0:
		u.get(ctx, "page:home", "/")
	case 1:
		path := []string{"/board", "/board?kind=offer", "/board?kind=request", "/board?page=2"}[u.rng.IntN(4)]
		if a := u.get(ctx, "page:board", path); a.outcome == outcomeOK {
			u.catalog.learn(u.rng, &u.catalog.listings, listingLink, a.body)
		}
	case 2:
		if id, _ := u.catalog.pickListing(u.rng, u.rng.IntN(2) == 0); id != "" {
			u.get(ctx, "page:listing", "/listings/"+id)
		} else {
			u.get(ctx, "page:board", "/board")
		}
	case 3:
		q := searchWords[u.rng.IntN(len(searchWords))]
		if a := u.get(ctx, "page:search", "/search?q="+url.QueryEscape(q)); a.outcome == outcomeOK {
			u.catalog.learn(u.rng, &u.catalog.listings, listingLink, a.body)
		}
	case 4:
		if a := u.get(ctx, "page:organizations", "/organizations"); a.outcome == outcomeOK {
			u.catalog.learn(u.rng, &u.catalog.orgs, organizationLink, a.body)
		}
	case 5:
		if id := u.catalog.pick(u.rng, &u.catalog.orgs); id != "" {
			u.get(ctx, "page:organization", "/organizations/"+id)
		} else {
			u.get(ctx, "page:organizations", "/organizations")
		}
	case 6:
		if a := u.get(ctx, "page:pledges", "/pledges"); a.outcome == outcomeOK {
			u.catalog.learn(u.rng, &u.catalog.pledges, pledgeLink, a.body)
		}
	case 7:
		if id := u.catalog.pick(u.rng, &u.catalog.pledges); id != "" {
			u.get(ctx, "page:pledge", "/pledges/"+id)
		} else {
			u.get(ctx, "page:pledges", "/pledges")
		}
	case 8:
		u.conversations(ctx)
	case 9:
		if a := u.get(ctx, "api:listings", "/api/v1/listings"); a.outcome == outcomeOK {
			u.catalog.learn(u.rng, &u.catalog.listings, listingLink, a.body)
		}
	}
}

// conversations opens the member's inbox, where posters find the
// conversations others started by responding, and sometimes one of them.
func (u *user) conversations(ctx context.Context) {
	if !u.loggedIn {
		u.get(ctx, "page:board", "/board")
		return
	}
	a := u.get(ctx, "page:conversations", "/conversations")
	if a.outcome != outcomeOK {
		return
	}
	known := map[string]bool{}
	for _, c := range u.convs {
		known[c] = true
	}
	for _, m := range conversationLink.FindAllSubmatch(a.body, 50) {
		if id := string(m[1]); !known[id] {
			known[id] = true
			u.convs = append(u.convs, id)
		}
	}
	if len(u.convs) > 0 && u.rng.IntN(2) == 0 {
		u.get(ctx, "page:conversation", "/conversations/"+u.convs[u.rng.IntN(len(u.convs))])
	}
}

// ---------------------------------------------------------------- writing

// login uses the login form as a browser does. A member who fails waits
// half a minute before trying again and meanwhile only reads.
func (u *user) login(ctx context.Context) bool {
	if time.Now().Before(u.retryAt) {
		return false
	}
	u.get(ctx, "page:login", "/login")
	form := url.Values{"email": {u.account.Email}, "password": {u.account.Password}}
	a := u.c.postForm(ctx, "write:login", "/login", form, func(s int, loc string) bool {
		return s == http.StatusSeeOther && !strings.HasPrefix(loc, "/login")
	})
	u.loggedIn = a.outcome == outcomeOK
	if !u.loggedIn {
		u.retryAt = time.Now().Add(30 * time.Second)
		return false
	}
	u.get(ctx, "page:home", a.location)
	return true
}

func (u *user) write(ctx context.Context) {
	if !u.loggedIn && !u.login(ctx) {
		u.read(ctx)
		return
	}
	switch u.choose(25, 35, 30, 10) {
	case 0:
		u.postListing(ctx)
	case 1:
		u.respond(ctx)
	case 2:
		u.message(ctx)
	case 3:
		u.signUp(ctx)
	}
}

// acknowledge enters a write the server answered with an id into the ledger.
func (u *user) acknowledge(kind, id string, sent time.Time) {
	u.ledger.add(Write{Kind: kind, ID: id, User: u.account.Email, Sent: sent, Acked: time.Now()})
}

// failed notes what a refused write means for the member.
func (u *user) failed(a answer) {
	if a.outcome == outcomeLoggedOut {
		u.loggedIn = false
	}
}

type listingIdea struct {
	kind, category, lang, title, description string
}

var listingIdeas = []listingIdea{
	{"offer", "goods.household", "de", "Küchentisch mit vier Stühlen zu verschenken",
		"Der Tisch ist aus Holz und gut erhalten. Abholung am Nachmittag in der Nordstadt."},
	{"offer", "german_lessons.conversation", "de", "Deutsch üben beim Kaffee",
		"Ich treffe mich gern einmal pro Woche, um Alltagsdeutsch zu üben. Anfänger sind willkommen."},
	{"request", "everyday.moving", "de", "Hilfe beim Tragen von Kisten gesucht",
		"Wir ziehen in eine Wohnung im dritten Stock und brauchen zwei Leute für einen Vormittag."},
	{"request", "children.homework", "de", "Hausaufgabenhilfe in Mathematik gesucht",
		"Mein Sohn geht in die fünfte Klasse und braucht Unterstützung bei den Matheaufgaben."},
	{"offer", "goods.bicycles", "en", "Child's bicycle looking for a new home",
		"A small bicycle with support wheels, suitable for a child of about five years. Pick-up in Wehlheiden."},
	{"request", "housing.flat_search", "en", "Help reading flat adverts",
		"I would like someone to go through flat adverts with me and explain the terms."},
	{"offer", "leisure.meetups", "ar", "لقاء للمشي في الحديقة كل أسبوع",
		"نلتقي للمشي والحديث بالعربية والألمانية. الجميع مرحب بهم."},
	{"request", "goods.electronics", "uk", "Шукаю ноутбук для навчання",
		"Потрібен простий ноутбук для шкільних завдань доньки. Заберу сам."},
	{"offer", "translation.authorities", "tr", "Resmî yazışmalarda yardım",
		"Dairelerden gelen mektupları Türkçe açıklıyorum ve cevap yazmaya yardım ediyorum."},
	{"request", "leisure.creative", "fa", "دنبال چرخ خیاطی برای قرض",
		"برای چند هفته یک چرخ خیاطی لازم دارم و با دقت از آن نگهداری می‌کنم."},
}

func (u *user) postListing(ctx context.Context) {
	idea := listingIdeas[u.rng.IntN(len(listingIdeas))]
	visibility := "public"
	if u.rng.IntN(5) == 0 {
		visibility = "members"
	}
	form := url.Values{
		"kind": {idea.kind}, "category": {idea.category}, "title": {idea.title},
		"description": {idea.description}, "content_lang": {idea.lang}, "languages": {idea.lang, "de"},
		"postcode": {"34117"}, "place": {"Kassel"}, "visibility": {visibility}, "when_kind": {""},
	}
	sent := time.Now()
	a := u.c.postForm(ctx, "write:listing", "/listings/new", form, func(s int, loc string) bool {
		return s == http.StatusSeeOther && listingCreated.MatchString(loc)
	})
	if a.outcome != outcomeOK {
		u.failed(a)
		return
	}
	id := listingCreated.FindStringSubmatch(a.location)[1]
	u.acknowledge(KindListing, id, sent)
	u.own[id] = true
	u.catalog.addPosted(u.rng, id, u.account.Email)
	u.get(ctx, "page:listing", a.location)
}

// created is the part of an API answer that names what was made.
type created struct {
	ID             string `json:"id"`
	ConversationID string `json:"conversation_id"`
}

func (u *user) postJSON(ctx context.Context, class, path string, body any) (created, answer) {
	b, _ := json.Marshal(body)
	a := u.c.postJSON(ctx, class, path, b)
	var out created
	if a.outcome == outcomeOK {
		if err := json.Unmarshal(a.body, &out); err != nil || out.ID == "" {
			a.outcome = "acknowledged without a readable id"
			u.rec.note(a.outcome)
		}
	}
	if a.outcome != outcomeOK {
		u.failed(a)
	}
	return out, a
}

func (u *user) respond(ctx context.Context) {
	var id string
	for range 5 {
		candidate, poster := u.catalog.pickListing(u.rng, u.rng.IntN(10) < 7)
		if candidate != "" && !u.own[candidate] && !u.done[candidate] && poster != u.account.Email {
			id = candidate
			break
		}
	}
	if id == "" {
		u.postListing(ctx)
		return
	}
	u.get(ctx, "page:respond", "/listings/"+id+"/respond")
	sent := time.Now()
	body := map[string]string{"body": fmt.Sprintf("Guten Tag, ich kann helfen und hätte am Wochenende Zeit. (%d)", u.steps)}
	out, a := u.postJSON(ctx, "write:response", "/api/v1/listings/"+id+"/responses", body)
	switch a.outcome {
	case outcomeOK:
		u.done[id] = true
		u.acknowledge(KindResponse, out.ID, sent)
		if out.ConversationID != "" {
			u.acknowledge(KindConversation, out.ConversationID, sent)
			u.convs = append(u.convs, out.ConversationID)
		}
	case outcomeConflict, outcomeForbidden, outcomeNotFound:
		u.done[id] = true // answered already, closed, hidden or the member's own
	}
}

func (u *user) message(ctx context.Context) {
	if len(u.convs) == 0 {
		u.respond(ctx)
		return
	}
	conv := u.convs[u.rng.IntN(len(u.convs))]
	sent := time.Now()
	body := map[string]string{"body": fmt.Sprintf("Danke für die Nachricht! Passt es am Samstag um zehn Uhr? (%d)", u.steps)}
	out, a := u.postJSON(ctx, "write:message", "/api/v1/conversations/"+conv+"/messages", body)
	if a.outcome == outcomeOK {
		u.acknowledge(KindMessage, out.ID, sent)
	}
}

func (u *user) signUp(ctx context.Context) {
	id := ""
	for range 3 {
		if p := u.catalog.pick(u.rng, &u.catalog.pledges); p != "" && !u.done[p] {
			id = p
			break
		}
	}
	if id == "" {
		if a := u.get(ctx, "page:pledges", "/pledges"); a.outcome == outcomeOK {
			u.catalog.learn(u.rng, &u.catalog.pledges, pledgeLink, a.body)
		}
		return
	}
	sent := time.Now()
	out, a := u.postJSON(ctx, "write:signup", "/api/v1/pledges/"+id+"/signups", map[string]string{"note": "Ich bringe zwei Stunden am Samstag mit."})
	switch a.outcome {
	case outcomeOK:
		u.done[id] = true
		u.acknowledge(KindSignup, out.ID, sent)
	case outcomeConflict, outcomeForbidden, outcomeNotFound:
		u.done[id] = true
	}
}
