package geo

import (
	"context"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
)

// Locate turns the postcode and place a person typed into coordinates, the
// way every form with a location does: a place left empty is filled in
// from the postcode, text no place matches is the field error "geo.unknown"
// on the field the person typed (the postcode when there is one), and
// without imported data (or without a gazetteer at all) the location is
// kept as typed, without coordinates. Other errors are returned. Board
// listings and events locate their places with it.
func (g *Gazetteer) Locate(ctx context.Context, f apperr.Fields, postcode string, place *string) (lat, lon *float64, err error) {
	if postcode == "" && *place == "" {
		return nil, nil, nil
	}
	p, err := g.Resolve(ctx, strings.TrimSpace(postcode+" "+*place))
	switch {
	case err == nil:
		if *place == "" {
			*place = p.Name
		}
		return &p.Lat, &p.Lon, nil
	case apperr.Is(err, apperr.NotFound):
		field := "place"
		if postcode != "" {
			field = "postcode"
		}
		f.Add(field, "geo.unknown")
		return nil, nil, nil
	case apperr.Is(err, apperr.Unavailable):
		return nil, nil, nil
	}
	return nil, nil, err
}
