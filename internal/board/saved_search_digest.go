package board

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/secrets"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

// The digest of saved searches.
const (
	// DigestEvery is how often the digest job runs: once a day.
	DigestEvery = 24 * time.Hour
	// digestGap is the least time between two digests of one search, a
	// little less than a day so the job's own drift never skips a day.
	digestGap = 20 * time.Hour
	// digestLook is how many of the newest matching listings a digest
	// considers; those mailed before are left out.
	digestLook = 50
	// digestShown is how many listings a mail lists; it counts the rest.
	digestShown = 10
	// digestBatch is how many saved searches are read at a time.
	digestBatch = 100
	// linkLifetime is how long the unsubscribe link of a mail works.
	linkLifetime = 365 * 24 * time.Hour
)

// digestJobs are the responses area's jobs: the daily digests of saved
// searches, and settling the responses of listings that closed. The job
// runner makes sure one server runs a job per period; each search and
// each response is also claimed in its own transaction, so even two runs
// at once mail once.
func (m *Module) digestJobs() []jobs.Job {
	return []jobs.Job{
		{Name: "board.saved_searches.digest", Every: DigestEvery, Run: m.sendDigests, Timeout: 30 * time.Minute},
		{Name: "board.responses.settle", Every: settleEvery, Run: m.settleResponses},
	}
}

// sendDigests mails every saved search with its digest on the listings
// that match it, are new since it was saved and were not mailed before.
// Nothing is sent for a search without new listings. A failing search is
// logged and does not stop the others.
func (m *Module) sendDigests(ctx context.Context, now time.Time) error {
	var errs []error
	after := "00000000-0000-0000-0000-000000000000"
	for {
		batch, err := querySaved(ctx, m.s.DB, "digest = TRUE AND id > $1 ORDER BY id LIMIT $2", after, digestBatch)
		if err != nil {
			return err
		}
		for _, s := range batch {
			if err := m.digest(ctx, s, now); err != nil {
				m.s.Log.ErrorContext(ctx, "saved search digest", "search", s.ID, "err", err)
				errs = append(errs, err)
			}
		}
		if len(batch) < digestBatch {
			break
		}
		after = batch[len(batch)-1].ID
	}
	if _, err := m.s.DB.ExecContext(ctx, "DELETE FROM saved_search_links WHERE created_at < $1", now.Add(-linkLifetime)); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}

// digest mails one saved search's new listings, if there are any.
func (m *Module) digest(ctx context.Context, s *SavedSearch, now time.Time) error {
	if s.LastSentAt != nil && now.Sub(*s.LastSentAt) < digestGap {
		return nil
	}
	c, err := m.accounts.ContactByID(ctx, s.UserID)
	if apperr.Is(err, apperr.NotFound) {
		return nil // a deleted or suspended account
	}
	if err != nil {
		return err
	}
	viewer := &auth.Identity{UserID: c.UserID, Name: c.Name, Email: c.Email, Lang: c.Lang, Role: auth.Member}
	found, err := m.matching(ctx, viewer, s.Filter, digestLook)
	if err != nil {
		return err
	}
	sent, err := sentListings(ctx, m.s.DB, s.ID)
	if err != nil {
		return err
	}
	var fresh []*Listing
	for _, l := range found {
		if l.CreatedAt.After(s.CreatedAt) && !sent[l.ID] && l.PosterID != s.UserID {
			fresh = append(fresh, l)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		// Claim the search for today: another server that got here first
		// has already written the mail.
		res, err := tx.ExecContext(ctx, `UPDATE saved_searches SET last_sent_at = $1 WHERE id = $2 AND digest = TRUE
			AND (last_sent_at IS NULL OR last_sent_at <= $3)`, now, s.ID, now.Add(-digestGap))
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		for _, l := range fresh {
			if _, err := tx.ExecContext(ctx, `INSERT INTO saved_search_sent (search_id, listing_id, sent_at) VALUES ($1, $2, $3)
				ON CONFLICT (search_id, listing_id) DO NOTHING`, s.ID, l.ID, now); err != nil {
				return db.Err(err)
			}
		}
		secret, hash := secrets.New()
		if _, err := tx.ExecContext(ctx, "INSERT INTO saved_search_links (hash, search_id, created_at) VALUES ($1, $2, $3)",
			hash, s.ID, now); err != nil {
			return db.Err(err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE saved_searches SET unsubscribe_hash = $1 WHERE id = $2", hash, s.ID); err != nil {
			return db.Err(err)
		}
		return m.mailDigest(ctx, tx, c.Email, m.s.Catalog.Localizer(c.Lang), s, fresh, secret, now)
	})
}

// matching returns the newest live listings that match f and that viewer
// may see, as the board would show them; a filter that no longer checks
// out (a place the gazetteer forgot) matches nothing.
func (m *Module) matching(ctx context.Context, viewer *auth.Identity, f Filter, limit int) ([]*Listing, error) {
	f.Sort, f.Cursor = SortNewest, ""
	res, err := m.Search(ctx, viewer, f, limit)
	if apperr.Is(err, apperr.Invalid) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]*Listing, len(res.Items))
	for i, it := range res.Items {
		out[i] = it.Listing
	}
	return out, nil
}

// sentListings are the listings a search's digests mailed before.
func sentListings(ctx context.Context, q db.Querier, searchID string) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT listing_id FROM saved_search_sent WHERE search_id = $1", searchID)
	out := map[string]bool{}
	err = db.Each(rows, err, func(row db.Scanner) error {
		var id string
		err := row.Scan(&id)
		out[id] = true
		return err
	})
	return out, err
}

// mailDigest writes the digest mail: the newest listings first, each with
// its kind, title, place, category and link; the board with the filter as
// the action; the unsubscribe link in the footer and, for one click in
// the mail program, in the List-Unsubscribe header.
func (m *Module) mailDigest(ctx context.Context, tx *sql.Tx, to string, l *i18n.Localizer, s *SavedSearch,
	fresh []*Listing, secret string, now time.Time) error {
	unsubscribe := m.s.BaseURL + "/searches/unsubscribe/" + secret
	body := mail.Body{
		Greeting:   l.T("board.saved.mail.greeting"),
		Paragraphs: []string{l.T("board.saved.mail.intro", "Count", len(fresh), "Name", s.Name)},
		Action:     &mail.Action{Label: l.T("board.saved.mail.action"), URL: m.s.BaseURL + s.BoardURL()},
		Footer: l.T("board.saved.mail.footer", "Unsubscribe", unsubscribe,
			"Manage", m.s.BaseURL+"/me/searches"),
		Dir: l.Dir(),
	}
	for i, x := range fresh {
		if i == digestShown {
			body.Paragraphs = append(body.Paragraphs, l.T("board.saved.mail.more", "Count", len(fresh)-digestShown))
			break
		}
		lines := []string{l.T("board.saved.mail.kind."+string(x.Kind)) + ": " + x.Title}
		var where []string
		if place := strings.TrimSpace(x.Postcode + " " + x.Place); place != "" {
			where = append(where, place)
		}
		if name := taxonomy.Default().Name(x.Category, l.Lang()); name != "" {
			where = append(where, name)
		}
		if len(where) > 0 {
			lines = append(lines, strings.Join(where, " · "))
		}
		lines = append(lines, m.s.BaseURL+"/listings/"+x.ID)
		body.Paragraphs = append(body.Paragraphs, strings.Join(lines, "\n"))
	}
	return mail.Enqueue(ctx, tx, mail.Message{To: to, Lang: l.Lang(),
		Subject: l.T("board.saved.mail.subject", "Name", s.Name), Body: body, Unsubscribe: unsubscribe}, now)
}
