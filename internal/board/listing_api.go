package board

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/web"
)

// WhenJSON is the time a listing is about: one day ("date", from), a
// period ("range", from and to), "regularly", or "none".
type WhenJSON struct {
	Kind string `json:"kind" enum:"none,date,range,regularly"`
	From string `json:"from,omitempty" format:"date" doc:"The day, or the first day of a range (YYYY-MM-DD)."`
	To   string `json:"to,omitempty" format:"date" doc:"The last day of a range (YYYY-MM-DD)."`
}

func whenJSON(w When) WhenJSON {
	out := WhenJSON{Kind: string(whenKindOf(w))}
	if w.From != nil {
		out.From = w.From.Format(time.DateOnly)
	}
	if w.To != nil {
		out.To = w.To.Format(time.DateOnly)
	}
	return out
}

// when reads the JSON form; a day that is not YYYY-MM-DD is a field error.
func (w *WhenJSON) when(f apperr.Fields) When {
	out := When{Kind: WhenKind(w.Kind)}
	for _, d := range []struct {
		s     string
		to    **time.Time
		field string
	}{{w.From, &out.From, "when.from"}, {w.To, &out.To, "when.to"}} {
		if d.s == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.s)
		if err != nil {
			f.Add(d.field, "board.field.date_invalid")
			continue
		}
		*d.to = &t
	}
	return out
}

// ListingOut is a listing as the API shows it. A person's listing shows
// only the postcode and place given, never coordinates; distances are
// whole kilometres.
type ListingOut struct {
	ID             string    `json:"id" format:"uuid"`
	Kind           string    `json:"kind" enum:"offer,request"`
	Category       string    `json:"category" doc:"A category id of the taxonomy."`
	CategoryName   string    `json:"category_name" doc:"The category's name in the caller's language."`
	Title          string    `json:"title"`
	Description    string    `json:"description"`
	ContentLang    string    `json:"content_lang" doc:"The language the listing is written in."`
	Languages      []string  `json:"languages" doc:"Languages the poster speaks."`
	Postcode       string    `json:"postcode"`
	Place          string    `json:"place"`
	DistanceKm     *int      `json:"distance_km,omitempty" doc:"Whole kilometres from the place given as near."`
	When           WhenJSON  `json:"when"`
	Quantity       *int      `json:"quantity,omitempty"`
	Visibility     string    `json:"visibility" enum:"public,members,verified"`
	OrganizationID string    `json:"organization_id,omitempty" format:"uuid"`
	OrgKind        string    `json:"org_kind,omitempty" doc:"The kind of the organisation posting."`
	ShowName       bool      `json:"show_name" doc:"The poster chose to be named in full; otherwise visitors see no name and members the first name."`
	Opportunity    bool      `json:"opportunity" doc:"A request on behalf of an organisation: a place to volunteer."`
	Status         string    `json:"status" enum:"open,fulfilled,withdrawn,expired"`
	Held           bool      `json:"held,omitempty" doc:"Waits for a coordinator's approval (shown to its managers)."`
	Hidden         bool      `json:"hidden,omitempty" doc:"Hidden by a coordinator (shown to its managers)."`
	Manage         bool      `json:"manage" doc:"Whether the caller may edit and close it."`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	ExpiresAt      time.Time `json:"expires_at"`
}

// StatusAt is the listing's status at now: an open listing past its end
// is expired even before the expiry job has run.
func (l *Listing) StatusAt(now time.Time) Status {
	if l.Status == Open && !now.Before(l.ExpiresAt) {
		return Expired
	}
	return l.Status
}

