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

	Duration    time.Duration // how long the users keep acting
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

// Run plays the configured people against the server until the duration
// is over or the request bound is reached, then returns the measurements.
// Requests in flight at the end are finished, not cut off, so that a write
// is never left half-known.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	base, err := CheckLoopback(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	people := len(cfg.Members) + cfg.Visitors
	if people == 0 {
		return nil, errors.New("no members and no visitors to play")
	}
	if cfg.Duration <= 0 {
		return nil, errors.New("the duration must be positive")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	r := &run{cfg: cfg, base: base, rec: newRecorder(), ledger: newLedger(cfg.Ledger), catalog: newCatalog()}
	transport := newTransport(people + 4)
	defer transport.CloseIdleConnections()
	start := time.Now()
	r.deadline = start.Add(cfg.Duration)
	// People arrive over the first part of the run, not all in one instant.
	ramp := min(10*time.Second, cfg.Duration/6)
	var wg sync.WaitGroup
	for i := range people {
		u := r.newUser(i, transport)
		if i < len(cfg.Members) {
			u.account = &cfg.Members[i]
		}
		delay := time.Duration(0)
		if people > 1 {
			delay = ramp * time.Duration(i) / time.Duration(people)
		}
		wg.Go(func() {
			if sleep(ctx, delay) {
				u.live(ctx)
			}
		})
	}
	wg.Wait()
	end := time.Now()
	if r.ledger.err != nil {
		return nil, r.ledger.err
	}
	return &Result{Start: start, End: end, Users: people, Requests: r.rec.requests, Latency: r.rec.latency,
		Outcomes: r.rec.outcomes, Failures: r.rec.failures, Writes: r.ledger.counts, Ledger: r.ledger.writes}, nil
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
	return &user{run: r, rng: rng, c: newClient(r.base, t, lang, forwarded, r.cfg.Timeout, r.rec),
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
