package directory

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// The SQL of the directory's tables, the same text on SQLite and
// PostgreSQL. Functions take a db.Querier so they run inside a
// transaction or outside one.

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	v := n.Float64
	return &v
}

// ---- municipalities ----

const municipalityColumns = "ags, name, state, organization_id, created_at, updated_at"

func scanMunicipality(row db.Scanner) (*Municipality, error) {
	m := &Municipality{}
	var org sql.NullString
	if err := row.Scan(&m.AGS, &m.Name, &m.State, &org, &m.CreatedAt, &m.UpdatedAt); err != nil {
		return nil, db.Err(err)
	}
	m.OrganizationID = org.String
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return m, nil
}

func municipalityByAGS(ctx context.Context, q db.Querier, ags string) (*Municipality, error) {
	if !ValidAGS(ags) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanMunicipality(q.QueryRowContext(ctx, "SELECT "+municipalityColumns+
		" FROM directory_municipalities WHERE ags = $1", ags))
}

func insertMunicipality(ctx context.Context, q db.Querier, m *Municipality, by string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO directory_municipalities
		(ags, name, name_key, state, organization_id, created_at, updated_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		m.AGS, m.Name, text.Fold(m.Name), m.State, db.NullString(m.OrganizationID), m.CreatedAt, m.UpdatedAt, db.NullString(by))
	if apperr.Is(db.Err(err), apperr.Conflict) {
		return apperr.Field("ags", "directory.municipality.exists")
	}
	return db.Err(err)
}

func updateMunicipality(ctx context.Context, q db.Querier, m *Municipality) error {
	res, err := q.ExecContext(ctx, `UPDATE directory_municipalities SET name = $1, name_key = $2, state = $3,
		organization_id = $4, updated_at = $5 WHERE ags = $6`,
		m.Name, text.Fold(m.Name), m.State, db.NullString(m.OrganizationID), m.UpdatedAt, m.AGS)
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}

// MunicipalitySummary is a municipality with how much the directory knows
// there.
type MunicipalitySummary struct {
	Municipality
	Services  int
	Locations int
}

