package moderation

import (
	"regexp"
	"strings"
	"unicode"
)

// NeedsReview reports whether text contains a web address (with or
// without scheme, "www." or a bare domain such as "beispiel.de"), an
// e-mail address (also written "name (at) example") or a phone number in
// German or international notation, with spaces, dashes, slashes, dots or
// brackets, in Latin, Arabic-Indic or Persian digits. The first posts of
// new accounts that contain such a thing wait for a coordinator: it is how
// spam and attempts to lure people off the platform usually begin.
//
// Dates, times, prices, room counts and postcodes are not phone numbers:
// a number counts only when it starts with "+" or with a 0 followed by an
// area or mobile prefix of at least three digits, and has 7 to 15 digits.
func NeedsReview(text string) bool {
	text = normalizeDigits(text)
	return webAddress.MatchString(text) || bareDomain.MatchString(text) || email.MatchString(text) ||
		obfuscatedEmail.MatchString(text) || hasPhoneNumber(text)
}

var (
	webAddress = regexp.MustCompile(`(?i)(?:\b(?:https?|ftp)://|\bwww\d{0,3}\.[\p{L}\p{N}-])`)
	email      = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`)
	// "name (at) example", "name[ät]example", "name {@} example".
	obfuscatedEmail = regexp.MustCompile(`(?i)[\p{L}\p{N}._-]+\s*[(\[{]\s*(?:at|ät|@)\s*[)\]}]\s*[\p{L}\p{N}-]+`)
	// A bare domain ends in a top-level domain from this list. An open
	// pattern would take a missing space after a full stop ("Std.in") or an
	// abbreviation ("z.B.") for a domain; the list leaves out the country
	// codes that are everyday German words (am, im, in, um, so, es, er).
	bareDomain = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}@._-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:` +
		strings.Join(topLevelDomains, "|") + `|xn--[a-z0-9-]+)(?:$|[^\p{L}\p{N}-])`)
)

var topLevelDomains = []string{
	// generic
	"com", "org", "net", "info", "biz", "edu", "gov", "int", "mobi", "name", "pro", "tel", "xyz", "top", "online",
	"site", "website", "space", "shop", "store", "app", "dev", "page", "blog", "link", "live", "life", "club",
	"email", "news", "social", "world", "today", "tech", "cloud", "digital", "media", "group", "center", "help",
	"jobs", "work", "works", "agency", "fun", "one", "click", "icu", "vip", "chat",
	// German regions and cities
	"berlin", "hamburg", "koeln", "cologne", "bayern", "nrw", "ruhr", "saarland", "bzh",
	// countries of the region and of the people the platform serves, and
	// the short ones link shorteners and messengers use
	"de", "at", "ch", "li", "lu", "eu", "uk", "fr", "it", "nl", "be", "dk", "se", "no", "fi", "pl", "cz", "sk",
	"hu", "ro", "bg", "gr", "hr", "si", "rs", "ba", "al", "mk", "pt", "ie", "ee", "lv", "lt", "tr", "ua", "ru",
	"by", "md", "ge", "az", "ir", "af", "iq", "sy", "lb", "jo", "ps", "eg", "ly", "tn", "dz", "sa", "ae", "qa",
	"kw", "et", "ng", "gh", "pk", "bd", "cn", "jp", "kr", "us", "ca", "au", "nz", "br", "mx",
	"io", "ai", "co", "me", "to", "tv", "cc", "ws", "gg", "gl", "su", "tk", "ml", "ga", "cf", "gq",
}

// normalizeDigits turns Arabic-Indic, Persian and full-width digits into
// ASCII ones, so one pattern finds numbers written in any of them.
func normalizeDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '\u0660' && r <= '\u0669':
			return '0' + (r - '\u0660')
		case r >= '\u06F0' && r <= '\u06F9':
			return '0' + (r - '\u06F0')
		case r >= '\uFF10' && r <= '\uFF19':
			return '0' + (r - '\uFF10')
		case r == '\uFF0B':
			return '+'
		}
		return r
	}, s)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isPhoneSeparator lists what people put between the groups of a phone
// number; invisible direction marks come along when numbers are copied
// within right-to-left text.
func isPhoneSeparator(r rune) bool {
	switch r {
	case ' ', '\u00A0', '\u202F', '\u2009', '-', '\u2010', '\u2011', '\u2012', '\u2013', '/', '.', '(', ')':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// hasPhoneNumber scans for a run of digits and separators that looks like
// a phone number (see NeedsReview).
func hasPhoneNumber(s string) bool {
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if i > 0 && (isDigit(rs[i-1]) || unicode.IsLetter(rs[i-1]) || rs[i-1] == '+') {
			continue // inside a word or a longer number
		}
		if n := phoneAt(rs, i); n > 0 {
			return true
		}
	}
	return false
}

// phoneAt returns the number of digits of the phone number starting at
// rs[i], or 0 when none starts there.
func phoneAt(rs []rune, i int) int {
	p := i
	plus := false
	if p < len(rs) && rs[p] == '+' {
		plus, p = true, p+1
	}
	if p < len(rs) && rs[p] == '(' {
		p++
	}
	if p >= len(rs) || !isDigit(rs[p]) || (!plus && rs[p] != '0') {
		return 0
	}
	first := 0
	for p < len(rs) && isDigit(rs[p]) {
		first, p = first+1, p+1
	}
	if !plus && first < 3 {
		return 0 // "01.03.2026", "09-12 Uhr"
	}
	digits := first
	for p < len(rs) {
		if isDigit(rs[p]) {
			digits, p = digits+1, p+1
			continue
		}
		// Up to three separators in a row ("0561 / 12 34"), then a digit.
		q := p
		for q < len(rs) && q-p < 3 && isPhoneSeparator(rs[q]) {
			q++
		}
		if q == p || q >= len(rs) || !isDigit(rs[q]) {
			break
		}
		p = q
	}
	if digits < 7 || digits > 15 {
		return 0
	}
	return digits
}
