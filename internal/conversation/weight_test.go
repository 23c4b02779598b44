package conversation_test

import (
	"fmt"
	"regexp"
	"testing"
)

// TestPageWeight keeps a full conversation page, with its assets and as
// transferred with gzip, within the platform's 30 KB.
func TestPageWeight(t *testing.T) {
	e := newEnv(t, "sqlite", true)
	anna, ben := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "ar")
	convID := e.start(t, sofa, anna, "Hallo", part(ben))
	for i := range 30 {
		p := anna
		text := fmt.Sprintf("Nachricht %d: Ich kann am Samstag zwischen zehn und zwölf Uhr vorbeikommen und das Sofa abholen. "+
			"Ein Freund hilft mir beim Tragen, wir bringen Decken mit, damit nichts zerkratzt. Passt dir das?", i)
		if i%2 == 1 {
			p, text = ben, fmt.Sprintf("الرسالة %d: نعم، السبت يناسبني تمامًا. العنوان في الطابق الثالث ولا يوجد مصعد، لذلك من الجيد أن يأتي صديقك معك. سأكون في البيت طوال الصباح.", i)
		}
		e.post(t, convID, p, text)
	}
	for _, path := range []string{"/conversations/" + convID, "/conversations"} {
		size, body := anna.Web.Transferred(path)
		total := size
		for _, m := range regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(body, -1) {
			n, _ := anna.Web.Transferred(m[1])
			total += n
		}
		t.Logf("%s: page %d B (%d B unpacked), with assets %d B", path, size, len(body), total)
		if total > 30*1024 {
			t.Errorf("%s weighs %d bytes with its assets", path, total)
		}
	}
}
