package board

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
)

// ResponseOut is a response as the API shows it to its responder and to
// the listing's managers.
type ResponseOut struct {
	ID             string     `json:"id" format:"uuid"`
	ListingID      string     `json:"listing_id" format:"uuid"`
	ResponderID    string     `json:"responder_id" format:"uuid"`
	ResponderName  string     `json:"responder_name" doc:"Display name; empty for a deleted account."`
	OrganizationID string     `json:"organization_id,omitempty" format:"uuid" doc:"The organisation the responder speaks for."`
	Organization   string     `json:"organization,omitempty"`
	ConversationID string     `json:"conversation_id" format:"uuid" doc:"The private conversation: /api/v1/conversations/{id}."`
	Status         string     `json:"status" enum:"pending,accepted,declined,withdrawn"`
	CreatedAt      time.Time  `json:"created_at"`
	DecidedAt      *time.Time `json:"decided_at,omitempty"`
}

func responseOut(r *Response) ResponseOut {
	return ResponseOut{ID: r.ID, ListingID: r.ListingID, ResponderID: r.ResponderID, ResponderName: r.ResponderName,
		OrganizationID: r.ResponderOrgID, Organization: r.OrgName, ConversationID: r.ConversationID,
		Status: string(r.Status), CreatedAt: r.CreatedAt, DecidedAt: r.DecidedAt}
}

// MyResponseOut is one of the caller's responses with its listing.
type MyResponseOut struct {
	ResponseOut
	ListingTitle  string `json:"listing_title" doc:"Empty when the listing was hidden or removed."`
	ListingKind   string `json:"listing_kind" enum:"offer,request"`
	ListingStatus string `json:"listing_status" enum:"open,fulfilled,withdrawn,expired"`
}

// ResponseInputBody is what a responder sends.
type ResponseInputBody struct {
	Body           string `json:"body" minLength:"1" maxLength:"4000" doc:"The first message to the poster."`
	OrganizationID string `json:"organization_id,omitempty" format:"uuid" doc:"Respond on behalf of this organisation (you must be a member)."`
}

// ResponseListingPath names a listing.
type ResponseListingPath struct {
	ID string `path:"id" format:"uuid" doc:"The listing's id."`
}

// ResponsePath names a response of a listing.
type ResponsePath struct {
	ID  string `path:"id" format:"uuid" doc:"The listing's id."`
	RID string `path:"rid" format:"uuid" doc:"The response's id."`
}

// ResponseOutput is one response.
type ResponseOutput struct {
	Body ResponseOut
}

// ResponseCreated is a new response and where it lives.
type ResponseCreated struct {
	Location string `header:"Location"`
	Body     ResponseOut
}

// ResponseListOutput lists responses.
type ResponseListOutput struct {
	Body struct {
		Responses []ResponseOut `json:"responses"`
	}
}

// MyResponsesOutput lists the caller's responses.
type MyResponsesOutput struct {
	Body struct {
		Responses []MyResponseOut `json:"responses"`
	}
}

// SuggestionOut is a counterpart listing with why it fits.
type SuggestionOut struct {
	ListingID       string   `json:"listing_id" format:"uuid"`
	Title           string   `json:"title"`
	Kind            string   `json:"kind" enum:"offer,request"`
	Category        string   `json:"category"`
	Place           string   `json:"place"`
	Score           float64  `json:"score" doc:"0 to 100; see docs/SUGGESTIONS.md."`
	CategoryMatch   string   `json:"category_match" enum:"same,top,related"`
	DistanceKm      *int     `json:"distance_km,omitempty" doc:"Whole kilometres; absent when unknown (same postcode or place)."`
	SharedLanguages []string `json:"shared_languages"`
}

// SuggestionsOutput lists suggestions, best first.
type SuggestionsOutput struct {
	Body struct {
		Suggestions []SuggestionOut `json:"suggestions"`
	}
}

// ThanksOut is a note of thanks on a fulfilled listing. The author is
// named as the listing's page names them to the caller: not to visitors,
// by the first name to members; the id only to the author and to those
// who manage the listing.
type ThanksOut struct {
	AuthorID   string    `json:"author_id,omitempty" format:"uuid"`
	AuthorName string    `json:"author_name,omitempty"`
	Text       string    `json:"text"`
	CreatedAt  time.Time `json:"created_at"`
}

// ThanksListOutput lists the notes of a listing.
type ThanksListOutput struct {
	Body struct {
		Thanks []ThanksOut `json:"thanks"`
	}
}

