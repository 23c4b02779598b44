package searchdoc

import (
	"encoding/json"
	"time"
)

// Org is the organisation behind a document, as its structured data names
// it: its name and the address of its page.
type Org struct{ Name, URL string }

// StructuredData returns schema.org JSON-LD for a document's own page, to
// put into <script type="application/ld+json">: a JobPosting with
// employmentType VOLUNTEER for an opportunity (hiring organisation org),
// an Organization for an organisation, an Event for an event; nil for
// other types and for documents not public. baseURL is the site's address
// without a trailing slash.
func StructuredData(d Doc, baseURL string, org Org) ([]byte, error) {
	if d.Visibility != Public {
		return nil, nil
	}
	place := map[string]any{"@type": "PostalAddress", "addressCountry": "DE"}
	if d.Postcode != "" {
		place["postalCode"] = d.Postcode
	}
	if d.Place != "" {
		place["addressLocality"] = d.Place
	}
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	var v map[string]any
	switch d.Type {
	case Opportunity:
		v = map[string]any{
			"@type": "JobPosting", "title": d.Title, "description": d.Body, "employmentType": "VOLUNTEER",
			"datePosted": d.CreatedAt.UTC().Format(time.DateOnly), "url": baseURL + d.URL,
			"identifier":  map[string]any{"@type": "PropertyValue", "propertyID": "teilhabe", "value": d.ID},
			"directApply": true, // people answer on the page itself
			"jobLocation": map[string]any{"@type": "Place", "address": place},
		}
		hirer := map[string]any{"@type": "Organization", "name": org.Name}
		if org.URL != "" {
			hirer["url"] = org.URL
		}
		v["hiringOrganization"] = hirer
		if d.ExpiresAt != nil {
			v["validThrough"] = day(d.ExpiresAt)
		}
		// A JobPosting has no inLanguage (schema.org gives it to creative
		// works and events); the page's lang attribute says it.
	case Organization:
		v = map[string]any{"@type": "Organization", "name": d.Title, "description": d.Body, "url": baseURL + d.URL,
			"address": place}
		if len(d.Langs) > 0 {
			v["knowsLanguage"] = d.Langs
		}
	case Event:
		v = map[string]any{"@type": "Event", "name": d.Title, "description": d.Body, "url": baseURL + d.URL,
			"location": map[string]any{"@type": "Place", "address": place}}
		if d.Start != nil {
			v["startDate"] = day(d.Start)
		}
		if d.End != nil {
			v["endDate"] = day(d.End)
		}
		if org.Name != "" {
			organizer := map[string]any{"@type": "Organization", "name": org.Name}
			if org.URL != "" {
				organizer["url"] = org.URL
			}
			v["organizer"] = organizer
		}
	default:
		return nil, nil
	}
	v["@context"] = "https://schema.org"
	return json.Marshal(v)
}
