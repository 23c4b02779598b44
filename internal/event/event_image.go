package event

import (
	"context"
	"database/sql"
	"io"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/uploads"
	"teilhabe.org/teilhabe/internal/web"
)

// MaxImageBytes bounds the picture of an event as uploaded.
const MaxImageBytes = 8 << 20

// maxImageAltLen bounds the text that stands for the picture.
const maxImageAltLen = 200

// Image is the picture of an event: an upload with the text that stands
// for it where it cannot be seen.
type Image struct {
	UploadID      string
	Alt           string
	Width, Height int
}

// URL is where the picture is served.
func (i *Image) URL() string { return uploads.URL(i.UploadID) }

// checkImage normalises the picture's text and asks for it whenever the
// event will have a picture; without one the text is dropped.
func checkImage(f apperr.Fields, d *Draft, before *Event) {
	d.ImageAlt = text.OneLine(d.ImageAlt)
	kept := before != nil && before.Image != nil && !d.RemoveImage
	if d.Image == nil && !kept {
		d.ImageAlt = ""
		return
	}
	check.Text(f, "image_alt", d.ImageAlt, maxImageAltLen, true)
}

// storeImage decodes and keeps an uploaded picture for ownerID; nil when
// there is none. Its refusals belong to the field "image".
func (m *Module) storeImage(ctx context.Context, ownerID string, r io.Reader, alt string) (*Image, error) {
	if r == nil {
		return nil, nil
	}
	u, err := uploads.Store(ctx, m.s.DB, m.s.Limiter, ownerID, r, MaxImageBytes, m.s.Clock.Now())
	if err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid && e.Msg != "" {
			return nil, apperr.Field("image", e.Msg)
		}
		return nil, err
	}
	return &Image{UploadID: u.ID, Alt: alt, Width: u.Width, Height: u.Height}, nil
}

// forgetImage removes a picture stored for a change that did not happen.
func (m *Module) forgetImage(ctx context.Context, img *Image) {
	if img != nil {
		_ = uploads.Drop(ctx, m.s.DB, img.UploadID)
	}
}

// withImages fills in the pictures of the events.
func withImages(ctx context.Context, q db.Querier, events []*Event) error {
	if len(events) == 0 {
		return nil
	}
	byID := map[string][]*Event{}
	keys := make([]string, 0, len(events))
	for _, e := range events {
		if byID[e.ID] == nil {
			keys = append(keys, e.ID)
		}
		byID[e.ID] = append(byID[e.ID], e)
	}
	marks, args := db.In(1, keys)
	rows, err := q.QueryContext(ctx, "SELECT event_id, upload_id, alt, width, height FROM event_images WHERE event_id IN ("+
		marks+")", args...)
	return db.Each(rows, err, func(s db.Scanner) error {
		var id string
		img := &Image{}
		if err := s.Scan(&id, &img.UploadID, &img.Alt, &img.Width, &img.Height); err != nil {
			return err
		}
		for _, e := range byID[id] {
			e.Image = img
		}
		return nil
	})
}

// writeImage brings the event's picture in tx to what the draft says:
// fresh (just stored) replaces the one there, RemoveImage takes it away,
// otherwise only its text changes. A picture replaced or removed is
// dropped with its upload.
func writeImage(ctx context.Context, tx *sql.Tx, e *Event, d *Draft, fresh *Image) error {
	old := e.Image
	switch {
	case fresh != nil:
		e.Image = fresh
	case d.RemoveImage:
		e.Image = nil
	case old != nil && old.Alt != d.ImageAlt:
		e.Image = &Image{UploadID: old.UploadID, Alt: d.ImageAlt, Width: old.Width, Height: old.Height}
	default:
		return nil
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_images WHERE event_id = $1", e.ID); err != nil {
		return db.Err(err)
	}
	if e.Image != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_images (event_id, upload_id, alt, width, height)
			VALUES ($1, $2, $3, $4, $5)`, e.ID, e.Image.UploadID, e.Image.Alt, e.Image.Width, e.Image.Height); err != nil {
			return db.Err(err)
		}
	}
	if old != nil && (e.Image == nil || e.Image.UploadID != old.UploadID) {
		return uploads.Drop(ctx, tx, old.UploadID)
	}
	return nil
}

// SetImage gives the event a new picture with its text, by its organisers;
// an empty alt keeps the text of the picture there.
func (m *Module) SetImage(ctx context.Context, actor *auth.Identity, id string, r io.Reader, alt string) (*Event, error) {
	return m.Update(ctx, actor, id, func(d Draft) Draft {
		d.Image, d.RemoveImage = r, false
		if alt != "" {
			d.ImageAlt = alt
		}
		return d
	})
}

// RemoveImage takes the picture off the event, by its organisers.
func (m *Module) RemoveImage(ctx context.Context, actor *auth.Identity, id string) (*Event, error) {
	return m.Update(ctx, actor, id, func(d Draft) Draft {
		d.Image, d.RemoveImage = nil, true
		return d
	})
}

// eraseImages takes off the events the pictures the person uploaded: the
// event stays with its organisation, the photo goes with its uploader.
func eraseImages(ctx context.Context, tx *sql.Tx, userID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT i.upload_id FROM event_images i JOIN uploads u ON u.id = i.upload_id
		WHERE u.owner_id = $1`, userID)
	uploadIDs, err := db.Collect(rows, err, func(s db.Scanner) (string, error) {
		var id string
		return id, s.Scan(&id)
	})
	if err != nil {
		return err
	}
	for _, id := range uploadIDs {
		if _, err := tx.ExecContext(ctx, "DELETE FROM event_images WHERE upload_id = $1", id); err != nil {
			return db.Err(err)
		}
		if err := uploads.Drop(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// imageFormLimit bounds a posted event form with its picture.
const imageFormLimit = MaxImageBytes + 1<<20

// imageForm reads the posted event form with its picture (nil for none);
// the returned func closes the file. A file too large is a field error on
// "image", with the rest of the form kept.
func imageForm(w http.ResponseWriter, r *http.Request) (*web.Form, io.Reader, func(), error) {
	form, files, err := uploads.ReadForm(w, r, imageFormLimit, "image")
	if err != nil {
		return form, nil, func() {}, err
	}
	chosen := files["image"][:min(len(files["image"]), 1)]
	if len(chosen) > 0 && chosen[0].Size > MaxImageBytes {
		return form, nil, func() {}, apperr.Field("image", uploads.MsgTooLarge)
	}
	opened, closeAll, err := uploads.OpenAll(chosen)
	if err != nil || len(opened) == 0 {
		return form, nil, closeAll, err
	}
	return form, opened[0], closeAll, nil
}

// imageErr adds the refusal of a posted picture to the form's field
// errors, so the page names it with the other mistakes.
func imageErr(bad apperr.Fields, err error) {
	if err == nil {
		return
	}
	msg := apperr.As(err).Fields["image"]
	if msg == "" {
		msg = uploads.MsgNotAnImage
	}
	bad.Add("image", msg)
}

// HeightAt is the picture's height when drawn width pixels wide.
func (i *Image) HeightAt(width int) int {
	if i.Width <= 0 {
		return width
	}
	return max(1, i.Height*width/i.Width)
}
