package event

import (
	"context"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
)

// demoSession is a demo proposal: who proposes it, with whom, and who
// votes for it.
type demoSession struct {
	by      string
	coHosts []string
	p       Proposal
	voters  []string
}

// demoCampers are the demo people who register for the barcamp.
var demoCampers = []string{"newcomer_uk", "newcomer_ar", "newcomer_fa", "mso_tr", "mso_ar", "municipality", "company",
	"volunteer", "coordinator"}

var demoSessions = []demoSession{
	{by: "mso_ar", p: Proposal{Title: "Migrantenorganisationen als Partner der Kommune", Lang: "de", Format: Discussion,
		Description: "Wie werden Vereine von Zugewanderten zu festen Partnern im Rathaus? Erfahrungen aus Kassel und Göttingen."},
		voters: []string{"municipality", "mso_tr", "newcomer_ar", "volunteer", "coordinator"}},
	{by: "newcomer_uk", coHosts: []string{"volunteer"}, p: Proposal{Title: "Ehrenamt ohne perfektes Deutsch", Lang: "de",
		Format: Workshop, Description: "Wir sammeln Wege, wie Menschen mit wenig Deutsch sich engagieren können – und was Vereine dafür tun."},
		voters: []string{"newcomer_fa", "newcomer_ar", "mso_ar", "company"}},
	{by: "company", p: Proposal{Title: "Mentoring in companies: what works", Lang: "en", Format: Talk,
		Description: "Ten years of mentoring programmes for refugees in a mid-sized company, with numbers and mistakes."},
		voters: []string{"newcomer_uk", "municipality", "volunteer"}},
	{by: "mso_tr", p: Proposal{Title: "Fördermittel beantragen: die ersten Schritte", Lang: "de", Format: Workshop,
		Description: "Welche Töpfe gibt es für kleine Vereine, und wie schreibt man den ersten Antrag?"},
		voters: []string{"mso_ar", "newcomer_uk", "coordinator"}},
	{by: "newcomer_fa", p: Proposal{Title: "آموزش زبان در کنار کار", Lang: "fa", Format: Discussion,
		Description: "تجربه‌های ما از یادگیری آلمانی در کنار کار تمام‌وقت؛ چه چیزی کمک کرد و چه چیزی نه."},
		voters: []string{"newcomer_ar", "mso_tr"}},
	{by: "volunteer", p: Proposal{Title: "Patenschaften, die halten", Lang: "de", Format: Discussion,
		Description: "Was Patenschaften über Jahre trägt: Erwartungen klären, Grenzen setzen, Abschiede gestalten."},
		voters: []string{"newcomer_fa", "company"}},
	{by: "newcomer_ar", p: Proposal{Title: "مشاركة الآباء في المدرسة", Lang: "ar", Format: Talk,
		Description: "كيف يمكن للأهالي الجدد فهم النظام المدرسي الألماني والمشاركة في مجالس الأهل."},
		voters: []string{"mso_ar", "newcomer_fa"}},
	{by: "municipality", p: Proposal{Title: "Daten zur Integration: was die Stadt zählt", Lang: "de", Format: Talk,
		Description: "Welche Zahlen die Stadt erhebt, was sie zeigen und was nicht – und welche Ihnen fehlen."},
		voters: []string{"coordinator"}},
	{by: "coordinator", p: Proposal{Title: "Die Plattform gemeinsam weiterentwickeln", Lang: "de", Format: Workshop,
		Description: "Was fehlt auf teilhabe? Wir sammeln Wünsche und ordnen sie gemeinsam."},
		voters: []string{"volunteer"}},
	{by: "mso_tr", coHosts: []string{"newcomer_ar"}, p: Proposal{Title: "Kultursensible Elternarbeit", Lang: "tr",
		Format: Discussion, Description: "Ebeveynlerle çalışırken dil ve kültür farklılıklarını nasıl köprüleriz?"},
		voters: []string{"municipality"}},
	{by: "newcomer_uk", p: Proposal{Title: "Житло для переселенців: досвід Касселя", Lang: "uk", Format: Talk,
		Description: "Як ми шукали житло, що допомогло і що варто змінити містам."},
		voters: []string{"newcomer_uk"}},
	{by: "company", p: Proposal{Title: "Recognising foreign qualifications faster", Lang: "en", Format: Discussion,
		Description: "Where recognition gets stuck and what employers and counselling services can do about it."}},
}

// seedBarcamp announces a barcamp of the volunteer centre on a Saturday
// five weeks ahead with three rooms and four slots; the demo people
// register, propose twelve sessions and vote; the schedule is proposed
// and published.
func (m *Module) seedBarcamp(ctx context.Context, demo *app.Demo) error {
	organiser, err := m.demoEditor(ctx, demo, "agency")
	if err != nil {
		return err
	}
	day := clock.DayOf(m.s.Clock.Now()).AddDate(0, 0, 35)
	for day.Weekday() != time.Saturday {
		day = day.AddDate(0, 0, 1)
	}
	at := func(h, mi int) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), h, mi, 0, 0, clock.Zone)
	}
	e, err := m.Create(ctx, organiser, Draft{OrganizationID: demo.Orgs["agency"], Kind: Barcamp,
		Title:       "Barcamp Teilhabe Kassel",
		Description: "Ein Tag, an dem alle mitgestalten: Zugewanderte, Vereine, Verwaltung und Unternehmen schlagen Sessions vor und stimmen über das Programm ab.",
		Start:       at(9, 30), End: at(17, 0), PlaceKind: AtAddress, Street: "Lindenhofstraße 14", Postcode: "34117",
		Place: "Kassel", ContentLang: "de", Languages: []string{"de", "en", "ar", "fa", "tr", "uk"}, Capacity: 120,
		Registration: true, Accessibility: "Rollstuhlgerecht; Kinderbetreuung auf Anfrage."})
	if err != nil {
		return fmt.Errorf("demo barcamp: %w", err)
	}
	for _, r := range []Room{{Name: "Großer Saal", Size: 80}, {Name: "Seminarraum", Size: 30}, {Name: "Werkstatt", Size: 15}} {
		if _, err := m.AddRoom(ctx, organiser, e.ID, r); err != nil {
			return err
		}
	}
	for _, s := range [][4]int{{10, 0, 11, 0}, {11, 15, 12, 15}, {13, 30, 14, 30}, {14, 45, 15, 45}} {
		if _, err := m.AddSlot(ctx, organiser, e.ID, Slot{Start: at(s[0], s[1]), End: at(s[2], s[3])}); err != nil {
			return err
		}
	}
	person := func(h string) *auth.Identity { return &auth.Identity{UserID: demo.Users[h], Role: auth.Member} }
	for _, h := range demoCampers {
		if _, err := m.Register(ctx, person(h), e.ID); err != nil {
			return fmt.Errorf("demo barcamp registration of %s: %w", h, err)
		}
	}
	for _, ds := range demoSessions {
		p := ds.p
		for _, h := range ds.coHosts {
			p.CoHosts = append(p.CoHosts, demo.Users[h])
		}
		s, err := m.Propose(ctx, person(ds.by), e.ID, p)
		if err != nil {
			return fmt.Errorf("demo session %s: %w", p.Title, err)
		}
		for _, h := range ds.voters {
			if err := m.Vote(ctx, person(h), e.ID, s.ID); err != nil {
				return fmt.Errorf("demo vote of %s: %w", h, err)
			}
		}
	}
	if _, err := m.ProposeSchedule(ctx, organiser, e.ID); err != nil {
		return err
	}
	return m.PublishSchedule(ctx, organiser, e.ID, true)
}
