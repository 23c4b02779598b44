package uploads

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/ratelimit"
)

var (
	now   = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	red   = color.RGBA{255, 0, 0, 255}
	blue  = color.RGBA{0, 0, 255, 255}
	black = color.RGBA{0, 0, 0, 255}
	white = color.RGBA{255, 255, 255, 255}
)

const limit = 8 << 20

func sets() []db.Migrations { return []db.Migrations{Migrations(), ratelimit.Migrations()} }

// limiter counts the uploads of a test on its database, in a clock of its own.
func limiter(d *db.DB) *ratelimit.Limiter { return ratelimit.New(d, clock.NewFake(now)) }

// halves returns a w×h image, left half one colour, right half another.
func halves(w, h int, left, right color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := left
			if x >= w/2 {
				c = right
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const gpsSecret = "Hidden shelter near the station"

// exifTIFF builds the TIFF structure of an EXIF block as phones write it:
// IFD0 with a description, the orientation and a pointer to a GPS IFD
// holding latitude 52° 31' 12.34" N.
func exifTIFF(orientation uint16) []byte {
	be := binary.BigEndian
	var t []byte
	u16 := func(v uint16) { t = be.AppendUint16(t, v) }
	u32 := func(v uint32) { t = be.AppendUint32(t, v) }
	entry := func(tag, kind uint16, count, value uint32) { u16(tag); u16(kind); u32(count); u32(value) }
	const ifd0, gpsIFD, latitude, description = 8, 50, 80, 104
	t = append(t, "MM"...)
	u16(42)
	u32(ifd0)
	u16(3)
	entry(0x010E, 2, uint32(len(gpsSecret)+1), description) // ImageDescription, ASCII
	entry(0x0112, 3, 1, uint32(orientation)<<16)            // Orientation, SHORT, left-justified
	entry(0x8825, 4, 1, gpsIFD)                             // GPSInfo, LONG
	u32(0)
	u16(2)
	entry(0x0001, 2, 2, uint32('N')<<24) // GPSLatitudeRef "N"
	entry(0x0002, 5, 3, latitude)        // GPSLatitude, RATIONAL × 3
	u32(0)
	for _, r := range [][2]uint32{{52, 1}, {31, 1}, {1234, 100}} {
		u32(r[0])
		u32(r[1])
	}
	t = append(t, gpsSecret+"\x00"...)
	return t
}

// withExif inserts an APP1 EXIF segment right after the JPEG's start marker.
func withExif(jpg []byte, orientation uint16) []byte {
	payload := append([]byte("Exif\x00\x00"), exifTIFF(orientation)...)
	segment := append([]byte{0xFF, 0xE1}, binary.BigEndian.AppendUint16(nil, uint16(2+len(payload)))...)
	segment = append(segment, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, segment...)
	return append(out, jpg[2:]...)
}

// segmentMarkers lists the markers of a JPEG's header up to the image data.
func segmentMarkers(t *testing.T, b []byte) []byte {
	t.Helper()
	var markers []byte
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			t.Fatalf("no marker at %d", i)
		}
		markers = append(markers, b[i+1])
		if b[i+1] == 0xDA {
			break
		}
		i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
	}
	return markers
}

func store(t *testing.T, d *db.DB, owner string, data []byte) Upload {
	t.Helper()
	u, err := Store(context.Background(), d, limiter(d), owner, bytes.NewReader(data), limit, now)
	if err != nil {
		t.Fatalf("store: %v", err)
	}
	return u
}

func get(t *testing.T, q db.Querier, id string) (Upload, image.Image) {
	t.Helper()
	u, data, err := Get(context.Background(), q, id)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("stored bytes do not decode: %v", err)
	}
	sum := sha256.Sum256(data)
	if u.SHA256 != hex.EncodeToString(sum[:]) || u.Size != int64(len(data)) {
		t.Errorf("metadata does not describe the bytes: %+v", u)
	}
	if b := img.Bounds(); b.Dx() != u.Width || b.Dy() != u.Height {
		t.Errorf("stored %dx%d, metadata says %dx%d", b.Dx(), b.Dy(), u.Width, u.Height)
	}
	return u, img
}