func listMunicipalities(ctx context.Context, q db.Querier) ([]MunicipalitySummary, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.ags, m.name, m.state, m.organization_id, m.created_at, m.updated_at,
		(SELECT count(DISTINCT sl.service_id) FROM directory_service_locations sl
			JOIN directory_locations l ON l.id = sl.location_id WHERE l.ags = m.ags),
		(SELECT count(*) FROM directory_locations l WHERE l.ags = m.ags)
		FROM directory_municipalities m ORDER BY m.name_key, m.ags`)
	return db.Collect(rows, err, func(s db.Scanner) (MunicipalitySummary, error) {
		var ms MunicipalitySummary
		m, err := scanMunicipality(scanPlus{s, []any{&ms.Services, &ms.Locations}})
		if err != nil {
			return ms, err
		}
		ms.Municipality = *m
		return ms, nil
	})
}

// municipalitiesWithPrefix lists the municipalities whose key begins with
// prefix (a district key of five digits finds the district's
// municipalities).
func municipalitiesWithPrefix(ctx context.Context, q db.Querier, prefix string) ([]*Municipality, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+municipalityColumns+
		" FROM directory_municipalities WHERE substr(ags, 1, $1) = $2 ORDER BY name_key, ags", len(prefix), prefix)
	out, err := db.Collect(rows, err, scanMunicipality)
	return out, err
}

// scanPlus scans a row's leading columns with row.Scan's destinations and
// the trailing ones into extra.
type scanPlus struct {
	row   db.Scanner
	extra []any
}

func (s scanPlus) Scan(dest ...any) error { return s.row.Scan(append(dest, s.extra...)...) }

// ---- facts and links ----

func factsOf(ctx context.Context, q db.Querier, ags string) ([]Fact, error) {
	out := []Fact{}
	rows, err := q.QueryContext(ctx, `SELECT id, ags, label, value, as_of, source, source_url, lang, created_at
		FROM directory_facts WHERE ags = $1 ORDER BY created_at, id`, ags)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var x Fact
		var asOf string
		if err := s.Scan(&x.ID, &x.AGS, &x.Label, &x.Value, &asOf, &x.Source, &x.SourceURL, &x.Lang, &x.CreatedAt); err != nil {
			return err
		}
		x.AsOf, x.CreatedAt = Day(asOf), x.CreatedAt.UTC()
		out = append(out, x)
		return nil
	})
	return out, err
}

func linksOf(ctx context.Context, q db.Querier, ags string) ([]Link, error) {
	out := []Link{}
	rows, err := q.QueryContext(ctx, `SELECT id, ags, title, url, lang, created_at
		FROM directory_links WHERE ags = $1 ORDER BY created_at, id`, ags)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var x Link
		if err := s.Scan(&x.ID, &x.AGS, &x.Title, &x.URL, &x.Lang, &x.CreatedAt); err != nil {
			return err
		}
		x.CreatedAt = x.CreatedAt.UTC()
		out = append(out, x)
		return nil
	})
	return out, err
}

// ---- locations ----

const locationColumns = `l.id, l.organization_id, l.name, l.street, l.postcode, l.city, l.ags, l.lat, l.lon,
	l.wheelchair, l.accessibility, l.created_at, l.updated_at, l.updated_by, l.confirmed_at, l.confirmed_by, m.name`

const locationJoin = " FROM directory_locations l JOIN directory_municipalities m ON m.ags = l.ags"

func scanLocation(row db.Scanner) (*Location, error) {
	l := &Location{}
	var lat, lon sql.NullFloat64
	var updatedBy, confirmedBy sql.NullString
	if err := row.Scan(&l.ID, &l.OrganizationID, &l.Name, &l.Street, &l.Postcode, &l.City, &l.AGS, &lat, &lon,
		&l.Wheelchair, &l.Accessibility, &l.CreatedAt, &l.UpdatedAt, &updatedBy, &l.ConfirmedAt, &confirmedBy,
		&l.Municipality); err != nil {
		return nil, db.Err(err)
	}
	l.Lat, l.Lon = floatPtr(lat), floatPtr(lon)
	l.UpdatedBy, l.ConfirmedBy = updatedBy.String, confirmedBy.String
	l.CreatedAt, l.UpdatedAt, l.ConfirmedAt = l.CreatedAt.UTC(), l.UpdatedAt.UTC(), l.ConfirmedAt.UTC()
	return l, nil
}

// queryLocations loads locations with their hours and closures.
func queryLocations(ctx context.Context, q db.Querier, where string, args ...any) ([]*Location, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+locationColumns+locationJoin+" WHERE "+where+
		" ORDER BY l.created_at, l.id", args...)
	out, err := db.Collect(rows, err, scanLocation)
	if err != nil {
		return nil, err
	}
	return out, loadHours(ctx, q, out)
}

func locationByID(ctx context.Context, q db.Querier, id string) (*Location, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	ls, err := queryLocations(ctx, q, "l.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(ls) == 0 {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return ls[0], nil
}

func locationsOfOrg(ctx context.Context, q db.Querier, orgID string) ([]*Location, error) {
	if !ids.Valid(orgID) {
		return nil, nil
	}
	return queryLocations(ctx, q, "l.organization_id = $1", orgID)
}

func locationsByIDs(ctx context.Context, q db.Querier, locIDs []string) (map[string]*Location, error) {
	out := map[string]*Location{}
	if len(locIDs) == 0 {
		return out, nil
	}
	in, args := db.In(1, locIDs)
	ls, err := queryLocations(ctx, q, "l.id IN ("+in+")", args...)
	for _, l := range ls {
		out[l.ID] = l
	}
	return out, err
}

// loadHours fills the periods and closures of locs with two queries.
func loadHours(ctx context.Context, q db.Querier, locs []*Location) error {
	if len(locs) == 0 {
		return nil
	}
	byID := map[string]*Location{}
	locIDs := make([]string, len(locs))
	for i, l := range locs {
		byID[l.ID] = l
		locIDs[i] = l.ID
		l.Periods, l.Closures = []Period{}, []Closure{}
	}
	in, args := db.In(1, locIDs)
	rows, err := q.QueryContext(ctx, "SELECT location_id, weekday, opens, closes FROM directory_hours WHERE location_id IN ("+
		in+") ORDER BY weekday, opens", args...)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var id string
		var p Period
		if err := s.Scan(&id, &p.Weekday, &p.Opens, &p.Closes); err != nil {
			return err
		}
		if l := byID[id]; l != nil {
			l.Periods = append(l.Periods, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, "SELECT id, location_id, first_day, last_day, closed, opens, closes, note FROM directory_closures WHERE location_id IN ("+
		in+") ORDER BY first_day, last_day, id", args...)
	return db.Each(rows, err, func(s db.Scanner) error {
		var c Closure
		var locID, first, last string
		var opens, closes sql.NullInt64
		if err := s.Scan(&c.ID, &locID, &first, &last, &c.Closed, &opens, &closes, &c.Note); err != nil {
			return err
		}
		c.First, c.Last, c.Opens, c.Closes = Day(first), Day(last), Minute(opens.Int64), Minute(closes.Int64)
		if l := byID[locID]; l != nil {
			l.Closures = append(l.Closures, c)
		}
		return nil
	})
}

func insertLocation(ctx context.Context, q db.Querier, l *Location) error {
	_, err := q.ExecContext(ctx, `INSERT INTO directory_locations (id, organization_id, name, street, postcode, city, ags,
		lat, lon, wheelchair, accessibility, created_at, updated_at, updated_by, confirmed_at, confirmed_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		l.ID, l.OrganizationID, l.Name, l.Street, l.Postcode, l.City, l.AGS, db.NullPtr(l.Lat), db.NullPtr(l.Lon),
		l.Wheelchair, l.Accessibility, l.CreatedAt, l.UpdatedAt, db.NullString(l.UpdatedBy), l.ConfirmedAt, db.NullString(l.ConfirmedBy))
	if err != nil {
		return db.Err(err)
	}
	return setHours(ctx, q, l.ID, l.Periods)
}

