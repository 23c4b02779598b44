package coop_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/coop"
)

// list reads the member list as of a day as the board.
func (e *env) list(t *testing.T, on time.Time) []coop.Entry {
	t.Helper()
	_, l, err := e.Coops.MemberList(ctx, e.Olga.Identity(), e.Coop.ID, on, "test")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestMemberListAsOfAPastDayStaysTheSame(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		board := e.Olga.Identity()
		if err := e.Coops.Book(ctx, board, e.Coop.ID, coop.ShareDraft{Kind: "payment", MemberID: e.RitaM, Cents: 50_00,
			BookedOn: day(2026, 3, 2)}); err != nil {
			t.Fatal(err)
		}
		first := day(2026, 3, 2)
		before := e.list(t, first)
		csvBefore := e.csv(t, first)
		if len(before) != 3 || before[0].Name != "Olga Orlova" || before[0].Shares != 2 || before[2].Name != "Rolf Roth" {
			t.Fatalf("first day: %+v", before)
		}

		// Later: a new member, a transfer of all of Rolf's shares to Rita,
		// Olga's new address, Rita's notice, more shares for Olga.
		e.Clock.Advance(30 * 24 * time.Hour)
		e.record(t, e.Mia.ID, "Mia Müller", 3)
		if err := e.Coops.Book(ctx, board, e.Coop.ID, coop.ShareDraft{Kind: "transfer", MemberID: e.RolfM, ToID: e.RitaM, Shares: 1}); err != nil {
			t.Fatal(err)
		}
		if err := e.Coops.ChangeDetails(ctx, board, e.Coop.ID, e.OlgaM, "Olga Orlova-Schmidt", "Elbchaussee 9\n22763 Hamburg"); err != nil {
			t.Fatal(err)
		}
		if err := e.Coops.Book(ctx, board, e.Coop.ID, coop.ShareDraft{Kind: "subscribe", MemberID: e.OlgaM, Shares: 3}); err != nil {
			t.Fatal(err)
		}
		leaves, err := e.Coops.End(ctx, e.Rita.Identity(), e.Coop.ID, e.RitaM, coop.Notice, time.Time{}, "")
		if err != nil || !leaves.Equal(day(2026, 12, 31)) {
			t.Fatalf("notice: %v %v", leaves, err)
		}

		if after := e.list(t, first); !reflect.DeepEqual(after, before) {
			t.Errorf("the list of the first day changed:\nbefore %+v\nafter  %+v", before, after)
		}
		if csv := e.csv(t, first); csv != csvBefore {
			t.Errorf("the CSV of the first day changed:\n%s\n%s", csvBefore, csv)
		}
		now := e.list(t, day(2026, 4, 1))
		byName := map[string]coop.Entry{}
		for _, x := range now {
			byName[x.Name] = x
		}
		if len(now) != 4 || byName["Olga Orlova-Schmidt"].Shares != 5 || byName["Rita Rahimi"].Shares != 2 ||
			byName["Rolf Roth"].LeftOn == nil || byName["Rolf Roth"].Reason != coop.Transfer || byName["Rita Rahimi"].LeftOn != nil {
			t.Errorf("a month later: %+v", now)
		}
		end := e.list(t, day(2027, 1, 1))
		for _, x := range end {
			if x.Name == "Rita Rahimi" && (x.LeftOn == nil || !x.LeftOn.Equal(day(2026, 12, 31)) || x.Reason != coop.Notice) {
				t.Errorf("Rita after the year: %+v", x)
			}
		}
	})
}

func (e *env) csv(t *testing.T, on time.Time) string {
	t.Helper()
	res := e.Olga.Web.Get("/coops/" + e.Coop.ID + "/members.csv?as_of=" + on.Format("2006-01-02"))
	apptest.WantStatus(t, "csv", res.Status, http.StatusOK, res.Body)
	return res.Body
}

