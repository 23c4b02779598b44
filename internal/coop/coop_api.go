package coop

import (
	"bytes"
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/csvx"
	"teilhabe.org/teilhabe/internal/web"
)

// RuleOut is the statutes' rule for a kind of resolution.
type RuleOut struct {
	Kind          string `json:"kind" enum:"ordinary,annual_accounts,discharge,election,statutes,multiple_votes,dissolution"`
	Majority      string `json:"majority" enum:"simple,two_thirds,three_quarters"`
	QuorumPercent int    `json:"quorum_percent" minimum:"0" maximum:"100"`
}

// CoopOut is a cooperative profile; its id is its organisation's id.
type CoopOut struct {
	ID                   string    `json:"id" format:"uuid"`
	Name                 string    `json:"name"`
	Stage                string    `json:"stage" enum:"idea,founding,founded,registered"`
	Purpose              string    `json:"purpose"`
	HowToJoin            string    `json:"how_to_join"`
	RegisterCourt        string    `json:"register_court"`
	RegisterNumber       string    `json:"register_number"`
	Country              string    `json:"country" doc:"ISO 3166-1 alpha-2."`
	ParentID             string    `json:"parent_id,omitempty"`
	SharePriceCents      int64     `json:"share_price_cents"`
	SharesRequired       int       `json:"shares_required"`
	MaxShares            int       `json:"max_shares"`
	InvestingMembers     bool      `json:"investing_members"`
	InvestingVote        bool      `json:"investing_vote"`
	MultipleVotes        int       `json:"multiple_votes"`
	NoticeMonths         int       `json:"notice_months"`
	YearStartMonth       int       `json:"year_start_month"`
	FurtherContributions bool      `json:"further_contributions"`
	MinPaymentCents      int64     `json:"min_payment_cents"`
	TextForm             bool      `json:"text_form"`
	AuditingAssociation  string    `json:"auditing_association"`
	Rules                []RuleOut `json:"rules" doc:"Majority and quorum per kind of resolution, at least what the law asks."`
	UpdatedAt            time.Time `json:"updated_at"`
}

func coopOut(c *Coop) CoopOut {
	out := CoopOut{ID: c.ID, Name: c.Name, Stage: string(c.Stage), Purpose: c.Purpose, HowToJoin: c.HowToJoin,
		RegisterCourt: c.RegisterCourt, RegisterNumber: c.RegisterNumber, Country: c.Country, ParentID: c.ParentID,
		SharePriceCents: c.SharePriceCents, SharesRequired: c.SharesRequired, MaxShares: c.MaxShares,
		InvestingMembers: c.InvestingMembers, InvestingVote: c.InvestingVote, MultipleVotes: c.MultipleVotes,
		NoticeMonths: c.NoticeMonths, YearStartMonth: c.YearStartMonth, FurtherContributions: c.FurtherContributions,
		MinPaymentCents: c.MinPaymentCents, TextForm: c.TextForm, AuditingAssociation: c.AuditingAssociation,
		UpdatedAt: c.UpdatedAt, Rules: []RuleOut{}}
	for _, k := range ResolutionKinds {
		r := c.RuleFor(k)
		out.Rules = append(out.Rules, RuleOut{Kind: string(k), Majority: string(r.Majority), QuorumPercent: r.QuorumPercent})
	}
	return out
}

