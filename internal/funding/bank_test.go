package funding

import "testing"

func TestIBANChecksum(t *testing.T) {
	for s, want := range map[string]bool{
		"DE89370400440532013000": true, "DE02120300000000202051": true, "GB82WEST12345698765432": true,
		"AT611904300234573201": true, "DE89370400440532013001": false, "DE8937040044053201300": false,
		"XX89370400440532013000": false, "DE89 3704": false, "": false,
	} {
		if got := ValidIBAN(compact(s)); got != want {
			t.Errorf("ValidIBAN(%q) = %v; want %v", s, got, want)
		}
	}
}

func TestCreditorReferences(t *testing.T) {
	// The examples of ISO 11649.
	for s, want := range map[string]bool{"RF18539007547034": true, "RF18000000000539007547034": true,
		"RF19539007547034": false, "RF18": false, "RF71A": false} {
		if got := ValidReference(s); got != want {
			t.Errorf("ValidReference(%q) = %v; want %v", s, got, want)
		}
	}
	if got := referenceFor("539007547034"); got != "RF18539007547034" {
		t.Errorf("referenceFor = %s", got)
	}
	seen := map[string]bool{}
	for range 200 {
		r := newReference()
		if !ValidReference(r) || len(r) != 16 || seen[r] {
			t.Fatalf("newReference gave %q", r)
		}
		seen[r] = true
	}
}

func TestReferenceFoundInRemittanceText(t *testing.T) {
	ref := "RF18539007547034"
	for _, text := range []string{"Spende RF18 5390 0754 7034 danke", "rf18539007547034", "SVWZ+RF18539007547034 Lastenrad",
		"EREF+NOTPROVIDED RF18 5390 0754 7034"} {
		found := false
		for _, r := range findReferences(text) {
			found = found || r == ref
		}
		if !found {
			t.Errorf("%q: found %v", text, findReferences(text))
		}
	}
	if got := findReferences("Miete Dezember"); len(got) != 0 {
		t.Errorf("found %v in rent", got)
	}
}

func TestEurosTypedInForms(t *testing.T) {
	for s, want := range map[string]int64{"25": 2500, "12,50": 1250, "12.5": 1250, "1.250,00": 125000, "1,250.00": 125000,
		"€ 10": 1000, "0,99": 99, "10 EUR": 1000} {
		if got, ok := parseEuros(s); !ok || got != want {
			t.Errorf("parseEuros(%q) = %d %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "zehn", "1,2,3a", "-5"} {
		if _, ok := parseEuros(s); ok {
			t.Errorf("parseEuros(%q) took it", s)
		}
	}
}
