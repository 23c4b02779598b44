// Package hsds exchanges the public directory in Open Referral's Human
// Services Data Specification (HSDS) 3.0: it exports the organisations,
// services, locations and their pairs as HSDS JSON (hsds_export.go, also
// as the HSDS API under /api/v1/hsds) and imports such datasets
// (hsds_import.go), remembering the ids records came with so a second
// import updates instead of duplicating.
//
// The module reads no other module's tables: it asks the organisation
// module (All, Get, Create, Update, CanEdit) and the directory (Entries,
// Municipalities, and the Import methods, which write in the exchange's
// transaction beside the ids it remembers).
package hsds

import (
	"embed"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/organization"
)

//go:embed migrations
var files embed.FS

// Module is the HSDS exchange.
type Module struct {
	app.Folder // name and migrations
	s          *app.Services
	orgs       *organization.Module
	dir        *directory.Module
}

// New returns the HSDS exchange.
func New(s *app.Services, orgs *organization.Module, dir *directory.Module) *Module {
	return &Module{Folder: app.NewFolder("hsds", files), s: s, orgs: orgs, dir: dir}
}