// CoopPatch changes some fields of a profile; fields left out keep their value.
type CoopPatch struct {
	Stage                *string    `json:"stage,omitempty" enum:"idea,founding,founded,registered"`
	Purpose              *string    `json:"purpose,omitempty" maxLength:"5000"`
	HowToJoin            *string    `json:"how_to_join,omitempty" maxLength:"5000"`
	RegisterCourt        *string    `json:"register_court,omitempty" maxLength:"200"`
	RegisterNumber       *string    `json:"register_number,omitempty" maxLength:"200"`
	Country              *string    `json:"country,omitempty" pattern:"^[A-Z]{2}$"`
	ParentID             *string    `json:"parent_id,omitempty" doc:"\"\" for none."`
	SharePriceCents      *int64     `json:"share_price_cents,omitempty" minimum:"1" maximum:"10000000"`
	SharesRequired       *int       `json:"shares_required,omitempty" minimum:"1" maximum:"100000"`
	MaxShares            *int       `json:"max_shares,omitempty" minimum:"1" maximum:"100000"`
	InvestingMembers     *bool      `json:"investing_members,omitempty"`
	InvestingVote        *bool      `json:"investing_vote,omitempty"`
	MultipleVotes        *int       `json:"multiple_votes,omitempty" minimum:"1" maximum:"3"`
	NoticeMonths         *int       `json:"notice_months,omitempty" minimum:"0" maximum:"60"`
	YearStartMonth       *int       `json:"year_start_month,omitempty" minimum:"1" maximum:"12"`
	FurtherContributions *bool      `json:"further_contributions,omitempty"`
	MinPaymentCents      *int64     `json:"min_payment_cents,omitempty" minimum:"0"`
	TextForm             *bool      `json:"text_form,omitempty"`
	AuditingAssociation  *string    `json:"auditing_association,omitempty" maxLength:"200"`
	Rules                *[]RuleOut `json:"rules,omitempty" maxItems:"7"`
}

func (p *CoopPatch) apply(d Draft) Draft {
	for _, s := range []struct{ from, to *string }{{p.Purpose, &d.Purpose}, {p.HowToJoin, &d.HowToJoin},
		{p.RegisterCourt, &d.RegisterCourt}, {p.RegisterNumber, &d.RegisterNumber}, {p.Country, &d.Country},
		{p.ParentID, &d.ParentID}, {p.AuditingAssociation, &d.AuditingAssociation}} {
		if s.from != nil {
			*s.to = *s.from
		}
	}
	for _, n := range []struct{ from, to *int }{{p.SharesRequired, &d.SharesRequired}, {p.MaxShares, &d.MaxShares},
		{p.MultipleVotes, &d.MultipleVotes}, {p.NoticeMonths, &d.NoticeMonths}, {p.YearStartMonth, &d.YearStartMonth}} {
		if n.from != nil {
			*n.to = *n.from
		}
	}
	for _, b := range []struct{ from, to *bool }{{p.InvestingMembers, &d.InvestingMembers}, {p.InvestingVote, &d.InvestingVote},
		{p.FurtherContributions, &d.FurtherContributions}, {p.TextForm, &d.TextForm}} {
		if b.from != nil {
			*b.to = *b.from
		}
	}
	if p.Stage != nil {
		d.Stage = Stage(*p.Stage)
	}
	if p.SharePriceCents != nil {
		d.SharePriceCents = *p.SharePriceCents
	}
	if p.MinPaymentCents != nil {
		d.MinPaymentCents = *p.MinPaymentCents
	}
	if p.Rules != nil {
		d.Rules = nil
		for _, r := range *p.Rules {
			d.Rules = append(d.Rules, Rule{Kind: ResolutionKind(r.Kind), Majority: Majority(r.Majority), QuorumPercent: r.QuorumPercent})
		}
	}
	return d
}

// CoopIDPath names a cooperative by its organisation's id.
type CoopIDPath struct {
	ID string `path:"id" doc:"The cooperative's organisation id (a UUID)."`
}

// CoopOutput is one profile.
type CoopOutput struct{ Body CoopOut }

// CoopsOutput is every profile.
type CoopsOutput struct {
	Body struct {
		Coops []CoopOut `json:"coops"`
	}
}

// CreateCoopInput gives an organisation of kind cooperative its profile.
type CreateCoopInput struct {
	Body struct {
		OrganizationID string `json:"organization_id" format:"uuid" doc:"An organisation of kind cooperative the caller owns."`
		CoopPatch
	}
}

// CoopCreatedOutput is a new profile and where it lives.
type CoopCreatedOutput struct {
	Location string `header:"Location"`
	Body     CoopOut
}

// UpdateCoopInput changes a profile.
type UpdateCoopInput struct {
	CoopIDPath
	Body CoopPatch
}

