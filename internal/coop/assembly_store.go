package coop

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

const assemblyColumns = `id, coop_id, kind, format, starts_at, place, online_url, COALESCE(CAST(chair_id AS TEXT), ''),
	COALESCE(CAST(keeper_id AS TEXT), ''), status, invitation, convened_at, closed_at`

// assemblyColumnsA is assemblyColumns of the table named a.
const assemblyColumnsA = `a.id, a.coop_id, a.kind, a.format, a.starts_at, a.place, a.online_url, COALESCE(CAST(a.chair_id AS TEXT), ''),
	COALESCE(CAST(a.keeper_id AS TEXT), ''), a.status, a.invitation, a.convened_at, a.closed_at`

func scanAssembly(s db.Scanner) (*Assembly, error) {
	a := &Assembly{}
	var format string
	var closed sql.NullTime
	err := s.Scan(&a.ID, &a.CoopID, &a.Kind, &format, &a.StartsAt, &a.Place, &a.OnlineURL, &a.ChairID, &a.KeeperID,
		&a.Status, &a.Invitation, &a.ConvenedAt, &closed)
	a.Format, a.ClosedAt = Format(format), db.TimePtr(closed)
	a.StartsAt, a.ConvenedAt = a.StartsAt.UTC(), a.ConvenedAt.UTC()
	return a, err
}

func listAssemblies(ctx context.Context, q db.Querier, coopID string) ([]*Assembly, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+assemblyColumns+` FROM coop_assemblies WHERE coop_id = $1 ORDER BY starts_at DESC, id`, coopID)
	return db.Collect(rows, err, scanAssembly)
}

// getAssembly loads an assembly with its agenda and motions.
func getAssembly(ctx context.Context, q db.Querier, id string) (*Assembly, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	a, err := scanAssembly(q.QueryRowContext(ctx, `SELECT `+assemblyColumns+` FROM coop_assemblies WHERE id = $1`, id))
	if err != nil {
		return nil, db.Err(err)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, position, title, announced_at FROM coop_agenda WHERE assembly_id = $1 ORDER BY position, id`, id)
	a.Agenda, err = db.Collect(rows, err, func(s db.Scanner) (AgendaItem, error) {
		var i AgendaItem
		err := s.Scan(&i.ID, &i.Position, &i.Title, &i.AnnouncedAt)
		i.AnnouncedAt = i.AnnouncedAt.UTC()
		return i, err
	})
	if err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT `+motionColumns+` FROM coop_motions WHERE assembly_id = $1 ORDER BY created_at, id`, id)
	a.Motions, err = db.Collect(rows, err, scanMotion)
	return a, err
}

const motionColumns = `id, assembly_id, agenda_id, title, body, kind, majority, quorum_percent, secret,
	COALESCE(CAST(subject_id AS TEXT), ''), status, yes, no, abstain, present, members, quorum_met, adopted, capped, created_at, closed_at`

func scanMotion(s db.Scanner) (*Motion, error) {
	mo := &Motion{}
	var kind, majority string
	var closed sql.NullTime
	err := s.Scan(&mo.ID, &mo.AssemblyID, &mo.AgendaID, &mo.Title, &mo.Body, &kind, &majority, &mo.QuorumPercent, &mo.Secret,
		&mo.SubjectID, &mo.Status, &mo.Yes, &mo.No, &mo.Abstain, &mo.Present, &mo.Members, &mo.QuorumMet, &mo.Adopted,
		&mo.Capped, &mo.CreatedAt, &closed)
	mo.Kind, mo.Majority, mo.ClosedAt = ResolutionKind(kind), Majority(majority), db.TimePtr(closed)
	mo.CreatedAt = mo.CreatedAt.UTC()
	return mo, err
}

func getMotion(ctx context.Context, q db.Querier, id string) (*Motion, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	mo, err := scanMotion(q.QueryRowContext(ctx, `SELECT `+motionColumns+` FROM coop_motions WHERE id = $1`, id))
	return mo, db.Err(err)
}

func listProxies(ctx context.Context, q db.Querier, assemblyID string) ([]Proxy, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, principal_id, holder_id, given_at FROM coop_proxies WHERE assembly_id = $1
		ORDER BY given_at, id`, assemblyID)
	return db.Collect(rows, err, func(s db.Scanner) (Proxy, error) {
		var p Proxy
		err := s.Scan(&p.ID, &p.PrincipalID, &p.HolderID, &p.GivenAt)
		p.GivenAt = p.GivenAt.UTC()
		return p, err
	})
}

func listAttendance(ctx context.Context, q db.Querier, assemblyID string) ([]Attendee, error) {
	rows, err := q.QueryContext(ctx, `SELECT member_id, how FROM coop_attendance WHERE assembly_id = $1 ORDER BY at, member_id`, assemblyID)
	return db.Collect(rows, err, func(s db.Scanner) (Attendee, error) {
		var a Attendee
		return a, s.Scan(&a.MemberID, &a.How)
	})
}

// ballotsOf reads a motion's counted votes: the open votes with their
// weights, or the unit ballots of a secret vote.
func ballotsOf(ctx context.Context, q db.Querier, mo *Motion) ([]Ballot, error) {
	query := `SELECT choice, weight, investing FROM coop_votes WHERE motion_id = $1`
	if mo.Secret {
		query = `SELECT choice, 1, investing FROM coop_ballots WHERE motion_id = $1`
	}
	rows, err := q.QueryContext(ctx, query, mo.ID)
	return db.Collect(rows, err, func(s db.Scanner) (Ballot, error) {
		var b Ballot
		var choice string
		err := s.Scan(&choice, &b.Weight, &b.Investing)
		b.Choice = Choice(choice)
		return b, err
	})
}

// hasVoted reports whether a vote for the member is in on the motion.
func hasVoted(ctx context.Context, q db.Querier, mo *Motion, memberID string) (bool, error) {
	table := "coop_votes"
	if mo.Secret {
		table = "coop_voters"
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE motion_id = $1 AND member_id = $2`, mo.ID, memberID).Scan(&n)
	return n > 0, db.Err(err)
}

// openVote is an open vote as the minutes and the voter see it.
type openVote struct {
	MemberID string
	Choice   Choice
	Weight   int
	CastBy   string
	At       time.Time
}

func openVotes(ctx context.Context, q db.Querier, motionID string) ([]openVote, error) {
	rows, err := q.QueryContext(ctx, `SELECT member_id, choice, weight, cast_by, at FROM coop_votes WHERE motion_id = $1 ORDER BY at, member_id`, motionID)
	return db.Collect(rows, err, func(s db.Scanner) (openVote, error) {
		var v openVote
		var choice string
		err := s.Scan(&v.MemberID, &choice, &v.Weight, &v.CastBy, &v.At)
		v.Choice = Choice(choice)
		return v, err
	})
}
