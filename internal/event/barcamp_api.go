package event

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/auth"
)

// BarcampSessionOut is a barcamp session as the API shows it: hosts by name.
type BarcampSessionOut struct {
	ID          string     `json:"id" format:"uuid"`
	EventID     string     `json:"event_id" format:"uuid"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Lang        string     `json:"lang"`
	Format      string     `json:"format" enum:"talk,discussion,workshop"`
	Hosts       []string   `json:"hosts" doc:"The hosts' display names, who proposed it first."`
	Votes       int        `json:"votes"`
	Voted       bool       `json:"voted" doc:"Whether the caller voted for it."`
	Manage      bool       `json:"manage" doc:"Whether the caller may change and withdraw it."`
	RoomID      string     `json:"room_id,omitempty" format:"uuid" doc:"Its room in the published schedule (organisers: in the draft too)."`
	SlotID      string     `json:"slot_id,omitempty" format:"uuid"`
	Start       *time.Time `json:"start,omitempty" doc:"Its slot's start, once scheduled."`
	End         *time.Time `json:"end,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

// sessionsOut turns the camp's sessions into their API form; the draft
// schedule shows only to the organisers.
func (m *Module) sessionsOut(ctx context.Context, e *Event, b *Camp, sessions []*Session, viewer *auth.Identity) ([]BarcampSessionOut, error) {
	views, err := m.views(ctx, e, b, sessions, viewer)
	if err != nil {
		return nil, err
	}
	draft := b.Published == nil && !m.canManage(ctx, e, viewer)
	out := make([]BarcampSessionOut, len(views))
	for i, v := range views {
		o := BarcampSessionOut{ID: v.ID, EventID: v.EventID, Title: v.Title, Description: v.Description, Lang: v.Lang,
			Format: string(v.Format), Hosts: v.HostNames, Votes: v.Votes, Voted: v.Voted, Manage: v.CanEdit,
			CreatedAt: v.CreatedAt}
		if o.Hosts == nil {
			o.Hosts = []string{}
		}
		if !draft && v.Slot != nil && v.Room != nil {
			o.RoomID, o.SlotID = v.RoomID, v.SlotID
			o.Start, o.End = &v.Slot.Start, &v.Slot.End
		}
		out[i] = o
	}
	return out, nil
}

// BarcampSessionInput proposes a session.
type BarcampSessionInput struct {
	Title       string   `json:"title" minLength:"1" maxLength:"120"`
	Description string   `json:"description" minLength:"1" maxLength:"1000"`
	Lang        string   `json:"lang" minLength:"2" maxLength:"3" doc:"The session's language (ISO 639-1)."`
	Format      string   `json:"format" enum:"talk,discussion,workshop"`
	CoHosts     []string `json:"co_hosts,omitempty" maxItems:"3" doc:"User ids of registered participants who host it too."`
}

// BarcampProposeSessionInput is a proposal for a camp.
type BarcampProposeSessionInput struct {
	EventIDPath
	Body BarcampSessionInput
}

// BarcampSessionPath names a session of a camp.
type BarcampSessionPath struct {
	EventIDPath
	SID string `path:"sid" format:"uuid" doc:"The session's id."`
}

// BarcampSessionsOutput lists a camp's sessions, the most voted first.
type BarcampSessionsOutput struct {
	Body struct {
		Sessions  []BarcampSessionOut `json:"sessions"`
		VotesEach int                 `json:"votes_each" doc:"How many sessions each participant may vote for."`
	}
}

// BarcampSessionCreatedOutput is a new session and where it lives.
type BarcampSessionCreatedOutput struct {
	Location string `header:"Location"`
	Body     BarcampSessionOut
}

// BarcampPlacementIO puts a session into a room and slot.
type BarcampPlacementIO struct {
	SessionID string `json:"session_id" format:"uuid"`
	RoomID    string `json:"room_id" format:"uuid"`
	SlotID    string `json:"slot_id" format:"uuid"`
}

// BarcampRoomOut is a room of the camp.
type BarcampRoomOut struct {
	ID   string `json:"id" format:"uuid"`
	Name string `json:"name"`
	Size int    `json:"size"`
}

// BarcampSlotOut is a time slot of the camp.
type BarcampSlotOut struct {
	ID    string    `json:"id" format:"uuid"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// BarcampScheduleOutput is the camp's grid and schedule.
type BarcampScheduleOutput struct {
	Body struct {
		Published  bool                 `json:"published"`
		Rooms      []BarcampRoomOut     `json:"rooms" doc:"Largest first."`
		Slots      []BarcampSlotOut     `json:"slots" doc:"Earliest first."`
		Placements []BarcampPlacementIO `json:"placements" doc:"The published schedule; to its organisers also the draft."`
	}
}

// BarcampScheduleInput replaces the schedule; sessions not named leave it.
type BarcampScheduleInput struct {
	EventIDPath
	Body struct {
		Placements []BarcampPlacementIO `json:"placements" maxItems:"1200"`
		Published  *bool                `json:"published,omitempty" doc:"Publish the schedule, or take it back to a draft; left out, it stays as it is."`
	}
}

func (m *Module) barcampAPI(a huma.API) {
	tags := []string{"Barcamps"}
	huma.Register(a, huma.Operation{
		OperationID: "list-barcamp-sessions", Method: http.MethodGet, Path: api.Prefix + "/events/{id}/sessions", Tags: tags,
		Summary: "List a barcamp's sessions", Description: "The proposed sessions, the most voted first.",
	}, m.apiSessions)
	huma.Register(a, huma.Operation{
		OperationID: "propose-barcamp-session", Method: http.MethodPost, Path: api.Prefix + "/events/{id}/sessions",
		Tags: tags, Summary: "Propose a session", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "By registered participants and the organisers, until the barcamp ends.",
	}, m.apiPropose)
	huma.Register(a, huma.Operation{
		OperationID: "withdraw-barcamp-session", Method: http.MethodDelete, Path: api.Prefix + "/events/{id}/sessions/{sid}",
		Tags: tags, Summary: "Withdraw a session", Security: api.Secured, DefaultStatus: http.StatusNoContent,
		Description: "By whoever proposed it and the organisers; its votes and notes go with it.",
	}, m.apiWithdraw)
	huma.Register(a, huma.Operation{
		OperationID: "vote-barcamp-session", Method: http.MethodPost, Path: api.Prefix + "/events/{id}/sessions/{sid}/vote",
		Tags: tags, Summary: "Vote for a session", Security: api.Secured,
		Description: "By registered participants, each with the barcamp's number of votes, one per session.",
	}, m.apiVote)
	huma.Register(a, huma.Operation{
		OperationID: "unvote-barcamp-session", Method: http.MethodDelete, Path: api.Prefix + "/events/{id}/sessions/{sid}/vote",
		Tags: tags, Summary: "Take a vote back", Security: api.Secured,
	}, m.apiUnvote)
	huma.Register(a, huma.Operation{
		OperationID: "get-barcamp-schedule", Method: http.MethodGet, Path: api.Prefix + "/events/{id}/schedule",
		Tags: tags, Summary: "Get a barcamp's schedule",
	}, m.apiSchedule)
	huma.Register(a, huma.Operation{
		OperationID: "set-barcamp-schedule", Method: http.MethodPut, Path: api.Prefix + "/events/{id}/schedule",
		Tags: tags, Summary: "Set a barcamp's schedule", Security: api.Secured,
		Description: "By its organisers. Refused (409) when two sessions share a room and slot or a host is in two rooms in one slot.",
	}, m.apiSetSchedule)
	huma.Register(a, huma.Operation{
		OperationID: "propose-barcamp-schedule", Method: http.MethodPost, Path: api.Prefix + "/events/{id}/schedule/propose",
		Tags: tags, Summary: "Propose a schedule", Security: api.Secured,
		Description: "By its organisers: the most voted sessions into the largest rooms first, never a host in two rooms " +
			"at once; replaces the draft, publishes nothing.",
	}, m.apiProposeSchedule)
}

func (m *Module) apiSessions(ctx context.Context, in *EventIDPath) (*BarcampSessionsOutput, error) {
	e, b, sessions, err := m.Camp(ctx, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &BarcampSessionsOutput{}
	out.Body.VotesEach = b.VotesEach
	if out.Body.Sessions, err = m.sessionsOut(ctx, e, b, sessions, auth.From(ctx)); err != nil {
		return nil, api.Err(ctx, err)
	}
	return out, nil
}

// sessionOut is one session of the camp in its API form.
func (m *Module) sessionOut(ctx context.Context, eventID, sessionID string, viewer *auth.Identity) (BarcampSessionOut, error) {
	e, b, s, _, err := m.Session(ctx, eventID, sessionID)
	if err != nil {
		return BarcampSessionOut{}, err
	}
	out, err := m.sessionsOut(ctx, e, b, []*Session{s}, viewer)
	if err != nil {
		return BarcampSessionOut{}, err
	}
	return out[0], nil
}

func (m *Module) apiPropose(ctx context.Context, in *BarcampProposeSessionInput) (*BarcampSessionCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	s, err := m.Propose(ctx, id, in.ID, Proposal{Title: in.Body.Title, Description: in.Body.Description,
		Lang: in.Body.Lang, Format: Format(in.Body.Format), CoHosts: in.Body.CoHosts})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out, err := m.sessionOut(ctx, s.EventID, s.ID, id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &BarcampSessionCreatedOutput{Location: api.Prefix + "/events/" + s.EventID + "/sessions", Body: out}, nil
}

func (m *Module) apiWithdraw(ctx context.Context, in *BarcampSessionPath) (*api.NoContent, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.WithdrawSession(ctx, id, in.ID, in.SID); err != nil {
		return nil, api.Err(ctx, err)
	}
	return &api.NoContent{}, nil
}

// BarcampSessionOutput is one session.
type BarcampSessionOutput struct {
	Body BarcampSessionOut
}

func (m *Module) apiVote(ctx context.Context, in *BarcampSessionPath) (*BarcampSessionOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Vote(ctx, id, in.ID, in.SID); err != nil {
		return nil, api.Err(ctx, err)
	}
	out, err := m.sessionOut(ctx, in.ID, in.SID, id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &BarcampSessionOutput{Body: out}, nil
}

func (m *Module) apiUnvote(ctx context.Context, in *BarcampSessionPath) (*BarcampSessionOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Unvote(ctx, id, in.ID, in.SID); err != nil {
		return nil, api.Err(ctx, err)
	}
	out, err := m.sessionOut(ctx, in.ID, in.SID, id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &BarcampSessionOutput{Body: out}, nil
}

func (m *Module) scheduleOut(ctx context.Context, eventID string, viewer *auth.Identity) (*BarcampScheduleOutput, error) {
	e, b, sessions, err := m.Camp(ctx, eventID)
	if err != nil {
		return nil, err
	}
	out := &BarcampScheduleOutput{}
	out.Body.Published = b.Published != nil
	out.Body.Rooms, out.Body.Slots, out.Body.Placements = []BarcampRoomOut{}, []BarcampSlotOut{}, []BarcampPlacementIO{}
	for _, r := range b.Rooms {
		out.Body.Rooms = append(out.Body.Rooms, BarcampRoomOut{ID: r.ID, Name: r.Name, Size: r.Size})
	}
	for _, s := range b.Slots {
		out.Body.Slots = append(out.Body.Slots, BarcampSlotOut{ID: s.ID, Start: s.Start, End: s.End})
	}
	if b.Published == nil && !m.canManage(ctx, e, viewer) {
		return out, nil
	}
	for _, s := range sessions {
		if s.Scheduled() {
			out.Body.Placements = append(out.Body.Placements, BarcampPlacementIO{SessionID: s.ID, RoomID: s.RoomID, SlotID: s.SlotID})
		}
	}
	return out, nil
}

func (m *Module) apiSchedule(ctx context.Context, in *EventIDPath) (*BarcampScheduleOutput, error) {
	out, err := m.scheduleOut(ctx, in.ID, auth.From(ctx))
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return out, nil
}

func (m *Module) apiSetSchedule(ctx context.Context, in *BarcampScheduleInput) (*BarcampScheduleOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	placements := make([]Placement, len(in.Body.Placements))
	for i, p := range in.Body.Placements {
		placements[i] = Placement{SessionID: p.SessionID, RoomID: p.RoomID, SlotID: p.SlotID}
	}
	if err := m.SetSchedule(ctx, id, in.ID, placements, in.Body.Published); err != nil {
		return nil, api.Err(ctx, err)
	}
	out, err := m.scheduleOut(ctx, in.ID, id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return out, nil
}

func (m *Module) apiProposeSchedule(ctx context.Context, in *EventIDPath) (*BarcampScheduleOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := m.ProposeSchedule(ctx, id, in.ID); err != nil {
		return nil, api.Err(ctx, err)
	}
	out, err := m.scheduleOut(ctx, in.ID, id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return out, nil
}
