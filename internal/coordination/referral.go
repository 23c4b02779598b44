package coordination

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

// What came of a referral: open until the service's organisation says.
const (
	OutcomeOpen        = "open"
	OutcomeTakenUp     = "taken_up"
	OutcomeNotPossible = "not_possible"
)

// maxPlaces is how many places that can help a request shows.
const maxPlaces = 5

// Referral is a coordinator's pointing of a request to a directory service.
type Referral struct {
	ID             string
	ListingID      string
	ServiceID      string
	OrganizationID string // the service's, when referred
	CoordinatorID  string // "" once their account is gone
	CreatedAt      time.Time
	Outcome        string
	OutcomeAt      *time.Time
}

// Place is a service that can help with a request, with its distance in
// km from the request's place when both are known (nil otherwise).
type Place struct {
	Service *directory.Service
	Km      *float64
}

// referredNotice tells a service's organisation that a request was
// referred to it.
var referredNotice = notify.Kind{Name: "coordination/referred", Subject: "coordination.mail.referred.subject",
	Greeting: "coordination.mail.greeting", Body: []string{"coordination.mail.referred.body"},
	Action: "coordination.mail.referred.action", Footer: "coordination.mail.footer"}

// NotifyKinds are the notices the coordination sends.
func (m *Module) NotifyKinds() []notify.Kind { return []notify.Kind{referredNotice} }

// mayAskForPlaces: who asked, and staff.
func mayAskForPlaces(l *board.Listing, viewer *auth.Identity) bool {
	return viewer.Staff() || (viewer != nil && viewer.UserID == l.PosterID)
}

// PlacesFor lists the directory's services in the request's category,
// its parent or its children, nearest first where both places are known, at most five;
// for who asked and for staff (nothing for others or for offers).
func (m *Module) PlacesFor(ctx context.Context, viewer *auth.Identity, l *board.Listing) ([]Place, error) {
	if l.Kind != board.Request || !mayAskForPlaces(l, viewer) {
		return nil, nil
	}
	services, err := m.directory.ServicesInCategories(ctx, relatedCategories(l.Category))
	if err != nil {
		return nil, err
	}
	places := make([]Place, 0, len(services))
	for _, s := range services {
		places = append(places, Place{Service: s, Km: distance(l, s)})
	}
	// Known distances first, nearest first; the others keep their order by name.
	slices.SortStableFunc(places, func(a, b Place) int {
		switch {
		case a.Km == nil && b.Km == nil:
			return 0
		case a.Km == nil:
			return 1
		case b.Km == nil:
			return -1
		}
		return cmp.Compare(*a.Km, *b.Km)
	})
	return places[:min(len(places), maxPlaces)], nil
}

// relatedCategories are the category, its parent and its children: a
// request for a German course is helped by language services in general.
func relatedCategories(id string) []string {
	tax := taxonomy.Default()
	out := []string{id}
	if c, ok := tax.Get(id); ok && c.Parent != "" {
		out = append(out, c.Parent)
	}
	for _, c := range tax.Children(id) {
		out = append(out, c.ID)
	}
	return out
}

// distance is the km from the request to the service's nearest location.
func distance(l *board.Listing, s *directory.Service) *float64 {
	if l.Lat == nil || l.Lon == nil {
		return nil
	}
	var best *float64
	for _, p := range s.Places {
		if p.Location == nil || p.Lat == nil || p.Lon == nil {
			continue
		}
		d := geo.DistanceKm(*l.Lat, *l.Lon, *p.Lat, *p.Lon)
		if best == nil || d < *best {
			best = &d
		}
	}
	return best
}

// Refer points a request to a directory service (staff only) and tells
// the service's organisation's owners and editors. Audit-logged.
func (m *Module) Refer(ctx context.Context, actor *auth.Identity, listingID, serviceID string) (*Referral, error) {
	if !actor.Staff() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	l, err := m.listings.Get(ctx, actor, listingID)
	if err != nil {
		return nil, err
	}
	if l.Kind != board.Request {
		return nil, apperr.New(apperr.NotFound, "")
	}
	if err := m.mayRefer(ctx, actor, l); err != nil {
		return nil, err
	}
	svc, err := m.directory.Service(ctx, serviceID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.Field("service_id", "coordination.referral.no_service")
	}
	if err != nil {
		return nil, err
	}
	return m.refer(ctx, actor, l, svc)
}

