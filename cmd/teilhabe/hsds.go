package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"teilhabe.org/teilhabe/internal/hsds"
	"teilhabe.org/teilhabe/internal/platform"
)

const hsdsUsage = `usage: teilhabe hsds import --owner EMAIL [flags] FILE   import an Open Referral HSDS 3.0 dataset
       teilhabe hsds export [--out FILE] [flags]          write the public directory as HSDS 3.0 JSON

FILE is one organization or service object with its nested records, or an
array of them ("-" reads standard input). New organisations belong to the
--owner account. Nothing is imported when a record is wrong; records are
matched by their HSDS ids, so importing again updates instead of duplicating.`

// cmdHSDS imports or exports the directory in Open Referral's Human
// Services Data Specification.
func cmdHSDS(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{hsdsUsage}
	}
	switch args[0] {
	case "import":
		return cmdHSDSImport(ctx, args[1:], stdin, stdout, stderr)
	case "export":
		return cmdHSDSExport(ctx, args[1:], stdout, stderr)
	}
	return usageError{hsdsUsage}
}

func exchangeOf(p *platform.Platform) (*hsds.Module, error) {
	for _, m := range p.App.Modules {
		if x, ok := m.(*hsds.Module); ok {
			return x, nil
		}
	}
	return nil, fmt.Errorf("the hsds module is not part of this build")
}

func cmdHSDSImport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("hsds import", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	owner := fs.String("owner", "", "e-mail address of the account that owns imported organisations (required)")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 || *owner == "" {
		return usageError{hsdsUsage}
	}
	in := stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	p, err := open(ctx, cfg, newLogger(stderr, false))
	if err != nil {
		return err
	}
	defer p.Close()
	dir, err := exchangeOf(p)
	if err != nil {
		return err
	}
	account, err := p.Accounts.ContactByEmail(ctx, *owner)
	if err != nil {
		return fmt.Errorf("--owner %s: no active account with this address", *owner)
	}
	rep, err := dir.ImportHSDS(ctx, hsds.ImportOptions{OwnerID: account.UserID}, in)
	for _, w := range rep.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	for _, pr := range rep.Problems {
		fmt.Fprintln(stderr, "error:", pr)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	for _, c := range []struct {
		what string
		n    hsds.ImportCounts
	}{
		{"organisations", rep.Organizations}, {"municipalities", rep.Municipalities}, {"locations", rep.Locations},
		{"services", rep.Services},
	} {
		fmt.Fprintf(stdout, "%-15s %d created, %d updated\n", c.what, c.n.Created, c.n.Updated)
	}
	return nil
}

func cmdHSDSExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("hsds export", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	out := fs.String("out", "", "file to write; standard output when empty")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{hsdsUsage}
	}
	p, err := open(ctx, cfg, newLogger(stderr, false))
	if err != nil {
		return err
	}
	defer p.Close()
	dir, err := exchangeOf(p)
	if err != nil {
		return err
	}
	ds, err := dir.HSDSDataset(ctx)
	if err != nil {
		return err
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ds)
}
