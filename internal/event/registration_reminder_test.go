package event_test

import (
	"sync"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
)

func TestReminderTheDayBeforeOncePerParticipant(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		// The clock stands at Monday 2 March 2026, 09:00 in Kassel.
		atAddress := e.draft()
		atAddress.Title, atAddress.Registration = "Sprachcafé am Dienstagabend", true
		atAddress.Start, atAddress.End = at(2026, 3, 3, 18, 0), at(2026, 3, 3, 20, 0)
		evening := e.create(t, e.Olga, atAddress)
		online := e.draft()
		online.Title, online.Registration, online.Capacity = "Online-Beratung am Dienstagmorgen", true, 1
		online.PlaceKind, online.OnlineURL = event.Online, "https://meet.example.org/geheim"
		online.Start, online.End = at(2026, 3, 3, 10, 0), at(2026, 3, 3, 11, 0)
		morning := e.create(t, e.Olga, online)

		olena := e.NewPersonLang(t, "olena", auth.Member, "uk")
		ben, cem := e.NewPerson(t, "ben", auth.Member), e.NewPerson(t, "cem", auth.Member)
		register := func(p *apptest.Person, ev *event.Event) {
			t.Helper()
			if _, err := e.Events.Register(ctx, p.Identity(), ev.ID); err != nil {
				t.Fatal(err)
			}
		}
		register(e.Mia, evening)
		register(cem, evening)
		register(olena, morning)
		register(ben, morning) // waits: one place
		if err := e.Events.CancelRegistration(ctx, cem.Identity(), evening.ID); err != nil {
			t.Fatal(err)
		}
		run := func() {
			t.Helper()
			if err := e.P.App.Jobs.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		run() // both begin more than a day ahead
		for _, p := range []*apptest.Person{e.Mia, olena, ben, cem} {
			if n := e.MailCount(t, p.Email); n != 0 {
				t.Errorf("%s got %d mails more than a day ahead", p.Email, n)
			}
		}

		// Two hours later the morning's consultation is less than a day
		// ahead: its participant is reminded in Ukrainian, with the online
		// link and the calendar file; who waits is not.
		e.Clock.Advance(2 * time.Hour)
		run()
		m := e.MailTo(t, olena.Email)
		if m.Subject != "Завтра: «"+morning.Title+"»" {
			t.Errorf("subject %q", m.Subject)
		}
		apptest.Contains(t, "reminder", m.Text, "Місце: https://meet.example.org/geheim",
			"Для вашого календаря: "+e.URL+"/events/"+morning.ID+".ics", e.URL+"/events/"+morning.ID)
		if len(m.Attachments) != 1 || m.Attachments[0].Type != "text/calendar" || m.Attachments[0].Name != "event.ics" {
			t.Fatalf("the reminder carries %+v, want one text/calendar event.ics", m.Attachments)
		}
		if _, _, evs := feedtest.ParseICS(t, string(m.Attachments[0].Data)); len(evs) != 1 || evs[0].Summary != morning.Title {
			t.Errorf("ical.js reads the attached calendar as %+v, want the consultation", evs)
		}
		if n := e.MailCount(t, ben.Email); n != 0 {
			t.Errorf("ben, waiting, got %d mails", n)
		}
		if n := e.MailCount(t, e.Mia.Email); n != 0 {
			t.Errorf("mia got %d mails before the evening was a day ahead", n)
		}

		// In the evening the Tuesday evening is a day ahead: Mia is
		// reminded in German with the address; nobody a second time.
		e.Clock.Advance(8 * time.Hour)
		run()
		m = e.MailTo(t, e.Mia.Email)
		if m.Subject != "Morgen: „"+evening.Title+"“" {
			t.Errorf("subject %q", m.Subject)
		}
		apptest.Contains(t, "reminder", m.Text, "Ort: Wilhelmshöher Allee 1, 34117 Kassel",
			"Für deinen Kalender: "+e.URL+"/events/"+evening.ID+".ics")
		apptest.Lacks(t, "reminder", m.Text, "meet.example.org")

		// Two servers whose runs overlap still remind each person once.
		e.Clock.Advance(time.Hour)
		jobs := e.Events.Jobs()
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, j := range jobs {
					if err := j.Run(ctx, e.Clock.Now()); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		run()
		for _, p := range []*apptest.Person{e.Mia, olena} {
			if n := e.MailCount(t, p.Email); n != 1 {
				t.Errorf("%s got %d reminders", p.Email, n)
			}
		}
		if n := e.MailCount(t, cem.Email); n != 0 {
			t.Errorf("cem, who cancelled, got %d mails", n)
		}
	})
}
