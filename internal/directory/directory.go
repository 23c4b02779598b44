package directory

import (
	"context"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// Needs are the headings a municipality's page groups its services under,
// in order; each has the label "directory.need.<need>".
var Needs = []string{"arrived", "housing", "work", "health", "children", "language", "legal", "volunteering"}

// needOfTop files each top-level category of the shared taxonomy under a
// need. Everything that helps with the first weeks (everyday matters,
// translation, goods, getting around, getting online, meeting people) is
// "I just arrived".
var needOfTop = map[string]string{
	"everyday": "arrived", "translation": "arrived", "goods": "arrived", "mobility": "arrived", "digital": "arrived",
	"leisure": "arrived", "housing": "housing", "work": "work", "health": "health", "children": "children",
	"german_lessons": "language", "legal_advice": "legal", "volunteering": "volunteering",
}

// NeedOf returns the need a category belongs to.
func NeedOf(category string) string {
	if n, ok := needOfTop[taxonomy.Default().TopOf(category)]; ok {
		return n
	}
	return "arrived"
}

// ValidNeed reports whether n is one of Needs.
func ValidNeed(n string) bool { return slices.Contains(Needs, n) }

// Filter narrows a municipality's services.
type Filter struct {
	Need    string // one of Needs, or "" for all
	OpenNow bool   // only services open at the moment
	Lang    string // only services offered in this language
}

func (f *Filter) validate() error {
	fields := apperr.Fields{}
	if f.Need != "" && !ValidNeed(f.Need) {
		fields.Add("need", "form.invalid_choice")
	}
	if f.Lang != "" && !text.ValidLanguage(f.Lang) {
		fields.Add("lang", "form.invalid_choice")
	}
	return fields.Err()
}

// Entry is a service as a municipality's page shows it: with its
// organisation and only the locations in the municipality.
type Entry struct {
	*Service
	Org     *organization.Organization
	Places  []PlaceStatus
	OpenNow bool
}

// PlaceStatus is a location with its state at the moment.
type PlaceStatus struct {
	Place
	Status Status
}

// Group is the services of one need.
type Group struct {
	Need    string
	Entries []Entry
}

// Overview is what the municipality's page shows.
type Overview struct {
	Municipality *Municipality
	Groups       []Group // in the order of Needs; only needs with services
	Total        int     // services shown
	All          int     // services in the municipality without the filter
	Facts        []Fact
	Links        []Link
}

// Overview gathers a municipality's services grouped by need, filtered,
// with its facts and links. now decides "open now".
func (m *Module) Overview(ctx context.Context, ags string, f Filter, now time.Time) (*Overview, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	mu, err := municipalityByAGS(ctx, m.s.DB, ags)
	if err != nil {
		return nil, err
	}
	svcs, err := servicesIn(ctx, m.s.DB, mu.AGS)
	if err != nil {
		return nil, err
	}
	ov := &Overview{Municipality: mu, All: len(svcs)}
	if ov.Facts, err = factsOf(ctx, m.s.DB, mu.AGS); err != nil {
		return nil, err
	}
	if ov.Links, err = linksOf(ctx, m.s.DB, mu.AGS); err != nil {
		return nil, err
	}
	groups := map[string][]Entry{}
	cache := m.newOrgCache()
	for _, s := range svcs {
		need := NeedOf(s.Category)
		if f.Need != "" && need != f.Need || f.Lang != "" && !s.Speaks(f.Lang) {
			continue
		}
		e := Entry{Service: s}
		for _, p := range s.Places {
			if p.AGS != mu.AGS {
				continue
			}
			st := p.Hours().StatusAt(now)
			e.Places = append(e.Places, PlaceStatus{Place: p, Status: st})
			e.OpenNow = e.OpenNow || st.Open
		}
		if f.OpenNow && !e.OpenNow {
			continue
		}
		if e.Org, err = cache.get(ctx, s.OrganizationID); err != nil {
			return nil, err
		}
		groups[need] = append(groups[need], e)
		ov.Total++
	}
	for _, n := range Needs {
		if len(groups[n]) > 0 {
			ov.Groups = append(ov.Groups, Group{Need: n, Entries: groups[n]})
		}
	}
	return ov, nil
}
