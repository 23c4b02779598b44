// Package browsertest drives pages through a real Chromium, for tests that
// must see what a person sees: layout at 320 CSS pixels, keyboard focus,
// accessibility rules and every request a page makes.
//
// One browser serves a whole test binary, because starting Chromium costs far
// more than a test. Each call of New gives its test a fresh browser context
// (an incognito-like profile), so cookies and storage never leak between
// tests, and tests may run in parallel.
//
// Use Main from TestMain so that the browser closes when the tests end
// (or call Close from a TestMain of your own):
//
//	func TestMain(m *testing.M) { browsertest.Main(m) }
//
// The environment chooses the tools: TEILHABE_CHROMIUM is the Chromium
// binary (default /usr/bin/chromium) and TEILHABE_AXE_JS is axe.min.js from
// the npm package axe-core (default .cache/axe/node_modules/axe-core/axe.min.js
// under the module root). When one is missing the tests are skipped, except
// under CI=true, where a skipped browser test would hide a broken setup.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	chromiumEnv     = "TEILHABE_CHROMIUM"
	axeEnv          = "TEILHABE_AXE_JS"
	defaultChromium = "/usr/bin/chromium"
	axeInModule     = ".cache/axe/node_modules/axe-core/axe.min.js"

	// startTimeout bounds the start of the browser and of a tab; both are
	// bound to contexts without a deadline, so a watchdog has to end them.
	startTimeout = 30 * time.Second
	stopTimeout  = 10 * time.Second
)

// shared is the one browser of the test binary.
var shared struct {
	once sync.Once
	ctx  context.Context // the chromedp context that owns the browser
	stop func()
	err  error
}

// axeScript is the source of axe.min.js, read once.
var axeScript struct {
	once   sync.Once
	source string
	err    error
}

// Main runs the tests and then closes the browser, if one was started, so
// that no Chromium process or profile directory outlives the test binary.
func Main(m *testing.M) {
	code := m.Run()
	Close()
	os.Exit(code)
}

// Close closes the shared browser if it runs. A TestMain that has more to
// tear down calls it after m.Run instead of using Main.
func Close() {
	if shared.stop != nil {
		shared.stop()
	}
}

// Browser is one test's view of the shared browser: its own browser context
// (cookie jar) with a first tab, which Browser embeds, so b.Go and
// b.CheckAll work directly. NewTab opens more tabs with the same cookies.
type Browser struct {
	*Page
}

// New returns a fresh browser context for the test, with one tab at
// about:blank sized 1280×800. The context and its tabs close when the test
// ends. New skips the test when Chromium or axe-core is missing (fails it
// under CI=true).
func New(t testing.TB) *Browser {
	t.Helper()
	execPath, err := ChromiumPath()
	if err != nil {
		unavailable(t, err)
	}
	if _, err := loadAxe(); err != nil {
		unavailable(t, err)
	}
	browserCtx := sharedBrowser(t, execPath)
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	return &Browser{Page: openPage(t, ctx, cancel)}
}

// NewTab opens another tab in the same browser context, for a test that
// needs two pages of the same signed-in person at once. It closes when the
// test ends.
func (b *Browser) NewTab(t testing.TB) *Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.Page.ctx)
	return openPage(t, ctx, cancel)
}

// unavailable skips the test because a tool is missing, or fails it under CI.
func unavailable(t testing.TB, reason error) {
	t.Helper()
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatalf("browser tests cannot run: %v", reason)
	}
	t.Skipf("browser tests skipped: %v", reason)
}

// ChromiumPath finds the Chromium binary, for tools that start their own
// (Lighthouse): the environment first, then the Debian path, then the PATH
// (other distributions name it differently).
func ChromiumPath() (string, error) {
	if p := os.Getenv(chromiumEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", chromiumEnv, p, err)
		}
		return p, nil
	}
	if _, err := os.Stat(defaultChromium); err == nil {
		return defaultChromium, nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium at %s and none on PATH (apt-get install chromium fonts-noto-core, or set %s)",
		defaultChromium, chromiumEnv)
}

// axePath finds axe.min.js: the environment first, then the npm cache folder
// under the module root, where the test command installs it.
func axePath() (string, error) {
	if p := os.Getenv(axeEnv); p != "" {
		return p, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return "", fmt.Errorf("%s is not set and %w", axeEnv, err)
	}
	return filepath.Join(root, axeInModule), nil
}

// moduleRoot walks up from the working directory, which go test sets to the
// package folder, to the folder that holds go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// loadAxe reads axe.min.js once for the whole test binary.
func loadAxe() (string, error) {
	axeScript.once.Do(func() {
		path, err := axePath()
		if err != nil {
			axeScript.err = err
			return
		}
		b, err := os.ReadFile(path)
		if err != nil {
			axeScript.err = fmt.Errorf("axe-core: %w (npm install --prefix .cache/axe axe-core@4, or set %s)", err, axeEnv)
			return
		}
		axeScript.source = string(b)
	})
	return axeScript.source, axeScript.err
}

// sharedBrowser starts the browser on first use and returns its context.
func sharedBrowser(t testing.TB, execPath string) context.Context {
	t.Helper()
	shared.once.Do(func() {
		start := time.Now()
		shared.ctx, shared.stop, shared.err = startBrowser(execPath)
		t.Logf("browsertest: started %s in %v", execPath, time.Since(start).Round(time.Millisecond))
	})
	if shared.err != nil {
		t.Fatalf("browsertest: starting %s: %v", execPath, shared.err)
	}
	return shared.ctx
}

// startBrowser launches a headless Chromium with a fresh temporary profile.
// The flags keep it from calling home: this machine may have no route out,
// and a test must not depend on one.
func startBrowser(execPath string) (context.Context, func(), error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.NoSandbox, // tests often run as root in containers
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.WindowSize(defaultWidth, defaultHeight),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)

	// The browser lives as long as the context of its first run, so that run
	// gets no deadline; the watchdog ends a start that hangs.
	watchdog := time.AfterFunc(startTimeout, cancelBrowser)
	err := chromedp.Do(ctx)
	watchdog.Stop()

	stop := func() {
		tctx, cancel := context.WithTimeout(ctx, stopTimeout)
		defer cancel()
		_ = chromedp.Cancel(tctx) // closes gracefully, so the profile folder is removed
		cancelBrowser()
		cancelAlloc()
	}
	if err != nil {
		stop()
		return nil, nil, err
	}
	return ctx, stop, nil
}
