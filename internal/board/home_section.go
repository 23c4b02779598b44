package board

import (
	"context"
	"html/template"
	"net/url"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

// homeItems is how many requests and offers the front page shows.
const homeItems = 3

// Sections: the front page ("home", drawn with the reader's place) shows
// the newest requests and offers near the reader.
func (m *Module) Sections() []app.Section {
	return []app.Section{{Page: "home", Draw: m.homeSection, Order: 10}}
}

// homeSectionData is the board's part of the front page.
type homeSectionData struct {
	Groups    []homeGroup
	Names     map[string]string // category id → name
	Place     string            // the place searched around; "" for everywhere
	Elsewhere bool              // nothing new was found at the reader's place (or it is unknown): everywhere instead
}

// homeGroup is the newest listings of one kind, with a link to all of them.
type homeGroup struct {
	Title, AllLabel string // message ids
	AllURL          string
	Items           []Found
}

func (m *Module) homeSection(ctx context.Context, place, lang string) (template.HTML, error) {
	data, err := m.newestNear(ctx, place, lang)
	if err == nil && place != "" && len(data.Groups) == 0 {
		data, err = m.newestNear(ctx, "", lang)
		data.Elsewhere = true
	}
	if err != nil || len(data.Groups) == 0 {
		return "", err
	}
	if data.Place != "" {
		// First-strong isolate: a Latin place name in an Arabic heading
		// keeps its own direction (the message places it).
		data.Place = "\u2068" + data.Place + "\u2069"
	}
	return m.s.Render.Fragment(ctx, "board/home_section", data, nil)
}

// newestNear finds the newest requests and offers around place ("" for
// everywhere); a place nobody knows finds nothing.
func (m *Module) newestNear(ctx context.Context, place, lang string) (*homeSectionData, error) {
	data := &homeSectionData{Names: map[string]string{}, Place: place}
	for _, kind := range []Kind{Request, Offer} {
		res, err := m.Search(ctx, auth.From(ctx), Filter{Kind: kind, Near: place, Sort: SortNewest}, homeItems)
		if apperr.Is(err, apperr.Invalid) && place != "" {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(res.Items) == 0 {
			continue
		}
		all := url.Values{"kind": {string(kind)}}
		if place != "" {
			all.Set("near", place)
		}
		data.Groups = append(data.Groups, homeGroup{Title: "board.home." + string(kind) + "s",
			AllLabel: "board.home.all_" + string(kind) + "s", AllURL: "/board?" + all.Encode(), Items: res.Items})
		for _, it := range res.Items {
			data.Names[it.Category] = taxonomy.Default().Name(it.Category, lang)
		}
	}
	return data, nil
}