// ThanksOutput is one note.
type ThanksOutput struct{ Body ThanksOut }

// SavedSearchOut is a saved search.
type SavedSearchOut struct {
	ID         string      `json:"id" format:"uuid"`
	Name       string      `json:"name"`
	Query      string      `json:"query" doc:"The filter as query parameters of GET /api/v1/listings and the board page."`
	Filter     SavedFilter `json:"filter"`
	Digest     bool        `json:"digest" doc:"Whether the daily e-mail of new listings is on."`
	CreatedAt  time.Time   `json:"created_at"`
	LastSentAt *time.Time  `json:"last_sent_at,omitempty"`
}

// SavedFilter is a board filter by the names of the board's parameters.
type SavedFilter struct {
	Q        string `json:"q,omitempty" maxLength:"100"`
	Kind     string `json:"kind,omitempty" enum:"offer,request"`
	Category string `json:"category,omitempty"`
	Lang     string `json:"lang,omitempty"`
	Near     string `json:"near,omitempty" maxLength:"100" doc:"A postcode or place."`
	RadiusKm int    `json:"radius_km,omitempty" minimum:"0" maximum:"200"`
	OrgKind  string `json:"org_kind,omitempty"`
	Verified bool   `json:"verified,omitempty"`
	Sort     string `json:"sort,omitempty" enum:"relevance,distance,newest,ending"`
}

func (in SavedFilter) filter() Filter {
	return Filter{Q: in.Q, Kind: Kind(in.Kind), Category: in.Category, Lang: in.Lang, Near: in.Near,
		RadiusKm: min(in.RadiusKm, MaxRadiusKm), OrgKind: in.OrgKind, Verified: in.Verified, Sort: in.Sort}
}

func savedFilterOf(f Filter) SavedFilter {
	return SavedFilter{Q: f.Q, Kind: string(f.Kind), Category: f.Category, Lang: f.Lang, Near: f.Near,
		RadiusKm: f.RadiusKm, OrgKind: f.OrgKind, Verified: f.Verified, Sort: f.Sort}
}

func savedOut(s *SavedSearch) SavedSearchOut {
	return SavedSearchOut{ID: s.ID, Name: s.Name, Query: s.Query, Filter: savedFilterOf(s.Filter), Digest: s.Digest,
		CreatedAt: s.CreatedAt, LastSentAt: s.LastSentAt}
}

// SavedSearchInput saves a filter.
type SavedSearchInput struct {
	Name   string      `json:"name,omitempty" maxLength:"80" doc:"Described from the filter when empty."`
	Filter SavedFilter `json:"filter"`
}

// SavedSearchPatch switches the digest.
type SavedSearchPatch struct {
	Digest *bool `json:"digest,omitempty"`
}

// SavedSearchPath names a saved search.
type SavedSearchPath struct {
	ID string `path:"id" format:"uuid" doc:"The saved search's id."`
}

// SavedSearchOutput is one saved search.
type SavedSearchOutput struct{ Body SavedSearchOut }

// SavedSearchCreated is a new saved search and where it lives.
type SavedSearchCreated struct {
	Location string `header:"Location"`
	Body     SavedSearchOut
}

// SavedSearchListOutput lists saved searches.
type SavedSearchListOutput struct {
	Body struct {
		SavedSearches []SavedSearchOut `json:"saved_searches"`
	}
}

