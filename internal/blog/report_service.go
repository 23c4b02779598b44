package blog

import (
	"context"
	"database/sql"
	"io"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/uploads"
)

// MaxImageBytes bounds one photo of a report.
const MaxImageBytes = 8 << 20

// Page sizes of the blog and its API.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Write stores the report of an owner of the kind, by a person its owner
// lets write it, with up to MaxPhotos photos. The report of whoever
// confirms the owner's reports is published at once; anybody else's waits
// for them, and they are told.
func (m *Module) Write(ctx context.Context, actor *auth.Identity, kind, ownerID string, in Input, photos []io.Reader) (*Report, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	k, err := m.kind(kind)
	if err != nil {
		return nil, err
	}
	if _, err := k.Owner.Writer(ctx, m.s.DB, ownerID, actor); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if len(photos) > MaxPhotos {
		return nil, apperr.Field("photos", "blog.too_many_photos")
	}
	var r *Report
	err = m.withPhotos(ctx, actor, photos, func(tx *sql.Tx, stored []string, now time.Time) error {
		w, err := k.Owner.Writer(ctx, tx, ownerID, actor)
		if err != nil {
			return err
		}
		r = &Report{ID: ids.New(), OwnerKind: k.Name, OwnerID: strings.ToLower(ownerID), OwnerPublic: w.Public, AuthorID: actor.UserID,
			OrgID: w.OrgID, Title: in.Title, Body: in.Body, Lang: in.Lang, Status: Submitted, CreatedAt: now, UpdatedAt: now, Photos: stored}
		if w.Confirms {
			r.Status, r.PublishedAt, r.ConfirmedBy = Published, &now, actor.UserID
		}
		err = insertReport(ctx, tx, r)
		if apperr.Is(err, apperr.Conflict) {
			return apperr.New(apperr.Conflict, k.Words.Exists)
		}
		if err != nil {
			return err
		}
		if err := addPhotos(ctx, tx, r.ID, 0, stored); err != nil {
			return err
		}
		return m.written(ctx, tx, k, r, !w.Confirms, actor.Name, now)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// withPhotos stores the photos, then runs change in a transaction with
// their ids; when it fails, they are removed again.
func (m *Module) withPhotos(ctx context.Context, actor *auth.Identity, photos []io.Reader,
	change func(tx *sql.Tx, stored []string, now time.Time) error) error {
	now := m.s.Clock.Now()
	stored, err := m.storePhotos(ctx, actor.UserID, photos, now)
	if err != nil {
		return err
	}
	if err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return change(tx, stored, now) }); err != nil {
		dropAll(ctx, m.s.DB, stored)
		return err
	}
	return nil
}

// written ends a change of a report's text in tx: whoever confirms it is
// asked to when ask, and search learns its state.
func (m *Module) written(ctx context.Context, tx *sql.Tx, k Kind, r *Report, ask bool, author string, now time.Time) error {
	if ask {
		if err := k.Owner.Waiting(ctx, tx, r, author, now); err != nil {
			return err
		}
	}
	return m.indexReport(ctx, tx, r.ID)
}

// storePhotos keeps uploaded photos; a refusal names the field "photos".
// On error the ones stored so far are removed again.
func (m *Module) storePhotos(ctx context.Context, ownerID string, photos []io.Reader, now time.Time) ([]string, error) {
	var out []string
	for _, r := range photos {
		u, err := uploads.Store(ctx, m.s.DB, m.s.Limiter, ownerID, r, MaxImageBytes, now)
		if err != nil {
			dropAll(ctx, m.s.DB, out)
			if e := apperr.As(err); e.Code == apperr.Invalid && e.Msg != "" {
				return nil, apperr.Field("photos", e.Msg)
			}
			return nil, err
		}
		out = append(out, u.ID)
	}
	return out, nil
}

// dropAll removes photos stored for a change that failed.
func dropAll(ctx context.Context, q db.Querier, photos []string) {
	for _, id := range photos {
		_ = uploads.Drop(ctx, q, id)
	}
}

// changeable loads a report for someone who may change it (locked when q
// is a transaction): its author or whoever confirms its owner's reports,
// which confirms tells. Everybody else gets Forbidden, or NotFound when
// they may not even see it.
func (m *Module) changeable(ctx context.Context, q db.Querier, actor *auth.Identity, reportID string) (r *Report, k Kind, confirms bool, err error) {
	if r, err = m.Get(ctx, actor, reportID); err != nil {
		return nil, Kind{}, false, err
	}
	if tx, ok := q.(*sql.Tx); ok {
		if r, err = lockReport(ctx, tx, r.ID); err != nil {
			return nil, Kind{}, false, err
		}
	}
	if k, err = m.kind(r.OwnerKind); err != nil {
		return nil, Kind{}, false, err
	}
	confirms = k.Owner.Confirms(ctx, r.OwnerID, actor.UserID)
	if !confirms && r.AuthorID != actor.UserID {
		return nil, Kind{}, false, apperr.New(apperr.Forbidden, k.Words.AuthorOnly)
	}
	return r, k, confirms, nil
}

// Update changes a report, by its author or whoever confirms it, and adds
// photos. When the author edits a published report it waits for
// confirmation again.
func (m *Module) Update(ctx context.Context, actor *auth.Identity, reportID string, in Input, photos []io.Reader) (*Report, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	r, _, _, err := m.changeable(ctx, m.s.DB, actor, reportID)
	if err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if len(r.Photos)+len(photos) > MaxPhotos {
		return nil, apperr.Field("photos", "blog.too_many_photos")
	}
	err = m.withPhotos(ctx, actor, photos, func(tx *sql.Tx, stored []string, now time.Time) error {
		var k Kind
		var confirms bool
		var err error
		if r, k, confirms, err = m.changeable(ctx, tx, actor, reportID); err != nil {
			return err
		}
		if len(r.Photos)+len(stored) > MaxPhotos {
			return apperr.Field("photos", "blog.too_many_photos")
		}
		back := !confirms && r.Published()
		if back {
			r.Status = Submitted
		}
		r.Title, r.Body, r.Lang, r.UpdatedAt = in.Title, in.Body, in.Lang, now
		if _, err := tx.ExecContext(ctx, `UPDATE pledge_reports SET title = $1, body = $2, content_lang = $3, status = $4,
			updated_at = $5 WHERE id = $6`, r.Title, r.Body, r.Lang, string(r.Status), now, r.ID); err != nil {
			return db.Err(err)
		}
		if err := addPhotos(ctx, tx, r.ID, len(r.Photos), stored); err != nil {
			return err
		}
		r.Photos = append(r.Photos, stored...)
		return m.written(ctx, tx, k, r, back, actor.Name, now)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// RemovePhoto takes a photo off a report (its author or whoever confirms it).
func (m *Module) RemovePhoto(ctx context.Context, actor *auth.Identity, reportID, uploadID string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, _, _, err := m.changeable(ctx, tx, actor, reportID)
		if err != nil {
			return err
		}
		uploadID = strings.ToLower(uploadID)
		if !slices.Contains(r.Photos, uploadID) {
			return apperr.New(apperr.NotFound, "")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM pledge_report_photos WHERE report_id = $1 AND upload_id = $2",
			r.ID, uploadID); err != nil {
			return db.Err(err)
		}
		return uploads.Drop(ctx, tx, uploadID)
	})
}

// Confirm publishes a report on the blog (whoever confirms its owner's
// reports only); its author is told.
func (m *Module) Confirm(ctx context.Context, actor *auth.Identity, reportID string) (*Report, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	var r *Report
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var k Kind
		var confirms bool
		var err error
		if r, k, confirms, err = m.changeable(ctx, tx, actor, reportID); err != nil {
			return err
		}
		if !confirms {
			return apperr.New(apperr.Forbidden, k.Words.ConfirmOnly)
		}
		if r.Published() {
			return nil
		}
		published := now
		if r.PublishedAt != nil {
			published = *r.PublishedAt // an edited report keeps its place on the blog
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pledge_reports SET status = 'published', published_at = $1,
			confirmed_by = $2, updated_at = $3 WHERE id = $4`, published, actor.UserID, now, r.ID); err != nil {
			return db.Err(err)
		}
		r.Status, r.PublishedAt, r.ConfirmedBy = Published, &published, actor.UserID
		if r.AuthorID != actor.UserID {
			if err := k.Owner.Published(ctx, tx, r, now); err != nil {
				return err
			}
		}
		return m.indexReport(ctx, tx, r.ID)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// SetFeatured features a published report at the top of the blog, or no
// longer (coordinators only).
func (m *Module) SetFeatured(ctx context.Context, actor *auth.Identity, reportID string, featured bool) error {
	if !actor.Staff() {
		if actor == nil {
			return apperr.New(apperr.Unauthenticated, "")
		}
		return apperr.New(apperr.Forbidden, "")
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := lockReport(ctx, tx, reportID)
		if err != nil {
			return err
		}
		if featured && !r.Published() {
			return apperr.New(apperr.Conflict, "blog.feature_unpublished")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE pledge_reports SET featured = $1 WHERE id = $2", featured, r.ID); err != nil {
			return db.Err(err)
		}
		// The audit log's names of these actions are older than the blog.
		action := "pledge.report.unfeature"
		if featured {
			action = "pledge.report.feature"
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: action, ObjectType: "pledge_report",
			ObjectID: r.ID, Details: map[string]any{"title": r.Title}})
	})
}

// Get returns a report the person may see: everybody a public one; its
// author, whoever confirms it and the coordinators also the others.
func (m *Module) Get(ctx context.Context, actor *auth.Identity, reportID string) (*Report, error) {
	r, err := reportByID(ctx, m.s.DB, reportID)
	if err != nil {
		return nil, err
	}
	k, err := m.kind(r.OwnerKind)
	if err != nil {
		return nil, err
	}
	if r.Public() {
		return r, nil
	}
	if actor != nil && (actor.Staff() || r.AuthorID == actor.UserID || k.Owner.Confirms(ctx, r.OwnerID, actor.UserID)) {
		return r, nil
	}
	return nil, apperr.New(apperr.NotFound, "")
}

// Of returns the report of an owner as the person may see it; NotFound
// when there is none they may see.
func (m *Module) Of(ctx context.Context, actor *auth.Identity, kind, ownerID string) (*Report, error) {
	r, err := reportOf(ctx, m.s.DB, kind, ownerID)
	if err != nil {
		return nil, err
	}
	return m.Get(ctx, actor, r.ID)
}

// Page is one page of the blog.
type Page struct {
	Items []*Report
	Next  string // the cursor of the next page; "" on the last
}

// List returns public reports, newest first; featured ones only when asked.
func (m *Module) List(ctx context.Context, featured bool, limit int, cursor string) (*Page, error) {
	if limit <= 0 || limit > MaxLimit {
		limit = DefaultLimit
	}
	items, next, err := listPublic(ctx, m.s.DB, featured, limit, cursor)
	if err != nil {
		return nil, err
	}
	return &Page{Items: items, Next: next}, nil
}

// CountPublic counts the reports of owners of the kind that everybody sees.
func (m *Module) CountPublic(ctx context.Context, kind string) (int, error) {
	return countPublic(ctx, m.s.DB, kind)
}

// ToConfirm lists the reports of the owners that wait for confirmation.
func (m *Module) ToConfirm(ctx context.Context, kind string, ownerIDs []string) ([]*Report, error) {
	if len(ownerIDs) == 0 {
		return nil, nil
	}
	var where db.Where
	where.Add("r.owner_kind = ? AND r.status = 'submitted'", kind)
	where.Add("r.pledge_id IN (?)", ownerIDs)
	return queryReports(ctx, m.s.DB, where.SQL()+" ORDER BY r.created_at, r.id", where.Args()...)
}

// PublishedFor returns which of the owners have a published report
// (hidden or not).
func (m *Module) PublishedFor(ctx context.Context, kind string, ownerIDs []string) (map[string]bool, error) {
	return publishedOwners(ctx, m.s.DB, kind, ownerIDs)
}

// SetOwnerPublic records in tx whether everybody may see an owner, and so
// its published reports: the owner's module calls it in the transaction
// that changes this (a pledge hidden by moderation).
func (m *Module) SetOwnerPublic(ctx context.Context, tx *sql.Tx, kind, ownerID string, public bool) error {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM pledge_reports WHERE owner_kind = $1 AND pledge_id = $2", kind, strings.ToLower(ownerID))
	reports, err := db.Collect(rows, err, db.Value[string])
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE pledge_reports SET owner_public = $1 WHERE owner_kind = $2 AND pledge_id = $3",
		public, kind, strings.ToLower(ownerID)); err != nil {
		return db.Err(err)
	}
	for _, id := range reports {
		if err := m.indexReport(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// DeleteOwned removes in tx the reports of an owner with their photos and
// takes them out of search: the owner's module calls it before it deletes
// the owner.
func (m *Module) DeleteOwned(ctx context.Context, tx *sql.Tx, kind, ownerID string) error {
	reports, err := queryReports(ctx, tx, " WHERE r.owner_kind = $1 AND r.pledge_id = $2", kind, strings.ToLower(ownerID))
	if err != nil {
		return err
	}
	for _, r := range reports {
		if err := m.deleteReport(ctx, tx, r); err != nil {
			return err
		}
	}
	return nil
}

// deleteReport removes a report with its photos, and from search.
func (m *Module) deleteReport(ctx context.Context, tx *sql.Tx, r *Report) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM pledge_reports WHERE id = $1", r.ID); err != nil {
		return db.Err(err)
	}
	for _, id := range r.Photos {
		if err := uploads.Drop(ctx, tx, id); err != nil {
			return err
		}
	}
	return m.unindex(ctx, tx, r.ID)
}

// author is the name a report is signed with: the owner's byline, the
// organisation's or the person's name ("" for an account that is gone),
// in the language of ctx.
func (m *Module) author(ctx context.Context, r *Report) string {
	if k, err := m.kind(r.OwnerKind); err == nil {
		if name := k.Owner.Byline(ctx, r); name != "" {
			return name
		}
	}
	if r.OrgID != "" {
		if o, err := m.orgs.Get(ctx, r.OrgID); err == nil {
			return o.Name
		}
	}
	names, err := m.accounts.Names(ctx, []string{r.AuthorID})
	if err != nil {
		return ""
	}
	return names[r.AuthorID]
}
