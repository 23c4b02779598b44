package app

import (
	"io/fs"

	"teilhabe.org/teilhabe/internal/db"
)

// Folder is what a module ships from its own folder: its name, its
// migrations (migrations/sqlite/*.sql, migrations/postgres/*.sql), its
// messages (locales/<lang>.json) and its pages (templates/*.html). A module
// embeds a Folder in its Module and so implements Module, Migrator,
// Translated and Templated without writing them:
//
//	//go:embed migrations templates locales
//	var files embed.FS
//
//	type Module struct {
//		app.Folder
//		s *app.Services
//	}
//
//	func New(s *app.Services) *Module {
//		return &Module{Folder: app.NewFolder("events", files), s: s}
//	}
//
// The name is the module's everywhere: the key of its migrations in
// schema_migrations, the prefix of its pages ("events/show") and of its
// messages. A folder the module does not have (no tables, no pages) ships
// nothing.
type Folder struct {
	name                           string
	migrations, locales, templates fs.FS
}

// NewFolder names a module and takes its migrations, locales and templates
// from files, the module's embedded folder.
func NewFolder(name string, files fs.FS) Folder {
	return Folder{name: name, migrations: sub(files, "migrations"), locales: sub(files, "locales"),
		templates: sub(files, "templates")}
}

// sub is dir inside files; a dir files lacks is an empty FS, which ships
// no migration, message or page.
func sub(files fs.FS, dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // only for a malformed constant dir
	}
	return f
}

func (f Folder) Name() string { return f.name }

func (f Folder) Migrations() db.Migrations { return db.Migrations{Module: f.name, FS: f.migrations} }

func (f Folder) Messages() fs.FS { return f.locales }

func (f Folder) Templates() fs.FS { return f.templates }
