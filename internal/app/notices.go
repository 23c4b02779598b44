package app

import (
	"fmt"

	"teilhabe.org/teilhabe/internal/notify"
)

// Notifying tells people of things through Services.Notify, in kinds of its
// own whose messages it ships.
type Notifying interface{ NotifyKinds() []notify.Kind }

// setUpNotices registers the modules' notice kinds (their messages must be
// loaded), lets the notifier find people through the module that knows
// them (notify.People: the accounts module) and hands the notices' part of
// personal data to the modules that keep it (the accounts module, for
// "export my data" and "delete my account").
func setUpNotices(s *Services, mods []Module) error {
	if s.Notify == nil {
		for _, m := range mods {
			if _, ok := m.(Notifying); ok {
				return fmt.Errorf("%s sends notices, but Services has no Notify", m.Name())
			}
		}
		return nil
	}
	var people notify.People
	for _, m := range mods {
		if p, ok := m.(notify.People); ok {
			people = p
		}
		if k, ok := m.(UserDataKeeper); ok {
			k.AddUserData(s.Notify.UserData())
		}
	}
	for _, m := range mods {
		n, ok := m.(Notifying)
		if !ok {
			continue
		}
		if people == nil {
			return errNoReceiver(m, "notices")
		}
		if err := s.Notify.Register(n.NotifyKinds()...); err != nil {
			return fmt.Errorf("%s: %w", m.Name(), err)
		}
	}
	if people != nil {
		s.Notify.UsePeople(people)
	}
	return nil
}
