package browsertest

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMain(m *testing.M) { Main(m) }

// newSite serves testdata on 127.0.0.1 with the strict content security
// policy the platform sends, plus a small form flow that sets a cookie.
func newSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("GET /", http.FileServerFS(os.DirFS("testdata")))
	mux.HandleFunc("POST /angebot", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "angebot", Value: url.QueryEscape(r.FormValue("titel")), Path: "/"})
		q := url.Values{"titel": {r.FormValue("titel")}, "kategorie": {r.FormValue("kategorie")}, "wie-oft": {r.FormValue("wie-oft")}}
		http.Redirect(w, r, "/danke?"+q.Encode(), http.StatusSeeOther)
	})
	mux.HandleFunc("GET /danke", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		fmt.Fprintf(w, `<!doctype html><html lang="de"><title>Danke</title><main><h1>%s</h1><p id="details">%s, %s</p></main></html>`,
			q.Get("titel"), q.Get("kategorie"), q.Get("wie-oft"))
	})
	mux.HandleFunc("GET /cookie", func(w http.ResponseWriter, r *http.Request) {
		value := "(none)"
		if c, err := r.Cookie("angebot"); err == nil {
			value, _ = url.QueryUnescape(c.Value)
		}
		fmt.Fprintf(w, `<!doctype html><html lang="de"><title>Cookie</title><main><p id="cookie">%s</p></main></html>`, value)
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// recorder is the test's own testing.TB, except that it keeps the failures
// and skips of the code under test instead of applying them, so a test can
// assert that a check does fail. Fatalf and Skipf end the calling goroutine,
// as the real ones do; call such code through recorder.run.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
	fatal  string
	skip   string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.fatal = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *recorder) Skipf(format string, args ...any) {
	r.mu.Lock()
	r.skip = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

// run calls fn on its own goroutine, so that Fatalf and Skipf end only fn.
func (r *recorder) run(fn func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	<-done
}

func (r *recorder) failures() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(append(slices.Clone(r.errors), r.fatal), "\n")
}

// timed logs how long fn takes, to keep an eye on the cost of each check.
func timed(t *testing.T, what string, fn func()) {
	t.Helper()
	start := time.Now()
	fn()
	t.Logf("%s took %v", what, time.Since(start).Round(time.Millisecond))
}

func TestAccessiblePagePassesEveryCheck(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	var b *Browser
	timed(t, "New", func() { b = New(t) })
	timed(t, "Go", func() { b.Go(site.URL + "/accessible.html") })

	timed(t, "CheckAccessibility", func() { b.CheckAccessibility(t) })
	timed(t, "CheckKeyboardFocus", func() { b.CheckKeyboardFocus(t) })
	timed(t, "CheckNoHorizontalScroll", func() { b.CheckNoHorizontalScroll(t) })
	timed(t, "CheckNoThirdPartyRequests", func() { b.CheckNoThirdPartyRequests(t, "") })
	timed(t, "CheckAll", func() { b.CheckAll(t) })

	focus := b.KeyboardFocus()
	want := []string{`a.skip`, `"Angebote"`, `"Gesuche"`, `"Organisationen"`, `input#titel`, `textarea#text`,
		`select#kategorie`, `[type="radio"] "einmal"`, `summary`, `button.primary`, `div.table-wrap`}
	if len(focus.Reached) != len(want) {
		t.Errorf("Tab reached %d elements, want %d:\n%s", len(focus.Reached), len(want), strings.Join(focus.Reached, "\n"))
	}
	for i, w := range want {
		if i < len(focus.Reached) && !strings.Contains(focus.Reached[i], w) {
			t.Errorf("Tab stop %d is %s, want one with %s", i+1, focus.Reached[i], w)
		}
	}
	if !focus.OK() {
		t.Errorf("focus report = %+v, want no problems", focus)
	}
	if got := b.Requests(); !slices.Contains(got, site.URL+"/site.css") || !slices.Contains(got, site.URL+"/logo.svg") {
		t.Errorf("requests = %v, want the style sheet and the logo among them", got)
	}
}

func TestPageWithoutAltAndLabelFailsAccessibility(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Go(site.URL + "/inaccessible.html")

	var ids []string
	for _, v := range b.Violations() {
		ids = append(ids, v.ID)
		if !v.Blocking() || len(v.Nodes) == 0 || v.Nodes[0].HTML == "" {
			t.Errorf("violation %+v: want a serious or critical one naming its element", v)
		}
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"image-alt", "label"}) {
		t.Errorf("violations = %v, want image-alt and label", ids)
	}

	rec := &recorder{TB: t}
	rec.run(func() { b.CheckAccessibility(rec) })
	got := rec.failures()
	for _, want := range []string{"2 serious or critical", "image-alt (critical)", "label (critical)", `<input name="email">`, "/inaccessible.html"} {
		if !strings.Contains(got, want) {
			t.Errorf("CheckAccessibility reported %q, want it to mention %q", got, want)
		}
	}
}

