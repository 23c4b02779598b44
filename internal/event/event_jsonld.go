package event

import (
	"encoding/json"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/organization"
)

// schemaStatus is schema.org's name of each status.
var schemaStatus = map[Status]string{
	Scheduled: "https://schema.org/EventScheduled",
	Cancelled: "https://schema.org/EventCancelled",
	Moved:     "https://schema.org/EventRescheduled",
}

// structuredData describes the event in schema.org JSON-LD for its page's
// head: times in Europe/Berlin with their offset (days for an all-day
// event), the address or, online, a VirtualLocation that names the
// event's page and never the private link. html/template writes the JSON
// with <, > and & escaped, so no text can end the script block.
func (m *Module) structuredData(e *Event, org *organization.Organization) (json.RawMessage, error) {
	url := m.s.BaseURL + "/events/" + e.ID
	v := map[string]any{
		"@context": "https://schema.org", "@type": "Event", "name": e.Title, "description": e.Description, "url": url,
		"startDate": schemaTime(e.Start, e.AllDay), "endDate": schemaTime(e.End, e.AllDay),
		"eventStatus": schemaStatus[e.Status], "inLanguage": e.ContentLang,
		"organizer":           map[string]any{"@type": "Organization", "name": org.Name, "url": m.s.BaseURL + "/organizations/" + org.ID},
		"isAccessibleForFree": e.Free(),
	}
	if e.PlaceKind == Online {
		v["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
		v["location"] = map[string]any{"@type": "VirtualLocation", "url": url}
	} else {
		v["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
		address := map[string]any{"@type": "PostalAddress", "addressCountry": "DE"}
		for key, val := range map[string]string{"streetAddress": e.Street, "postalCode": e.Postcode, "addressLocality": e.Place} {
			if val != "" {
				address[key] = val
			}
		}
		v["location"] = map[string]any{"@type": "Place", "name": e.Place, "address": address}
	}
	if e.Image != nil {
		v["image"] = m.s.BaseURL + e.Image.URL()
	}
	if !e.Free() {
		v["offers"] = map[string]any{"@type": "Offer", "description": e.Cost, "url": url, "priceCurrency": "EUR"}
	}
	return json.Marshal(v)
}

// schemaTime is an ISO 8601 time in Europe/Berlin with its offset, or the
// day of an all-day event.
func schemaTime(t time.Time, allDay bool) string {
	if allDay {
		return clock.DayOf(t).Format(time.DateOnly)
	}
	return clock.Local(t).Format(time.RFC3339)
}
