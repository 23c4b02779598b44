package directory

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// What the HSDS exchange reads and writes. It checks what it imports
// (Normalize, Validate) and then writes it with these methods in its own
// transaction, beside the HSDS ids it remembers, so an import is written
// whole or not at all.

// Entries returns every location and every service (by name), each
// with what belongs to it, in a few queries.
func (m *Module) Entries(ctx context.Context) ([]*Location, []*Service, error) {
	locs, err := queryLocations(ctx, m.s.DB, "1 = 1")
	if err != nil {
		return nil, nil, err
	}
	svcs, err := queryServices(ctx, m.s.DB, "1 = 1", "name_key, id")
	if err != nil {
		return nil, nil, err
	}
	return locs, svcs, nil
}

// ImportMunicipality adds a checked municipality, recorded as made by by.
func (m *Module) ImportMunicipality(ctx context.Context, tx *sql.Tx, mu *Municipality, by string) error {
	return insertMunicipality(ctx, tx, mu, by)
}

// ImportLocation writes a checked location: a new one when l.ID is empty
// (it gets an id), else over the one with that id. Its exceptions are
// replaced by closures. created tells which.
func (m *Module) ImportLocation(ctx context.Context, tx *sql.Tx, l *Location, closures []Closure) (created bool, err error) {
	if l.ID == "" {
		l.ID, created = ids.New(), true
		err = insertLocation(ctx, tx, l)
	} else {
		err = updateLocation(ctx, tx, l)
	}
	if err != nil {
		return created, err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM directory_closures WHERE location_id = $1", l.ID); err != nil {
		return created, db.Err(err)
	}
	for i := range closures {
		c := closures[i]
		c.ID = ids.New()
		if err := insertClosure(ctx, tx, l.ID, &c); err != nil {
			return created, err
		}
	}
	return created, nil
}

// ServicePlaces returns the ids of the pairs of a service and its
// locations, by location id.
func (m *Module) ServicePlaces(ctx context.Context, tx *sql.Tx, svcID string) (map[string]string, error) {
	out := map[string]string{}
	rows, err := tx.QueryContext(ctx, "SELECT location_id, id FROM directory_service_locations WHERE service_id = $1", svcID)
	err = db.Each(rows, err, func(sc db.Scanner) error {
		var loc, id string
		err := sc.Scan(&loc, &id)
		out[loc] = id
		return err
	})
	return out, err
}

// ImportService writes a checked service: a new one when s.ID is empty
// (it gets an id), else over the one with that id. linkIDs names the ids
// of new pairs with its locations, by location id. created tells which.
func (m *Module) ImportService(ctx context.Context, tx *sql.Tx, s *Service, linkIDs map[string]string) (created bool, err error) {
	s.LocationIDs = unique(s.LocationIDs)
	if s.ID == "" {
		s.ID, created = ids.New(), true
		return created, insertService(ctx, tx, s, linkIDs)
	}
	return created, updateService(ctx, tx, s, linkIDs)
}

// IndexImported hands search the services imported and those at the
// locations imported.
func (m *Module) IndexImported(ctx context.Context, tx *sql.Tx, locIDs, svcIDs []string) error {
	at, err := servicesAt(ctx, tx, locIDs...)
	if err != nil {
		return err
	}
	return m.indexServices(ctx, tx, append(at, svcIDs...)...)
}
