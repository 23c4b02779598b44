package web

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"sync"
	"time"
)

// faviconSize is the edge of the icon in pixels.
const faviconSize = 32

// Favicon answers /favicon.ico, which browsers and feed readers ask for
// whatever a page links: the site's accent colour as a rounded square with
// a light dot, an ICO file holding one PNG image.
func Favicon() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/x-icon")
		w.Header().Set("Cache-Control", "public, max-age=604800")
		http.ServeContent(w, r, "favicon.ico", time.Time{}, bytes.NewReader(favicon()))
	})
}

var favicon = sync.OnceValue(func() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, faviconSize, faviconSize))
	accent := color.NRGBA{0x0b, 0x5a, 0x8a, 0xff} // --accent of app.css
	light := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for y := range faviconSize {
		for x := range faviconSize {
			switch {
			case outsideCorner(x, y):
			case within(x, y, 16, 16, 7):
				img.SetNRGBA(x, y, light)
			default:
				img.SetNRGBA(x, y, accent)
			}
		}
	}
	var p bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		panic(err) // encoding an in-memory image cannot fail
	}
	// ICONDIR, one ICONDIRENTRY, then the PNG (allowed since Windows Vista,
	// read by every browser).
	var ico bytes.Buffer
	binary.Write(&ico, binary.LittleEndian, struct {
		Reserved, Type, Count uint16
		Width, Height, Colors uint8
		Reserved2             uint8
		Planes, BitCount      uint16
		Size, Offset          uint32
	}{0, 1, 1, faviconSize, faviconSize, 0, 0, 1, 32, uint32(p.Len()), 6 + 16})
	ico.Write(p.Bytes())
	return ico.Bytes()
})

// outsideCorner tells the pixels cut off by corners of radius 6.
func outsideCorner(x, y int) bool {
	const r, n = 6, faviconSize - 1
	for _, c := range [][2]int{{r, r}, {n - r, r}, {r, n - r}, {n - r, n - r}} {
		inCornerBox := (x < r || x > n-r) && (y < r || y > n-r)
		if inCornerBox && abs(x-c[0]) <= r && abs(y-c[1]) <= r && !within(x, y, c[0], c[1], r) &&
			(x < r) == (c[0] == r) && (y < r) == (c[1] == r) {
			return true
		}
	}
	return false
}

func within(x, y, cx, cy, r int) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
