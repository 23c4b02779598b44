// Package volunteer holds what volunteer work needs: organisations' shift
// plans with slots that volunteers take and leave, and the personal
// calendar entries of the slots taken.
//
// The module reads no other module's tables: it asks the organisation
// module who may act for an organisation (StandingOf) and the accounts
// module for display names; places in slots are counted by the capacity
// core.
package volunteer

import (
	"context"
	"embed"
	"fmt"
	"html/template"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the volunteer module.
type Module struct {
	app.Folder // name, migrations, messages, pages
	s          *app.Services
	orgs       *organization.Module
	names      Names // people's display names, for the organisers' list of helpers
}

// Names returns the display names of user ids (account.Module.Names).
type Names func(ctx context.Context, userIDs []string) (map[string]string, error)

// New returns the volunteer module.
func New(s *app.Services, orgs *organization.Module, names Names) *Module {
	return &Module{Folder: app.NewFolder("volunteer", files), s: s, orgs: orgs, names: names}
}

// Nav is the shifts' entry in the site navigation.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/shifts", Label: "volunteer.nav", Order: 27}}
}

// NotifyKinds are the notices the module sends.
func (m *Module) NotifyKinds() []notify.Kind {
	return []notify.Kind{leftLate, checkExpiring, shiftMessage}
}

// Jobs reminds of background checks that run out soon.
func (m *Module) Jobs() []jobs.Job { return []jobs.Job{m.checkReminderJob()} }

// TemplateFuncs: volunteerShift pairs a listed shift with the page's View
// for the template "volunteer_shift_item"; volunteerHours writes minutes
// as hours and minutes.
func (m *Module) TemplateFuncs() template.FuncMap {
	return template.FuncMap{
		"volunteerShift": func(v *web.View, sh *Shift) shiftItem { return shiftItem{View: v, Shift: sh} },
		"volunteerHours": HoursText,
		"volunteerCode":  FormatCode,
	}
}

type shiftItem struct {
	View  *web.View
	Shift *Shift
}

// HoursText writes minutes as hours and minutes, "12:30".
func HoursText(minutes int) string { return fmt.Sprintf("%d:%02d", minutes/60, minutes%60) }
