package event_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
)

// camp is a barcamp of the organisation on Saturday 14 March 2026 with
// rooms of 50, 20 and 10 places and slots at 10, 11 and 14 o'clock.
type camp struct {
	*event.Event
	rooms []event.Room
	slots []event.Slot
}

func (e *env) barcamp(t *testing.T) camp {
	t.Helper()
	d := e.draft()
	d.Title, d.Kind, d.Registration, d.Capacity = "Barcamp Teilhabe", event.Barcamp, true, 100
	d.Start, d.End = at(2026, 3, 14, 9, 0), at(2026, 3, 14, 17, 0)
	c := camp{Event: e.create(t, e.Olga, d)}
	for _, r := range []event.Room{{Name: "Werkstatt", Size: 10}, {Name: "Saal", Size: 50}, {Name: "Seminarraum", Size: 20}} {
		room, err := e.Events.AddRoom(ctx, e.Olga.Identity(), c.ID, r)
		if err != nil {
			t.Fatalf("room %s: %v", r.Name, err)
		}
		c.rooms = append(c.rooms, room)
	}
	for _, h := range []int{10, 11, 14} {
		s, err := e.Events.AddSlot(ctx, e.Rolf.Identity(), c.ID, event.Slot{Start: at(2026, 3, 14, h, 0), End: at(2026, 3, 14, h, 50)})
		if err != nil {
			t.Fatalf("slot %d: %v", h, err)
		}
		c.slots = append(c.slots, s)
	}
	return c
}

func (e *env) register(t *testing.T, c camp, people ...*apptest.Person) {
	t.Helper()
	for _, p := range people {
		if _, err := e.Events.Register(ctx, p.Identity(), c.ID); err != nil {
			t.Fatalf("register %s: %v", p.User.Name, err)
		}
	}
}

func (e *env) propose(t *testing.T, c camp, p *apptest.Person, title string, coHosts ...*apptest.Person) *event.Session {
	t.Helper()
	pr := event.Proposal{Title: title, Description: "Worum es geht.", Lang: "de", Format: event.Discussion}
	for _, h := range coHosts {
		pr.CoHosts = append(pr.CoHosts, h.ID)
	}
	s, err := e.Events.Propose(ctx, p.Identity(), c.ID, pr)
	if err != nil {
		t.Fatalf("propose %q: %v", title, err)
	}
	return s
}

func (e *env) vote(t *testing.T, c camp, s *event.Session, voters ...*apptest.Person) {
	t.Helper()
	for _, p := range voters {
		if err := e.Events.Vote(ctx, p.Identity(), c.ID, s.ID); err != nil {
			t.Fatalf("vote of %s: %v", p.User.Name, err)
		}
	}
}

func fieldOf(err error, field string) string { return apperr.As(err).Fields[field] }

func TestBarcampGridIsCheckedAndOnlyOrganisersKeepIt(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.barcamp(t)
		_, b, _, err := e.Events.Camp(ctx, c.ID)
		if err != nil || len(b.Rooms) != 3 || b.Rooms[0].Name != "Saal" || b.Rooms[2].Name != "Werkstatt" || b.VotesEach != 3 {
			t.Fatalf("grid: %+v %v", b, err)
		}
		if _, err := e.Events.AddRoom(ctx, e.Olga.Identity(), c.ID, event.Room{Name: " saal ", Size: 5}); fieldOf(err, "name") != "barcamp.room.duplicate" {
			t.Errorf("a second room of the name: %v", err)
		}
		if _, err := e.Events.AddRoom(ctx, e.Olga.Identity(), c.ID, event.Room{Name: "Flur", Size: 0}); fieldOf(err, "size") != "barcamp.room.size_range" {
			t.Errorf("a room without places: %v", err)
		}
		for name, s := range map[string]event.Slot{
			"barcamp.slot.overlaps":         {Start: at(2026, 3, 14, 10, 30), End: at(2026, 3, 14, 11, 30)},
			"barcamp.slot.outside":          {Start: at(2026, 3, 14, 16, 30), End: at(2026, 3, 14, 17, 30)},
			"barcamp.slot.end_before_start": {Start: at(2026, 3, 14, 16, 0), End: at(2026, 3, 14, 15, 0)},
		} {
			_, err := e.Events.AddSlot(ctx, e.Olga.Identity(), c.ID, s)
			if got := fieldOf(err, "start") + fieldOf(err, "end"); got != name {
				t.Errorf("want %s, got %v", name, err)
			}
		}
		for who, p := range map[string]*auth.Identity{"a stranger": e.Mia.Identity(), "a visitor": nil} {
			if _, err := e.Events.AddRoom(ctx, p, c.ID, event.Room{Name: "Küche", Size: 8}); err == nil {
				t.Errorf("%s added a room", who)
			}
			if err := e.Events.SetVotesEach(ctx, p, c.ID, 5); err == nil {
				t.Errorf("%s set the votes", who)
			}
			if _, err := e.Events.ProposeSchedule(ctx, p, c.ID); err == nil {
				t.Errorf("%s proposed the schedule", who)
			}
		}
		// Rolf leaves the organisation and with it the camp's grid.
		if err := e.Orgs.RemoveMember(ctx, e.Olga.ID, e.OrgID, e.Rolf.ID); err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, "a removed member's room", func() error {
			_, err := e.Events.AddRoom(ctx, e.Rolf.Identity(), c.ID, event.Room{Name: "Küche", Size: 8})
			return err
		}(), apperr.Forbidden)
		if err := e.Events.RemoveSlot(ctx, e.Cora.Identity(), c.ID, c.slots[2].ID); err != nil {
			t.Errorf("a coordinator removes a slot: %v", err)
		}
		other := e.create(t, e.Olga, e.draft())
		apptest.WantCode(t, "a room in a language café", func() error {
			_, err := e.Events.AddRoom(ctx, e.Olga.Identity(), other.ID, event.Room{Name: "Küche", Size: 8})
			return err
		}(), apperr.NotFound)
	})
}