// near reports whether c is within 24 of want in every channel: JPEG is lossy.
func near(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(v uint32, w uint8) bool { return max(int(v>>8), int(w))-min(int(v>>8), int(w)) <= 24 }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

func TestJPEGLosesEXIFAndGPS(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		input := withExif(encodeJPEG(t, halves(64, 48, red, blue)), 1)
		// The test input really carries what must go.
		if _, err := jpeg.Decode(bytes.NewReader(input)); err != nil {
			t.Fatalf("test JPEG does not decode: %v", err)
		}
		if !bytes.Contains(input, []byte("Exif")) || !bytes.Contains(input, []byte(gpsSecret)) ||
			!bytes.Contains(segmentMarkers(t, input), []byte{0xE1}) {
			t.Fatal("test JPEG lacks its EXIF segment")
		}

		u := store(t, d, "owner-1", input)
		_, data, err := Get(context.Background(), d, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if u.ContentType != "image/jpeg" || u.Width != 64 || u.Height != 48 {
			t.Errorf("stored %+v", u)
		}
		for _, m := range segmentMarkers(t, data) {
			if m >= 0xE1 && m <= 0xEF {
				t.Errorf("stored JPEG has an APP%d segment", m-0xE0)
			}
		}
		for _, leak := range []string{"Exif", gpsSecret, "MM\x00\x2a"} {
			if bytes.Contains(data, []byte(leak)) {
				t.Errorf("stored JPEG still contains %q", leak)
			}
		}
		_, img := get(t, d, u.ID)
		if !near(img.At(10, 24), red) || !near(img.At(54, 24), blue) {
			t.Errorf("picture changed: %v, %v", img.At(10, 24), img.At(54, 24))
		}
	})
}

func TestLargePNGIsScaledDown(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		u := store(t, d, "owner-1", encodePNG(t, halves(3000, 2000, black, white)))
		if u.ContentType != "image/png" || u.Width != 1600 || u.Height != 1067 {
			t.Fatalf("stored %s %dx%d, want image/png 1600x1067", u.ContentType, u.Width, u.Height)
		}
		_, img := get(t, d, u.ID)
		// The edge at x=1500 of 3000 falls exactly on x=800 of 1600.
		for _, c := range []struct {
			x    int
			want color.RGBA
		}{{0, black}, {799, black}, {800, white}, {1599, white}} {
			if got := color.RGBAModel.Convert(img.At(c.x, 500)); got != c.want {
				t.Errorf("pixel %d: %v, want %v", c.x, got, c.want)
			}
		}
	})
}

func TestPortraitPhotoIsTurnedUpright(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		// Stored lying: left half red, right half blue; orientation 6 says
		// turn 90° clockwise, so upright the top is red, the bottom blue.
		// At 3200 wide it is also scaled.
		u := store(t, d, "", withExif(encodeJPEG(t, halves(3200, 1600, red, blue)), 6))
		if u.Width != 800 || u.Height != 1600 {
			t.Fatalf("stored %dx%d, want 800x1600", u.Width, u.Height)
		}
		_, img := get(t, d, u.ID)
		if !near(img.At(400, 300), red) || !near(img.At(400, 1300), blue) {
			t.Errorf("not upright: top %v, bottom %v", img.At(400, 300), img.At(400, 1300))
		}
	})
}

