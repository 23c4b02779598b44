// Package qr draws QR codes: as a PNG for files and mails, and as inline
// SVG for pages (no extra request, sharp at any zoom, printable). The
// encoding is a library's; this package only fixes the platform's choices:
// the error-correction level a use needs, a quiet zone of four modules as
// the standard asks, and black on white.
package qr

import (
	"errors"
	"fmt"
	"html/template"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// Level is how much of a code may be damaged and still read.
type Level int

const (
	Low      Level = iota // about 7 %: links on screens
	Medium                // about 15 %: what EPC GiroCodes require
	Quartile              // about 25 %
	High                  // about 30 %: print that may be creased or stained
)

// ErrTooLong is returned for content that no QR code of the level holds.
var ErrTooLong = errors.New("qr: content too long for a QR code")

func (l Level) recovery() qrcode.RecoveryLevel {
	switch l {
	case Medium:
		return qrcode.Medium
	case Quartile:
		return qrcode.High
	case High:
		return qrcode.Highest
	}
	return qrcode.Low
}

// quietZone is the white border, in modules, that readers need around a
// code (ISO/IEC 18004 asks for four).
const quietZone = 4

// Matrix returns the code's modules, true for dark, with the quiet zone.
func Matrix(content string, level Level) ([][]bool, error) {
	c, err := qrcode.New(content, level.recovery())
	if err != nil {
		if strings.Contains(err.Error(), "too much data") || strings.Contains(err.Error(), "content too long") {
			return nil, ErrTooLong
		}
		return nil, fmt.Errorf("qr: %w", err)
	}
	c.DisableBorder = true
	inner := c.Bitmap()
	n := len(inner) + 2*quietZone
	m := make([][]bool, n)
	for y := range m {
		m[y] = make([]bool, n)
		if y >= quietZone && y < n-quietZone {
			copy(m[y][quietZone:], inner[y-quietZone])
		}
	}
	return m, nil
}

// PNG returns the code as a PNG image about size pixels wide (each module
// a whole number of pixels, so scanners see sharp edges).
func PNG(content string, level Level, size int) ([]byte, error) {
	m, err := Matrix(content, level)
	if err != nil {
		return nil, err
	}
	scale := max(size/len(m), 1)
	return encodePNG(m, scale)
}

// SVG returns the code as an inline SVG element with the given accessible
// label, one path for all dark modules. The element has no fixed size:
// the page's CSS sets its width.
func SVG(content string, level Level, label string) (template.HTML, error) {
	m, err := Matrix(content, level)
	if err != nil {
		return "", err
	}
	var path strings.Builder
	for y, row := range m {
		for x := 0; x < len(row); x++ {
			if !row[x] {
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(&path, "M%d %dh%dv1h-%dz", start, y, x-start, x-start)
		}
	}
	n := len(m)
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges" class="qr">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`,
		n, n, template.HTMLEscapeString(label), n, n, path.String())
	return template.HTML(svg), nil // #nosec: numbers and an escaped label only
}
