package check_test

import (
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
)

func TestChecks(t *testing.T) {
	text := func(max int, required bool) func(apperr.Fields, string, string) {
		return func(f apperr.Fields, field, value string) { check.Text(f, field, value, max, required) }
	}
	optional := func(c func(apperr.Fields, string, string, bool)) func(apperr.Fields, string, string) {
		return func(f apperr.Fields, field, value string) { c(f, field, value, false) }
	}
	required := func(c func(apperr.Fields, string, string, bool)) func(apperr.Fields, string, string) {
		return func(f apperr.Fields, field, value string) { c(f, field, value, true) }
	}
	cases := []struct {
		name  string
		check func(apperr.Fields, string, string)
		value string
		want  string // the message id, "" for none
	}{
		{"required text given", text(5, true), "Hallo", ""},
		{"required text empty", text(5, true), "", "form.required"},
		{"optional text empty", text(5, false), "", ""},
		{"text too long", text(5, false), "Hallo!", "form.too_long"},
		{"text counted in characters", text(5, true), "مرحبا", ""},

		{"https address", optional(check.URL), "https://example.org/a?b=c", ""},
		{"http address", optional(check.URL), "http://kassel.example.org", ""},
		{"no address given", optional(check.URL), "", ""},
		{"address required", required(check.URL), "", "form.required"},
		{"no scheme", optional(check.URL), "example.org", "form.invalid_url"},
		{"other scheme", optional(check.URL), "ftp://example.org", "form.invalid_url"},
		{"javascript", optional(check.URL), "javascript:alert(1)", "form.invalid_url"},
		{"host without dot", optional(check.URL), "http://localhost", "form.invalid_url"},
		{"user in address", optional(check.URL), "https://anna@example.org", "form.invalid_url"},
		{"space in address", optional(check.URL), "https://example.org/a b", "form.invalid_url"},
		{"quote in address", optional(check.URL), `https://example.org/"`, "form.invalid_url"},
		{"address too long", optional(check.URL), "https://example.org/" + strings.Repeat("a", 281), "form.invalid_url"},
		{"longest address", optional(check.URL), "https://example.org/" + strings.Repeat("a", 280), ""},

		{"phone with spaces", optional(check.Phone), "0561 999 0000", ""},
		{"international phone", optional(check.Phone), "+49 561/999-0000", ""},
		{"no phone given", optional(check.Phone), "", ""},
		{"phone required", required(check.Phone), "", "form.required"},
		{"plus inside", optional(check.Phone), "0561+999", "form.invalid_phone"},
		{"letters", optional(check.Phone), "0561 CALL ME", "form.invalid_phone"},
		{"four digits", optional(check.Phone), "+1 23 4", "form.invalid_phone"},
		{"phone too long", optional(check.Phone), strings.Repeat("1", 41), "form.invalid_phone"},

		{"postcode", optional(check.Postcode), "34117", ""},
		{"leading zero", optional(check.Postcode), "01067", ""},
		{"no postcode given", optional(check.Postcode), "", ""},
		{"postcode required", required(check.Postcode), "", "form.required"},
		{"four digits postcode", optional(check.Postcode), "3411", "form.invalid_postcode"},
		{"six digits postcode", optional(check.Postcode), "341170", "form.invalid_postcode"},
		{"letter in postcode", optional(check.Postcode), "3411a", "form.invalid_postcode"},
		{"Arabic digits", optional(check.Postcode), "٣٤١١٧", "form.invalid_postcode"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := apperr.Fields{}
			c.check(f, "field", c.value)
			if got := f["field"]; got != c.want || len(f) > 1 {
				t.Errorf("%q: %v, want %q", c.value, f, c.want)
			}
		})
	}
}
