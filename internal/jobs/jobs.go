// Package jobs runs periodic work (reminders, expiries, clean-ups) so that,
// however many app servers share the database, each job runs once per
// period. A job's row in job_runs says when it is next due; a server runs it
// only after winning a lease on that row with one conditional UPDATE, and a
// lease left behind by a crashed server runs out on its own.
package jobs

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

//go:embed migrations
var migrations embed.FS

// Migrations creates the job_runs table.
func Migrations() db.Migrations {
	sub, _ := fs.Sub(migrations, "migrations")
	return db.Migrations{Module: "jobs", FS: sub}
}

// Job is work to repeat. Run gets the time the run was due to start (from
// the Runner's clock); an error is recorded and the job runs again next
// period.
type Job struct {
	Name    string // unique and stable: it is the key in job_runs
	Every   time.Duration
	Run     func(ctx context.Context, now time.Time) error
	Timeout time.Duration // longest one run may take; DefaultTimeout when zero
}

// DefaultTimeout bounds a run whose Job sets no Timeout.
const DefaultTimeout = 5 * time.Minute

// leaseMargin keeps the lease a little longer than the run's timeout, so a
// run that ends at its deadline can still record itself before another
// server may take over.
const leaseMargin = time.Minute

// maxErrorLen keeps a long error from filling the table.
const maxErrorLen = 1000

// Runner runs the jobs added to it when they are due.
type Runner struct {
	db    *db.DB
	clock clock.Clock
	log   *slog.Logger
	owner string // names this runner in locked_by

	mu   sync.Mutex
	jobs []*entry
}

type entry struct {
	Job
	known atomic.Bool // its row exists in job_runs
}

// NewRunner returns a runner without jobs.
func NewRunner(d *db.DB, clk clock.Clock, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.Default()
	}
	host, _ := os.Hostname()
	return &Runner{db: d, clock: clk, log: log, owner: host + " " + ids.New()}
}

// Add registers j. A job without name, period or function, or a name
// added twice, is a wiring mistake and panics at start-up.
func (r *Runner) Add(j Job) {
	if j.Name == "" || j.Every <= 0 || j.Run == nil {
		panic(fmt.Sprintf("jobs: job %q needs a name, a positive period and a function", j.Name))
	}
	if j.Timeout <= 0 {
		j.Timeout = DefaultTimeout
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.jobs {
		if e.Name == j.Name {
			panic(fmt.Sprintf("jobs: job %q added twice", j.Name))
		}
	}
	r.jobs = append(r.jobs, &entry{Job: j})
}

// RunDue runs, one after the other, every job that is due and not held by
// another server. A failing job is recorded and does not stop the others;
// the error returned is only about keeping the books in the database.
func (r *Runner) RunDue(ctx context.Context) error {
	r.mu.Lock()
	jobs := append([]*entry(nil), r.jobs...)
	r.mu.Unlock()
	var errs []error
	for _, e := range jobs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.runIfDue(ctx, e); err != nil {
			errs = append(errs, fmt.Errorf("job %s: %w", e.Name, err))
		}
	}
	return errors.Join(errs...)
}

func (r *Runner) runIfDue(ctx context.Context, e *entry) error {
	if err := r.register(ctx, e); err != nil {
		return err
	}
	now := r.clock.Now().UTC()
	won, err := r.lease(ctx, e, now)
	if err != nil || !won {
		return err
	}
	runErr := r.run(ctx, e, now)
	if ctx.Err() != nil {
		// Shutting down: hand the job back for another server to run now.
		return r.release(ctx, e)
	}
	if runErr != nil {
		r.log.Error("job failed; it runs again next period", "job", e.Name, "error", runErr)
	}
	return r.finish(ctx, e, now, runErr)
}

// register makes the job's row on first sight, due at once. Every server
// may try; the first insert wins and the others change nothing.
func (r *Runner) register(ctx context.Context, e *entry) error {
	if e.known.Load() {
		return nil
	}
	_, err := r.db.ExecContext(ctx, `INSERT INTO job_runs (name, next_run_at) VALUES ($1, $2)
		ON CONFLICT (name) DO NOTHING`, e.Name, r.clock.Now().UTC())
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	e.known.Store(true)
	return nil
}

// lease takes the job for this runner if it is due and nobody holds it.
// The database applies the UPDATE to a row one writer at a time and
// re-checks the condition, so of several servers exactly one sees a row
// affected.
func (r *Runner) lease(ctx context.Context, e *entry, now time.Time) (bool, error) {
	res, err := r.db.ExecContext(ctx, `UPDATE job_runs
		SET locked_until = $1, locked_by = $2, last_started_at = $3
		WHERE name = $4 AND next_run_at <= $3 AND (locked_until IS NULL OR locked_until <= $3)`,
		now.Add(e.Timeout+leaseMargin), r.owner, now, e.Name)
	if err != nil {
		return false, fmt.Errorf("take lease: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("take lease: %w", err)
	}
	return n == 1, nil
}

// run calls the job with its timeout and turns a panic into an error, so
// one broken job cannot take the server or the other jobs down.
func (r *Runner) run(ctx context.Context, e *entry, now time.Time) (err error) {
	ctx, cancel := context.WithTimeout(ctx, e.Timeout)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return e.Run(ctx, now)
}

// finish schedules the next run one period after this one started and gives
// up the lease, unless the lease ran out and another server took the job
// over meanwhile: then that server's record stands.
func (r *Runner) finish(ctx context.Context, e *entry, started time.Time, runErr error) error {
	lastError := ""
	if runErr != nil {
		lastError = truncate(runErr.Error())
	}
	res, err := r.db.ExecContext(context.WithoutCancel(ctx), `UPDATE job_runs
		SET next_run_at = $1, locked_until = NULL, locked_by = '', last_finished_at = $2, last_error = $3
		WHERE name = $4 AND locked_by = $5`,
		started.Add(e.Every), r.clock.Now().UTC(), lastError, e.Name, r.owner)
	if err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		r.log.Warn("job outlived its lease; another server took it over", "job", e.Name, "timeout", e.Timeout)
	}
	return nil
}

// release gives up the lease without counting the run.
func (r *Runner) release(ctx context.Context, e *entry) error {
	_, err := r.db.ExecContext(context.WithoutCancel(ctx), `UPDATE job_runs
		SET locked_until = NULL, locked_by = '' WHERE name = $1 AND locked_by = $2`, e.Name, r.owner)
	if err != nil {
		return fmt.Errorf("release lease: %w", err)
	}
	return ctx.Err()
}

// Start runs due jobs now and then every tick until ctx ends. It blocks;
// call it in its own goroutine.
func (r *Runner) Start(ctx context.Context, tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		if err := r.RunDue(ctx); err != nil && ctx.Err() == nil {
			r.log.Error("jobs: running due jobs", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func truncate(s string) string {
	if len(s) <= maxErrorLen {
		return s
	}
	cut := maxErrorLen
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
