package app

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"io/fs"

	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/userdata"
	"teilhabe.org/teilhabe/internal/web"
)

// A module takes part in what other modules and the layout show by
// implementing the interfaces below. New collects the contributions from
// the module list, in its order, and hands them to the layout or to the
// module that takes them (the receivers: SectionHost, ModerationDesk,
// SearchIndex, UserDataKeeper). A contribution nobody takes stops the
// start. Nothing of this is wired by hand: listing the module in
// platform/modules.go is enough.

// Navigator puts entries into the site navigation; the layout draws the
// entries of all modules ordered by web.NavEntry.Order.
type Navigator interface{ Nav() []web.NavEntry }

// SectionFunc draws a module's part of another module's page about the
// thing id, in the page language lang; the request's identity is in ctx.
// It returns nothing when it has nothing to show.
type SectionFunc func(ctx context.Context, id, lang string) (template.HTML, error)

// Section is a part of another module's page: the directory shows an
// organisation's services on the organisation's page.
type Section struct {
	Page  string // the page it goes on, as its host names it: "organization"
	Draw  SectionFunc
	Order int // lower first on hosts that keep a SectionList; equal ones in module order
}

// Sectioned draws sections on other modules' pages.
type Sectioned interface{ Sections() []Section }

// SectionHost shows other modules' sections on the pages it names, in the
// order of the module list.
type SectionHost interface {
	SectionPages() []string
	AddSection(s Section)
}

// StaticAssets ships static files (stylesheets, images): each file is
// served at /static/<module>/<file> with a long cache lifetime, and a page
// links it with {{asset "<module>/<file>"}}, which adds a content hash.
type StaticAssets interface{ Assets() fs.FS }

// FuncProvider adds functions to every template. A name already taken (by
// the layout or another module) stops the start.
type FuncProvider interface{ TemplateFuncs() template.FuncMap }

// ModerationItem is what the moderation queue and the flag form show of a
// flagged thing.
type ModerationItem struct {
	Title   string // the item's own title, or the first words of a message
	URL     string // a local path where the item is seen, e.g. "/listings/<id>"
	OwnerID string // the account that wrote it; they are told of decisions
	Excerpt string // a few lines of its text, for coordinators
}

// ModerationTarget is one kind of item people can flag and coordinators
// hide, restore and remove (a listing, a message, a pledge). Item ids are
// the module's ids. SetHidden and Remove run in the moderation's
// transaction, beside its audit entry and mail.
type ModerationTarget interface {
	Kind() string // "listing", "message", "pledge", "report", "question"
	// Describe returns the item, hidden or not; NotFound when it is gone.
	Describe(ctx context.Context, id string) (ModerationItem, error)
	// SetHidden hides the item from everybody but its owner and staff, or
	// shows it again.
	SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error
	// Remove deletes or withdraws the item for good.
	Remove(ctx context.Context, tx *sql.Tx, id string) error
}

// Moderated holds items people can flag.
type Moderated interface{ ModerationTargets() []ModerationTarget }

// ModerationDesk takes the moderation targets (the moderation module).
// Register refuses an empty or doubly registered kind.
type ModerationDesk interface {
	Register(t ModerationTarget) error
}

// Searchable feeds the search index: the document types it hands over
// (each type is fed by one module), every document for a rebuild
// (searchdoc.Source), and SetIndex, through which it is given the index to
// Put and Delete documents in the transactions of its changes.
type Searchable interface {
	SearchTypes() []searchdoc.Type
	searchdoc.Source
	SetIndex(ix searchdoc.Indexer)
}

// SearchIndex takes the modules that feed search (the search module).
// AddSource refuses a type registered twice or more types than the index
// can tell apart.
type SearchIndex interface {
	AddSource(src Searchable) error
}

// UserDataHolder holds personal data and so takes part in export and erasure.
type UserDataHolder interface{ UserData() userdata.Provider }

// UserDataKeeper takes the holders of personal data (the accounts module,
// which runs "export my data" and "delete my account").
type UserDataKeeper interface{ AddUserData(p userdata.Provider) }

// contribute hands every module's contributions to their receivers.
func contribute(mods []Module) error {
	if err := contributeSections(mods); err != nil {
		return err
	}
	if err := contributeCalendars(mods); err != nil {
		return err
	}
	if err := contributeOpenData(mods); err != nil {
		return err
	}
	var desks []ModerationDesk
	var indexes []SearchIndex
	var keepers []UserDataKeeper
	for _, m := range mods {
		if d, ok := m.(ModerationDesk); ok {
			desks = append(desks, d)
		}
		if ix, ok := m.(SearchIndex); ok {
			indexes = append(indexes, ix)
		}
		if k, ok := m.(UserDataKeeper); ok {
			keepers = append(keepers, k)
		}
	}
	for _, m := range mods {
		if md, ok := m.(Moderated); ok {
			if len(desks) == 0 {
				return errNoReceiver(m, "moderation targets")
			}
			for _, t := range md.ModerationTargets() {
				for _, d := range desks {
					if err := d.Register(t); err != nil {
						return fmt.Errorf("%s: %w", m.Name(), err)
					}
				}
			}
		}
		if s, ok := m.(Searchable); ok {
			if len(indexes) == 0 {
				return errNoReceiver(m, "search documents")
			}
			for _, ix := range indexes {
				if err := ix.AddSource(s); err != nil {
					return fmt.Errorf("%s: %w", m.Name(), err)
				}
			}
		}
		if h, ok := m.(UserDataHolder); ok {
			if len(keepers) == 0 {
				return errNoReceiver(m, "personal data")
			}
			for _, k := range keepers {
				k.AddUserData(h.UserData())
			}
		}
	}
	return nil
}

// contributeSections hands each section to the module showing its page.
func contributeSections(mods []Module) error {
	hosts := map[string]SectionHost{}
	for _, m := range mods {
		if h, ok := m.(SectionHost); ok {
			for _, p := range h.SectionPages() {
				hosts[p] = h
			}
		}
	}
	for _, m := range mods {
		if sm, ok := m.(Sectioned); ok {
			for _, s := range sm.Sections() {
				h, ok := hosts[s.Page]
				switch {
				case !ok:
					return fmt.Errorf("%s: a section for page %q, which no module shows", m.Name(), s.Page)
				case s.Draw == nil:
					return fmt.Errorf("%s: a section for page %q that draws nothing", m.Name(), s.Page)
				}
				h.AddSection(s)
			}
		}
	}
	return nil
}

func errNoReceiver(m Module, what string) error {
	return fmt.Errorf("%s hands over %s, but no module takes them", m.Name(), what)
}
