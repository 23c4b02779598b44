package coop_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/coop"
	"teilhabe.org/teilhabe/internal/db"
)

// assembly convenes an ordinary assembly in three weeks with two items,
// records three more members (Ben, Cem, Dana) and moves the clock to its
// start.
type assemblyEnv struct {
	*env
	A                *coop.Assembly
	Ben, Cem, Dana   *apptest.Person
	BenM, CemM, DanM string
}

func (e *env) assembly(t *testing.T) *assemblyEnv {
	t.Helper()
	ae := &assemblyEnv{env: e}
	ae.Ben = e.NewPerson(t, "ben", auth.Member)
	ae.Cem = e.NewPersonLang(t, "cem", auth.Member, "tr")
	ae.Dana = e.NewPersonLang(t, "dana", auth.Member, "uk")
	ae.BenM = e.record(t, ae.Ben.ID, "Ben Berger", 1)
	ae.CemM = e.record(t, ae.Cem.ID, "Cem Çelik", 1)
	ae.DanM = e.record(t, ae.Dana.ID, "Dana Danylenko", 1)
	a, err := e.Coops.Convene(ctx, e.Olga.Identity(), e.Coop.ID, coop.AssemblyDraft{Kind: "ordinary", Format: coop.Hybrid,
		StartsAt: apptest.Start.Add(21 * 24 * time.Hour), Place: "Hafenstraße 1, Hamburg", OnlineURL: "https://meet.example.org/gv",
		ChairID: e.OlgaM, Agenda: []string{"Jahresabschluss 2025", "Entlastung des Vorstands"}})
	if err != nil {
		t.Fatal(err)
	}
	ae.A = a
	return ae
}

func (ae *assemblyEnv) start(t *testing.T) {
	ae.Clock.Set(ae.A.StartsAt.Add(time.Minute))
}

func TestConveneNeedsTwoWeeksAndTellsEveryMember(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		_, err := e.Coops.Convene(ctx, e.Olga.Identity(), e.Coop.ID, coop.AssemblyDraft{Kind: "ordinary", Format: coop.Online,
			StartsAt: apptest.Start.Add(13 * 24 * time.Hour), OnlineURL: "https://meet.example.org/x", Agenda: []string{"Bericht"}})
		if apperr.As(err).Fields["starts_at"] != "coop.assembly.too_soon" {
			t.Errorf("13 days ahead: %v", err)
		}
		_, err = e.Coops.Convene(ctx, e.Rita.Identity(), e.Coop.ID, coop.AssemblyDraft{})
		apptest.WantCode(t, "member convenes", err, apperr.Forbidden)
		ae := e.assembly(t)
		mails := e.Outbox(t, ae.Cem.Email)
		if len(mails) == 0 || mails[0].Lang != "tr" || !strings.Contains(mails[0].Text, "Einladung zur ordentlichen Generalversammlung") ||
			!strings.Contains(mails[0].Text, "2. Entlastung des Vorstands") {
			t.Errorf("invitation: %+v", mails)
		}
		for _, p := range []*apptest.Person{e.Mia} {
			if res := p.Web.Get("/assemblies/" + ae.A.ID); res.Status != http.StatusNotFound {
				t.Errorf("%s sees the assembly: %d", p.Email, res.Status)
			}
		}
		page := e.Rita.Web.Get("/assemblies/" + ae.A.ID)
		apptest.Contains(t, "member's page", page.Body, "Jahresabschluss 2025", "Hafenstraße 1, Hamburg")
		apptest.Lacks(t, "before joining", page.Body, "meet.example.org")
	})
}

func TestLateItemCannotBeResolved(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ae := e.assembly(t)
		// An item added later: inserted directly as the agenda's own
		// operation would, announced five days before the start.
		late := "00000000-0000-7000-8000-0000000000aa"
		if _, err := e.P.DB.ExecContext(ctx, `INSERT INTO coop_agenda (id, assembly_id, position, title, announced_at) VALUES ($1, $2, 3, 'Spät', $3)`,
			late, ae.A.ID, ae.A.StartsAt.Add(-5*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		_, err := e.Coops.AddMotion(ctx, e.Olga.Identity(), ae.A.ID, coop.MotionDraft{AgendaID: late, Title: "Spät", Kind: coop.Ordinary})
		if apperr.As(err).Fields["agenda_id"] != "coop.motion.item_late" {
			t.Errorf("late item: %v", err)
		}
		_, err = e.Coops.AddMotion(ctx, e.Olga.Identity(), ae.A.ID, coop.MotionDraft{AgendaID: ae.A.Agenda[0].ID, Title: "Jahresabschluss feststellen", Kind: coop.AnnualAccounts})
		if err != nil {
			t.Errorf("item in time: %v", err)
		}
		_, err = e.Coops.AddMotion(ctx, e.Rita.Identity(), ae.A.ID, coop.MotionDraft{AgendaID: ae.A.Agenda[0].ID, Title: "x", Kind: coop.Ordinary})
		apptest.WantCode(t, "member puts a motion", err, apperr.Forbidden)
	})
}

