package directory

import (
	"context"
	"database/sql"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
)

// requireEditor refuses people who may not act for the organisation:
// NotFound for an unknown organisation, Forbidden for non-editors.
func (m *Module) requireEditor(ctx context.Context, orgID, userID string) error {
	if _, err := m.orgs.Get(ctx, orgID); err != nil {
		return err
	}
	return m.mayEdit(ctx, orgID, userID)
}

// mayEdit refuses people who do not edit the organisation:
// Unauthenticated for nobody, Forbidden for non-editors.
func (m *Module) mayEdit(ctx context.Context, orgID, userID string) error {
	if !ids.Valid(userID) {
		return apperr.New(apperr.Unauthenticated, "")
	}
	if !m.orgs.CanEdit(ctx, orgID, userID) {
		return apperr.New(apperr.Forbidden, "directory.not_editor")
	}
	return nil
}

// ---- municipalities ----

// CreateMunicipality adds a municipality (coordinators and administrators).
func (m *Module) CreateMunicipality(ctx context.Context, actor *auth.Identity, in Municipality) (*Municipality, error) {
	if !actor.Staff() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if err := m.checkMunicipalityOrg(ctx, in.OrganizationID); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	in.CreatedAt, in.UpdatedAt = now, now
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertMunicipality(ctx, tx, &in, actor.UserID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "directory.municipality.create",
			ObjectType: "municipality", ObjectID: in.AGS, Details: map[string]any{"name": in.Name}})
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// UpdateMunicipality changes a municipality's name, state or organisation
// (coordinators and administrators); the key stays.
func (m *Module) UpdateMunicipality(ctx context.Context, actor *auth.Identity, ags string, in Municipality) (*Municipality, error) {
	if !actor.Staff() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	old, err := municipalityByAGS(ctx, m.s.DB, ags)
	if err != nil {
		return nil, err
	}
	in.AGS = old.AGS
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if err := m.checkMunicipalityOrg(ctx, in.OrganizationID); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	in.CreatedAt, in.UpdatedAt = old.CreatedAt, now
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := updateMunicipality(ctx, tx, &in); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "directory.municipality.update",
			ObjectType: "municipality", ObjectID: in.AGS, Details: map[string]any{"name": in.Name}})
	})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

func (m *Module) checkMunicipalityOrg(ctx context.Context, orgID string) error {
	if orgID == "" {
		return nil
	}
	if _, err := m.orgs.Get(ctx, orgID); err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return apperr.Field("organization_id", "directory.municipality.unknown_org")
		}
		return err
	}
	return nil
}

// Municipality returns a municipality by its key.
func (m *Module) Municipality(ctx context.Context, ags string) (*Municipality, error) {
	return municipalityByAGS(ctx, m.s.DB, ags)
}

// Municipalities lists every municipality by name, with counts.
func (m *Module) Municipalities(ctx context.Context) ([]MunicipalitySummary, error) {
	return listMunicipalities(ctx, m.s.DB)
}

// MayKeepFacts reports whether the person maintains the municipality's
// facts and links: coordinators, and editors of its own organisation.
func (m *Module) MayKeepFacts(ctx context.Context, actor *auth.Identity, mu *Municipality) bool {
	if actor == nil {
		return false
	}
	return actor.Staff() || mu.OrganizationID != "" && m.orgs.CanEdit(ctx, mu.OrganizationID, actor.UserID)
}

func (m *Module) requireFactKeeper(ctx context.Context, actor *auth.Identity, ags string) (*Municipality, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	mu, err := municipalityByAGS(ctx, m.s.DB, ags)
	if err != nil {
		return nil, err
	}
	if !m.MayKeepFacts(ctx, actor, mu) {
		return nil, apperr.New(apperr.Forbidden, "directory.facts.not_keeper")
	}
	return mu, nil
}

// Facts lists a municipality's facts, oldest entry first.
func (m *Module) Facts(ctx context.Context, ags string) ([]Fact, error) {
	return factsOf(ctx, m.s.DB, ags)
}

// Links lists a municipality's useful links.
func (m *Module) Links(ctx context.Context, ags string) ([]Link, error) {
	return linksOf(ctx, m.s.DB, ags)
}

