package event

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// maxNearLen bounds the postcode or place a list is filtered around.
const maxNearLen = 200

// dayLayouts are the ways a day may be typed: ISO as date inputs send it,
// and the German way where the browser has no date picker.
var dayLayouts = []string{time.DateOnly, "02.01.2006", "2.1.2006"}

// parseDay reads a day as a date value (clock.Date); ok is false for text
// that is no day.
func parseDay(s string) (day *time.Time, ok bool) {
	if s == "" {
		return nil, true
	}
	for _, layout := range dayLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return &t, true
		}
	}
	return nil, false
}

// ParseFilter reads the filter of the list, the month view, the calendar
// feed and the API from query parameters: kind, category, from, to (days),
// lang, near (a postcode or place) with radius_km, municipality (a
// municipality's key) and organization_id. Values that are no kind, category, day, language,
// radius or key are field errors; near is resolved by the list itself
// (Module.List, Page), where an unknown place is the field error of near.
func ParseFilter(q url.Values) (Filter, error) {
	f := Filter{Kind: Kind(q.Get("kind")), Lang: text.CanonicalLanguage(q.Get("lang")),
		Category: strings.TrimSpace(q.Get("category")), Near: strings.TrimSpace(q.Get("near")),
		Municipality: strings.TrimSpace(q.Get("municipality")), OrganizationID: strings.TrimSpace(q.Get("organization_id"))}
	bad := apperr.Fields{}
	if f.Kind != "" && !validKind(f.Kind) {
		bad.Add("kind", "form.invalid_choice")
	}
	if f.Category != "" && !taxonomy.Default().Valid(f.Category) {
		bad.Add("category", "form.invalid_choice")
	}
	if utf8.RuneCountInString(f.Near) > maxNearLen {
		bad.Add("near", "form.too_long")
	}
	if r := strings.TrimSpace(q.Get("radius_km")); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil || n <= 0 || n > geo.MaxRadiusKm {
			bad.Add("radius_km", "event.filter.radius_invalid")
		}
		f.RadiusKm = n
	}
	if f.Municipality != "" && !validMunicipality(f.Municipality) {
		bad.Add("municipality", "form.invalid_choice")
	}
	if f.OrganizationID != "" && !ids.Valid(f.OrganizationID) {
		bad.Add("organization_id", "form.invalid_choice")
	}
	if q.Get("lang") != "" && !text.ValidLanguage(f.Lang) {
		bad.Add("lang", "form.invalid_choice")
	}
	var ok bool
	if f.From, ok = parseDay(q.Get("from")); !ok {
		bad.Add("from", "event.field.date_invalid")
	}
	if f.To, ok = parseDay(q.Get("to")); !ok {
		bad.Add("to", "event.field.date_invalid")
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		bad.Add("to", "event.field.end_before_start")
	}
	return f, bad.Err()
}

// Values encodes the filter as query parameters.
func (f Filter) Values() url.Values {
	v := url.Values{}
	if f.Kind != "" {
		v.Set("kind", string(f.Kind))
	}
	if f.Category != "" {
		v.Set("category", f.Category)
	}
	if f.Lang != "" {
		v.Set("lang", f.Lang)
	}
	if f.Near != "" {
		v.Set("near", f.Near)
		if f.RadiusKm != 0 && f.RadiusKm != geo.DefaultRadiusKm {
			v.Set("radius_km", strconv.Itoa(f.RadiusKm))
		}
	}
	if f.Municipality != "" {
		v.Set("municipality", f.Municipality)
	}
	if f.OrganizationID != "" {
		v.Set("organization_id", f.OrganizationID)
	}
	if f.From != nil {
		v.Set("from", f.From.Format(time.DateOnly))
	}
	if f.To != nil {
		v.Set("to", f.To.Format(time.DateOnly))
	}
	return v
}

// query is "?" and the filter's parameters, or "" without any.
func (f Filter) query() string {
	if s := f.Values().Encode(); s != "" {
		return "?" + s
	}
	return ""
}

// validMunicipality reports whether s has the form of a municipality's key
// (Amtlicher Gemeindeschlüssel): eight digits.
func validMunicipality(s string) bool {
	if len(s) != 8 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// around is where a filter by place looks: within km of the place near
// was resolved to, or, where no postcodes are imported, at the postcode or
// the place typed (text.Key), as the board does.
type around struct {
	place    *geo.Place
	km       float64
	postcode string
	placeKey string
}

// keeps reports whether an event lies in the area; online events lie
// nowhere.
func (a *around) keeps(e *Event) bool {
	switch {
	case a == nil:
		return true
	case e.PlaceKind == Online:
		return false
	case a.place != nil:
		return a.place.Within(e.Lat, e.Lon, a.km)
	case a.postcode != "":
		return e.Postcode == a.postcode
	}
	return a.placeKey != "" && text.Key(e.Place) == a.placeKey
}

// locate resolves the filter's near through the gazetteer, once: a place it
// does not know is the field error "geo.unknown" of near.
func (m *Module) locate(ctx context.Context, f *Filter) error {
	if f.Near == "" || f.area != nil {
		return nil
	}
	km := f.RadiusKm
	if km <= 0 {
		km = geo.DefaultRadiusKm
	}
	a := &around{km: float64(km)}
	var err error
	if m.places != nil {
		a.place, err = m.places.Resolve(ctx, f.Near)
	} else {
		err = apperr.New(apperr.Unavailable, "geo.not_imported")
	}
	switch {
	case err == nil:
	case apperr.Is(err, apperr.NotFound), apperr.Is(err, apperr.Invalid):
		return apperr.Field("near", "geo.unknown")
	case apperr.Is(err, apperr.Unavailable):
		if check.ValidPostcode(f.Near) {
			a.postcode = f.Near
		} else {
			a.placeKey = text.Key(f.Near)
		}
	default:
		return err
	}
	f.area = a
	return nil
}

// filterFrom reads the filter of a page or the feed and resolves its
// place, so a page names every mistake at once.
func (m *Module) filterFrom(ctx context.Context, q url.Values) (Filter, error) {
	f, err := ParseFilter(q)
	bad := apperr.Fields{}
	if err != nil {
		ae := apperr.As(err)
		if ae.Code != apperr.Invalid {
			return f, err
		}
		bad = ae.Fields
	}
	if bad["near"] == "" && bad["radius_km"] == "" {
		if err := m.locate(ctx, &f); err != nil {
			ae := apperr.As(err)
			if ae.Code != apperr.Invalid {
				return f, err
			}
			for k, v := range ae.Fields {
				bad.Add(k, v)
			}
		}
	}
	return f, bad.Err()
}
