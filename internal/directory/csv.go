package directory

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/csvx"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/web"
)

// The CSV export lists what volunteers look for: services in the category
// "volunteering" (volunteer agencies, places to help) and services meant
// for volunteers, each at each of its locations, with the organisation's
// contact; and organisations that look for partners. One row per service
// and location, written by csvx for spreadsheet programs.

// csvHeader names the columns.
var csvHeader = []string{
	"organization_id", "organization", "organization_kind", "looking_for_partners", "service_id", "service",
	"category", "languages", "cost", "access", "location", "street", "postcode", "city", "municipality_key",
	"municipality", "phone", "email", "website", "last_confirmed", "url",
}

// VolunteerRelevant reports whether a service belongs in the export.
func VolunteerRelevant(s *Service) bool {
	return taxonomy.Default().TopOf(s.Category) == "volunteering" || slices.Contains(s.Targets, "volunteers")
}

// PartnerSearch tells what organisations look for partners for, by
// organisation id (the network module knows); the volunteer CSV shows it.
type PartnerSearch func(ctx context.Context, orgIDs []string) (map[string]string, error)

// UsePartnerSearch gives the directory what organisations look for
// partners for.
func (m *Module) UsePartnerSearch(f PartnerSearch) { m.partnerSearch = f }

// WriteVolunteerCSV writes the export, for one municipality or ("" ) all.
func (m *Module) WriteVolunteerCSV(ctx context.Context, w *csvx.Writer, ags, lang string) error {
	if ags != "" {
		if _, err := municipalityByAGS(ctx, m.s.DB, ags); err != nil {
			return err
		}
	}
	svcs, err := queryServices(ctx, m.s.DB, "1 = 1", "name_key, id")
	if err != nil {
		return err
	}
	if err := w.Write(csvHeader); err != nil {
		return err
	}
	cache := m.newOrgCache()
	seekingIDs := []string{}
	var rows [][]string
	for _, s := range svcs {
		if !VolunteerRelevant(s) {
			continue
		}
		o, err := cache.get(ctx, s.OrganizationID)
		if err != nil {
			return err
		}
		seekingIDs = append(seekingIDs, o.ID)
		phone, email, website := firstOf(s.Phone, o.Phone), firstOf(s.Email, o.Email), firstOf(s.Website, o.Website)
		base := []string{o.ID, o.Name, o.Kind, "", s.ID, s.Name, taxonomy.Default().Name(s.Category, lang),
			strings.Join(s.Languages, " "), s.Cost, strings.Join(s.Access(), " ")}
		tail := []string{phone, email, website, string(DayOf(s.ConfirmedAt)), m.s.BaseURL + "/services/" + s.ID}
		places := 0
		for _, p := range s.Places {
			if ags != "" && p.AGS != ags {
				continue
			}
			places++
			row := append(slices.Clone(base), p.Title(), p.Street, p.Postcode, p.City, p.AGS, p.Municipality)
			rows = append(rows, append(row, tail...))
		}
		if places == 0 && ags == "" {
			row := append(slices.Clone(base), "", "", "", "", "", "")
			rows = append(rows, append(row, tail...))
		}
	}
	seeking := map[string]string{}
	if m.partnerSearch != nil {
		if seeking, err = m.partnerSearch(ctx, unique(seekingIDs)); err != nil {
			return err
		}
	}
	for _, row := range rows {
		row[3] = seeking[row[0]]
		if err := w.Write(row); err != nil {
			return err
		}
	}
	return w.Flush()
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// exportCSV serves the volunteer CSV (?ags= for one municipality).
func (m *Module) exportCSV(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ags := r.URL.Query().Get("ags")
	if ags != "" && !ValidAGS(ags) {
		m.s.Render.Error(w, r, apperr.New(apperr.NotFound, ""))
		return
	}
	if ags != "" {
		if _, err := municipalityByAGS(ctx, m.s.DB, ags); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	name := "teilhabe-volunteering"
	if ags != "" {
		name += "-" + ags
	}
	if err := m.WriteVolunteerCSV(ctx, csvx.Attach(w, name+".csv"), ags, web.Localizer(ctx).Lang()); err != nil {
		m.s.Log.ErrorContext(ctx, "volunteer csv", "err", err)
	}
}
