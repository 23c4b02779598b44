// Package flyer makes notices for a notice board or a shop window: a
// listing, a pledge, an event or a service on one printable page, in the
// reader's language, with a QR code that leads to the page on the
// platform. Modules fill a Flyer with what may be public (never the name
// of a person who asks for help) and serve Page for the browser's print
// and PDF for a file.
package flyer

import (
	"html/template"

	"teilhabe.org/teilhabe/internal/pdf"
	"teilhabe.org/teilhabe/internal/qr"
)

// Flyer is what a notice says, in the reader's language.
type Flyer struct {
	Kind  string   // what it is: "Angebot", "Veranstaltung"
	Title string   // the thing's own title, in its own language
	Lines []string // the essentials: where, when, languages
	URL   string   // the absolute address of the page the code leads to
	Scan  string   // the words beside the code: "Scan the code for details"
	Lang  string   // the title's language, for lang= on the page
}

// Page is a flyer as a printable page: the shared "flyer" template shows
// it, the code drawn inline so printing needs no second request.
type Page struct {
	Flyer
	QR     template.HTML
	Back   string // the page the flyer is of
	PDFURL string // "" where the reader's script does not print in a PDF
}

// NewPage draws the code of f's address with label as its accessible name.
func NewPage(f Flyer, label, back, pdfURL string) (*Page, error) {
	svg, err := qr.SVG(f.URL, qr.Medium, label)
	if err != nil {
		return nil, err
	}
	return &Page{Flyer: f, QR: svg, Back: back, PDFURL: pdfURL}, nil
}

// PDFPrints reports whether a PDF in the language lang comes out readable:
// the PDF writer places glyphs one by one and cannot join Arabic script,
// so Arabic and Farsi readers print the page from the browser instead.
func PDFPrints(lang string) bool { return lang != "ar" && lang != "fa" }

// The printed code's width: large enough to scan from a step away on a
// notice board, smaller where a long text leaves less room on the page.
const (
	qrWidthMM    = 70
	qrMinWidthMM = 35
	belowCodeMM  = 24 // the words and the address beneath the code
)

// PDF writes f as an A4 page: what it is, the title in large letters, the
// essentials, the code and its address in writing for those who type it.
func PDF(f Flyer, author string) ([]byte, error) {
	d, err := pdf.New(f.Title, author)
	if err != nil {
		return nil, err
	}
	png, err := qr.PNG(f.URL, qr.Medium, 600)
	if err != nil {
		return nil, err
	}
	d.Paragraph(f.Kind)
	d.Big(f.Title)
	for _, line := range f.Lines {
		d.Paragraph(line)
	}
	d.Space(6)
	width := max(min(qrWidthMM, d.Left()-belowCodeMM), qrMinWidthMM)
	d.Image("code", png, width)
	d.Space(4)
	d.Paragraph(f.Scan)
	d.Small(f.URL)
	return d.Bytes()
}
