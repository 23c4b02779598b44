package event_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/event"
)

func TestCreateStoresWhatWasTyped(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Title, d.Cost, d.Capacity = "  Sprachcafé   im Park ", "3 €", 20
		d.Accessibility = "Stufenlos\r\nmit Kinderbetreuung"
		d.Registration, d.RegOpens, d.RegCloses = true, ptr(at(2026, 3, 3, 0, 0)), ptr(at(2026, 3, 9, 23, 59))
		created := e.create(t, e.Rolf, d)
		got, err := e.Events.Get(ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Sprachcafé im Park" || got.Status != event.Scheduled || got.Cost != "3 €" || got.Capacity != 20 {
			t.Errorf("got %+v", got)
		}
		if !got.Start.Equal(at(2026, 3, 10, 18, 0)) || got.Start.Location() != time.UTC || got.Start.Hour() != 17 {
			t.Errorf("start %v; want 17:00 UTC", got.Start)
		}
		if !slices.Equal(got.Languages, []string{"ar", "de"}) && !slices.Equal(got.Languages, []string{"de", "ar"}) {
			t.Errorf("languages %v", got.Languages)
		}
		if got.Accessibility != "Stufenlos\nmit Kinderbetreuung" || got.CreatedBy != e.Rolf.ID || !got.Registration {
			t.Errorf("got %+v", got)
		}
		if got.RegCloses == nil || !got.RegCloses.Equal(at(2026, 3, 9, 23, 59)) {
			t.Errorf("registration closes %v", got.RegCloses)
		}
	})
}

func TestAllDayRunsFromMidnightToMidnightInBerlin(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.AllDay, d.Start, d.End = true, clock.Date(2026, 3, 28), clock.Date(2026, 3, 29) // across the switch to summer time
		got := e.create(t, e.Olga, d)
		if want := time.Date(2026, 3, 27, 23, 0, 0, 0, time.UTC); !got.Start.Equal(want) {
			t.Errorf("start %v; want %v", got.Start, want)
		}
		if want := time.Date(2026, 3, 29, 21, 59, 59, 0, time.UTC); !got.End.Equal(want) {
			t.Errorf("end %v; want %v", got.End, want)
		}
	})
}

func TestOnlineEventDropsTheAddress(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.PlaceKind, d.OnlineURL = event.Online, "https://meet.example.org/cafe"
		got := e.create(t, e.Olga, d)
		if got.Street != "" || got.Postcode != "" || got.Place != "" || got.OnlineURL != "https://meet.example.org/cafe" {
			t.Errorf("got %+v", got)
		}
	})
}

func TestValidateNamesEveryField(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		cases := []struct {
			name  string
			edit  func(d *event.Draft)
			field string
			msg   string
		}{
			{"no title", func(d *event.Draft) { d.Title = " " }, "title", "form.required"},
			{"long title", func(d *event.Draft) { d.Title = string(make([]rune, 121)) }, "title", "form.too_long"},
			{"kind", func(d *event.Draft) { d.Kind = "party" }, "kind", "form.invalid_choice"},
			{"end first", func(d *event.Draft) { d.End = d.Start.Add(-time.Minute) }, "end", "event.field.end_before_start"},
			{"too long", func(d *event.Draft) { d.End = d.Start.Add(32 * 24 * time.Hour) }, "end", "event.field.too_long"},
			{"past", func(d *event.Draft) { d.Start, d.End = at(2026, 3, 1, 10, 0), at(2026, 3, 1, 12, 0) }, "start", "event.field.start_past"},
			{"no address", func(d *event.Draft) { d.Postcode, d.Place = "", "" }, "postcode", "event.field.address_required"},
			{"postcode", func(d *event.Draft) { d.Postcode = "3411" }, "postcode", "form.invalid_postcode"},
			{"no link", func(d *event.Draft) { d.PlaceKind = event.Online }, "online_url", "form.required"},
			{"bad link", func(d *event.Draft) { d.PlaceKind, d.OnlineURL = event.Online, "javascript:alert(1)" }, "online_url", "form.invalid_url"},
			{"place kind", func(d *event.Draft) { d.PlaceKind = "moon" }, "place_kind", "form.invalid_choice"},
			{"content lang", func(d *event.Draft) { d.ContentLang = "xx" }, "content_lang", "form.invalid_choice"},
			{"spoken", func(d *event.Draft) { d.Languages = []string{"de", "qq"} }, "languages", "form.invalid_choice"},
			{"capacity", func(d *event.Draft) { d.Capacity = -1 }, "capacity", "event.field.capacity_range"},
			{"window", func(d *event.Draft) {
				d.Registration, d.RegOpens, d.RegCloses = true, ptr(at(2026, 3, 8, 0, 0)), ptr(at(2026, 3, 7, 0, 0))
			}, "registration_closes", "event.field.closes_before_opens"},
			{"window after", func(d *event.Draft) {
				d.Registration, d.RegCloses = true, ptr(at(2026, 3, 11, 0, 0))
			}, "registration_closes", "event.field.closes_after_end"},
			{"other org", func(d *event.Draft) { d.OrganizationID = "0190a000-0000-7000-8000-000000000000" }, "organization_id", "event.field.not_your_org"},
		}
		for _, c := range cases {
			d := e.draft()
			c.edit(&d)
			_, err := e.Events.Create(ctx, e.Rolf.Identity(), d)
			if got := apperr.As(err).Fields[c.field]; apperr.CodeOf(err) != apperr.Invalid || got != c.msg {
				t.Errorf("%s: %v, field %s = %q; want %q", c.name, err, c.field, got, c.msg)
			}
		}
	})
}