func TestBarcampProposalsVotesAndTheSchedule(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.barcamp(t)
		ana, ben := e.NewPerson(t, "ana", auth.Member), e.NewPerson(t, "ben", auth.Member)
		_, err := e.Events.Propose(ctx, e.Mia.Identity(), c.ID, event.Proposal{Title: "Vorher", Description: "x", Lang: "de", Format: event.Talk})
		apptest.WantCode(t, "a proposal before registering", err, apperr.Forbidden)
		e.register(t, c, e.Mia, ana, ben)
		_, err = e.Events.Propose(ctx, e.Mia.Identity(), c.ID, event.Proposal{Title: "", Description: "x", Lang: "xx",
			Format: "lecture", CoHosts: []string{e.Cora.ID}})
		for _, f := range []string{"title", "lang", "format", "co_hosts"} {
			if fieldOf(err, f) == "" {
				t.Errorf("no error for %s: %v", f, err)
			}
		}

		a := e.propose(t, c, e.Mia, "Ehrenamt ohne perfektes Deutsch", ana)
		b := e.propose(t, c, ana, "Fördermittel beantragen")
		cs := e.propose(t, c, ben, "Patenschaften, die halten")
		d := e.propose(t, c, ben, "Daten zur Integration")
		if !slices.Equal(a.Hosts, []string{e.Mia.ID, ana.ID}) {
			t.Errorf("hosts: %v", a.Hosts)
		}

		if err := e.Events.SetVotesEach(ctx, e.Olga.Identity(), c.ID, 2); err != nil {
			t.Fatal(err)
		}
		e.vote(t, c, a, e.Mia, ana, ben)
		e.vote(t, c, b, e.Mia, ben)
		apptest.WantCode(t, "a third vote of two", e.Events.Vote(ctx, e.Mia.Identity(), c.ID, cs.ID), apperr.Conflict)
		apptest.WantCode(t, "a second vote for one", e.Events.Vote(ctx, ana.Identity(), c.ID, a.ID), apperr.Conflict)
		zoe := e.NewPerson(t, "zoe", auth.Member)
		apptest.WantCode(t, "a stranger's vote", e.Events.Vote(ctx, zoe.Identity(), c.ID, a.ID), apperr.Forbidden)
		if err := e.Events.Unvote(ctx, e.Mia.Identity(), c.ID, b.ID); err != nil {
			t.Fatal(err)
		}
		apptest.WantCode(t, "a vote taken back twice", e.Events.Unvote(ctx, e.Mia.Identity(), c.ID, b.ID), apperr.NotFound)
		e.vote(t, c, cs, e.Mia)
		e.vote(t, c, d, ana)

		// Votes: a 3, b 1, cs 1, d 1. a and b share Ana.
		placements, err := e.Events.ProposeSchedule(ctx, e.Olga.Identity(), c.ID)
		if err != nil || len(placements) != 4 {
			t.Fatalf("proposal: %v %v", placements, err)
		}
		placedAt := map[string]event.Placement{}
		for _, p := range placements {
			placedAt[p.SessionID] = p
		}
		saal, seminar, werkstatt := c.rooms[1].ID, c.rooms[2].ID, c.rooms[0].ID
		if placedAt[a.ID].RoomID != saal || placedAt[a.ID].SlotID != c.slots[0].ID {
			t.Errorf("the most voted is not in the largest room first: %+v", placedAt[a.ID])
		}
		if placedAt[b.ID].SlotID == placedAt[a.ID].SlotID {
			t.Errorf("Ana hosts two sessions at once: %+v %+v", placedAt[a.ID], placedAt[b.ID])
		}
		if placedAt[cs.ID].RoomID != saal || placedAt[d.ID].RoomID != saal && placedAt[d.ID].RoomID != seminar {
			t.Errorf("the rest: %+v", placements)
		}

		err = e.Events.MoveSession(ctx, e.Olga.Identity(), c.ID, event.Placement{SessionID: b.ID, RoomID: werkstatt, SlotID: c.slots[0].ID})
		var clash *event.Clash
		if !errors.As(err, &clash) || clash.Message != "barcamp.clash.host_named" || clash.Host != ana.ID || clash.Title != a.Title {
			t.Errorf("a host in two rooms: %v %+v", err, clash)
		}
		err = e.Events.MoveSession(ctx, e.Olga.Identity(), c.ID, event.Placement{SessionID: d.ID, RoomID: saal, SlotID: c.slots[0].ID})
		if !errors.As(err, &clash) || clash.Message != "barcamp.clash.room_named" || clash.Title != a.Title {
			t.Errorf("two sessions in one room: %v %+v", err, clash)
		}
		if err := e.Events.MoveSession(ctx, e.Olga.Identity(), c.ID, event.Placement{SessionID: d.ID, RoomID: werkstatt, SlotID: c.slots[0].ID}); err != nil {
			t.Errorf("a free cell: %v", err)
		}
		apptest.WantCode(t, "a participant's move", e.Events.MoveSession(ctx, e.Mia.Identity(), c.ID,
			event.Placement{SessionID: d.ID}), apperr.Forbidden)

		// Co-hosting the session at the same time is refused on a change too.
		_, err = e.Events.EditSession(ctx, ben.Identity(), c.ID, d.ID, event.Proposal{Title: d.Title, Description: "x",
			Lang: "de", Format: event.Talk, CoHosts: []string{ana.ID}})
		apptest.WantCode(t, "a co-host who is elsewhere then", err, apperr.Conflict)
		_, err = e.Events.EditSession(ctx, e.Mia.Identity(), c.ID, d.ID, event.Proposal{Title: "Gekapert", Description: "x", Lang: "de", Format: event.Talk})
		apptest.WantCode(t, "another participant's change", err, apperr.Forbidden)
		apptest.WantCode(t, "another participant withdraws", e.Events.WithdrawSession(ctx, e.Mia.Identity(), c.ID, d.ID), apperr.Forbidden)

		// Published, the sessions Mia hosts and voted for are in her feed.
		if err := e.Events.PublishSchedule(ctx, e.Olga.Identity(), c.ID, true); err != nil {
			t.Fatal(err)
		}
		entries, err := e.Events.CalendarEntries(ctx, e.Mia.ID, at(2026, 1, 1, 0, 0), at(2026, 12, 31, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, en := range entries {
			titles = append(titles, en.Summary)
		}
		if !slices.Contains(titles, a.Title) || !slices.Contains(titles, cs.Title) || slices.Contains(titles, b.Title) || slices.Contains(titles, d.Title) {
			t.Errorf("Mia's feed: %v", titles)
		}

		if err := e.Events.WithdrawSession(ctx, ben.Identity(), c.ID, cs.ID); err != nil {
			t.Fatal(err)
		}
		_, _, sessions, err := e.Events.Camp(ctx, c.ID)
		if err != nil || len(sessions) != 3 || sessions[0].ID != a.ID || sessions[0].Votes != 3 {
			t.Errorf("after withdrawing: %+v %v", sessions, err)
		}
	})
}

