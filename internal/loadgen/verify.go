package loadgen

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/db"
)

// tables names the table that holds each kind of write. The check reads
// the database directly, not through the API, so that what counts is
// whether the row survived, not who may see it.
var tables = map[string]string{
	KindListing:      "listings",
	KindResponse:     "listing_responses",
	KindConversation: "conversations",
	KindMessage:      "conversation_messages",
	KindSignup:       "pledge_signups",
}

// Snapshot is a backup taken between Start and End while writes went on.
// A write acknowledged before Start must be in it; a write sent after End
// cannot be; a write in between may be either.
type Snapshot struct {
	Start, End time.Time
}

// KindCheck counts the writes of one kind the check looked for.
type KindCheck struct {
	Kind     string
	Expected int // writes that must be present
	Found    int
	Absent   int // writes that must be absent (after a snapshot)
	Extra    int // of those, present nevertheless
}

// Verification is the result of looking for the ledger's writes.
type Verification struct {
	Kinds      []KindCheck
	Missing    []Write // acknowledged but not in the database: lost
	Unexpected []Write // in a snapshot that ended before they were sent
	Undecided  int     // written while the snapshot was taken: either is right
}

// OK reports whether nothing was lost and the snapshot is consistent.
func (v *Verification) OK() bool { return len(v.Missing) == 0 && len(v.Unexpected) == 0 }

// Verify looks up every write of the ledger in the database. With a
// snapshot, only the writes it must hold are required, and those sent
// after it must be absent.
func Verify(ctx context.Context, d *db.DB, writes []Write, snap *Snapshot) (*Verification, error) {
	v := &Verification{}
	byKind := map[string][]Write{}
	for _, w := range writes {
		byKind[w.Kind] = append(byKind[w.Kind], w)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, kind := range kinds {
		ws := byKind[kind]
		present, err := lookup(ctx, d, tables[kind], ws)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", kind, err)
		}
		c := KindCheck{Kind: kind}
		for _, w := range ws {
			switch {
			case snap == nil || w.Acked.Before(snap.Start):
				c.Expected++
				if present[w.ID] {
					c.Found++
				} else {
					v.Missing = append(v.Missing, w)
				}
			case w.Sent.After(snap.End):
				c.Absent++
				if present[w.ID] {
					c.Extra++
					v.Unexpected = append(v.Unexpected, w)
				}
			default:
				v.Undecided++
			}
		}
		v.Kinds = append(v.Kinds, c)
	}
	return v, nil
}

// lookupBatch keeps the IN lists well below both engines' parameter limits.
const lookupBatch = 500

func lookup(ctx context.Context, d *db.DB, table string, ws []Write) (map[string]bool, error) {
	present := map[string]bool{}
	for chunk := range slices.Chunk(ws, lookupBatch) {
		ids := make([]string, len(chunk))
		for i, w := range chunk {
			ids[i] = w.ID
		}
		marks, args := db.In(1, ids)
		rows, err := d.QueryContext(ctx, "SELECT id FROM "+table+" WHERE id IN ("+marks+")", args...)
		err = db.Each(rows, err, func(s db.Scanner) error {
			var id string
			if err := s.Scan(&id); err != nil {
				return err
			}
			present[id] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return present, nil
}

// Print writes the verification as a table, then each lost write.
func (v *Verification) Print(w io.Writer) {
	fmt.Fprintln(w, "| write | must be present | present | lost | must be absent | present anyway |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, c := range v.Kinds {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d |\n", c.Kind, c.Expected, c.Found, c.Expected-c.Found, c.Absent, c.Extra)
	}
	if v.Undecided > 0 {
		fmt.Fprintf(w, "\n%d writes were made while the snapshot was taken; either outcome is right for them.\n", v.Undecided)
	}
	for _, m := range v.Missing {
		fmt.Fprintf(w, "LOST: %s %s by %s, acknowledged %s\n", m.Kind, m.ID, m.User, m.Acked.Format(time.RFC3339Nano))
	}
	for _, m := range v.Unexpected {
		fmt.Fprintf(w, "IN SNAPSHOT ALTHOUGH SENT AFTER IT: %s %s sent %s\n", m.Kind, m.ID, m.Sent.Format(time.RFC3339Nano))
	}
}