func TestFixedWidthElementOverflowsAtNarrowWidth(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Go(site.URL + "/wide.html")

	if wide := b.Overflow(defaultWidth); wide.Scrolls() {
		t.Errorf("at %dpx: %+v, want no sideways scrolling", defaultWidth, wide)
	}
	narrow := b.Overflow(NarrowWidth)
	if !narrow.Scrolls() || narrow.ViewportWidth != NarrowWidth || narrow.ScrollWidth < 600 {
		t.Errorf("at 320px: %+v, want a page at least 600px wide in a 320px viewport", narrow)
	}
	// The span inside the box sticks out too, but the box is the cause.
	if len(narrow.Offenders) != 1 || !strings.HasPrefix(narrow.Offenders[0], "div.wide (600px wide") {
		t.Errorf("offenders = %q, want only div.wide", narrow.Offenders)
	}
	if w := Eval[int](b.Page, "window.innerWidth"); w != defaultWidth {
		t.Errorf("after the measurement the viewport is %dpx wide, want it restored to %d", w, defaultWidth)
	}

	rec := &recorder{TB: t}
	rec.run(func() { b.CheckNoHorizontalScroll(rec) })
	if got := rec.failures(); !strings.Contains(got, "scrolls sideways") || !strings.Contains(got, "div.wide") {
		t.Errorf("CheckNoHorizontalScroll reported %q, want the overflow and div.wide", got)
	}
}

func TestRightToLeftOverflowIsFoundOnTheLeft(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Go(site.URL + "/wide-rtl.html")

	o := b.Overflow(NarrowWidth)
	if !o.Scrolls() || len(o.Offenders) != 1 || !strings.Contains(o.Offenders[0], "p.banner") ||
		!strings.Contains(o.Offenders[0], "left edge") {
		t.Errorf("overflow = %+v, want p.banner past the left edge", o)
	}
}

func TestButtonsWithoutFocusStyleFailFocusCheck(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Go(site.URL + "/no-focus-style.html")

	r := b.KeyboardFocus()
	if len(r.Reached) != 3 || len(r.Unreachable) != 0 {
		t.Errorf("focus report = %+v, want the link and both buttons reached", r)
	}
	if len(r.NoIndicator) != 2 || !strings.Contains(r.NoIndicator[0], "#save") || !strings.Contains(r.NoIndicator[1], "#cancel") {
		t.Errorf("without indicator: %q, want exactly the two buttons", r.NoIndicator)
	}

	rec := &recorder{TB: t}
	rec.run(func() { b.CheckKeyboardFocus(rec) })
	if got := rec.failures(); !strings.Contains(got, "no visible focus indicator") || !strings.Contains(got, "button#save") {
		t.Errorf("CheckKeyboardFocus reported %q, want the buttons without focus indicator", got)
	}
}

