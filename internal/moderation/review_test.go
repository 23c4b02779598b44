package moderation_test

import (
	"testing"

	"teilhabe.org/teilhabe/internal/moderation"
)

func TestNeedsReview(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		// web addresses
		{"https://x.de", true},
		{"Infos unter http://example.org/termine", true},
		{"www.beispiel.de", true},
		{"Schau auf WWW.Beispiel.de vorbei", true},
		{"mehr auf beispiel.de!", true},
		{"t.me/kassel_hilfe", true},
		{"bit.ly/3xyz", true},
		{"مزيد من المعلومات على example.com", true},
		{"Anmeldung: müller-hilfe.berlin", true},
		// e-mail addresses
		{"mail me: a@b.de", true},
		{"schreib an hilfe (at) beispiel", true},
		{"kontakt[ät]verein", true},
		// phone numbers, German and international
		{"+49 561 123456", true},
		{"0561/12 34 56", true},
		{"0176-1234567", true},
		{"Ruf an: (0561) 12 34 56", true},
		{"0049 176 1234567", true},
		{"Tel.:01761234567", true},
		{"+90 532 123 45 67", true},
		{"0561 / 12 34 - 56", true},
		{"0561.123456", true},
		{"Arabic-Indic: ٠١٧٦١٢٣٤٥٦٧", true},
		{"اتصل بي ٠١٧٦-١٢٣٤٥٦٧", true},
		{"+٤٩ ٥٦١ ١٢٣٤٥٦", true},
		{"Persian: ۰۱۷۶ ۱۲۳ ۴۵ ۶۷", true},
		{"شماره‌ام ۰۵۶۱/۱۲۳۴۵۶", true},
		{"‎+49 176 1234567‎", true},
		// no contact data
		{"am 12.03. um 14 Uhr", false},
		{"2 Zimmer, 45 m²", false},
		{"Postleitzahl 34117", false},
		{"am 01.03.2026 von 09-12 Uhr", false},
		{"Mo–Fr 09:00-12:00, Sa 10-14", false},
		{"z.B. Deutschkurs, d.h. zweimal pro Woche, usw.", false},
		{"Ich kann 1 Std.in der Woche helfen", false},
		{"Preis: 1.500 Euro, 3 Zimmer", false},
		{"Wir treffen uns im Jahr 2026 - 2027 jeden Montag", false},
		{"٣ غرف، ٤٥ متر مربع", false},
		{"Kinderwagen, Größe 0-3 Jahre", false},
		{"Reiseproviant: 5+3 Brötchen", false},
		{"", false},
	} {
		if got := moderation.NeedsReview(c.text); got != c.want {
			t.Errorf("NeedsReview(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