func (m *Module) listingOut(ctx context.Context, l *Listing, distance *int, viewer *auth.Identity) ListingOut {
	lang := "de"
	if loc := web.Localizer(ctx); loc != nil {
		lang = loc.Lang()
	}
	manage := m.canManage(ctx, l, viewer)
	out := ListingOut{
		ID: l.ID, Kind: string(l.Kind), Category: l.Category, CategoryName: taxonomy.Default().Name(l.Category, lang),
		Title: l.Title, Description: l.Description, ContentLang: l.ContentLang, Languages: append([]string{}, l.Languages...),
		Postcode: l.Postcode, Place: l.Place, DistanceKm: distance, When: whenJSON(l.When), Quantity: l.Quantity,
		Visibility: string(l.Visibility), OrganizationID: l.OrganizationID, OrgKind: l.OrgKind, ShowName: l.ShowName,
		Opportunity: l.Opportunity(), Status: string(l.StatusAt(m.s.Clock.Now())), Manage: manage,
		CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt, ExpiresAt: l.ExpiresAt,
	}
	if manage || viewer.Staff() {
		out.Held, out.Hidden = l.Held, l.Hidden
	}
	return out
}

// ListingInput is the body that creates a listing.
type ListingInput struct {
	Kind           string     `json:"kind" enum:"offer,request"`
	Category       string     `json:"category" doc:"A category id of the taxonomy."`
	Title          string     `json:"title" minLength:"1" maxLength:"120"`
	Description    string     `json:"description" minLength:"1" maxLength:"4000"`
	ContentLang    string     `json:"content_lang" minLength:"1" doc:"The language the listing is written in, e.g. de, ar, fa, uk, tr."`
	Languages      []string   `json:"languages,omitempty" doc:"Languages the poster speaks."`
	Postcode       string     `json:"postcode,omitempty" doc:"A German postcode; a postcode or a place is needed."`
	Place          string     `json:"place,omitempty" maxLength:"80" doc:"A town or place, never a street address."`
	When           *WhenJSON  `json:"when,omitempty"`
	Quantity       *int       `json:"quantity,omitempty" doc:"For goods: how many (1 to 10000)."`
	Visibility     string     `json:"visibility,omitempty" enum:"public,members,verified" doc:"Default public."`
	OrganizationID string     `json:"organization_id,omitempty" format:"uuid" doc:"Post on behalf of an organisation the caller edits."`
	ShowName       bool       `json:"show_name,omitempty" doc:"Name the poster in full to everybody; by default visitors see no name and members the first name."`
	ExpiresAt      *time.Time `json:"expires_at,omitempty" doc:"When it leaves the board: within 90 days; default 30 days from now. Counted in whole days."`
}

// TransformSchema lists the taxonomy's categories in the document.
func (ListingInput) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return taxonomy.EnumerateCategories(s, "category")
}

// draft turns the body into a Draft; fields the body cannot even say are
// collected in f.
func (in *ListingInput) draft(f apperr.Fields, now time.Time) Draft {
	d := Draft{
		Kind: Kind(in.Kind), Category: in.Category, Title: in.Title, Description: in.Description,
		ContentLang: in.ContentLang, Languages: in.Languages, Postcode: in.Postcode, Place: in.Place,
		Quantity: in.Quantity, Visibility: Visibility(in.Visibility), OrganizationID: in.OrganizationID,
		ShowName: in.ShowName,
	}
	if d.Visibility == "" {
		d.Visibility = Public
	}
	if in.When != nil {
		d.When = in.When.when(f)
	}
	if in.ExpiresAt != nil {
		days := int(math.Ceil(in.ExpiresAt.Sub(now).Hours() / 24))
		if days < 1 || days > MaxLifetimeDays {
			f.Add("expires_at", "board.field.lifetime_range")
		} else {
			d.LifetimeDays = days
		}
	}
	return d
}

// ListingPatch changes some fields of a listing; fields left out keep
// their value. "quantity": 0 and "organization_id": "" clear them.
type ListingPatch struct {
	Kind           *string   `json:"kind,omitempty" enum:"offer,request"`
	Category       *string   `json:"category,omitempty"`
	Title          *string   `json:"title,omitempty" maxLength:"120"`
	Description    *string   `json:"description,omitempty" maxLength:"4000"`
	ContentLang    *string   `json:"content_lang,omitempty"`
	Languages      *[]string `json:"languages,omitempty"`
	Postcode       *string   `json:"postcode,omitempty"`
	Place          *string   `json:"place,omitempty" maxLength:"80"`
	When           *WhenJSON `json:"when,omitempty"`
	Quantity       *int      `json:"quantity,omitempty" doc:"0 removes the quantity."`
	Visibility     *string   `json:"visibility,omitempty" enum:"public,members,verified"`
	OrganizationID *string   `json:"organization_id,omitempty" doc:"\"\" makes it the caller's own listing."`
	ShowName       *bool     `json:"show_name,omitempty"`
}

