package funding_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/funding"
)

// paidCampaign is a successful campaign: Mia reserved 600 euros, Sami 400
// and Tom 300.
func (e *env) paidCampaign(t *testing.T) (c *funding.Campaign, mia, sami, tom *funding.Reservation) {
	t.Helper()
	c = e.running(t, e.draft())
	mia, sami, tom = e.reserve(t, e.Mia, c, 60000), e.reserve(t, e.Sami, c, 40000), e.reserve(t, e.Tom, c, 30000)
	e.Clock.Set(deadline.Add(time.Hour))
	if err := e.Funding.JudgeDue(ctx, e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	return c, mia, sami, tom
}

// statement is a test file with the supporters' references filled in.
func statement(t *testing.T, name string, refs map[string]string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for k, v := range refs {
		s = strings.ReplaceAll(s, "{{"+k+"}}", v)
	}
	return []byte(s)
}

func grouped(s string) string { return strings.Join(splitFours(s), " ") }

func (e *env) reservation(t *testing.T, who *apptest.Person, c *funding.Campaign) *funding.Reservation {
	t.Helper()
	r, err := e.Funding.MyReservation(ctx, who.Identity(), c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCamtImportMatchesProposesAndNeverImportsTwice(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c, mia, sami, tom := e.paidCampaign(t)
		refs := map[string]string{"MIA": mia.Reference, "SAMI_GROUPED": grouped(sami.Reference)}
		v02 := statement(t, "camt053_v02.xml", refs)
		if _, err := e.Funding.Import(ctx, e.Rolf.Identity(), e.OrgID, v02, funding.Layout{}); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("an editor who is no treasurer imported: %v", err)
		}
		res, err := e.Funding.Import(ctx, e.Olga.Identity(), e.OrgID, v02, funding.Layout{})
		if err != nil {
			t.Fatal(err)
		}
		// Five entries, one pending (left out), one a batch of two: five transactions.
		if res.Entries != 5 || res.New != 5 || res.Matched != 2 || res.Proposed != 1 {
			t.Errorf("first import: %+v", res)
		}
		if r := e.reservation(t, e.Mia, c); r.Paid != 60000 || r.PaidAt == nil {
			t.Errorf("Mia paid %d", r.Paid)
		}
		if r := e.reservation(t, e.Sami, c); r.Paid != 40000 {
			t.Errorf("Sami, reference in the text: paid %d", r.Paid)
		}
		if r := e.reservation(t, e.Tom, c); r.Paid != 0 {
			t.Errorf("Tom is only proposed, yet paid %d", r.Paid)
		}
		again, err := e.Funding.Import(ctx, e.Olga.Identity(), e.OrgID, v02, funding.Layout{})
		if err != nil || again.New != 0 || again.Matched != 0 {
			t.Errorf("repeated import: %v %+v", err, again)
		}
		bookings, _ := e.Funding.Bookings(ctx, e.Olga.Identity(), e.OrgID, "", 100)
		if len(bookings) != 5 {
			t.Fatalf("%d bookings after two imports of one file", len(bookings))
		}
		byStatus := map[string][]*funding.Booking{}
		for _, b := range bookings {
			byStatus[b.Status] = append(byStatus[b.Status], b)
		}
		if len(byStatus[funding.Matched]) != 2 || len(byStatus[funding.Proposed]) != 1 || len(byStatus[funding.Pending]) != 2 {
			t.Errorf("statuses: %v", byStatus)
		}
		proposed := byStatus[funding.Proposed][0]
		if proposed.ReservationID != tom.ID || proposed.Amount != 30000 {
			t.Errorf("proposal %+v", proposed)
		}
		if _, err := e.Funding.ReviewBooking(ctx, e.Olga.Identity(), e.OrgID, proposed.ID, funding.Review{Action: "confirm"}); err != nil {
			t.Fatal(err)
		}
		if r := e.reservation(t, e.Tom, c); r.Paid != 30000 {
			t.Errorf("Tom confirmed: paid %d", r.Paid)
		}
		for _, b := range byStatus[funding.Pending] {
			rv := funding.Review{Action: "discard"}
			if b.Amount < 0 {
				rv = funding.Review{Action: "expense", Category: "rent", Note: "Lagerraum"}
			}
			if _, err := e.Funding.ReviewBooking(ctx, e.Olga.Identity(), e.OrgID, b.ID, rv); err != nil {
				t.Fatalf("review %+v: %v", b, err)
			}
		}
		kept, _ := e.Funding.Bookings(ctx, e.Olga.Identity(), e.OrgID, "", 100)
		if len(kept) != 4 {
			t.Errorf("%d bookings kept; want the three credits and the expense", len(kept))
		}
		if again, _ := e.Funding.Import(ctx, e.Olga.Identity(), e.OrgID, v02, funding.Layout{}); again.New != 0 {
			t.Errorf("discarded entries came back: %+v", again)
		}

		// The later statement in version 001.08 repeats Mia's payment (the
		// same AcctSvcrRef) and returns it.
		v08 := statement(t, "camt053_v08.xml", refs)
		res, err = e.Funding.Import(ctx, e.Olga.Identity(), e.OrgID, v08, funding.Layout{})
		if err != nil || res.Entries != 3 || res.New != 2 || res.Reversed != 1 {
			t.Errorf("v08: %v %+v", err, res)
		}
		if r := e.reservation(t, e.Mia, c); r.Paid != 0 {
			t.Errorf("Mia's payment returned, yet paid %d", r.Paid)
		}
		p, _ := e.Funding.Progress(ctx, c)
		if p.Paid != 70000 {
			t.Errorf("paid %d; want Sami's and Tom's", p.Paid)
		}
	})
}

