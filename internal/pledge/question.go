package pledge

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/text"
)

// QuestionStatus is where a public question stands.
type QuestionStatus string

const (
	QuestionPending  QuestionStatus = "pending"  // waiting for a coordinator
	QuestionApproved QuestionStatus = "approved" // shown on the pledge
	QuestionRejected QuestionStatus = "rejected"
)

// Question is a public question on a pledge. The text is shown as plain
// text, never as HTML.
type Question struct {
	ID         string
	PledgeID   string
	AskerID    string
	Text       string
	Status     QuestionStatus
	Answer     string
	AnsweredBy string
	AnsweredAt *time.Time
	DecidedBy  string
	Hidden     bool
	CreatedAt  time.Time
}

// Lines splits a text at its line breaks for display.
func Lines(s string) []string { return strings.Split(s, "\n") }

// TextLines is the question for display.
func (q *Question) TextLines() []string { return Lines(q.Text) }

// AnswerLines is the answer for display.
func (q *Question) AnswerLines() []string { return Lines(q.Answer) }

const questionColumns = `id, pledge_id, asker_id, question, status, answer, answered_by, answered_at, decided_by, hidden,
	created_at`

func scanQuestion(row db.Scanner) (*Question, error) {
	q := &Question{}
	var answeredBy, decidedBy sql.NullString
	var answeredAt sql.NullTime
	var status string
	if err := row.Scan(&q.ID, &q.PledgeID, &q.AskerID, &q.Text, &status, &q.Answer, &answeredBy, &answeredAt,
		&decidedBy, &q.Hidden, &q.CreatedAt); err != nil {
		return nil, db.Err(err)
	}
	q.Status, q.AnsweredBy, q.DecidedBy, q.AnsweredAt = QuestionStatus(status), answeredBy.String, decidedBy.String,
		db.TimePtr(answeredAt)
	q.CreatedAt = q.CreatedAt.UTC()
	return q, nil
}

func queryQuestions(ctx context.Context, q db.Querier, where string, args ...any) ([]*Question, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+questionColumns+" FROM pledge_questions WHERE "+where+
		" ORDER BY created_at, id", args...)
	return db.Collect(rows, err, scanQuestion)
}

func questionByID(ctx context.Context, q db.Querier, id string) (*Question, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanQuestion(q.QueryRowContext(ctx, "SELECT "+questionColumns+" FROM pledge_questions WHERE id = $1",
		strings.ToLower(id)))
}

// askRule bounds how many questions one account asks, so nobody floods
// the coordinators' queue.
var askRule = ratelimit.Rule{Name: "pledge.question", Limit: 10, Window: time.Hour}

