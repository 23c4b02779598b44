package blog

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/paging"
)

// The reports live in pledge_reports and pledge_report_photos, the names
// the tables had when the pledges module held them; pledge_id holds the
// owner's id, whatever its kind.

const reportColumns = `r.id, r.owner_kind, r.pledge_id, r.owner_public, r.author_id, r.organization_id, r.title, r.body,
	r.content_lang, r.status, r.featured, r.hidden, r.confirmed_by, r.published_at, r.created_at, r.updated_at`

// public is the condition of reports everybody sees.
const public = "r.status = 'published' AND NOT r.hidden AND r.owner_public"

func scanReport(row db.Scanner) (*Report, error) {
	r := &Report{}
	var org, confirmedBy sql.NullString
	var published sql.NullTime
	if err := row.Scan(&r.ID, &r.OwnerKind, &r.OwnerID, &r.OwnerPublic, &r.AuthorID, &org, &r.Title, &r.Body, &r.Lang,
		&r.Status, &r.Featured, &r.Hidden, &confirmedBy, &published, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, db.Err(err)
	}
	r.OrgID, r.ConfirmedBy, r.PublishedAt = org.String, confirmedBy.String, db.TimePtr(published)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, nil
}

// queryReports reads reports with their photos; tail follows the table
// (" WHERE ... ORDER BY ...", the table named r).
func queryReports(ctx context.Context, q db.Querier, tail string, args ...any) ([]*Report, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+reportColumns+" FROM pledge_reports r"+tail, args...)
	out, err := db.Collect(rows, err, scanReport)
	if err != nil {
		return nil, err
	}
	return out, loadPhotos(ctx, q, out)
}

func reportWhere(ctx context.Context, q db.Querier, where string, args ...any) (*Report, error) {
	list, err := queryReports(ctx, q, " WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return list[0], nil
}

func reportByID(ctx context.Context, q db.Querier, id string) (*Report, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return reportWhere(ctx, q, "r.id = $1", strings.ToLower(id))
}

// lockReport reads a report for a change in tx, locked until it ends.
func lockReport(ctx context.Context, tx *sql.Tx, id string) (*Report, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	if err := db.LockRow(ctx, tx, "pledge_reports", strings.ToLower(id)); err != nil {
		return nil, err
	}
	return reportByID(ctx, tx, id)
}

// reportOf reads the report of an owner.
func reportOf(ctx context.Context, q db.Querier, kind, ownerID string) (*Report, error) {
	if !ids.Valid(ownerID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return reportWhere(ctx, q, "r.owner_kind = $1 AND r.pledge_id = $2", kind, strings.ToLower(ownerID))
}

// loadPhotos fills in the photos of reports with one query.
func loadPhotos(ctx context.Context, q db.Querier, reports []*Report) error {
	if len(reports) == 0 {
		return nil
	}
	byID := map[string]*Report{}
	reportIDs := make([]string, len(reports))
	for i, r := range reports {
		byID[r.ID] = r
		r.Photos = []string{}
		reportIDs[i] = r.ID
	}
	in, args := db.In(1, reportIDs)
	rows, err := q.QueryContext(ctx, "SELECT report_id, upload_id FROM pledge_report_photos WHERE report_id IN ("+
		in+") ORDER BY position, upload_id", args...)
	return db.Each(rows, err, func(row db.Scanner) error {
		var rid, uid string
		if err := row.Scan(&rid, &uid); err != nil {
			return err
		}
		byID[rid].Photos = append(byID[rid].Photos, uid)
		return nil
	})
}

func insertReport(ctx context.Context, tx *sql.Tx, r *Report) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pledge_reports (id, owner_kind, pledge_id, owner_public, author_id,
		organization_id, title, body, content_lang, status, confirmed_by, published_at, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		r.ID, r.OwnerKind, r.OwnerID, r.OwnerPublic, r.AuthorID, db.NullString(r.OrgID), r.Title, r.Body, r.Lang,
		string(r.Status), db.NullString(r.ConfirmedBy), r.PublishedAt, r.CreatedAt, r.UpdatedAt)
	return db.Err(err)
}

func addPhotos(ctx context.Context, tx *sql.Tx, reportID string, start int, photos []string) error {
	for i, id := range photos {
		if _, err := tx.ExecContext(ctx, "INSERT INTO pledge_report_photos (report_id, upload_id, position) VALUES ($1, $2, $3)",
			reportID, id, start+i); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// listOrder names the order of the blog, newest report first, for its
// cursors; the name is the one the cursors had before the blog was a
// module of its own, so links people kept still work.
const listOrder = "blog.published"

// listPublic reads a page of public reports, newest first: featured ones
// only when asked.
func listPublic(ctx context.Context, q db.Querier, featured bool, limit int, cursor string) ([]*Report, string, error) {
	var where db.Where
	where.Add(public)
	if featured {
		where.Add("r.featured")
	}
	if cursor != "" {
		c := paging.Read(listOrder, cursor)
		at, id := c.Time(), c.ID()
		if err := c.Err(); err != nil {
			return nil, "", err
		}
		where.Add("(r.published_at, r.id) < (?, ?)", at, id)
	}
	tail := where.SQL() + " ORDER BY r.published_at DESC, r.id DESC LIMIT " + where.Arg(limit+1)
	items, err := queryReports(ctx, q, tail, where.Args()...)
	if err != nil || len(items) <= limit {
		return items, "", err
	}
	items = items[:limit]
	last := items[limit-1]
	return items, paging.New(listOrder).Time(*last.PublishedAt).ID(last.ID).String(), nil
}

// countPublic counts the public reports of a kind.
func countPublic(ctx context.Context, q db.Querier, kind string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM pledge_reports r WHERE r.owner_kind = $1 AND "+public, kind).Scan(&n)
	return n, db.Err(err)
}

// publishedOwners returns which of the owners have a published report.
func publishedOwners(ctx context.Context, q db.Querier, kind string, ownerIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(ownerIDs) == 0 {
		return out, nil
	}
	in, args := db.In(2, ownerIDs)
	rows, err := q.QueryContext(ctx, "SELECT pledge_id FROM pledge_reports WHERE owner_kind = $1 AND status = 'published' AND pledge_id IN ("+
		in+")", append([]any{kind}, args...)...)
	return out, db.Each(rows, err, func(row db.Scanner) error {
		id, err := db.Value[string](row)
		out[id] = err == nil
		return err
	})
}

// publicSince reads public reports created after (at, id), oldest first.
func publicSince(ctx context.Context, q db.Querier, at time.Time, id string, limit int) ([]*Report, error) {
	return queryReports(ctx, q, " WHERE "+public+` AND (r.created_at > $1 OR (r.created_at = $1 AND r.id > $2))
		ORDER BY r.created_at, r.id LIMIT $3`, at, id, limit)
}
