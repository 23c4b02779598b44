package directory

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// SetIndex makes the directory hand its services to a search index.
func (m *Module) SetIndex(ix searchdoc.Indexer) { m.search = ix }

// indexServices hands the services' state to the search index in tx: a
// service is found while it exists, and not once it is deleted.
func (m *Module) indexServices(ctx context.Context, tx *sql.Tx, svcIDs ...string) error {
	if m.search == nil {
		return nil
	}
	for _, id := range unique(svcIDs) {
		s, err := serviceByID(ctx, tx, id)
		if apperr.Is(err, apperr.NotFound) {
			if err := m.search.Delete(ctx, tx, searchdoc.Service, id); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if err := m.search.Put(ctx, tx, m.serviceDoc(ctx, s)); err != nil {
			return err
		}
	}
	return nil
}

// servicesAt lists the ids of the services offered at the locations.
func servicesAt(ctx context.Context, q db.Querier, locIDs ...string) ([]string, error) {
	if len(locIDs) == 0 {
		return nil, nil
	}
	in, args := db.In(1, locIDs)
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT service_id FROM directory_service_locations WHERE location_id IN ("+in+")", args...)
	return db.Collect(rows, err, db.Value[string])
}

// serviceDoc is what search shows of a service: what its public page
// shows; its place is that of its first location.
func (m *Module) serviceDoc(ctx context.Context, s *Service) searchdoc.Doc {
	lang := s.Lang
	if lang == "" {
		lang = searchdoc.GuessLang(s.Name + "\n" + s.Description)
	}
	body := []string{s.Description, s.Eligibility}
	if len(s.Targets) > 0 && m.s.Catalog != nil {
		loc := m.s.Catalog.Localizer(lang)
		for _, t := range s.Targets {
			body = append(body, loc.T("directory.target."+t))
		}
	}
	d := searchdoc.Doc{
		Type: searchdoc.Service, ID: s.ID, Title: s.Name, Body: strings.TrimSpace(strings.Join(nonEmpty(body), "\n")),
		Lang: lang, Langs: s.Languages, Category: s.Category, Visibility: searchdoc.Public,
		CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, URL: "/services/" + s.ID,
	}
	if len(s.Places) > 0 && s.Places[0].Location != nil {
		l := s.Places[0].Location
		d.Postcode, d.Place, d.Lat, d.Lon = l.Postcode, l.City, l.Lat, l.Lon
	}
	if o, err := m.orgs.Get(ctx, s.OrganizationID); err == nil {
		d.OrgKind, d.Verified = o.Kind, o.Verified()
	}
	return d
}

func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// SearchDocs yields every service, oldest first, for rebuilding the
// search index (searchdoc.Source).
func (m *Module) SearchDocs(ctx context.Context, yield func(searchdoc.Doc) error) error {
	const page = 500
	var after time.Time
	afterID := ""
	for {
		ss, err := queryServices(ctx, m.s.DB, "(created_at, id) > ($1, $2)", "created_at, id LIMIT $3", after, afterID, page)
		if err != nil {
			return err
		}
		for _, s := range ss {
			if err := yield(m.serviceDoc(ctx, s)); err != nil {
				return err
			}
		}
		if len(ss) < page {
			return nil
		}
		after, afterID = ss[len(ss)-1].CreatedAt, ss[len(ss)-1].ID
	}
}

// maxServicesInCategories bounds ServicesInCategories: enough to pick the
// nearest few from, never the whole directory.
const maxServicesInCategories = 200

// ServicesInCategories lists services of any of the categories, with
// their locations, by name; at most 200.
func (m *Module) ServicesInCategories(ctx context.Context, categories []string) ([]*Service, error) {
	if len(categories) == 0 {
		return nil, nil
	}
	in, args := db.In(1, categories)
	args = append(args, maxServicesInCategories)
	return queryServices(ctx, m.s.DB, "category IN ("+in+")", "name_key, id LIMIT $"+strconv.Itoa(len(args)), args...)
}
