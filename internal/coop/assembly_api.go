package coop

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/auth"
)

// AgendaOut is an agenda item.
type AgendaOut struct {
	ID         string `json:"id" format:"uuid"`
	Position   int    `json:"position"`
	Title      string `json:"title"`
	Resolvable bool   `json:"resolvable" doc:"false for an item announced less than a week ahead (§ 46 (2) GenG)."`
}

// MotionOut is a motion; its counts are there only once it is closed.
type MotionOut struct {
	ID            string `json:"id" format:"uuid"`
	AgendaID      string `json:"agenda_id" format:"uuid"`
	Title         string `json:"title"`
	Body          string `json:"body"`
	Kind          string `json:"kind"`
	Majority      string `json:"majority" enum:"simple,two_thirds,three_quarters"`
	QuorumPercent int    `json:"quorum_percent"`
	Secret        bool   `json:"secret"`
	Status        string `json:"status" enum:"open,closed"`
	Yes           *int   `json:"yes,omitempty"`
	No            *int   `json:"no,omitempty"`
	Abstain       *int   `json:"abstain,omitempty"`
	QuorumMet     *bool  `json:"quorum_met,omitempty"`
	Adopted       *bool  `json:"adopted,omitempty"`
}

func motionOut(mo *Motion) MotionOut {
	out := MotionOut{ID: mo.ID, AgendaID: mo.AgendaID, Title: mo.Title, Body: mo.Body, Kind: string(mo.Kind),
		Majority: string(mo.Majority), QuorumPercent: mo.QuorumPercent, Secret: mo.Secret, Status: mo.Status}
	if mo.Closed() {
		out.Yes, out.No, out.Abstain, out.QuorumMet, out.Adopted = &mo.Yes, &mo.No, &mo.Abstain, &mo.QuorumMet, &mo.Adopted
	}
	return out
}

// AssemblyOut is an assembly for its cooperative's members and boards.
type AssemblyOut struct {
	ID         string      `json:"id" format:"uuid"`
	CoopID     string      `json:"coop_id" format:"uuid"`
	Kind       string      `json:"kind" enum:"founding,ordinary,extraordinary"`
	Format     string      `json:"format" enum:"in_person,online,hybrid,split"`
	StartsAt   time.Time   `json:"starts_at"`
	Place      string      `json:"place"`
	Status     string      `json:"status" enum:"convened,closed"`
	Invitation string      `json:"invitation" doc:"The German invitation as sent."`
	Agenda     []AgendaOut `json:"agenda"`
	Motions    []MotionOut `json:"motions"`
}

func assemblyOut(a *Assembly) AssemblyOut {
	out := AssemblyOut{ID: a.ID, CoopID: a.CoopID, Kind: a.Kind, Format: string(a.Format), StartsAt: a.StartsAt, Place: a.Place,
		Status: a.Status, Invitation: a.Invitation, Agenda: []AgendaOut{}, Motions: []MotionOut{}}
	for _, i := range a.Agenda {
		out.Agenda = append(out.Agenda, AgendaOut{ID: i.ID, Position: i.Position, Title: i.Title, Resolvable: i.Resolvable(a)})
	}
	for _, mo := range a.Motions {
		out.Motions = append(out.Motions, motionOut(mo))
	}
	return out
}

// AssembliesOutput lists a cooperative's assemblies.
type AssembliesOutput struct {
	Body struct {
		Assemblies []AssemblyOut `json:"assemblies"`
	}
}

// AssemblyOutput is one assembly.
type AssemblyOutput struct{ Body AssemblyOut }

// AssemblyCreatedOutput is a convened assembly and where it lives.
type AssemblyCreatedOutput struct {
	Location string `header:"Location"`
	Body     AssemblyOut
}

// ConveneInput convenes an assembly.
type ConveneInput struct {
	CoopIDPath
	Body struct {
		Kind      string    `json:"kind" enum:"founding,ordinary,extraordinary"`
		Format    string    `json:"format" enum:"in_person,online,hybrid,split"`
		StartsAt  time.Time `json:"starts_at" doc:"At least two weeks ahead, but the founding meeting."`
		Place     string    `json:"place,omitempty" maxLength:"200"`
		OnlineURL string    `json:"online_url,omitempty" maxLength:"500"`
		ChairID   string    `json:"chair_id,omitempty" doc:"A member's id."`
		KeeperID  string    `json:"keeper_id,omitempty" doc:"A member's id."`
		Agenda    []string  `json:"agenda" minItems:"1" maxItems:"30"`
	}
}

