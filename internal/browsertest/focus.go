package browsertest

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

//go:embed js/focus.js
var focusJS string

// FocusReport is what pressing Tab through a page found.
type FocusReport struct {
	Reached     []string // elements that took focus, in Tab order
	Unreachable []string // visible interactive elements Tab never reached
	NoIndicator []string // elements that looked the same with and without focus
}

// OK reports whether every visible control is reachable by keyboard and
// shows that it has focus (WCAG 2.1.1 and 2.4.7).
func (r FocusReport) OK() bool { return len(r.Unreachable) == 0 && len(r.NoIndicator) == 0 }

// focusStep is what the page reports after one Tab press.
type focusStep struct {
	State     string `json:"state"` // new, again, cycled or outside
	Element   string `json:"element"`
	Indicated bool   `json:"indicated"`
}

// KeyboardFocus presses Tab with real key events until focus comes back to
// where it started (or a bound is reached) and reports which elements took
// focus, which were never reached and which showed no focus indicator. It
// leaves focus on the last element reached.
func (p *Page) KeyboardFocus() FocusReport {
	p.t.Helper()
	r, err := p.keyboardFocus()
	if err != nil {
		p.fail("press Tab through the page", err)
	}
	return r
}

// CheckKeyboardFocus fails t when a visible interactive element cannot be
// reached with Tab or shows no visible change when it has focus.
func (p *Page) CheckKeyboardFocus(t testing.TB) {
	t.Helper()
	r, err := p.keyboardFocus()
	if err != nil {
		t.Fatalf("browsertest: press Tab through %s: %v", p.currentURL(), err)
	}
	if len(r.Unreachable) > 0 {
		t.Errorf("keyboard: on %s Tab never reaches %d visible element(s):\n  %s",
			p.currentURL(), len(r.Unreachable), strings.Join(r.Unreachable, "\n  "))
	}
	if len(r.NoIndicator) > 0 {
		t.Errorf("keyboard: on %s %d element(s) show no visible focus indicator:\n  %s",
			p.currentURL(), len(r.NoIndicator), strings.Join(r.NoIndicator, "\n  "))
	}
}

func (p *Page) keyboardFocus() (FocusReport, error) {
	var r FocusReport
	candidates, err := eval[int](p, focusJS)
	if err != nil {
		return r, fmt.Errorf("install the focus probe: %w", err)
	}
	// Every candidate once, plus room for focus leaving the page at the end,
	// for elements that are not candidates (scroll containers take focus too)
	// and for a starting point in the middle of the page.
	bound := 2*candidates + 10
	for range bound {
		if err := p.pressTab(); err != nil {
			return r, err
		}
		step, err := eval[focusStep](p, "window.__browsertestFocus.step()")
		if err != nil {
			return r, err
		}
		if step.State == "cycled" {
			break
		}
		if step.State != "new" {
			continue
		}
		r.Reached = append(r.Reached, step.Element)
		if !step.Indicated {
			r.NoIndicator = append(r.NoIndicator, step.Element)
		}
	}
	r.Unreachable, err = eval[[]string](p, "window.__browsertestFocus.finish()")
	return r, err
}

// pressTab sends the key events a keyboard sends for Tab.
func (p *Page) pressTab() error {
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	return chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab))
}