// refer records the referral and tells the service's organisation.
func (m *Module) refer(ctx context.Context, actor *auth.Identity, l *board.Listing, svc *directory.Service) (*Referral, error) {
	to, err := m.orgs.Editors(ctx, svc.OrganizationID)
	if err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	ref := &Referral{ID: ids.New(), ListingID: l.ID, ServiceID: svc.ID, OrganizationID: svc.OrganizationID,
		CoordinatorID: actor.UserID, CreatedAt: now, Outcome: OutcomeOpen}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO coordination_referrals
			(id, listing_id, service_id, organization_id, coordinator_id, created_at, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			ref.ID, ref.ListingID, ref.ServiceID, ref.OrganizationID, ref.CoordinatorID, now, ref.Outcome); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coordination.referral",
			ObjectType: "listing", ObjectID: l.ID, Details: map[string]any{"service_id": svc.ID}}); err != nil {
			return err
		}
		return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: referredNotice, Item: notify.Item{Type: "referral", ID: ref.ID},
			Link: "/referrals/" + ref.ID, To: to, Params: []any{"Title", l.Title, "Service", svc.Name}}, now)
	})
	if err != nil {
		return nil, db.Err(err)
	}
	return ref, nil
}

// mayRefer: administrators, and coordinators for requests in their
// regions (all of them when they have none).
func (m *Module) mayRefer(ctx context.Context, actor *auth.Identity, l *board.Listing) error {
	if !actor.Staff() {
		return apperr.New(apperr.Forbidden, "")
	}
	if actor.IsAdmin() {
		return nil
	}
	scopes, err := m.ScopesOf(ctx, actor.UserID)
	if err != nil || len(scopes) == 0 {
		return err
	}
	for _, region := range scopes {
		postcodes, err := m.places.PostcodesIn(ctx, region)
		if err != nil {
			return err
		}
		if l.Postcode != "" && slices.Contains(postcodes, l.Postcode) {
			return nil
		}
	}
	return apperr.New(apperr.Forbidden, "coordination.region.outside")
}

const referralColumns = "id, listing_id, service_id, organization_id, coordinator_id, created_at, outcome, outcome_at"

func scanReferral(s db.Scanner) (*Referral, error) {
	var r Referral
	var coordinator sql.NullString
	var at sql.NullTime
	err := s.Scan(&r.ID, &r.ListingID, &r.ServiceID, &r.OrganizationID, &coordinator, &r.CreatedAt, &r.Outcome, &at)
	r.CoordinatorID, r.OutcomeAt = coordinator.String, db.TimePtr(at)
	return &r, err
}

// ReferralsOf lists a request's referrals, oldest first (staff only).
func (m *Module) ReferralsOf(ctx context.Context, actor *auth.Identity, listingID string) ([]*Referral, error) {
	if !actor.Staff() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	if _, err := m.listings.Get(ctx, actor, listingID); err != nil {
		return nil, err
	}
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+referralColumns+" FROM coordination_referrals WHERE listing_id = $1 ORDER BY created_at, id", listingID)
	return db.Collect(rows, err, scanReferral)
}

// mayAnswer: the owners and editors of the service's organisation.
func (m *Module) mayAnswer(ctx context.Context, actor *auth.Identity, r *Referral) bool {
	return actor != nil && m.orgs.CanEdit(ctx, r.OrganizationID, actor.UserID)
}

// GetReferral is one referral, for staff and for the service's
// organisation's owners and editors.
func (m *Module) GetReferral(ctx context.Context, actor *auth.Identity, id string) (*Referral, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	r, err := scanReferral(m.s.DB.QueryRowContext(ctx, "SELECT "+referralColumns+" FROM coordination_referrals WHERE id = $1", id))
	if err == sql.ErrNoRows {
		return nil, apperr.New(apperr.NotFound, "")
	}
	if err != nil {
		return nil, err
	}
	if !actor.Staff() && !m.mayAnswer(ctx, actor, r) {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	return r, nil
}

// SetOutcome records what came of a referral: taken up or not possible;
// the service's organisation's owners and editors only.
func (m *Module) SetOutcome(ctx context.Context, actor *auth.Identity, id, outcome string) (*Referral, error) {
	r, err := m.GetReferral(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !m.mayAnswer(ctx, actor, r) {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	if outcome != OutcomeTakenUp && outcome != OutcomeNotPossible {
		return nil, apperr.New(apperr.Invalid, "coordination.referral.outcome_invalid")
	}
	now := m.s.Clock.Now()
	if _, err := m.s.DB.ExecContext(ctx, "UPDATE coordination_referrals SET outcome = $1, outcome_at = $2 WHERE id = $3",
		outcome, now, r.ID); err != nil {
		return nil, db.Err(err)
	}
	r.Outcome, r.OutcomeAt = outcome, &now
	return r, nil
}
