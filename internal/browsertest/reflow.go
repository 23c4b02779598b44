package browsertest

import (
	_ "embed"
	"fmt"
	"strings"
	"testing"
)

//go:embed js/overflow.js
var overflowJS string

const (
	// NarrowWidth is the width every page must fit without sideways
	// scrolling: 320 CSS pixels, as WCAG 1.4.10 (reflow) asks and as old
	// phones show.
	NarrowWidth = 320
	// narrowHeight gives the narrow viewport a phone's proportions.
	narrowHeight = 640
)

// Overflow is how a page fits a viewport width.
type Overflow struct {
	ViewportWidth int      `json:"viewportWidth"`
	ScrollWidth   int      `json:"scrollWidth"` // of the document element
	Offenders     []string `json:"offenders"`   // the widest elements that stick out
}

// Scrolls reports whether the page scrolls sideways.
func (o Overflow) Scrolls() bool { return o.ScrollWidth > o.ViewportWidth }

// Overflow lays the page out at width×640 CSS pixels (no reload, so a page
// that answered a form stays as it is), measures it and restores the
// viewport.
func (p *Page) Overflow(width int) Overflow {
	p.t.Helper()
	o, err := p.overflow(width)
	if err != nil {
		p.fail(fmt.Sprintf("measure overflow at %dpx", width), err)
	}
	return o
}

// CheckNoHorizontalScroll fails t when the page scrolls sideways at 320 CSS
// pixels and names the elements that stick out.
func (p *Page) CheckNoHorizontalScroll(t testing.TB) {
	t.Helper()
	o, err := p.overflow(NarrowWidth)
	if err != nil {
		t.Fatalf("browsertest: measure overflow on %s: %v", p.currentURL(), err)
	}
	if !o.Scrolls() {
		return
	}
	t.Errorf("reflow: %s is %dpx wide at a %dpx viewport and scrolls sideways; sticking out:\n  %s",
		p.currentURL(), o.ScrollWidth, o.ViewportWidth, strings.Join(o.Offenders, "\n  "))
}

func (p *Page) overflow(width int) (o Overflow, err error) {
	if err := p.setViewport(width, narrowHeight); err != nil {
		return o, err
	}
	defer func() {
		if restoreErr := p.setViewport(p.width, p.height); err == nil {
			err = restoreErr
		}
	}()
	// Reading the sizes forces a synchronous layout at the new width.
	o, err = eval[Overflow](p, overflowJS)
	if err == nil && o.ViewportWidth != width {
		err = fmt.Errorf("the viewport is %dpx wide, not the %dpx asked for", o.ViewportWidth, width)
	}
	return o, err
}
