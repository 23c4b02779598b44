package pdf_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/pdf"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// TestUnicodeNamesReadBack writes names outside Latin-1 and reads them
// back with poppler's pdftotext, an independent reader.
func TestUnicodeNamesReadBack(t *testing.T) {
	bin := tooltest.Command(t, "pdftotext", "poppler-utils")
	d, err := pdf.New("Probe", "teilhabe")
	if err != nil {
		t.Fatal(err)
	}
	d.Heading("Nachweis")
	d.Field("Name", "Ayşe Şahin, Олена Коваленко, Ğ ı")
	d.Paragraph(strings.Repeat("Ein langer Satz, der umbricht. ", 20))
	b, err := d.Bytes()
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %v", err)
	}
	cmd := exec.Command(bin, "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Nachweis", "Ayşe Şahin", "Олена Коваленко", "Ğ ı"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, out)
		}
	}
}

func TestMissingFontsSayWhatToInstall(t *testing.T) {
	t.Setenv(pdf.FontDirEnv, t.TempDir())
	_, err := pdf.New("Probe", "teilhabe")
	if err == nil || !strings.Contains(err.Error(), "fonts-noto-core") {
		t.Errorf("err = %v", err)
	}
}
