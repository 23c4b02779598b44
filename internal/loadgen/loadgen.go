// Package loadgen plays people using teilhabe, over HTTP as their browsers
// do: visitors browse the front page, the board, listings, search,
// organisations and pledges; members log in with the form, post listings,
// respond to others' listings, write in their conversations and sign up to
// pledges, with think times between their steps. It keeps a ledger of every
// write the server acknowledged and afterwards checks that the database
// holds each one. The drill (scripts/drill) and capacity measurements run
// it through `teilhabe load`.
//
// It only ever connects to loopback addresses.
package loadgen

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"time"
)

// Account is a verified account a simulated member logs in with.
type Account struct {
	Email, Password string
}

// Config is one run.
type Config struct {
	BaseURL  string    // a loopback URL, e.g. http://127.0.0.1:8080
	Members  []Account // one simulated member per account
	Visitors int       // simulated people who never log in

	Duration    time.Duration // how long the people act (Run)
	MaxRequests int           // stop after this many requests; 0 means no bound but the duration
	Timeout     time.Duration // for one request; 30 s when zero
	// Think is the mean pause between a person's steps (exponentially
	// distributed, at most four times the mean); zero for none, to find
	// the capacity.
	Think time.Duration
	// WriteShare is the part of a member's steps that write.
	WriteShare float64
	// ForwardedFor gives each person an address of their own in
	// X-Forwarded-For (from 198.18.0.0/15, the benchmarking range), so
	// that per-address limits see many people. Only servers that trust
	// the sender as a proxy believe it.
	ForwardedFor bool
	Seed         uint64

	Ledger io.Writer // receives every acknowledged write as a JSON line; may be nil
}

// run is the state every simulated person shares.
type run struct {
	cfg      Config
	base     *url.URL
	rec      *recorder
	ledger   *ledger
	catalog  *catalog
	deadline time.Time
}

// going tells whether another step may start.
func (r *run) going(ctx context.Context) bool {
	if ctx.Err() != nil || !time.Now().Before(r.deadline) {
		return false
	}
	return r.cfg.MaxRequests <= 0 || r.rec.sent.Load() < int64(r.cfg.MaxRequests)
}

// Load is a set of simulated people and what they know, kept across the
// measurements made with them.
type Load struct {
	run       *run
	people    []*user
	transport *http.Transport
}

// New makes the people of the configuration; nobody has acted yet.
func New(cfg Config) (*Load, error) {
	base, err := CheckLoopback(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	n := len(cfg.Members) + cfg.Visitors
	if n == 0 {
		return nil, errors.New("no members and no visitors to play")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	r := &run{cfg: cfg, base: base, rec: newRecorder(), ledger: newLedger(cfg.Ledger), catalog: newCatalog()}
	l := &Load{run: r, transport: newTransport(min(n, 1000) + 4)}
	for i := range n {
		u := r.newUser(i, l.transport)
		if i < len(cfg.Members) {
			u.account = &cfg.Members[i]
		}
		l.people = append(l.people, u)
	}
	return l, nil
}

// Close lets go of the idle connections.
func (l *Load) Close() { l.transport.CloseIdleConnections() }

// Run plays the configured people against the server until the duration
// is over or the request bound is reached, then returns the measurements.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	l, err := New(cfg)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	return l.Run(ctx, cfg.Duration)
}

// Run lets every person act on their own, with think times, for d.
// Requests in flight at the end are finished, not cut off, so that a write
// is never left half-known.
func (l *Load) Run(ctx context.Context, d time.Duration) (*Result, error) {
	if d <= 0 {
		return nil, errors.New("the duration must be positive")
	}
	m := l.begin(d)
	// People arrive over the first minute, not all in one instant: a
	// login costs a password hash, and a crowd of them at once measures
	// nothing but the hash.
	ramp := min(time.Minute, d/6)
	var wg sync.WaitGroup
	for i, u := range l.people {
		delay := ramp * time.Duration(i) / time.Duration(len(l.people))
		wg.Go(func() {
			if sleep(ctx, delay) {
				u.live(ctx)
			}
		})
	}
	wg.Wait()
	return l.end(m)
}

// Step measures the throughput of a number of workers for d: each worker
// takes a person, makes one step as them without pausing, and takes the
// next, so that the load does not depend on how many people there are
// but every write is still made by one of many accounts.
func (l *Load) Step(ctx context.Context, workers int, d time.Duration) (*Result, error) {
	if workers <= 0 || d <= 0 {
		return nil, errors.New("the workers and the duration must be positive")
	}
	m := l.begin(d)
	pool := make(chan *user, len(l.people))
	for _, i := range l.run.shuffled(len(l.people)) {
		pool <- l.people[i]
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for l.run.going(ctx) {
				u := <-pool
				u.once(ctx)
				pool <- u
			}
		})
	}
	wg.Wait()
	res, err := l.end(m)
	if res != nil {
		res.Users = workers
	}
	return res, err
}

// LogIn logs every member in, parallel at a time, outside any measurement:
// a capacity step should not be spent hashing passwords. It returns how
// many members are logged in.
func (l *Load) LogIn(ctx context.Context, parallel int) int {
	l.begin(24 * time.Hour)
	next := make(chan *user)
	var wg sync.WaitGroup
	for range max(parallel, 1) {
		wg.Go(func() {
			for u := range next {
				u.arrive(ctx)
			}
		})
	}
	for _, u := range l.people {
		if ctx.Err() == nil {
			next <- u
		}
	}
	close(next)
	wg.Wait()
	n := 0
	for _, u := range l.people {
		if u.loggedIn {
			n++
		}
	}
	return n
}

// measurement marks where one measurement began.
type measurement struct {
	start  time.Time
	writes int
}

func (l *Load) begin(d time.Duration) measurement {
	r := l.run
	r.rec = newRecorder()
	r.ledger.mu.Lock()
	r.ledger.counts = map[string]int{}
	writes := len(r.ledger.writes)
	r.ledger.mu.Unlock()
	start := time.Now()
	r.deadline = start.Add(d)
	return measurement{start: start, writes: writes}
}

func (l *Load) end(m measurement) (*Result, error) {
	r := l.run
	if r.ledger.err != nil {
		return nil, r.ledger.err
	}
	return &Result{Start: m.start, End: time.Now(), Users: len(l.people), Requests: r.rec.requests, Latency: r.rec.latency,
		Outcomes: r.rec.outcomes, Failures: r.rec.failures, Writes: r.ledger.counts, Ledger: r.ledger.writes[m.writes:]}, nil
}

// shuffled returns 0..n-1 in an order of the run's seed.
func (r *run) shuffled(n int) []int {
	return rand.New(rand.NewPCG(r.cfg.Seed, 1<<40)).Perm(n)
}

// languages are the interface languages, German most often.
var languages = []string{"de", "de", "de", "en", "ar", "fa", "uk", "tr"}

func (r *run) newUser(i int, t *http.Transport) *user {
	rng := rand.New(rand.NewPCG(r.cfg.Seed, uint64(i)))
	forwarded := ""
	if r.cfg.ForwardedFor {
		n := i + 1
		forwarded = netip.AddrFrom4([4]byte{198, byte(18 + n>>16&1), byte(n >> 8), byte(n)}).String()
	}
	lang := languages[rng.IntN(len(languages))]
	return &user{run: r, rng: rng, c: newClient(r, t, lang, forwarded),
		own: map[string]bool{}, done: map[string]bool{}}
}

// sleep waits for d unless ctx ends first; it reports whether it waited.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