// AssemblyIDPath names an assembly.
type AssemblyIDPath struct {
	ID string `path:"id" doc:"The assembly's id."`
}

// ProxyInput gives a proxy.
type ProxyInput struct {
	AssemblyIDPath
	Body struct {
		HolderID string `json:"holder_id" doc:"The member who will vote for the caller."`
	}
}

// ProxyOutput is a proxy given.
type ProxyOutput struct {
	Body struct {
		ID          string `json:"id" format:"uuid"`
		PrincipalID string `json:"principal_id" format:"uuid"`
		HolderID    string `json:"holder_id" format:"uuid"`
	}
}

// MotionInput puts a motion.
type MotionInput struct {
	AssemblyIDPath
	Body struct {
		AgendaID  string `json:"agenda_id"`
		Title     string `json:"title" minLength:"1" maxLength:"200"`
		Body      string `json:"body,omitempty" maxLength:"10000"`
		Kind      string `json:"kind" enum:"ordinary,annual_accounts,discharge,election,statutes,multiple_votes,dissolution"`
		Secret    bool   `json:"secret,omitempty"`
		SubjectID string `json:"subject_id,omitempty" doc:"For a discharge: whose."`
	}
}

// MotionCreatedOutput is a motion put to the vote.
type MotionCreatedOutput struct{ Body MotionOut }

// MotionIDPath names a motion.
type MotionIDPath struct {
	ID string `path:"id" doc:"The motion's id."`
}

// BallotInput casts a vote.
type BallotInput struct {
	MotionIDPath
	Body struct {
		Choice string `json:"choice" enum:"yes,no,abstain"`
		For    string `json:"for,omitempty" doc:"The member the caller votes for as proxy holder; absent for the caller."`
	}
}

// MotionOutput is a motion.
type MotionOutput struct{ Body MotionOut }

func (m *Module) assemblyAPI(a huma.API, tags []string) {
	huma.Register(a, huma.Operation{OperationID: "list-coop-assemblies", Method: http.MethodGet, Path: api.Prefix + "/coops/{id}/assemblies",
		Tags: tags, Summary: "List a cooperative's assemblies", Security: api.Secured, Description: "For its members and boards."}, m.apiAssemblies)
	huma.Register(a, huma.Operation{OperationID: "convene-coop-assembly", Method: http.MethodPost, Path: api.Prefix + "/coops/{id}/assemblies",
		Tags: tags, Summary: "Convene a general assembly", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "By the board; every member is invited in their language with the German invitation."}, m.apiConvene)
	huma.Register(a, huma.Operation{OperationID: "get-coop-assembly", Method: http.MethodGet, Path: api.Prefix + "/assemblies/{id}",
		Tags: tags, Summary: "Get an assembly", Security: api.Secured, Description: "For its cooperative's members and boards; results only of closed motions."}, m.apiAssembly)
	huma.Register(a, huma.Operation{OperationID: "attend-coop-assembly", Method: http.MethodPost, Path: api.Prefix + "/assemblies/{id}/attend",
		Tags: tags, Summary: "Attend an assembly online", Security: api.Secured}, m.apiAttend)
	huma.Register(a, huma.Operation{OperationID: "give-coop-proxy", Method: http.MethodPost, Path: api.Prefix + "/assemblies/{id}/proxies",
		Tags: tags, Summary: "Give a proxy in text form", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "A holder represents at most two members; a principal does not vote while the proxy stands."}, m.apiProxy)
	huma.Register(a, huma.Operation{OperationID: "add-coop-motion", Method: http.MethodPost, Path: api.Prefix + "/assemblies/{id}/motions",
		Tags: tags, Summary: "Put a motion to the vote", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "By the board or the chair, on an item announced at least a week ahead."}, m.apiMotion)
	huma.Register(a, huma.Operation{OperationID: "cast-coop-ballot", Method: http.MethodPost, Path: api.Prefix + "/motions/{id}/ballots",
		Tags: tags, Summary: "Cast a vote", Security: api.Secured, Description: "For the caller or a principal whose proxy the caller holds."}, m.apiCast)
	huma.Register(a, huma.Operation{OperationID: "get-coop-minutes", Method: http.MethodGet, Path: api.Prefix + "/assemblies/{id}/minutes",
		Tags: tags, Summary: "The minutes of an assembly (§ 47 GenG)", Security: api.Secured,
		Description: "In German; generated from the records until the chair confirms them, read-only once a board member present confirmed too."}, m.apiMinutes)
	huma.Register(a, huma.Operation{OperationID: "get-coop-minutes-pdf", Method: http.MethodGet, Path: api.Prefix + "/assemblies/{id}/minutes.pdf",
		Tags: tags, Summary: "The minutes of an assembly as PDF", Security: api.Secured}, m.apiMinutesPDF)
	huma.Register(a, huma.Operation{OperationID: "close-coop-motion", Method: http.MethodPost, Path: api.Prefix + "/motions/{id}/close",
		Tags: tags, Summary: "Close a motion and count it", Security: api.Secured, Description: "By the board or the chair."}, m.apiCloseMotion)
}