func TestKeyboardTrapLeavesLaterElementsUnreachable(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Go(site.URL + "/trap.html")

	r := b.KeyboardFocus()
	// Disabled, hidden and tabindex=-1 elements are not expected in the
	// Tab order, so only the link after the trap is missing.
	if len(r.Unreachable) != 1 || !strings.Contains(r.Unreachable[0], "a#after") {
		t.Errorf("unreachable = %q, want only a#after", r.Unreachable)
	}
	rec := &recorder{TB: t}
	rec.run(func() { b.CheckKeyboardFocus(rec) })
	if got := rec.failures(); !strings.Contains(got, "Tab never reaches 1 visible element") {
		t.Errorf("CheckKeyboardFocus reported %q, want the unreachable link", got)
	}
}

func TestRequestsToOtherHostsAreFound(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Go(site.URL + "/third-party.html")

	foreign := b.ThirdPartyRequests("")
	if !slices.Contains(foreign, "http://tracker.example.invalid/pixel.gif") ||
		!slices.Contains(foreign, "http://fonts.example.invalid/css?family=Roboto") {
		t.Errorf("third-party requests = %q, want the tracker and the font service", foreign)
	}
	if own := b.ThirdPartyRequests(hostOf(site.URL)); !slices.Equal(own, foreign) {
		t.Errorf("with the host given: %q, want the same as with the current page's host %q", own, foreign)
	}
	rec := &recorder{TB: t}
	rec.run(func() { b.CheckNoThirdPartyRequests(rec, "") })
	if got := rec.failures(); !strings.Contains(got, "tracker.example.invalid") {
		t.Errorf("CheckNoThirdPartyRequests reported %q, want the tracker", got)
	}
}

func TestHostMatching(t *testing.T) {
	for _, c := range []struct {
		url, allowed string
		local        bool
	}{
		{"http://127.0.0.1:8080/a.css", "127.0.0.1:8080", true},
		{"http://127.0.0.1:9090/a.css", "127.0.0.1:8080", false},
		{"http://127.0.0.1:9090/a.css", "127.0.0.1", true},
		{"https://cdn.example.org/x.js", "127.0.0.1", false},
		{"data:image/png;base64,AAAA", "127.0.0.1", true},
		{"ws://127.0.0.1:8080/live", "127.0.0.1:8080", true},
	} {
		if got := isLocalTo(c.url, c.allowed); got != c.local {
			t.Errorf("isLocalTo(%q, %q) = %v, want %v", c.url, c.allowed, got, c.local)
		}
	}
}

func TestArabicPageRendersArabicGlyphs(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Go(site.URL + "/arabic.html")

	for _, sel := range []string{"#text", "p[lang=fa]"} {
		fonts := b.Fonts(sel)
		if !slices.ContainsFunc(fonts, func(f string) bool { return strings.Contains(f, "Arabic") }) {
			t.Errorf("%s is drawn with %q, want a font for Arabic script (is fonts-noto-core installed?)", sel, fonts)
		}
	}
	if d := Eval[string](b.Page, "getComputedStyle(document.body).direction"); d != "rtl" {
		t.Errorf("direction = %q, want rtl", d)
	}
	b.CheckAll(t)

	path := t.TempDir() + "/arabic.png"
	if dir := os.Getenv("BROWSERTEST_SCREENSHOTS"); dir != "" {
		path = dir + "/arabic.png" // to look at it
	}
	b.SetViewport(NarrowWidth, narrowHeight)
	b.Screenshot(path)
	f, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(f))
	if err != nil {
		t.Fatalf("screenshot is no PNG: %v", err)
	}
	if w := img.Bounds().Dx(); w != NarrowWidth {
		t.Errorf("screenshot is %dpx wide, want %d", w, NarrowWidth)
	}
}

