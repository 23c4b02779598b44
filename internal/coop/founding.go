package coop

import (
	"context"
	"database/sql"
	"net/http"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// FoundingSteps are the founding path's steps in their order, each named
// "coop.founding.step.<step>".
var FoundingSteps = []string{"idea", "statutes", "meeting", "board", "association", "audit", "notary", "register"}

// Least numbers of the law the founding page checks against.
const (
	minFounders = 3 // § 4 GenG
	minBoard    = 2 // § 24 (2) GenG
)

// FoundingStep is a step and, once done, who did it and when.
type FoundingStep struct {
	Step   string
	DoneOn *time.Time
	Who    string
	Note   string
}

// FoundingPath is the founding path of a cooperative.
type FoundingPath struct {
	Coop     *Coop
	Standing Standing
	Steps    []FoundingStep
	Members  int // members today: the founders before registration
	Board    int // board offices today
	Founders int
	MinBoard int
}

// Founding reads the path for the cooperative's members and boards.
func (m *Module) Founding(ctx context.Context, actor *auth.Identity, coopID string) (*FoundingPath, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	c, err := m.Get(ctx, coopID)
	if err != nil {
		return nil, err
	}
	st, err := m.standingIn(ctx, c, actor)
	if err != nil {
		return nil, err
	}
	if !st.SeesList() {
		return nil, apperr.New(apperr.Forbidden, "coop.list.forbidden")
	}
	p := &FoundingPath{Coop: c, Standing: st, Founders: minFounders, MinBoard: minBoard}
	done := map[string]FoundingStep{}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT step, done_on, who, note FROM coop_founding WHERE coop_id = $1`, c.ID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var f FoundingStep
		var on string
		if err := s.Scan(&f.Step, &on, &f.Who, &f.Note); err != nil {
			return err
		}
		t, err := parseDay(on)
		f.DoneOn = &t
		done[f.Step] = f
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, step := range FoundingSteps {
		f, ok := done[step]
		if !ok {
			f = FoundingStep{Step: step}
		}
		p.Steps = append(p.Steps, f)
	}
	_, list, err := m.members(ctx, c)
	if err != nil {
		return nil, err
	}
	for _, e := range list {
		if e.LeftOn == nil {
			p.Members++
		}
	}
	offices, err := m.Offices(ctx, c)
	for _, o := range offices {
		if o.Office == "board" {
			p.Board++
		}
	}
	return p, err
}

// MarkStep records a step done; the board only.
func (m *Module) MarkStep(ctx context.Context, actor *auth.Identity, coopID, step string, on time.Time, who, note string) error {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return err
	}
	who, note = text.OneLine(who), text.MultiLine(note)
	f := apperr.Fields{}
	if !slices.Contains(FoundingSteps, step) {
		return apperr.New(apperr.NotFound, "")
	}
	if on.IsZero() || on.After(m.today()) {
		f.Add("done_on", "coop.field.day_past")
	}
	check.Text(f, "who", who, maxShortLen, false)
	check.Text(f, "note", note, maxNoteLen, false)
	if err := f.Err(); err != nil {
		return err
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM coop_founding WHERE coop_id = $1 AND step = $2`, c.ID, step); err != nil {
			return db.Err(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO coop_founding (coop_id, step, done_on, who, note, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			c.ID, step, day(on), who, note, now); err != nil {
			return db.Err(err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.founding.step", ObjectType: "coop",
			ObjectID: c.ID, Details: map[string]any{"step": step}})
	})
}

func (m *Module) foundingPage(w http.ResponseWriter, r *http.Request) {
	m.showFounding(w, r, http.StatusOK, web.EmptyForm(map[string]string{"done_on": day(m.today())}))
}

func (m *Module) showFounding(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	p, err := m.Founding(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, "coop/founding", p, form)
}

func (m *Module) markStep(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	on, ok := parseFormDay(form.Get("done_on"))
	if !ok {
		form.Fail(apperr.Field("done_on", "coop.field.day"))
		m.showFounding(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err := m.MarkStep(r.Context(), id, r.PathValue("id"), form.Get("step"), on, form.Get("who"), form.Get("note")); err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.showFounding(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+r.PathValue("id")+"/founding", "coop.founding.marked")
}