// AddFact adds a fact about a municipality.
func (m *Module) AddFact(ctx context.Context, actor *auth.Identity, ags string, x Fact) (*Fact, error) {
	mu, err := m.requireFactKeeper(ctx, actor, ags)
	if err != nil {
		return nil, err
	}
	x.normalize()
	if err := x.validate(); err != nil {
		return nil, err
	}
	x.ID, x.AGS, x.CreatedAt = ids.New(), mu.AGS, m.s.Clock.Now()
	_, err = m.s.DB.ExecContext(ctx, `INSERT INTO directory_facts (id, ags, label, value, as_of, source, source_url, lang,
		created_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		x.ID, x.AGS, x.Label, x.Value, string(x.AsOf), x.Source, x.SourceURL, x.Lang, x.CreatedAt, actor.UserID)
	if err != nil {
		return nil, err
	}
	return &x, nil
}

// DeleteFact removes a fact.
func (m *Module) DeleteFact(ctx context.Context, actor *auth.Identity, ags, factID string) error {
	if _, err := m.requireFactKeeper(ctx, actor, ags); err != nil {
		return err
	}
	return m.deleteRow(ctx, "DELETE FROM directory_facts WHERE id = $1 AND ags = $2", factID, ags)
}

// AddLink adds a useful link to a municipality.
func (m *Module) AddLink(ctx context.Context, actor *auth.Identity, ags string, x Link) (*Link, error) {
	mu, err := m.requireFactKeeper(ctx, actor, ags)
	if err != nil {
		return nil, err
	}
	x.normalize()
	if err := x.validate(); err != nil {
		return nil, err
	}
	x.ID, x.AGS, x.CreatedAt = ids.New(), mu.AGS, m.s.Clock.Now()
	_, err = m.s.DB.ExecContext(ctx, `INSERT INTO directory_links (id, ags, title, url, lang, created_at, updated_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, x.ID, x.AGS, x.Title, x.URL, x.Lang, x.CreatedAt, actor.UserID)
	if err != nil {
		return nil, err
	}
	return &x, nil
}

// DeleteLink removes a link.
func (m *Module) DeleteLink(ctx context.Context, actor *auth.Identity, ags, linkID string) error {
	if _, err := m.requireFactKeeper(ctx, actor, ags); err != nil {
		return err
	}
	return m.deleteRow(ctx, "DELETE FROM directory_links WHERE id = $1 AND ags = $2", linkID, ags)
}

func (m *Module) deleteRow(ctx context.Context, stmt, id string, args ...any) error {
	if !ids.Valid(id) {
		return apperr.New(apperr.NotFound, "")
	}
	res, err := m.s.DB.ExecContext(ctx, stmt, append([]any{id}, args...)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}

// SuggestMunicipality names the municipality a postcode lies in, when the
// postcode data is imported and the municipality is in the directory; nil
// when it cannot tell. The postcode file names districts (Kreise): a
// district with one municipality here (a district-free city such as
// Kassel) gives that one; otherwise the place's name decides.
func (m *Module) SuggestMunicipality(ctx context.Context, postcode string) (*Municipality, error) {
	if m.places == nil || !check.ValidPostcode(strings.TrimSpace(postcode)) {
		return nil, nil
	}
	p, err := m.places.Resolve(ctx, postcode)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Unavailable) || apperr.Is(err, apperr.Invalid) {
			return nil, nil
		}
		return nil, err
	}
	code := p.CommunityCode
	if len(code) == 8 && ValidAGS(code) {
		mu, err := municipalityByAGS(ctx, m.s.DB, code)
		if apperr.Is(err, apperr.NotFound) {
			return nil, nil
		}
		return mu, err
	}
	if len(code) != 5 {
		return nil, nil
	}
	candidates, err := municipalitiesWithPrefix(ctx, m.s.DB, code)
	if err != nil || len(candidates) == 0 {
		return nil, err
	}
	if len(candidates) == 1 && strings.HasSuffix(candidates[0].AGS, "000") {
		return candidates[0], nil
	}
	place := text.Fold(p.Name)
	for _, c := range candidates {
		name := text.Fold(c.Name)
		if name == place || strings.HasPrefix(name, place+" ") || strings.HasPrefix(name, place+",") {
			return c, nil
		}
	}
	return nil, nil
}

// MunicipalityKey is the key (AGS) of the municipality SuggestMunicipality
// finds for a postcode, "" for none: what other modules file their things
// under (events).
func (m *Module) MunicipalityKey(ctx context.Context, postcode string) (string, error) {
	mu, err := m.SuggestMunicipality(ctx, postcode)
	if mu == nil || err != nil {
		return "", err
	}
	return mu.AGS, nil
}

// ---- locations ----

