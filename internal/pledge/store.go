package pledge

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// pledgeColumns are read with the counts of sign-ups, so a pledge always
// comes with its progress.
const pledgeColumns = `p.id, p.status, p.owner_id, p.organization_id, p.promise, p.needed, p.who, p.condition_text,
	p.deadline, p.postcode, p.place, p.category, p.description, p.content_lang, p.image_id, p.auto_confirm,
	p.copied_from, p.decline_reason, p.decided_by, p.decided_at, p.submitted_at, p.closed_at,
	p.conversation_id, p.reminded_at, p.hidden, p.created_at, p.updated_at,
	(SELECT count(*) FROM pledge_signups s WHERE s.pledge_id = p.id AND s.status = 'confirmed'),
	(SELECT count(*) FROM pledge_signups s WHERE s.pledge_id = p.id AND s.status = 'pending')`

func scanPledge(row db.Scanner) (*Pledge, error) {
	p := &Pledge{}
	var org, image, copied, decidedBy, conv sql.NullString
	var decidedAt, submittedAt, closedAt, remindedAt sql.NullTime
	var status string
	if err := row.Scan(&p.ID, &status, &p.OwnerID, &org, &p.Promise, &p.Needed, &p.Who, &p.Condition,
		&p.Deadline, &p.Postcode, &p.Place, &p.Category, &p.Description, &p.Lang, &image, &p.AutoConfirm,
		&copied, &p.DeclineReason, &decidedBy, &decidedAt, &submittedAt, &closedAt,
		&conv, &remindedAt, &p.Hidden, &p.CreatedAt, &p.UpdatedAt, &p.Confirmed, &p.Pending); err != nil {
		return nil, db.Err(err)
	}
	p.Status = Status(status)
	p.OrgID, p.ImageID, p.CopiedFrom, p.DecidedBy, p.ConversationID = org.String, image.String, copied.String,
		decidedBy.String, conv.String
	p.DecidedAt, p.SubmittedAt, p.ClosedAt, p.RemindedAt = db.TimePtr(decidedAt), db.TimePtr(submittedAt),
		db.TimePtr(closedAt), db.TimePtr(remindedAt)
	p.Deadline, p.CreatedAt, p.UpdatedAt = p.Deadline.UTC(), p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, nil
}

func pledgeByID(ctx context.Context, q db.Querier, id string) (*Pledge, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanPledge(q.QueryRowContext(ctx, "SELECT "+pledgeColumns+" FROM pledges p WHERE p.id = $1", strings.ToLower(id)))
}

func queryPledges(ctx context.Context, q db.Querier, query string, args ...any) ([]*Pledge, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	return db.Collect(rows, err, scanPledge)
}

func insertPledge(ctx context.Context, tx *sql.Tx, p *Pledge) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pledges (id, status, owner_id, organization_id, promise, needed, who,
		condition_text, deadline, postcode, place, place_key, category, description, content_lang, image_id,
		auto_confirm, copied_from, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
		p.ID, string(p.Status), p.OwnerID, db.NullString(p.OrgID), p.Promise, p.Needed, p.Who, p.Condition, p.Deadline,
		p.Postcode, p.Place, text.Fold(p.Place), p.Category, p.Description, p.Lang, db.NullString(p.ImageID), p.AutoConfirm,
		db.NullString(p.CopiedFrom), p.CreatedAt, p.UpdatedAt)
	return db.Err(err)
}

func updateTerms(ctx context.Context, tx *sql.Tx, p *Pledge) error {
	_, err := tx.ExecContext(ctx, `UPDATE pledges SET organization_id = $1, promise = $2, needed = $3, who = $4,
		condition_text = $5, deadline = $6, postcode = $7, place = $8, place_key = $9, category = $10,
		description = $11, content_lang = $12, auto_confirm = $13, image_id = $14, updated_at = $15 WHERE id = $16`,
		db.NullString(p.OrgID), p.Promise, p.Needed, p.Who, p.Condition, p.Deadline, p.Postcode, p.Place, text.Fold(p.Place),
		p.Category, p.Description, p.Lang, p.AutoConfirm, db.NullString(p.ImageID), p.UpdatedAt, p.ID)
	return db.Err(err)
}

