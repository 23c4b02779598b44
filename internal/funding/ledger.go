package funding

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/csvx"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/feed"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/web"
)

// The open ledger shows what came in (by campaign and kind, never who
// paid) and what went out (category and note), and the balance. A
// campaign's ledger is public when its organisation publishes it; an
// organisation's when it publishes the ledger of any campaign. Its
// treasurers always see both.

// LedgerLine is one booking as the ledger shows it.
type LedgerLine struct {
	ID            string    `json:"id" format:"uuid"`
	BookedOn      time.Time `json:"booked_on"`
	Amount        int64     `json:"amount" doc:"Euro cents; negative for money going out."`
	Kind          string    `json:"kind" enum:"donation,shares,rewards,match,expense" doc:"What the money was: a campaign's purpose, matchfunding, or an expense."`
	CampaignID    string    `json:"campaign_id,omitempty"`
	CampaignTitle string    `json:"campaign_title,omitempty"`
	Category      string    `json:"category,omitempty"`
	Note          string    `json:"note,omitempty"`
}

// Ledger is a ledger's lines, newest first, with its sums.
type Ledger struct {
	In      int64        `json:"in" doc:"Euro cents that came in."`
	Out     int64        `json:"out" doc:"Euro cents that went out (positive)."`
	Balance int64        `json:"balance"`
	Lines   []LedgerLine `json:"lines"`
}

// ledgerRows is the most lines a ledger lists.
const ledgerRows = 1000

