package pledge

import (
	"context"
	"database/sql"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/text"
)

// MaxPhotos bounds the photos of one report.
const MaxPhotos = 4

// ReportStatus is where a report stands.
type ReportStatus string

const (
	ReportSubmitted ReportStatus = "submitted" // waiting for the pledger to confirm it
	ReportPublished ReportStatus = "published" // on the blog
)

// Report tells the public what happened after a pledge succeeded.
type Report struct {
	ID          string
	PledgeID    string
	AuthorID    string
	OrgID       string // the organisation the author wrote for, if any
	Title       string
	Body        string // Markdown source; see RenderMarkdown
	Lang        string
	Status      ReportStatus
	Featured    bool
	Hidden      bool
	ConfirmedBy string
	PublishedAt *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Photos      []string // upload ids, in order
}

// Dir is the writing direction of the report's language.
func (r *Report) Dir() string { return i18n.LanguageOf(r.Lang).Dir }

// Published reports whether the report is on the blog (unless hidden).
func (r *Report) Published() bool { return r.Status == ReportPublished }

// HTML is the report's text, rendered and sanitised.
func (r *Report) HTML() template.HTML { return RenderMarkdown(r.Body) }

// Excerpt is the start of the text, for lists.
func (r *Report) Excerpt() string { return excerpt(plainText(r.Body), 280) }

// ReportInput is what the author writes.
type ReportInput struct {
	Title string
	Body  string
	Lang  string
}

func (in *ReportInput) validate() error {
	in.Title = text.OneLine(in.Title)
	in.Body = text.MultiLine(in.Body)
	in.Lang = strings.TrimSpace(in.Lang)
	f := apperr.Fields{}
	check.Text(f, "title", in.Title, maxTitleLen, true)
	check.Text(f, "text", in.Body, maxReportLen, true)
	if !i18n.Supported(in.Lang) {
		f.Add("content_lang", "form.invalid_choice")
	}
	return f.Err()
}

const reportColumns = `r.id, r.pledge_id, r.author_id, r.organization_id, r.title, r.body, r.content_lang, r.status,
	r.featured, r.hidden, r.confirmed_by, r.published_at, r.created_at, r.updated_at`

func scanReport(row db.Scanner) (*Report, error) {
	r := &Report{}
	var org, confirmedBy sql.NullString
	var published sql.NullTime
	var status string
	if err := row.Scan(&r.ID, &r.PledgeID, &r.AuthorID, &org, &r.Title, &r.Body, &r.Lang, &status, &r.Featured,
		&r.Hidden, &confirmedBy, &published, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, db.Err(err)
	}
	r.OrgID, r.ConfirmedBy, r.Status, r.PublishedAt = org.String, confirmedBy.String, ReportStatus(status), db.TimePtr(published)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, nil
}

func queryReports(ctx context.Context, q db.Querier, query string, args ...any) ([]*Report, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	out, err := db.Collect(rows, err, scanReport)
	if err != nil {
		return nil, err
	}
	return out, loadPhotos(ctx, q, out)
}

