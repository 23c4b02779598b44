package loadgen

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Window is a span during which a fault was injected on purpose: an app
// server killed until it answered again, a database restart. Failures in
// it (plus a grace for connection pools to notice) are expected.
type Window struct {
	Name       string
	Start, End time.Time
}

// covers tells whether the failed request overlapped the window or its grace.
func (w Window) covers(f Failure, grace time.Duration) bool {
	return !f.End().Before(w.Start) && !f.At.After(w.End.Add(grace))
}

// ReadFaults reads the fault log the drill writes while the load runs,
// lines of "NAME start|end UNIX-SECONDS" (fractions allowed, as `date
// +%s.%N` prints them). A start without an end lasts until the log ends,
// so a fault the drill could not finish still counts as one.
func ReadFaults(r io.Reader) ([]Window, error) {
	var out []Window
	open := map[string]int{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) != 3 {
			return nil, fmt.Errorf("fault log line %d: want NAME start|end SECONDS, got %q", n, sc.Text())
		}
		secs, err := strconv.ParseFloat(fields[2], 64)
		if err != nil {
			return nil, fmt.Errorf("fault log line %d: %w", n, err)
		}
		whole, frac := math.Modf(secs)
		at := time.Unix(int64(whole), int64(frac*1e9))
		switch name := fields[0]; fields[1] {
		case "start":
			open[name] = len(out)
			out = append(out, Window{Name: name, Start: at, End: time.Unix(math.MaxInt32, 0)})
		case "end":
			i, ok := open[name]
			if !ok {
				return nil, fmt.Errorf("fault log line %d: %s ends but never started", n, name)
			}
			out[i].End = at
			delete(open, name)
		default:
			return nil, fmt.Errorf("fault log line %d: %q is neither start nor end", n, fields[1])
		}
	}
	return out, sc.Err()
}

// SplitFailures separates the failures within a fault window (or its
// grace) from those outside every window, which nothing explains.
// Requests that timed out are neither.
func SplitFailures(fs []Failure, windows []Window, grace time.Duration) (inside, outside []Failure) {
	for _, f := range fs {
		if f.TimedOut {
			continue
		}
		in := false
		for _, w := range windows {
			if w.covers(f, grace) {
				in = true
				break
			}
		}
		if in {
			inside = append(inside, f)
		} else {
			outside = append(outside, f)
		}
	}
	return inside, outside
}
