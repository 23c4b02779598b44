package browsertest

import "testing"

// CheckAll runs every check on the current page: WCAG rules (axe-core),
// keyboard reachability and focus indicators, reflow at 320 CSS pixels and
// no requests to other hosts than the page's own. Each check reports with
// t.Errorf, so one run lists every problem; call it on every page a test
// visits.
func (p *Page) CheckAll(t testing.TB) {
	t.Helper()
	p.CheckAccessibility(t)
	p.CheckKeyboardFocus(t)
	p.CheckNoHorizontalScroll(t)
	p.CheckNoThirdPartyRequests(t, "")
}
