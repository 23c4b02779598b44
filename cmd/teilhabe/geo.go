package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/platform"
)

// cmdGeo runs "teilhabe geo import FILE": it replaces the postcodes and
// places with those of a GeoNames file in the layout of zipcodes.de.csv.
func cmdGeo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	const use = "usage: teilhabe geo import [flags] FILE   (GeoNames postcodes for Germany, layout of zipcodes.de.csv)"
	if len(args) == 0 || args[0] != "import" {
		return usageError{use}
	}
	fs := flag.NewFlagSet("geo import", flag.ContinueOnError)
	cfg := configFlags(fs, "./data")
	if err := parse(fs, args[1:], stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{use}
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	p, err := open(ctx, cfg, newLogger(stderr, false))
	if err != nil {
		return err
	}
	defer p.Close()
	places, ok := platform.ModuleOf[*geo.Gazetteer](p)
	if !ok {
		return errors.New("the geo module is not part of this build")
	}
	rows, err := places.Import(ctx, f)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	st, err := places.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d rows: %d places, %d postcodes (%d rows of large-customer postcodes)\n",
		rows, st.Places, st.Postcodes, st.Companies)
	fmt.Fprintln(stdout, "Postcode data: GeoNames, CC BY 4.0 (https://www.geonames.org/)")
	return nil
}
