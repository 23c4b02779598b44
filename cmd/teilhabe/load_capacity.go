package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/loadgen"
	"teilhabe.org/teilhabe/internal/platform"
	"teilhabe.org/teilhabe/internal/search/searchbench"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// cmdLoadCapacity measures the highest mixed throughput: it fills the
// database up to a number of listings, serves the platform in this process
// on loopback, logs many members in, and then runs steps of more and more
// workers without think time, printing throughput and latency per step.
// Server and load generator share the process, so one CPU profile shows
// both, told apart by package.
func cmdLoadCapacity(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load capacity", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	acc := accountFlags(fs)
	listings := fs.Int("listings", 100_000, "fill the database up to this many listings, posted by the members over the past days")
	postcodes := fs.String("postcodes", "", "GeoNames zipcodes.de.csv for the listings' places; found in shared/geo/ above the working folder when empty")
	steps := fs.String("workers", "2,4,8,16,32", "comma-separated numbers of workers, one step each")
	stepFor := fs.Duration("step", 30*time.Second, "how long each step lasts")
	warm := fs.Duration("warm", 10*time.Second, "an unmeasured step before the first, to fill caches and the people's knowledge")
	writeShare := fs.Float64("write-share", 0.1, "part of the steps that write")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of one step to this file")
	blockProfile := fs.String("blockprofile", "", "write a profile of where goroutines waited during that step")
	profileStep := fs.Int("profile-workers", 0, "the step to profile, by its workers; the last step when 0")
	ledgerFile := fs.String("ledger", "", "file for the acknowledged writes; checked against the database at the end")
	fillOnly := fs.Bool("fill-only", false, "only create the members and the listings, then stop")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	workers, err := parseInts(*steps)
	if err != nil {
		return usageError{"--workers: " + err.Error()}
	}
	if *profileStep == 0 {
		*profileStep = workers[len(workers)-1]
	}
	if cfg.Addr == "127.0.0.1:8080" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.TrustedProxies == "" {
		cfg.TrustedProxies = "127.0.0.1" // the load generator gives each member an address of its own
	}
	clk := &shiftedClock{}
	log := newLogger(stderr, false)
	p, err := platform.Open(ctx, *cfg, clk, slog.New(levelHandler{log.Handler(), slog.LevelWarn}))
	if err != nil {
		return err
	}
	defer p.Close()
	if _, err := p.Migrate(ctx); err != nil {
		return err
	}
	if _, err := p.SeedDemoIfEmpty(ctx); err != nil {
		return err
	}
	members := acc.accounts()
	start := time.Now()
	created, err := createLoadAccounts(ctx, p, members)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d members ready (%d created in %s)\n", len(members), created, time.Since(start).Round(time.Second))
	if err := fillListings(ctx, p, clk, members, *listings, *postcodes, stdout); err != nil {
		return err
	}
	if *fillOnly {
		return nil
	}

	serveCtx, stopServing := context.WithCancel(ctx)
	defer stopServing()
	listening := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- p.Serve(serveCtx, func(addr string) { listening <- addr }) }()
	var addr string
	select {
	case addr = <-listening:
	case err := <-served:
		return err
	}
	lcfg := loadgen.Config{BaseURL: "http://" + addr, Members: members, WriteShare: *writeShare, ForwardedFor: true, Seed: 1}
	if *ledgerFile != "" {
		f, err := os.Create(*ledgerFile)
		if err != nil {
			return err
		}
		defer f.Close()
		lcfg.Ledger = f
	}
	load, err := loadgen.New(lcfg)
	if err != nil {
		return err
	}
	defer load.Close()
	start = time.Now()
	in := load.LogIn(ctx, 4)
	fmt.Fprintf(stdout, "%d of %d members logged in (%s); %d CPUs, GOMAXPROCS %d, %s\n", in, len(members),
		time.Since(start).Round(time.Second), runtime.NumCPU(), runtime.GOMAXPROCS(0), p.DB.Dialect())
	if *warm > 0 {
		if _, err := load.Step(ctx, workers[0], *warm); err != nil {
			return err
		}
	}
	database := ""
	if u, err := url.Parse(cfg.DatabaseURL); err == nil && cfg.DatabaseURL != "" {
		database = strings.TrimPrefix(u.Path, "/")
	}
	fmt.Fprintln(stdout, "\n| workers | requests/s | writes | p50 ms | p95 ms | p99 ms | failed | refused by a limit | machine busy | this process | PostgreSQL | load average |")
	fmt.Fprintln(stdout, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	var profiled *loadgen.Result
	for _, n := range workers {
		stopProfile, err := startProfiles(n == *profileStep, *cpuProfile, *blockProfile)
		if err != nil {
			return err
		}
		before := readCPU(database)
		res, err := load.Step(ctx, n, *stepFor)
		used := readCPU(database).since(before)
		if perr := stopProfile(); perr != nil && err == nil {
			err = perr
		}
		if err != nil {
			return err
		}
		printStep(stdout, n, res, used)
		if n == *profileStep {
			profiled = res
		}
		if ctx.Err() != nil {
			break
		}
	}
	if profiled != nil {
		fmt.Fprintf(stdout, "\nstep with %d workers, by request class:\n\n", *profileStep)
		profiled.Print(stdout, nil, 0)
	}
	stopServing()
	if err := <-served; err != nil {
		return err
	}
	if *ledgerFile == "" {
		return nil
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
	v, err := loadgen.Verify(ctx, p.DB, writes, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	v.Print(stdout)
	if !v.OK() {
		return errors.New("acknowledged writes are missing")
	}
	return nil
}

func parseInts(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is no positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func printStep(w io.Writer, workers int, res *loadgen.Result, used cpuUse) {
	all := res.Classes()[0]
	writes := 0
	for class, ds := range res.Latency {
		if strings.HasPrefix(class, "write:") {
			writes += len(ds)
		}
	}
	refused := 0
	for outcome, n := range res.Outcomes {
		if strings.Contains(outcome, "429") {
			refused += n
		}
	}
	share := 0.0
	if res.Requests > 0 {
		share = 100 * float64(writes) / float64(res.Requests)
	}
	fmt.Fprintf(w, "| %d | %.0f | %.0f %% | %.1f | %.1f | %.1f | %d | %d | %.0f %% | %.2f cores | %.2f cores | %.1f |\n",
		workers, res.Rate(), share, ms(all.P50), ms(all.P95), ms(all.P99), len(res.Failures), refused,
		used.machineBusy*100, used.self, used.postgres, loadAverage())
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// fillListings posts listings by the members until the database holds
// want of them. The clock is set back a day at a time so that each member
// stays within the daily posting limit, and the last day is yesterday, so
// the members may still post during the measurement.
func fillListings(ctx context.Context, p *platform.Platform, clk *shiftedClock, members []loadgen.Account, want int,
	postcodes string, w io.Writer) error {
	var have int
	if err := p.DB.QueryRowContext(ctx, "SELECT count(*) FROM listings").Scan(&have); err != nil {
		return err
	}
	if have >= want {
		fmt.Fprintf(w, "%d listings in the database\n", have)
		return nil
	}
	var posts *board.Module
	for _, m := range p.App.Modules {
		if b, ok := m.(*board.Module); ok {
			posts = b
		}
	}
	if posts == nil {
		return errors.New("the board is not part of this build")
	}
	if postcodes == "" {
		postcodes = findUp("shared/geo/zipcodes.de.csv")
	}
	places := []searchbench.Place{{Postcode: "34117", Name: "Kassel"}}
	if postcodes != "" {
		var err error
		if places, err = searchbench.LoadPlaces(postcodes); err != nil {
			return err
		}
	}
	corpus := &searchbench.Corpus{Size: searchbench.Size{Listings: want - have}, Seed: uint64(have) + 1, Places: places, Now: time.Now()}
	const perDay = 10 // the board's daily limit per person
	days := (want - have + perDay*len(members) - 1) / (perDay * len(members))
	fmt.Fprintf(w, "posting %d listings by %d members over %d past days ...\n", want-have, len(members), days)
	identities := make([]*auth.Identity, len(members))
	for i, m := range members {
		c, err := p.Accounts.ContactByEmail(ctx, m.Email)
		if err != nil {
			return fmt.Errorf("%s: %w", m.Email, err)
		}
		identities[i] = &auth.Identity{UserID: c.UserID, Name: c.Name, Email: c.Email, Lang: c.Lang, Role: auth.Member, Via: "session"}
	}
	start := time.Now()
	n := 0
	errStop := errors.New("stop")
	err := corpus.Docs(func(d searchdoc.Doc) error {
		day := n / (perDay * len(members))
		clk.set(-time.Duration(days-day) * 24 * time.Hour)
		if _, err := posts.Create(ctx, identities[n/perDay%len(members)], draftOf(d)); err != nil {
			return fmt.Errorf("listing %d: %w", n+1, err)
		}
		n++
		if n%5000 == 0 {
			fmt.Fprintf(w, "  %d listings, %.0f a second\n", n, float64(n)/time.Since(start).Seconds())
		}
		if ctx.Err() != nil {
			return errStop
		}
		return nil
	})
	clk.set(0)
	if err != nil && !errors.Is(err, errStop) {
		return err
	}
	fmt.Fprintf(w, "%d listings posted in %s (%.0f a second)\n", n, time.Since(start).Round(time.Second), float64(n)/time.Since(start).Seconds())
	return ctx.Err()
}

// draftOf turns a generated search document into a listing as a person
// would post it.
func draftOf(d searchdoc.Doc) board.Draft {
	kind := board.Request
	if d.Type == searchdoc.Offer {
		kind = board.Offer
	}
	vis := board.Public
	switch d.Visibility {
	case searchdoc.Members:
		vis = board.Members
	case searchdoc.Verified:
		vis = board.Verified
	}
	return board.Draft{Kind: kind, Category: d.Category, Title: d.Title, Description: d.Body, ContentLang: d.Lang,
		Languages: []string{d.Lang}, Postcode: d.Postcode, Place: d.Place, Visibility: vis}
}

// shiftedClock is the real clock moved by a shift, so that listings can be
// posted on past days.
type shiftedClock struct{ shift atomic.Int64 }

func (c *shiftedClock) Now() time.Time {
	return time.Now().Add(time.Duration(c.shift.Load())).UTC().Truncate(time.Microsecond)
}

func (c *shiftedClock) set(d time.Duration) { c.shift.Store(int64(d)) }

// levelHandler drops records below a level: the platform's request log
// would cost more than the requests.
type levelHandler struct {
	slog.Handler
	min slog.Level
}

func (h levelHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

// startProfiles starts the CPU and blocking profiles when on is set and
// returns what stops them and writes the files.
func startProfiles(on bool, cpuFile, blockFile string) (func() error, error) {
	if !on || cpuFile == "" && blockFile == "" {
		return func() error { return nil }, nil
	}
	var cpu *os.File
	if cpuFile != "" {
		f, err := os.Create(cpuFile)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		cpu = f
	}
	if blockFile != "" {
		runtime.SetBlockProfileRate(int(100 * time.Microsecond))
	}
	return func() error {
		var err error
		if cpu != nil {
			pprof.StopCPUProfile()
			err = cpu.Close()
		}
		if blockFile != "" {
			runtime.SetBlockProfileRate(0)
			f, ferr := os.Create(blockFile)
			if ferr != nil {
				return ferr
			}
			defer f.Close()
			if werr := pprof.Lookup("block").WriteTo(f, 0); werr != nil {
				return werr
			}
		}
		return err
	}, nil
}

// cpuSample is what the machine, this process and the PostgreSQL cluster
// behind the database had used of the CPU at one moment (Linux only; zero
// elsewhere).
type cpuSample struct {
	at          time.Time
	busy, total float64            // machine jiffies from /proc/stat
	self        float64            // seconds
	postgres    map[string]float64 // seconds per process of the cluster
}

type cpuUse struct {
	machineBusy    float64 // share of all CPUs
	self, postgres float64 // cores used on average
}

// readCPU samples the CPU use; database names the PostgreSQL database
// whose cluster is counted ("" for none).
func readCPU(database string) cpuSample {
	s := cpuSample{at: time.Now()}
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		for i, f := range strings.Fields(line)[1:] {
			v, _ := strconv.ParseFloat(f, 64)
			s.total += v
			if i != 3 && i != 4 { // idle, iowait
				s.busy += v
			}
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		s.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	if database != "" {
		s.postgres = clusterCPU(database)
	}
	return s
}

// procStat is what /proc/PID/stat and cmdline tell of a process.
type procStat struct {
	pid, ppid, cmdline string
	cpu                float64 // seconds
}

// clusterCPU returns the CPU seconds of each process of the PostgreSQL
// cluster serving the database: its postmaster, found as the parent of a
// backend of the database ("postgres: USER DATABASE ..."), and all the
// postmaster's children. Other clusters on the machine are left out.
func clusterCPU(database string) map[string]float64 {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var procs []procStat
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		open, close := strings.IndexByte(string(b), '('), strings.LastIndexByte(string(b), ')')
		if open < 0 || close < open || string(b[open+1:close]) != "postgres" {
			continue
		}
		fields := strings.Fields(string(b[close+1:]))
		if len(fields) < 13 {
			continue
		}
		u, _ := strconv.ParseFloat(fields[11], 64)
		k, _ := strconv.ParseFloat(fields[12], 64)
		dir := filepath.Dir(path)
		cmd, _ := os.ReadFile(filepath.Join(dir, "cmdline"))
		procs = append(procs, procStat{pid: filepath.Base(dir), ppid: fields[1], cmdline: string(cmd), cpu: (u + k) / 100}) // USER_HZ is 100
	}
	postmaster := ""
	for _, p := range procs {
		if f := strings.Fields(p.cmdline); len(f) > 2 && f[0] == "postgres:" && f[2] == database {
			postmaster = p.ppid
			break
		}
	}
	out := map[string]float64{}
	for _, p := range procs {
		if postmaster != "" && (p.pid == postmaster || p.ppid == postmaster) {
			out[p.pid] = p.cpu
		}
	}
	return out
}

func (s cpuSample) since(b cpuSample) cpuUse {
	secs := s.at.Sub(b.at).Seconds()
	u := cpuUse{}
	if s.total > b.total {
		u.machineBusy = (s.busy - b.busy) / (s.total - b.total)
	}
	if secs > 0 {
		u.self = (s.self - b.self) / secs
		// Processes that ended during the step are missed; those that
		// began in it count with all they used.
		var pg float64
		for pid, cpu := range s.postgres {
			pg += cpu - b.postgres[pid]
		}
		u.postgres = pg / secs
	}
	return u
}

func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f, _, _ := strings.Cut(string(b), " ")
	v, _ := strconv.ParseFloat(f, 64)
	return v
}