// CreateLocation adds a location to an organisation (its editors only).
// Without a municipality, the one the postcode suggests is taken; without
// coordinates, those of the postcode area.
func (m *Module) CreateLocation(ctx context.Context, userID, orgID string, in LocationInput) (*Location, error) {
	if err := m.requireEditor(ctx, orgID, userID); err != nil {
		return nil, err
	}
	if err := m.prepareLocation(ctx, &in); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	l := &Location{ID: ids.New(), OrganizationID: orgID, LocationInput: in, CreatedAt: now, UpdatedAt: now,
		ConfirmedAt: now, UpdatedBy: userID, ConfirmedBy: userID, Closures: []Closure{}}
	if err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return insertLocation(ctx, tx, l) }); err != nil {
		return nil, err
	}
	return locationByID(ctx, m.s.DB, l.ID)
}

// prepareLocation normalizes, completes from the postcode and validates.
func (m *Module) prepareLocation(ctx context.Context, in *LocationInput) error {
	in.Normalize()
	if in.AGS == "" && check.ValidPostcode(in.Postcode) {
		mu, err := m.SuggestMunicipality(ctx, in.Postcode)
		if err != nil {
			return err
		}
		if mu != nil {
			in.AGS = mu.AGS
		}
	}
	if in.Lat == nil && in.Lon == nil && check.ValidPostcode(in.Postcode) && m.places != nil {
		if p, err := m.places.Resolve(ctx, in.Postcode); err == nil {
			lat, lon := p.Lat, p.Lon
			in.Lat, in.Lon = &lat, &lon
		}
	}
	if err := in.Validate(); err != nil {
		return err
	}
	if _, err := municipalityByAGS(ctx, m.s.DB, in.AGS); err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return apperr.Field("ags", "directory.location.unknown_municipality")
		}
		return err
	}
	return nil
}

// Location returns a location; locations are public.
func (m *Module) Location(ctx context.Context, id string) (*Location, error) {
	return locationByID(ctx, m.s.DB, id)
}

// LocationsOf lists an organisation's locations.
func (m *Module) LocationsOf(ctx context.Context, orgID string) ([]*Location, error) {
	return locationsOfOrg(ctx, m.s.DB, orgID)
}

// editableLocation loads a location for an editor of its organisation.
func (m *Module) editableLocation(ctx context.Context, userID, locID string) (*Location, error) {
	l, err := locationByID(ctx, m.s.DB, locID)
	if err != nil {
		return nil, err
	}
	return l, m.mayEdit(ctx, l.OrganizationID, userID)
}

// UpdateLocation replaces what a location says; saving confirms it.
func (m *Module) UpdateLocation(ctx context.Context, userID, locID string, in LocationInput) (*Location, error) {
	l, err := m.editableLocation(ctx, userID, locID)
	if err != nil {
		return nil, err
	}
	if err := m.prepareLocation(ctx, &in); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	l.LocationInput = in
	l.UpdatedAt, l.ConfirmedAt, l.UpdatedBy, l.ConfirmedBy = now, now, userID, userID
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := updateLocation(ctx, tx, l); err != nil {
			return err
		}
		svcIDs, err := servicesAt(ctx, tx, l.ID)
		if err != nil {
			return err
		}
		return m.indexServices(ctx, tx, svcIDs...)
	})
	if err != nil {
		return nil, err
	}
	return locationByID(ctx, m.s.DB, l.ID)
}

// DeleteLocation removes a location; its services stay, offered elsewhere
// or nowhere.
func (m *Module) DeleteLocation(ctx context.Context, userID, locID string) error {
	l, err := m.editableLocation(ctx, userID, locID)
	if err != nil {
		return err
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		svcIDs, err := servicesAt(ctx, tx, l.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM directory_locations WHERE id = $1", l.ID); err != nil {
			return err
		}
		return m.indexServices(ctx, tx, svcIDs...)
	})
}

// ConfirmLocation records that the location's details are still right.
func (m *Module) ConfirmLocation(ctx context.Context, userID, locID string) error {
	l, err := m.editableLocation(ctx, userID, locID)
	if err != nil {
		return err
	}
	_, err = m.s.DB.ExecContext(ctx, "UPDATE directory_locations SET confirmed_at = $1, confirmed_by = $2 WHERE id = $3",
		m.s.Clock.Now(), userID, l.ID)
	return err
}