func TestZipOfStatementsAndTheGermanCSV(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c, mia, sami, tom := e.paidCampaign(t)
		refs := map[string]string{"MIA": mia.Reference, "SAMI_GROUPED": grouped(sami.Reference)}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range []string{"camt053_v02.xml", "camt053_v08.xml"} {
			w, _ := zw.Create("2026/" + name)
			w.Write(statement(t, name, refs))
		}
		zw.Close()
		res, err := e.Funding.Import(ctx, e.Olga.Identity(), e.OrgID, buf.Bytes(), funding.Layout{})
		if err != nil || res.Entries != 8 || res.New != 7 {
			t.Fatalf("zip: %v %+v", err, res)
		}

		// The CSV of a savings bank: a preamble, Windows-1252, decimal commas.
		csv := "\"Umsätze Girokonto\";\"DE89370400440532013000\"\r\n\r\n" +
			"Buchungstag;Valutadatum;Name Zahlungsbeteiligter;Verwendungszweck;Betrag;Waehrung\r\n" +
			"12.04.2026;12.04.2026;Tom Yılmaz;Lastenrad " + grouped(tom.Reference) + ";300,00;EUR\r\n" +
			"12.04.2026;12.04.2026;Jürgen Müller;Spende;1.250,00;EUR\r\n" +
			"13.04.2026;13.04.2026;Stadtwerke;Strom April;-45,10;EUR\r\n"
		enc, err := charmap.Windows1252.NewEncoder().String(strings.ReplaceAll(csv, "ı", "i"))
		if err != nil {
			t.Fatal(err)
		}
		res, err = e.Funding.Import(ctx, e.Olga.Identity(), e.OrgID, []byte(enc), funding.Layout{})
		if err != nil || res.Entries != 3 || res.New != 3 || res.Matched != 1 {
			t.Fatalf("csv: %v %+v", err, res)
		}
		if r := e.reservation(t, e.Tom, c); r.Paid != 30000 {
			t.Errorf("Tom paid %d", r.Paid)
		}
		pending, _ := e.Funding.Bookings(ctx, e.Olga.Identity(), e.OrgID, funding.Pending, 100)
		found := false
		for _, b := range pending {
			found = found || (b.Counterparty == "Jürgen Müller" && b.Amount == 125000)
		}
		if !found {
			t.Errorf("the Windows-1252 name or the amount with thousands was misread: %+v", pending)
		}
		// The same file in UTF-8 with its own column names.
		utf := strings.Replace(csv, "Betrag;Waehrung", "Umsatz in EUR;Waehrung", 1)
		res, err = e.Funding.Import(ctx, e.Olga.Identity(), e.OrgID, []byte(utf), funding.Layout{Amount: "Umsatz in EUR"})
		if err != nil || res.New != 1 {
			// Only Tom's line differs (ı instead of i): the others are the same entries.
			t.Errorf("utf-8 csv: %v %+v", err, res)
		}
	})
}