func (m *Module) apiAssemblies(ctx context.Context, in *CoopIDPath) (*AssembliesOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	c, err := m.Get(ctx, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	st, err := m.standingIn(ctx, c, id)
	if err == nil && !st.SeesList() {
		err = errNotFound
	}
	var as []*Assembly
	if err == nil {
		as, err = listAssemblies(ctx, m.s.DB, c.ID)
	}
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &AssembliesOutput{}
	out.Body.Assemblies = []AssemblyOut{}
	for _, a := range as {
		full, err := getAssembly(ctx, m.s.DB, a.ID)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		out.Body.Assemblies = append(out.Body.Assemblies, assemblyOut(full))
	}
	return out, nil
}

func (m *Module) apiConvene(ctx context.Context, in *ConveneInput) (*AssemblyCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	b := in.Body
	a, err := m.Convene(ctx, id, in.ID, AssemblyDraft{Kind: b.Kind, Format: Format(b.Format), StartsAt: b.StartsAt, Place: b.Place,
		OnlineURL: b.OnlineURL, ChairID: b.ChairID, KeeperID: b.KeeperID, Agenda: b.Agenda})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &AssemblyCreatedOutput{Location: api.Prefix + "/assemblies/" + a.ID, Body: assemblyOut(a)}, nil
}

func (m *Module) apiAssembly(ctx context.Context, in *AssemblyIDPath) (*AssemblyOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	v, err := m.View(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &AssemblyOutput{Body: assemblyOut(v.Assembly)}, nil
}

func (m *Module) apiAttend(ctx context.Context, in *AssemblyIDPath) (*api.NoContent, error) {
	return m.noContent(ctx, func(id *auth.Identity) error { return m.Attend(ctx, id, in.ID) })
}

func (m *Module) apiProxy(ctx context.Context, in *ProxyInput) (*ProxyOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	p, err := m.GiveProxy(ctx, id, in.ID, in.Body.HolderID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ProxyOutput{}
	out.Body.ID, out.Body.PrincipalID, out.Body.HolderID = p.ID, p.PrincipalID, p.HolderID
	return out, nil
}

func (m *Module) apiMotion(ctx context.Context, in *MotionInput) (*MotionCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	b := in.Body
	mo, err := m.AddMotion(ctx, id, in.ID, MotionDraft{AgendaID: b.AgendaID, Title: b.Title, Body: b.Body, Kind: ResolutionKind(b.Kind),
		Secret: b.Secret, SubjectID: b.SubjectID})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &MotionCreatedOutput{Body: motionOut(mo)}, nil
}

func (m *Module) apiCast(ctx context.Context, in *BallotInput) (*api.NoContent, error) {
	return m.noContent(ctx, func(id *auth.Identity) error { return m.Cast(ctx, id, in.ID, Choice(in.Body.Choice), in.Body.For) })
}

func (m *Module) apiCloseMotion(ctx context.Context, in *MotionIDPath) (*MotionOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	mo, err := m.CloseMotion(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &MotionOutput{Body: motionOut(mo)}, nil
}

func (m *Module) noContent(ctx context.Context, fn func(id *auth.Identity) error) (*api.NoContent, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if err := fn(id); err != nil {
		return nil, api.Err(ctx, err)
	}
	return &api.NoContent{}, nil
}

// MinutesOutput is an assembly's minutes.
type MinutesOutput struct {
	Body struct {
		Text             string     `json:"text" doc:"The German minutes."`
		Draft            bool       `json:"draft"`
		Final            bool       `json:"final"`
		ChairConfirmedAt *time.Time `json:"chair_confirmed_at"`
		BoardConfirmedAt *time.Time `json:"board_confirmed_at"`
	}
}

func (m *Module) apiMinutes(ctx context.Context, in *AssemblyIDPath) (*MinutesOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	mi, err := m.MinutesOf(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &MinutesOutput{}
	out.Body.Text, out.Body.Draft, out.Body.Final = mi.Text, mi.Draft, mi.Final()
	out.Body.ChairConfirmedAt, out.Body.BoardConfirmedAt = mi.ChairConfirmedAt, mi.BoardConfirmedAt
	return out, nil
}
