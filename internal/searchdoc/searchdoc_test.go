package searchdoc

import (
	"encoding/json"
	"testing"
	"time"
)

func TestGuessLang(t *testing.T) {
	for text, want := range map[string]string{
		"Wir helfen bei der Wohnungssuche und beim Umzug.": "de",
		"We help with the flat search and moving house.":   "en",
		"Ev arama ve taşınma için yardım ediyoruz.":        "tr",
		"نحن نساعد في البحث عن شقة":                        "ar",
		"ما در پیدا کردن خانه کمک می‌کنیم":                 "fa",
		"Ми допомагаємо з пошуком житла":                   "uk",
		"Мы помогаем с поиском жилья":                      "ru",
		"Caritas": "de",
	} {
		if got := GuessLang(text); got != want {
			t.Errorf("GuessLang(%q) = %s, want %s", text, got, want)
		}
	}
}

func TestStructuredData(t *testing.T) {
	ends := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	d := Doc{Type: Opportunity, ID: "x", Title: "Hausaufgabenhilfe", Body: "Dienstags in der Schule.", Lang: "de",
		Visibility: Public, Postcode: "34117", Place: "Kassel", CreatedAt: ends.AddDate(0, -1, 0), ExpiresAt: &ends, URL: "/listings/x"}
	b, err := StructuredData(d, "https://teilhabe.example", Org{Name: "Freiwilligenzentrum Kassel", URL: "https://teilhabe.example/organizations/o"})
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v["@type"] != "JobPosting" || v["employmentType"] != "VOLUNTEER" || v["url"] != "https://teilhabe.example/listings/x" ||
		v["hiringOrganization"].(map[string]any)["name"] != "Freiwilligenzentrum Kassel" || v["validThrough"] != "2026-04-01T00:00:00Z" {
		t.Errorf("JobPosting: %s", b)
	}
	// What search engines ask of a JobPosting, and nothing schema.org does
	// not give the type.
	if id, _ := v["identifier"].(map[string]any); id["value"] != "x" || v["directApply"] != true ||
		v["hiringOrganization"].(map[string]any)["url"] != "https://teilhabe.example/organizations/o" {
		t.Errorf("JobPosting without identifier, directApply or the organisation's url: %s", b)
	}
	if _, ok := v["inLanguage"]; ok {
		t.Errorf("JobPosting with inLanguage: %s", b)
	}
	d.Visibility = Members
	if b, _ := StructuredData(d, "", Org{}); b != nil {
		t.Errorf("members-only document: %s", b)
	}
	if b, _ := StructuredData(Doc{Type: Offer, Visibility: Public}, "", Org{}); b != nil {
		t.Errorf("offer: %s", b)
	}
}