func TestActionsDriveAFormAndCookiesStayInTheirBrowserContext(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	if status := b.Go(site.URL + "/accessible.html"); status != http.StatusOK {
		t.Fatalf("status = %d, want 200", status)
	}
	b.Fill("#titel", "wird ersetzt")
	b.Fill("#titel", "Deutsch üben – تعلم الألمانية")
	if v := b.Value("#titel"); v != "Deutsch üben – تعلم الألمانية" {
		t.Errorf("after Fill the field holds %q", v)
	}
	b.Select("#kategorie", "behoerden")
	b.Click(`input[value="woechentlich"]`)
	if alt := b.Attr("img", "alt"); alt != "teilhabe" {
		t.Errorf("alt = %q, want teilhabe", alt)
	}
	if missing := b.Attr("img", "data-missing"); missing != "" {
		t.Errorf("a missing attribute reads %q, want empty", missing)
	}
	if n := b.Count("nav a"); n != 3 {
		t.Errorf("Count(nav a) = %d, want 3", n)
	}

	if status := b.Submit("form"); status != http.StatusOK {
		t.Errorf("status after submit = %d, want 200 after the redirect", status)
	}
	if u := b.URL(); !strings.HasPrefix(u, site.URL+"/danke?") {
		t.Errorf("URL after submit = %s, want the thank-you page", u)
	}
	if h := b.Text("h1"); h != "Deutsch üben – تعلم الألمانية" {
		t.Errorf("h1 = %q", h)
	}
	if d := b.Text("#details"); d != "behoerden, woechentlich" {
		t.Errorf("details = %q, want the chosen category and radio", d)
	}
	if !strings.Contains(b.HTML(), `<p id="details">`) {
		t.Errorf("HTML() lacks the page's markup")
	}

	// Another tab of the same browser context sees the cookie …
	tab := b.NewTab(t)
	tab.Go(site.URL + "/cookie")
	if c := tab.Text("#cookie"); c != "Deutsch üben – تعلم الألمانية" {
		t.Errorf("second tab sees cookie %q, want the one just set", c)
	}
	// … a fresh browser context does not.
	other := New(t)
	other.Go(site.URL + "/cookie")
	if c := other.Text("#cookie"); c != "(none)" {
		t.Errorf("a new browser context sees cookie %q, want none", c)
	}

	b.Go("/accessible.html") // relative to the current page
	if status := b.ClickAndLoad(`nav a[href="/angebote"]`); status != http.StatusNotFound {
		t.Errorf("status = %d, want 404 from the test server", status)
	}
	if u := b.URL(); u != site.URL+"/angebote" {
		t.Errorf("URL after ClickAndLoad = %s", u)
	}
}

func TestFailedActionNamesSelectorAndURL(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	rec := &recorder{TB: t}
	b := New(rec)
	b.Go(site.URL + "/accessible.html")
	b.SetTimeout(300 * time.Millisecond)

	start := time.Now()
	rec.run(func() { b.Click("#not-there") })
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the failing click took %v, want about the timeout", took)
	}
	for _, want := range []string{`click "#not-there"`, site.URL + "/accessible.html", "not done within 300ms"} {
		if !strings.Contains(rec.fatal, want) {
			t.Errorf("failure = %q, want it to mention %q", rec.fatal, want)
		}
	}
}

func TestMissingToolSkipsOrFailsUnderCI(t *testing.T) {
	t.Setenv(chromiumEnv, "/nonexistent/chromium")
	if _, err := ChromiumPath(); err == nil || !strings.Contains(err.Error(), "/nonexistent/chromium") {
		t.Fatalf("ChromiumPath() error = %v, want one naming the path", err)
	}

	t.Setenv("CI", "")
	rec := &recorder{TB: t}
	rec.run(func() { New(rec) })
	if !strings.HasPrefix(rec.skip, "browser tests skipped: ") || rec.fatal != "" {
		t.Errorf("outside CI: skip %q, fatal %q; want a skip", rec.skip, rec.fatal)
	}

	t.Setenv("CI", "true")
	rec = &recorder{TB: t}
	rec.run(func() { New(rec) })
	if !strings.HasPrefix(rec.fatal, "browser tests cannot run: ") || rec.skip != "" {
		t.Errorf("under CI: skip %q, fatal %q; want a failure", rec.skip, rec.fatal)
	}
}
