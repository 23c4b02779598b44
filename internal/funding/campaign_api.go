package funding

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/auth"
)

// RewardOut is a reward as the API shows it.
type RewardOut struct {
	ID       string `json:"id" format:"uuid"`
	Title    string `json:"title"`
	Amount   int64  `json:"amount" doc:"The least amount, in euro cents."`
	Quantity int    `json:"quantity" doc:"How many there are; 0: no limit."`
	Taken    int    `json:"taken"`
}

// MatchOut is a matchfunding promise.
type MatchOut struct {
	OrganizationID string `json:"organization_id" format:"uuid"`
	Cap            int64  `json:"cap" doc:"At most this many euro cents."`
}

// CampaignOut is a campaign as the API shows it; the account is public,
// it is where supporters pay.
type CampaignOut struct {
	ID             string      `json:"id" format:"uuid"`
	OrganizationID string      `json:"organization_id" format:"uuid"`
	Title          string      `json:"title"`
	Story          string      `json:"story" doc:"Markdown: paragraphs, emphasis, lists, quotes, subheadings, links."`
	ContentLang    string      `json:"content_lang"`
	Purpose        string      `json:"purpose" enum:"donation,shares,rewards"`
	Status         string      `json:"status" enum:"draft,running,succeeded,failed,cancelled"`
	Goal           int64       `json:"goal" doc:"Euro cents."`
	Stretch        int64       `json:"stretch" doc:"A second goal in euro cents; 0 for none."`
	Minimum        int64       `json:"minimum" doc:"The least reservation, in euro cents."`
	SharePrice     int64       `json:"share_price" doc:"For shares: reservations are multiples of it, in euro cents."`
	Deadline       time.Time   `json:"deadline"`
	Holder         string      `json:"holder"`
	IBAN           string      `json:"iban"`
	BIC            string      `json:"bic"`
	Receipts       bool        `json:"receipts" doc:"The organisation says it issues donation receipts."`
	LedgerPublic   bool        `json:"ledger_public"`
	Rewards        []RewardOut `json:"rewards"`
	Matches        []MatchOut  `json:"matches"`
	Reserved       int64       `json:"reserved" doc:"Euro cents reserved by supporters."`
	Matched        int64       `json:"matched" doc:"Euro cents matchers add."`
	Total          int64       `json:"total" doc:"reserved + matched: what counts toward the goal."`
	Paid           int64       `json:"paid" doc:"Euro cents that arrived."`
	Supporters     int         `json:"supporters"`
	Manage         bool        `json:"manage" doc:"Whether the caller may change it."`
	CreatedAt      time.Time   `json:"created_at"`
	PublishedAt    *time.Time  `json:"published_at"`
	DecidedAt      *time.Time  `json:"decided_at"`
}

func (m *Module) campaignOut(ctx context.Context, c *Campaign, viewer *auth.Identity) (CampaignOut, error) {
	out := CampaignOut{ID: c.ID, OrganizationID: c.OrganizationID, Title: c.Title, Story: c.Story, ContentLang: c.ContentLang,
		Purpose: string(c.Purpose), Status: string(c.Status), Goal: c.Goal, Stretch: c.Stretch, Minimum: c.Minimum,
		SharePrice: c.SharePrice, Deadline: c.Deadline, Holder: c.Holder, IBAN: c.IBAN, BIC: c.BIC, Receipts: c.Receipts,
		LedgerPublic: c.LedgerPublic, Rewards: []RewardOut{}, Matches: []MatchOut{},
		Manage: m.mayActFor(ctx, c.OrganizationID, viewer), CreatedAt: c.CreatedAt, PublishedAt: c.PublishedAt,
		DecidedAt: c.DecidedAt}
	for _, r := range c.Rewards {
		out.Rewards = append(out.Rewards, RewardOut{ID: r.ID, Title: r.Title, Amount: r.Amount, Quantity: r.Quantity, Taken: r.Taken})
	}
	ms, err := matchesOf(ctx, m.s.DB, c.ID)
	if err != nil {
		return out, err
	}
	for _, x := range ms {
		out.Matches = append(out.Matches, MatchOut{OrganizationID: x.OrganizationID, Cap: x.Cap})
	}
	p, err := m.Progress(ctx, c)
	out.Reserved, out.Matched, out.Total, out.Paid, out.Supporters = p.Reserved, p.Matched, p.Total, p.Paid, p.Supporter
	return out, err
}

