package coop

import (
	"context"
	"net/url"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/feed"
)

// assemblyLength is how long an assembly is entered in calendars: the
// invitation names its start only.
const assemblyLength = 3 * time.Hour

// CalendarEntries are the assemblies of the cooperatives the person is a
// member of today that start in [from, to), for their personal calendar
// feed (app.CalendarSource): the invitation as a calendar entry.
func (m *Module) CalendarEntries(ctx context.Context, userID string, from, to time.Time) ([]feed.Event, error) {
	if !validID(userID) {
		return nil, nil
	}
	today := day(m.today())
	rows, err := m.s.DB.QueryContext(ctx, `SELECT `+assemblyColumnsA+` FROM coop_assemblies a
		JOIN coop_members m ON m.coop_id = a.coop_id AND m.user_id = $1
		WHERE a.starts_at < $3 AND a.starts_at >= $2 AND `+isMemberOn("m", "$4")+` ORDER BY a.starts_at, a.id`,
		userID, from.Add(-assemblyLength), to, today)
	as, err := db.Collect(rows, err, scanAssembly)
	if err != nil {
		return nil, err
	}
	host := "teilhabe"
	if u, err := url.Parse(m.s.BaseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	var out []feed.Event
	for _, a := range as {
		c, err := m.Get(ctx, a.CoopID)
		if err != nil {
			return nil, err
		}
		out = append(out, feed.Event{UID: a.ID + "@" + host, Stamp: a.ConvenedAt, Start: a.StartsAt, End: a.StartsAt.Add(assemblyLength),
			Summary: kindTitle[a.Kind] + " – " + c.Name, Description: a.Invitation, Location: a.Place, Lang: "de",
			URL: m.s.BaseURL + "/assemblies/" + a.ID, Status: feed.Confirmed})
	}
	return out, nil
}

var kindTitle = map[string]string{"founding": "Gründungsversammlung", "ordinary": "Ordentliche Generalversammlung",
	"extraordinary": "Außerordentliche Generalversammlung"}
