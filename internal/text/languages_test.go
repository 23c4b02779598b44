package text_test

import (
	"os"
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/text"
)

func TestLanguageList(t *testing.T) {
	codes := text.LanguageCodes()
	seen := map[string]bool{}
	for _, l := range text.Languages() {
		if seen[l.Code] || l.Endonym == "" {
			t.Errorf("%q twice or without its own name", l.Code)
		}
		seen[l.Code] = true
		if len(l.Code) != 2 && l.Code != "gsg" {
			t.Errorf("%q is no ISO 639-1 code", l.Code)
		}
	}
	// The interface languages come first, in their order, with their names.
	for i, ui := range i18n.Languages {
		l := text.Languages()[i]
		if l.Code != ui.Tag || l.Endonym != ui.Name || l.RightToLeft != (ui.Dir == "rtl") {
			t.Errorf("language %d is %+v, want the interface language %+v", i, l, ui)
		}
	}
	for _, c := range []string{"ar", "fa", "ps", "ku", "ti", "uk", "ru", "tr", "so", "am", "ur", "gsg"} {
		if !slices.Contains(codes, c) {
			t.Errorf("%s is missing", c)
		}
	}
}

func TestLanguageCodes(t *testing.T) {
	if !text.ValidLanguage("fa") || text.ValidLanguage("prs") || text.ValidLanguage("FA") || text.ValidLanguage("xx") || text.ValidLanguage("") {
		t.Error("ValidLanguage takes only the stored codes")
	}
	for in, want := range map[string]string{"prs": "fa", " PRS ": "fa", "De": "de", "xx": "xx", "": ""} {
		if got := text.CanonicalLanguage(in); got != want {
			t.Errorf("CanonicalLanguage(%q) = %q, want %q", in, got, want)
		}
	}
	if l, ok := text.LanguageOf("prs"); !ok || l.Code != "fa" || l.Endonym != "فارسی" || !l.RightToLeft {
		t.Errorf("Dari: %+v %v", l, ok)
	}
	if l, ok := text.LanguageOf("uk"); !ok || l.Endonym != "Українська" || l.RightToLeft {
		t.Errorf("Ukrainian: %+v %v", l, ok)
	}
	if _, ok := text.LanguageOf("xx"); ok {
		t.Error("an unknown code has a language")
	}
	got := text.SortLanguages([]string{"tr", " ar", "xx", "prs", "de", "fa", "", "tr"})
	if want := []string{"de", "ar", "fa", "tr", "xx"}; !slices.Equal(got, want) {
		t.Errorf("SortLanguages = %q, want %q", got, want)
	}
	if got := text.SortLanguages(nil); got == nil || len(got) != 0 {
		t.Errorf("SortLanguages(nil) = %#v, want an empty list", got)
	}
}

// TestLanguageNames: every language has its name "lang.<code>" among the
// layout's messages (the start-up check sees to the other languages).
func TestLanguageNames(t *testing.T) {
	cat := i18n.NewCatalog()
	if err := cat.Load("web", os.DirFS("../web/locales")); err != nil {
		t.Fatal(err)
	}
	for _, code := range text.LanguageCodes() {
		if !cat.Has("lang." + code) {
			t.Errorf("no name for %s", code)
		}
	}
}
