// Package uploads keeps images that people upload (logos, photos of events)
// in the database, so any app server can serve them. Every image is decoded
// and encoded anew: that drops whatever else the file carried, above all
// the EXIF data with the GPS position where a phone took the photo, and
// makes sure what is served is a plain image of a known type.
package uploads

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/ratelimit"
)

//go:embed migrations
var migrations embed.FS

// Migrations creates the uploads table.
func Migrations() db.Migrations {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return db.Migrations{Module: "uploads", FS: fsys}
}

// Message ids of refusals.
const (
	MsgTooLarge   = "upload.too_large"
	MsgNotAnImage = "upload.not_an_image"
)

// Upload describes a stored image; the bytes come separately from Get.
type Upload struct {
	ID          string
	OwnerID     string // empty when nobody owns it
	ContentType string // image/jpeg or image/png
	Size        int64
	SHA256      string // hex, of the stored bytes
	Width       int
	Height      int
	CreatedAt   time.Time
}

// URL is the path where Handler serves the upload.
func (u Upload) URL() string { return URL(u.ID) }

// URL is the path where Handler serves the upload with this id.
func URL(id string) string { return "/uploads/" + id }

// ETag is a strong validator: the bytes of an upload never change.
func (u Upload) ETag() string { return `"` + u.SHA256 + `"` }

// Rule bounds how many images one account uploads: decoding is the
// costliest thing a member can make the server do.
var Rule = ratelimit.Rule{Name: "uploads.account", Limit: 30, Window: time.Hour}

