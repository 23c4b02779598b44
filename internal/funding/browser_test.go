package funding_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
)

// TestSupporterReservesInTurkish is a campaign in Chromium, in Turkish: a
// supporter reserves (after a form with a mistake), the campaign succeeds
// at its deadline, the transfer details and the GiroCode show, the
// treasurer uploads the statement, and the open ledger shows the payment.
// Every page passes axe, reflows to 320 px and works with the keyboard.
func TestSupporterReservesInTurkish(t *testing.T) {
	e := wrap(t, apptest.New(t, "sqlite"))
	d := e.draft()
	d.Goal = 30000
	c := e.running(t, d)
	page := "/campaigns/" + c.ID

	b := e.Tom.Browser(t, page, "tr")
	if b.Attr("html", "lang") != "tr" {
		t.Fatalf("the page is not in Turkish: %q", b.Attr("html", "lang"))
	}
	b.CheckAll(t)
	b.Fill("#f-amount", "2")
	if status := b.Submit(`form[action$="/reserve"]`); status != http.StatusUnprocessableEntity {
		t.Fatalf("too little: %d", status)
	}
	if !strings.Contains(b.Text("main"), "en düşük tutarının altında") {
		t.Errorf("the error is not in Turkish: %q", b.Text("#f-amount-error"))
	}
	b.CheckAll(t)
	b.Fill("#f-amount", "300")
	b.Fill("#f-message", "Kolay gelsin!")
	b.Submit(`form[action$="/reserve"]`)
	if !strings.Contains(b.Text("main"), "€300,00 ayırdınız") {
		t.Fatalf("after reserving: %q", b.Text("main"))
	}
	b.CheckAll(t)

	e.Clock.Set(deadline.Add(time.Minute))
	if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	b.Go(e.URL + page)
	main := b.Text("main")
	r := e.reservation(t, e.Tom, c)
	for _, want := range []string{"Havaleniz", "DE89 3704 0044 0532 0130 00", grouped(r.Reference), "Kooperative Brücke eG"} {
		if !strings.Contains(main, want) {
			t.Errorf("transfer details lack %q", want)
		}
	}
	if b.Count("svg.qr") != 1 {
		t.Error("no GiroCode on the page")
	}
	b.CheckAll(t)

	// The treasurer's statement: Tom paid with his reference.
	csv := "Buchungstag;Name Zahlungsbeteiligter;Verwendungszweck;Betrag\r\n" +
		"01.04.2026;Tom Yilmaz;" + grouped(r.Reference) + ";300,00\r\n"
	if status, out := e.upload(t, e.Olga, e.OrgID, []byte(csv), "text/csv"); status != http.StatusOK || out["matched"] != float64(1) {
		t.Fatalf("upload: %d %v", status, out)
	}
	treasurer := e.Olga.Browser(t, "/organizations/"+e.OrgID+"/bookings", "tr")
	if !strings.Contains(treasurer.Text("main"), "Eşleşti") {
		t.Errorf("bookings page: %q", treasurer.Text("main"))
	}
	treasurer.CheckAll(t)

	b.Go(e.URL + "/organizations/" + e.OrgID + "/ledger")
	ledger := b.Text("main")
	if !strings.Contains(ledger, "€300,00") || !strings.Contains(ledger, "Bağış") || strings.Contains(ledger, "Tom") {
		t.Errorf("ledger: %q", ledger)
	}
	b.CheckAll(t)
	b.Go(e.URL + page + "/ledger")
	b.CheckAll(t)
}
