package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

const (
	// DefaultTimeout bounds each action, so that a missing element fails the
	// test quickly with its selector instead of hanging until go test gives up.
	DefaultTimeout = 10 * time.Second

	defaultWidth  = 1280
	defaultHeight = 800
)

// Page is one browser tab. Its methods fail the test (with the selector and
// the current URL) when an action errs or takes longer than the timeout.
// A Page belongs to one goroutine at a time, like its test.
type Page struct {
	t       testing.TB
	ctx     context.Context
	timeout time.Duration
	width   int
	height  int

	mu       sync.Mutex
	requests []string // every URL the tab requested, in order
}

// openPage creates the tab behind ctx, starts recording its requests and
// gives it the default viewport.
func openPage(t testing.TB, ctx context.Context, cancel context.CancelFunc) *Page {
	t.Helper()
	t.Cleanup(cancel)
	p := &Page{t: t, ctx: ctx, timeout: DefaultTimeout}

	// The tab lives as long as the context of its first run, so that run
	// (inside Listen) gets no deadline; the watchdog ends a hang.
	watchdog := time.AfterFunc(startTimeout, cancel)
	err := chromedp.Listen(ctx, p.recordRequest)
	watchdog.Stop()
	if err != nil {
		t.Fatalf("browsertest: opening a tab: %v", err)
	}
	// Focus styles and document.hasFocus() depend on the window having
	// focus. Headless windows have it today, but only emulation promises it
	// for every tab of parallel tests, whichever window opened last.
	p.do("emulate focus", chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetFocusEmulationEnabled,
			emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	p.SetViewport(defaultWidth, defaultHeight)
	return p
}

// recordRequest runs in the loop that reads the tab's events, in order, so a
// request is recorded before the command that caused it returns.
func (p *Page) recordRequest(ev any) {
	var u string
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u = ev.Request.URL
	case *network.EventWebSocketCreated:
		u = ev.URL
	default:
		return
	}
	p.mu.Lock()
	p.requests = append(p.requests, u)
	p.mu.Unlock()
}

// SetTimeout changes the time each later action may take.
func (p *Page) SetTimeout(d time.Duration) { p.timeout = d }

// Go loads url and returns the HTTP status of the document. A url without a
// scheme ("/board?lang=ar") is resolved against the current page.
func (p *Page) Go(rawURL string) (status int) {
	p.t.Helper()
	target := p.resolve(rawURL)
	resp := run(p, "go to "+target, chromedp.NavigateResponse(target))
	return statusOf(resp)
}

// Click clicks the first visible element that matches the CSS selector. It
// does not wait for a page to load: use ClickAndLoad for links and buttons
// that lead to another page.
func (p *Page) Click(selector string) {
	p.t.Helper()
	p.do(fmt.Sprintf("click %q", selector), chromedp.Click(chromedp.CSS(selector)))
}

// ClickAndLoad clicks the first visible element that matches the CSS
// selector, waits until the page it leads to has loaded, and returns that
// page's HTTP status (after redirects). It fails when no page loads.
func (p *Page) ClickAndLoad(selector string) (status int) {
	p.t.Helper()
	resp := p.load(fmt.Sprintf("click %q and wait for the next page", selector),
		chromedp.Click(chromedp.CSS(selector)))
	return statusOf(resp)
}

// Submit submits the form that matches formSelector the way a person does,
// with a click on its first submit button (so the button's name and value
// are sent), waits for the resulting page and returns its HTTP status.
func (p *Page) Submit(formSelector string) (status int) {
	p.t.Helper()
	button := fmt.Sprintf(`:is(%s) :is(button[type="submit"], button:not([type]), input[type="submit"], input[type="image"])`,
		formSelector)
	resp := p.load(fmt.Sprintf("submit form %q", formSelector), chromedp.Click(chromedp.CSS(button)))
	return statusOf(resp)
}

// Fill replaces the value of the first visible text field (input or
// textarea) that matches the selector by typing value with real key events.
func (p *Page) Fill(selector, value string) {
	p.t.Helper()
	sel := chromedp.CSS(selector)
	clear := fmt.Sprintf("document.querySelector(%s).value = ''", jsString(selector))
	p.do(fmt.Sprintf("fill %q", selector),
		chromedp.WaitVisible(sel),
		chromedp.Evaluate[chromedp.Void](clear),
		chromedp.SendKeys(sel, value))
}

// Select chooses the option with the given value in the select element that
// matches the selector, and fails when there is no such option.
func (p *Page) Select(selector, value string) {
	p.t.Helper()
	what := fmt.Sprintf("select %q in %q", value, selector)
	choose := fmt.Sprintf(`(() => {
		const el = document.querySelector(%s);
		el.value = %s;
		el.dispatchEvent(new Event('change', { bubbles: true }));
		return el.value;
	})()`, jsString(selector), jsString(value))
	p.do(what, chromedp.WaitVisible(chromedp.CSS(selector)))
	if got := Eval[string](p, choose); got != value {
		p.fail(what, errors.New("the select has no option with this value"))
	}
}

// Text returns the rendered text (innerText) of the first element that
// matches the selector; it is empty for an element that is not displayed.
func (p *Page) Text(selector string) string {
	p.t.Helper()
	return run(p, fmt.Sprintf("read the text of %q", selector), chromedp.Text(chromedp.CSS(selector)))
}

