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
	if o.Email != "" || o.Phone != "" {
		// The contact point says in which languages one is answered.
		c := map[string]any{"@type": "ContactPoint", "contactType": "general"}
		if o.Email != "" {
			c["email"] = o.Email
		}
		if o.Phone != "" {
			c["telephone"] = o.Phone
		}
		if len(o.Languages) > 0 {
			c["availableLanguage"] = o.Languages
		}
		d["contactPoint"] = c
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
	// Only properties of Service and its parents: the languages it is
	// offered in belong to its channels, that it is free to an offer, who
	// it is for to its audience.
	d := map[string]any{
		"@context":    "https://schema.org",
		"@type":       "Service",
		"@id":         m.s.BaseURL + "/services/" + s.ID,
		"url":         m.s.BaseURL + "/services/" + s.ID,
		"name":        s.Name,
		"serviceType": taxonomy.Default().Name(s.Category, lang),
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
		d["audience"] = map[string]any{"@type": "Audience", "audienceType": s.Eligibility}
	}
	if s.Cost == Free {
		d["offers"] = map[string]any{"@type": "Offer", "price": 0, "priceCurrency": "EUR"}
	}
	var channels, areas []any
	seen := map[string]bool{}
	for _, p := range s.Places {
		channels = append(channels, m.channelJSONLD(s, m.placeJSONLD(p.Location)))
		if !seen[p.AGS] {
			seen[p.AGS] = true
			areas = append(areas, map[string]any{"@type": "AdministrativeArea", "name": p.Municipality, "identifier": p.AGS})
		}
	}
	if len(channels) == 0 && len(s.Languages) > 0 {
		channels = append(channels, m.channelJSONLD(s, nil))
	}
	if len(channels) > 0 {
		d["availableChannel"] = channels
	}
	if len(areas) > 0 {
		d["areaServed"] = areas
	}
	return d
}

// channelJSONLD describes one way to a service: a place (or none), in the
// languages the service is offered in.
func (m *Module) channelJSONLD(s *Service, place map[string]any) map[string]any {
	c := map[string]any{"@type": "ServiceChannel"}
	if place != nil {
		c["serviceLocation"] = place
	}
	if len(s.Languages) > 0 {
		c["availableLanguage"] = s.Languages
	}
	return c
}

// locationPageJSONLD describes a location on its own page: the place, in
// its municipality, under the @id its organisation's data points to.
func (m *Module) locationPageJSONLD(l *Location) map[string]any {
	d := m.placeJSONLD(l)
	d["@context"] = "https://schema.org"
	d["url"] = m.s.BaseURL + "/locations/" + l.ID
	if l.AGS != "" {
		d["containedInPlace"] = map[string]any{"@type": "AdministrativeArea", "@id": m.s.BaseURL + "/municipalities/" + l.AGS,
			"name": l.Municipality, "identifier": l.AGS}
	}
	return d
}

// municipalityJSONLD describes a municipality: an administrative area with
// its official key, in its state.
func (m *Module) municipalityJSONLD(mu *Municipality) map[string]any {
	d := map[string]any{
		"@context":   "https://schema.org",
		"@type":      "AdministrativeArea",
		"@id":        m.s.BaseURL + "/municipalities/" + mu.AGS,
		"url":        m.s.BaseURL + "/municipalities/" + mu.AGS,
		"name":       mu.Name,
		"identifier": map[string]any{"@type": "PropertyValue", "propertyID": "AGS", "value": mu.AGS},
	}
	if state := mu.StateName(); state != "" {
		d["containedInPlace"] = map[string]any{"@type": "AdministrativeArea", "name": state}
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
