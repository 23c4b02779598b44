package board

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/secrets"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// listingKind is the kind of item listings are in the moderation queue.
const listingKind = "listing"

// postRule bounds how many listings one account posts a day.
var postRule = ratelimit.Rule{Name: "board.listing.post", Limit: 10, Window: 24 * time.Hour}

// Limits of the board.
const (
	maxPlaceLen    = 80
	maxQueryLen    = 100
	DefaultLimit   = 20
	MaxLimit       = 100
	maxMine        = 500
	day            = 24 * time.Hour
	orgPageLimit   = organization.MaxLimit
	maxVerifiedOrg = 5000
)

// apply checks d for the actor and copies it into l; before is the
// listing as it was (nil for a new one), so unchanged parts are not
// checked again (a date that has passed since, a place the gazetteer no
// longer knows). It returns the standing of the listing's organisation,
// read once for every check that needs it.
func (m *Module) apply(ctx context.Context, actor *auth.Identity, d *Draft, l, before *Listing) (organization.Standing, error) {
	var org organization.Standing
	d.normalize()
	f := apperr.Fields{}
	if err := d.Validate(); err != nil {
		e := apperr.As(err)
		if e.Code != apperr.Invalid {
			return org, err
		}
		for k, v := range e.Fields {
			f.Add(k, v)
		}
	}
	if utf8.RuneCountInString(d.Place) > maxPlaceLen {
		f.Add("place", "form.too_long")
	}
	today := dayOf(ptr(m.s.Clock.Now()))
	if d.When.From != nil && d.When.From.Before(*today) &&
		(before == nil || before.When.From == nil || !before.When.From.Equal(*d.When.From)) {
		f.Add("when_from", "board.field.date_past")
	}
	if d.OrganizationID != "" {
		var err error
		org, err = m.orgs.StandingOf(ctx, d.OrganizationID, actor.UserID)
		changed := before == nil || d.OrganizationID != before.OrganizationID
		switch {
		case apperr.Is(err, apperr.NotFound):
			f.Add("organization_id", "board.field.not_your_org")
		case err != nil:
			return org, err
		case changed && !org.CanEdit():
			f.Add("organization_id", "board.field.not_your_org")
		}
	}
	lat, lon := (*float64)(nil), (*float64)(nil)
	moved := before == nil || before.Postcode != d.Postcode || before.Place != d.Place
	if !moved {
		lat, lon = before.Lat, before.Lon
	} else if f["postcode"] == "" && f["place"] == "" && (d.Postcode != "" || d.Place != "") {
		var err error
		if lat, lon, err = m.places.Locate(ctx, f, d.Postcode, &d.Place); err != nil {
			return org, err
		}
	}
	if err := f.Err(); err != nil {
		return org, err
	}
	l.Kind, l.Category, l.Title, l.Description = d.Kind, d.Category, d.Title, d.Description
	l.ContentLang, l.Languages, l.Postcode, l.Place = d.ContentLang, d.Languages, d.Postcode, d.Place
	l.Lat, l.Lon, l.When, l.Quantity, l.Visibility = lat, lon, d.When, d.Quantity, d.Visibility
	l.OrganizationID, l.OrgKind, l.ShowName = d.OrganizationID, org.Kind, d.ShowName
	return org, nil
}

func ptr[T any](v T) *T { return &v }

// holdFirst reports whether the listing must wait for a coordinator: the
// setting is on, the text has a link, phone number or e-mail address, the
// person writing it has no listing public yet, and no coordinator has
// approved a held post of theirs (moderation.ShouldHold). Staff, and
// editors of verified organisations posting for them (org, as apply read
// it), are trusted.
func (m *Module) holdFirst(ctx context.Context, q db.Querier, actor *auth.Identity, l *Listing, org organization.Standing) (bool, error) {
	if !m.settings.HoldFirstListings || actor.Staff() {
		return false, nil
	}
	text := l.Title + "\n" + l.Description + "\n" + l.Place
	if !moderation.NeedsReview(text) {
		return false, nil
	}
	if l.OrganizationID != "" && org.Verified {
		return false, nil
	}
	n, err := publishedCount(ctx, q, actor.UserID, l.ID)
	if err != nil || n > 0 {
		return false, err
	}
	return m.moderation.ShouldHold(ctx, actor.UserID, text)
}