// AddClosure adds an exception to a location's opening hours.
func (m *Module) AddClosure(ctx context.Context, userID, locID string, c Closure) (*Closure, error) {
	l, err := m.editableLocation(ctx, userID, locID)
	if err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c.ID = ids.New()
	if err := insertClosure(ctx, m.s.DB, l.ID, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// DeleteClosure removes an exception.
func (m *Module) DeleteClosure(ctx context.Context, userID, locID, closureID string) error {
	l, err := m.editableLocation(ctx, userID, locID)
	if err != nil {
		return err
	}
	return m.deleteRow(ctx, "DELETE FROM directory_closures WHERE id = $1 AND location_id = $2", closureID, l.ID)
}

// ---- services ----

// CreateService adds a service to an organisation (its editors only).
func (m *Module) CreateService(ctx context.Context, userID, orgID string, in ServiceInput) (*Service, error) {
	if err := m.requireEditor(ctx, orgID, userID); err != nil {
		return nil, err
	}
	if err := m.prepareService(ctx, orgID, &in); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	s := &Service{ID: ids.New(), OrganizationID: orgID, ServiceInput: in, CreatedAt: now, UpdatedAt: now, ConfirmedAt: now,
		UpdatedBy: userID, ConfirmedBy: userID}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertService(ctx, tx, s, nil); err != nil {
			return err
		}
		return m.indexServices(ctx, tx, s.ID)
	})
	if err != nil {
		return nil, err
	}
	return serviceByID(ctx, m.s.DB, s.ID)
}

// prepareService normalizes and validates; the locations must be the
// organisation's own.
func (m *Module) prepareService(ctx context.Context, orgID string, in *ServiceInput) error {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return err
	}
	if len(in.LocationIDs) == 0 {
		return nil
	}
	locs, err := locationsByIDs(ctx, m.s.DB, in.LocationIDs)
	if err != nil {
		return err
	}
	for _, id := range in.LocationIDs {
		if l := locs[id]; l == nil || l.OrganizationID != orgID {
			return apperr.Field("locations", "directory.service.foreign_location")
		}
	}
	return nil
}

// Service returns a service; services are public.
func (m *Module) Service(ctx context.Context, id string) (*Service, error) {
	return serviceByID(ctx, m.s.DB, id)
}

// ServicesOf lists an organisation's services by name.
func (m *Module) ServicesOf(ctx context.Context, orgID string) ([]*Service, error) {
	return servicesOfOrg(ctx, m.s.DB, orgID)
}

func (m *Module) editableService(ctx context.Context, userID, svcID string) (*Service, error) {
	s, err := serviceByID(ctx, m.s.DB, svcID)
	if err != nil {
		return nil, err
	}
	return s, m.mayEdit(ctx, s.OrganizationID, userID)
}

// UpdateService replaces what a service says; saving confirms it.
func (m *Module) UpdateService(ctx context.Context, userID, svcID string, in ServiceInput) (*Service, error) {
	s, err := m.editableService(ctx, userID, svcID)
	if err != nil {
		return nil, err
	}
	if err := m.prepareService(ctx, s.OrganizationID, &in); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	s.ServiceInput = in
	s.UpdatedAt, s.ConfirmedAt, s.UpdatedBy, s.ConfirmedBy = now, now, userID, userID
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := updateService(ctx, tx, s, nil); err != nil {
			return err
		}
		return m.indexServices(ctx, tx, s.ID)
	})
	if err != nil {
		return nil, err
	}
	return serviceByID(ctx, m.s.DB, s.ID)
}

// DeleteService removes a service.
func (m *Module) DeleteService(ctx context.Context, userID, svcID string) error {
	s, err := m.editableService(ctx, userID, svcID)
	if err != nil {
		return err
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM directory_services WHERE id = $1", s.ID); err != nil {
			return err
		}
		return m.indexServices(ctx, tx, s.ID) // takes it out
	})
}

// ConfirmService records that the service's details are still right.
func (m *Module) ConfirmService(ctx context.Context, userID, svcID string) error {
	s, err := m.editableService(ctx, userID, svcID)
	if err != nil {
		return err
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE directory_services SET confirmed_at = $1, confirmed_by = $2 WHERE id = $3",
			m.s.Clock.Now(), userID, s.ID); err != nil {
			return err
		}
		return m.indexServices(ctx, tx, s.ID)
	})
}

// orgName returns organisations' names with a cache for one request.
type orgCache struct {
	m    *Module
	orgs map[string]*organization.Organization
}

func (m *Module) newOrgCache() *orgCache {
	return &orgCache{m: m, orgs: map[string]*organization.Organization{}}
}

func (c *orgCache) get(ctx context.Context, id string) (*organization.Organization, error) {
	if o, ok := c.orgs[id]; ok {
		return o, nil
	}
	o, err := c.m.orgs.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	c.orgs[id] = o
	return o, nil
}