func TestHostileFilesAreRefusedCleanly(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
			`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><Document><BkToCstmrStmt><Stmt><Ntry><Amt>&lol3;</Amt></Ntry></Stmt></BkToCstmrStmt></Document>`
		external := `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>`
		var bomb bytes.Buffer
		zw := zip.NewWriter(&bomb)
		w, _ := zw.Create("statement.xml")
		w.Write([]byte("<Document>"))
		zero := make([]byte, 1<<20)
		for range 60 {
			w.Write(zero)
		}
		zw.Close()
		for name, file := range map[string][]byte{
			"entity expansion": []byte(laughs), "external entity": []byte(external), "zip bomb": bomb.Bytes(),
			"huge":       bytes.Repeat([]byte("<a>"), 7<<20),
			"broken xml": []byte(`<Document><BkToCstmrStmt><Stmt><Ntry><Amt>1`),
			"no columns": []byte("a;b;c\r\n1;2;3\r\n"),
		} {
			_, err := e.Funding.Import(ctx, e.Olga.Identity(), e.OrgID, file, funding.Layout{})
			if ae := apperr.As(err); ae.Code != apperr.Invalid || ae.Fields["file"] == "" {
				t.Errorf("%s: %v", name, err)
			}
		}
		if len(bomb.Bytes()) > 1<<20 {
			t.Fatalf("the bomb is %d bytes compressed", bomb.Len())
		}
		var n int
		e.P.DB.QueryRowContext(ctx, `SELECT count(*) FROM funding_statements`).Scan(&n)
		if n != 0 {
			t.Errorf("%d statements stored", n)
		}
		res := e.Olga.Web.Get("/organizations/" + e.OrgID + "/bookings")
		apptest.WantStatus(t, "bookings page", res.Status, http.StatusOK, res.Body)
	})
}

