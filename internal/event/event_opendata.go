package event

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/paging"
)

// Open data: every event, upcoming and past, cancelled ones with their
// status, as its page shows it to everybody: never the online link, and
// nothing of the people who created it or registered.

// OpenEvent is one event in the open data.
type OpenEvent struct {
	ID             string     `json:"id" format:"uuid"`
	ModifiedAt     time.Time  `json:"modified_at" doc:"When it last changed here."`
	URL            string     `json:"url" format:"uri"`
	CalendarURL    string     `json:"calendar_url" format:"uri" doc:"Its iCalendar file, with every date of a series, cancelled and moved ones included."`
	OrganizationID string     `json:"organization_id" format:"uuid"`
	Organization   string     `json:"organization" doc:"The organisation's name."`
	Title          string     `json:"title"`
	Description    string     `json:"description"`
	Kind           string     `json:"kind" enum:"info_event,language_cafe,course,meeting,volunteer_day,barcamp,other"`
	Category       string     `json:"category,omitempty" doc:"A category id of the taxonomy."`
	Status         string     `json:"status" enum:"scheduled,cancelled,moved"`
	Start          time.Time  `json:"start" doc:"The first date's, in UTC."`
	End            time.Time  `json:"end" doc:"The first date's, in UTC."`
	AllDay         bool       `json:"all_day"`
	Repeat         string     `json:"repeat,omitempty" enum:"weekly,monthly" doc:"Absent for a one-off event."`
	RepeatUntil    *time.Time `json:"repeat_until,omitempty" doc:"The series' last day (its midnight in UTC)."`
	RepeatCount    int        `json:"repeat_count,omitempty"`
	PlaceKind      string     `json:"place_kind" enum:"address,online"`
	Street         string     `json:"street,omitempty"`
	Postcode       string     `json:"postcode,omitempty"`
	Place          string     `json:"place,omitempty"`
	Lat            *float64   `json:"lat,omitempty" doc:"Centre of the postcode area or place."`
	Lon            *float64   `json:"lon,omitempty"`
	ContentLang    string     `json:"content_lang"`
	Languages      []string   `json:"languages"`
	Accessibility  string     `json:"accessibility,omitempty"`
	Free           bool       `json:"free"`
	Cost           string     `json:"cost,omitempty"`
	Registration   bool       `json:"registration" doc:"Whether people register before they come."`
	CreatedAt      time.Time  `json:"created_at"`
}

// openColumns is the CSV header of the open data of events.
var openColumns = []string{"id", "modified_at", "url", "calendar_url", "organization_id", "organization", "title",
	"description", "kind", "category", "status", "start", "end", "all_day", "repeat", "repeat_until", "repeat_count",
	"place_kind", "street", "postcode", "place", "lat", "lon", "content_lang", "languages", "accessibility", "free",
	"cost", "registration", "created_at"}

// openOrder names the order of the open data (updated_at, id) for cursors.
const openOrder = "event.opendata"

// OpenDataSets: the events as open data (/api/v1/opendata/events).
func (m *Module) OpenDataSets() []app.OpenDataSet {
	return []app.OpenDataSet{{
		Name: "events", Summary: "Events as open data",
		Description: "Every event of the organisations, upcoming and past, cancelled ones with their status; never the online link or anything of participants.",
		Item:        reflect.TypeFor[OpenEvent](), Columns: openColumns, Page: m.openPage,
	}}
}

// openPage returns the events changed after since or the cursor's event.
func (m *Module) openPage(ctx context.Context, since time.Time, cursor string, limit int) (app.OpenDataPage, error) {
	afterAt, afterID := since.UTC(), ""
	if cursor != "" {
		r := paging.Read(openOrder, cursor)
		afterAt, afterID = r.Time(), r.ID()
		if err := r.Err(); err != nil {
			return app.OpenDataPage{}, err
		}
	}
	var w db.Where
	if afterID == "" {
		w.Add("e.updated_at > ?", afterAt)
	} else {
		w.Add("(e.updated_at > ? OR (e.updated_at = ? AND e.id > ?))", afterAt, afterAt, afterID)
	}
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+eventColumns+" FROM events e"+w.SQL()+
		" ORDER BY e.updated_at, e.id LIMIT "+w.Arg(limit+1), w.Args()...)
	events, err := db.Collect(rows, err, scanEvent)
	if err == nil {
		err = withLanguages(ctx, m.s.DB, events)
	}
	if err != nil {
		return app.OpenDataPage{}, err
	}
	page := app.OpenDataPage{Items: []any{}}
	if len(events) > limit {
		events = events[:limit]
		last := events[limit-1]
		page.Next = paging.New(openOrder).Time(last.UpdatedAt).ID(last.ID).String()
	}
	names := map[string]string{}
	for _, e := range events {
		if _, ok := names[e.OrganizationID]; !ok {
			o, err := m.orgs.Get(ctx, e.OrganizationID)
			if err != nil {
				return app.OpenDataPage{}, err
			}
			names[e.OrganizationID] = o.Name
		}
		o := m.openEvent(e, names[e.OrganizationID])
		page.Items = append(page.Items, o)
		page.Rows = append(page.Rows, o.row())
	}
	return page, nil
}

func (m *Module) openEvent(e *Event, orgName string) OpenEvent {
	return OpenEvent{
		ID: e.ID, ModifiedAt: e.UpdatedAt, URL: m.s.BaseURL + "/events/" + e.ID,
		CalendarURL: m.s.BaseURL + "/events/" + e.ID + ".ics", OrganizationID: e.OrganizationID, Organization: orgName,
		Title: e.Title, Description: e.Description, Kind: string(e.Kind), Category: e.Category, Status: string(e.Status),
		Start: e.Start, End: e.End, AllDay: e.AllDay, Repeat: string(e.Repeat.Freq), RepeatUntil: e.Repeat.Until,
		RepeatCount: e.Repeat.Count, PlaceKind: string(e.PlaceKind), Street: e.Street, Postcode: e.Postcode,
		Place: e.Place, Lat: e.Lat, Lon: e.Lon, ContentLang: e.ContentLang, Languages: append([]string{}, e.Languages...),
		Accessibility: e.Accessibility, Free: e.Free(), Cost: e.Cost, Registration: e.Registration, CreatedAt: e.CreatedAt,
	}
}

// row is the event as a CSV row of openColumns.
func (o OpenEvent) row() []string {
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	until := ""
	if o.RepeatUntil != nil {
		until = o.RepeatUntil.Format(time.DateOnly)
	}
	count := ""
	if o.RepeatCount > 0 {
		count = strconv.Itoa(o.RepeatCount)
	}
	return []string{o.ID, o.ModifiedAt.Format(time.RFC3339Nano), o.URL, o.CalendarURL, o.OrganizationID,
		o.Organization, o.Title, o.Description, o.Kind, o.Category, o.Status, o.Start.Format(time.RFC3339),
		o.End.Format(time.RFC3339), strconv.FormatBool(o.AllDay), o.Repeat, until, count, o.PlaceKind, o.Street,
		o.Postcode, o.Place, num(o.Lat), num(o.Lon), o.ContentLang, strings.Join(o.Languages, " "), o.Accessibility,
		strconv.FormatBool(o.Free), o.Cost, strconv.FormatBool(o.Registration), o.CreatedAt.Format(time.RFC3339)}
}
