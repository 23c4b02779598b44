// Package pdf writes simple A4 documents (certificates, letters, minutes)
// with an embedded Unicode font, so that names like Şahin or Олена print
// right: the PDF core fonts know only Latin-1. The font files are read at
// run time from the operator's system (Debian's fonts-noto-core), never
// shipped with the code.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"codeberg.org/go-pdf/fpdf"
)

// FontDirEnv names the variable that overrides where the Noto fonts are.
const FontDirEnv = "TEILHABE_FONT_DIR"

// DefaultFontDir is where Debian's fonts-noto-core puts Noto Sans.
const DefaultFontDir = "/usr/share/fonts/truetype/noto"

// Font files read from the font directory.
const (
	regularFile = "NotoSans-Regular.ttf"
	boldFile    = "NotoSans-Bold.ttf"
)

// FontDir is the directory the fonts are read from: $TEILHABE_FONT_DIR,
// or DefaultFontDir.
func FontDir() string {
	if d := os.Getenv(FontDirEnv); d != "" {
		return d
	}
	return DefaultFontDir
}

// ErrNoFont says the font files are missing; the message names the
// package that brings them.
var ErrNoFont = errors.New("pdf: Noto Sans not found: install Debian's fonts-noto-core or set " + FontDirEnv)

// Doc is a document being written, top to bottom, in A4 portrait.
type Doc struct {
	f *fpdf.Fpdf
}

const family = "noto"

// New starts a document with the fonts from FontDir. Title and author go
// into the document's properties.
func New(title, author string) (*Doc, error) {
	dir := FontDir()
	regular, err := os.ReadFile(filepath.Join(dir, regularFile))
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNoFont, err)
	}
	bold, err := os.ReadFile(filepath.Join(dir, boldFile))
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNoFont, err)
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.AddUTF8FontFromBytes(family, "", regular)
	f.AddUTF8FontFromBytes(family, "B", bold)
	f.SetTitle(title, true)
	f.SetAuthor(author, true)
	f.SetCreator("teilhabe", true)
	f.SetMargins(25, 25, 25)
	f.SetAutoPageBreak(true, 25)
	f.AddPage()
	return &Doc{f: f}, f.Error()
}

// width is the width between the margins.
func (d *Doc) width() float64 {
	w, _ := d.f.GetPageSize()
	l, _, r, _ := d.f.GetMargins()
	return w - l - r
}

// Heading writes a bold line in a large size.
func (d *Doc) Heading(text string) {
	d.f.SetFont(family, "B", 18)
	d.f.MultiCell(d.width(), 9, text, "", "L", false)
	d.f.Ln(4)
}

// Paragraph writes text that wraps, with a gap after it.
func (d *Doc) Paragraph(text string) {
	d.f.SetFont(family, "", 11)
	d.f.MultiCell(d.width(), 6, text, "", "L", false)
	d.f.Ln(3)
}

// Field writes a bold label and its value beneath it.
func (d *Doc) Field(label, value string) {
	d.f.SetFont(family, "B", 11)
	d.f.MultiCell(d.width(), 6, label, "", "L", false)
	d.f.SetFont(family, "", 11)
	d.f.MultiCell(d.width(), 6, value, "", "L", false)
	d.f.Ln(2)
}

// Small writes a line in a small size, for footers and codes.
func (d *Doc) Small(text string) {
	d.f.SetFont(family, "", 9)
	d.f.MultiCell(d.width(), 5, text, "", "L", false)
}

// Space leaves a gap of mm millimetres.
func (d *Doc) Space(mm float64) { d.f.Ln(mm) }

// Bytes ends the document and returns it.
func (d *Doc) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := d.f.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Image places a PNG image of widthMM millimetres, centred, and moves
// below it.
func (d *Doc) Image(name string, png []byte, widthMM float64) {
	opt := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
	d.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(png))
	pageW, _ := d.f.GetPageSize()
	d.f.ImageOptions(name, (pageW-widthMM)/2, d.f.GetY(), widthMM, 0, true, opt, 0, "")
}

// Big writes a bold line in a very large size, for notices seen from afar.
func (d *Doc) Big(text string) {
	d.f.SetFont(family, "B", 28)
	d.f.MultiCell(d.width(), 13, text, "", "L", false)
	d.f.Ln(4)
}

// Left is the height in millimetres still free on the page.
func (d *Doc) Left() float64 {
	_, h := d.f.GetPageSize()
	_, _, _, bottom := d.f.GetMargins()
	return h - bottom - d.f.GetY()
}