// RegisterAPI adds the cooperatives' operations.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Cooperatives"}
	huma.Register(a, huma.Operation{OperationID: "list-coops", Method: http.MethodGet, Path: api.Prefix + "/coops", Tags: tags,
		Summary: "List cooperatives"}, m.apiList)
	huma.Register(a, huma.Operation{OperationID: "create-coop", Method: http.MethodPost, Path: api.Prefix + "/coops", Tags: tags,
		Summary: "Create the cooperative profile of my cooperative organisation", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "By an owner of an organisation of kind cooperative; the profile's id is the organisation's."}, m.apiCreate)
	huma.Register(a, huma.Operation{OperationID: "get-coop", Method: http.MethodGet, Path: api.Prefix + "/coops/{id}", Tags: tags,
		Summary: "Get a cooperative profile"}, m.apiGet)
	huma.Register(a, huma.Operation{OperationID: "update-coop", Method: http.MethodPatch, Path: api.Prefix + "/coops/{id}", Tags: tags,
		Summary: "Change a cooperative profile", Security: api.Secured, Description: "By the board."}, m.apiUpdate)
	m.memberAPI(a, tags)
	m.assemblyAPI(a, tags)
}

func (m *Module) apiList(ctx context.Context, _ *api.NoInput) (*CoopsOutput, error) {
	cs, err := m.List(ctx)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &CoopsOutput{}
	out.Body.Coops = make([]CoopOut, len(cs))
	for i, c := range cs {
		out.Body.Coops[i] = coopOut(c)
	}
	return out, nil
}

func (m *Module) apiCreate(ctx context.Context, in *CreateCoopInput) (*CoopCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	c, err := m.Create(ctx, id, in.Body.OrganizationID, in.Body.CoopPatch.apply(defaultDraft()))
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CoopCreatedOutput{Location: api.Prefix + "/coops/" + c.ID, Body: coopOut(c)}, nil
}

