package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// encodePNG draws m with scale pixels a module as a two-colour PNG.
func encodePNG(m [][]bool, scale int) ([]byte, error) {
	n := len(m) * scale
	img := image.NewPaletted(image.Rect(0, 0, n, n), color.Palette{color.White, color.Black})
	for y := range n {
		for x := range n {
			if m[y/scale][x/scale] {
				img.SetColorIndex(x, y, 1)
			}
		}
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
