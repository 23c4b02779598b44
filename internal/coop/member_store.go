package coop

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// registerLine is one row of the register journal.
type registerLine struct {
	MemberID    string
	Kind        string
	EffectiveOn string
	Name        string
	Address     string
	Shares      int
	Reason      string
	Note        string
}

func insertMember(ctx context.Context, tx *sql.Tx, mb *Member, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO coop_members (id, coop_id, user_id, kind, investing, votes, lang, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, mb.ID, mb.CoopID, db.NullString(mb.UserID), mb.Kind, mb.Investing,
		mb.Votes, mb.Lang, now)
	if apperr.Is(db.Err(err), apperr.Conflict) {
		return apperr.New(apperr.Conflict, "coop.member.already")
	}
	return db.Err(err)
}

// appendRegister adds a line to the journal; lines are never changed.
func appendRegister(ctx context.Context, tx *sql.Tx, coopID string, l registerLine, actorID string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO coop_register (id, coop_id, member_id, kind, effective_on, name, address,
		shares, reason, note, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		ids.New(), coopID, l.MemberID, l.Kind, l.EffectiveOn, l.Name, l.Address, l.Shares, l.Reason, l.Note, now,
		db.NullString(actorID))
	return db.Err(err)
}

func appendShares(ctx context.Context, tx *sql.Tx, coopID string, e ShareEntry, actorID string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO coop_shares (id, coop_id, member_id, kind, shares, cents, booked_on,
		counterpart_id, note, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		ids.New(), coopID, e.MemberID, e.Kind, e.Shares, e.Cents, day(e.BookedOn), db.NullString(e.Counterpart), e.Note,
		now, db.NullString(actorID))
	return db.Err(err)
}

// listAsOf folds the journal's lines effective by asOf into the list:
// the entries of everybody who had joined by then, in the order they
// joined, with the name and address then, the shares then and the leaving.
func listAsOf(ctx context.Context, q db.Querier, coopID string, asOf time.Time) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.member_id, r.kind, r.effective_on, r.name, r.address, r.shares, r.reason,
		r.note, m.investing, COALESCE(CAST(m.user_id AS TEXT), '') FROM coop_register r JOIN coop_members m ON m.id = r.member_id
		WHERE r.coop_id = $1 AND r.effective_on <= $2 ORDER BY r.effective_on, r.recorded_at, r.id`, coopID, day(asOf))
	byMember := map[string]*Entry{}
	var order []*Entry
	err = db.Each(rows, err, func(s db.Scanner) error {
		var l registerLine
		var investing bool
		var userID string
		if err := s.Scan(&l.MemberID, &l.Kind, &l.EffectiveOn, &l.Name, &l.Address, &l.Shares, &l.Reason, &l.Note,
			&investing, &userID); err != nil {
			return err
		}
		on, err := parseDay(l.EffectiveOn)
		if err != nil {
			return err
		}
		e := byMember[l.MemberID]
		switch l.Kind {
		case "join":
			e = &Entry{MemberID: l.MemberID, Name: l.Name, Address: l.Address, Shares: l.Shares, Investing: investing,
				JoinedOn: on, UserID: userID}
			byMember[l.MemberID] = e
			order = append(order, e)
		case "details":
			if e != nil {
				e.Name, e.Address = l.Name, l.Address
			}
		case "shares":
			if e != nil {
				e.Shares += l.Shares
			}
		case "leave":
			if e != nil {
				e.LeftOn, e.Reason, e.Note = &on, LeaveReason(l.Reason), l.Note
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Entry, len(order))
	for i, e := range order {
		e.Number = i + 1
		out[i] = *e
	}
	return out, nil
}

// membersOf returns the coop's member rows with today's names.
func membersOf(ctx context.Context, q db.Querier, coopID string) (map[string]*Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.id, m.coop_id, COALESCE(CAST(m.user_id AS TEXT), ''), m.kind, m.investing, m.votes, m.lang
		FROM coop_members m WHERE m.coop_id = $1`, coopID)
	out := map[string]*Member{}
	err = db.Each(rows, err, func(s db.Scanner) error {
		mb := &Member{}
		if err := s.Scan(&mb.ID, &mb.CoopID, &mb.UserID, &mb.Kind, &mb.Investing, &mb.Votes, &mb.Lang); err != nil {
			return err
		}
		out[mb.ID] = mb
		return nil
	})
	return out, err
}

func getMember(ctx context.Context, q db.Querier, coopID, id string) (*Member, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "coop.member.unknown")
	}
	mb := &Member{}
	err := q.QueryRowContext(ctx, `SELECT m.id, m.coop_id, COALESCE(CAST(m.user_id AS TEXT), ''), m.kind, m.investing, m.votes, m.lang
		FROM coop_members m WHERE m.coop_id = $1 AND m.id = $2`, coopID, id).
		Scan(&mb.ID, &mb.CoopID, &mb.UserID, &mb.Kind, &mb.Investing, &mb.Votes, &mb.Lang)
	if apperr.Is(db.Err(err), apperr.NotFound) {
		return nil, apperr.New(apperr.NotFound, "coop.member.unknown")
	}
	return mb, db.Err(err)
}

