package secrets

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	secret, _ := New()
	other, _ := New()
	for _, c := range []struct{ in, want string }{
		{"https://example.org/password/reset/" + secret, "https://example.org/password/reset/…"},
		{"/invitations/" + secret + "\nund /listings/0190a0a0-0000-7000-8000-000000000001/extend/" + other + " bitte",
			"/invitations/…\nund /listings/0190a0a0-0000-7000-8000-000000000001/extend/… bitte"},
		{"/searches/unsubscribe/" + secret + "?x=1", "/searches/unsubscribe/…?x=1"},
		{"/a/" + secret + "x", "/a/" + secret + "x"}, // longer: no secret of ours
		{"Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen", "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"},
		{"", ""},
		{"/", "/"},
	} {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if strings.Contains(Redact("/x/"+secret), secret) {
		t.Error("the secret survived")
	}
}