func TestProxiesVotesAndCounting(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ae := e.assembly(t)
		board := e.Olga.Identity()
		open, err := e.Coops.AddMotion(ctx, board, ae.A.ID, coop.MotionDraft{AgendaID: ae.A.Agenda[0].ID, Title: "Jahresabschluss feststellen", Kind: coop.AnnualAccounts})
		if err != nil {
			t.Fatal(err)
		}
		discharge, err := e.Coops.AddMotion(ctx, board, ae.A.ID, coop.MotionDraft{AgendaID: ae.A.Agenda[1].ID, Title: "Entlastung Olga",
			Kind: coop.Discharge, Secret: true, SubjectID: e.OlgaM})
		if err != nil {
			t.Fatal(err)
		}
		// Ben and Cem give Rita their proxies; Dana's to Rita is one too many.
		for _, p := range []*apptest.Person{ae.Ben, ae.Cem} {
			if _, err := e.Coops.GiveProxy(ctx, p.Identity(), ae.A.ID, e.RitaM); err != nil {
				t.Fatalf("proxy of %s: %v", p.Email, err)
			}
		}
		_, err = e.Coops.GiveProxy(ctx, ae.Dana.Identity(), ae.A.ID, e.RitaM)
		if apperr.As(err).Fields["holder_id"] != "coop.proxy.holder_full" {
			t.Errorf("third principal: %v", err)
		}
		_, err = e.Coops.GiveProxy(ctx, e.Mia.Identity(), ae.A.ID, e.RitaM)
		apptest.WantCode(t, "stranger's proxy", err, apperr.NotFound)

		err = e.Coops.Cast(ctx, e.Rita.Identity(), open.ID, coop.Yes, "")
		apptest.WantCode(t, "vote before the start", err, apperr.Conflict)
		ae.start(t)
		err = e.Coops.Cast(ctx, e.Rita.Identity(), open.ID, coop.Yes, "")
		if apperr.MessageID(err) != "coop.vote.attend_first" {
			t.Errorf("vote without attending: %v", err)
		}
		for _, p := range []*apptest.Person{e.Olga, e.Rita, ae.Ben, ae.Dana} {
			if err := e.Coops.Attend(ctx, p.Identity(), ae.A.ID); err != nil {
				t.Fatal(err)
			}
		}
		// Ben attends but gave a proxy: he does not vote himself.
		err = e.Coops.Cast(ctx, ae.Ben.Identity(), open.ID, coop.No, "")
		if apperr.MessageID(err) != "coop.vote.gave_proxy" {
			t.Errorf("principal votes: %v", err)
		}
		// Rita votes for herself and her two principals through the API.
		for _, forID := range []string{"", ae.BenM, ae.CemM} {
			body := `{"choice":"yes"}`
			if forID != "" {
				body = `{"choice":"yes","for":"` + forID + `"}`
			}
			if st, out := e.Rita.API(t, http.MethodPost, "/api/v1/motions/"+open.ID+"/ballots", json.RawMessage(body)); st != http.StatusNoContent {
				t.Fatalf("Rita for %q: %d %v", forID, st, out)
			}
		}
		if st, _ := e.Rita.API(t, http.MethodPost, "/api/v1/motions/"+open.ID+"/ballots", json.RawMessage(`{"choice":"no"}`)); st != http.StatusConflict {
			t.Errorf("second vote: %d", st)
		}
		if st, _ := e.Rita.API(t, http.MethodPost, "/api/v1/motions/"+open.ID+"/ballots", json.RawMessage(`{"choice":"no","for":"`+ae.DanM+`"}`)); st != http.StatusUnprocessableEntity {
			t.Errorf("vote for a non-principal: %d", st)
		}
		if err := e.Coops.Cast(ctx, ae.Dana.Identity(), open.ID, coop.No, ""); err != nil {
			t.Fatal(err)
		}
		// Olga holds two votes under the statutes? No: the statutes allow one.
		if err := e.Coops.Cast(ctx, e.Olga.Identity(), open.ID, coop.Abstain, ""); err != nil {
			t.Fatal(err)
		}
		// Results stay hidden until the motion closes.
		st, out := e.Rita.API(t, http.MethodGet, "/api/v1/assemblies/"+ae.A.ID, nil)
		if st != http.StatusOK || strings.Contains(fmtJSON(out), `"yes"`) {
			t.Errorf("results before closing: %d %s", st, fmtJSON(out))
		}
		apptest.Lacks(t, "page before closing", e.Rita.Web.Get("/assemblies/"+ae.A.ID).Body, "Angenommen")
		if st, _ := e.Rita.API(t, http.MethodPost, "/api/v1/motions/"+open.ID+"/close", nil); st != http.StatusForbidden {
			t.Errorf("member closes: %d", st)
		}
		st, out = e.Olga.API(t, http.MethodPost, "/api/v1/motions/"+open.ID+"/close", nil)
		if st != http.StatusOK || out["yes"] != float64(3) || out["no"] != float64(1) || out["abstain"] != float64(1) || out["adopted"] != true {
			t.Errorf("close: %d %v", st, out)
		}
		apptest.Contains(t, "page after closing", e.Rita.Web.Get("/assemblies/"+ae.A.ID).Body, "Angenommen", "Ja 3, Nein 1, Enthaltungen 1")

		// The discharge: Olga votes neither for herself nor as anyone's holder.
		err = e.Coops.Cast(ctx, e.Olga.Identity(), discharge.ID, coop.Yes, "")
		apptest.WantCode(t, "own discharge", err, apperr.Forbidden)
		for _, v := range []struct {
			who   *apptest.Person
			forID string
			c     coop.Choice
		}{{e.Rita, "", coop.Yes}, {e.Rita, ae.BenM, coop.No}, {ae.Dana, "", coop.Yes}} {
			if err := e.Coops.Cast(ctx, v.who.Identity(), discharge.ID, v.c, v.forID); err != nil {
				t.Fatal(err)
			}
		}
		mo, err := e.Coops.CloseMotion(ctx, e.Olga.Identity(), discharge.ID)
		if err != nil || mo.Yes != 2 || mo.No != 1 || !mo.Adopted {
			t.Errorf("discharge: %+v %v", mo, err)
		}
		if err := e.Coops.Cast(ctx, ae.Dana.Identity(), discharge.ID, coop.No, ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("vote after closing: %v", err)
		}
	})
}

func fmtJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestSecretBallotsCannotBeJoinedToMembers reads the schema: the table of
// what was voted has no column naming a member, a user or a moment, and no
// foreign key but to its motion; ballots carry random ids, not ids that
// sort by time.
func TestSecretBallotsCannotBeJoinedToMembers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ae := e.assembly(t)
		mo, err := e.Coops.AddMotion(ctx, e.Olga.Identity(), ae.A.ID, coop.MotionDraft{AgendaID: ae.A.Agenda[0].ID, Title: "Geheim", Kind: coop.Ordinary, Secret: true})
		if err != nil {
			t.Fatal(err)
		}
		ae.start(t)
		for _, p := range []*apptest.Person{e.Rita, ae.Ben} {
			if err := e.Coops.Attend(ctx, p.Identity(), ae.A.ID); err != nil {
				t.Fatal(err)
			}
			if err := e.Coops.Cast(ctx, p.Identity(), mo.ID, coop.Yes, ""); err != nil {
				t.Fatal(err)
			}
		}
		cols := columns(t, e.P.DB, "coop_ballots")
		if strings.Join(cols, ",") != "choice,id,investing,motion_id" {
			t.Errorf("coop_ballots has the columns %v", cols)
		}
		if voters := columns(t, e.P.DB, "coop_voters"); strings.Join(voters, ",") != "cast_by,member_id,motion_id" {
			t.Errorf("coop_voters has the columns %v", voters)
		}
		if refs := references(t, e.P.DB, "coop_ballots"); strings.Join(refs, ",") != "coop_motions" {
			t.Errorf("coop_ballots refers to %v", refs)
		}
		rows, err := e.P.DB.QueryContext(ctx, `SELECT CAST(id AS TEXT) FROM coop_ballots`)
		if err != nil {
			t.Fatal(err)
		}
		v4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
		n := 0
		for rows.Next() {
			var id string
			rows.Scan(&id)
			if !v4.MatchString(id) {
				t.Errorf("ballot id %s is not random", id)
			}
			n++
		}
		rows.Close()
		if n != 2 {
			t.Errorf("%d unit ballots", n)
		}
		st, out := e.Rita.API(t, http.MethodGet, "/api/v1/assemblies/"+ae.A.ID, nil)
		if st != http.StatusOK || strings.Contains(fmtJSON(out), `"yes"`) {
			t.Errorf("secret results before closing: %s", fmtJSON(out))
		}
	})
}

