package conversation_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

// TestPageWeight keeps a full conversation page, with its assets and as
// transferred with gzip, within the platform's 30 KB.
func TestPageWeight(t *testing.T) {
	e := newEnv(t, "sqlite", true)
	anna, ben := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "ar")
	convID := e.start(t, sofa, anna, "Hallo", ben.part())
	for i := range 30 {
		p := anna
		text := fmt.Sprintf("Nachricht %d: Ich kann am Samstag zwischen zehn und zwölf Uhr vorbeikommen und das Sofa abholen. "+
			"Ein Freund hilft mir beim Tragen, wir bringen Decken mit, damit nichts zerkratzt. Passt dir das?", i)
		if i%2 == 1 {
			p, text = ben, fmt.Sprintf("الرسالة %d: نعم، السبت يناسبني تمامًا. العنوان في الطابق الثالث ولا يوجد مصعد، لذلك من الجيد أن يأتي صديقك معك. سأكون في البيت طوال الصباح.", i)
		}
		e.post(t, convID, p, text)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	login, _ := http.NewRequest(http.MethodPost, e.URL+"/login",
		strings.NewReader(url.Values{"email": {anna.Email}, "password": {apptest.Password}}.Encode()))
	login.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	login.Header.Set("Sec-Fetch-Site", "same-origin")
	if res, err := c.Do(login); err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %v %v", err, res)
	}
	get := func(path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, e.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := c.Do(req)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %v %v", path, err, res)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		body := raw
		if res.Header.Get("Content-Encoding") == "gzip" {
			zr, _ := gzip.NewReader(bytes.NewReader(raw))
			body, _ = io.ReadAll(zr)
		}
		return len(raw), string(body)
	}
	for _, path := range []string{"/conversations/" + convID, "/conversations"} {
		size, body := get(path)
		total := size
		for _, m := range regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(body, -1) {
			n, _ := get(m[1])
			total += n
		}
		t.Logf("%s: page %d B (%d B unpacked), with assets %d B", path, size, len(body), total)
		if total > 30*1024 {
			t.Errorf("%s weighs %d bytes with its assets", path, total)
		}
	}
}