func TestBarcampDataExportAndErasure(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.barcamp(t)
		ana := e.NewPerson(t, "ana", auth.Member)
		e.register(t, c, e.Mia, ana)
		shared := e.propose(t, c, e.Mia, "Gemeinsam", ana)
		alone := e.propose(t, c, e.Mia, "Allein")
		e.vote(t, c, shared, e.Mia, ana)
		if _, err := e.Events.AddNote(ctx, e.Mia.Identity(), c.ID, shared.ID, "**Ergebnis:** GEHEIM-Notiz"); err != nil {
			t.Fatal(err)
		}
		res := e.Mia.Web.Get("/settings/export.json")
		apptest.WantStatus(t, "export", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "export", res.Body, `"barcamp_sessions"`, "Gemeinsam", "Allein", `"barcamp_votes"`, "GEHEIM-Notiz")

		if res := e.Mia.Web.Post("/settings/delete", apptest.Form("delete_password", apptest.Password)); res.Status >= 400 {
			t.Fatalf("delete: %d %s", res.Status, res.Body)
		}
		_, _, sessions, err := e.Events.Camp(ctx, c.ID)
		if err != nil || len(sessions) != 1 || sessions[0].ID != shared.ID || sessions[0].ProposedBy != ana.ID ||
			!slices.Equal(sessions[0].Hosts, []string{ana.ID}) || sessions[0].Votes != 1 {
			t.Fatalf("after erasure: %+v %v", sessions, err)
		}
		_, _, _, notes, err := e.Events.Session(ctx, c.ID, shared.ID)
		if err != nil || len(notes) != 0 {
			t.Errorf("notes after erasure: %v %v", notes, err)
		}
		_ = alone
	})
}