// responseAPI adds the operations of responses, suggestions, thanks and
// saved searches.
func (m *Module) responseAPI(a huma.API) {
	tags := []string{"Board"}
	listing := api.Prefix + "/listings/{id}"
	huma.Register(a, huma.Operation{
		OperationID: "respond-to-listing", Method: http.MethodPost, Path: listing + "/responses", Tags: tags,
		Summary: "Respond to a listing", Description: "Opens a private conversation with the poster. Not for one's own " +
			"listing, not twice, not to a closed listing, not when either side blocked the other.",
		Security: api.Secured, DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *struct {
		ResponseListingPath
		Body ResponseInputBody
	}) (*ResponseCreated, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		r, err := m.Respond(ctx, id, in.ID, ResponseInput{Body: in.Body.Body, OrganizationID: in.Body.OrganizationID})
		if err == nil {
			r, err = m.named(ctx, r)
		}
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &ResponseCreated{Location: api.Prefix + "/listings/" + r.ListingID + "/responses/" + r.ID, Body: responseOut(r)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "list-listing-responses", Method: http.MethodGet, Path: listing + "/responses", Tags: tags,
		Summary: "List the responses to a listing", Description: "Its poster and its organisation's editors only.",
		Security: api.Secured,
	}, func(ctx context.Context, in *ResponseListingPath) (*ResponseListOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		rs, err := m.Responses(ctx, id, in.ID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &ResponseListOutput{}
		out.Body.Responses = make([]ResponseOut, len(rs))
		for i, r := range rs {
			out.Body.Responses[i] = responseOut(r)
		}
		return out, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "get-listing-response", Method: http.MethodGet, Path: listing + "/responses/{rid}", Tags: tags,
		Summary: "Get a response", Description: "Its responder, the listing's poster and its organisation's editors only.",
		Security: api.Secured,
	}, func(ctx context.Context, in *ResponsePath) (*ResponseOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		r, err := m.Response(ctx, id, in.ID, in.RID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &ResponseOutput{Body: responseOut(r)}, nil
	})
	for _, op := range []struct {
		path, id, summary, description string
		do                             func(context.Context, *auth.Identity, string, string) (*Response, error)
	}{
		{"/accept", "accept-listing-response", "Accept a response",
			"The poster and the organisation's editors. Both sides may then share contact details in the conversation.", m.Accept},
		{"/decline", "decline-listing-response", "Decline a response", "The poster and the organisation's editors.", m.Decline},
		{"/withdraw", "withdraw-listing-response", "Withdraw one's own response", "The responder only.", m.WithdrawResponse},
	} {
		huma.Register(a, huma.Operation{
			OperationID: op.id, Method: http.MethodPost, Path: listing + "/responses/{rid}" + op.path, Tags: tags,
			Summary: op.summary, Description: op.description, Security: api.Secured,
		}, func(ctx context.Context, in *ResponsePath) (*ResponseOutput, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			r, err := op.do(ctx, id, in.ID, in.RID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &ResponseOutput{Body: responseOut(r)}, nil
		})
	}
	huma.Register(a, huma.Operation{
		OperationID: "list-my-responses", Method: http.MethodGet, Path: api.Prefix + "/me/responses", Tags: tags,
		Summary: "My responses to listings", Security: api.Secured,
	}, func(ctx context.Context, _ *struct{}) (*MyResponsesOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		rs, err := m.MyResponses(ctx, id.UserID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &MyResponsesOutput{}
		out.Body.Responses = make([]MyResponseOut, len(rs))
		for i, r := range rs {
			out.Body.Responses[i] = MyResponseOut{ResponseOut: responseOut(&r.Response), ListingTitle: r.Title,
				ListingKind: string(r.Kind), ListingStatus: string(r.ListingStatus)}
		}
		return out, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "suggest-for-listing", Method: http.MethodGet, Path: listing + "/suggestions", Tags: tags,
		Summary: "Suggested counterparts of a listing", Description: "Its poster and its organisation's editors only. " +
			"Open listings of the opposite kind in the same or a related category, near enough, sharing a language; best first.",
		Security: api.Secured,
	}, func(ctx context.Context, in *ResponseListingPath) (*SuggestionsOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		ss, err := m.Suggest(ctx, id, in.ID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &SuggestionsOutput{}
		out.Body.Suggestions = make([]SuggestionOut, len(ss))
		for i, s := range ss {
			o := SuggestionOut{ListingID: s.Listing.ID, Title: s.Listing.Title, Kind: string(s.Listing.Kind),
				Category: s.Listing.Category, Place: s.Listing.Place, Score: float64(int(s.Score*10+0.5)) / 10,
				CategoryMatch: s.Match, SharedLanguages: append([]string{}, s.Shared...)}
			if s.Located {
				km := s.Km
				o.DistanceKm = &km
			}
			out.Body.Suggestions[i] = o
		}
		return out, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "list-listing-thanks", Method: http.MethodGet, Path: listing + "/thanks", Tags: tags,
		Summary: "Notes of thanks on a fulfilled listing",
	}, func(ctx context.Context, in *ResponseListingPath) (*ThanksListOutput, error) {
		viewer := auth.From(ctx)
		l, err := getListing(ctx, m.s.DB, in.ID)
		if err == nil && !m.canSee(ctx, l, viewer, m.s.Clock.Now()) && (viewer == nil || !m.isResponder(ctx, l.ID, viewer.UserID)) {
			err = apperr.New(apperr.NotFound, "")
		}
		var ts []*Thanks
		if err == nil {
			ts, err = m.ThanksFor(ctx, l, viewer)
		}
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &ThanksListOutput{}
		out.Body.Thanks = make([]ThanksOut, len(ts))
		seesIDs := viewer.Staff() || m.canManage(ctx, l, viewer)
		for i, t := range ts {
			out.Body.Thanks[i] = ThanksOut{AuthorName: t.AuthorName, Text: t.Text, CreatedAt: t.CreatedAt}
			if seesIDs || viewer != nil && viewer.UserID == t.AuthorID {
				out.Body.Thanks[i].AuthorID = t.AuthorID
			}
		}
		return out, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "thank-for-listing", Method: http.MethodPut, Path: listing + "/thanks", Tags: tags,
		Summary: "Leave or replace my note of thanks", Description: "On a fulfilled listing, by its poster, its " +
			"organisation's editors, or a responder whose response was accepted. Shown publicly with the author's name.",
		Security: api.Secured,
	}, func(ctx context.Context, in *struct {
		ResponseListingPath
		Body struct {
			Text string `json:"text" maxLength:"500"`
		}
	}) (*ThanksOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		t, err := m.Thank(ctx, id, in.ID, in.Body.Text)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &ThanksOutput{Body: ThanksOut{AuthorID: t.AuthorID, AuthorName: t.AuthorName, Text: t.Text, CreatedAt: t.CreatedAt}}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "delete-listing-thanks", Method: http.MethodDelete, Path: listing + "/thanks", Tags: tags,
		Summary: "Delete my note of thanks", Security: api.Secured, DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *ResponseListingPath) (*struct{}, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		return nil, api.Err(ctx, m.DeleteThanks(ctx, id, in.ID))
	})
	m.savedSearchAPI(a)
}

func (m *Module) savedSearchAPI(a huma.API) {
	tags := []string{"Saved searches"}
	base := api.Prefix + "/saved-searches"
	huma.Register(a, huma.Operation{
		OperationID: "list-saved-searches", Method: http.MethodGet, Path: base, Tags: tags,
		Summary: "My saved searches", Security: api.Secured,
	}, func(ctx context.Context, _ *struct{}) (*SavedSearchListOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		list, err := m.SavedSearches(ctx, id.UserID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out := &SavedSearchListOutput{}
		out.Body.SavedSearches = make([]SavedSearchOut, len(list))
		for i, s := range list {
			out.Body.SavedSearches[i] = savedOut(s)
		}
		return out, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "create-saved-search", Method: http.MethodPost, Path: base, Tags: tags,
		Summary: "Save a search", Description: "The daily e-mail of new matching listings is on from the start.",
		Security: api.Secured, DefaultStatus: http.StatusCreated,
	}, func(ctx context.Context, in *struct{ Body SavedSearchInput }) (*SavedSearchCreated, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		s, err := m.SaveSearch(ctx, id, in.Body.Name, in.Body.Filter.filter())
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &SavedSearchCreated{Location: base + "/" + s.ID, Body: savedOut(s)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "get-saved-search", Method: http.MethodGet, Path: base + "/{id}", Tags: tags,
		Summary: "One of my saved searches", Security: api.Secured,
	}, func(ctx context.Context, in *SavedSearchPath) (*SavedSearchOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		s, err := m.SavedSearch(ctx, id.UserID, in.ID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &SavedSearchOutput{Body: savedOut(s)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "update-saved-search", Method: http.MethodPatch, Path: base + "/{id}", Tags: tags,
		Summary: "Switch the daily e-mail of a saved search", Security: api.Secured,
	}, func(ctx context.Context, in *struct {
		SavedSearchPath
		Body SavedSearchPatch
	}) (*SavedSearchOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		var s *SavedSearch
		if in.Body.Digest != nil {
			s, err = m.SetDigest(ctx, id.UserID, in.ID, *in.Body.Digest)
		} else {
			s, err = m.SavedSearch(ctx, id.UserID, in.ID)
		}
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &SavedSearchOutput{Body: savedOut(s)}, nil
	})
	huma.Register(a, huma.Operation{
		OperationID: "delete-saved-search", Method: http.MethodDelete, Path: base + "/{id}", Tags: tags,
		Summary: "Delete a saved search", Security: api.Secured, DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *SavedSearchPath) (*struct{}, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		return nil, api.Err(ctx, m.DeleteSavedSearch(ctx, id.UserID, in.ID))
	})
}
