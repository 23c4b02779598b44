package app

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/userdata"
)

// sender is a module that sends notices of its kinds.
type sender struct{ kinds []notify.Kind }

func (sender) Name() string                 { return "sender" }
func (s sender) NotifyKinds() []notify.Kind { return s.kinds }

// people is a module that knows people and keeps their data, as the
// accounts module does.
type people struct{ kept []string }

func (*people) Name() string { return "people" }
func (*people) Person(context.Context, string) (notify.Person, error) {
	return notify.Person{}, nil
}
func (p *people) AddUserData(u userdata.Provider) { p.kept = append(p.kept, u.Name()) }

func noticeCatalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	cat := i18n.NewCatalog()
	err := cat.Load("sender", fstest.MapFS{"de.json": {Data: []byte(
		`{"sender.subject": "Neu", "sender.greeting": "Hallo {{.Name}},", "sender.body": "Es gibt Neues.", "sender.footer": "teilhabe"}`)}})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

var told = notify.Kind{Name: "sender/told", Subject: "sender.subject", Greeting: "sender.greeting",
	Body: []string{"sender.body"}, Footer: "sender.footer"}

func TestSetUpNotices(t *testing.T) {
	cat := noticeCatalog(t)
	t.Run("kinds registered, people found, records kept", func(t *testing.T) {
		s := &Services{Notify: notify.New(nil, cat, "https://teilhabe.test")}
		keeper := &people{}
		if err := setUpNotices(s, []Module{keeper, sender{kinds: []notify.Kind{told}}}); err != nil {
			t.Fatal(err)
		}
		if _, ok := s.Notify.Kind("sender/told"); !ok {
			t.Error("the module's kind is not registered")
		}
		if strings.Join(keeper.kept, ",") != "notifications" {
			t.Errorf("the keeper of personal data got %v", keeper.kept)
		}
	})
	refused := map[string]struct {
		s    *Services
		mods []Module
	}{
		"notices without anybody to find people": {&Services{Notify: notify.New(nil, cat, "")},
			[]Module{sender{kinds: []notify.Kind{told}}}},
		"notices without a notifier": {&Services{}, []Module{&people{}, sender{kinds: []notify.Kind{told}}}},
		"a kind with a message nobody ships": {&Services{Notify: notify.New(nil, cat, "")},
			[]Module{&people{}, sender{kinds: []notify.Kind{{Name: "sender/odd", Subject: "sender.subject",
				Greeting: "sender.greeting", Body: []string{"sender.nowhere"}, Footer: "sender.footer"}}}}},
		"a kind registered twice": {&Services{Notify: notify.New(nil, cat, "")},
			[]Module{&people{}, sender{kinds: []notify.Kind{told, told}}}},
	}
	for name, c := range refused {
		t.Run(name, func(t *testing.T) {
			if err := setUpNotices(c.s, c.mods); err == nil || !strings.Contains(err.Error(), "sender") {
				t.Errorf("setUpNotices: %v, want an error naming the module", err)
			}
		})
	}
	t.Run("no notifier and nobody sending", func(t *testing.T) {
		if err := setUpNotices(&Services{}, []Module{&people{}}); err != nil {
			t.Error(err)
		}
	})
}
