package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/notify"
)

// Sign-ups: a volunteer takes one place of a project's pool, or a place in
// its waiting list when it is full; slots of one person never overlap,
// counting the waiting ones, which may move up at any time.

// projectPromoted is the notice to volunteers who moved up from a
// project's waiting list.
var projectPromoted = notify.Kind{Name: "event/project_promoted", Subject: "project.mail.promoted.subject",
	Greeting: "event.mail.greeting", Body: []string{"project.mail.promoted.body"}, Action: "project.mail.open",
	Footer: "project.mail.footer"}

// projectApproved and projectDeclined tell who added a project how the
// day's organisers decided.
var (
	projectApproved = notify.Kind{Name: "event/project_approved", Subject: "project.mail.approved.subject",
		Greeting: "event.mail.greeting", Body: []string{"project.mail.approved.body"}, Action: "project.mail.open",
		Footer: "project.mail.footer_offered"}
	projectDeclined = notify.Kind{Name: "event/project_declined", Subject: "project.mail.declined.subject",
		Greeting: "event.mail.greeting", Body: []string{"project.mail.declined.body"}, Action: "project.mail.open",
		Footer: "project.mail.footer_offered"}
)

// projectNotifyKinds are the notices of volunteer-day projects.
func projectNotifyKinds() []notify.Kind {
	return []notify.Kind{projectPromoted, projectApproved, projectDeclined}
}

// tellDecided tells who added the project how the organisers decided, in
// tx; nobody when that account is gone.
func (m *Module) tellDecided(ctx context.Context, tx *sql.Tx, day *Event, p *Project, now time.Time) error {
	if p.CreatedBy == "" {
		return nil
	}
	kind := projectApproved
	if p.Status == Declined {
		kind = projectDeclined
	}
	return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: kind, Item: notify.Item{Type: "event.project", ID: p.ID},
		Link: "/events/" + p.EventID + "/projects/" + p.ID, To: []string{p.CreatedBy},
		Params: []any{"Title", p.Title, "Day", day.Title}}, now)
}

// overlapMsg is the message of a sign-up refused for a slot that overlaps
// another; its Args name the other project ("Title") and slot ("Slot").
const overlapMsg = "project.signup.overlap"

// SignUp takes a place at an approved project for the person, or a place
// in its waiting list; a slot overlapping one the person holds or waits
// for is refused (Conflict with overlapMsg).
func (m *Module) SignUp(ctx context.Context, actor *auth.Identity, eventID, projectID string) (capacity.Claim, error) {
	var c capacity.Claim
	if actor == nil {
		return c, apperr.New(apperr.Unauthenticated, "")
	}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		day, err := volunteerDay(ctx, tx, eventID)
		if err != nil {
			return err
		}
		p, err := getProject(ctx, tx, day.ID, projectID)
		if err != nil || p.Status != Approved {
			return apperr.New(apperr.NotFound, "")
		}
		now := m.s.Clock.Now()
		if day.Status == Cancelled {
			return apperr.New(apperr.Conflict, "project.signup.day_cancelled")
		}
		if !now.Before(p.Start) {
			return apperr.New(apperr.Conflict, "project.signup.started")
		}
		if err := lockVolunteer(ctx, tx, day.ID, actor.UserID); err != nil {
			return err
		}
		mine, err := signedUpProjects(ctx, tx, actor.UserID, false)
		if err != nil {
			return err
		}
		for _, o := range mine {
			if o.project.ID == p.ID {
				return apperr.New(apperr.Conflict, "project.signup.already")
			}
			if o.project.Overlaps(p) {
				return &apperr.Error{Code: apperr.Conflict, Msg: overlapMsg,
					Args: map[string]any{"Title": o.project.Title, "Slot": o.project.Slot()}}
			}
		}
		c, err = capacity.Take(ctx, tx, projectPool(p), actor.UserID, 1, now)
		return err
	})
	return c, err
}

// signup is a person's live claim with its project.
type signup struct {
	claim   capacity.Claim
	project *Project
}

// signedUpProjects are the projects the person holds or waits for a place
// at (only those holding one with registeredOnly), by start.
func signedUpProjects(ctx context.Context, q db.Querier, userID string, registeredOnly bool) ([]signup, error) {
	claims, err := capacity.Holding(ctx, q, userID)
	if err != nil {
		return nil, err
	}
	byProject := map[string]capacity.Claim{}
	var projectIDs []string
	for _, c := range claims {
		if c.Pool.Kind == projectPoolKind && (!registeredOnly || c.Status == capacity.Registered) {
			byProject[c.Pool.ID] = c
			projectIDs = append(projectIDs, c.Pool.ID)
		}
	}
	projects, err := projectsByID(ctx, q, projectIDs)
	if err != nil {
		return nil, err
	}
	out := make([]signup, len(projects))
	for i, p := range projects {
		out[i] = signup{claim: byProject[p.ID], project: p}
	}
	return out, nil
}

// CancelSignup gives the person's place (or place in the waiting list)
// at the project back; the first waiting move up and are told.
func (m *Module) CancelSignup(ctx context.Context, actor *auth.Identity, eventID, projectID string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := volunteerDay(ctx, tx, eventID); err != nil {
			return err
		}
		p, err := getProject(ctx, tx, eventID, projectID)
		if err != nil {
			return err
		}
		c, err := capacity.Of(ctx, tx, projectPool(p), actor.UserID)
		if err != nil {
			return apperr.New(apperr.NotFound, "project.signup.none")
		}
		return m.cancelProjectClaim(ctx, tx, p, c.ID)
	})
}

