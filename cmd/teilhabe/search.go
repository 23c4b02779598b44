package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"teilhabe.org/teilhabe/internal/search"
)

// cmdSearch runs "teilhabe search reindex": it rebuilds the search index
// from what the modules hold. Changes made while it runs are lost, so run
// it while the site is quiet (or stopped).
func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	const use = "usage: teilhabe search reindex [flags]   (rebuild the search index from the modules' documents)"
	if len(args) == 0 || args[0] != "reindex" {
		return usageError{use}
	}
	fs := flag.NewFlagSet("search reindex", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	if err := parse(fs, args[1:], stderr); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{use}
	}
	p, err := open(ctx, cfg, newLogger(stderr, false))
	if err != nil {
		return err
	}
	defer p.Close()
	for _, m := range p.App.Modules {
		if index, ok := m.(*search.Module); ok {
			st, err := index.Rebuild(ctx, index.FromSources(ctx))
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "indexed %d documents (%d terms) in %s\n", st.Docs, st.Terms, st.Elapsed.Round(time.Millisecond))
			return nil
		}
	}
	return errors.New("the search module is not part of this build")
}
