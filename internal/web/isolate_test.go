package web

import (
	"html/template"
	"testing"

	"teilhabe.org/teilhabe/internal/i18n"
)

// TestTNames: names inside a translated sentence come out escaped and
// isolated, the sentence around them escaped, other arguments as given.
func TestTNames(t *testing.T) {
	v := &View{L: localizers(t)("ar")}
	got := v.TNames("web.date.range", "From", "Kassel e. V.", "To", `<b>"حلب"</b>`)
	want := `من <bdi>Kassel e. V.</bdi> إلى <bdi>&lt;b&gt;&#34;حلب&#34;&lt;/b&gt;</bdi>`
	if string(got) != want {
		t.Errorf("TNames = %s\nwant     %s", got, want)
	}
	got = v.TNames("web.date.range", "From", template.HTML("<bdi>A</bdi>, <bdi>ب</bdi>"), "To", "C")
	if want := `من <bdi>A</bdi>, <bdi>ب</bdi> إلى <bdi>C</bdi>`; string(got) != want {
		t.Errorf("TNames with markup = %s", got)
	}
	v = &View{L: localizers(t)(i18n.Default)}
	if got := v.TNames("layout.nav.messages.unread", "Count", 3); string(got) != v.T("layout.nav.messages.unread", "Count", 3) {
		t.Errorf("a count changed: %s", got)
	}
}
