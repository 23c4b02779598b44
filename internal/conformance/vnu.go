package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// HTMLError is an error the Nu HTML checker found in a page.
type HTMLError struct {
	Page, Message, Extract string
	Line                   int
}

func (e HTMLError) String() string {
	return fmt.Sprintf("%s:%d: %s\n\t%s", e.Page, e.Line, e.Message, strings.TrimSpace(e.Extract))
}

// CheckHTML runs the Nu HTML checker (vnu.jar from npm, with the machine's
// Java) once over every page, named by the keys of pages, and returns the
// errors it reports; warnings are not errors.
func CheckHTML(t testing.TB, pages map[string]string) []HTMLError {
	t.Helper()
	jar := Tool(t, VNUEnv, "the Nu HTML checker (npm vnu-jar)")
	java := Command(t, "java")
	dir := t.TempDir()
	names := make([]string, 0, len(pages))
	for name := range pages {
		names = append(names, name)
	}
	sort.Strings(names)
	byFile := map[string]string{}
	args := []string{"-jar", jar, "--stdout", "--format", "json", "--errors-only", "--exit-zero-always"}
	for i, name := range names {
		file := filepath.Join(dir, fmt.Sprintf("%04d.html", i))
		if err := os.WriteFile(file, []byte(pages[name]), 0o600); err != nil {
			t.Fatal(err)
		}
		byFile[filepath.Base(file)] = name
		args = append(args, file)
	}
	out, stderr, err := Run(t, nil, java, args...)
	if err != nil {
		t.Fatalf("vnu: %v\n%s", err, stderr)
	}
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		}
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu: %v\n%s\n%s", err, out, stderr)
	}
	var errs []HTMLError
	for _, m := range report.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		page := byFile[filepath.Base(m.URL)]
		if page == "" {
			page = m.URL
		}
		errs = append(errs, HTMLError{Page: page, Message: m.Message, Extract: m.Extract, Line: m.LastLine})
	}
	return errs
}
