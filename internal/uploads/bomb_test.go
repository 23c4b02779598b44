package uploads

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"runtime"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ratelimit"
)

// deepPNG writes a w×h PNG of 16 bits per channel (colour type 2, RGB) whose
// pixels are all black. Its rows compress to almost nothing, so a file of a
// few hundred kilobytes claims a canvas that takes width × height × 8 bytes
// once decoded. The rows are streamed, so the test itself stays small.
func deepPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		out.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
		body := append([]byte(kind), data...)
		out.Write(body)
		out.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(body)))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	chunk("IHDR", append(ihdr, 16, 2, 0, 0, 0))
	var idat bytes.Buffer
	z, err := zlib.NewWriterLevel(&idat, zlib.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	row := make([]byte, 1+6*w) // filter type 0, then black pixels
	for range h {
		if _, err := z.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// allocated is how many bytes fn allocates on the heap.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestDecompressionBombIsRefusedBeforeDecoding: the PNG of the attack, 6320
// × 6320 pixels of 16 bits per channel in a file of some hundred kilobytes,
// stays under the pixel bound but would take 320 MB decoded. It is refused
// from its header, without the decoder allocating its canvas.
func TestDecompressionBombIsRefusedBeforeDecoding(t *testing.T) {
	d := dbtest.Open(t, db.SQLite, sets())
	{
		bomb := deepPNG(t, 6320, 6320)
		if len(bomb) > 1<<20 {
			t.Fatalf("the bomb takes %d bytes; it should be small", len(bomb))
		}
		if cfg, err := png16Config(bomb); err != nil || int64(cfg.Width)*int64(cfg.Height) > maxPixels {
			t.Fatalf("the bomb should pass the pixel bound: %v %v", cfg, err)
		}
		var err error
		used := allocated(func() {
			_, err = Store(context.Background(), d, limiter(d), "owner-1", bytes.NewReader(bomb), limit, now)
		})
		if !apperr.Is(err, apperr.Invalid) || apperr.MessageID(err) != MsgTooLarge {
			t.Errorf("the bomb: got %v, want Invalid %s", err, MsgTooLarge)
		}
		if used > 64<<20 {
			t.Errorf("refusing the bomb allocated %d MB: it was decoded", used>>20)
		}
	}
}

func png16Config(b []byte) (image.Config, error) {
	return formats["image/png"].decodeConfig(b)
}

// TestPhotoOfAPhoneIsAccepted: a 12-megapixel photo as phones take it, and
// a smaller picture of 16 bits per channel, are well within the bound.
func TestPhotoOfAPhoneIsAccepted(t *testing.T) {
	d := dbtest.Open(t, db.SQLite, sets())
	photo := image.NewYCbCr(image.Rect(0, 0, 4032, 3024), image.YCbCrSubsampleRatio420)
	for i := range photo.Y {
		photo.Y[i] = uint8(i % 251)
	}
	for _, c := range []struct {
		name string
		data []byte
		side int // the longer side stored
	}{
		{"12-megapixel JPEG", encodeJPEG(t, photo), MaxSide},
		{"16-bit PNG of 1200 × 900", deepPNG(t, 1200, 900), 1200},
	} {
		u, err := Store(context.Background(), d, limiter(d), "owner-1", bytes.NewReader(c.data), 16<<20, now)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if max(u.Width, u.Height) != c.side {
			t.Errorf("%s stored as %d×%d", c.name, u.Width, u.Height)
		}
	}
}

// TestUploadsAreLimitedPerAccount: an account uploads Rule.Limit images an
// hour, refused ones included; another account is not held up by it.
func TestUploadsAreLimitedPerAccount(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := clock.NewFake(now)
		lim := ratelimit.New(d, clk)
		img := encodePNG(t, halves(4, 4, red, blue))
		for i := range Rule.Limit {
			data := img
			if i%2 == 1 {
				data = []byte("kein Bild") // refusals count too
			}
			if _, err := Store(ctx, d, lim, "ana", bytes.NewReader(data), limit, now); err != nil && i%2 == 0 {
				t.Fatalf("upload %d: %v", i+1, err)
			}
		}
		_, err := Store(ctx, d, lim, "ana", bytes.NewReader(img), limit, now)
		if !apperr.Is(err, apperr.RateLimited) {
			t.Fatalf("upload %d in the hour: %v, want RateLimited", Rule.Limit+1, err)
		}
		if _, err := Store(ctx, d, lim, "bo", bytes.NewReader(img), limit, now); err != nil {
			t.Errorf("another account: %v", err)
		}
		clk.Advance(Rule.Window)
		if _, err := Store(ctx, d, lim, "ana", bytes.NewReader(img), limit, now); err != nil {
			t.Errorf("the next hour: %v", err)
		}
	})
}

// TestDecodedSizeFromTheHeader: a JPEG's frame header tells its chroma
// subsampling and whether it is progressive; a progressive one keeps four
// bytes of coefficients a sample besides the sample itself.
func TestDecodedSizeFromTheHeader(t *testing.T) {
	photo := image.NewYCbCr(image.Rect(0, 0, 64, 48), image.YCbCrSubsampleRatio420)
	baseline := encodeJPEG(t, photo)
	i := bytes.Index(baseline, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no baseline frame header")
	}
	progressive := append([]byte{}, baseline...)
	progressive[i+1] = 0xC2
	for _, c := range []struct {
		name string
		data []byte
		want float64
	}{
		{"baseline 4:2:0", baseline, 1.5},
		{"progressive 4:2:0", progressive, 7.5},
		{"no frame header", []byte("\xFF\xD8\xFF\xD9"), 15},
	} {
		if got := jpegBytesPerPixel(c.data); got != c.want {
			t.Errorf("%s: %v bytes a pixel, want %v", c.name, got, c.want)
		}
	}
	cfg := image.Config{Width: 6320, Height: 6320, ColorModel: color.RGBA64Model}
	if got := decodedSize(cfg, "image/png", nil); got != 6320*6320*8 {
		t.Errorf("16-bit PNG: %d bytes", got)
	}
}
