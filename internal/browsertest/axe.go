package browsertest

import (
	_ "embed"
	"fmt"
	"strings"
	"testing"
)

//go:embed js/axe-run.js
var axeRunJS string

// Violation is one axe-core rule that the page breaks.
type Violation struct {
	ID      string          `json:"id"`     // the rule, e.g. "image-alt"
	Impact  string          `json:"impact"` // minor, moderate, serious or critical
	Help    string          `json:"help"`
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that breaks the rule.
type ViolationNode struct {
	Target  string `json:"target"` // a CSS selector for the element
	HTML    string `json:"html"`
	Summary string `json:"failureSummary"`
}

// Blocking reports whether the violation must fail a test: serious and
// critical ones keep people out; minor and moderate ones are reported only.
func (v Violation) Blocking() bool { return v.Impact == "serious" || v.Impact == "critical" }

// shownNodes is how many elements a report names per rule; the rest are
// counted, because one bad template repeats the same fault on every row.
const shownNodes = 3

// Violations runs axe-core's WCAG 2.0/2.1 A and AA rules on the current page
// and returns what they find, without failing the test for it.
func (p *Page) Violations() []Violation {
	p.t.Helper()
	vs, err := p.violations()
	if err != nil {
		p.fail("run axe-core", err)
	}
	return vs
}

// CheckAccessibility fails t for every serious or critical WCAG 2.0/2.1 A or
// AA violation on the current page and logs the minor and moderate ones.
func (p *Page) CheckAccessibility(t testing.TB) {
	t.Helper()
	vs, err := p.violations()
	if err != nil {
		t.Fatalf("browsertest: run axe-core on %s: %v", p.currentURL(), err)
	}
	var blocking, minor []Violation
	for _, v := range vs {
		if v.Blocking() {
			blocking = append(blocking, v)
		} else {
			minor = append(minor, v)
		}
	}
	if len(minor) > 0 {
		t.Logf("accessibility: %d minor or moderate violation(s) on %s:\n%s", len(minor), p.currentURL(), formatViolations(minor))
	}
	if len(blocking) > 0 {
		t.Errorf("accessibility: %d serious or critical WCAG violation(s) on %s:\n%s", len(blocking), p.currentURL(), formatViolations(blocking))
	}
}

// violations injects axe-core once per document and runs it.
func (p *Page) violations() ([]Violation, error) {
	source, err := loadAxe()
	if err != nil {
		return nil, err
	}
	loaded, err := eval[bool](p, "typeof window.axe === 'object'")
	if err != nil {
		return nil, err
	}
	if !loaded {
		// The trailing expression keeps Evaluate from serialising what the
		// library's last statement happens to return.
		if _, err := eval[bool](p, source+"\n;true"); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	return eval[[]Violation](p, axeRunJS)
}

func formatViolations(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s (%s): %s\n", v.ID, v.Impact, v.Help)
		for i, n := range v.Nodes {
			if i == shownNodes {
				fmt.Fprintf(&b, "    … and %d more element(s)\n", len(v.Nodes)-shownNodes)
				break
			}
			fmt.Fprintf(&b, "    %s: %s\n", n.Target, abbreviate(n.HTML, 160))
		}
		fmt.Fprintf(&b, "    see %s\n", v.HelpURL)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