// RewardInput is a reward of a campaign.
type RewardInput struct {
	ID       string `json:"id,omitempty" doc:"A reward's id to keep it; new rewards have none."`
	Title    string `json:"title" minLength:"1" maxLength:"120"`
	Amount   int64  `json:"amount" minimum:"100" doc:"The least amount, in euro cents; not below the campaign's minimum."`
	Quantity int    `json:"quantity,omitempty" minimum:"0" doc:"0: no limit."`
}

// CampaignInput starts a campaign, as a draft.
type CampaignInput struct {
	OrganizationID string        `json:"organization_id" format:"uuid" doc:"The caller must be an owner or editor of it, or a coordinator."`
	Title          string        `json:"title" minLength:"1" maxLength:"120"`
	Story          string        `json:"story" minLength:"1" maxLength:"20000"`
	ContentLang    string        `json:"content_lang" minLength:"2" maxLength:"3"`
	Purpose        string        `json:"purpose" enum:"donation,shares,rewards"`
	Goal           int64         `json:"goal" minimum:"1" maximum:"10000000000" doc:"Euro cents."`
	Stretch        int64         `json:"stretch,omitempty" minimum:"0" maximum:"10000000000" doc:"Above the goal; 0 for none."`
	Minimum        int64         `json:"minimum,omitempty" minimum:"0" maximum:"10000000000" doc:"Default 500 (5 euros); at least 100."`
	SharePrice     int64         `json:"share_price,omitempty" minimum:"0" maximum:"10000000000" doc:"Required for shares; the goal is a multiple of it."`
	Deadline       time.Time     `json:"deadline" doc:"In the future, at most a year ahead."`
	Holder         string        `json:"holder" minLength:"1" maxLength:"70" doc:"The account holder."`
	IBAN           string        `json:"iban" minLength:"15" maxLength:"42" doc:"Checked by its checksum; spaces allowed."`
	BIC            string        `json:"bic,omitempty" maxLength:"14"`
	Receipts       bool          `json:"receipts,omitempty" doc:"Only for donations."`
	LedgerPublic   *bool         `json:"ledger_public,omitempty" doc:"Default true."`
	Rewards        []RewardInput `json:"rewards,omitempty" maxItems:"20" doc:"Only for rewards."`
}

func rewardsOf(in []RewardInput) []Reward {
	var out []Reward
	for _, r := range in {
		out = append(out, Reward{ID: r.ID, Title: r.Title, Amount: r.Amount, Quantity: r.Quantity})
	}
	return out
}

func (in *CampaignInput) draft() CampaignDraft {
	return CampaignDraft{OrganizationID: in.OrganizationID, Title: in.Title, Story: in.Story, ContentLang: in.ContentLang,
		Purpose: Purpose(in.Purpose), Goal: in.Goal, Stretch: in.Stretch, Minimum: in.Minimum, SharePrice: in.SharePrice,
		Deadline: in.Deadline, Holder: in.Holder, IBAN: in.IBAN, BIC: in.BIC, Receipts: in.Receipts,
		LedgerPublic: in.LedgerPublic == nil || *in.LedgerPublic, Rewards: rewardsOf(in.Rewards)}
}

