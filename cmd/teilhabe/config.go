package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/platform"
)

// env returns the variable's value or def.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func envBool(name string, def bool) bool {
	if v, err := strconv.ParseBool(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

// configFlags registers the settings every command shares; each flag's
// default comes from its environment variable.
func configFlags(fs *flag.FlagSet, defaultData string) *platform.Config {
	c := &platform.Config{}
	fs.StringVar(&c.Addr, "addr", env("TEILHABE_ADDR", "127.0.0.1:8080"), "listen address (TEILHABE_ADDR)")
	fs.StringVar(&c.DataDir, "data", env("TEILHABE_DATA", defaultData), "data folder holding the SQLite database (TEILHABE_DATA)")
	fs.StringVar(&c.DatabaseURL, "database-url", env("DATABASE_URL", ""), "PostgreSQL URL postgres://...; SQLite when empty (DATABASE_URL)")
	fs.StringVar(&c.BaseURL, "base-url", env("TEILHABE_BASE_URL", ""), "public URL used in mails and feeds, e.g. https://teilhabe.example (TEILHABE_BASE_URL; default http://ADDR)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("TEILHABE_TRUSTED_PROXIES", ""), "comma-separated addresses or CIDRs of proxies whose X-Forwarded-For is believed (TEILHABE_TRUSTED_PROXIES)")
	fs.StringVar(&c.SMTP.Host, "smtp-host", env("TEILHABE_SMTP_HOST", ""), "SMTP server; without it mail is only logged and shown to administrators (TEILHABE_SMTP_HOST)")
	fs.IntVar(&c.SMTP.Port, "smtp-port", envInt("TEILHABE_SMTP_PORT", 0), "SMTP port; default by TLS mode: 25, 587 or 465 (TEILHABE_SMTP_PORT)")
	fs.StringVar(&c.SMTP.Username, "smtp-username", env("TEILHABE_SMTP_USERNAME", ""), "SMTP user name (TEILHABE_SMTP_USERNAME)")
	fs.StringVar(&c.SMTP.Password, "smtp-password", env("TEILHABE_SMTP_PASSWORD", ""), "SMTP password; prefer the variable (TEILHABE_SMTP_PASSWORD)")
	fs.StringVar(&c.SMTP.From, "smtp-from", env("TEILHABE_SMTP_FROM", ""), "sender address of outgoing mail (TEILHABE_SMTP_FROM)")
	fs.StringVar(&c.SMTP.TLS, "smtp-tls", env("TEILHABE_SMTP_TLS", mail.TLSStartTLS), "none, starttls or tls (TEILHABE_SMTP_TLS)")
	fs.BoolVar(&c.HoldFirstListings, "hold-first-listings", envBool("TEILHABE_HOLD_FIRST_LISTINGS", true),
		"first listings of new accounts with links, phone numbers or e-mail addresses wait for a coordinator (TEILHABE_HOLD_FIRST_LISTINGS)")
	fs.StringVar(&c.SQLiteSynchronous, "sqlite-synchronous", env("TEILHABE_SQLITE_SYNCHRONOUS", "full"),
		"full: a write is on disk when it is acknowledged; normal: faster, but a power loss may undo the last writes (TEILHABE_SQLITE_SYNCHRONOUS)")
	fs.StringVar(&c.MetricsToken, "metrics-token", env("TEILHABE_METRICS_TOKEN", ""),
		"bearer token that lets other machines read /metrics; without it only this machine may; prefer the variable (TEILHABE_METRICS_TOKEN)")
	return c
}

// parse parses flags, turning -h and mistakes into usage errors.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return usageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
	}
	return nil
}