func TestGIFBecomesPNGOfFirstFrame(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		palette := color.Palette{color.Transparent, red, blue}
		frame := func(r image.Rectangle, index uint8) *image.Paletted {
			p := image.NewPaletted(r, palette)
			for i := range p.Pix {
				p.Pix[i] = index
			}
			return p
		}
		var buf bytes.Buffer
		anim := &gif.GIF{
			Image:  []*image.Paletted{frame(image.Rect(10, 10, 30, 20), 1), frame(image.Rect(0, 0, 40, 30), 2)},
			Delay:  []int{10, 10},
			Config: image.Config{ColorModel: palette, Width: 40, Height: 30},
		}
		if err := gif.EncodeAll(&buf, anim); err != nil {
			t.Fatal(err)
		}
		u := store(t, d, "owner-1", buf.Bytes())
		if u.ContentType != "image/png" || u.Width != 40 || u.Height != 30 {
			t.Fatalf("stored %s %dx%d", u.ContentType, u.Width, u.Height)
		}
		_, img := get(t, d, u.ID)
		if got := color.RGBAModel.Convert(img.At(15, 15)); got != red {
			t.Errorf("inside the first frame: %v, want red", got)
		}
		if _, _, _, a := img.At(2, 2).RGBA(); a != 0 {
			t.Errorf("outside the first frame not transparent")
		}
	})
}

// pngHeader is a PNG whose IHDR claims w×h and which has no image data.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8 bits, RGBA
	chunk := append([]byte("IHDR"), ihdr...)
	out := append([]byte("\x89PNG\r\n\x1a\n"), binary.BigEndian.AppendUint32(nil, uint32(len(ihdr)))...)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

func TestRefusals(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		small := encodeJPEG(t, halves(32, 32, red, blue))
		lim := limiter(d)
		for _, c := range []struct {
			name  string
			input io.Reader
			limit int64
			msg   string
		}{
			{"text file named .jpg", strings.NewReader("Hallo, dies ist kein Bild.\n"), limit, MsgNotAnImage},
			{"html", strings.NewReader("<html><script>alert(1)</script></html>"), limit, MsgNotAnImage},
			{"empty", strings.NewReader(""), limit, MsgNotAnImage},
			{"truncated jpeg", bytes.NewReader(small[:len(small)/3]), limit, MsgNotAnImage},
			{"jpeg start then text", strings.NewReader("\xFF\xD8\xFFnot really"), limit, MsgNotAnImage},
			{"over the limit", bytes.NewReader(small), int64(len(small) - 1), MsgTooLarge},
			{"huge canvas in a tiny file", bytes.NewReader(pngHeader(100_000, 100_000)), limit, MsgTooLarge},
			{"request body over its limit", http.MaxBytesReader(nil, io.NopCloser(bytes.NewReader(small)), 100), limit, MsgTooLarge},
		} {
			_, err := Store(ctx, d, lim, "owner-1", c.input, c.limit, now)
			if !apperr.Is(err, apperr.Invalid) || apperr.MessageID(err) != c.msg {
				t.Errorf("%s: got %v, want Invalid %s", c.name, err, c.msg)
			}
		}
		if _, err := Store(ctx, d, lim, "owner-1", bytes.NewReader(small), int64(len(small)), now); err != nil {
			t.Errorf("a file of exactly the limit: %v", err)
		}
		if _, err := Store(ctx, d, lim, "owner-1", iotest.ErrReader(io.ErrUnexpectedEOF), limit, now); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("broken upload stream: %v", err)
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT count(*) FROM uploads").Scan(&n); err != nil || n != 1 {
			t.Errorf("%d uploads stored (%v), want only the one of exactly the limit", n, err)
		}
	})
}

