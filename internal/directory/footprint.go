package directory

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

// Footprint is what the directory knows of where an organisation works
// and what it offers: the network's partner finder and drawing build on it.
type Footprint struct {
	AGS       map[string]bool // municipalities it has a location in, or is the own organisation of
	Points    [][2]float64    // coordinates of its places
	Tops      map[string]bool // top-level categories of its services
	Languages map[string]bool // languages it or its services speak
}

// Footprints returns the footprints of organisations, by id, in a few
// queries however many there are. An organisation without locations and
// municipalities is placed by its postcode.
func (m *Module) Footprints(ctx context.Context, orgs []*organization.Organization) (map[string]*Footprint, error) {
	out := make(map[string]*Footprint, len(orgs))
	for _, o := range orgs {
		f := &Footprint{AGS: map[string]bool{}, Tops: map[string]bool{}, Languages: map[string]bool{}}
		for _, l := range o.Languages {
			f.Languages[l] = true
		}
		out[o.ID] = f
	}
	rows, err := m.s.DB.QueryContext(ctx, "SELECT organization_id, ags, lat, lon FROM directory_locations")
	err = db.Each(rows, err, func(s db.Scanner) error {
		var orgID, ags string
		var lat, lon sql.NullFloat64
		if err := s.Scan(&orgID, &ags, &lat, &lon); err != nil {
			return err
		}
		if f := out[orgID]; f != nil {
			f.AGS[ags] = true
			if lat.Valid && lon.Valid {
				f.Points = append(f.Points, [2]float64{lat.Float64, lon.Float64})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT s.organization_id, s.category, l.lang FROM directory_services s
		LEFT JOIN directory_service_languages l ON l.service_id = s.id`)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var orgID, category string
		var lang sql.NullString
		if err := s.Scan(&orgID, &category, &lang); err != nil {
			return err
		}
		if f := out[orgID]; f != nil {
			f.Tops[taxonomy.Default().TopOf(category)] = true
			if lang.Valid {
				f.Languages[lang.String] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	munis, err := listMunicipalities(ctx, m.s.DB)
	if err != nil {
		return nil, err
	}
	for _, mu := range munis {
		if f := out[mu.OrganizationID]; f != nil {
			f.AGS[mu.AGS] = true
		}
	}
	for _, o := range orgs {
		f := out[o.ID]
		if len(f.AGS) > 0 || o.Postcode == "" || m.places == nil {
			continue
		}
		if pl, err := m.places.Resolve(ctx, o.Postcode); err == nil {
			f.Points = append(f.Points, [2]float64{pl.Lat, pl.Lon})
		}
		if mu, err := m.SuggestMunicipality(ctx, o.Postcode); err != nil {
			return nil, err
		} else if mu != nil {
			f.AGS[mu.AGS] = true
		}
	}
	return out, nil
}
