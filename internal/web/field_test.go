package web

import (
	"net/url"
	"testing"

	"teilhabe.org/teilhabe/internal/i18n"
)

// TestDateFieldKeepsTextThatIsNoDate: a date, time or number control whose
// value is none would be invalid HTML and shown empty, so the field
// draws a text box with the value instead.
func TestDateFieldKeepsTextThatIsNoDate(t *testing.T) {
	cases := []struct{ typ, value, wantType string }{
		{"date", "2026-03-02", "date"},
		{"date", "", "date"},
		{"date", "morgen", "text"},
		{"date", "31.02.2026", "text"},
		{"date", "2026-02-31", "text"},
		{"time", "09:30", "time"},
		{"time", "25:00", "text"},
		{"datetime-local", "2026-03-02T09:30", "datetime-local"},
		{"number", "12", "number"},
		{"number", "viele", "text"},
		{"text", "morgen", "text"},
	}
	l := i18n.NewCatalog().Localizer(i18n.Default)
	for _, c := range cases {
		v := &View{L: l, Form: &Form{Values: url.Values{"when": {c.value}}}}
		f := field(v, "when", "when", c.typ)
		if f.Type != c.wantType || f.Value != c.value {
			t.Errorf("%s %q: type %q value %q, want type %q and the value kept", c.typ, c.value, f.Type, f.Value, c.wantType)
		}
	}
}