func columns(t *testing.T, d *db.DB, table string) []string {
	t.Helper()
	q := `SELECT name FROM pragma_table_info($1) ORDER BY name`
	if d.Dialect() == db.Postgres {
		q = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY column_name`
	}
	rows, err := d.QueryContext(ctx, q, table)
	out, err := db.Collect(rows, err, func(s db.Scanner) (string, error) {
		var n string
		return n, s.Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func references(t *testing.T, d *db.DB, table string) []string {
	t.Helper()
	q := `SELECT DISTINCT "table" FROM pragma_foreign_key_list($1) ORDER BY 1`
	if d.Dialect() == db.Postgres {
		q = `SELECT DISTINCT ccu.table_name FROM information_schema.table_constraints tc
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
			WHERE tc.table_name = $1 AND tc.constraint_type = 'FOREIGN KEY' ORDER BY 1`
	}
	rows, err := d.QueryContext(ctx, q, table)
	out, err := db.Collect(rows, err, func(s db.Scanner) (string, error) {
		var n string
		return n, s.Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestChairEntersInPersonVotes(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ae := e.assembly(t)
		board := e.Olga.Identity()
		mo, err := e.Coops.AddMotion(ctx, board, ae.A.ID, coop.MotionDraft{AgendaID: ae.A.Agenda[0].ID, Title: "Offen", Kind: coop.Ordinary})
		if err != nil {
			t.Fatal(err)
		}
		ae.start(t)
		if err := e.Coops.CheckIn(ctx, board, ae.A.ID, ae.DanM); err != nil {
			t.Fatal(err)
		}
		if err := e.Coops.Attend(ctx, e.Rita.Identity(), ae.A.ID); err != nil {
			t.Fatal(err)
		}
		err = e.Coops.EnterVote(ctx, e.Rita.Identity(), mo.ID, ae.DanM, coop.Yes)
		apptest.WantCode(t, "a member enters", err, apperr.Forbidden)
		err = e.Coops.EnterVote(ctx, board, mo.ID, e.RitaM, coop.Yes)
		if apperr.As(err).Fields["member_id"] != "coop.vote.not_checked_in" {
			t.Errorf("an online attendee entered: %v", err)
		}
		res := e.Olga.Web.Post("/motions/"+mo.ID+"/enter", apptest.Form("member_id", ae.DanM, "choice", "no"))
		apptest.WantStatus(t, "enter", res.Status, http.StatusSeeOther, res.Body)
		err = e.Coops.Cast(ctx, ae.Dana.Identity(), mo.ID, coop.Yes, "")
		apptest.WantCode(t, "Dana votes again online", err, apperr.Conflict)
		closed, err := e.Coops.CloseMotion(ctx, board, mo.ID)
		if err != nil || closed.No != 1 || closed.Present != 2 {
			t.Errorf("count: %+v %v", closed, err)
		}
	})
}

func TestAssemblyInTheMembersCalendar(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ae := e.assembly(t)
		from, to := apptest.Start, apptest.Start.Add(60*24*time.Hour)
		entries, err := e.Coops.CalendarEntries(ctx, ae.Cem.ID, from, to)
		if err != nil || len(entries) != 1 || !entries[0].Start.Equal(ae.A.StartsAt) ||
			!strings.Contains(entries[0].Description, "Tagesordnung:") || entries[0].Summary != "Ordentliche Generalversammlung – Brückenbau eG" {
			t.Errorf("member's calendar: %+v %v", entries, err)
		}
		if entries, _ := e.Coops.CalendarEntries(ctx, e.Mia.ID, from, to); len(entries) != 0 {
			t.Errorf("a stranger's calendar: %+v", entries)
		}
	})
}