func TestOwnership(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		img := encodePNG(t, halves(20, 10, red, blue))
		ana, bo := ids.New(), ids.New()
		anas1, anas2, bos, nobodys := store(t, d, ana, img), store(t, d, ana, img), store(t, d, bo, img), store(t, d, "", img)

		if err := Delete(ctx, d, anas1.ID, bo); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("another owner deleting: %v, want Forbidden", err)
		}
		if err := Delete(ctx, d, nobodys.ID, bo); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("deleting an upload without owner: %v, want Forbidden", err)
		}
		if err := Delete(ctx, d, nobodys.ID, ""); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("deleting as nobody: %v, want Forbidden", err)
		}
		if _, _, err := Get(ctx, d, anas1.ID); err != nil {
			t.Fatalf("refused delete removed the upload: %v", err)
		}
		if err := Delete(ctx, d, anas1.ID, ana); err != nil {
			t.Fatalf("owner deleting: %v", err)
		}
		if _, _, err := Get(ctx, d, anas1.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("get after delete: %v, want NotFound", err)
		}
		if err := Delete(ctx, d, anas1.ID, ana); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("second delete: %v, want NotFound", err)
		}

		owned, err := ListOwnedBy(ctx, d, ana)
		if err != nil || len(owned) != 1 || owned[0].ID != anas2.ID || owned[0].OwnerID != ana || !owned[0].CreatedAt.Equal(now) {
			t.Errorf("ListOwnedBy: %+v, %v", owned, err)
		}
		if err := DeleteOwnedBy(ctx, d, ana); err != nil {
			t.Fatal(err)
		}
		if owned, _ := ListOwnedBy(ctx, d, ana); len(owned) != 0 {
			t.Errorf("uploads left after DeleteOwnedBy: %+v", owned)
		}
		for _, kept := range []Upload{bos, nobodys} {
			if _, err := Info(ctx, d, kept.ID); err != nil {
				t.Errorf("upload of someone else gone: %v", err)
			}
		}
		if err := DeleteOwnedBy(ctx, d, ""); err == nil {
			t.Error("DeleteOwnedBy without owner accepted")
		}
		for _, bad := range []string{"", "42", "../etc/passwd", ids.New()} {
			if _, _, err := Get(ctx, d, bad); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("Get(%q): %v, want NotFound", bad, err)
			}
		}
	})
}

func TestHandler(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		u := store(t, d, "owner-1", encodeJPEG(t, halves(40, 30, red, blue)))
		_, data, err := Get(context.Background(), d, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		mux.Handle(Pattern, Handler(d))
		do := func(path, ifNoneMatch string) *httptest.ResponseRecorder {
			r := httptest.NewRequest("GET", path, nil)
			if ifNoneMatch != "" {
				r.Header.Set("If-None-Match", ifNoneMatch)
			}
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, r)
			return w
		}

		w := do(u.URL(), "")
		if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), data) {
			t.Fatalf("GET: %d, %d bytes", w.Code, w.Body.Len())
		}
		for header, want := range map[string]string{
			"Content-Type":           "image/jpeg",
			"Content-Length":         strconv.Itoa(len(data)),
			"X-Content-Type-Options": "nosniff",
			"Content-Disposition":    `inline; filename="` + u.ID + `.jpg"`,
			"ETag":                   `"` + u.SHA256 + `"`,
			"Cache-Control":          "public, max-age=31536000, immutable",
		} {
			if got := w.Header().Get(header); got != want {
				t.Errorf("%s: %q, want %q", header, got, want)
			}
		}

		for _, etag := range []string{u.ETag(), `"other", ` + u.ETag(), "W/" + u.ETag(), "*"} {
			w := do(u.URL(), etag)
			if w.Code != http.StatusNotModified || w.Body.Len() != 0 || w.Header().Get("ETag") != u.ETag() {
				t.Errorf("If-None-Match %s: %d, %d bytes, ETag %q", etag, w.Code, w.Body.Len(), w.Header().Get("ETag"))
			}
		}
		if w := do(u.URL(), `"stale"`); w.Code != 200 {
			t.Errorf("stale ETag: %d, want 200", w.Code)
		}
		for _, path := range []string{URL(ids.New()), "/uploads/not-an-id", URL(strings.ToUpper(u.ID) + "x")} {
			if w := do(path, ""); w.Code != http.StatusNotFound || w.Header().Get("ETag") != "" {
				t.Errorf("%s: %d, want 404 without ETag", path, w.Code)
			}
		}
		if w := do(URL(strings.ToUpper(u.ID)), ""); w.Code != 200 {
			t.Errorf("id in upper case: %d", w.Code)
		}
	})
}