// setStatus moves a pledge from one status to another; it changes nothing
// and returns false when the pledge is no longer in `from` (another
// request or app server moved it first).
func setStatus(ctx context.Context, tx *sql.Tx, id string, from, to Status, now time.Time, extra string, args ...any) (bool, error) {
	query := "UPDATE pledges SET status = $1, updated_at = $2"
	all := []any{string(to), now}
	// extra is "column = ?, column = ?" with its values in args.
	if extra != "" {
		for _, a := range args {
			all = append(all, a)
			extra = strings.Replace(extra, "?", "$"+strconv.Itoa(len(all)), 1)
		}
		query += ", " + extra
	}
	all = append(all, id, string(from))
	query += " WHERE id = $" + strconv.Itoa(len(all)-1) + " AND status = $" + strconv.Itoa(len(all))
	res, err := tx.ExecContext(ctx, query, all...)
	if err != nil {
		return false, db.Err(err)
	}
	n, err := res.RowsAffected()
	return n == 1, db.Err(err)
}

// lockPledge makes the transaction the only one changing the pledge and
// its sign-ups until it ends (a row lock on PostgreSQL; SQLite's single
// writer serialises anyway), then reads it.
func lockPledge(ctx context.Context, tx *sql.Tx, id string) (*Pledge, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	if err := db.LockRow(ctx, tx, "pledges", id); err != nil {
		return nil, err
	}
	return pledgeByID(ctx, tx, id)
}

// Signup is one person's (or organisation's) offer to fulfil a pledge's
// condition.
type Signup struct {
	ID          string
	PledgeID    string
	UserID      string
	OrgID       string // "" when the person signs up for themselves
	Note        string // how they will do it; private to the pledger and the signer
	Anonymous   bool   // shown publicly without a name
	Status      SignupStatus
	CreatedAt   time.Time
	ConfirmedAt *time.Time
}

// SignupStatus is where a sign-up stands.
type SignupStatus string

const (
	SignupPending   SignupStatus = "pending"
	SignupConfirmed SignupStatus = "confirmed"
	SignupDeclined  SignupStatus = "declined"
)

const signupColumns = `id, pledge_id, user_id, organization_id, note, anonymous, status, created_at, confirmed_at`

func scanSignup(row db.Scanner) (*Signup, error) {
	s := &Signup{}
	var org sql.NullString
	var confirmed sql.NullTime
	var status string
	if err := row.Scan(&s.ID, &s.PledgeID, &s.UserID, &org, &s.Note, &s.Anonymous, &status,
		&s.CreatedAt, &confirmed); err != nil {
		return nil, db.Err(err)
	}
	s.OrgID, s.Status, s.CreatedAt, s.ConfirmedAt = org.String, SignupStatus(status), s.CreatedAt.UTC(), db.TimePtr(confirmed)
	return s, nil
}

func querySignups(ctx context.Context, q db.Querier, where string, args ...any) ([]*Signup, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+signupColumns+" FROM pledge_signups WHERE "+where+
		" ORDER BY created_at, id", args...)
	return db.Collect(rows, err, scanSignup)
}

func signupByID(ctx context.Context, q db.Querier, pledgeID, id string) (*Signup, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanSignup(q.QueryRowContext(ctx, "SELECT "+signupColumns+" FROM pledge_signups WHERE id = $1 AND pledge_id = $2",
		strings.ToLower(id), pledgeID))
}

func insertSignup(ctx context.Context, tx *sql.Tx, s *Signup) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pledge_signups (id, pledge_id, user_id, organization_id, note, anonymous,
		status, created_at, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		s.ID, s.PledgeID, s.UserID, db.NullString(s.OrgID), s.Note, s.Anonymous, string(s.Status), s.CreatedAt, s.ConfirmedAt)
	if apperr.Is(db.Err(err), apperr.Conflict) {
		return apperr.New(apperr.Conflict, "pledge.signup.already")
	}
	return db.Err(err)
}

// Counts are the figures above the pledge list.
type Counts struct {
	Active, Successful, Reports int
}

func countAll(ctx context.Context, q db.Querier) (Counts, error) {
	var c Counts
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM pledges WHERE status = 'active' AND NOT hidden),
		(SELECT count(*) FROM pledges WHERE status = 'successful' AND NOT hidden)`).Scan(&c.Active, &c.Successful)
	return c, db.Err(err)
}