// upload sends a statement file to the API as who.
func (e *env) upload(t *testing.T, who *apptest.Person, orgID string, data []byte, ctype string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/api/v1/organizations/"+orgID+"/statements", bytes.NewReader(data))
	req.Header.Set("Content-Type", ctype)
	if who != nil {
		req.Header.Set("Authorization", "Bearer "+who.Token(t))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

func TestStatementAPIAndTreasurers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c, mia, sami, _ := e.paidCampaign(t)
		v02 := statement(t, "camt053_v02.xml", map[string]string{"MIA": mia.Reference, "SAMI_GROUPED": grouped(sami.Reference)})
		for who, p := range map[string]*apptest.Person{"editor": e.Rolf, "supporter": e.Mia, "other org": e.Tom, "visitor": nil} {
			status, _ := e.upload(t, p, e.OrgID, v02, "application/xml")
			if status != http.StatusForbidden && status != http.StatusUnauthorized {
				t.Errorf("%s uploaded: %d", who, status)
			}
			if p != nil {
				if status, _ := p.API(t, http.MethodGet, "/api/v1/organizations/"+e.OrgID+"/bookings", nil); status != http.StatusForbidden {
					t.Errorf("%s listed bookings: %d", who, status)
				}
			}
		}
		if err := e.Funding.NameTreasurer(ctx, e.Rolf.Identity(), e.OrgID, e.Rolf.ID, true); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("an editor named himself treasurer: %v", err)
		}
		res := e.Olga.Web.Post("/organizations/"+e.OrgID+"/treasurers", apptest.Form("user_id", e.Rolf.ID, "named", "1"))
		apptest.WantStatus(t, "name Rolf", res.Status, http.StatusSeeOther, res.Body)
		status, out := e.upload(t, e.Rolf, e.OrgID, v02, "application/xml")
		if status != http.StatusOK || out["matched"] != float64(2) {
			t.Fatalf("treasurer's upload: %d %v", status, out)
		}
		status, out = e.Rolf.API(t, http.MethodGet, "/api/v1/organizations/"+e.OrgID+"/bookings?status=pending", nil)
		if status != http.StatusOK || len(out["bookings"].([]any)) != 2 {
			t.Fatalf("pending: %d %v", status, out)
		}
		var rent string
		for _, b := range out["bookings"].([]any) {
			if b.(map[string]any)["amount"].(float64) < 0 {
				rent = b.(map[string]any)["id"].(string)
			}
		}
		status, out = e.Rolf.API(t, http.MethodPatch, "/api/v1/organizations/"+e.OrgID+"/bookings/"+rent,
			json.RawMessage(`{"action":"expense","category":"rent","note":"Lager"}`))
		if status != http.StatusOK || out["status"] != "expense" {
			t.Errorf("book the rent: %d %v", status, out)
		}
		if err := e.Orgs.RemoveMember(ctx, e.Olga.ID, e.OrgID, e.Rolf.ID); err != nil {
			t.Fatal(err)
		}
		if status, _ := e.Rolf.API(t, http.MethodGet, "/api/v1/organizations/"+e.OrgID+"/bookings", nil); status != http.StatusForbidden {
			t.Errorf("a removed treasurer listed bookings: %d", status)
		}
		if res := e.Rolf.Web.Get("/organizations/" + e.OrgID + "/bookings"); res.Status != http.StatusForbidden {
			t.Errorf("a removed treasurer saw the page: %d", res.Status)
		}
		status, out = e.API(t, "", http.MethodGet, "/api/v1/campaigns/"+c.ID+"/ledger", nil)
		if status != http.StatusOK || out["in"] != float64(100000) || out["out"] != float64(0) {
			t.Errorf("campaign ledger: %d %v", status, out)
		}
		status, out = e.API(t, "", http.MethodGet, "/api/v1/organizations/"+e.OrgID+"/ledger", nil)
		if status != http.StatusOK || out["in"] != float64(100000) || out["out"] != float64(80000) || out["balance"] != float64(20000) {
			t.Errorf("organisation ledger: %d %v", status, out)
		}
		csv := e.Client(t).Get("/organizations/" + e.OrgID + "/ledger.csv")
		apptest.Contains(t, "csv", csv.Body, "-800.00,expense,,rent,Lager", "600.00,donation,Ein Lastenrad für die Kooperative")
		apptest.Lacks(t, "csv", csv.Body, "Mia", "Sami")
		atom := e.Client(t).Get("/organizations/" + e.OrgID + "/ledger.atom")
		apptest.Contains(t, "atom", atom.Body, "<feed", "Kassenbuch von Kooperative Brücke")
	})
}

func TestUnpaidSupportersAreRemindedOnceAfterTwoWeeks(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		c, mia, sami, _ := e.paidCampaign(t)
		v02 := statement(t, "camt053_v02.xml", map[string]string{"MIA": mia.Reference, "SAMI_GROUPED": grouped(sami.Reference)})
		if _, err := e.Funding.Import(ctx, e.Olga.Identity(), e.OrgID, v02, funding.Layout{}); err != nil {
			t.Fatal(err)
		}
		e.DeliverMail(t)
		before := map[string]int{}
		for _, p := range []*apptest.Person{e.Mia, e.Sami, e.Tom} {
			before[p.Email] = e.MailCount(t, p.Email)
		}
		e.Clock.Set(deadline.Add(13 * 24 * time.Hour))
		if err := e.Funding.RemindUnpaid(ctx, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		e.Clock.Set(deadline.Add(15 * 24 * time.Hour))
		for range 2 {
			if err := e.Funding.RemindUnpaid(ctx, e.Clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
		e.DeliverMail(t)
		for p, want := range map[*apptest.Person]int{e.Mia: 0, e.Sami: 0, e.Tom: 1} {
			if got := e.MailCount(t, p.Email) - before[p.Email]; got != want {
				t.Errorf("%s got %d reminders; want %d", p.Email, got, want)
			}
		}
		out := e.Outbox(t, e.Tom.Email)
		found := false
		for _, m := range out {
			found = found || strings.Contains(m.Subject, "henüz ulaşmadı") && strings.Contains(m.Text, "EUR 300.00") && m.Lang == "tr"
		}
		if !found {
			t.Errorf("no Turkish reminder with the amount in %+v", out)
		}
		_ = c
	})
}
