// Package csvx writes the CSV files the platform offers for download, in
// the one form spreadsheet programs open safely: RFC 4180 with CRLF line
// ends, UTF-8 with a byte order mark (without it, Excel reads UTF-8 as a
// legacy code page), and no cell that a spreadsheet would run as a
// formula.
package csvx

import (
	"encoding/csv"
	"io"
	"net/http"
	"regexp"
	"strings"
)

// ContentType is the Content-Type of a CSV download.
const ContentType = "text/csv; charset=utf-8"

// bom is the UTF-8 byte order mark.
const bom = "\uFEFF"

// Writer writes records; the byte order mark comes before the first.
type Writer struct {
	out     io.Writer
	csv     *csv.Writer
	started bool
	err     error
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer {
	c := csv.NewWriter(w)
	c.UseCRLF = true
	return &Writer{out: w, csv: c}
}

// Attach sets the headers of a CSV download named filename (without a
// directory; the name should be ASCII) and returns a Writer to w.
func Attach(w http.ResponseWriter, filename string) *Writer {
	w.Header().Set("Content-Type", ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	return NewWriter(w)
}

// Write writes one record, every cell neutralised (see Neutralize).
func (w *Writer) Write(record []string) error {
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.started = true
		if _, w.err = io.WriteString(w.out, bom); w.err != nil {
			return w.err
		}
	}
	cells := make([]string, len(record))
	for i, c := range record {
		cells[i] = Neutralize(c)
	}
	w.err = w.csv.Write(cells)
	return w.err
}

// Flush writes what is buffered and returns the first error of any
// Write or of the flush.
func (w *Writer) Flush() error {
	w.csv.Flush()
	if w.err != nil {
		return w.err
	}
	return w.csv.Error()
}

// plainNumber is a number a spreadsheet reads as a number, not a formula:
// a leading minus on it is harmless, and a quote would turn it into text.
var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// Neutralize returns cell so that no spreadsheet program runs it as a
// formula (CWE-1236): a cell starting with =, +, -, @, a tab or a carriage
// return, also after spaces or line breaks, gets a leading single quote,
// which spreadsheets show as text. Negative numbers stay numbers.
func Neutralize(cell string) string {
	if cell == "" || plainNumber.MatchString(cell) {
		return cell
	}
	if rest := strings.TrimLeft(cell, " \n"); rest != "" && strings.ContainsRune("=+-@\t\r", rune(rest[0])) {
		return "'" + cell
	}
	return cell
}