// readLedger reads the matched and booked lines of an organisation, or of
// one campaign when campaignID is set.
func readLedger(ctx context.Context, q db.Querier, orgID, campaignID string) (*Ledger, error) {
	w := &db.Where{}
	w.Add("b.organization_id = ?", orgID)
	w.Add("b.status IN ('matched', 'expense')")
	if campaignID != "" {
		w.Add("b.campaign_id = ?", campaignID)
	}
	l := &Ledger{Lines: []LedgerLine{}}
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN b.amount_cents > 0 THEN b.amount_cents ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN b.amount_cents < 0 THEN -b.amount_cents ELSE 0 END), 0) FROM funding_bookings b`+w.SQL(),
		w.Args()...).Scan(&l.In, &l.Out); err != nil {
		return nil, db.Err(err)
	}
	l.Balance = l.In - l.Out
	rows, err := q.QueryContext(ctx, `SELECT b.id, b.booked_on, b.amount_cents, b.match_id IS NOT NULL, b.status,
		COALESCE(CAST(b.campaign_id AS TEXT), ''), COALESCE(c.title, ''), COALESCE(c.purpose, ''), b.category, b.note
		FROM funding_bookings b LEFT JOIN funding_campaigns c ON c.id = b.campaign_id`+w.SQL()+
		` ORDER BY b.booked_on DESC, b.id DESC LIMIT `+w.Arg(ledgerRows), w.Args()...)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var x LedgerLine
		var match bool
		var status, purpose string
		if err := s.Scan(&x.ID, &x.BookedOn, &x.Amount, &match, &status, &x.CampaignID, &x.CampaignTitle, &purpose,
			&x.Category, &x.Note); err != nil {
			return err
		}
		switch {
		case status == Expense:
			x.Kind = "expense"
		case match:
			x.Kind = "match"
		default:
			x.Kind = purpose
		}
		x.BookedOn = x.BookedOn.UTC()
		l.Lines = append(l.Lines, x)
		return nil
	})
	return l, err
}

// OrgLedger is the organisation's ledger, for everybody when it publishes
// one, else for its treasurers.
func (m *Module) OrgLedger(ctx context.Context, viewer *auth.Identity, orgID string) (*Ledger, error) {
	if _, err := m.orgs.Get(ctx, orgID); err != nil {
		return nil, err
	}
	var public int
	if err := m.s.DB.QueryRowContext(ctx, `SELECT count(*) FROM funding_campaigns WHERE organization_id = $1
		AND ledger_public AND status <> 'draft'`, orgID).Scan(&public); err != nil {
		return nil, db.Err(err)
	}
	if public == 0 && !m.isTreasurer(ctx, orgID, viewer) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return readLedger(ctx, m.s.DB, orgID, "")
}

// CampaignLedger is the campaign's ledger.
func (m *Module) CampaignLedger(ctx context.Context, viewer *auth.Identity, id string) (*Campaign, *Ledger, error) {
	c, err := m.Get(ctx, viewer, id)
	if err != nil {
		return nil, nil, err
	}
	if !c.LedgerPublic && !m.isTreasurer(ctx, c.OrganizationID, viewer) {
		return nil, nil, apperr.New(apperr.NotFound, "")
	}
	l, err := readLedger(ctx, m.s.DB, c.OrganizationID, c.ID)
	return c, l, err
}

// ledgerRoutes are the ledgers' pages and files.
func (m *Module) ledgerRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /organizations/{id}/ledger", m.orgLedgerPage)
	mux.HandleFunc("GET /organizations/{id}/ledger.csv", m.orgLedgerCSV)
	mux.HandleFunc("GET /organizations/{id}/ledger.atom", m.orgLedgerAtom)
	mux.HandleFunc("GET /campaigns/{id}/ledger", m.campaignLedgerPage)
}

type ledgerPage struct {
	Org      *organization.Organization
	Campaign *Campaign
	Ledger   *Ledger
}

func (m *Module) orgLedgerPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	l, err := m.OrgLedger(ctx, auth.From(ctx), r.PathValue("id"))
	var o *organization.Organization
	if err == nil {
		o, err = m.orgs.Get(ctx, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "funding/ledger", &ledgerPage{Org: o, Ledger: l}, nil)
}

func (m *Module) campaignLedgerPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, l, err := m.CampaignLedger(ctx, auth.From(ctx), r.PathValue("id"))
	var o *organization.Organization
	if err == nil {
		o, err = m.orgs.Get(ctx, c.OrganizationID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "funding/ledger", &ledgerPage{Org: o, Campaign: c, Ledger: l}, nil)
}

func (m *Module) orgLedgerCSV(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	l, err := m.OrgLedger(ctx, auth.From(ctx), r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	out := csvx.Attach(w, "ledger.csv")
	out.Write([]string{"booked_on", "amount_eur", "kind", "campaign", "category", "note"})
	for _, x := range l.Lines {
		out.Write([]string{x.BookedOn.Format(time.DateOnly), euroDecimal(x.Amount), x.Kind, x.CampaignTitle, x.Category, x.Note})
	}
	out.Flush()
}

// euroDecimal is cents as "-12.50", the way spreadsheets read numbers.
func euroDecimal(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return sign + strconv.FormatInt(cents/100, 10) + "." + strconv.FormatInt(cents%100/10, 10) + strconv.FormatInt(cents%10, 10)
}

func (m *Module) orgLedgerAtom(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	l, err := m.OrgLedger(ctx, auth.From(ctx), id)
	var o *organization.Organization
	if err == nil {
		o, err = m.orgs.Get(ctx, id)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	loc := web.Localizer(ctx)
	page := m.s.BaseURL + "/organizations/" + id + "/ledger"
	f := &feed.Feed{ID: page, Title: loc.T("funding.ledger.feed_title", "Org", o.Name), Page: page, Lang: loc.Lang(),
		Self: page + ".atom", Updated: m.s.Clock.Now(), Author: feed.Person{Name: o.Name}}
	for _, x := range l.Lines {
		title := web.FormatMoney(loc, x.Amount) + " · " + loc.T("funding.ledger.kind."+x.Kind)
		if x.CampaignTitle != "" {
			title += " · " + x.CampaignTitle
		}
		if x.Note != "" {
			title += " · " + x.Note
		}
		f.Entries = append(f.Entries, feed.Entry{ID: "urn:uuid:" + x.ID, Title: title, Page: page, Updated: x.BookedOn,
			Published: x.BookedOn})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	if err := f.WriteAtom(w); err != nil {
		m.s.Log.Warn("ledger feed", "err", err)
	}
}

// LedgerOutput is a ledger.
type LedgerOutput struct{ Body Ledger }

func (m *Module) ledgerAPI(a huma.API) {
	tags := []string{"Ledger"}
	huma.Register(a, huma.Operation{OperationID: "org-ledger", Method: http.MethodGet, Path: api.Prefix + "/organizations/{id}/ledger",
		Tags: tags, Summary: "An organisation's open ledger",
		Description: "Money in by campaign and kind (never who paid), money out by category, the balance; amounts in euro cents."},
		func(ctx context.Context, in *OrgIDPath) (*LedgerOutput, error) {
			l, err := m.OrgLedger(ctx, auth.From(ctx), in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &LedgerOutput{Body: *l}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "campaign-ledger", Method: http.MethodGet, Path: api.Prefix + "/campaigns/{id}/ledger",
		Tags: tags, Summary: "A campaign's open ledger"},
		func(ctx context.Context, in *CampaignIDPath) (*LedgerOutput, error) {
			_, l, err := m.CampaignLedger(ctx, auth.From(ctx), in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &LedgerOutput{Body: *l}, nil
		})
}