func TestBarcampAPI(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.barcamp(t)
		path := "/api/v1/events/" + c.ID
		body := json.RawMessage(`{"title":"Ehrenamt ohne Deutsch","description":"Wie geht das?","lang":"de","format":"workshop"}`)
		if status, _ := e.API(t, "", http.MethodPost, path+"/sessions", body); status != http.StatusUnauthorized {
			t.Errorf("a visitor's proposal: %d", status)
		}
		if status, _ := e.Mia.API(t, http.MethodPost, path+"/sessions", body); status != http.StatusForbidden {
			t.Errorf("a proposal before registering: %d", status)
		}
		e.register(t, c, e.Mia)
		status, out := e.Mia.API(t, http.MethodPost, path+"/sessions", body)
		if status != http.StatusCreated || out["manage"] != true || out["format"] != "workshop" {
			t.Fatalf("propose: %d %v", status, out)
		}
		sid := out["id"].(string)
		if status, out := e.Mia.API(t, http.MethodPost, path+"/sessions/"+sid+"/vote", nil); status != http.StatusOK || out["votes"] != float64(1) || out["voted"] != true {
			t.Errorf("vote: %d %v", status, out)
		}
		zoe := e.NewPerson(t, "zoe", auth.Member)
		if status, _ := zoe.API(t, http.MethodPost, path+"/sessions/"+sid+"/vote", nil); status != http.StatusForbidden {
			t.Errorf("a stranger's vote: %d", status)
		}
		if status, out := e.Mia.API(t, http.MethodDelete, path+"/sessions/"+sid+"/vote", nil); status != http.StatusOK || out["votes"] != float64(0) {
			t.Errorf("unvote: %d %v", status, out)
		}
		status, out = e.API(t, "", http.MethodGet, path+"/sessions", nil)
		if status != http.StatusOK || out["votes_each"] != float64(3) || len(out["sessions"].([]any)) != 1 {
			t.Errorf("list: %d %v", status, out)
		}

		set := json.RawMessage(`{"placements":[{"session_id":"` + sid + `","room_id":"` + c.rooms[1].ID + `","slot_id":"` + c.slots[0].ID + `"}],"published":true}`)
		for who, p := range map[string]*apptest.Person{"a participant": e.Mia, "a coordinator of nothing here": nil} {
			token := ""
			if p != nil {
				token = p.Token(t)
			}
			if status, _ := e.API(t, token, http.MethodPut, path+"/schedule", set); status != http.StatusForbidden && status != http.StatusUnauthorized {
				t.Errorf("%s sets the schedule: %d", who, status)
			}
		}
		status, out = e.API(t, "", http.MethodGet, path+"/schedule", nil)
		if status != http.StatusOK || out["published"] != false || len(out["placements"].([]any)) != 0 || len(out["rooms"].([]any)) != 3 {
			t.Errorf("schedule before: %d %v", status, out)
		}
		if status, out := e.Olga.API(t, http.MethodPut, path+"/schedule", set); status != http.StatusOK || out["published"] != true {
			t.Errorf("set: %d %v", status, out)
		}
		clash := json.RawMessage(`{"placements":[{"session_id":"` + sid + `","room_id":"` + c.rooms[1].ID + `","slot_id":"` + c.slots[0].ID + `"},` +
			`{"session_id":"` + sid + `","room_id":"` + c.rooms[0].ID + `","slot_id":"` + c.slots[1].ID + `"}]}`)
		if status, _ := e.Olga.API(t, http.MethodPut, path+"/schedule", clash); status != http.StatusUnprocessableEntity {
			t.Errorf("a session twice: %d", status)
		}
		status, out = e.API(t, "", http.MethodGet, path+"/schedule", nil)
		if status != http.StatusOK || len(out["placements"].([]any)) != 1 {
			t.Errorf("schedule after: %d %v", status, out)
		}
		if status, _ := e.Cora.API(t, http.MethodDelete, path+"/sessions/"+sid, nil); status != http.StatusNoContent {
			t.Errorf("a coordinator withdraws: %d", status)
		}
	})
}