func reportWhere(ctx context.Context, q db.Querier, where string, args ...any) (*Report, error) {
	list, err := queryReports(ctx, q, "SELECT "+reportColumns+" FROM pledge_reports r WHERE "+where, args...)
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

// reportPhotoIDs lists the uploads of the reports matching where (on r).
func reportPhotoIDs(ctx context.Context, q db.Querier, where string, args ...any) ([]string, error) {
	return dueIDs(ctx, q, "SELECT ph.upload_id FROM pledge_report_photos ph JOIN pledge_reports r ON r.id = ph.report_id WHERE "+
		where, args...)
}

// reportAuthor checks that the person may write the report of a
// successful pledge: its pledger or a redeemer. It tells which, and the
// organisation the report is then written for.
func (m *Module) reportAuthor(ctx context.Context, q db.Querier, p *Pledge, userID string) (pledger bool, orgID string, err error) {
	if m.isPledger(ctx, p, userID) {
		return true, p.OrgID, nil
	}
	if s, ok := m.redeemer(ctx, q, p, userID); ok {
		return false, s.OrgID, nil
	}
	return false, "", apperr.New(apperr.Forbidden, "pledge.report.redeemers_only")
}

// storePhotos keeps uploaded photos; a refusal names the field "photos".
// On error the ones stored so far are removed again.
func (m *Module) storePhotos(ctx context.Context, ownerID string, photos []io.Reader, now time.Time) ([]string, error) {
	var out []string
	for _, r := range photos {
		id, err := m.storeImage(ctx, ownerID, r, now)
		if err != nil {
			for _, done := range out {
				_ = dropUpload(ctx, m.s.DB, done)
			}
			if e := apperr.As(err); e.Fields["image"] != "" {
				return nil, apperr.Field("photos", e.Fields["image"])
			}
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
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

// WriteReport writes the report of a successful pledge, by one of its
// redeemers or its pledger, with up to MaxPhotos photos. The pledger's own
// report is published at once; anybody else's waits for the pledger to
// confirm it, and the pledger is told.
func (m *Module) WriteReport(ctx context.Context, actor *auth.Identity, pledgeID string, in ReportInput, photos []io.Reader) (*Report, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	p, err := m.Get(ctx, actor, pledgeID)
	if err != nil {
		return nil, err
	}
	if p.Status != Successful {
		return nil, apperr.New(apperr.Conflict, "pledge.report.not_successful")
	}
	if _, _, err := m.reportAuthor(ctx, m.s.DB, p, actor.UserID); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if len(photos) > MaxPhotos {
		return nil, apperr.Field("photos", "pledge.report.too_many_photos")
	}
	now := m.s.Clock.Now()
	stored, err := m.storePhotos(ctx, actor.UserID, photos, now)
	if err != nil {
		return nil, err
	}
	var r *Report
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		p, err := lockPledge(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		pledger, orgID, err := m.reportAuthor(ctx, tx, p, actor.UserID)
		if err != nil {
			return err
		}
		r = &Report{ID: ids.New(), PledgeID: p.ID, AuthorID: actor.UserID, OrgID: orgID, Title: in.Title, Body: in.Body,
			Lang: in.Lang, Status: ReportSubmitted, CreatedAt: now, UpdatedAt: now, Photos: stored}
		if pledger {
			r.Status, r.PublishedAt, r.ConfirmedBy = ReportPublished, &now, actor.UserID
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO pledge_reports (id, pledge_id, author_id, organization_id, title, body,
			content_lang, status, confirmed_by, published_at, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			r.ID, r.PledgeID, r.AuthorID, db.NullString(r.OrgID), r.Title, r.Body, r.Lang, string(r.Status), db.NullString(r.ConfirmedBy),
			r.PublishedAt, r.CreatedAt, r.UpdatedAt)
		if apperr.Is(db.Err(err), apperr.Conflict) {
			return apperr.New(apperr.Conflict, "pledge.report.exists")
		}
		if err != nil {
			return db.Err(err)
		}
		if err := addPhotos(ctx, tx, r.ID, 0, stored); err != nil {
			return err
		}
		if !pledger {
			if err := m.askToConfirm(ctx, tx, p, r, actor.Name, now); err != nil {
				return err
			}
		}
		return m.indexReport(ctx, tx, r.ID)
	})
	if err != nil {
		for _, id := range stored {
			_ = dropUpload(ctx, m.s.DB, id)
		}
		return nil, err
	}
	return r, nil
}

func (m *Module) askToConfirm(ctx context.Context, tx *sql.Tx, p *Pledge, r *Report, author string, now time.Time) error {
	return m.sendPledger(ctx, tx, p, letter{kind: reportWritten, item: reportItem(r),
		path: "/blog/" + r.ID, args: []any{"Promise", p.Promise, "Title", r.Title}, names: []any{"Name", author}}, now)
}

// changeableReport loads a report and its pledge for someone who may
// change it (locked when q is a transaction):
// its author or the pledger. Everybody else gets Forbidden, or NotFound
// when they may not even see it.
func (m *Module) changeableReport(ctx context.Context, q db.Querier, actor *auth.Identity, reportID string) (*Report, *Pledge, bool, error) {
	r, p, err := m.GetReport(ctx, actor, reportID)
	if err != nil {
		return nil, nil, false, err
	}
	if tx, ok := q.(*sql.Tx); ok {
		if p, err = lockPledge(ctx, tx, p.ID); err != nil {
			return nil, nil, false, err
		}
		if r, err = reportByID(ctx, tx, r.ID); err != nil {
			return nil, nil, false, err
		}
	}
	pledger := m.isPledger(ctx, p, actor.UserID)
	if !pledger && r.AuthorID != actor.UserID {
		return nil, nil, false, apperr.New(apperr.Forbidden, "pledge.report.author_only")
	}
	return r, p, pledger, nil
}

// UpdateReport changes a report, by its author or the pledger, and adds
// photos. When the author edits a published report it waits for the
// pledger's confirmation again.
func (m *Module) UpdateReport(ctx context.Context, actor *auth.Identity, reportID string, in ReportInput, photos []io.Reader) (*Report, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	r, _, _, err := m.changeableReport(ctx, m.s.DB, actor, reportID)
	if err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if len(r.Photos)+len(photos) > MaxPhotos {
		return nil, apperr.Field("photos", "pledge.report.too_many_photos")
	}
	now := m.s.Clock.Now()
	stored, err := m.storePhotos(ctx, actor.UserID, photos, now)
	if err != nil {
		return nil, err
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var p *Pledge
		var pledger bool
		var err error
		if r, p, pledger, err = m.changeableReport(ctx, tx, actor, reportID); err != nil {
			return err
		}
		if len(r.Photos)+len(stored) > MaxPhotos {
			return apperr.Field("photos", "pledge.report.too_many_photos")
		}
		back := !pledger && r.Status == ReportPublished
		if back {
			r.Status = ReportSubmitted
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
		if back {
			if err := m.askToConfirm(ctx, tx, p, r, actor.Name, now); err != nil {
				return err
			}
		}
		return m.indexReport(ctx, tx, r.ID)
	})
	if err != nil {
		for _, id := range stored {
			_ = dropUpload(ctx, m.s.DB, id)
		}
		return nil, err
	}
	return r, nil
}

// RemovePhoto takes a photo off a report (its author or the pledger).
func (m *Module) RemovePhoto(ctx context.Context, actor *auth.Identity, reportID, uploadID string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, _, _, err := m.changeableReport(ctx, tx, actor, reportID)
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
		return dropUpload(ctx, tx, uploadID)
	})
}

// ConfirmReport publishes a report on the blog (the pledger only); its
// author is told.
func (m *Module) ConfirmReport(ctx context.Context, actor *auth.Identity, reportID string) (*Report, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	var r *Report
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var p *Pledge
		var pledger bool
		var err error
		if r, p, pledger, err = m.changeableReport(ctx, tx, actor, reportID); err != nil {
			return err
		}
		if !pledger {
			return apperr.New(apperr.Forbidden, "pledge.pledger_only")
		}
		if r.Status == ReportPublished {
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
		r.Status, r.PublishedAt, r.ConfirmedBy = ReportPublished, &published, actor.UserID
		if r.AuthorID != actor.UserID {
			if err := m.send(ctx, tx, r.AuthorID, letter{kind: reportPublished, item: reportItem(r),
				path: "/blog/" + r.ID, args: []any{"Promise", p.Promise, "Title", r.Title}}, now); err != nil {
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
		r, err := reportByID(ctx, tx, reportID)
		if err != nil {
			return err
		}
		if featured && !r.Published() {
			return apperr.New(apperr.Conflict, "pledge.report.feature_unpublished")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE pledge_reports SET featured = $1 WHERE id = $2", featured, r.ID); err != nil {
			return db.Err(err)
		}
		action := "pledge.report.unfeature"
		if featured {
			action = "pledge.report.feature"
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: action, ObjectType: "pledge_report",
			ObjectID: r.ID, Details: map[string]any{"title": r.Title}})
	})
}

// GetReport returns a report with its pledge for the person: everybody
// sees published ones of visible pledges; the author, the pledger and the
// coordinators also the others.
func (m *Module) GetReport(ctx context.Context, actor *auth.Identity, reportID string) (*Report, *Pledge, error) {
	r, err := reportByID(ctx, m.s.DB, reportID)
	if err != nil {
		return nil, nil, err
	}
	p, err := pledgeByID(ctx, m.s.DB, r.PledgeID)
	if err != nil {
		return nil, nil, err
	}
	if r.Published() && !r.Hidden && p.Public() {
		return r, p, nil
	}
	if actor != nil && (actor.Staff() || r.AuthorID == actor.UserID || m.isPledger(ctx, p, actor.UserID)) {
		return r, p, nil
	}
	return nil, nil, apperr.New(apperr.NotFound, "")
}

// ReportOf returns the report of a pledge as the person may see it;
// NotFound when there is none they may see.
func (m *Module) ReportOf(ctx context.Context, actor *auth.Identity, pledgeID string) (*Report, error) {
	if !ids.Valid(pledgeID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	r, err := reportWhere(ctx, m.s.DB, "r.pledge_id = $1", strings.ToLower(pledgeID))
	if err != nil {
		return nil, err
	}
	r, _, err = m.GetReport(ctx, actor, r.ID)
	return r, err
}

// BlogPage is one page of the blog.
type BlogPage struct {
	Items   []*Report
	Pledges map[string]*Pledge
	Next    string
}

const publicReports = `r.status = 'published' AND NOT r.hidden AND EXISTS (
	SELECT 1 FROM pledges p WHERE p.id = r.pledge_id AND NOT p.hidden AND p.status IN ('active', 'successful', 'failed'))`

// blogOrder names the order of the blog, newest report first, for its
// cursors.
const blogOrder = "blog.published"

// Blog returns published reports, newest first; featured only when asked.
func (m *Module) Blog(ctx context.Context, featured bool, limit int, cursor string) (*BlogPage, error) {
	if limit <= 0 || limit > MaxLimit {
		limit = DefaultLimit
	}
	where := publicReports
	args := []any{}
	if featured {
		where += " AND r.featured"
	}
	if cursor != "" {
		r := paging.Read(blogOrder, cursor)
		at, id := r.Time(), r.ID()
		if err := r.Err(); err != nil {
			return nil, err
		}
		args = append(args, at, id)
		where += " AND (r.published_at, r.id) < ($1, $2)"
	}
	args = append(args, limit+1)
	items, err := queryReports(ctx, m.s.DB, "SELECT "+reportColumns+" FROM pledge_reports r WHERE "+where+
		" ORDER BY r.published_at DESC, r.id DESC LIMIT $"+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, err
	}
	page := &BlogPage{Items: items, Pledges: map[string]*Pledge{}}
	if len(items) > limit {
		page.Items = items[:limit]
		last := page.Items[limit-1]
		page.Next = paging.New(blogOrder).Time(*last.PublishedAt).ID(last.ID).String()
	}
	for _, r := range page.Items {
		if p, err := pledgeByID(ctx, m.s.DB, r.PledgeID); err == nil {
			page.Pledges[p.ID] = p
		}
	}
	return page, nil
}

// ReportsToConfirm lists the reports waiting for the person as pledger.
func (m *Module) ReportsToConfirm(ctx context.Context, userID string, mine []*Pledge) ([]*Report, error) {
	var out []*Report
	for _, p := range mine {
		if p.Status != Successful {
			continue
		}
		r, err := reportWhere(ctx, m.s.DB, "r.pledge_id = $1 AND r.status = 'submitted'", p.ID)
		if apperr.Is(err, apperr.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// author is the name a report is signed with: the organisation's, or the
// person's ("" for an account that is gone); who signed up anonymously is
// named as such, in the language of ctx.
func (m *Module) author(ctx context.Context, r *Report) string {
	if s, err := m.MySignup(ctx, r.AuthorID, r.PledgeID); err == nil && s.Anonymous {
		if s.OrgID != "" {
			return m.localizer(ctx).T("pledge.supporter.anonymous_org")
		}
		return m.localizer(ctx).T("pledge.supporter.anonymous_person")
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
