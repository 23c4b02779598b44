package event

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/web"
)

// dateRoutes: the organisers' page of one date, to cancel or move it.
func (m *Module) dateRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /events/{id}/dates/{date}", m.datePage)
	mux.HandleFunc("POST /events/{id}/dates/{date}", m.saveDate)
	m.checkinRoutes(mux)
	m.messageRoutes(mux)
}

// dateLink is the event page with the date chosen ("" for none).
func dateLink(eventID, day string) string {
	if day == "" {
		return "/events/" + eventID
	}
	return "/events/" + eventID + "?date=" + day
}

// chosenDate is the date the event page shows: the one named by day, or
// the next that takes place (the next at all, the last when all passed).
func (m *Module) chosenDate(ctx context.Context, e *Event, upcoming []DateInfo, day string) (*Event, error) {
	if day != "" {
		return m.GetDate(ctx, e.ID, day)
	}
	for _, d := range upcoming {
		if d.Status != Cancelled {
			return d.Event, nil
		}
	}
	if len(upcoming) > 0 {
		return upcoming[0].Event, nil
	}
	dates, _, err := m.datesOf(ctx, m.s.DB, e)
	if err != nil {
		return nil, err
	}
	if len(dates) == 0 {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return dates[len(dates)-1], nil
}

// datePageData is what the page of one date shows.
type datePageData struct {
	Event    *Event // the date
	Day      time.Time
	Statuses []Status
}

// manageableDate loads the date of the request for its organisers.
func (m *Module) manageableDate(r *http.Request) (*auth.Identity, *Event, error) {
	id, e, err := m.editable(r)
	if err != nil {
		return nil, nil, err
	}
	d, err := m.GetDate(r.Context(), e.ID, r.PathValue("date"))
	return id, d, err
}

func (m *Module) renderDate(w http.ResponseWriter, r *http.Request, status int, d *Event, form *web.Form) {
	day, _ := parseDayKey(d.Date)
	m.s.Render.Page(w, r, status, "event/date", &datePageData{Event: d, Day: day,
		Statuses: []Status{Scheduled, Cancelled, Moved}}, form)
}

func (m *Module) datePage(w http.ResponseWriter, r *http.Request) {
	_, d, err := m.manageableDate(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.EmptyForm(map[string]string{"status": string(d.Status),
		"start_date": clock.DayOf(d.Start).Format(time.DateOnly), "end_date": clock.DayOf(d.End).Format(time.DateOnly)})
	if !d.AllDay {
		form.Values.Set("start_time", clock.Local(d.Start).Format("15:04"))
		form.Values.Set("end_time", clock.Local(d.End).Format("15:04"))
	}
	m.renderDate(w, r, http.StatusOK, d, form)
}

func (m *Module) saveDate(w http.ResponseWriter, r *http.Request) {
	id, d, err := m.manageableDate(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	u := DateUpdate{Status: Status(form.Get("status"))}
	if u.Status == Moved {
		bad := apperr.Fields{}
		startDay, _ := parseDay(form.Get("start_date"))
		u.Start = momentFrom(form, bad, "start", d.AllDay, nil)
		u.End = momentFrom(form, bad, "end", d.AllDay, startDay)
		if d.AllDay && !u.Start.IsZero() && !u.End.IsZero() {
			u.Start, u.End = clock.StartOfDay(u.Start), clock.EndOfDay(u.End)
		}
		if err := bad.Err(); err != nil {
			m.renderDate(w, r, form.Fail(err), d, form)
			return
		}
	}
	if _, err := m.UpdateDate(r.Context(), id, d.ID, d.Date, u); err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderDate(w, r, form.Fail(err), d, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, dateLink(d.ID, d.Date), "event.date.saved")
}

var tourDateLink = regexp.MustCompile(`/events/([0-9a-f-]{36})\?date=([0-9-]{10})`)

// dateTourPages: the weekly language café on one of its dates, as a
// visitor and its organisers see it, and the organisers' page of a date,
// posted wrong.
func (m *Module) dateTourPages(tour app.Tour) ([]app.TourPage, error) {
	_, body := tour.Get("", "/events?kind=language_cafe")
	link := tourDateLink.FindStringSubmatch(strings.ReplaceAll(body, "&amp;", "&"))
	if link == nil {
		return nil, fmt.Errorf("no date of the weekly language café in the events list")
	}
	page := "/events/" + link[1] + "/dates/" + link[2]
	_, body = tour.Get("", "/events?kind=info_event&lang=en")
	info := tourEventLink.FindString(body)
	if info == "" {
		return nil, fmt.Errorf("no info evening of the volunteer centre in the events list")
	}
	return []app.TourPage{
		app.TourGet("agency", info+"/checkin", 200),
		app.TourPost("agency", info+"/checkin", url.Values{"code": {"??"}}, 422),
		app.TourGet("agency", info+"/message", 200),
		app.TourPost("agency", info+"/message", url.Values{"text": {""}}, 422),
		app.TourGet("", link[0], 200),
		app.TourGet("mso_ar", link[0], 200),
		app.TourGet("mso_ar", page, 200),
		app.TourPost("mso_ar", page, url.Values{"status": {"moved"}, "start_date": {"31.02.2026"}, "start_time": {"25:00"}}, 422),
	}, nil
}
