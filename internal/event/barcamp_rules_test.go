package event

import (
	"testing"
	"time"
)

// TestProposeSchedule: the most voted go to the largest room first, one
// slot after the other; a session whose host is busy in a slot goes to
// another slot; one for which no cell is left stays out.
func TestProposeSchedule(t *testing.T) {
	t0 := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	rooms := []Room{{ID: "small", Size: 10}, {ID: "big", Size: 50}}
	slots := []Slot{{ID: "late", Start: t0.Add(2 * time.Hour)}, {ID: "early", Start: t0}}
	session := func(id string, votes int, hosts ...string) *Session {
		return &Session{ID: id, Votes: votes, Hosts: hosts, CreatedAt: t0}
	}
	sessions := []*Session{
		session("d", 1, "dora"),
		session("a", 9, "ana"),
		session("b", 7, "ana", "ben"),
		session("c", 5, "ana"),
		session("e", 0, "eva"),
	}
	got := map[string]Placement{}
	for _, p := range proposeSchedule(sessions, rooms, slots) {
		got[p.SessionID] = p
	}
	want := map[string]Placement{
		"a": {"a", "big", "early"},
		"b": {"b", "big", "late"},
		"d": {"d", "small", "early"}, // c's host Ana is busy in both slots
		"e": {"e", "small", "late"},
	}
	if len(got) != len(want) {
		t.Errorf("placed %v, want %v", got, want)
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %+v, want %+v", id, got[id], w)
		}
	}
	if err := checkSchedule(&Camp{Rooms: rooms, Slots: slots}, sessions, proposeSchedule(sessions, rooms, slots)); err != nil {
		t.Errorf("the proposal clashes: %v", err)
	}
}
