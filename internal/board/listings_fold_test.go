package board_test

import (
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// TestTextFilterFoldsLikeSearch: the board's text filter folds what people
// type as /search does, so every spelling of a word finds a listing.
func TestTextFilterFoldsLikeSearch(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		reza := e.NewPerson(t, "Reza", auth.Member)
		for _, d := range []struct{ title, lang string }{
			{"Fahrräder für Kinder", "de"},
			{"Familie Mueller sucht einen Schrank", "de"},
			{"کمک برای زندگی در کاسل", "fa"}, // Persian yeh and keheh
			{"مساعدة في إيجاد سكن", "ar"},
			{"Допомога з переїздом", "uk"},
			{"Çocuklar için bisiklet", "tr"},
		} {
			dr := draft(d.title)
			dr.ContentLang = d.lang
			post(t, e, reza, dr)
		}
		for q, want := range map[string]string{
			"Fahrraeder":       "Fahrräder für Kinder",
			"FAHRRADER":        "Fahrräder für Kinder",
			"Müller":           "Familie Mueller sucht einen Schrank",
			"زندگي":            "کمک برای زندگی در کاسل", // Arabic yeh
			"كمك":              "کمک برای زندگی در کاسل", // Arabic kaf
			"ايجاد":            "مساعدة في إيجاد سكن",    // alef without hamza
			"مساعده":           "مساعدة في إيجاد سكن",    // heh for teh marbuta
			"переїздом":        "Допомога з переїздом",
			"cocuklar":         "Çocuklar için bisiklet",
			"ÇOCUKLAR":         "Çocuklar için bisiklet",
			"Fahrradwerkstatt": "",
		} {
			var got []string
			if want != "" {
				got = append(got, want)
			}
			if api := list(t, e, "", "q="+url.QueryEscape(q)); strings.Join(api, "|") != strings.Join(got, "|") {
				t.Errorf("API q=%s: %q, want %q", q, api, got)
			}
			page := e.Client(t).Get("/board?q=" + url.QueryEscape(q)).Body
			if want != "" && !strings.Contains(page, want) {
				t.Errorf("/board?q=%s does not show %q", q, want)
			}
		}
	})
}
