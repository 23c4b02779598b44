package pledge

import (
	"time"

	"teilhabe.org/teilhabe/internal/taxonomy"
)

// jsonLD describes a public pledge in schema.org terms for its page: a
// creative work (schema.org has no type for a promise on a condition) in
// its language, about its category, in its place, until its deadline;
// nil for a pledge not everybody may see.
func (m *Module) jsonLD(p *Pledge) map[string]any {
	if !p.Public() {
		return nil
	}
	url := m.s.BaseURL + "/pledges/" + p.ID
	d := map[string]any{
		"@context":    "https://schema.org",
		"@type":       "CreativeWork",
		"@id":         url,
		"url":         url,
		"name":        p.Title(),
		"inLanguage":  p.Lang,
		"dateCreated": p.CreatedAt.UTC().Format(time.RFC3339),
		"expires":     p.Deadline.UTC().Format(time.RFC3339),
	}
	if p.Description != "" {
		d["description"] = p.Description
	}
	if name := taxonomy.Default().Name(p.Category, p.Lang); name != "" {
		d["keywords"] = name
	}
	if p.Postcode != "" || p.Place != "" {
		address := map[string]any{"@type": "PostalAddress", "addressCountry": "DE"}
		if p.Postcode != "" {
			address["postalCode"] = p.Postcode
		}
		if p.Place != "" {
			address["addressLocality"] = p.Place
		}
		d["contentLocation"] = map[string]any{"@type": "Place", "address": address}
	}
	if p.OrgID != "" {
		d["sourceOrganization"] = map[string]any{"@type": "Organization", "@id": m.s.BaseURL + "/organizations/" + p.OrgID}
	}
	return d
}
