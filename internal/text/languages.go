package text

import (
	"slices"
	"strings"
)

// Language is a language people on the platform may speak or write in.
type Language struct {
	Code        string // ISO 639-1
	Endonym     string // its own name, in its own script
	RightToLeft bool
}

// languages are the platform's one list of spoken languages, in the order
// forms offer them: the interface languages first, then the languages
// newcomers to Germany and their helpers often speak. Their names in the
// interface languages are the messages "lang.<code>".
//
// Codes are ISO 639-1: Dari is Persian ("fa", see aliases); German Sign
// Language has no such code and keeps its ISO 639-3 code "gsg".
var languages = []Language{
	{"de", "Deutsch", false}, {"en", "English", false}, {"ar", "العربية", true}, {"fa", "فارسی", true},
	{"uk", "Українська", false}, {"tr", "Türkçe", false},
	{"ps", "پښتو", true}, {"ku", "Kurdî", false}, {"ru", "Русский", false}, {"ti", "ትግርኛ", false},
	{"so", "Soomaali", false}, {"am", "አማርኛ", false}, {"fr", "Français", false}, {"es", "Español", false},
	{"it", "Italiano", false}, {"pt", "Português", false}, {"pl", "Polski", false}, {"ro", "Română", false},
	{"bg", "Български", false}, {"sq", "Shqip", false}, {"sr", "Српски", false}, {"hr", "Hrvatski", false},
	{"bs", "Bosanski", false}, {"mk", "Македонски", false}, {"el", "Ελληνικά", false}, {"hu", "Magyar", false},
	{"ka", "ქართული", false}, {"hy", "Հայերեն", false}, {"az", "Azərbaycanca", false}, {"ur", "اردو", true},
	{"hi", "हिन्दी", false}, {"bn", "বাংলা", false}, {"ta", "தமிழ்", false}, {"vi", "Tiếng Việt", false},
	{"zh", "中文", false}, {"sw", "Kiswahili", false}, {"ha", "Hausa", false}, {"yo", "Yorùbá", false},
	{"gsg", "Deutsche Gebärdensprache", false},
}

// aliases are codes the platform once took or others send, and the code
// that stands for them now.
var aliases = map[string]string{
	"prs": "fa", // Dari
}

// Languages returns the spoken languages in the order forms offer them.
func Languages() []Language { return slices.Clone(languages) }

// LanguageCodes returns the codes of Languages, in their order.
func LanguageCodes() []string {
	out := make([]string, len(languages))
	for i, l := range languages {
		out[i] = l.Code
	}
	return out
}

// LanguageOf returns the language of a code (an alias gives the language
// it stands for); false when the code is none of Languages.
func LanguageOf(code string) (Language, bool) {
	code = CanonicalLanguage(code)
	for _, l := range languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// ValidLanguage reports whether code is the code of one of Languages, as
// stored: an alias is not, CanonicalLanguage turns it into one.
func ValidLanguage(code string) bool {
	l, ok := LanguageOf(code)
	return ok && l.Code == code
}

// CanonicalLanguage returns the code that stands for code: lower case,
// trimmed, an alias replaced ("prs" → "fa"). Unknown codes come back
// trimmed and lower-cased, for validation to name.
func CanonicalLanguage(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	if c, ok := aliases[code]; ok {
		return c
	}
	return code
}

// SortLanguages returns codes canonical, once each and in the order of
// Languages, followed by the unknown ones in their order (so validation
// can name them). Empty codes are dropped.
func SortLanguages(codes []string) []string {
	canonical := make([]string, 0, len(codes))
	for _, c := range codes {
		if c = CanonicalLanguage(c); c != "" && !slices.Contains(canonical, c) {
			canonical = append(canonical, c)
		}
	}
	out := make([]string, 0, len(canonical))
	for _, l := range languages {
		if slices.Contains(canonical, l.Code) {
			out = append(out, l.Code)
		}
	}
	for _, c := range canonical {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
