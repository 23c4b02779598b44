package mail_test

import (
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/mail"
)

func TestRenderTextAndHTMLFromOneBody(t *testing.T) {
	r, err := mail.Render(mail.Message{
		To:      "amira@example.org",
		Lang:    "ar",
		Subject: "تأكيد عنوان بريدك",
		Body: mail.Body{
			Greeting:   "مرحبا أميرة،",
			Paragraphs: []string{"first <b>line</b>\nsecond line", "another & paragraph"},
			Action:     &mail.Action{Label: "تأكيد", URL: "https://teilhabe.test/verify?t=a&u=b"},
			Footer:     "teilhabe",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantText := "مرحبا أميرة،\n\nfirst <b>line</b>\nsecond line\n\nanother & paragraph\n\n" +
		"تأكيد: https://teilhabe.test/verify?t=a&u=b\n\n-- \nteilhabe\n"
	if r.Text != wantText {
		t.Errorf("text:\n%q\nwant\n%q", r.Text, wantText)
	}
	for _, want := range []string{
		`<html lang="ar" dir="rtl">`,
		`<title>تأكيد عنوان بريدك</title>`,
		`<p>first &lt;b&gt;line&lt;/b&gt;<br>second line</p>`,
		`<p>another &amp; paragraph</p>`,
		`<a href="https://teilhabe.test/verify?t=a&amp;u=b">تأكيد</a>`,
		`<small>teilhabe</small>`,
	} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, r.HTML)
		}
	}
	if strings.Contains(r.HTML, "style") || strings.Contains(r.HTML, "<b>") {
		t.Errorf("HTML carries styles or caller markup:\n%s", r.HTML)
	}
}

func TestRenderDirection(t *testing.T) {
	cases := []struct{ lang, dir, want string }{
		{"de", "", `dir="ltr"`},
		{"fa", "", `dir="rtl"`},
		{"ar-SY", "", `dir="rtl"`},
		{"uk", "", `dir="ltr"`},
		{"de", "rtl", `dir="rtl"`}, // the caller knows best
	}
	for _, c := range cases {
		r, err := mail.Render(mail.Message{To: "x@example.org", Lang: c.lang, Subject: "s", Body: mail.Body{Dir: c.dir}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.HTML, c.want) {
			t.Errorf("lang %q dir %q: HTML lacks %s", c.lang, c.dir, c.want)
		}
	}
}

func TestRenderRefusesBrokenMessages(t *testing.T) {
	ok := mail.Message{To: "x@example.org", Subject: "s"}
	cases := map[string]func(m *mail.Message){
		"no address":          func(m *mail.Message) { m.To = "" },
		"not an address":      func(m *mail.Message) { m.To = "nobody" },
		"display name":        func(m *mail.Message) { m.To = "X <x@example.org>" },
		"two addresses":       func(m *mail.Message) { m.To = "x@example.org, y@example.org" },
		"empty subject":       func(m *mail.Message) { m.Subject = " " },
		"header injection":    func(m *mail.Message) { m.Subject = "hi\r\nBcc: y@example.org" },
		"script URL":          func(m *mail.Message) { m.Body.Action = &mail.Action{Label: "x", URL: "javascript:alert(1)"} },
		"relative URL":        func(m *mail.Message) { m.Body.Action = &mail.Action{Label: "x", URL: "/verify"} },
		"unknown direction":   func(m *mail.Message) { m.Body.Dir = "up" },
		"quote in a language": func(m *mail.Message) { m.Lang = `de"` },
	}
	for name, spoil := range cases {
		m := ok
		spoil(&m)
		if _, err := mail.Render(m); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: got %v, want an Invalid error", name, err)
		}
	}
	if _, err := mail.Render(ok); err != nil {
		t.Errorf("valid message refused: %v", err)
	}
}

func TestRetryDelayGrowsAndLevelsOff(t *testing.T) {
	prev := mail.RetryDelay(0)
	for attempt := 1; attempt < mail.MaxAttempts+3; attempt++ {
		d := mail.RetryDelay(attempt)
		if d < prev {
			t.Errorf("delay after attempt %d is %v, shorter than %v before", attempt, d, prev)
		}
		prev = d
	}
	if mail.RetryDelay(1) != mail.RetryDelay(0) || mail.RetryDelay(100) > 48*time.Hour {
		t.Errorf("delays out of bounds: first %v, far %v", mail.RetryDelay(1), mail.RetryDelay(100))
	}
}

func TestAttachmentsAreChecked(t *testing.T) {
	base := mail.Message{To: "amira@example.org", Subject: "Morgen", Body: mail.Body{Paragraphs: []string{"Bis morgen."}}}
	good := &mail.Attachment{Name: "event.ics", Type: "text/calendar", Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")}
	m := base
	m.Attachment = good
	if r, err := mail.Render(m); err != nil || r.Attachment != good {
		t.Fatalf("a calendar attachment: %v, %+v", err, r.Attachment)
	}
	for _, bad := range []*mail.Attachment{
		{Name: "", Type: "text/calendar", Data: good.Data},
		{Name: "a\r\nBcc: x@example.org", Type: "text/calendar", Data: good.Data},
		{Name: "event.ics", Type: "text/calendar; charset=utf-8\r\nX: y", Data: good.Data},
		{Name: "event.ics", Type: "text/calendar", Data: nil},
		{Name: "big.ics", Type: "text/calendar", Data: make([]byte, mail.MaxAttachment+1)},
	} {
		m := base
		m.Attachment = bad
		if _, err := mail.Render(m); err == nil {
			t.Errorf("attachment %q %q (%d bytes) accepted", bad.Name, bad.Type, len(bad.Data))
		}
	}
}