// TransformSchema lists the taxonomy's categories in the document.
func (ListingPatch) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return taxonomy.EnumerateCategories(s, "category")
}

// apply returns d with the patch's fields set; when is the patch's When,
// read beforehand.
func (p *ListingPatch) apply(d Draft, when *When) Draft {
	for _, s := range []struct {
		from *string
		to   *string
	}{
		{p.Category, &d.Category}, {p.Title, &d.Title}, {p.Description, &d.Description}, {p.ContentLang, &d.ContentLang},
		{p.Postcode, &d.Postcode}, {p.Place, &d.Place}, {p.OrganizationID, &d.OrganizationID},
	} {
		if s.from != nil {
			*s.to = *s.from
		}
	}
	if p.Kind != nil {
		d.Kind = Kind(*p.Kind)
	}
	if p.Visibility != nil {
		d.Visibility = Visibility(*p.Visibility)
	}
	if p.ShowName != nil {
		d.ShowName = *p.ShowName
	}
	if p.Languages != nil {
		d.Languages = *p.Languages
	}
	if when != nil {
		d.When = *when
	}
	if p.Quantity != nil {
		d.Quantity = p.Quantity
		if *p.Quantity == 0 {
			d.Quantity = nil
		}
	}
	return d
}

// apiFieldNames maps the service's field names to the API's.
var apiFieldNames = map[string]string{
	"when_kind": "when.kind", "when_from": "when.from", "when_to": "when.to", "lifetime_days": "expires_at",
}

// apiErr names field errors as the API's body does.
func apiErr(ctx context.Context, err error) error {
	e := apperr.As(err)
	if len(e.Fields) > 0 {
		fields := apperr.Fields{}
		for k, v := range e.Fields {
			if n, ok := apiFieldNames[k]; ok {
				k = n
			}
			fields[k] = v
		}
		cp := *e
		cp.Fields = fields
		err = &cp
	}
	return api.Err(ctx, err)
}