// Create publishes a listing of the actor (or of an organisation the
// actor edits). It is live at once unless it waits for review.
func (m *Module) Create(ctx context.Context, actor *auth.Identity, d Draft) (*Listing, error) {
	if actor == nil || !ids.Valid(actor.UserID) {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	l := &Listing{ID: ids.New(), PosterID: actor.UserID, Status: Open, CreatedAt: now, UpdatedAt: now}
	org, err := m.apply(ctx, actor, &d, l, nil)
	if err != nil {
		return nil, err
	}
	if err := m.s.Limiter.Allow(ctx, postRule, actor.UserID); err != nil {
		return nil, err
	}
	days := d.LifetimeDays
	if days == 0 {
		days = DefaultLifetimeDays
	}
	l.ExpiresAt = now.Add(time.Duration(days) * day)
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		hold, err := m.holdFirst(ctx, tx, actor, l, org)
		if err != nil {
			return err
		}
		l.Held = hold
		if err := insertListing(ctx, tx, l); err != nil {
			return err
		}
		created := map[string]FieldChange{"created": {To: string(Open)}}
		if hold {
			created["held"] = FieldChange{From: "false", To: "true"}
		}
		if err := insertChange(ctx, tx, l.ID, actor.UserID, now, created); err != nil {
			return err
		}
		if hold {
			if err := m.moderation.HoldForReview(ctx, tx, listingKind, l.ID, actor.UserID); err != nil {
				return err
			}
		}
		return m.indexListing(ctx, tx, l.ID)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Get returns a listing the viewer may see; NotFound for everything else,
// so nobody learns that a hidden or members-only listing exists.
func (m *Module) Get(ctx context.Context, viewer *auth.Identity, id string) (*Listing, error) {
	l, err := getListing(ctx, m.s.DB, strings.ToLower(id))
	if err != nil {
		return nil, err
	}
	if !m.canSee(ctx, l, viewer, m.s.Clock.Now()) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return l, nil
}

// CanManage reports whether the viewer may edit and close the listing.
func (m *Module) CanManage(ctx context.Context, l *Listing, viewer *auth.Identity) bool {
	return m.canManage(ctx, l, viewer)
}

// managed loads a listing within tx for a change by actor: NotFound for
// those who may not see it, Forbidden for those who see but may not
// manage it.
func (m *Module) managed(ctx context.Context, tx *sql.Tx, actor *auth.Identity, id string) (*Listing, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	id = strings.ToLower(id)
	if err := lockListing(ctx, tx, id); err != nil {
		return nil, err
	}
	l, err := getListing(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !m.canSee(ctx, l, actor, m.s.Clock.Now()) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	if !m.canManage(ctx, l, actor) {
		return nil, apperr.New(apperr.Forbidden, "board.listing.not_yours")
	}
	return l, nil
}

// Closed reports whether the listing was fulfilled or withdrawn: then it
// can be neither edited nor extended.
func (l *Listing) Closed() bool { return l.Status == Fulfilled || l.Status == Withdrawn }

// Update changes a listing with change, which gets the current values, in
// one transaction, and records what changed in its history. Its poster and
// the editors of its organisation may; a listing that is fulfilled or
// withdrawn cannot change any more.
func (m *Module) Update(ctx context.Context, actor *auth.Identity, id string, change func(Draft) Draft) (*Listing, error) {
	var l *Listing
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if l, err = m.managed(ctx, tx, actor, id); err != nil {
			return err
		}
		if l.Closed() {
			return apperr.New(apperr.Conflict, "board.listing.closed")
		}
		before := *l
		before.Languages = slices.Clone(l.Languages)
		d := change(draftOf(l))
		org, err := m.apply(ctx, actor, &d, l, &before)
		if err != nil {
			return err
		}
		changes := diffListings(&before, l)
		if len(changes) == 0 {
			return nil
		}
		textChanged := changes["title"] != (FieldChange{}) || changes["description"] != (FieldChange{}) ||
			changes["place"] != (FieldChange{})
		if !l.Held && !l.Hidden && textChanged {
			hold, err := m.holdFirst(ctx, tx, actor, l, org)
			if err != nil {
				return err
			}
			if hold {
				l.Held = true
				changes["held"] = FieldChange{From: "false", To: "true"}
				if err := m.moderation.HoldForReview(ctx, tx, listingKind, l.ID, l.PosterID); err != nil {
					return err
				}
			}
		}
		l.UpdatedAt = m.s.Clock.Now()
		if err := updateListing(ctx, tx, l); err != nil {
			return err
		}
		if err := insertChange(ctx, tx, l.ID, actor.UserID, l.UpdatedAt, changes); err != nil {
			return err
		}
		return m.indexListing(ctx, tx, l.ID)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// diffListings lists the fields a poster changed, as text.
func diffListings(a, b *Listing) map[string]FieldChange {
	out := map[string]FieldChange{}
	set := func(name, from, to string) {
		if from != to {
			out[name] = FieldChange{From: from, To: to}
		}
	}
	set("kind", string(a.Kind), string(b.Kind))
	set("category", a.Category, b.Category)
	set("title", a.Title, b.Title)
	set("description", a.Description, b.Description)
	set("content_lang", a.ContentLang, b.ContentLang)
	set("languages", strings.Join(a.Languages, ", "), strings.Join(b.Languages, ", "))
	set("postcode", a.Postcode, b.Postcode)
	set("place", a.Place, b.Place)
	set("when", whenText(a.When), whenText(b.When))
	set("quantity", intText(a.Quantity), intText(b.Quantity))
	set("visibility", string(a.Visibility), string(b.Visibility))
	set("organization_id", a.OrganizationID, b.OrganizationID)
	set("show_name", strconv.FormatBool(a.ShowName), strconv.FormatBool(b.ShowName))
	return out
}

func whenText(w When) string {
	s := string(whenKindOf(w))
	if w.From != nil {
		s += " " + w.From.Format(time.DateOnly)
	}
	if w.To != nil {
		s += " " + w.To.Format(time.DateOnly)
	}
	return s
}

func intText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// Fulfil marks the listing as fulfilled: what was offered found somebody,
// or what was asked for was given.
func (m *Module) Fulfil(ctx context.Context, actor *auth.Identity, id string) (*Listing, error) {
	return m.close(ctx, actor, id, Fulfilled)
}

// Withdraw takes the listing back.
func (m *Module) Withdraw(ctx context.Context, actor *auth.Identity, id string) (*Listing, error) {
	return m.close(ctx, actor, id, Withdrawn)
}

func (m *Module) close(ctx context.Context, actor *auth.Identity, id string, to Status) (*Listing, error) {
	var l *Listing
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if l, err = m.managed(ctx, tx, actor, id); err != nil {
			return err
		}
		if l.Closed() {
			return apperr.New(apperr.Conflict, "board.listing.closed")
		}
		now := m.s.Clock.Now()
		from := l.Status
		l.Status, l.ClosedAt, l.UpdatedAt = to, &now, now
		if err := setStatus(ctx, tx, l.ID, to, &now, now); err != nil {
			return err
		}
		if err := insertChange(ctx, tx, l.ID, actor.UserID, now, map[string]FieldChange{"status": {From: string(from), To: string(to)}}); err != nil {
			return err
		}
		return m.indexListing(ctx, tx, l.ID)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// ExtendDays is how long one extension lasts unless the poster says.
const ExtendDays = DefaultLifetimeDays

// newExpiry is the end of a listing extended by days from now or from its
// current end, whichever is later, but never beyond MaxLifetimeDays ahead.
func newExpiry(current, now time.Time, days int) time.Time {
	start := current
	if now.After(start) {
		start = now
	}
	end := start.Add(time.Duration(days) * day)
	if limit := now.Add(MaxLifetimeDays * day); end.After(limit) {
		end = limit
	}
	return end
}

// Extend keeps the listing open for days more (ExtendDays when 0); an
// expired listing opens again.
func (m *Module) Extend(ctx context.Context, actor *auth.Identity, id string, days int) (*Listing, error) {
	if days == 0 {
		days = ExtendDays
	}
	if days < 1 || days > MaxLifetimeDays {
		return nil, apperr.Field("days", "board.field.lifetime_range")
	}
	var l *Listing
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if l, err = m.managed(ctx, tx, actor, id); err != nil {
			return err
		}
		return m.extend(ctx, tx, l, actor.UserID, days)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

func (m *Module) extend(ctx context.Context, tx *sql.Tx, l *Listing, editorID string, days int) error {
	if l.Closed() {
		return apperr.New(apperr.Conflict, "board.listing.closed")
	}
	now := m.s.Clock.Now()
	end := newExpiry(l.ExpiresAt, now, days)
	changes := map[string]FieldChange{}
	if !end.Equal(l.ExpiresAt) {
		changes["expires_at"] = FieldChange{From: l.ExpiresAt.Format(time.RFC3339), To: end.Format(time.RFC3339)}
	}
	if l.Status != Open {
		changes["status"] = FieldChange{From: string(l.Status), To: string(Open)}
	}
	if err := setExpiry(ctx, tx, l.ID, end, now); err != nil {
		return err
	}
	l.Status, l.ExpiresAt, l.RemindedAt, l.ClosedAt, l.UpdatedAt = Open, end, nil, nil, now
	if err := insertChange(ctx, tx, l.ID, editorID, now, changes); err != nil {
		return err
	}
	return m.indexListing(ctx, tx, l.ID)
}

// ExtendLink returns the listing that the secret of a reminder mail
// extends, for the page the link opens; NotFound "board.extend.invalid"
// when the link was used or replaced, or the listing is gone.
func (m *Module) ExtendLink(ctx context.Context, id, secret string) (*Listing, error) {
	id = strings.ToLower(id)
	if !ids.Valid(id) || secret == "" {
		return nil, apperr.New(apperr.NotFound, "board.extend.invalid")
	}
	var found string
	err := m.s.DB.QueryRowContext(ctx, "SELECT id FROM listings WHERE id = $1 AND extend_hash = $2 AND removed_at IS NULL",
		id, secrets.Hash(secret)).Scan(&found)
	if apperr.Is(db.Err(err), apperr.NotFound) {
		return nil, apperr.New(apperr.NotFound, "board.extend.invalid")
	}
	if err != nil {
		return nil, db.Err(err)
	}
	l, err := getListing(ctx, m.s.DB, id)
	if err == nil && !m.posterManages(ctx, l) {
		return nil, apperr.New(apperr.NotFound, "board.extend.invalid")
	}
	return l, err
}

// ExtendByLink extends a listing through the single-use link of its
// reminder mail, without logging in; the link then stops working.
func (m *Module) ExtendByLink(ctx context.Context, id, secret string) (*Listing, error) {
	id = strings.ToLower(id)
	if !ids.Valid(id) || secret == "" {
		return nil, apperr.New(apperr.NotFound, "board.extend.invalid")
	}
	var l *Listing
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := lockListing(ctx, tx, id); err != nil {
			return err
		}
		var found string
		err := tx.QueryRowContext(ctx, "SELECT id FROM listings WHERE id = $1 AND extend_hash = $2", id,
			secrets.Hash(secret)).Scan(&found)
		if apperr.Is(db.Err(err), apperr.NotFound) {
			return apperr.New(apperr.NotFound, "board.extend.invalid")
		}
		if err != nil {
			return err
		}
		if l, err = getListing(ctx, tx, id); err != nil {
			return err
		}
		if !m.posterManages(ctx, l) {
			return apperr.New(apperr.NotFound, "board.extend.invalid") // sent to him while he was a member
		}
		return m.extend(ctx, tx, l, l.PosterID, ExtendDays)
	})
	if err != nil {
		if apperr.Is(err, apperr.NotFound) && apperr.As(err).Msg == "" {
			return nil, apperr.New(apperr.NotFound, "board.extend.invalid")
		}
		return nil, err
	}
	return l, nil
}

// History lists a listing's changes, newest first, with the editors'
// names; for its managers and staff only.
func (m *Module) History(ctx context.Context, viewer *auth.Identity, id string) ([]Change, error) {
	l, err := m.Get(ctx, viewer, id)
	if err != nil {
		return nil, err
	}
	if !m.canManage(ctx, l, viewer) && !viewer.Staff() {
		return nil, apperr.New(apperr.Forbidden, "board.listing.not_yours")
	}
	changes, err := listChanges(ctx, m.s.DB, l.ID)
	if err != nil {
		return nil, err
	}
	var editors []string
	for _, c := range changes {
		if c.EditorID != "" {
			editors = append(editors, c.EditorID)
		}
	}
	names, err := m.accounts.Names(ctx, editors)
	if err != nil {
		return nil, err
	}
	for i := range changes {
		changes[i].EditorName = names[changes[i].EditorID]
	}
	return changes, nil
}

// Mine lists the listings the person posted or may manage for an
// organisation, newest first, in every state but removed.
func (m *Module) Mine(ctx context.Context, actor *auth.Identity) ([]*Listing, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	var orgIDs []string
	ms, err := m.orgs.Memberships(ctx, actor.UserID)
	if err != nil {
		return nil, err
	}
	for _, mb := range ms {
		if mb.Role == organization.Owner || mb.Role == organization.Editor {
			orgIDs = append(orgIDs, mb.OrganizationID)
		}
	}
	return listingsOf(ctx, m.s.DB, actor.UserID, orgIDs, maxMine)
}

// visibleLevels are the visibilities whose listings the viewer may see in
// lists: visitors public ones, members also members-only ones, members of
// verified organisations and staff all.
func (m *Module) visibleLevels(ctx context.Context, viewer *auth.Identity) []Visibility {
	switch {
	case viewer == nil:
		return []Visibility{Public}
	case viewer.Staff() || m.inVerifiedOrganization(ctx, viewer.UserID):
		return []Visibility{Public, Members, Verified}
	}
	return []Visibility{Public, Members}
}

// Found is a listing in a list, with its distance from the place searched
// around, in whole kilometres.
type Found struct {
	*Listing
	DistanceKm *int
}

// Results is one page of the board.
type Results struct {
	Items  []Found
	Next   string     // cursor of the following page; "" on the last
	Sort   string     // the order used
	Near   *geo.Place // the place searched around, when resolved
	Radius int        // the radius around Near, in kilometres
	NoGeo  bool       // Near was given but no postcode data exists: matched by postcode or place text
	Filter Filter     // as checked, without cursor
}

// Search returns a page of live listings the viewer may see, filtered and
// ordered as f says, keyset paginated: page 2 starts exactly after page 1
// even when listings share a sort key. Invalid parameters are field
// errors named as the query parameters.
func (m *Module) Search(ctx context.Context, viewer *auth.Identity, f Filter, limit int) (*Results, error) {
	switch {
	case limit <= 0:
		limit = DefaultLimit
	case limit > MaxLimit:
		limit = MaxLimit
	}
	fields := apperr.Fields{}
	bq := boardQuery{kinds: string(f.Kind), lang: f.Lang, orgKind: f.OrgKind, now: m.s.Clock.Now(), limit: limit}
	if utf8.RuneCountInString(f.Q) > maxQueryLen {
		fields.Add("q", "form.too_long")
	}
	if f.Category != "" {
		if !taxonomy.Default().Valid(f.Category) {
			fields.Add("category", "form.invalid_choice")
		} else {
			bq.categories = categoryAndBelow(f.Category)
		}
	}
	if f.Lang != "" && !text.ValidLanguage(f.Lang) {
		fields.Add("lang", "form.invalid_choice")
	}
	if f.OrgKind != "" && !organization.ValidKind(f.OrgKind) {
		fields.Add("org_kind", "form.invalid_choice")
	}
	if f.Sort == SortDistance && f.Near == "" {
		fields.Add("sort", "board.filter.distance_needs_near")
	}
	res := &Results{Items: []Found{}}
	if f.Near != "" {
		p, err := m.places.Resolve(ctx, f.Near)
		switch {
		case err == nil:
			res.Near = p
			bq.near = &point{p.Lat, p.Lon}
			bq.radiusKm = f.RadiusKm
			if bq.radiusKm <= 0 {
				bq.radiusKm = DefaultRadiusKm
			}
			res.Radius = bq.radiusKm
		case apperr.Is(err, apperr.NotFound), apperr.Is(err, apperr.Invalid):
			fields.Add("near", "geo.unknown")
		case apperr.Is(err, apperr.Unavailable):
			res.NoGeo = true
			nt := &nearText{placeKey: text.Key(f.Near)}
			if check.ValidPostcode(f.Near) {
				nt = &nearText{postcode: f.Near}
			}
			bq.nearText = nt
		default:
			return nil, err
		}
	}
	if err := fields.Err(); err != nil {
		return nil, err
	}
	if len(text.Words(f.Q)) > 0 {
		// The board's filters narrow what search answers, so the best
		// matches that pass them are among the answer; the board applies
		// them again as it always has.
		ff := searchdoc.FindFilter{Category: f.Category, Lang: f.Lang, OrgKind: f.OrgKind, Verified: f.Verified}
		if bq.near != nil {
			ff.Near, ff.RadiusKm = f.Near, bq.radiusKm
		}
		found, err := m.findWords(ctx, f.Q, ff)
		if err != nil {
			return nil, err
		}
		bq.words, bq.found = true, found
	}
	bq.sort = f.Sort
	switch {
	case bq.sort == SortRelevance && !bq.words, bq.sort == SortDistance && bq.near == nil:
		bq.sort = SortNewest
	case bq.sort == "" && bq.words:
		bq.sort = SortRelevance
	case bq.sort == "" && bq.near != nil:
		bq.sort = SortDistance
	case bq.sort == "":
		bq.sort = SortNewest
	}
	if f.Cursor != "" {
		c, err := parseCursor(f.Cursor, bq.sort)
		if err != nil {
			return nil, err
		}
		bq.after = &c
	}
	if f.Verified {
		ids, err := m.verifiedOrganizations(ctx)
		if err != nil {
			return nil, err
		}
		bq.orgIDs = ids
	}
	bq.visibility = m.visibleLevels(ctx, viewer)
	ls, keys, err := searchListings(ctx, m.s.DB, bq)
	if err != nil {
		return nil, err
	}
	if len(ls) > limit {
		ls = ls[:limit]
		res.Next = keys[limit-1].String()
	}
	for _, l := range ls {
		res.Items = append(res.Items, Found{Listing: l, DistanceKm: distanceKm(res.Near, l)})
	}
	res.Sort = bq.sort
	f.Cursor = ""
	res.Filter = f
	return res, nil
}

// distanceKm is the rounded distance from p to the listing's postcode or
// place; nil when either has no coordinates.
func distanceKm(p *geo.Place, l *Listing) *int {
	if p == nil || l.Lat == nil || l.Lon == nil {
		return nil
	}
	km := geo.RoundKm(geo.DistanceKm(p.Lat, p.Lon, *l.Lat, *l.Lon))
	return &km
}

// categoryAndBelow returns a category with its subcategories.
func categoryAndBelow(id string) []string { return taxonomy.Default().AndBelow(id) }

// verifiedOrganizations lists the ids of all verified organisations.
func (m *Module) verifiedOrganizations(ctx context.Context) ([]string, error) {
	yes := true
	out := []string{}
	f := organization.Filter{Verified: &yes, Limit: orgPageLimit}
	for len(out) < maxVerifiedOrg {
		page, err := m.orgs.List(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, o := range page.Items {
			out = append(out, o.ID)
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	return out, nil
}

// Qty is the quantity, 0 when none was given (for templates).
func (l *Listing) Qty() int {
	if l.Quantity == nil {
		return 0
	}
	return *l.Quantity
}