// Value returns the current value of the form field that matches the selector.
func (p *Page) Value(selector string) string {
	p.t.Helper()
	return run(p, fmt.Sprintf("read the value of %q", selector), chromedp.Value(chromedp.CSS(selector)))
}

// Attr returns an attribute of the first element that matches the selector,
// or "" when the element has no such attribute.
func (p *Page) Attr(selector, name string) string {
	p.t.Helper()
	res := run(p, fmt.Sprintf("read attribute %q of %q", name, selector),
		chromedp.AttributeValue(chromedp.CSS(selector), name))
	return res.Value
}

// Count returns how many elements match the selector now, without waiting.
func (p *Page) Count(selector string) int {
	p.t.Helper()
	return Eval[int](p, fmt.Sprintf("document.querySelectorAll(%s).length", jsString(selector)))
}

// Fonts returns the family names of the installed fonts that rendered the
// text directly inside the first element that matches the selector. A page
// in Arabic or Farsi whose text came out as empty boxes shows no font with
// glyphs for its script here.
func (p *Page) Fonts(selector string) []string {
	p.t.Helper()
	return run(p, fmt.Sprintf("read the fonts of %q", selector), chromedp.QueryAfter(chromedp.CSS(selector),
		func(ctx context.Context, tgt *chromedp.Target, nodes []*chromedp.Node) ([]string, error) {
			res, err := cdp.Call(ctx, tgt, css.GetPlatformFontsForNode,
				css.GetPlatformFontsForNodeParams{NodeID: nodes[0].NodeID})
			if err != nil {
				return nil, err
			}
			var names []string
			for _, f := range res.Fonts {
				if f.GlyphCount > 0 {
					names = append(names, f.FamilyName)
				}
			}
			return names, nil
		}))
}

// WaitVisible waits until an element that matches the selector is displayed.
func (p *Page) WaitVisible(selector string) {
	p.t.Helper()
	p.do(fmt.Sprintf("wait for %q to be visible", selector), chromedp.WaitVisible(chromedp.CSS(selector)))
}

// URL returns the address of the current page.
func (p *Page) URL() string {
	p.t.Helper()
	return run(p, "read the URL", chromedp.Location())
}

// HTML returns the current markup of the whole document.
func (p *Page) HTML() string {
	p.t.Helper()
	return Eval[string](p, "document.documentElement.outerHTML")
}

// SetViewport sets the size of the page's viewport in CSS pixels, at a
// device scale of 1. Later checks restore this size after they change it.
func (p *Page) SetViewport(width, height int) {
	p.t.Helper()
	p.do(fmt.Sprintf("set the viewport to %d×%d", width, height),
		chromedp.EmulateViewport(int64(width), int64(height)))
	p.width, p.height = width, height
}

// Screenshot writes a PNG of the whole page (not only the viewport) to path,
// creating its folder.
func (p *Page) Screenshot(path string) {
	p.t.Helper()
	png := run(p, "take a screenshot", chromedp.FullScreenshot(100)) // 100 means PNG
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatalf("browsertest: screenshot: %v", err)
	}
}

// Eval evaluates a JavaScript expression in the page, waits for it when it is
// a promise, and decodes its JSON value into T. A null or undefined result
// fails the test unless T can be nil (a pointer, slice or map).
func Eval[T any](p *Page, js string) T {
	p.t.Helper()
	v, err := eval[T](p, js)
	if err != nil {
		p.fail("evaluate "+abbreviate(js, 80), err)
	}
	return v
}

// eval is Eval returning its error, so that a check can report it on the
// testing.TB it was given.
func eval[T any](p *Page, js string) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// setViewport is SetViewport that reports its error.
func (p *Page) setViewport(width, height int) error {
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	return chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height)))
}

// do runs actions within the timeout and fails the test on error.
func (p *Page) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.fail(what, err)
	}
}

// run runs one action that returns a value, within the timeout, and fails the
// test on error.
func run[T any](p *Page, what string, action chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		p.fail(what, err)
	}
	return v
}

// load runs actions that must lead to a new page and returns its response.
func (p *Page) load(what string, actions ...chromedp.Action[chromedp.Void]) *network.Response {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		p.fail(what, err)
	}
	return resp
}

// fail ends the test with what was tried, where, and why.
func (p *Page) fail(what string, err error) {
	p.t.Helper()
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("not done within %v (is the selector right and the element there?)", p.timeout)
	}
	p.t.Fatalf("browsertest: %s on %s: %v", what, p.currentURL(), err)
}

// currentURL is the page's address for error messages; it must not fail.
func (p *Page) currentURL() string {
	ctx, cancel := context.WithTimeout(p.ctx, 2*time.Second)
	defer cancel()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "(unknown URL)"
	}
	return u
}

// resolve makes rawURL absolute against the current page.
func (p *Page) resolve(rawURL string) string {
	p.t.Helper()
	ref, err := url.Parse(rawURL)
	if err != nil {
		p.t.Fatalf("browsertest: go to %q: %v", rawURL, err)
	}
	if ref.IsAbs() {
		return rawURL
	}
	base, err := url.Parse(p.currentURL())
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") {
		p.t.Fatalf("browsertest: go to %q: a relative URL needs a loaded page first", rawURL)
	}
	return base.ResolveReference(ref).String()
}

func statusOf(resp *network.Response) int {
	if resp == nil { // a same-document navigation has no response
		return 0
	}
	return int(resp.Status)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// abbreviate shortens s to n characters on one line, for messages.
func abbreviate(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
