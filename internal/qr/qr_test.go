package qr_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/qr"
	"teilhabe.org/teilhabe/internal/tooltest"
)

// decode reads the codes of a PNG with zbarimg, a decoder nobody in the
// project wrote.
func decode(t *testing.T, png []byte) string {
	t.Helper()
	zbar := tooltest.Command(t, "zbarimg", "zbar-tools")
	file := filepath.Join(t.TempDir(), "code.png")
	if err := os.WriteFile(file, png, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbar, "--quiet", "--raw", "-Sbinary", file).Output()
	if err != nil {
		t.Fatalf("zbarimg could not read the code: %v", err)
	}
	return string(out)
}

func TestPNGReadsBackWithAnOutsideDecoder(t *testing.T) {
	for _, text := range []string{
		"https://teilhabe.example/certificates/verify/K7QM-2PXD",
		// An EPC GiroCode: line breaks, umlauts and a creditor reference.
		"BCD\n002\n1\nSCT\n\nFlüchtlingsgenossenschaft Kassel eG\nDE02120300000000202051\nEUR25.00\n\nRF18539007547034\n\n",
		"Олена Şahin – كاسل",
	} {
		png, err := qr.PNG(text, qr.Medium, 300)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSuffix(decode(t, png), "\n")
		if got != strings.TrimSuffix(text, "\n") && got != text {
			t.Errorf("decoded %q, want %q", got, text)
		}
	}
}

func TestSVGDrawsTheSameModulesAsTheMatrix(t *testing.T) {
	text := "https://teilhabe.example/events/1"
	m, err := qr.Matrix(text, qr.Low)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := qr.SVG(text, qr.Low, `Code <"x">`)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(svg), `<"x">`) || !strings.Contains(string(svg), `aria-label="Code &lt;&#34;x&#34;&gt;"`) {
		t.Fatalf("label not escaped: %s", svg)
	}
	drawn := make([][]bool, len(m))
	for i := range drawn {
		drawn[i] = make([]bool, len(m))
	}
	for _, r := range regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-\d+z`).FindAllStringSubmatch(string(svg), -1) {
		x, y, w := atoi(r[1]), atoi(r[2]), atoi(r[3])
		for i := range w {
			drawn[y][x+i] = true
		}
	}
	for y := range m {
		for x := range m[y] {
			if m[y][x] != drawn[y][x] {
				t.Fatalf("module %d,%d: matrix %v, svg %v", x, y, m[y][x], drawn[y][x])
			}
		}
	}
	// The quiet zone: four light modules on every side.
	for i := range 4 {
		for j := range m {
			if m[i][j] || m[j][i] || m[len(m)-1-i][j] || m[j][len(m)-1-i] {
				t.Fatal("the quiet zone holds a dark module")
			}
		}
	}
}

func TestTooLongContentIsRefused(t *testing.T) {
	if _, err := qr.PNG(strings.Repeat("x", 5000), qr.Medium, 300); !errors.Is(err, qr.ErrTooLong) {
		t.Fatalf("err = %v, want ErrTooLong", err)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
