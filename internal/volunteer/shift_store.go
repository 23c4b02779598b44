package volunteer

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

const shiftColumns = `sh.id, sh.organization_id, sh.series_id, sh.created_by, sh.title, sh.place, sh.starts_at,
sh.ends_at, sh.public, sh.created_at, sh.updated_at`

func scanShift(s db.Scanner) (*Shift, error) {
	var sh Shift
	var createdBy sql.NullString
	err := s.Scan(&sh.ID, &sh.OrganizationID, &sh.SeriesID, &createdBy, &sh.Title, &sh.Place, &sh.Start, &sh.End,
		&sh.Public, &sh.CreatedAt, &sh.UpdatedAt)
	sh.CreatedBy = createdBy.String
	sh.Start, sh.End, sh.CreatedAt, sh.UpdatedAt = sh.Start.UTC(), sh.End.UTC(), sh.CreatedAt.UTC(), sh.UpdatedAt.UTC()
	return &sh, err
}

func insertShift(ctx context.Context, tx *sql.Tx, sh *Shift) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO volunteer_shifts
(id, organization_id, series_id, created_by, title, place, starts_at, ends_at, public, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		sh.ID, sh.OrganizationID, sh.SeriesID, db.NullString(sh.CreatedBy), sh.Title, sh.Place, sh.Start, sh.End,
		sh.Public, sh.CreatedAt, sh.UpdatedAt)
	if err != nil {
		return db.Err(err)
	}
	for _, sl := range sh.Slots {
		if _, err := tx.ExecContext(ctx, `INSERT INTO volunteer_slots (id, shift_id, position, task, needed, check_required)
VALUES ($1, $2, $3, $4, $5, $6)`, sl.ID, sh.ID, sl.Position, sl.Task, sl.Needed, sl.CheckRequired); err != nil {
			return db.Err(err)
		}
		if err := insertSlotLanguages(ctx, tx, sl); err != nil {
			return err
		}
		if _, err := capacity.SetLimit(ctx, tx, poolOf(sl.ID), sl.Needed); err != nil {
			return err
		}
	}
	return nil
}

func insertSlotLanguages(ctx context.Context, tx *sql.Tx, sl *Slot) error {
	for _, l := range sl.Languages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO volunteer_slot_languages (slot_id, lang) VALUES ($1, $2)`,
			sl.ID, l); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

func updateShift(ctx context.Context, tx *sql.Tx, sh *Shift) error {
	_, err := tx.ExecContext(ctx, `UPDATE volunteer_shifts SET title = $2, place = $3, public = $4, updated_at = $5
WHERE id = $1`, sh.ID, sh.Title, sh.Place, sh.Public, sh.UpdatedAt)
	return db.Err(err)
}

// getShift loads a shift with its slots, their languages, places taken and
// live helpers (without names).
func getShift(ctx context.Context, q db.Querier, id string) (*Shift, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	sh, err := scanShift(q.QueryRowContext(ctx, `SELECT `+shiftColumns+` FROM volunteer_shifts sh WHERE sh.id = $1`,
		strings.ToLower(id)))
	if err != nil {
		return nil, db.Err(err)
	}
	if err := withSlots(ctx, q, []*Shift{sh}); err != nil {
		return nil, err
	}
	return sh, nil
}

// shiftsBetween lists the shifts that start in [from, to), of one
// organisation when orgID is not "", public ones only unless all, soonest
// first, at most limit (0: no limit), with their slots.
func shiftsBetween(ctx context.Context, q db.Querier, orgID string, from, to time.Time, all bool, limit int) ([]*Shift, error) {
	query := `SELECT ` + shiftColumns + ` FROM volunteer_shifts sh WHERE sh.starts_at >= $1 AND sh.starts_at < $2`
	args := []any{from, to}
	if orgID != "" {
		args = append(args, orgID)
		query += ` AND sh.organization_id = $3`
	}
	if !all {
		query += ` AND sh.public`
	}
	query += ` ORDER BY sh.starts_at, sh.id`
	if limit > 0 {
		query += ` LIMIT ` + strconv.Itoa(limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	shifts, err := db.Collect(rows, err, scanShift)
	if err != nil {
		return nil, err
	}
	return shifts, withSlots(ctx, q, shifts)
}

// withSlots fills the shifts' slots, in three queries for all of them.
func withSlots(ctx context.Context, q db.Querier, shifts []*Shift) error {
	if len(shifts) == 0 {
		return nil
	}
	byID := map[string]*Shift{}
	shiftIDs := make([]string, len(shifts))
	for i, sh := range shifts {
		byID[sh.ID], shiftIDs[i] = sh, sh.ID
	}
	marks, args := db.In(1, shiftIDs)
	rows, err := q.QueryContext(ctx, `SELECT sl.id, sl.shift_id, sl.position, sl.task, sl.needed, sl.check_required,
COALESCE(p.taken, 0) FROM volunteer_slots sl
LEFT JOIN capacity_pools p ON p.kind = '`+poolKind+`' AND p.pool_id = `+textOf("sl.id")+`
WHERE sl.shift_id IN (`+marks+`) ORDER BY sl.shift_id, sl.position`, args...)
	slots, err := db.Collect(rows, err, func(s db.Scanner) (*Slot, error) {
		var sl Slot
		err := s.Scan(&sl.ID, &sl.ShiftID, &sl.Position, &sl.Task, &sl.Needed, &sl.CheckRequired, &sl.Taken)
		return &sl, err
	})
	if err != nil || len(slots) == 0 {
		return err
	}
	slotByID := map[string]*Slot{}
	slotIDs := make([]string, len(slots))
	for i, sl := range slots {
		slotByID[sl.ID], slotIDs[i] = sl, sl.ID
		byID[sl.ShiftID].Slots = append(byID[sl.ShiftID].Slots, sl)
	}
	marks, args = db.In(1, slotIDs)
	rows, err = q.QueryContext(ctx, `SELECT slot_id, lang FROM volunteer_slot_languages WHERE slot_id IN (`+marks+`)
ORDER BY slot_id, lang`, args...)
	if err := db.Each(rows, err, func(s db.Scanner) error {
		var slotID, lang string
		if err := s.Scan(&slotID, &lang); err != nil {
			return err
		}
		slotByID[slotID].Languages = append(slotByID[slotID].Languages, lang)
		return nil
	}); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT `+helperColumns+` FROM volunteer_helpers
WHERE left_at IS NULL AND slot_id IN (`+marks+`) ORDER BY slot_id, taken_at, id`, args...)
	return db.Each(rows, err, func(s db.Scanner) error {
		h, err := scanHelper(s)
		if err != nil {
			return err
		}
		slotByID[h.SlotID].Helpers = append(slotByID[h.SlotID].Helpers, h)
		return nil
	})
}

