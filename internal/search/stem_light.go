package search

import (
	"strings"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"

	"teilhabe.org/teilhabe/internal/text"
)

// Light stemmers for the languages Snowball lacks or serves badly: they
// take off the endings of plurals and cases and leave a stem that is
// never shown, only compared. Each works on folded text (text.FoldWord),
// so the letter forms of Arabic, Farsi and Ukrainian keyboards meet.

// stemArabic takes off a conjunction and the article, then a suffix of
// number, gender or possession (light10), and maps the broken plurals of
// the taxonomy's vocabulary to their singulars (هواتف → هاتف, أطباء →
// طبيب), which no suffix rule can.
func stemArabic(_ *snowball.Env, w string) string {
	w = text.FoldWord(w)
	if s, ok := arabicPlurals[w]; ok {
		return arabicSuffixes(s)
	}
	if utf8.RuneCountInString(w) > 3 && strings.HasPrefix(w, "و") {
		w = w[len("و"):]
	}
	for _, p := range arabicArticles {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p) >= 2 {
			w = w[len(p):]
			break
		}
	}
	if s, ok := arabicPlurals[w]; ok {
		w = s
	}
	return arabicSuffixes(w)
}

var arabicArticles = []string{"وال", "بال", "كال", "فال", "لل", "ال"}

// arabicSuffixesList in the order light10 tries them; each comes off
// once while the stem keeps two letters.
var arabicSuffixesList = []string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}

func arabicSuffixes(w string) string {
	for _, s := range arabicSuffixesList {
		if strings.HasSuffix(w, s) && utf8.RuneCountInString(w)-utf8.RuneCountInString(s) >= 2 {
			w = w[:len(w)-len(s)]
		}
	}
	return w
}

// arabicPlurals maps broken plurals (folded, without the article) of
// words people use for what the platform is about to their singulars.
var arabicPlurals = func() map[string]string {
	pairs := []string{
		"هواتف", "هاتف", "بيوت", "بيت", "اطباء", "طبيب", "كراسي", "كرسي", "شقق", "شقة", "غرف", "غرفة",
		"منازل", "منزل", "مساكن", "مسكن", "دروس", "درس", "مدارس", "مدرسة", "اطفال", "طفل", "اولاد", "ولد",
		"وظائف", "وظيفة", "اعمال", "عمل", "مواعيد", "موعد", "اجهزة", "جهاز", "حواسيب", "حاسوب", "ادوية", "دواء",
		"العاب", "لعبة", "احذية", "حذاء", "دكاترة", "دكتور", "اوراق", "ورقة", "وثائق", "وثيقة", "مكاتب", "مكتب",
		"تذاكر", "تذكرة", "خزائن", "خزانة", "طاولات", "طاولة", "ملابس", "ملبس", "معاطف", "معطف", "مستشفيات", "مستشفى",
		"عيادات", "عيادة", "صيدليات", "صيدلية", "محامون", "محامي", "محامين", "محامي", "مترجمون", "مترجم", "دورات", "دورة",
		"كتب", "كتاب", "دفاتر", "دفتر", "اسرة", "سرير", "فرش", "فراش", "ادوات", "اداة", "سيارات", "سيارة",
		"دراجات", "دراجة", "حافلات", "حافلة", "قطارات", "قطار", "اسواق", "سوق", "محلات", "محل", "مطابخ", "مطبخ",
	}
	m := make(map[string]string, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		m[text.FoldWord(pairs[i])] = text.FoldWord(pairs[i+1])
	}
	return m
}()

// farsiEndings are the plural and possessive endings of Farsi, written
// after a zero-width non-joiner, with a space, or joined to the word.
var farsiEndings = []string{"هایشان", "هایتان", "هایمان", "هایی", "هایم", "هایت", "هایش", "های", "ها", "ترین", "تر", "ایی", "ای", "ی"}

// farsiJoinedEndings may also be written without the ZWNJ (کتابها); the
// comparative and ی are not, as too many words end so.
var farsiJoinedEndings = []string{"هایشان", "هایتان", "هایمان", "هایی", "های", "ها"}

