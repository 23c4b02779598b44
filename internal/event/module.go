// Package event holds the events of organisations: info evenings,
// language cafés, courses, meetings, volunteer days and barcamps, each on
// one date, at an address or online. Visitors find upcoming events in a
// list and a month view, on each event's page (with schema.org Event
// JSON-LD), in calendar files and in the search; the organisation's owners
// and editors, and coordinators, create, change and cancel them.
//
// The module reads no other module's tables: it asks the organisation
// module who may act for an organisation (StandingOf) and the gazetteer
// where a postcode or place is.
package event

import (
	"context"
	"embed"
	"io/fs"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales static
var files embed.FS

// Module is the events module.
type Module struct {
	app.Folder // name, migrations, messages, pages
	s          *app.Services
	orgs       *organization.Module
	places     *geo.Gazetteer    // resolves postcodes and places; nil: place text only
	index      searchdoc.Indexer // the search index, fed in each change's transaction; nil: none
	names      Names             // people's display names, for the organisers' list of participants
	contacts   Contacts          // people's e-mail addresses, for participants who agreed to share them; nil: none
	// municipalities names the directory's municipality of a postcode; nil: none
	municipalities MunicipalityOf
	// locations lists organisations' addresses in the directory; nil: none
	locations LocationsOf
}

// OrgLocation is an address of an organisation in the directory, which an
// event can take as its place.
type OrgLocation struct {
	ID, OrganizationID, Name, Street, Postcode, Place string
}

// LocationsOf lists the directory's locations of the organisations.
type LocationsOf func(ctx context.Context, orgIDs ...string) ([]OrgLocation, error)

// UseLocations lets organisers take one of their organisation's directory
// locations as an event's place.
func (m *Module) UseLocations(f LocationsOf) *Module { m.locations = f; return m }

// placeAtLocation fills the address of a draft that names one of its
// organisation's directory locations; a location of another organisation
// is a field error.
func (m *Module) placeAtLocation(ctx context.Context, d *Draft, orgID string) error {
	if d.LocationID == "" {
		return nil
	}
	var found *OrgLocation
	if m.locations != nil && orgID != "" {
		locs, err := m.locations(ctx, orgID)
		if err != nil {
			return err
		}
		for i := range locs {
			if locs[i].ID == d.LocationID && locs[i].OrganizationID == orgID {
				found = &locs[i]
			}
		}
	}
	if found == nil {
		return apperr.Fields{"location_id": "form.invalid_choice"}.Err()
	}
	d.PlaceKind, d.Street, d.Postcode, d.Place = AtAddress, found.Street, found.Postcode, found.Place
	return nil
}

// MunicipalityOf returns the key (AGS) of the directory's municipality a
// postcode lies in, "" for none (directory.Module.MunicipalityKey).
type MunicipalityOf func(ctx context.Context, postcode string) (string, error)

// UseMunicipalities lets the module file each event at an address under
// its municipality, for the events section of the municipality's page.
func (m *Module) UseMunicipalities(f MunicipalityOf) *Module { m.municipalities = f; return m }

// municipalityOf is the municipality of an event's postcode, or of its
// place's postcode when only a place was typed; "" for none or unknown.
func (m *Module) municipalityOf(ctx context.Context, postcode, place string) (string, error) {
	if m.municipalities == nil {
		return "", nil
	}
	if postcode == "" && place != "" && m.places != nil {
		p, err := m.places.Resolve(ctx, place)
		switch {
		case err == nil:
			postcode = p.Postcode
		case apperr.Is(err, apperr.NotFound), apperr.Is(err, apperr.Invalid), apperr.Is(err, apperr.Unavailable):
			return "", nil
		default:
			return "", err
		}
	}
	if postcode == "" {
		return "", nil
	}
	return m.municipalities(ctx, postcode)
}

// Contacts gives a person's address to write to (account.Module).
type Contacts interface {
	ContactByID(ctx context.Context, userID string) (*account.Contact, error)
}

// UseContacts gives the module people's e-mail addresses, which
// organisers see only for participants who agreed to share them.
func (m *Module) UseContacts(c Contacts) *Module { m.contacts = c; return m }

// emails returns the e-mail addresses of active accounts among userIDs.
func (m *Module) emails(ctx context.Context, userIDs []string) (map[string]string, error) {
	out := map[string]string{}
	if m.contacts == nil {
		return out, nil
	}
	for _, id := range userIDs {
		c, err := m.contacts.ContactByID(ctx, id)
		if apperr.Is(err, apperr.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = c.Email
	}
	return out, nil
}

// Names returns the display names of user ids (account.Module.Names).
type Names func(ctx context.Context, userIDs []string) (map[string]string, error)

// New returns the events module.
func New(s *app.Services, orgs *organization.Module, places *geo.Gazetteer, names Names) *Module {
	return &Module{Folder: app.NewFolder("event", files), s: s, orgs: orgs, places: places, names: names}
}

// Nav is the events' entry in the site navigation.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/events", Label: "event.nav", Order: 25}}
}

// Jobs reminds participants the day before their event.
func (m *Module) Jobs() []jobs.Job { return []jobs.Job{m.reminderJob()} }

// Assets are the events' own styles (the barcamp's schedule), linked by
// the pages that need them.
func (m *Module) Assets() fs.FS {
	f, err := fs.Sub(files, "static")
	if err != nil {
		panic(err)
	}
	return f
}