// CampaignPatch changes some fields; fields left out keep their value.
// Once people reserved, goal, deadline and account stay.
type CampaignPatch struct {
	Title        *string        `json:"title,omitempty" minLength:"1" maxLength:"120"`
	Story        *string        `json:"story,omitempty" minLength:"1" maxLength:"20000"`
	ContentLang  *string        `json:"content_lang,omitempty" minLength:"2" maxLength:"3"`
	Purpose      *string        `json:"purpose,omitempty" enum:"donation,shares,rewards"`
	Goal         *int64         `json:"goal,omitempty" minimum:"1" maximum:"10000000000"`
	Stretch      *int64         `json:"stretch,omitempty" minimum:"0" maximum:"10000000000"`
	Minimum      *int64         `json:"minimum,omitempty" minimum:"0" maximum:"10000000000"`
	SharePrice   *int64         `json:"share_price,omitempty" minimum:"0" maximum:"10000000000"`
	Deadline     *time.Time     `json:"deadline,omitempty"`
	Holder       *string        `json:"holder,omitempty" minLength:"1" maxLength:"70"`
	IBAN         *string        `json:"iban,omitempty" minLength:"15" maxLength:"42"`
	BIC          *string        `json:"bic,omitempty" maxLength:"14"`
	Receipts     *bool          `json:"receipts,omitempty"`
	LedgerPublic *bool          `json:"ledger_public,omitempty"`
	Rewards      *[]RewardInput `json:"rewards,omitempty" maxItems:"20"`
}

func (p *CampaignPatch) apply(d CampaignDraft) CampaignDraft {
	for _, s := range []struct{ from, to *string }{{p.Title, &d.Title}, {p.Story, &d.Story},
		{p.ContentLang, &d.ContentLang}, {p.Holder, &d.Holder}, {p.IBAN, &d.IBAN}, {p.BIC, &d.BIC}} {
		if s.from != nil {
			*s.to = *s.from
		}
	}
	for _, n := range []struct{ from, to *int64 }{{p.Goal, &d.Goal}, {p.Stretch, &d.Stretch}, {p.Minimum, &d.Minimum},
		{p.SharePrice, &d.SharePrice}} {
		if n.from != nil {
			*n.to = *n.from
		}
	}
	if p.Purpose != nil {
		d.Purpose = Purpose(*p.Purpose)
	}
	if p.Deadline != nil {
		d.Deadline = *p.Deadline
	}
	if p.Receipts != nil {
		d.Receipts = *p.Receipts
	}
	if p.LedgerPublic != nil {
		d.LedgerPublic = *p.LedgerPublic
	}
	if p.Rewards != nil {
		d.Rewards = rewardsOf(*p.Rewards)
	}
	return d
}

// ListCampaignsInput filters the campaigns.
type ListCampaignsInput struct {
	OrganizationID string `query:"organization_id" format:"uuid" doc:"Only this organisation's; its drafts too for those who act for it."`
	Limit          int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

// ListCampaignsOutput is the campaigns, running first.
type ListCampaignsOutput struct {
	Body struct {
		Campaigns []CampaignOut `json:"campaigns"`
	}
}

// CampaignOutput is one campaign.
type CampaignOutput struct{ Body CampaignOut }

// CampaignCreatedOutput is a new campaign and where it lives.
type CampaignCreatedOutput struct {
	Location string `header:"Location"`
	Body     CampaignOut
}

// CampaignIDPath names a campaign.
type CampaignIDPath struct {
	ID string `path:"id" doc:"The campaign's id (a UUID)."`
}

// CreateCampaignInput starts a campaign.
type CreateCampaignInput struct{ Body CampaignInput }

// UpdateCampaignInput changes a campaign.
type UpdateCampaignInput struct {
	CampaignIDPath
	Body CampaignPatch
}

// RegisterAPI adds the campaign operations.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Campaigns"}
	huma.Register(a, huma.Operation{OperationID: "list-campaigns", Method: http.MethodGet, Path: api.Prefix + "/campaigns",
		Tags: tags, Summary: "List campaigns", Description: "Published campaigns, running first; amounts in euro cents."}, m.apiList)
	huma.Register(a, huma.Operation{OperationID: "create-campaign", Method: http.MethodPost, Path: api.Prefix + "/campaigns",
		Tags: tags, Summary: "Start a campaign", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "As a draft, by an owner or editor of the organisation or a coordinator; publish opens it."}, m.apiCreate)
	huma.Register(a, huma.Operation{OperationID: "get-campaign", Method: http.MethodGet, Path: api.Prefix + "/campaigns/{id}",
		Tags: tags, Summary: "Get a campaign", Description: "Drafts only for the people who act for its organisation."}, m.apiGet)
	huma.Register(a, huma.Operation{OperationID: "update-campaign", Method: http.MethodPatch, Path: api.Prefix + "/campaigns/{id}",
		Tags: tags, Summary: "Change a campaign", Security: api.Secured,
		Description: "By its organisation's owners and editors until it is settled; once people reserved, goal, deadline and account stay."}, m.apiUpdate)
	huma.Register(a, huma.Operation{OperationID: "publish-campaign", Method: http.MethodPost, Path: api.Prefix + "/campaigns/{id}/publish",
		Tags: tags, Summary: "Publish a campaign", Security: api.Secured}, m.apiPublish)
	huma.Register(a, huma.Operation{OperationID: "cancel-campaign", Method: http.MethodPost, Path: api.Prefix + "/campaigns/{id}/cancel",
		Tags: tags, Summary: "Cancel a campaign", Security: api.Secured,
		Description: "Before it is settled; everybody who reserved is told that nothing is to be paid."}, m.apiCancel)
	m.reservationAPI(a)
	m.bookingAPI(a)
	m.ledgerAPI(a)
}

