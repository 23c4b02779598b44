package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/loadgen"
	"teilhabe.org/teilhabe/internal/platform"
)

const loadUsage = `usage: teilhabe load prepare|run|verify [flags]   (run with -h for the flags)

  prepare   create the verified accounts the simulated members log in with
  run       play members and visitors against a server on loopback, keeping a ledger
  verify    check that the database holds every write of the ledger
  capacity  fill the database, serve it in this process and find the throughput of more and more workers`

// cmdLoad runs the load generator and its preparation and check, which
// the drill (scripts/drill) strings together.
func cmdLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{loadUsage}
	}
	switch args[0] {
	case "prepare":
		return cmdLoadPrepare(ctx, args[1:], stdout, stderr)
	case "run":
		return cmdLoadRun(ctx, args[1:], stdout, stderr)
	case "verify":
		return cmdLoadVerify(ctx, args[1:], stdout, stderr)
	case "capacity":
		return cmdLoadCapacity(ctx, args[1:], stdout, stderr)
	}
	return usageError{loadUsage}
}

// loadAccountFlags are the flags that name the prepared accounts, shared by
// prepare and run so both agree on them.
type loadAccountFlags struct {
	count    *int
	prefix   *string
	password *string
}

func accountFlags(fs *flag.FlagSet) loadAccountFlags {
	return loadAccountFlags{
		count:    fs.Int("members", 200, "simulated members, each with an account of its own"),
		prefix:   fs.String("prefix", "load", "accounts are PREFIX-N@example.org, so several runs can use fresh ones"),
		password: fs.String("password", env("TEILHABE_LOAD_PASSWORD", "teilhabe-load-password"), "password of the accounts (TEILHABE_LOAD_PASSWORD)"),
	}
}

func (f loadAccountFlags) accounts() []loadgen.Account {
	out := make([]loadgen.Account, *f.count)
	for i := range out {
		out[i] = loadgen.Account{Email: fmt.Sprintf("%s-%d@example.org", *f.prefix, i+1), Password: *f.password}
	}
	return out
}

func cmdLoadPrepare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load prepare", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	acc := accountFlags(fs)
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	p, err := open(ctx, cfg, newLogger(stderr, false))
	if err != nil {
		return err
	}
	defer p.Close()
	created, err := createLoadAccounts(ctx, p, acc.accounts())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d accounts ready (%d created now): %s-1@example.org ... %s-%d@example.org\n",
		*acc.count, created, *acc.prefix, *acc.prefix, *acc.count)
	return nil
}

// createLoadAccounts creates the accounts that do not exist yet, two at a
// time: hashing each password is most of the work.
func createLoadAccounts(ctx context.Context, p *platform.Platform, accounts []loadgen.Account) (int, error) {
	var (
		mu       sync.Mutex
		created  int
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan int)
	for range 2 {
		wg.Go(func() {
			for i := range next {
				a := accounts[i]
				if _, err := p.Accounts.ContactByEmail(ctx, a.Email); err == nil {
					continue // there already; creating it would hash the password for nothing
				}
				_, err := p.Accounts.CreateVerified(ctx, a.Email, fmt.Sprintf("Testperson %d", i+1), a.Password, "de", auth.Member)
				mu.Lock()
				switch {
				case err == nil:
					created++
				case apperr.As(err).Fields["email"] == "account.email.taken":
				case firstErr == nil:
					firstErr = fmt.Errorf("%s: %w", a.Email, explain(p, err))
				}
				mu.Unlock()
			}
		})
	}
	for i := range accounts {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return created, firstErr
}

func cmdLoadRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load run", flag.ContinueOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "base URL of the server or load balancer; loopback only")
	acc := accountFlags(fs)
	visitors := fs.Int("visitors", 0, "simulated visitors who never log in")
	duration := fs.Duration("duration", 10*time.Minute, "how long the people act")
	maxRequests := fs.Int("max-requests", 5_000_000, "stop after this many requests")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit of one request")
	think := fs.Duration("think", 3*time.Second, "mean pause between a person's steps; 0 for none")
	writeShare := fs.Float64("write-share", 0.1, "part of a member's steps that write")
	forwarded := fs.Bool("forwarded-for", false, "give each person an address of its own in X-Forwarded-For (the server must trust the sender as a proxy)")
	seed := fs.Uint64("seed", 1, "seed of the people's choices")
	ledgerFile := fs.String("ledger", "", "file to append every acknowledged write to, as JSON lines")
	faultsFile := fs.String("faults", "", "fault log the drill writes during the run (NAME start|end UNIX-SECONDS); failures outside its windows fail the run")
	grace := fs.Duration("grace", 10*time.Second, "how long after a fault window failures still count as within it")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	cfg := loadgen.Config{BaseURL: *base, Members: acc.accounts(), Visitors: *visitors, Duration: *duration,
		MaxRequests: *maxRequests, Timeout: *timeout, Think: *think, WriteShare: *writeShare, ForwardedFor: *forwarded, Seed: *seed}
	if *ledgerFile != "" {
		f, err := os.OpenFile(*ledgerFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		cfg.Ledger = f
	}
	fmt.Fprintf(stdout, "load: %d members and %d visitors against %s for %s, think %s, writes %.0f %%\n",
		len(cfg.Members), cfg.Visitors, cfg.BaseURL, cfg.Duration, cfg.Think, 100*cfg.WriteShare)
	res, err := loadgen.Run(ctx, cfg)
	if err != nil {
		return err
	}
	var windows []loadgen.Window
	if *faultsFile != "" {
		f, err := os.Open(*faultsFile)
		if err != nil {
			return err
		}
		windows, err = loadgen.ReadFaults(f)
		f.Close()
		if err != nil {
			return err
		}
	}
	res.Print(stdout, windows, *grace)
	if _, outside := loadgen.SplitFailures(res.Failures, windows, *grace); len(outside) > 0 {
		return fmt.Errorf("%d requests failed outside the fault windows", len(outside))
	}
	return nil
}

func cmdLoadVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load verify", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	ledgerFile := fs.String("ledger", "", "the ledger a run wrote (required)")
	snapStart := fs.Float64("snapshot-start", 0, "the database is a backup begun at this time (Unix seconds): only writes acknowledged before it must be there")
	snapEnd := fs.Float64("snapshot-end", 0, "the backup was over at this time (Unix seconds): writes sent later must not be there")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	if *ledgerFile == "" {
		return usageError{"load verify needs --ledger FILE"}
	}
	f, err := os.Open(*ledgerFile)
	if err != nil {
		return err
	}
	writes, err := loadgen.ReadLedger(f)
	f.Close()
	if err != nil {
		return err
	}
	var snap *loadgen.Snapshot
	if *snapStart > 0 || *snapEnd > 0 {
		if *snapStart <= 0 || *snapEnd < *snapStart {
			return usageError{"--snapshot-start and --snapshot-end go together, the end not before the start"}
		}
		snap = &loadgen.Snapshot{Start: unixSeconds(*snapStart), End: unixSeconds(*snapEnd)}
	}
	// The database is only read: no migrations, and a restored backup is
	// looked at as it is.
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return err
	}
	defer d.Close()
	v, err := loadgen.Verify(ctx, d, writes, snap)
	if err != nil {
		return err
	}
	v.Print(stdout)
	if !v.OK() {
		return errors.New("the database does not hold what the ledger says it must")
	}
	return nil
}

func unixSeconds(s float64) time.Time {
	return time.Unix(0, int64(s*1e9))
}