func TestBarcampPages(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.barcamp(t)
		base := "/events/" + c.ID
		zoe := e.NewPerson(t, "zoe", auth.Member)
		e.register(t, c, e.Mia, zoe)
		res := e.Mia.Web.Post(base+"/sessions/new", apptest.Form("title", "", "description", "Etwas", "lang", "de", "format", "talk"))
		apptest.WantStatus(t, "a proposal without title", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "the form keeps what was typed", res.Body, ">Etwas</textarea>")
		res = e.Mia.Web.Post(base+"/sessions/new", apptest.Form("title", "Sprachpatenschaften", "description", "Etwas", "lang", "de", "format", "talk"))
		apptest.WantStatus(t, "propose", res.Status, http.StatusSeeOther, res.Body)
		session := res.Location()
		if res := e.Mia.Web.Post(session+"/vote", nil); res.Status != http.StatusSeeOther {
			t.Errorf("vote: %d", res.Status)
		}
		if res := e.Mia.Web.Post(session+"/notes", apptest.Form("body", "- eins\n- <script>alert(1)</script>zwei")); res.Status != http.StatusSeeOther {
			t.Errorf("note: %d %s", res.Status, res.Body)
		}
		res = e.Client(t).Get(session)
		apptest.WantStatus(t, "the session's page", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "the session's page", res.Body, "Sprachpatenschaften", "<li>eins</li>")
		apptest.Lacks(t, "the session's page", res.Body, "<script>alert")

		for _, p := range []string{base + "/barcamp", base + "/schedule/edit", session + "/edit"} {
			for who, c := range map[string]*apptest.Client{"a visitor": e.Client(t), "a stranger": zoe.Web} {
				if res := c.Get(p); res.Status != http.StatusForbidden && res.Status != http.StatusSeeOther {
					t.Errorf("%s on %s: %d", who, p, res.Status)
				}
			}
		}
		if res := e.Mia.Web.Get(base + "/barcamp"); res.Status != http.StatusForbidden {
			t.Errorf("a participant on the organisers' page: %d", res.Status)
		}
		res = e.Olga.Web.Post(base+"/schedule/propose", nil)
		apptest.WantStatus(t, "propose the schedule", res.Status, http.StatusSeeOther, res.Body)
		if res := e.Olga.Web.Post(base+"/schedule/publish", apptest.Form("publish", "1")); res.Status != http.StatusSeeOther {
			t.Errorf("publish: %d", res.Status)
		}
		res = e.Client(t).Get(base + "/schedule")
		apptest.Contains(t, "the public schedule", res.Body, "Sprachpatenschaften", "Saal")
		res = e.Client(t).Get(session + ".ics")
		apptest.WantStatus(t, "the session's calendar file", res.Status, http.StatusOK, res.Body)
		_, _, events := feedtest.ParseICS(t, res.Body)
		if len(events) != 1 || events[0].Summary != "Sprachpatenschaften" || events[0].Location != "Saal, Wilhelmshöher Allee 1, 34117 Kassel" ||
			events[0].Start == nil || events[0].Start.Text != "2026-03-14T10:00:00" {
			t.Errorf("the session's calendar file: %+v", events)
		}
	})
}

