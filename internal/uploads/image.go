package uploads

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
)

// MaxSide is the longest side of a stored image in pixels: enough for a
// full-width photo, and small for phones on slow connections.
const MaxSide = 1600

// maxPixels bounds what is decoded at all: a small, well-compressed file
// can claim a huge canvas and would take gigabytes of memory to decode.
// 40 million pixels still admit the photos of current phones.
const maxPixels = 40_000_000

// maxDecodedBytes bounds the memory an image takes once decoded. The pixel
// bound alone is not enough: 16 bits per channel take eight bytes a pixel,
// and a progressive JPEG keeps its coefficients besides. 128 MiB admit a
// 12-megapixel progressive photo and a 32-megapixel PNG.
const maxDecodedBytes = 128 << 20

// jpegQuality balances size and look for photos.
const jpegQuality = 85

// format reads and writes one image type. Decoding goes by the type that the
// content shows, never by a file name or a header the client sent.
type format struct {
	decodeConfig func([]byte) (image.Config, error)
	decode       func([]byte) (image.Image, error)
	outputType   string
}

var formats = map[string]format{
	"image/jpeg": {
		decodeConfig: func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) },
		decode:       func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) },
		outputType:   "image/jpeg",
	},
	"image/png": {
		decodeConfig: func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) },
		decode:       func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) },
		outputType:   "image/png",
	},
	// A GIF becomes a still PNG of its first frame: no animation, and one
	// output type less to serve.
	"image/gif": {
		decodeConfig: func(b []byte) (image.Config, error) { return gif.DecodeConfig(bytes.NewReader(b)) },
		decode:       decodeGIF,
		outputType:   "image/png",
	},
}

// decodeGIF returns the first frame on the GIF's full canvas, since a frame
// may cover only part of it.
func decodeGIF(b []byte) (image.Image, error) {
	cfg, err := gif.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	frame, err := gif.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	canvas := image.Rect(0, 0, cfg.Width, cfg.Height)
	if frame.Bounds() == canvas {
		return frame, nil
	}
	out := image.NewRGBA(canvas)
	draw.Draw(out, frame.Bounds(), frame, frame.Bounds().Min, draw.Src)
	return out, nil
}

// encoded is an image ready to store.
type encoded struct {
	data          []byte
	contentType   string
	width, height int
}

func notAnImage(cause error) error {
	e := apperr.New(apperr.Invalid, MsgNotAnImage)
	e.Err = cause
	return e
}

// normalize decodes an uploaded file, turns it upright, scales it down to
// MaxSide and encodes it again.
func normalize(original []byte) (encoded, error) {
	detected := http.DetectContentType(original)
	f, ok := formats[detected]
	if !ok {
		return encoded{}, notAnImage(fmt.Errorf("content is %s", detected))
	}
	cfg, err := f.decodeConfig(original)
	if err != nil {
		return encoded{}, notAnImage(err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return encoded{}, notAnImage(fmt.Errorf("empty image %dx%d", cfg.Width, cfg.Height))
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	if size := decodedSize(cfg, detected, original); pixels > maxPixels || size > maxDecodedBytes {
		e := apperr.New(apperr.Invalid, MsgTooLarge)
		e.Err = fmt.Errorf("%dx%d pixels, %d bytes decoded", cfg.Width, cfg.Height, size)
		return encoded{}, e
	}
	img, err := f.decode(original)
	if err != nil {
		return encoded{}, notAnImage(err)
	}
	if w, h, scale := fitWithin(img.Bounds().Dx(), img.Bounds().Dy(), MaxSide); scale {
		img = scaleDown(img, w, h)
	}
	if detected == "image/jpeg" {
		img = orient(img, jpegOrientation(original))
	}
	data, err := encode(img, f.outputType)
	if err != nil {
		return encoded{}, apperr.Wrap(apperr.Internal, err)
	}
	return encoded{data: data, contentType: f.outputType, width: img.Bounds().Dx(), height: img.Bounds().Dy()}, nil
}

// fitWithin returns the size of a w×h image scaled so that its longer side
// is at most maxSide, keeping the aspect ratio; scale is false when it fits.
func fitWithin(w, h, maxSide int) (newW, newH int, scale bool) {
	if w <= maxSide && h <= maxSide {
		return w, h, false
	}
	if w >= h {
		return maxSide, max(1, (h*maxSide+w/2)/w), true
	}
	return max(1, (w*maxSide+h/2)/h), maxSide, true
}

func encode(img image.Image, contentType string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if contentType == "image/jpeg" {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality})
	} else {
		err = png.Encode(&buf, img)
	}
	return buf.Bytes(), err
}