// Store reads an image of at most limit bytes from r, re-encodes it (see the
// package comment), scales it down to MaxSide and saves it for ownerID
// ("" for nobody). Each attempt counts under Rule for ownerID with lim
// first (RateLimited beyond it). Files that are too large, also once
// decoded, are Invalid with MsgTooLarge, anything but a JPEG, PNG or GIF
// image Invalid with MsgNotAnImage.
//
// Decoding takes a while (about half a second for a 12-megapixel photo), so
// pass the database rather than an open transaction where the caller can:
// on SQLite an open write transaction holds up every other writer.
func Store(ctx context.Context, q db.Querier, lim *ratelimit.Limiter, ownerID string, r io.Reader, limit int64, now time.Time) (Upload, error) {
	if err := lim.Allow(ctx, Rule, "owner:"+ownerID); err != nil {
		return Upload{}, err
	}
	original, err := readLimited(r, limit)
	if err != nil {
		return Upload{}, err
	}
	img, err := normalizeInTurn(ctx, original)
	if err != nil {
		return Upload{}, err
	}
	sum := sha256.Sum256(img.data)
	u := Upload{
		ID:          ids.New(),
		OwnerID:     ownerID,
		ContentType: img.contentType,
		Size:        int64(len(img.data)),
		SHA256:      hex.EncodeToString(sum[:]),
		Width:       img.width,
		Height:      img.height,
		CreatedAt:   now.UTC().Truncate(time.Microsecond),
	}
	_, err = q.ExecContext(ctx, `INSERT INTO uploads
		(id, owner_id, content_type, size, sha256, width, height, data, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		u.ID, db.NullString(u.OwnerID), u.ContentType, u.Size, u.SHA256, u.Width, u.Height, img.data, u.CreatedAt)
	if err != nil {
		return Upload{}, db.Err(err)
	}
	return u, nil
}

// decoding admits two images at a time: a large photo takes up to a few
// hundred megabytes while it is decoded, and a burst of uploads must not
// exhaust a small server's memory.
var decoding = make(chan struct{}, 2)

func normalizeInTurn(ctx context.Context, original []byte) (encoded, error) {
	select {
	case decoding <- struct{}{}:
	case <-ctx.Done():
		return encoded{}, apperr.Wrap(apperr.Unavailable, ctx.Err())
	}
	defer func() { <-decoding }()
	return normalize(original)
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	tooLarge := apperr.New(apperr.Invalid, MsgTooLarge)
	tooLarge.Args = map[string]any{"MaxBytes": limit, "MaxMB": (limit + 1<<20 - 1) >> 20}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	var maxBytes *http.MaxBytesError
	switch {
	case errors.As(err, &maxBytes):
		return nil, tooLarge
	case err != nil:
		return nil, apperr.Wrap(apperr.Invalid, fmt.Errorf("read upload: %w", err))
	case int64(len(data)) > limit:
		return nil, tooLarge
	}
	return data, nil
}

const columns = "id, owner_id, content_type, size, sha256, width, height, created_at"

func scanUpload(s db.Scanner, extra ...any) (Upload, error) {
	var u Upload
	var owner *string
	dest := append([]any{&u.ID, &owner, &u.ContentType, &u.Size, &u.SHA256, &u.Width, &u.Height, &u.CreatedAt}, extra...)
	if err := s.Scan(dest...); err != nil {
		return Upload{}, db.Err(err)
	}
	if owner != nil {
		u.OwnerID = *owner
	}
	u.CreatedAt = u.CreatedAt.UTC()
	return u, nil
}

// canonicalID returns id as stored, or false when it cannot be an id (the
// query would fail on PostgreSQL instead of finding nothing).
func canonicalID(id string) (string, bool) {
	return strings.ToLower(id), ids.Valid(id)
}

// Get returns an upload with its bytes.
func Get(ctx context.Context, q db.Querier, id string) (Upload, []byte, error) {
	id, ok := canonicalID(id)
	if !ok {
		return Upload{}, nil, apperr.New(apperr.NotFound, "")
	}
	var data []byte
	u, err := scanUpload(q.QueryRowContext(ctx, "SELECT "+columns+", data FROM uploads WHERE id = $1", id), &data)
	if err != nil {
		return Upload{}, nil, err
	}
	return u, data, nil
}

// Info returns an upload without its bytes.
func Info(ctx context.Context, q db.Querier, id string) (Upload, error) {
	id, ok := canonicalID(id)
	if !ok {
		return Upload{}, apperr.New(apperr.NotFound, "")
	}
	return scanUpload(q.QueryRowContext(ctx, "SELECT "+columns+" FROM uploads WHERE id = $1", id))
}

// ListOwnedBy returns the uploads of ownerID, oldest first, without their
// bytes: for a person's data export and their own overview.
func ListOwnedBy(ctx context.Context, q db.Querier, ownerID string) ([]Upload, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+columns+" FROM uploads WHERE owner_id = $1 ORDER BY created_at, id", ownerID)
	return db.Collect(rows, err, func(row db.Scanner) (Upload, error) { return scanUpload(row) })
}

// Delete removes an upload of ownerID; anyone else gets Forbidden.
func Delete(ctx context.Context, q db.Querier, id, ownerID string) error {
	id, ok := canonicalID(id)
	if !ok {
		return apperr.New(apperr.NotFound, "")
	}
	res, err := q.ExecContext(ctx, "DELETE FROM uploads WHERE id = $1 AND owner_id = $2", id, ownerID)
	if err != nil {
		return db.Err(err)
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return db.Err(err)
	}
	if _, err := Info(ctx, q, id); err != nil {
		return err // NotFound
	}
	return apperr.New(apperr.Forbidden, "")
}

// DeleteOwnedBy removes all uploads of ownerID, when the account goes.
func DeleteOwnedBy(ctx context.Context, q db.Querier, ownerID string) error {
	if ownerID == "" {
		return apperr.Wrap(apperr.Internal, errors.New("uploads: delete for no owner"))
	}
	_, err := q.ExecContext(ctx, "DELETE FROM uploads WHERE owner_id = $1", ownerID)
	return db.Err(err)
}

// readData returns only the bytes, for Handler after the validator check.
func readData(ctx context.Context, q db.Querier, id string) ([]byte, error) {
	var data []byte
	err := q.QueryRowContext(ctx, "SELECT data FROM uploads WHERE id = $1", id).Scan(&data)
	return data, db.Err(err)
}
