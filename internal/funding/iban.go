package funding

import (
	"crypto/rand"
	"math/big"
	"strings"
)

// Bank codes: IBANs are checked by their ISO 13616 checksum and their
// country's length; creditor references are ISO 11649 ("RF" and two check
// digits), which banks carry in the structured remittance field.

// ibanLengths are the lengths of the IBANs of the SEPA countries.
var ibanLengths = map[string]int{
	"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
	"ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
	"IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
	"PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
}

// compact drops the spaces people type into bank codes and capitalises
// them.
func compact(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// ValidIBAN reports whether s (compact) is an IBAN of a SEPA country whose
// check digits are right.
func ValidIBAN(s string) bool {
	if len(s) < 15 || ibanLengths[s[:2]] != len(s) {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return mod97(s[4:]+s[:4]) == 1
}

// ValidBIC reports whether s (compact) looks like a BIC: 8 or 11
// characters, bank and country letters.
func ValidBIC(s string) bool {
	if len(s) != 8 && len(s) != 11 {
		return false
	}
	for i, r := range s {
		letter := r >= 'A' && r <= 'Z'
		if i < 6 && !letter || !letter && !(r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// mod97 is the ISO 7064 MOD 97-10 remainder of s with letters as 10…35.
func mod97(s string) int {
	rem := 0
	for _, r := range s {
		var v int
		switch {
		case r >= '0' && r <= '9':
			v = int(r - '0')
		case r >= 'A' && r <= 'Z':
			v = int(r-'A') + 10
		default:
			return -1
		}
		if v >= 10 {
			rem = (rem*100 + v) % 97
		} else {
			rem = (rem*10 + v) % 97
		}
	}
	return rem
}

// ValidReference reports whether s (compact) is an ISO 11649 creditor
// reference: RF, two check digits, 1 to 21 letters or digits.
func ValidReference(s string) bool {
	if len(s) < 5 || len(s) > 25 || !strings.HasPrefix(s, "RF") {
		return false
	}
	return mod97(s[4:]+s[:4]) == 1
}

// referenceAlphabet leaves out letters people mix up with digits.
const referenceAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// newReference makes a random creditor reference of 12 characters after
// RF and the check digits: "RF18 TH4K …" printed in groups of four.
func newReference() string {
	var b strings.Builder
	n := big.NewInt(int64(len(referenceAlphabet)))
	for b.Len() < 12 {
		i, err := rand.Int(rand.Reader, n)
		if err != nil {
			panic(err) // crypto/rand does not fail on supported systems
		}
		b.WriteByte(referenceAlphabet[i.Int64()])
	}
	return referenceFor(b.String())
}

// referenceFor puts RF and the check digits before body.
func referenceFor(body string) string {
	check := 98 - mod97(body+"RF00")
	return "RF" + string(rune('0'+check/10)) + string(rune('0'+check%10)) + body
}

// grouped prints a bank code in groups of four, as statements and banking
// apps show it.
func grouped(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// findReferences finds what may be creditor references in free
// remittance text, where people write them with or without spaces: every
// prefix that checks of what follows an "RF", longest first. The caller
// keeps the one it issued.
func findReferences(text string) []string {
	var found []string
	up := strings.ToUpper(text)
	for i := 0; i+5 <= len(up); i++ {
		if up[i] != 'R' || up[i+1] != 'F' || (i > 0 && isAlnum(up[i-1])) {
			continue
		}
		// Collect letters and digits, skipping single spaces, for up to 25.
		var b strings.Builder
		for j := i; j < len(up) && b.Len() < 25; j++ {
			c := up[j]
			if isAlnum(c) {
				b.WriteByte(c)
				continue
			}
			if c == ' ' && j+1 < len(up) && isAlnum(up[j+1]) {
				continue
			}
			break
		}
		s := b.String()
		for n := len(s); n >= 5; n-- {
			if ValidReference(s[:n]) {
				found = append(found, s[:n])
			}
		}
	}
	return found
}

func isAlnum(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' }