func updateLocation(ctx context.Context, q db.Querier, l *Location) error {
	_, err := q.ExecContext(ctx, `UPDATE directory_locations SET name = $1, street = $2, postcode = $3, city = $4, ags = $5,
		lat = $6, lon = $7, wheelchair = $8, accessibility = $9, updated_at = $10, updated_by = $11, confirmed_at = $12,
		confirmed_by = $13 WHERE id = $14`,
		l.Name, l.Street, l.Postcode, l.City, l.AGS, db.NullPtr(l.Lat), db.NullPtr(l.Lon), l.Wheelchair, l.Accessibility,
		l.UpdatedAt, db.NullString(l.UpdatedBy), l.ConfirmedAt, db.NullString(l.ConfirmedBy), l.ID)
	if err != nil {
		return db.Err(err)
	}
	return setHours(ctx, q, l.ID, l.Periods)
}

func setHours(ctx context.Context, q db.Querier, locID string, periods []Period) error {
	if _, err := q.ExecContext(ctx, "DELETE FROM directory_hours WHERE location_id = $1", locID); err != nil {
		return db.Err(err)
	}
	for _, p := range periods {
		if _, err := q.ExecContext(ctx, "INSERT INTO directory_hours (location_id, weekday, opens, closes) VALUES ($1, $2, $3, $4)",
			locID, p.Weekday, int(p.Opens), int(p.Closes)); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

func insertClosure(ctx context.Context, q db.Querier, locID string, c *Closure) error {
	var opens, closes any
	if !c.Closed {
		opens, closes = int(c.Opens), int(c.Closes)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO directory_closures (id, location_id, first_day, last_day, closed, opens, closes, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, c.ID, locID, string(c.First), string(c.Last), c.Closed, opens, closes, c.Note)
	return db.Err(err)
}

// ---- services ----

const serviceColumns = `id, organization_id, name, description, category, lang, cost, fee_note, walk_in, by_appointment,
	by_referral, eligibility, phone, email, website, created_at, updated_at, updated_by, confirmed_at, confirmed_by`

func scanService(row db.Scanner) (*Service, error) {
	s := &Service{}
	var updatedBy, confirmedBy sql.NullString
	if err := row.Scan(&s.ID, &s.OrganizationID, &s.Name, &s.Description, &s.Category, &s.Lang, &s.Cost, &s.FeeNote,
		&s.WalkIn, &s.Appointment, &s.Referral, &s.Eligibility, &s.Phone, &s.Email, &s.Website, &s.CreatedAt,
		&s.UpdatedAt, &updatedBy, &s.ConfirmedAt, &confirmedBy); err != nil {
		return nil, db.Err(err)
	}
	s.UpdatedBy, s.ConfirmedBy = updatedBy.String, confirmedBy.String
	s.CreatedAt, s.UpdatedAt, s.ConfirmedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC(), s.ConfirmedAt.UTC()
	s.Languages, s.Targets, s.LocationIDs = []string{}, []string{}, []string{}
	return s, nil
}

// queryServices loads services with their languages, groups and places.
func queryServices(ctx context.Context, q db.Querier, where, order string, args ...any) ([]*Service, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+serviceColumns+" FROM directory_services WHERE "+where+" ORDER BY "+order, args...)
	out, err := db.Collect(rows, err, scanService)
	if err != nil {
		return nil, err
	}
	return out, loadServiceDetails(ctx, q, out)
}

func serviceByID(ctx context.Context, q db.Querier, id string) (*Service, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	ss, err := queryServices(ctx, q, "id = $1", "id", id)
	if err != nil {
		return nil, err
	}
	if len(ss) == 0 {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return ss[0], nil
}

func servicesOfOrg(ctx context.Context, q db.Querier, orgID string) ([]*Service, error) {
	if !ids.Valid(orgID) {
		return nil, nil
	}
	return queryServices(ctx, q, "organization_id = $1", "name_key, id", orgID)
}

// servicesIn lists the services offered at a location in the municipality.
func servicesIn(ctx context.Context, q db.Querier, ags string) ([]*Service, error) {
	return queryServices(ctx, q, `id IN (SELECT sl.service_id FROM directory_service_locations sl
		JOIN directory_locations l ON l.id = sl.location_id WHERE l.ags = $1)`, "name_key, id", ags)
}

// loadServiceDetails fills in languages, target groups and places.
func loadServiceDetails(ctx context.Context, q db.Querier, svcs []*Service) error {
	if len(svcs) == 0 {
		return nil
	}
	byID := map[string]*Service{}
	svcIDs := make([]string, len(svcs))
	for i, s := range svcs {
		byID[s.ID] = s
		svcIDs[i] = s.ID
	}
	in, args := db.In(1, svcIDs)
	rows, err := q.QueryContext(ctx, "SELECT service_id, lang FROM directory_service_languages WHERE service_id IN ("+in+")", args...)
	err = db.Each(rows, err, func(sc db.Scanner) error {
		var id, v string
		if err := sc.Scan(&id, &v); err != nil {
			return err
		}
		byID[id].Languages = append(byID[id].Languages, v)
		return nil
	})
	if err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, "SELECT service_id, target FROM directory_service_targets WHERE service_id IN ("+in+")", args...)
	err = db.Each(rows, err, func(sc db.Scanner) error {
		var id, v string
		if err := sc.Scan(&id, &v); err != nil {
			return err
		}
		byID[id].Targets = append(byID[id].Targets, v)
		return nil
	})
	if err != nil {
		return err
	}
	type link struct{ svc, id, loc string }
	var links []link
	var locIDs []string
	rows, err = q.QueryContext(ctx, `SELECT sl.service_id, sl.id, sl.location_id FROM directory_service_locations sl
		JOIN directory_locations l ON l.id = sl.location_id WHERE sl.service_id IN (`+in+`) ORDER BY l.created_at, l.id`, args...)
	err = db.Each(rows, err, func(sc db.Scanner) error {
		var k link
		if err := sc.Scan(&k.svc, &k.id, &k.loc); err != nil {
			return err
		}
		links = append(links, k)
		locIDs = append(locIDs, k.loc)
		return nil
	})
	if err != nil {
		return err
	}
	locs, err := locationsByIDs(ctx, q, unique(locIDs))
	if err != nil {
		return err
	}
	for _, k := range links {
		s := byID[k.svc]
		s.LocationIDs = append(s.LocationIDs, k.loc)
		s.Places = append(s.Places, Place{LinkID: k.id, Location: locs[k.loc]})
	}
	for _, s := range svcs {
		s.Languages = text.SortLanguages(s.Languages)
		s.Targets = ordered(s.Targets, Targets)
	}
	return nil
}

func insertService(ctx context.Context, q db.Querier, s *Service, linkIDs map[string]string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO directory_services (id, organization_id, name, name_key, description, category,
		lang, cost, fee_note, walk_in, by_appointment, by_referral, eligibility, phone, email, website, created_at, updated_at,
		updated_by, confirmed_at, confirmed_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
		s.ID, s.OrganizationID, s.Name, text.Fold(s.Name), s.Description, s.Category, s.Lang, s.Cost, s.FeeNote, s.WalkIn,
		s.Appointment, s.Referral, s.Eligibility, s.Phone, s.Email, s.Website, s.CreatedAt, s.UpdatedAt,
		db.NullString(s.UpdatedBy), s.ConfirmedAt, db.NullString(s.ConfirmedBy))
	if err != nil {
		return db.Err(err)
	}
	return setServiceLists(ctx, q, s, linkIDs)
}

func updateService(ctx context.Context, q db.Querier, s *Service, linkIDs map[string]string) error {
	_, err := q.ExecContext(ctx, `UPDATE directory_services SET name = $1, name_key = $2, description = $3, category = $4,
		lang = $5, cost = $6, fee_note = $7, walk_in = $8, by_appointment = $9, by_referral = $10, eligibility = $11,
		phone = $12, email = $13, website = $14, updated_at = $15, updated_by = $16, confirmed_at = $17, confirmed_by = $18
		WHERE id = $19`,
		s.Name, text.Fold(s.Name), s.Description, s.Category, s.Lang, s.Cost, s.FeeNote, s.WalkIn, s.Appointment, s.Referral,
		s.Eligibility, s.Phone, s.Email, s.Website, s.UpdatedAt, db.NullString(s.UpdatedBy), s.ConfirmedAt,
		db.NullString(s.ConfirmedBy), s.ID)
	if err != nil {
		return db.Err(err)
	}
	return setServiceLists(ctx, q, s, linkIDs)
}

// setServiceLists replaces languages and target groups, and the locations
// where the service is offered. A pair of service and location that stays
// keeps its id (links and HSDS refer to it); linkIDs may name the id a new
// pair should get.
func setServiceLists(ctx context.Context, q db.Querier, s *Service, linkIDs map[string]string) error {
	for _, stmt := range []string{
		"DELETE FROM directory_service_languages WHERE service_id = $1",
		"DELETE FROM directory_service_targets WHERE service_id = $1",
	} {
		if _, err := q.ExecContext(ctx, stmt, s.ID); err != nil {
			return db.Err(err)
		}
	}
	for _, l := range s.Languages {
		if _, err := q.ExecContext(ctx, "INSERT INTO directory_service_languages (service_id, lang) VALUES ($1, $2)", s.ID, l); err != nil {
			return db.Err(err)
		}
	}
	for _, t := range s.Targets {
		if _, err := q.ExecContext(ctx, "INSERT INTO directory_service_targets (service_id, target) VALUES ($1, $2)", s.ID, t); err != nil {
			return db.Err(err)
		}
	}
	existing := map[string]bool{}
	rows, err := q.QueryContext(ctx, "SELECT location_id FROM directory_service_locations WHERE service_id = $1", s.ID)
	err = db.Each(rows, err, func(sc db.Scanner) error {
		var loc string
		err := sc.Scan(&loc)
		existing[loc] = true
		return err
	})
	if err != nil {
		return err
	}
	for loc := range existing {
		if !containsString(s.LocationIDs, loc) {
			if _, err := q.ExecContext(ctx, "DELETE FROM directory_service_locations WHERE service_id = $1 AND location_id = $2",
				s.ID, loc); err != nil {
				return db.Err(err)
			}
		}
	}
	for _, loc := range s.LocationIDs {
		if existing[loc] {
			continue
		}
		id := linkIDs[loc]
		if id == "" {
			id = ids.New()
		}
		if _, err := q.ExecContext(ctx, "INSERT INTO directory_service_locations (id, service_id, location_id) VALUES ($1, $2, $3)",
			id, s.ID, loc); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// serviceLinkByID finds a service_at_location pair.
func serviceLinkByID(ctx context.Context, q db.Querier, id string) (svcID, locID string, err error) {
	if !ids.Valid(id) {
		return "", "", apperr.New(apperr.NotFound, "")
	}
	err = q.QueryRowContext(ctx, "SELECT service_id, location_id FROM directory_service_locations WHERE id = $1", id).Scan(&svcID, &locID)
	return svcID, locID, db.Err(err)
}