// textOf is a uuid column as text on PostgreSQL, where the capacity core
// keeps pool ids as text; SQLite keeps ids as text anyway.
func textOf(column string) string { return "CAST(" + column + " AS TEXT)" }

const helperColumns = `id, slot_id, user_id, show_name, no_show, taken_at`

func scanHelper(s db.Scanner) (Helper, error) {
	var h Helper
	err := s.Scan(&h.ID, &h.SlotID, &h.UserID, &h.ShowName, &h.NoShow, &h.TakenAt)
	h.TakenAt = h.TakenAt.UTC()
	return h, err
}

// liveHelper is the person's live place in the slot, NotFound without.
func liveHelper(ctx context.Context, q db.Querier, slotID, userID string) (Helper, error) {
	h, err := scanHelper(q.QueryRowContext(ctx, `SELECT `+helperColumns+` FROM volunteer_helpers
WHERE slot_id = $1 AND user_id = $2 AND left_at IS NULL`, slotID, userID))
	return h, db.Err(err)
}

// lockTaker locks the person's taker row until tx ends, so that their
// takes run one after the other and each sees the others' slots.
func lockTaker(ctx context.Context, tx *sql.Tx, userID string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO volunteer_takers (user_id, last_taken_at) VALUES ($1, $2)
ON CONFLICT (user_id) DO UPDATE SET last_taken_at = excluded.last_taken_at`, userID, now)
	return db.Err(err)
}

// overlapping returns a shift in which the person holds a slot and which
// overlaps [start, end), nil if none.
func overlapping(ctx context.Context, q db.Querier, userID string, start, end time.Time) (*Shift, error) {
	sh, err := scanShift(q.QueryRowContext(ctx, `SELECT `+shiftColumns+` FROM volunteer_helpers h
JOIN volunteer_slots sl ON sl.id = h.slot_id JOIN volunteer_shifts sh ON sh.id = sl.shift_id
WHERE h.user_id = $1 AND h.left_at IS NULL AND sh.starts_at < $3 AND sh.ends_at > $2
ORDER BY sh.starts_at LIMIT 1`, userID, start, end))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return sh, db.Err(err)
}

func onActiveRoster(ctx context.Context, q db.Querier, orgID, userID string) bool {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM volunteer_roster
WHERE organization_id = $1 AND user_id = $2 AND status = 'active'`, orgID, userID).Scan(&n)
	return err == nil && n > 0
}
