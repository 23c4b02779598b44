package app

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/userdata"
)

// host shows sections on its page "profile" and takes moderation targets,
// search sources and holders of personal data, as the organisation,
// moderation, search and accounts modules do.
type host struct {
	sections []string
	kinds    []string
	types    []string
	holders  int
}

func (h *host) Name() string                  { return "host" }
func (h *host) SectionPages() []string        { return []string{"profile"} }
func (h *host) AddUserData(userdata.Provider) { h.holders++ }
func (h *host) AddSection(s Section) {
	html, _ := s.Draw(context.Background(), "42", "de")
	h.sections = append(h.sections, string(html))
}
func (h *host) Register(t ModerationTarget) error {
	for _, k := range h.kinds {
		if k == t.Kind() {
			return fmt.Errorf("kind %q registered twice", k)
		}
	}
	h.kinds = append(h.kinds, t.Kind())
	return nil
}
func (h *host) AddSource(src Searchable) error {
	for _, ty := range src.SearchTypes() {
		h.types = append(h.types, ty.Name)
	}
	return nil
}

// guest contributes to the host.
type guest struct {
	name     string
	page     string
	kind     string
	docType  string
	userData bool
}

func (g *guest) Name() string { return g.name }
func (g *guest) Sections() []Section {
	return []Section{{Page: g.page, Draw: func(_ context.Context, id, lang string) (template.HTML, error) {
		return template.HTML(g.name + ":" + id + ":" + lang), nil
	}}}
}
func (g *guest) ModerationTargets() []ModerationTarget { return []ModerationTarget{target(g.kind)} }
func (g *guest) SearchTypes() []searchdoc.Type         { return []searchdoc.Type{{Name: g.docType}} }
func (g *guest) SearchDocs(context.Context, func(searchdoc.Doc) error) error {
	return nil
}
func (g *guest) SetIndex(searchdoc.Indexer)  {}
func (g *guest) UserData() userdata.Provider { return nil }

type target string

func (t target) Kind() string { return string(t) }
func (t target) Describe(context.Context, string) (ModerationItem, error) {
	return ModerationItem{}, nil
}
func (t target) SetHidden(context.Context, *sql.Tx, string, bool) error { return nil }
func (t target) Remove(context.Context, *sql.Tx, string) error          { return nil }

// TestContributions: each module's sections, moderation targets, search
// sources and personal data reach the module that takes them, in the
// order of the module list.
func TestContributions(t *testing.T) {
	h := &host{}
	mods := []Module{&guest{name: "a", page: "profile", kind: "post", docType: "post"}, h,
		&guest{name: "b", page: "profile", kind: "photo", docType: "photo"}}
	if err := contribute(mods); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(h.sections, " "); got != "a:42:de b:42:de" {
		t.Errorf("sections %q", got)
	}
	if got := strings.Join(h.kinds, " "); got != "post photo" {
		t.Errorf("moderation targets %q", got)
	}
	if got := strings.Join(h.types, " "); got != "post photo" {
		t.Errorf("search types %q", got)
	}
	if h.holders != 2 {
		t.Errorf("%d holders of personal data", h.holders)
	}
}

// TestContributionsNobodyTakes: a contribution no module takes, or one
// the receiver refuses, stops the start.
func TestContributionsNobodyTakes(t *testing.T) {
	for _, c := range []struct {
		name string
		mods []Module
		want string
	}{
		{"section for an unknown page", []Module{&host{}, &guest{name: "a", page: "nowhere", kind: "a", docType: "a"}},
			`page "nowhere"`},
		{"no host", []Module{&guest{name: "a", page: "profile"}}, `page "profile"`},
		{"no moderation", []Module{&onlyModerated{}}, "moderation targets"},
		{"a kind twice", []Module{&host{}, &guest{name: "a", page: "profile", kind: "post", docType: "a"},
			&guest{name: "b", page: "profile", kind: "post", docType: "b"}}, "twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := contribute(c.mods); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error with %s", err, c.want)
			}
		})
	}
}

type onlyModerated struct{}

func (onlyModerated) Name() string                          { return "only" }
func (onlyModerated) ModerationTargets() []ModerationTarget { return []ModerationTarget{target("x")} }