// ListListingsInput filters the board: the same parameters as /board.
type ListListingsInput struct {
	Q        string `query:"q" maxLength:"100" doc:"Words, found as /search finds them: every form of a word, the names of categories in every language, typos corrected when the words find little."`
	Kind     string `query:"kind" enum:"offer,request"`
	Category string `query:"category" doc:"A category id; a top-level category includes its subcategories."`
	Lang     string `query:"lang" doc:"A language the poster speaks or the listing is written in."`
	Near     string `query:"near" doc:"A postcode or place name."`
	RadiusKm int    `query:"radius_km" minimum:"0" maximum:"200" doc:"Around near; default 25."`
	OrgKind  string `query:"org_kind" doc:"Only listings on behalf of this kind of organisation."`
	Verified bool   `query:"verified" doc:"Only listings of verified organisations."`
	Sort     string `query:"sort" enum:"relevance,distance,newest,ending" doc:"Default: relevance with q, distance with near, else newest. distance needs near."`
	Cursor   string `query:"cursor" doc:"next_cursor of the previous page."`
	Limit    int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

func (in *ListListingsInput) filter() Filter {
	v := url.Values{}
	for k, s := range map[string]string{"q": in.Q, "kind": in.Kind, "category": in.Category, "lang": in.Lang,
		"near": in.Near, "org_kind": in.OrgKind, "sort": in.Sort, "cursor": in.Cursor} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if in.RadiusKm > 0 {
		v.Set("radius_km", strconv.Itoa(in.RadiusKm))
	}
	if in.Verified {
		v.Set("verified", "true")
	}
	return ParseFilter(v)
}

// PlaceOut is the place a list was searched around.
type PlaceOut struct {
	Postcode string `json:"postcode"`
	Name     string `json:"name"`
	RadiusKm int    `json:"radius_km"`
}

// ListListingsOutput is one page of listings.
type ListListingsOutput struct {
	Body struct {
		Listings   []ListingOut `json:"listings"`
		NextCursor string       `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
		Sort       string       `json:"sort" doc:"The order used."`
		Near       *PlaceOut    `json:"near,omitempty" doc:"The place searched around, as resolved."`
	}
}

// ListingOutput is one listing.
type ListingOutput struct {
	Body ListingOut
}

// ListingCreatedOutput is a new listing and where it lives.
type ListingCreatedOutput struct {
	Location string `header:"Location"`
	Body     ListingOut
}

// ListingIDPath names a listing.
type ListingIDPath struct {
	ID string `path:"id" format:"uuid" doc:"The listing's id."`
}

// ExtendInput says how long an extension lasts.
type ExtendInput struct {
	Days int `json:"days,omitempty" minimum:"0" maximum:"90" doc:"Days from now or from the current end, whichever is later; default 30. The end is never more than 90 days ahead."`
}

// ChangeOut is one entry of a listing's history.
type ChangeOut struct {
	At       time.Time              `json:"at"`
	EditorID string                 `json:"editor_id,omitempty" format:"uuid" doc:"Absent for the platform itself (expiry, moderation) and deleted accounts."`
	Editor   string                 `json:"editor,omitempty"`
	Changes  map[string]FieldChange `json:"changes"`
}

// HistoryOutput is a listing's history, newest first.
type HistoryOutput struct {
	Body struct {
		Changes []ChangeOut `json:"changes"`
	}
}

// MyListingsOutput lists the caller's listings.
type MyListingsOutput struct {
	Body struct {
		Listings []ListingOut `json:"listings"`
	}
}

func (m *Module) listingAPI(a huma.API) {
	tags := []string{"Listings"}
	huma.Register(a, huma.Operation{
		OperationID: "list-listings", Method: http.MethodGet, Path: api.Prefix + "/listings", Tags: tags,
		Summary:     "List offers and requests",
		Description: "Live listings the caller may see, keyset paginated. The parameters are those of the board page and search.",
	}, func(ctx context.Context, in *ListListingsInput) (*ListListingsOutput, error) {
		viewer := auth.From(ctx)
		res, err := m.Search(ctx, viewer, in.filter(), in.Limit)
		if err != nil {
			return nil, apiErr(ctx, err)
		}
		out := &ListListingsOutput{}
		out.Body.Listings = make([]ListingOut, len(res.Items))
		for i, it := range res.Items {
			out.Body.Listings[i] = m.listingOut(ctx, it.Listing, it.DistanceKm, viewer)
		}
		out.Body.NextCursor, out.Body.Sort = res.Next, res.Sort
		if res.Near != nil {
			out.Body.Near = &PlaceOut{Postcode: res.Near.Postcode, Name: res.Near.Name, RadiusKm: res.Radius}
		}
		return out, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "create-listing", Method: http.MethodPost, Path: api.Prefix + "/listings", Tags: tags,
		Summary: "Post an offer or a request", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "At most 10 a day per account. The first listings of a new account that contain links, " +
			"phone numbers or e-mail addresses wait for a coordinator (held).",
	}, func(ctx context.Context, in *struct{ Body ListingInput }) (*ListingCreatedOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		f := apperr.Fields{}
		d := in.Body.draft(f, m.s.Clock.Now())
		if len(f) > 0 {
			return nil, apiErr(ctx, formErr(d, f))
		}
		l, err := m.Create(ctx, id, d)
		if err != nil {
			return nil, apiErr(ctx, err)
		}
		return &ListingCreatedOutput{Location: api.Prefix + "/listings/" + l.ID, Body: m.listingOut(ctx, l, nil, id)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "get-listing", Method: http.MethodGet, Path: api.Prefix + "/listings/{id}", Tags: tags,
		Summary:     "Get a listing",
		Description: "Not found for listings the caller may not see (members-only, hidden, held, expired or closed ones of others).",
	}, func(ctx context.Context, in *ListingIDPath) (*ListingOutput, error) {
		viewer := auth.From(ctx)
		l, err := m.Get(ctx, viewer, in.ID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &ListingOutput{Body: m.listingOut(ctx, l, nil, viewer)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "update-listing", Method: http.MethodPatch, Path: api.Prefix + "/listings/{id}", Tags: tags,
		Summary: "Change a listing", Security: api.Secured,
		Description: "Its poster and the editors of its organisation only; fields left out keep their value. " +
			"Fulfilled and withdrawn listings cannot change. Every change is kept in the history.",
	}, func(ctx context.Context, in *struct {
		ListingIDPath
		Body ListingPatch
	}) (*ListingOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		f := apperr.Fields{}
		var when *When
		if in.Body.When != nil {
			w := in.Body.When.when(f)
			when = &w
		}
		if len(f) > 0 {
			return nil, apiErr(ctx, f.Err())
		}
		l, err := m.Update(ctx, id, in.ID, func(d Draft) Draft { return in.Body.apply(d, when) })
		if err != nil {
			return nil, apiErr(ctx, err)
		}
		return &ListingOutput{Body: m.listingOut(ctx, l, nil, id)}, nil
	})
	for _, op := range []struct {
		path, id, summary, desc string
		do                      func(ctx context.Context, id *auth.Identity, listingID string, days int) (*Listing, error)
	}{
		{"/fulfil", "fulfil-listing", "Mark a listing as fulfilled", "Its poster and the editors of its organisation only.",
			func(ctx context.Context, id *auth.Identity, listingID string, _ int) (*Listing, error) {
				return m.Fulfil(ctx, id, listingID)
			}},
		{"/withdraw", "withdraw-listing", "Withdraw a listing", "Its poster and the editors of its organisation only.",
			func(ctx context.Context, id *auth.Identity, listingID string, _ int) (*Listing, error) {
				return m.Withdraw(ctx, id, listingID)
			}},
		{"/extend", "extend-listing", "Extend a listing",
			"Keeps it open for days more (default 30, never beyond 90 days from now); an expired listing opens again.",
			func(ctx context.Context, id *auth.Identity, listingID string, days int) (*Listing, error) {
				return m.Extend(ctx, id, listingID, days)
			}},
	} {
		huma.Register(a, huma.Operation{
			OperationID: op.id, Method: http.MethodPost, Path: api.Prefix + "/listings/{id}" + op.path, Tags: tags,
			Summary: op.summary, Description: op.desc, Security: api.Secured,
		}, func(ctx context.Context, in *struct {
			ListingIDPath
			Body *ExtendInput
		}) (*ListingOutput, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			days := 0
			if in.Body != nil {
				days = in.Body.Days
			}
			l, err := op.do(ctx, id, in.ID, days)
			if err != nil {
				return nil, apiErr(ctx, err)
			}
			return &ListingOutput{Body: m.listingOut(ctx, l, nil, id)}, nil
		})
	}
	huma.Register(a, huma.Operation{
		OperationID: "list-listing-history", Method: http.MethodGet, Path: api.Prefix + "/listings/{id}/history", Tags: tags,
		Summary: "A listing's history", Description: "Who changed what, when; for its managers and coordinators.",
		Security: api.Secured,
	}, func(ctx context.Context, in *ListingIDPath) (*HistoryOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		changes, err := m.History(ctx, id, in.ID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &HistoryOutput{}
		out.Body.Changes = make([]ChangeOut, len(changes))
		for i, c := range changes {
			out.Body.Changes[i] = ChangeOut{At: c.At, EditorID: c.EditorID, Editor: c.EditorName, Changes: c.Fields}
		}
		return out, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "list-my-listings", Method: http.MethodGet, Path: api.Prefix + "/me/listings", Tags: tags,
		Summary:     "My listings",
		Description: "The caller's listings and those of the organisations they edit, in every state, newest first.",
		Security:    api.Secured,
	}, func(ctx context.Context, _ *struct{}) (*MyListingsOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		ls, err := m.Mine(ctx, id)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &MyListingsOutput{}
		out.Body.Listings = make([]ListingOut, len(ls))
		for i, l := range ls {
			out.Body.Listings[i] = m.listingOut(ctx, l, nil, id)
		}
		return out, nil
	})
}
