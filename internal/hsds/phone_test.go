package hsds

import (
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
)

// TestPhonesOfOtherSystemsAreNormalisedBeforeTheyAreJudged: numbers as
// other HSDS publishers write them pass teilhabe's phone check once
// normalised; what is no number still fails it.
func TestPhonesOfOtherSystemsAreNormalisedBeforeTheyAreJudged(t *testing.T) {
	for in, want := range map[string]string{
		`"0561 12345"`:       "0561 12345",
		"tel:+49-561-12345":  "+49-561-12345",
		"TEL:0561/12345":     "0561/12345",
		"+49 (0)561 12345":   "+49 561 12345",
		"(0561) 12.34.5":     "0561 12 34 5",
		"„0561 12345“":       "0561 12345",
		"0561\u00a012345":    "0561 12345",
		" '+49 561 1234-0' ": "+49 561 1234-0",
	} {
		got := normalisePhone(in)
		if got != want {
			t.Errorf("normalisePhone(%q) = %q, want %q", in, got, want)
		}
		f := apperr.Fields{}
		check.Phone(f, "phone", got, false)
		if len(f) > 0 {
			t.Errorf("%q normalised to %q fails the check: %v", in, got, f)
		}
	}
	f := apperr.Fields{}
	check.Phone(f, "phone", normalisePhone("call us"), false)
	if len(f) == 0 {
		t.Error("a text that is no number passes once normalised")
	}
}