func TestOnlyOrganisersManage(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.create(t, e.Rolf, e.draft())
		if _, err := e.Events.Create(ctx, e.Mia.Identity(), e.draft()); apperr.As(err).Fields["organization_id"] != "event.field.not_your_org" {
			t.Errorf("a stranger created an event: %v", err)
		}
		rename := func(d event.Draft) event.Draft { d.Title = "Gekapert"; return d }
		if _, err := e.Events.Update(ctx, e.Mia.Identity(), ev.ID, rename); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("stranger's update: %v", err)
		}
		if _, err := e.Events.Update(ctx, e.Cora.Identity(), ev.ID, func(d event.Draft) event.Draft { d.Title = "Von Cora"; return d }); err != nil {
			t.Errorf("coordinator's update: %v", err)
		}
		if err := e.Orgs.RemoveMember(ctx, e.Olga.ID, e.OrgID, e.Rolf.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Events.Update(ctx, e.Rolf.Identity(), ev.ID, rename); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("removed editor's update: %v", err)
		}
		if _, err := e.Events.Cancel(ctx, e.Rolf.Identity(), ev.ID); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("removed editor's cancel: %v", err)
		}
		if _, err := e.Events.Cancel(ctx, nil, ev.ID); !apperr.Is(err, apperr.Unauthenticated) {
			t.Errorf("visitor's cancel: %v", err)
		}
		got, _ := e.Events.Get(ctx, ev.ID)
		if got.Title != "Von Cora" || got.Status != event.Scheduled {
			t.Errorf("after refusals: %+v", got)
		}
	})
}

func TestMovingAndCancelling(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.create(t, e.Olga, e.draft())
		same, err := e.Events.Update(ctx, e.Olga.Identity(), ev.ID, func(d event.Draft) event.Draft { d.Cost = "2 €"; return d })
		if err != nil || same.Status != event.Scheduled {
			t.Fatalf("edit without a new time: %v %v", same, err)
		}
		moved, err := e.Events.Update(ctx, e.Olga.Identity(), ev.ID, func(d event.Draft) event.Draft {
			d.Start, d.End = d.Start.Add(24*time.Hour), d.End.Add(24*time.Hour)
			return d
		})
		if err != nil || moved.Status != event.Moved {
			t.Fatalf("moved: %v %v", moved, err)
		}
		cancelled, err := e.Events.Cancel(ctx, e.Olga.Identity(), ev.ID)
		if err != nil || cancelled.Status != event.Cancelled || cancelled.CancelledAt == nil {
			t.Fatalf("cancel: %v %v", cancelled, err)
		}
		if _, err := e.Events.Cancel(ctx, e.Olga.Identity(), ev.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("second cancel: %v", err)
		}
		if _, err := e.Events.Update(ctx, e.Olga.Identity(), ev.ID, func(d event.Draft) event.Draft { return d }); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("edit after cancel: %v", err)
		}
	})
}

func TestListFilters(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		cafe := e.create(t, e.Olga, e.draft())
		info := e.draft()
		info.Title, info.Kind, info.ContentLang, info.Languages = "Infoabend Ausbildung", event.InfoEvent, "de", []string{"de", "uk"}
		info.Start, info.End = at(2026, 4, 2, 18, 0), at(2026, 4, 2, 20, 0)
		infoEv := e.create(t, e.Olga, info)
		over := e.draft()
		over.Start, over.End = at(2026, 3, 2, 10, 0), at(2026, 3, 2, 12, 0) // today, ends before the list is read
		e.create(t, e.Olga, over)
		e.Clock.Set(at(2026, 3, 2, 13, 0))
		names := func(f event.Filter) []string {
			t.Helper()
			list, err := e.Events.List(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, ev := range list {
				out = append(out, ev.ID)
			}
			return out
		}
		for _, c := range []struct {
			name string
			f    event.Filter
			want []string
		}{
			{"upcoming", event.Filter{}, []string{cafe.ID, infoEv.ID}},
			{"kind", event.Filter{Kind: event.InfoEvent}, []string{infoEv.ID}},
			{"spoken", event.Filter{Lang: "ar"}, []string{cafe.ID}},
			{"spoken uk", event.Filter{Lang: "uk"}, []string{infoEv.ID}},
			{"from", event.Filter{From: ptr(clock.Date(2026, 3, 11))}, []string{infoEv.ID}},
			{"to", event.Filter{To: ptr(clock.Date(2026, 3, 10))}, []string{cafe.ID}},
			{"day", event.Filter{From: ptr(clock.Date(2026, 4, 2)), To: ptr(clock.Date(2026, 4, 2))}, []string{infoEv.ID}},
		} {
			if got := names(c.f); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v; want %v", c.name, got, c.want)
			}
		}
	})
}

func TestExportAndErasure(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.create(t, e.Rolf, e.draft())
		got, err := e.Events.UserData().Export(ctx, e.Rolf.ID)
		if err != nil {
			t.Fatal(err)
		}
		apptest.Contains(t, "export", fmtJSON(t, got), ev.ID, "Sprachcafé")
		if err := e.P.Accounts.Delete(ctx, e.Rolf.ID, apptest.Password); err != nil {
			t.Fatalf("delete account: %v", err)
		}
		after, err := e.Events.Get(ctx, ev.ID)
		if err != nil || after.CreatedBy != "" || after.Title != ev.Title {
			t.Errorf("after erasure: %+v %v", after, err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func fmtJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
