// Command teilhabe runs the platform and its operator tasks:
//
//	teilhabe demo                 run with demo content in ./data/demo
//	teilhabe serve                run for real (SQLite in ./data, or DATABASE_URL)
//	teilhabe migrate              apply database migrations
//	teilhabe user create ...      create a verified account
//	teilhabe backup FILE          write a consistent SQLite snapshot
//	teilhabe geo import FILE      import postcodes and places (GeoNames)
//	teilhabe hsds import FILE     import an Open Referral HSDS dataset into the directory
//	teilhabe search reindex       rebuild the search index
//	teilhabe bench search         benchmark search on a generated corpus
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "teilhabe:", err)
		os.Exit(1)
	}
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

const usage = `usage: teilhabe <command> [flags]

commands:
  demo               run with demo content (SQLite in ./data/demo by default)
  serve              run the platform
  migrate            apply database migrations and exit
  user create        create a verified account (password from a prompt or stdin)
  backup FILE        write a consistent snapshot of the SQLite database
  geo import FILE    import German postcodes and places (GeoNames zipcodes.de.csv)
  hsds import FILE   import an Open Referral HSDS 3.0 dataset (hsds export writes one)
  search reindex     rebuild the search index from what the modules hold
  bench search       load a generated corpus and time search on SQLite and/or PostgreSQL
  load prepare|run|verify  play members and visitors against a server on loopback (scripts/drill)

Run 'teilhabe <command> -h' for the flags of a command; every flag can also be
set by an environment variable, shown in its help.`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{usage}
	}
	switch args[0] {
	case "demo":
		return cmdServe(ctx, args[1:], true, stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], false, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, args[1:], stdout, stderr)
	case "user":
		if len(args) < 2 || args[1] != "create" {
			return usageError{"usage: teilhabe user create --email E --name N [--role member|coordinator|admin] [--lang de]"}
		}
		return cmdUserCreate(ctx, args[2:], stdin, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, args[1:], stdout, stderr)
	case "geo":
		return cmdGeo(ctx, args[1:], stdout, stderr)
	case "hsds":
		return cmdHSDS(ctx, args[1:], stdin, stdout, stderr)
	case "search":
		return cmdSearch(ctx, args[1:], stdout, stderr)
	case "bench":
		return cmdBench(ctx, args[1:], stdout, stderr)
	case "load":
		return cmdLoad(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown command %q\n\n%s", args[0], usage)}
}

func newLogger(w io.Writer, jsonLogs bool) *slog.Logger {
	var h slog.Handler
	if jsonLogs {
		h = slog.NewJSONHandler(w, nil)
	} else {
		h = slog.NewTextHandler(w, nil)
	}
	return slog.New(webLogHandler(h))
}