// Ask puts a public question on a pledge; it is shown once a coordinator
// approved it.
func (m *Module) Ask(ctx context.Context, actor *auth.Identity, pledgeID, question string) (*Question, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	question = text.MultiLine(question)
	f := apperr.Fields{}
	check.Text(f, "question", question, maxQuestionLen, true)
	if err := f.Err(); err != nil {
		return nil, err
	}
	p, err := m.Get(ctx, actor, pledgeID)
	if err != nil {
		return nil, err
	}
	if !p.Public() {
		return nil, apperr.New(apperr.Conflict, "pledge.question.not_public")
	}
	if err := m.s.Limiter.Allow(ctx, askRule, actor.UserID); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	q := &Question{ID: ids.New(), PledgeID: p.ID, AskerID: actor.UserID, Text: question, Status: QuestionPending, CreatedAt: now}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO pledge_questions (id, pledge_id, asker_id, question, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, q.ID, q.PledgeID, q.AskerID, q.Text, string(q.Status), q.CreatedAt)
		return db.Err(err)
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// DecideQuestion approves a question for the pledge's page or rejects it
// (coordinators only); on approval the pledger is asked to answer.
func (m *Module) DecideQuestion(ctx context.Context, actor *auth.Identity, questionID string, approve bool) (*Question, error) {
	if !actor.Staff() {
		if actor == nil {
			return nil, apperr.New(apperr.Unauthenticated, "")
		}
		return nil, apperr.New(apperr.Forbidden, "")
	}
	now := m.s.Clock.Now()
	var q *Question
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if q, err = questionByID(ctx, tx, questionID); err != nil {
			return err
		}
		if q.Status != QuestionPending {
			return apperr.New(apperr.Conflict, "pledge.question.decided")
		}
		q.Status, q.DecidedBy = QuestionRejected, actor.UserID
		if approve {
			q.Status = QuestionApproved
		}
		res, err := tx.ExecContext(ctx, "UPDATE pledge_questions SET status = $1, decided_by = $2 WHERE id = $3 AND status = 'pending'",
			string(q.Status), actor.UserID, q.ID)
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "pledge.question.decided")
		}
		if err := audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "pledge.question." + string(q.Status),
			ObjectType: "pledge_question", ObjectID: q.ID, Details: map[string]any{"pledge": q.PledgeID}}); err != nil {
			return err
		}
		if !approve {
			return nil
		}
		p, err := pledgeByID(ctx, tx, q.PledgeID)
		if err != nil {
			return err
		}
		return m.sendPledger(ctx, tx, p, letter{kind: questionAsked, item: notify.Item{Type: "question", ID: q.ID},
			quote: q.Text, path: "/pledges/" + p.ID + "/questions/" + q.ID + "/answer",
			args: []any{"Promise", p.Promise}}, now)
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// Answer answers an approved question on the person's pledge (the pledger
// only); the asker is told. A later answer replaces the earlier.
func (m *Module) Answer(ctx context.Context, actor *auth.Identity, pledgeID, questionID, answer string) (*Question, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	q, p, err := m.QuestionToAnswer(ctx, actor, pledgeID, questionID)
	if err != nil {
		return nil, err
	}
	answer = text.MultiLine(answer)
	f := apperr.Fields{}
	check.Text(f, "answer", answer, maxAnswerLen, true)
	if err := f.Err(); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		first := q.AnsweredAt == nil
		if _, err := tx.ExecContext(ctx, "UPDATE pledge_questions SET answer = $1, answered_by = $2, answered_at = $3 WHERE id = $4",
			answer, actor.UserID, now, q.ID); err != nil {
			return db.Err(err)
		}
		q.Answer, q.AnsweredBy, q.AnsweredAt = answer, actor.UserID, &now
		if !first || q.AskerID == actor.UserID {
			return nil
		}
		return m.send(ctx, tx, q.AskerID, letter{kind: questionAnswered, item: notify.Item{Type: "question", ID: q.ID},
			quote: answer, path: "/pledges/" + p.ID + "#questions", args: []any{"Promise", p.Promise}}, now)
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// QuestionToAnswer loads an approved question of a pledge for its pledger.
func (m *Module) QuestionToAnswer(ctx context.Context, actor *auth.Identity, pledgeID, questionID string) (*Question, *Pledge, error) {
	p, err := m.Get(ctx, actor, pledgeID)
	if err != nil {
		return nil, nil, err
	}
	q, err := questionByID(ctx, m.s.DB, questionID)
	if err != nil {
		return nil, nil, err
	}
	if q.PledgeID != p.ID || q.Status != QuestionApproved || q.Hidden {
		return nil, nil, apperr.New(apperr.NotFound, "")
	}
	if err := m.requirePledger(ctx, p, actor.UserID); err != nil {
		return nil, nil, err
	}
	return q, p, nil
}

// Questions lists the approved questions of a pledge with their answers.
func (m *Module) Questions(ctx context.Context, pledgeID string) ([]*Question, error) {
	return queryQuestions(ctx, m.s.DB, "pledge_id = $1 AND status = 'approved' AND NOT hidden", pledgeID)
}

// PendingQuestions lists the questions waiting for a coordinator.
func (m *Module) PendingQuestions(ctx context.Context) ([]*Question, error) {
	return queryQuestions(ctx, m.s.DB, "status = 'pending'")
}

// MyQuestions lists the person's questions on a pledge, for them to see
// what waits.
func (m *Module) MyQuestions(ctx context.Context, userID, pledgeID string) ([]*Question, error) {
	if !ids.Valid(userID) {
		return []*Question{}, nil
	}
	return queryQuestions(ctx, m.s.DB, "pledge_id = $1 AND asker_id = $2 AND status = 'pending'", pledgeID, userID)
}