// CancelProjectClaim cancels the sign-up claimID of the project, by the
// volunteer or whoever may see the project's volunteers; anybody else is
// told it does not exist.
func (m *Module) CancelProjectClaim(ctx context.Context, actor *auth.Identity, eventID, projectID, claimID string) (capacity.Claim, error) {
	var c capacity.Claim
	if actor == nil {
		return c, apperr.New(apperr.Unauthenticated, "")
	}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		day, err := volunteerDay(ctx, tx, eventID)
		if err != nil {
			return err
		}
		p, err := getProject(ctx, tx, day.ID, projectID)
		if err != nil {
			return err
		}
		if c, err = capacity.Get(ctx, tx, claimID); err != nil {
			return err
		}
		if c.Pool != projectPool(p) || (c.Holder != actor.UserID && !m.seesVolunteers(ctx, day, p, actor)) {
			return apperr.New(apperr.NotFound, "")
		}
		c.Status, c.Position = capacity.Cancelled, 0
		return m.cancelProjectClaim(ctx, tx, p, claimID)
	})
	return c, err
}

func (m *Module) cancelProjectClaim(ctx context.Context, tx *sql.Tx, p *Project, claimID string) error {
	now := m.s.Clock.Now()
	up, err := capacity.Cancel(ctx, tx, claimID, now)
	if err != nil {
		return err
	}
	return m.tellProjectPromoted(ctx, tx, p, up, now)
}

// tellProjectPromoted writes the mails to those who moved up, in tx.
func (m *Module) tellProjectPromoted(ctx context.Context, tx *sql.Tx, p *Project, claims []capacity.Claim, now time.Time) error {
	if len(claims) == 0 {
		return nil
	}
	to := make([]string, len(claims))
	for i, c := range claims {
		to[i] = c.Holder
	}
	return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: projectPromoted, Item: notify.Item{Type: "event.project", ID: p.ID},
		Link: "/events/" + p.EventID + "/projects/" + p.ID, To: to,
		Params: []any{"Title", p.Title, "Start", p.Start}}, now)
}

// tellErasedPromoted tells those who moved up in projects' waiting lists
// when an account was erased, in tx; other pools' claims are left alone.
func (m *Module) tellErasedPromoted(ctx context.Context, tx *sql.Tx, up []capacity.Claim, now time.Time) error {
	for _, c := range up {
		if c.Pool.Kind != projectPoolKind {
			continue
		}
		ps, err := projectsByID(ctx, tx, []string{c.Pool.ID})
		if err != nil {
			return err
		}
		for _, p := range ps {
			if err := m.tellProjectPromoted(ctx, tx, p, []capacity.Claim{c}, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// SignupOf is the person's live claim at the project; ok is false without.
func (m *Module) SignupOf(ctx context.Context, userID string, p *Project) (capacity.Claim, bool) {
	if userID == "" {
		return capacity.Claim{}, false
	}
	c, err := capacity.Of(ctx, m.s.DB, projectPool(p), userID)
	return c, err == nil
}

// Volunteer is a person signed up for a project, as its organisation and
// the day's organisers see them.
type Volunteer struct {
	ClaimID  string
	Name     string
	Status   capacity.Status
	Position int // in the waiting list
	Since    time.Time
}

// Volunteers lists who comes to the project and who waits, for its
// organisation and the day's organisers.
func (m *Module) Volunteers(ctx context.Context, actor *auth.Identity, eventID, projectID string) (*Event, *Project, []Volunteer, error) {
	if actor == nil {
		return nil, nil, nil, apperr.New(apperr.Unauthenticated, "")
	}
	day, p, err := m.visibleProject(ctx, m.s.DB, actor, eventID, projectID)
	if err != nil {
		return nil, nil, nil, err
	}
	if !m.seesVolunteers(ctx, day, p, actor) {
		return nil, nil, nil, apperr.New(apperr.Forbidden, "project.not_yours")
	}
	claims, err := capacity.List(ctx, m.s.DB, projectPool(p))
	if err != nil {
		return nil, nil, nil, err
	}
	holders := make([]string, len(claims))
	for i, c := range claims {
		holders[i] = c.Holder
	}
	names, err := m.names(ctx, holders)
	if err != nil {
		return nil, nil, nil, err
	}
	out := make([]Volunteer, len(claims))
	for i, c := range claims {
		out[i] = Volunteer{ClaimID: c.ID, Name: names[c.Holder], Status: c.Status, Position: c.Position, Since: c.CreatedAt}
	}
	return day, p, out, nil
}

// tellVolunteersCancelled tells everybody signed up or waiting for a
// project of the volunteer day that the day is cancelled, each once and in
// their language, in tx.
func (m *Module) tellVolunteersCancelled(ctx context.Context, tx *sql.Tx, day *Event, now time.Time) error {
	if day.Kind != VolunteerDay {
		return nil
	}
	projects, err := dayProjects(ctx, tx, day.ID)
	if err != nil {
		return err
	}
	var to []string
	seen := map[string]bool{}
	for _, p := range projects {
		claims, err := capacity.List(ctx, tx, projectPool(p))
		if err != nil {
			return err
		}
		for _, c := range claims {
			if !seen[c.Holder] {
				seen[c.Holder] = true
				to = append(to, c.Holder)
			}
		}
	}
	if len(to) == 0 {
		return nil
	}
	return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: calledOff, Item: notify.Item{Type: "event", ID: day.ID},
		Link: "/events/" + day.ID + "/projects", To: to, Params: []any{"Title", day.Title, "Start", day.Start}}, now)
}