func (m *Module) apiGet(ctx context.Context, in *CoopIDPath) (*CoopOutput, error) {
	c, err := m.Get(ctx, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CoopOutput{Body: coopOut(c)}, nil
}

func (m *Module) apiUpdate(ctx context.Context, in *UpdateCoopInput) (*CoopOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	c, err := m.Update(ctx, id, in.ID, in.Body.apply)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CoopOutput{Body: coopOut(c)}, nil
}

// ApplicationOut is a declaration to join.
type ApplicationOut struct {
	ID          string    `json:"id" format:"uuid"`
	Name        string    `json:"name"`
	Address     string    `json:"address"`
	Shares      int       `json:"shares"`
	Investing   bool      `json:"investing"`
	Declaration string    `json:"declaration" doc:"The German text declared."`
	DeclaredAt  time.Time `json:"declared_at"`
}

func applicationOut(a *Application) ApplicationOut {
	return ApplicationOut{ID: a.ID, Name: a.Name, Address: a.Address, Shares: a.Shares, Investing: a.Investing,
		Declaration: a.Declaration, DeclaredAt: a.DeclaredAt}
}

// ApplyInput is a declaration to join (§ 15 GenG).
type ApplyInput struct {
	CoopIDPath
	Body struct {
		Name         string `json:"name" minLength:"1" maxLength:"200"`
		Address      string `json:"address" minLength:"1" maxLength:"500"`
		Shares       int    `json:"shares" minimum:"1"`
		Investing    bool   `json:"investing,omitempty"`
		StatutesSeen bool   `json:"statutes_seen" doc:"The applicant was shown the statutes (GET /coops/{id}); must be true."`
		Declare      bool   `json:"declare" doc:"The unconditional declaration to join; must be true."`
	}
}

// ApplicationOutput is one application.
type ApplicationOutput struct{ Body ApplicationOut }

// ApplicationsOutput lists applications.
type ApplicationsOutput struct {
	Body struct {
		Applications []ApplicationOut `json:"applications"`
	}
}

// ApplicationPath names an application of a cooperative.
type ApplicationPath struct {
	CoopIDPath
	AID string `path:"aid" doc:"The application's id."`
}

// EntryOut is a line of the member list.
type EntryOut struct {
	Number    int     `json:"number"`
	MemberID  string  `json:"member_id" format:"uuid"`
	Name      string  `json:"name"`
	Address   string  `json:"address"`
	Shares    int     `json:"shares"`
	Investing bool    `json:"investing"`
	JoinedOn  string  `json:"joined_on" format:"date"`
	LeftOn    *string `json:"left_on" format:"date"`
	Reason    string  `json:"reason,omitempty" enum:"notice,exclusion,death,transfer"`
	Note      string  `json:"note,omitempty"`
}

// MembersInput asks for the list as of a day.
type MembersInput struct {
	CoopIDPath
	AsOf string `query:"as_of" format:"date" doc:"The day of the list; today when absent."`
}

// MembersOutput is the member list as of a day.
type MembersOutput struct {
	Body struct {
		AsOf    string     `json:"as_of" format:"date"`
		Members []EntryOut `json:"members"`
	}
}

// CSVOutput is a CSV file.
type CSVOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

// ShareOut is a line of the share journal.
type ShareOut struct {
	MemberID    string `json:"member_id" format:"uuid"`
	Name        string `json:"name"`
	Kind        string `json:"kind" enum:"subscribe,payment,transfer_out,transfer_in,payout"`
	Shares      int    `json:"shares"`
	Cents       int64  `json:"cents"`
	BookedOn    string `json:"booked_on" format:"date"`
	Counterpart string `json:"counterpart_id,omitempty"`
}

// SharesOutput is the share journal as the caller may see it.
type SharesOutput struct {
	Body struct {
		Entries []ShareOut `json:"entries"`
	}
}

func (m *Module) memberAPI(a huma.API, tags []string) {
	huma.Register(a, huma.Operation{OperationID: "list-coop-applications", Method: http.MethodGet, Path: api.Prefix + "/coops/{id}/applications",
		Tags: tags, Summary: "List the open declarations to join", Security: api.Secured, Description: "For the board."}, m.apiApplications)
	huma.Register(a, huma.Operation{OperationID: "apply-coop", Method: http.MethodPost, Path: api.Prefix + "/coops/{id}/applications",
		Tags: tags, Summary: "Declare to join", Security: api.Secured, DefaultStatus: http.StatusCreated}, m.apiApply)
	huma.Register(a, huma.Operation{OperationID: "admit-coop-application", Method: http.MethodPost,
		Path: api.Prefix + "/coops/{id}/applications/{aid}/admit", Tags: tags, Summary: "Admit an applicant", Security: api.Secured,
		Description: "By the board: the applicant is a member from today."}, m.apiAdmit)
	huma.Register(a, huma.Operation{OperationID: "reject-coop-application", Method: http.MethodPost,
		Path: api.Prefix + "/coops/{id}/applications/{aid}/reject", Tags: tags, Summary: "Reject an applicant", Security: api.Secured,
		Description: "By the board: the applicant is told and the application deleted."}, m.apiReject)
	huma.Register(a, huma.Operation{OperationID: "list-coop-members", Method: http.MethodGet, Path: api.Prefix + "/coops/{id}/members",
		Tags: tags, Summary: "The member list as of a day (§ 30 GenG)", Security: api.Secured,
		Description: "For the board and the supervisory board; every read is in the audit log."}, m.apiMembers)
	huma.Register(a, huma.Operation{OperationID: "export-coop-members", Method: http.MethodGet, Path: api.Prefix + "/coops/{id}/members.csv",
		Tags: tags, Summary: "The member list as of a day as CSV", Security: api.Secured,
		Description: "For the board and the supervisory board; every export is in the audit log."}, m.apiMembersCSV)
	huma.Register(a, huma.Operation{OperationID: "list-coop-shares", Method: http.MethodGet, Path: api.Prefix + "/coops/{id}/shares",
		Tags: tags, Summary: "The share journal", Security: api.Secured,
		Description: "The whole journal for the board and supervisory board; a member's own lines for the member."}, m.apiShares)
}

func (m *Module) apiApplications(ctx context.Context, in *CoopIDPath) (*ApplicationsOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	_, as, err := m.Applications(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ApplicationsOutput{}
	out.Body.Applications = []ApplicationOut{}
	for _, a := range as {
		out.Body.Applications = append(out.Body.Applications, applicationOut(a))
	}
	return out, nil
}

func (m *Module) apiApply(ctx context.Context, in *ApplyInput) (*ApplicationOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	b := in.Body
	a, err := m.Apply(ctx, id, in.ID, ApplicationDraft{Name: b.Name, Address: b.Address, Shares: b.Shares, Investing: b.Investing,
		StatutesSeen: b.StatutesSeen, Declare: b.Declare}, langOf(ctx))
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ApplicationOutput{Body: applicationOut(a)}, nil
}

func (m *Module) apiAdmit(ctx context.Context, in *ApplicationPath) (*api.NoContent, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := m.Admit(ctx, id, in.ID, in.AID); err != nil {
		return nil, api.Err(ctx, err)
	}
	return &api.NoContent{}, nil
}

func (m *Module) apiReject(ctx context.Context, in *ApplicationPath) (*api.NoContent, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Reject(ctx, id, in.ID, in.AID); err != nil {
		return nil, api.Err(ctx, err)
	}
	return &api.NoContent{}, nil
}

// boardList reads the list as of a day for the board and supervisory
// board, which alone see it through the API.
func (m *Module) boardList(ctx context.Context, in *MembersInput, what string) (time.Time, []Entry, error) {
	id, err := api.User(ctx)
	if err != nil {
		return time.Time{}, nil, err
	}
	asOf := m.today()
	if in.AsOf != "" {
		t, err := parseDay(in.AsOf)
		if err != nil {
			return asOf, nil, api.Err(ctx, apperr.Field("query.as_of", "coop.field.day"))
		}
		asOf = t
	}
	c, err := m.Get(ctx, in.ID)
	if err != nil {
		return asOf, nil, api.Err(ctx, err)
	}
	st, err := m.standingIn(ctx, c, id)
	if err != nil {
		return asOf, nil, api.Err(ctx, err)
	}
	if !st.Board && !st.Supervisory {
		return asOf, nil, api.Err(ctx, apperr.New(apperr.Forbidden, "coop.list.forbidden"))
	}
	_, list, err := m.MemberList(ctx, id, in.ID, asOf, what)
	if err != nil {
		return asOf, nil, api.Err(ctx, err)
	}
	return asOf, list, nil
}

func (m *Module) apiMembers(ctx context.Context, in *MembersInput) (*MembersOutput, error) {
	asOf, list, err := m.boardList(ctx, in, "api")
	if err != nil {
		return nil, err
	}
	out := &MembersOutput{}
	out.Body.AsOf, out.Body.Members = day(asOf), []EntryOut{}
	for _, e := range list {
		o := EntryOut{Number: e.Number, MemberID: e.MemberID, Name: e.Name, Address: e.Address, Shares: e.Shares,
			Investing: e.Investing, JoinedOn: day(e.JoinedOn), Reason: string(e.Reason), Note: e.Note}
		if e.LeftOn != nil {
			s := day(*e.LeftOn)
			o.LeftOn = &s
		}
		out.Body.Members = append(out.Body.Members, o)
	}
	return out, nil
}

func (m *Module) apiMembersCSV(ctx context.Context, in *MembersInput) (*CSVOutput, error) {
	asOf, list, err := m.boardList(ctx, in, "csv")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	w := csvx.NewWriter(&b)
	writeList(w, list)
	if err := w.Flush(); err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CSVOutput{ContentType: "text/csv; charset=utf-8",
		ContentDisposition: `attachment; filename="mitgliederliste-` + day(asOf) + `.csv"`, Body: b.Bytes()}, nil
}

func (m *Module) apiShares(ctx context.Context, in *CoopIDPath) (*SharesOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	_, es, err := m.ShareJournal(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &SharesOutput{}
	out.Body.Entries = []ShareOut{}
	for _, e := range es {
		out.Body.Entries = append(out.Body.Entries, ShareOut{MemberID: e.MemberID, Name: e.MemberName, Kind: e.Kind, Shares: e.Shares,
			Cents: e.Cents, BookedOn: day(e.BookedOn), Counterpart: e.Counterpart})
	}
	return out, nil
}

// langOf is the caller's interface language.
func langOf(ctx context.Context) string {
	if l := web.Localizer(ctx); l != nil {
		return l.Lang()
	}
	return "de"
}