func (m *Module) apiList(ctx context.Context, in *ListCampaignsInput) (*ListCampaignsOutput, error) {
	viewer := auth.From(ctx)
	cs, err := m.List(ctx, viewer, in.OrganizationID, in.Limit)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ListCampaignsOutput{}
	out.Body.Campaigns = make([]CampaignOut, len(cs))
	for i, c := range cs {
		if out.Body.Campaigns[i], err = m.campaignOut(ctx, c, viewer); err != nil {
			return nil, api.Err(ctx, err)
		}
	}
	return out, nil
}

func (m *Module) apiCreate(ctx context.Context, in *CreateCampaignInput) (*CampaignCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	c, err := m.Create(ctx, id, in.Body.draft())
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out, err := m.campaignOut(ctx, c, id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CampaignCreatedOutput{Location: api.Prefix + "/campaigns/" + c.ID, Body: out}, nil
}

func (m *Module) apiGet(ctx context.Context, in *CampaignIDPath) (*CampaignOutput, error) {
	return m.apiOne(ctx, func(viewer *auth.Identity) (*Campaign, error) { return m.Get(ctx, viewer, in.ID) }, false)
}

func (m *Module) apiUpdate(ctx context.Context, in *UpdateCampaignInput) (*CampaignOutput, error) {
	return m.apiOne(ctx, func(id *auth.Identity) (*Campaign, error) {
		return m.Update(ctx, id, in.ID, func(d CampaignDraft) CampaignDraft { return in.Body.apply(d) })
	}, true)
}

func (m *Module) apiPublish(ctx context.Context, in *CampaignIDPath) (*CampaignOutput, error) {
	return m.apiOne(ctx, func(id *auth.Identity) (*Campaign, error) { return m.Publish(ctx, id, in.ID) }, true)
}

func (m *Module) apiCancel(ctx context.Context, in *CampaignIDPath) (*CampaignOutput, error) {
	return m.apiOne(ctx, func(id *auth.Identity) (*Campaign, error) { return m.Cancel(ctx, id, in.ID) }, true)
}

// apiOne runs op as the caller (who must be logged in when signed) and
// answers the campaign.
func (m *Module) apiOne(ctx context.Context, op func(*auth.Identity) (*Campaign, error), signed bool) (*CampaignOutput, error) {
	id := auth.From(ctx)
	if signed {
		var err error
		if id, err = api.User(ctx); err != nil {
			return nil, err
		}
	}
	c, err := op(id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out, err := m.campaignOut(ctx, c, id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CampaignOutput{Body: out}, nil
}
