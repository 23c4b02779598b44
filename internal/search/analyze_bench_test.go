package search

import "testing"

// The cost of reading a query and of analysing a document, for the
// figures in docs/BENCHMARKS.md: go test -run ^$ -bench 'ParseQuery|AnalyzeDoc' ./internal/search/
func BenchmarkParseQuery(b *testing.B) {
	queries := []string{"Deutschkurs", "German course", "bike repair Kassel", "курсы немецкого", "دراجات للأطفال",
		"Almanca kursu", "Wohnugn", "Fahrrad reparieren -Verkauf", `"Deutsch lernen" Abend`, "kiralik ev"}
	a := newAnalyzer()
	parseQuery(a, "warm up")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		parseQuery(a, queries[i%len(queries)])
	}
}

func BenchmarkAnalyzeDoc(b *testing.B) {
	title := "Fahrradwerkstatt im Gemeinschaftsgarten: Hausaufgabenhilfe und Deutschkurs"
	body := "Wir reparieren gemeinsam Fahrräder, flicken Reifen und lernen dabei Deutsch. Kinderbetreuung gibt es im " +
		"Nachbarschaftshaus, Anmeldung beim Stadtteilzentrum Nord. Werkzeug und Ersatzteile sind da."
	for i := 0; b.Loop(); i++ {
		a := newAnalyzer() // an empty cache: every word analysed afresh
		a.analyzeDoc(title, body, "de", "Kassel", "34117")
	}
}
