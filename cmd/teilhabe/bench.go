package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/platform"
	"teilhabe.org/teilhabe/internal/search"
	"teilhabe.org/teilhabe/internal/search/searchbench"
)

const benchUsage = "usage: teilhabe bench search [flags]   (run with -h for the flags)"

// cmdBench runs "teilhabe bench search": it loads the deterministic
// benchmark corpus into SQLite and/or PostgreSQL and prints, per query
// class, latency percentiles and queries per second, the HTTP page at a
// concurrency, the index build rate, the database size and peak memory.
func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "search" {
		return usageError{benchUsage}
	}
	fs := flag.NewFlagSet("bench search", flag.ContinueOnError)
	listings := fs.Int("listings", 1_000_000, "listings in the corpus; organisations, events and pledges scale with them (1M: 50,000, 20,000, 10,000)")
	seed := fs.Uint64("seed", 1, "seed of the corpus")
	engines := fs.String("db", "sqlite", "sqlite, postgres or both")
	pgURL := fs.String("postgres", env("TEILHABE_BENCH_POSTGRES", ""), "PostgreSQL URL of a scratch database: its search index is replaced (TEILHABE_BENCH_POSTGRES)")
	data := fs.String("data", "", "folder for the SQLite database; a temporary one when empty")
	postcodes := fs.String("postcodes", "", "GeoNames zipcodes.de.csv; found in shared/geo/ above the working folder when empty")
	queries := fs.Int("queries", 200, "timed queries per class")
	httpFor := fs.Duration("http", 15*time.Second, "how long to request the /search page; 0 skips it")
	concurrency := fs.Int("concurrency", 8, "parallel clients of the /search page")
	keep := fs.Bool("keep", false, "keep an index the database already holds instead of loading the corpus again")
	if err := parse(fs, args[1:], stderr); err != nil {
		return err
	}
	if *postcodes == "" {
		*postcodes = findUp("shared/geo/zipcodes.de.csv")
	}
	if *postcodes == "" {
		return errors.New("no postcode file: give -postcodes (GeoNames zipcodes.de.csv)")
	}
	places, err := searchbench.LoadPlaces(*postcodes)
	if err != nil {
		return err
	}
	size := searchbench.Scaled(*listings)
	corpus := &searchbench.Corpus{Size: size, Seed: *seed, Places: places, Now: time.Now().UTC()}
	fmt.Fprintf(stdout, "corpus: %d listings, %d organisations, %d events, %d pledges (seed %d); %d CPUs, %s\n",
		size.Listings, size.Orgs, size.Events, size.Pledges, *seed, runtime.NumCPU(), runtime.Version())
	var targets []string
	switch *engines {
	case "sqlite", "postgres":
		targets = []string{*engines}
	case "both":
		targets = []string{"sqlite", "postgres"}
	default:
		return usageError{"-db must be sqlite, postgres or both"}
	}
	for _, engine := range targets {
		cfg := platform.Config{Addr: "127.0.0.1:0", BaseURL: "http://bench.invalid"}
		switch engine {
		case "postgres":
			if *pgURL == "" {
				return errors.New("-db postgres needs -postgres URL (a scratch database)")
			}
			cfg.DatabaseURL = *pgURL
		default:
			cfg.DataDir = *data
			if cfg.DataDir == "" {
				dir, err := os.MkdirTemp("", "teilhabe-bench-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				cfg.DataDir = dir
			}
		}
		if err := benchOne(ctx, engine, cfg, corpus, *postcodes, *keep, *queries, *httpFor, *concurrency, stdout); err != nil {
			return fmt.Errorf("%s: %w", engine, err)
		}
	}
	return nil
}

func benchOne(ctx context.Context, engine string, cfg platform.Config, corpus *searchbench.Corpus, postcodes string, keep bool,
	queries int, httpFor time.Duration, concurrency int, w io.Writer) error {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	p, err := platform.Open(ctx, cfg, clock.System{}, log)
	if err != nil {
		return err
	}
	defer p.Close()
	if _, err := p.Migrate(ctx); err != nil {
		return err
	}
	var index *search.Module
	for _, m := range p.App.Modules {
		if s, ok := m.(*search.Module); ok {
			index = s
		}
	}
	if index == nil {
		return errors.New("the search module is not part of this build")
	}
	places, ok := platform.ModuleOf[*geo.Gazetteer](p)
	if !ok {
		return errors.New("the geo module is not part of this build")
	}
	if ok, err := places.Imported(ctx); err != nil {
		return err
	} else if !ok {
		f, err := os.Open(postcodes)
		if err != nil {
			return err
		}
		_, err = places.Import(ctx, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	t := searchbench.Target{Name: engine, DB: p.DB, Search: index, Handler: p.App.Handler}
	fmt.Fprintf(w, "\n## %s\n\n", engine)
	var docs int64
	if err := p.DB.QueryRowContext(ctx, "SELECT docs FROM search_meta").Scan(&docs); err != nil {
		return err
	}
	if keep && docs == int64(corpus.Size.Total()) {
		fmt.Fprintf(w, "index kept: %d documents\n", docs)
	} else {
		fmt.Fprintf(w, "loading %d documents ...\n", corpus.Size.Total())
		br, err := searchbench.Build(ctx, t, corpus)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "build: %d documents in %s = %.0f documents/s; %d terms, %d postings in %d blocks\n",
			br.Stats.Docs, br.Stats.Elapsed.Round(time.Millisecond), br.DocsPerS, br.Stats.Terms, br.Stats.Postings, br.Stats.Blocks)
		fmt.Fprintf(w, "build CPU of this process: %s (%.0f documents per CPU second; the database server's own time not counted)\n",
			br.CPU.Round(time.Second), float64(br.Stats.Docs)/br.CPU.Seconds())
		fmt.Fprintf(w, "database: %d MB; peak memory while building: %d MB resident\n", br.DBBytes>>20, br.PeakRSS>>20)
	}
	rep, err := searchbench.RunQueries(ctx, t, queries, true)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "first query (reads the documents' attributes into memory): %s\n\n", rep.Warmup.Round(time.Millisecond))
	fmt.Fprintln(w, "| query class | p50 | p95 | p99 | q/s | with facets: p50 | p95 | p99 | hits |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	for _, c := range rep.Classes {
		qps := "–"
		if c.Plain.QPS > 0 {
			qps = fmt.Sprintf("%.0f", c.Plain.QPS)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %d |\n", c.Name, ms(c.Plain.P50), ms(c.Plain.P95), ms(c.Plain.P99),
			qps, ms(c.Faceted.P50), ms(c.Faceted.P95), ms(c.Faceted.P99), c.Found)
	}
	fmt.Fprintf(w, "\nserving memory: peak %d MB resident, Go heap in use %d MB\n", rep.PeakRSS>>20, rep.HeapInUse>>20)
	if httpFor > 0 {
		srv := httptest.NewServer(p.App.Handler)
		defer srv.Close()
		l, err := searchbench.RunHTTP(ctx, srv.URL, concurrency, httpFor)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "GET /search (full page with facets), %d clients for %s: %.0f requests/s, p50 %s, p95 %s, p99 %s (%d requests)\n",
			concurrency, httpFor, l.QPS, ms(l.P50), ms(l.P95), ms(l.P99), l.N)
	}
	return nil
}

// findUp returns rel in the working folder or the nearest folder above
// that holds it, or "".
func findUp(rel string) string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