func TestBarcampSessionsAreFoundAsEvents(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.barcamp(t)
		e.register(t, c, e.Mia)
		s := e.propose(t, c, e.Mia, "Wohnungssuche mit Zuwanderungsgeschichte")
		gone := e.propose(t, c, e.Mia, "Wohnungssuche, zurückgezogen")
		link := "/events/" + c.ID + "/sessions/"
		body := e.Client(t).Get("/search?type=event&q=Wohnungssuche").Body
		apptest.Contains(t, "search", body, link+s.ID, link+gone.ID)
		if err := e.Events.WithdrawSession(ctx, e.Mia.Identity(), c.ID, gone.ID); err != nil {
			t.Fatal(err)
		}
		body = e.Client(t).Get("/search?type=event&q=Wohnungssuche").Body
		apptest.Contains(t, "after withdrawing", body, link+s.ID)
		apptest.Lacks(t, "after withdrawing", body, link+gone.ID)
		if _, err := e.Events.Cancel(ctx, e.Olga.Identity(), c.ID); err != nil {
			t.Fatal(err)
		}
		apptest.Lacks(t, "after cancelling the camp", e.Client(t).Get("/search?type=event&q=Wohnungssuche").Body, link+s.ID)
	})
}

func TestBarcampFiguresAfterTheCamp(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.barcamp(t)
		ana := e.NewPerson(t, "ana", auth.Member)
		e.register(t, c, e.Mia, ana)
		e.propose(t, c, e.Mia, "Eins")
		e.propose(t, c, ana, "Zwei")
		e.propose(t, c, ana, "Drei")
		schedule := "/events/" + c.ID + "/schedule"
		apptest.Lacks(t, "before the camp", e.Client(t).Get(schedule).Body, "In Zahlen")
		if _, err := e.Events.ProposeSchedule(ctx, e.Olga.Identity(), c.ID); err != nil {
			t.Fatal(err)
		}
		// Only the sessions of the published schedule count once there is one.
		if err := e.Events.MoveSession(ctx, e.Olga.Identity(), c.ID, event.Placement{SessionID: e.sessionTitled(t, c, "Drei")}); err != nil {
			t.Fatal(err)
		}
		if err := e.Events.PublishSchedule(ctx, e.Olga.Identity(), c.ID, true); err != nil {
			t.Fatal(err)
		}
		e.Clock.Set(at(2026, 3, 14, 18, 0))
		_, b, sessions, err := e.Events.Camp(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		f, err := e.Events.CampFigures(ctx, c.Event, b, sessions)
		if err != nil || f.Participants != 2 || f.Sessions != 2 {
			t.Errorf("figures: %+v %v", f, err)
		}
		apptest.Contains(t, "after the camp", e.Client(t).Get(schedule).Body, "In Zahlen")
		_, err = e.Events.Propose(ctx, e.Mia.Identity(), c.ID, event.Proposal{Title: "Zu spät", Description: "x", Lang: "de", Format: event.Talk})
		apptest.WantCode(t, "a proposal after the camp", err, apperr.Conflict)
		if _, err := e.Events.AddNote(ctx, ana.Identity(), c.ID, sessions[0].ID, "Was wir besprochen haben."); err != nil {
			t.Errorf("notes after the camp: %v", err)
		}
	})
}

func (e *env) sessionTitled(t *testing.T, c camp, title string) string {
	t.Helper()
	_, _, sessions, err := e.Events.Camp(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sessions {
		if s.Title == title {
			return s.ID
		}
	}
	t.Fatalf("no session %q", title)
	return ""
}

func TestBarcampFiguresShowTheSelfDeclaredShare(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c := e.barcamp(t)
		for i := range 12 {
			answer := "no"
			if i < 4 {
				answer = "yes"
			}
			p := e.NewPerson(t, fmt.Sprintf("teilnehmerin%d", i), auth.Member)
			if _, err := e.Events.RegisterWith(ctx, p.Identity(), c.ID, event.Registration{Declaration: answer}); err != nil {
				t.Fatal(err)
			}
		}
		e.Clock.Set(at(2026, 3, 14, 18, 0))
		_, b, sessions, err := e.Events.Camp(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		f, err := e.Events.CampFigures(ctx, c.Event, b, sessions)
		if err != nil || f.Participants != 12 || !f.Declared.Shown || f.Declared.Share != 35 || f.Declared.Answered != 12 {
			t.Errorf("figures: %+v %v", f, err)
		}
		apptest.Contains(t, "the schedule page", e.Client(t).Get("/events/"+c.ID+"/schedule").Body, "35 %")
	})
}
