package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/platform"
	"teilhabe.org/teilhabe/internal/web"
)

func webLogHandler(h slog.Handler) slog.Handler { return web.LogHandler{Handler: h} }

// open starts the platform and migrates the database.
func open(ctx context.Context, cfg *platform.Config, log *slog.Logger) (*platform.Platform, error) {
	p, err := platform.Open(ctx, *cfg, clock.System{}, log)
	if err != nil {
		return nil, err
	}
	applied, err := p.Migrate(ctx)
	if err != nil {
		p.Close()
		return nil, err
	}
	if len(applied) > 0 {
		log.Info("migrated", "applied", len(applied), "database", string(p.DB.Dialect()))
	}
	return p, nil
}

func cmdServe(ctx context.Context, args []string, demo bool, stdout, stderr io.Writer) error {
	name, data := "serve", "./data"
	if demo {
		name, data = "demo", "./data/demo"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cfg := configFlags(fs, data)
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	log := newLogger(stderr, !demo)
	p, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer p.Close()
	if demo {
		d, err := p.SeedDemoIfEmpty(ctx)
		if err != nil {
			return err
		}
		printDemo(stdout, d, p.Config.BaseURL)
	}
	return p.Serve(ctx, func(addr string) {
		log.Info("teilhabe is listening", "addr", addr, "url", p.Config.BaseURL, "database", string(p.DB.Dialect()))
		if demo {
			fmt.Fprintf(stdout, "\nteilhabe runs at %s (stop with Ctrl-C)\n", p.Config.BaseURL)
		}
	})
}

// printDemo tells how to log in to the demo.
func printDemo(w io.Writer, d *app.Demo, baseURL string) {
	if d == nil {
		fmt.Fprintln(w, "Demo data exists already; the demo accounts' password is teilhabe-demo.")
		return
	}
	fmt.Fprintf(w, "Demo content created. Log in at %s/login with one of these accounts:\n\n", baseURL)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "E-MAIL\tPASSWORD\tNAME\tLANGUAGE\tROLE")
	for _, l := range d.Logins {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.Email, l.Password, l.Name, l.Lang, l.Role)
	}
	tw.Flush()
}

func cmdMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	p, err := platform.Open(ctx, *cfg, clock.System{}, newLogger(stderr, false))
	if err != nil {
		return err
	}
	defer p.Close()
	applied, err := p.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d migrations applied\n", len(applied))
	for _, a := range applied {
		fmt.Fprintln(stdout, "  "+a)
	}
	return nil
}

func cmdUserCreate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	email := fs.String("email", "", "e-mail address (required)")
	name := fs.String("name", "", "display name (required)")
	role := fs.String("role", "member", "member, coordinator or admin")
	lang := fs.String("lang", "de", "interface language: de, en, ar, fa, uk or tr")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	if *email == "" || *name == "" {
		return usageError{"user create needs --email and --name"}
	}
	password, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	p, err := open(ctx, cfg, newLogger(stderr, false))
	if err != nil {
		return err
	}
	defer p.Close()
	u, err := p.Accounts.CreateVerified(ctx, *email, *name, password, *lang, auth.Role(*role))
	if err != nil {
		return explain(p, err)
	}
	fmt.Fprintf(stdout, "created %s (%s) with role %s, id %s\n", u.Email, u.Name, u.Role, u.ID)
	return nil
}

// explain turns field errors into a readable English line for the terminal.
func explain(p *platform.Platform, err error) error {
	l := p.Services.Catalog.Localizer("en")
	var parts []string
	for field, msg := range fieldErrors(err) {
		parts = append(parts, field+": "+l.T(msg))
	}
	if len(parts) == 0 {
		return err
	}
	return fmt.Errorf("%s", strings.Join(parts, "; "))
}

// readPassword asks twice on a terminal; otherwise it reads the first line of
// stdin and, when there is a second line, requires it to match.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Repeat password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", fmt.Errorf("the passwords do not match")
		}
		return string(a), nil
	}
	sc := bufio.NewScanner(stdin)
	if !sc.Scan() {
		return "", fmt.Errorf("no password on standard input")
	}
	pw := strings.TrimRight(sc.Text(), "\r")
	if sc.Scan() {
		if again := strings.TrimRight(sc.Text(), "\r"); again != pw {
			return "", fmt.Errorf("the second line of standard input does not match the password")
		}
	}
	return pw, nil
}

func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"usage: teilhabe backup [flags] FILE"}
	}
	if cfg.DatabaseURL != "" {
		return fmt.Errorf("backup copies the embedded SQLite database; for PostgreSQL use pg_dump, e.g. pg_dump --format=custom --file=FILE \"$DATABASE_URL\"")
	}
	p, err := platform.Open(ctx, *cfg, clock.System{}, newLogger(stderr, false))
	if err != nil {
		return err
	}
	defer p.Close()
	if err := p.DB.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", fs.Arg(0))
	return nil
}
