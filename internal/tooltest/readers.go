package tooltest

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// DecodeQR returns what the QR codes in a PNG image say, read by zbarimg,
// one code per line.
func DecodeQR(t testing.TB, png []byte) string {
	t.Helper()
	zbar := Command(t, "zbarimg", "zbar-tools")
	file := filepath.Join(t.TempDir(), "code.png")
	if err := os.WriteFile(file, png, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbar, "--quiet", "--raw", "-Sbinary", file).Output()
	if err != nil {
		t.Fatalf("zbarimg found no code: %v", err)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// PDFPages renders each page of a PDF as a PNG image with pdftoppm at dpi.
func PDFPages(t testing.TB, pdf []byte, dpi int) [][]byte {
	t.Helper()
	ppm := Command(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(ppm, "-png", "-r", strconv.Itoa(dpi), in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	sort.Strings(files)
	var pages [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, b)
	}
	return pages
}

// PDFText returns the text of a PDF as pdftotext reads it.
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	tool := Command(t, "pdftotext", "poppler-utils")
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