// farsiNotPlural end in ها without being plurals.
var farsiNotPlural = map[string]bool{"تنها": true, "اینها": true, "آنها": true, "انها": true, "بها": true, "رها": true}

// stemFarsi drops the plural or another ending written after a ZWNJ
// (کتاب‌ها → کتاب, خانه‌ای → خانه) and the plural joined to the word
// (کتابها → کتاب) unless the word is one that only looks so (تنها).
func stemFarsi(_ *snowball.Env, w string) string {
	if i := strings.LastIndex(w, zwnj); i > 0 {
		rest := w[i+len(zwnj):]
		for _, e := range farsiEndings {
			if rest == e && utf8.RuneCountInString(w[:i]) >= 2 {
				return text.FoldWord(w[:i])
			}
		}
	}
	f := text.FoldWord(w)
	if farsiNotPlural[w] || farsiNotPlural[f] {
		return f
	}
	for _, e := range farsiJoinedEndings {
		fe := text.FoldWord(e)
		if strings.HasSuffix(f, fe) && utf8.RuneCountInString(f)-utf8.RuneCountInString(fe) >= 3 {
			return f[:len(f)-len(fe)]
		}
	}
	return f
}

// ukrainianEndings are the endings of Ukrainian nouns, adjectives and
// verbs in their cases and persons, folded (ї as і), longest first.
var ukrainianEndings = func() []string {
	// Verb endings that nouns end in too (-ти, -ла, -на) are left out:
	// кімнати and школа must keep their stems.
	list := strings.Fields(`ьому ього ими іми ого ому ами ями ові еві єві ою ею єю ої ій ий им ім их іх ів їв ей ям ам ах ях
		ом ем єм уть ють ать ять ить ете єте емо ємо а я у ю і ї и о е є ь`)
	seen := map[string]bool{}
	var out []string
	for _, e := range list {
		f := text.FoldWord(e)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	// longest first, so велосипедів loses ів and not в
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(out[j]) > utf8.RuneCountInString(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}()

// stemUkrainian takes off the reflexive ся/сь and one ending of case,
// number or person while three letters remain, and writes a doubled н
// at the end (завдання, завдань) once.
func stemUkrainian(_ *snowball.Env, w string) string {
	w = text.FoldWord(strings.NewReplacer("'", "", "’", "", "ʼ", "").Replace(w))
	for _, r := range []string{"ся", "сь"} {
		if strings.HasSuffix(w, r) && utf8.RuneCountInString(w) > 5 {
			w = w[:len(w)-len(r)]
			break
		}
	}
	for _, e := range ukrainianEndings {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w)-utf8.RuneCountInString(e) >= 3 {
			w = w[:len(w)-len(e)]
			break
		}
	}
	w = strings.TrimSuffix(w, "ь")
	if strings.HasSuffix(w, "нн") {
		w = w[:len(w)-len("н")]
	}
	return w
}

// russianToUkrainian are the letters in which a Russian spelling of a
// word most often differs from the Ukrainian one (квартиры, переезд,
// лес): a query word is also tried with one of them replaced.
var russianToUkrainian = [][2]string{{"ы", "и"}, {"э", "е"}, {"е", "і"}, {"и", "і"}, {"ъ", ""}, {"о", "і"}}

// ukrainianSpellings returns the spellings of a Cyrillic query word with
// ы written и throughout and one further letter mapped to Ukrainian.
func ukrainianSpellings(w string) []string {
	base := strings.ReplaceAll(strings.ReplaceAll(w, "ы", "и"), "э", "е")
	out := []string{base}
	for _, m := range russianToUkrainian[2:] {
		for i := 0; ; {
			j := strings.Index(base[i:], m[0])
			if j < 0 {
				break
			}
			j += i
			out = append(out, base[:j]+m[1]+base[j+len(m[0]):])
			i = j + len(m[0])
		}
	}
	return out
}