func TestMemberListOnlyForMembersAndBoards(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		path := "/coops/" + e.Coop.ID + "/members"
		apptest.Contains(t, "member", e.Rita.Web.Get(path).Body, "Olga Orlova", "Rolf Roth", "Hafenstraße 1")
		if res := e.Rita.Web.Get(path + ".csv"); res.Status != http.StatusForbidden {
			t.Errorf("member's CSV: %d", res.Status)
		}
		if st, _ := e.Rita.API(t, http.MethodGet, "/api/v1/coops/"+e.Coop.ID+"/members", nil); st != http.StatusForbidden {
			t.Errorf("member through the API: %d", st)
		}
		// Rolf is excluded: a removed member sees nothing more.
		if _, err := e.Coops.End(ctx, e.Olga.Identity(), e.Coop.ID, e.RolfM, coop.Exclusion, time.Time{}, "Beschluss vom 1.3."); err != nil {
			t.Fatal(err)
		}
		for _, p := range []*apptest.Person{e.Mia, e.Rolf} {
			res := p.Web.Get(path)
			if res.Status != http.StatusForbidden || strings.Contains(res.Body, "Hafenstraße") {
				t.Errorf("%s sees the list: %d", p.Email, res.Status)
			}
			if st, _ := p.API(t, http.MethodGet, "/api/v1/coops/"+e.Coop.ID+"/members.csv", nil); st != http.StatusForbidden {
				t.Errorf("%s exports: %d", p.Email, st)
			}
			if st, _ := p.API(t, http.MethodGet, "/api/v1/coops/"+e.Coop.ID+"/shares", nil); st != http.StatusForbidden && p == e.Mia {
				t.Errorf("%s reads the shares: %d", p.Email, st)
			}
		}
		if res := e.Client(t).Get(path); res.Status != http.StatusUnauthorized && res.Status != http.StatusSeeOther {
			t.Errorf("visitor: %d", res.Status)
		}
		st, out := e.Olga.API(t, http.MethodGet, "/api/v1/coops/"+e.Coop.ID+"/members?as_of=2026-03-02", nil)
		if st != http.StatusOK || len(out["members"].([]any)) != 3 {
			t.Errorf("board through the API: %d %v", st, out)
		}
		st, body := e.APIRaw(t, e.Olga.Token(t), http.MethodGet, "/api/v1/coops/"+e.Coop.ID+"/members.csv?as_of=2026-03-02", nil)
		if st != http.StatusOK || !strings.Contains(string(body), "Rita Rahimi") || !strings.Contains(string(body), "Ausschluss (§ 68 GenG)") {
			t.Errorf("board CSV: %d %s", st, body)
		}
		var n int
		if err := e.P.DB.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE action = 'coop.list.view' AND object_id = $1`, e.Coop.ID).Scan(&n); err != nil || n != 3 {
			t.Errorf("views logged: %d %v", n, err)
		}
	})
}

func TestApplyAdmitReject(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ana := e.NewPersonLang(t, "ana", auth.Member, "ar")
		res := ana.Web.Post("/coops/"+e.Coop.ID+"/apply", apptest.Form("name", "Ana Haddad", "address", "Weg 1", "shares", "50"))
		apptest.WantStatus(t, "apply wrong", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "apply wrong", res.Body, `id="f-shares-error"`, `id="f-declare-error"`, `value="Ana Haddad"`, `dir="rtl"`,
			"erkläre hiermit unbedingt meinen Beitritt")
		res = ana.Web.Post("/coops/"+e.Coop.ID+"/apply", apptest.Form("name", "Ana Haddad", "address", "Weg 1", "shares", "2",
			"statutes_seen", "1", "declare", "1"))
		apptest.WantStatus(t, "apply", res.Status, http.StatusSeeOther, res.Body)
		st, out := ana.API(t, http.MethodPost, "/api/v1/coops/"+e.Coop.ID+"/applications",
			json.RawMessage(`{"name":"Ana","address":"Weg 1","shares":1,"statutes_seen":true,"declare":true}`))
		if st != http.StatusConflict {
			t.Errorf("second application: %d %v", st, out)
		}
		_, as, err := e.Coops.Applications(ctx, e.Olga.Identity(), e.Coop.ID)
		if err != nil || len(as) != 1 || !strings.Contains(as[0].Declaration, "2 Geschäftsanteil(en) zu je 100,00 €") {
			t.Fatalf("applications: %v %+v", err, as)
		}
		_, _, err = e.Coops.Applications(ctx, e.Rita.Identity(), e.Coop.ID)
		apptest.WantCode(t, "member lists applications", err, apperr.Forbidden)
		if res := e.Rita.Web.Post("/coops/"+e.Coop.ID+"/applications/"+as[0].ID+"/admit", nil); res.Status != http.StatusForbidden {
			t.Errorf("member admits: %d", res.Status)
		}
		if st, _ := e.Mia.API(t, http.MethodPost, "/api/v1/coops/"+e.Coop.ID+"/applications/"+as[0].ID+"/admit", nil); st != http.StatusForbidden {
			t.Errorf("stranger admits: %d", st)
		}
		res = e.Olga.Web.Post("/coops/"+e.Coop.ID+"/applications/"+as[0].ID+"/admit", nil)
		apptest.WantStatus(t, "admit", res.Status, http.StatusSeeOther, res.Body)
		if l := e.list(t, day(2026, 3, 2)); len(l) != 4 || l[3].Name != "Ana Haddad" || l[3].Shares != 2 {
			t.Errorf("after admission: %+v", l)
		}
		if mails := e.Outbox(t, ana.Email); len(mails) == 0 || mails[len(mails)-1].Lang != "ar" {
			t.Errorf("admission mail: %+v", mails)
		}

		mo := e.NewPerson(t, "mo", auth.Member)
		if _, err := e.Coops.Apply(ctx, mo.Identity(), e.Coop.ID, coop.ApplicationDraft{Name: "Mo", Address: "Weg 2", Shares: 1,
			StatutesSeen: true, Declare: true}, "de"); err != nil {
			t.Fatal(err)
		}
		_, as, _ = e.Coops.Applications(ctx, e.Olga.Identity(), e.Coop.ID)
		st, _ = e.Olga.API(t, http.MethodPost, "/api/v1/coops/"+e.Coop.ID+"/applications/"+as[0].ID+"/reject", nil)
		if st != http.StatusNoContent {
			t.Errorf("reject: %d", st)
		}
		var n int
		e.P.DB.QueryRowContext(ctx, `SELECT count(*) FROM coop_applications`).Scan(&n)
		if n != 0 || len(e.Outbox(t, mo.Email)) == 0 {
			t.Errorf("after rejection: %d applications, mails %v", n, e.Outbox(t, mo.Email))
		}
	})
}

func TestLeavingRules(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		_, err := e.Coops.End(ctx, e.Rita.Identity(), e.Coop.ID, e.RolfM, coop.Notice, time.Time{}, "")
		apptest.WantCode(t, "notice for another", err, apperr.Forbidden)
		_, err = e.Coops.End(ctx, e.Rita.Identity(), e.Coop.ID, e.RitaM, coop.Exclusion, time.Time{}, "x")
		apptest.WantCode(t, "excluding oneself", err, apperr.Forbidden)
		_, err = e.Coops.End(ctx, e.Olga.Identity(), e.Coop.ID, e.RolfM, coop.Exclusion, time.Time{}, "")
		if apperr.As(err).Fields["note"] == "" {
			t.Errorf("exclusion without reason: %v", err)
		}
		on, err := e.Coops.End(ctx, e.Olga.Identity(), e.Coop.ID, e.RolfM, coop.Death, day(2026, 2, 20), "Sterbeurkunde liegt vor")
		if err != nil || !on.Equal(day(2026, 12, 31)) {
			t.Errorf("death: %v %v", on, err)
		}
		_, err = e.Coops.End(ctx, e.Olga.Identity(), e.Coop.ID, e.RolfM, coop.Exclusion, time.Time{}, "x")
		apptest.WantCode(t, "twice", err, apperr.Conflict)
	})
}