// entryOn returns a member's line of the list as of a day; ok false when
// the member had not joined by then.
func entryOn(ctx context.Context, q db.Querier, coopID, memberID string, on time.Time) (Entry, bool, error) {
	list, err := listAsOf(ctx, q, coopID, on)
	if err != nil {
		return Entry{}, false, err
	}
	for _, e := range list {
		if e.MemberID == memberID {
			return e, true, nil
		}
	}
	return Entry{}, false, nil
}

// pendingLeave reports whether a leaving of the member is recorded,
// effective now or later.
func pendingLeave(ctx context.Context, q db.Querier, memberID string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM coop_register WHERE member_id = $1 AND kind = 'leave'`, memberID).Scan(&n)
	return n > 0, db.Err(err)
}

func insertApplication(ctx context.Context, tx *sql.Tx, a *Application, shownAt time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO coop_applications (id, coop_id, user_id, name, address, shares, investing,
		lang, declaration, statutes_shown_at, declared_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		a.ID, a.CoopID, a.UserID, a.Name, a.Address, a.Shares, a.Investing, a.Lang, a.Declaration, shownAt, a.DeclaredAt)
	if apperr.Is(db.Err(err), apperr.Conflict) {
		return apperr.New(apperr.Conflict, "coop.apply.pending")
	}
	return db.Err(err)
}

const applicationColumns = `id, coop_id, user_id, name, address, shares, investing, lang, declaration, declared_at`

func scanApplication(s db.Scanner) (*Application, error) {
	a := &Application{}
	err := s.Scan(&a.ID, &a.CoopID, &a.UserID, &a.Name, &a.Address, &a.Shares, &a.Investing, &a.Lang, &a.Declaration, &a.DeclaredAt)
	a.DeclaredAt = a.DeclaredAt.UTC()
	return a, err
}

func listApplications(ctx context.Context, q db.Querier, coopID string) ([]*Application, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+applicationColumns+` FROM coop_applications WHERE coop_id = $1 ORDER BY declared_at, id`, coopID)
	return db.Collect(rows, err, scanApplication)
}

func getApplication(ctx context.Context, q db.Querier, coopID, id string) (*Application, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	a, err := scanApplication(q.QueryRowContext(ctx, `SELECT `+applicationColumns+` FROM coop_applications WHERE coop_id = $1 AND id = $2`, coopID, id))
	return a, db.Err(err)
}

func applicationOf(ctx context.Context, q db.Querier, coopID, userID string) (*Application, error) {
	a, err := scanApplication(q.QueryRowContext(ctx, `SELECT `+applicationColumns+` FROM coop_applications WHERE coop_id = $1 AND user_id = $2`, coopID, userID))
	if err != nil {
		return nil, db.Err(err)
	}
	return a, nil
}

func listShares(ctx context.Context, q db.Querier, coopID, memberID string) ([]ShareEntry, error) {
	query := `SELECT id, member_id, kind, shares, cents, booked_on, COALESCE(CAST(counterpart_id AS TEXT), ''), note, recorded_at
		FROM coop_shares WHERE coop_id = $1`
	args := []any{coopID}
	if memberID != "" {
		query += ` AND member_id = $2`
		args = append(args, memberID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY booked_on, recorded_at, id`, args...)
	return db.Collect(rows, err, func(s db.Scanner) (ShareEntry, error) {
		var e ShareEntry
		var booked string
		if err := s.Scan(&e.ID, &e.MemberID, &e.Kind, &e.Shares, &e.Cents, &booked, &e.Counterpart, &e.Note, &e.RecordedAt); err != nil {
			return e, err
		}
		e.RecordedAt = e.RecordedAt.UTC()
		var err error
		e.BookedOn, err = parseDay(booked)
		return e, err
	})
}

// paidIn is a member's paid-up capital (Geschäftsguthaben) in cents.
func paidIn(ctx context.Context, q db.Querier, memberID string) (int64, error) {
	var cents int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN kind IN ('payment', 'transfer_in') THEN cents
		WHEN kind IN ('transfer_out', 'payout') THEN -cents ELSE 0 END), 0) FROM coop_shares WHERE member_id = $1`, memberID).Scan(&cents)
	return cents, db.Err(err)
}

func listOffices(ctx context.Context, q db.Querier, coopID string) ([]Office, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, member_id, office, since, until FROM coop_offices WHERE coop_id = $1
		ORDER BY office, since, id`, coopID)
	return db.Collect(rows, err, func(s db.Scanner) (Office, error) {
		var o Office
		var since string
		var until sql.NullString
		if err := s.Scan(&o.ID, &o.MemberID, &o.Office, &since, &until); err != nil {
			return o, err
		}
		var err error
		if o.Since, err = parseDay(since); err != nil {
			return o, err
		}
		if until.Valid {
			u, err := parseDay(until.String)
			if err != nil {
				return o, err
			}
			o.Until = &u
		}
		return o, nil
	})
}

// sortEntries orders entries by number (the list's order).
func sortEntries(es []Entry) {
	sort.Slice(es, func(i, j int) bool { return es[i].Number < es[j].Number })
}
