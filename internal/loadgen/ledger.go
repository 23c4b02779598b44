package loadgen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"
)

// The kinds of write the ledger records, each a row the server created.
const (
	KindListing      = "listing"
	KindResponse     = "response"
	KindConversation = "conversation"
	KindMessage      = "message"
	KindSignup       = "signup"
)

// Write is one write the server acknowledged: it answered with the id of
// what it created. Sent and Acked bound the moment it was committed, which
// is what a backup taken during the run is checked against.
type Write struct {
	Kind  string    `json:"kind"`
	ID    string    `json:"id"`
	User  string    `json:"user"`
	Sent  time.Time `json:"sent"`
	Acked time.Time `json:"acked"`
}

// ledger appends acknowledged writes as JSON lines, one per write, so that
// a run cut short still leaves every write it saw acknowledged.
type ledger struct {
	mu     sync.Mutex
	w      *bufio.Writer
	err    error
	counts map[string]int
	writes []Write
}

func newLedger(w io.Writer) *ledger {
	l := &ledger{counts: map[string]int{}}
	if w != nil {
		l.w = bufio.NewWriter(w)
	}
	return l
}

func (l *ledger) add(wr Write) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.counts[wr.Kind]++
	l.writes = append(l.writes, wr)
	if l.w == nil || l.err != nil {
		return
	}
	b, err := json.Marshal(wr)
	if err == nil {
		b = append(b, '\n')
		_, err = l.w.Write(b)
	}
	if err == nil {
		// Flushed at once: the file must hold every acknowledged write even
		// when the load generator itself is killed.
		err = l.w.Flush()
	}
	l.err = err
}

// ReadLedger reads the JSON lines a run wrote.
func ReadLedger(r io.Reader) ([]Write, error) {
	var out []Write
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var w Write
		if err := json.Unmarshal(sc.Bytes(), &w); err != nil {
			return nil, fmt.Errorf("ledger line %d: %w", n, err)
		}
		if _, ok := tables[w.Kind]; !ok {
			return nil, fmt.Errorf("ledger line %d: unknown kind %q", n, w.Kind)
		}
		out = append(out, w)
	}
	return out, sc.Err()
}
