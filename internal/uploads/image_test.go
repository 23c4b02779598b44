package uploads

import (
	"image"
	"image/color"
	"slices"
	"testing"
)

func grayRow(values ...uint8) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, len(values), 1))
	copy(img.Pix, values)
	return img
}

func redOf(img *image.RGBA) []uint8 {
	var out []uint8
	for i := 0; i < len(img.Pix); i += 4 {
		out = append(out, img.Pix[i])
	}
	return out
}

func TestScaleDownAveragesAreas(t *testing.T) {
	for _, c := range []struct {
		name string
		src  []uint8
		w    int
		want []uint8
	}{
		{"halve", []uint8{0, 255, 0, 255}, 2, []uint8{128, 128}},
		{"same size", []uint8{10, 20, 30}, 3, []uint8{10, 20, 30}},
		// Three to two: the middle pixel is split half and half.
		// (0 + 90/2) / 1.5 = 30 and (90/2 + 180) / 1.5 = 150.
		{"partial pixels", []uint8{0, 90, 180}, 2, []uint8{30, 150}},
		{"to one", []uint8{0, 100, 200, 100}, 1, []uint8{100}},
	} {
		got := scaleDown(grayRow(c.src...), c.w, 1)
		if r := redOf(got); !slices.Equal(r, c.want) {
			t.Errorf("%s: %v, want %v", c.name, r, c.want)
		}
	}
}

func TestScaleDownDoesNotBleedTransparentColour(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	for y := range 2 {
		src.SetNRGBA(0, y, color.NRGBA{255, 0, 0, 255})
		src.SetNRGBA(1, y, color.NRGBA{0, 255, 0, 0}) // invisible green
	}
	got := scaleDown(src, 1, 1).RGBAAt(0, 0)
	if got != (color.RGBA{128, 0, 0, 128}) {
		t.Errorf("got %v, want half-transparent red without green", got)
	}
}

func TestScaleDownReadsEveryImageKind(t *testing.T) {
	rect := image.Rect(0, 0, 4, 2)
	ycbcr := image.NewYCbCr(rect, image.YCbCrSubsampleRatio420)
	for i := range ycbcr.Y {
		ycbcr.Y[i] = 255
	}
	for i := range ycbcr.Cb {
		ycbcr.Cb[i], ycbcr.Cr[i] = 128, 128
	}
	kinds := map[string]image.Image{
		"ycbcr":    ycbcr,
		"rgba":     image.NewRGBA(rect),
		"nrgba":    image.NewNRGBA(rect),
		"gray":     image.NewGray(rect),
		"paletted": image.NewPaletted(rect, color.Palette{color.Black, color.White}),
		"cmyk":     image.NewCMYK(rect), // the generic path
	}
	for name, img := range kinds {
		if set, ok := img.(interface{ Set(x, y int, c color.Color) }); ok {
			for y := range 2 {
				for x := range 4 {
					set.Set(x, y, color.White)
				}
			}
		}
		if got := scaleDown(img, 2, 1).RGBAAt(1, 0); got != (color.RGBA{255, 255, 255, 255}) {
			t.Errorf("%s: %v, want white", name, got)
		}
	}
	// A source whose bounds do not start at 0,0.
	sub := image.NewGray(image.Rect(0, 0, 6, 3))
	copy(sub.Pix[sub.PixOffset(2, 1):], []uint8{0, 200, 100, 100})
	if r := redOf(scaleDown(sub.SubImage(image.Rect(2, 1, 6, 2)), 2, 1)); !slices.Equal(r, []uint8{100, 100}) {
		t.Errorf("sub-image: %v", r)
	}
}

func TestFitWithin(t *testing.T) {
	for _, c := range []struct{ w, h, wantW, wantH int }{
		{3000, 2000, 1600, 1067},
		{2000, 3000, 1067, 1600},
		{1600, 1600, 1600, 1600},
		{1601, 10, 1600, 10},
		{100000, 1, 1600, 1},
		{800, 600, 800, 600},
	} {
		w, h, _ := fitWithin(c.w, c.h, MaxSide)
		if w != c.wantW || h != c.wantH {
			t.Errorf("%dx%d: %dx%d, want %dx%d", c.w, c.h, w, h, c.wantW, c.wantH)
		}
	}
}

func TestOrientations(t *testing.T) {
	// Stored 3×2:  a b c
	//              d e f
	const a, b, c, d, e, f = 10, 20, 30, 40, 50, 60
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i, v := range []uint8{a, b, c, d, e, f} {
		src.SetRGBA(i%3, i/3, color.RGBA{v, 0, 0, 255})
	}
	for o, want := range map[int][][]uint8{
		1: {{a, b, c}, {d, e, f}},
		2: {{c, b, a}, {f, e, d}},   // mirrored
		3: {{f, e, d}, {c, b, a}},   // turned 180°
		4: {{d, e, f}, {a, b, c}},   // mirrored top to bottom
		5: {{a, d}, {b, e}, {c, f}}, // transposed
		6: {{d, a}, {e, b}, {f, c}}, // turned 90° clockwise
		7: {{f, c}, {e, b}, {d, a}}, // transversed
		8: {{c, f}, {b, e}, {a, d}}, // turned 90° counter-clockwise
	} {
		img := toRGBA(orient(src, o))
		var got [][]uint8
		for y := range img.Rect.Dy() {
			var row []uint8
			for x := range img.Rect.Dx() {
				row = append(row, img.RGBAAt(x, y).R)
			}
			got = append(got, row)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("orientation %d: %v, want %v", o, got, want)
		}
	}
}

func TestJPEGOrientationOfDamagedFiles(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":             nil,
		"no jpeg":           []byte("GIF89a"),
		"segment too long":  {0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 'E'},
		"exif without tiff": append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 9}, "Exif\x00\x00\x00"...),
		"ifd out of range":  append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 16}, "Exif\x00\x00MM\x00\x2a\xff\xff\xff\x00"...),
	} {
		if o := jpegOrientation(b); o != 1 {
			t.Errorf("%s: orientation %d, want 1", name, o)
		}
	}
	for o := uint16(1); o <= 8; o++ {
		if got := jpegOrientation(withExif([]byte{0xFF, 0xD8, 0xFF, 0xD9}, o)); got != int(o) {
			t.Errorf("orientation %d read as %d", o, got)
		}
	}
}
