package platform_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// variant is a form the glossary of a language rules out, with the form
// to write instead.
type variant struct {
	re      *regexp.Regexp
	instead string
}

// glossary lists, per interface language, the forms that crept in beside
// the ones the platform settled on: one form of address and one word for
// each thing a person meets on several pages.
var glossary = map[string][]variant{
	"de": {
		{regexp.MustCompile(`\b(Ihnen|Ihre[mnrs]?)\b`), "du-forms (dir, dein …); a sentence about someone else names them"},
		{regexp.MustCompile(`(?i)\bgeprüfte?[nmrs]? Organisation`), "verifizierte Organisation"},
		{regexp.MustCompile(`^[Gg]eprüft$`), "verifiziert"},
		{regexp.MustCompile(`Persisch \(Farsi\)`), "Farsi (Persisch, Dari)"},
		{regexp.MustCompile(`Koordinationsstelle`), "Koordinierungsstelle"},
	},
	"en": {
		{regexp.MustCompile(`\b(this|that|the|an?|your) \{\{\.Kind\}\}`), "a sentence that does not put a capitalised label after an article"},
		{regexp.MustCompile(`[a-z,] Offer or request`), "offer or request"},
		{regexp.MustCompile(`Persian \(Farsi\)`), "Farsi (Persian, Dari)"},
	},
	"uk": {
		{regexp.MustCompile(`(?i)перевірен\p{L}* організац`), "верифікована організація"},
		{regexp.MustCompile(`^перевірена$`), "верифікована"},
	},
}

// formalAddress finds "Sie" and "Ihr" inside a German sentence, where
// they can only address the reader. At the start of a sentence they may
// mean "they", "it" or the plural du ("Ihr schreibt euch"), so there the
// verb decides: a few verbs that UI texts use only towards the reader.
var (
	formalPronoun = regexp.MustCompile(`\b(Sie|Ihr)\b`)
	formalStart   = regexp.MustCompile(`(^|[.!?]\s+)Sie (haben|sind|bekommen|erhalten|möchten|besitzen|nehmen|vertreten|können|müssen)\b`)
)

func formalAddress(text string) string {
	for _, m := range formalPronoun.FindAllStringIndex(text, -1) {
		before := strings.TrimRight(text[:m[0]], " ")
		if before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:„\"»(\n") {
			continue
		}
		return text[m[0]:m[1]]
	}
	if m := formalStart.FindString(text); m != "" {
		return strings.TrimLeft(m, ".!? ")
	}
	return ""
}

// TestGlossary reads every module's message catalogue and fails on a form
// of address or a word the language's glossary rules out.
func TestGlossary(t *testing.T) {
	problems := wordingProblems(t, "..")
	for _, p := range problems {
		t.Error(p)
	}
}

// TestGlossaryFindsVariants checks that the rules catch what they are
// for and leave alone the sentences that only look alike.
func TestGlossaryFindsVariants(t *testing.T) {
	flagged := map[string]string{
		"Bitte geben Sie einen Ort ein.":           "de",
		"Wollen Sie Ihren Platz zurückgeben?":      "de",
		"Danke! Ihre Reservierung ist notiert.":    "de",
		"Wir schreiben Ihnen.":                     "de",
		"Ihre Begründung:":                         "de",
		"Sie haben diesen Platz schon übernommen.": "de",
		"geprüft":                           "de",
		"Nur von geprüften Organisationen":  "de",
		"Persisch (Farsi)":                  "de",
		"You are reporting this {{.Kind}}:": "en",
		"Лише від перевірених організацій":                      "uk",
		"Du hast Post. Sie erhalten eine E-Mail, wenn es geht.": "de",
	}
	for text, lang := range flagged {
		if why := messageProblem(lang, text); why == "" {
			t.Errorf("%s %q passed", lang, text)
		}
	}
	fine := []string{
		"Ihr schreibt euch über die Plattform.",
		"Die Kooperation wirklich beenden? Sie bleibt als beendet sichtbar.",
		"Rechtlich gilt der deutsche Text. Er sagt: Sie treten bei.",
		"Zuletzt geprüft am {{.Date}}",
		"Die Koordinierungsstelle hat deinen Beitrag „{{.Title}}“ geprüft.",
		"Farsi (Persisch, Dari)",
	}
	for _, text := range fine {
		if why := messageProblem("de", text); why != "" {
			t.Errorf("de %q flagged: %s", text, why)
		}
	}
}

// wordingProblems lists every message under root/*/locales that breaks
// its language's glossary, as "file: id: problem".
func wordingProblems(t *testing.T, root string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "*", "locales", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 60 {
		t.Fatalf("found only %d message files under %s", len(files), root)
	}
	var problems []string
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		lang := base[strings.LastIndex(base, ".")+1:]
		messages, err := messagesIn(f)
		if err != nil {
			problems = append(problems, err.Error())
		}
		for id, text := range messages {
			if why := messageProblem(lang, text); why != "" {
				problems = append(problems, fmt.Sprintf("%s: %s: %s in %q", filepath.ToSlash(f), id, why, text))
			}
		}
	}
	sort.Strings(problems)
	return problems
}

func messageProblem(lang, text string) string {
	if lang == "de" {
		if form := formalAddress(text); form != "" {
			return fmt.Sprintf("%q addresses the reader formally (write du)", form)
		}
	}
	for _, v := range glossary[lang] {
		if m := v.re.FindString(text); m != "" {
			return fmt.Sprintf("%q, write %s", m, v.instead)
		}
	}
	return ""
}

// messagesIn reads one message file: plain messages and, for plural ones,
// each form under "id.form".
func messagesIn(file string) (map[string]string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	out := map[string]string{}
	for id, v := range raw {
		switch v := v.(type) {
		case string:
			out[id] = v
		case map[string]any:
			for form, s := range v {
				if s, ok := s.(string); ok {
					out[id+"."+form] = s
				}
			}
		}
	}
	return out, nil
}
