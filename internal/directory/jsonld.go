package directory

import (
	"strings"

	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

// schema.org descriptions of organisations and services, embedded in their
// pages as <script type="application/ld+json">. Such a script is a data
// block: browsers do not run it, so the Content-Security-Policy
// (script-src 'self') neither blocks nor reports it (the browser test
// checks this). html/template writes the map as JSON with <, > and &
// escaped, so no text can end the block.

// orgJSONLD describes an organisation.
func (m *Module) orgJSONLD(o *organization.Organization, locs []*Location) map[string]any {
	d := map[string]any{
		"@context": "https://schema.org",
		"@type":    "Organization",
		"@id":      m.s.BaseURL + "/organizations/" + o.ID,
		"url":      m.s.BaseURL + "/organizations/" + o.ID,
		"name":     o.Name,
	}
	if o.Description != "" {
		d["description"] = o.Description
	}
	if o.Website != "" {
		d["sameAs"] = o.Website
	}
	if o.Email != "" {
		d["email"] = o.Email
	}
	if o.Phone != "" {
		d["telephone"] = o.Phone
	}
	if o.HasAddress() {
		d["address"] = postalAddress(o.Street, o.Postcode, o.City)
	}
	if len(o.Languages) > 0 {
		d["knowsLanguage"] = o.Languages
	}
	if len(locs) > 0 {
		places := make([]any, len(locs))
		for i, l := range locs {
			places[i] = m.placeJSONLD(l)
		}
		d["location"] = places
	}
	return d
}

// serviceJSONLD describes a service with its provider and places.
func (m *Module) serviceJSONLD(s *Service, o *organization.Organization, lang string) map[string]any {
	d := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Service",
		"@id":                 m.s.BaseURL + "/services/" + s.ID,
		"url":                 m.s.BaseURL + "/services/" + s.ID,
		"name":                s.Name,
		"inLanguage":          s.Lang,
		"serviceType":         taxonomy.Default().Name(s.Category, lang),
		"availableLanguage":   s.Languages,
		"isAccessibleForFree": s.Cost == Free,
		"dateModified":        s.UpdatedAt.Format("2006-01-02T15:04:05Z"),
		"provider": map[string]any{
			"@type": "Organization",
			"@id":   m.s.BaseURL + "/organizations/" + o.ID,
			"name":  o.Name,
		},
	}
	if s.Description != "" {
		d["description"] = s.Description
	}
	if s.Eligibility != "" {
		d["eligibleCustomerType"] = s.Eligibility
	}
	var channels, areas []any
	seen := map[string]bool{}
	for _, p := range s.Places {
		channels = append(channels, map[string]any{"@type": "ServiceChannel", "serviceLocation": m.placeJSONLD(p.Location)})
		if !seen[p.AGS] {
			seen[p.AGS] = true
			areas = append(areas, map[string]any{"@type": "AdministrativeArea", "name": p.Municipality, "identifier": p.AGS})
		}
	}
	if len(channels) > 0 {
		d["availableChannel"] = channels
		d["areaServed"] = areas
	}
	return d
}

// placeJSONLD describes a location with its opening hours.
func (m *Module) placeJSONLD(l *Location) map[string]any {
	d := map[string]any{
		"@type":   "Place",
		"@id":     m.s.BaseURL + "/locations/" + l.ID,
		"name":    l.Title(),
		"address": postalAddress(l.Street, l.Postcode, l.City),
	}
	if l.HasPoint() {
		d["geo"] = map[string]any{"@type": "GeoCoordinates", "latitude": *l.Lat, "longitude": *l.Lon}
	}
	var hours []any
	for _, p := range l.Periods {
		hours = append(hours, map[string]any{
			"@type":     "OpeningHoursSpecification",
			"dayOfWeek": "https://schema.org/" + schemaDays[p.Weekday-1],
			"opens":     p.Opens.String(),
			"closes":    p.Closes.String(),
		})
	}
	for _, c := range l.Closures {
		h := map[string]any{"@type": "OpeningHoursSpecification", "validFrom": string(c.First), "validThrough": string(c.Last)}
		if c.Closed {
			h["opens"], h["closes"] = "00:00", "00:00"
		} else {
			h["opens"], h["closes"] = c.Opens.String(), c.Closes.String()
		}
		hours = append(hours, h)
	}
	if len(hours) > 0 {
		d["openingHoursSpecification"] = hours
	}
	if l.Wheelchair != "" {
		d["amenityFeature"] = map[string]any{"@type": "LocationFeatureSpecification", "name": "wheelchair accessible",
			"value": l.Wheelchair == "yes"}
	}
	return d
}

var schemaDays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

func postalAddress(street, postcode, city string) map[string]any {
	a := map[string]any{"@type": "PostalAddress", "addressCountry": "DE"}
	if s := strings.TrimSpace(street); s != "" {
		a["streetAddress"] = s
	}
	if postcode != "" {
		a["postalCode"] = postcode
	}
	if city != "" {
		a["addressLocality"] = city
	}
	return a
}
