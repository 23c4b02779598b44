package funding

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
)

// A bank statement holds every booking of an account. The platform reads
// camt.053 (ISO 20022, versions 001.02 and 001.08, one file or the ZIP of
// several that online banking exports) and the CSV German banks export.
// Each transaction (TxDtls: one entry can hold several payments) becomes
// an Entry; what is kept of it is decided by the import.

// Entry is one transaction of a statement. Amount is in cents, negative
// for a debit.
type Entry struct {
	BankRef      string // the bank's AcctSvcrRef, or a hash of the entry
	BookedOn     time.Time
	Amount       int64
	Counterparty string
	Remittance   string // the unstructured remittance text
	Reference    string // the structured creditor reference
	Reversal     bool
}

// Limits that keep a hostile upload from costing much.
const (
	maxUpload     = 20 << 20 // bytes of one upload
	maxZipFiles   = 100
	maxUnzipped   = 50 << 20 // bytes of all files of a ZIP together
	maxEntries    = 50000
	maxTextLength = 500
)

// errStatement is what the treasurer is told about a file the platform
// cannot read.
func errStatement(msg string) error { return apperr.Field("file", msg) }

// ParseStatement reads a camt.053 file, a ZIP of them, or a bank CSV with
// the given layout (the zero Layout finds the columns by their names).
func ParseStatement(data []byte, layout Layout) ([]Entry, string, error) {
	if len(data) > maxUpload {
		return nil, "", errStatement("funding.statement.too_large")
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		es, err := parseZip(data)
		return es, "camt-zip", err
	case looksLikeXML(data):
		es, err := parseCamt(data)
		return es, "camt", err
	case len(bytes.TrimSpace(data)) == 0:
		return nil, "", errStatement("funding.statement.empty")
	default:
		es, err := parseCSV(data, layout)
		return es, "csv", err
	}
}

func looksLikeXML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(bytes.TrimSpace(data), []byte("<"))
}

func parseZip(data []byte) ([]Entry, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errStatement("funding.statement.unreadable")
	}
	if len(zr.File) > maxZipFiles {
		return nil, errStatement("funding.statement.too_large")
	}
	var all []Entry
	var total int64
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !strings.HasSuffix(strings.ToLower(f.Name), ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, errStatement("funding.statement.unreadable")
		}
		// Read at most what is left of the budget plus one byte, whatever
		// the header claims: a ZIP bomb stops here.
		b, err := io.ReadAll(io.LimitReader(rc, maxUnzipped-total+1))
		rc.Close()
		if err != nil {
			return nil, errStatement("funding.statement.unreadable")
		}
		if total += int64(len(b)); total > maxUnzipped {
			return nil, errStatement("funding.statement.too_large")
		}
		es, err := parseCamt(b)
		if err != nil {
			return nil, err
		}
		all = append(all, es...)
	}
	if len(all) == 0 {
		return nil, errStatement("funding.statement.empty")
	}
	return all, nil
}

// camt is the part of a camt.053 document the platform reads; the
// element names are the same in versions 001.02 and 001.08, which differ
// where a status and a party's name sit (both read here). Tags carry no
// namespace, so either version's namespace matches.
type camt struct {
	Stmts []struct {
		Entries []camtEntry `xml:"Ntry"`
	} `xml:"BkToCstmrStmt>Stmt"`
}

type camtAmount struct {
	Value string `xml:",chardata"`
	Ccy   string `xml:"Ccy,attr"`
}

type camtParty struct {
	Name    string `xml:"Nm"`     // 001.02
	PtyName string `xml:"Pty>Nm"` // 001.08
}

func (p camtParty) name() string {
	if p.PtyName != "" {
		return p.PtyName
	}
	return p.Name
}

type camtTx struct {
	AcctSvcrRef string      `xml:"Refs>AcctSvcrRef"`
	EndToEndID  string      `xml:"Refs>EndToEndId"`
	Amount      *camtAmount `xml:"Amt"`
	TxAmount    *camtAmount `xml:"AmtDtls>TxAmt>Amt"`
	CdtDbtInd   string      `xml:"CdtDbtInd"`
	Debtor      camtParty   `xml:"RltdPties>Dbtr"`
	Creditor    camtParty   `xml:"RltdPties>Cdtr"`
	Ustrd       []string    `xml:"RmtInf>Ustrd"`
	Refs        []string    `xml:"RmtInf>Strd>CdtrRefInf>Ref"`
	ReturnCode  string      `xml:"RtrInf>Rsn>Cd"`
}

type camtEntry struct {
	NtryRef   string     `xml:"NtryRef"`
	Amount    camtAmount `xml:"Amt"`
	CdtDbtInd string     `xml:"CdtDbtInd"`
	RvslInd   bool       `xml:"RvslInd"`
	Status    struct {
		Text string `xml:",chardata"` // 001.02
		Code string `xml:"Cd"`        // 001.08
	} `xml:"Sts"`
	BookingDate string   `xml:"BookgDt>Dt"`
	BookingTime string   `xml:"BookgDt>DtTm"`
	AcctSvcrRef string   `xml:"AcctSvcrRef"`
	Txs         []camtTx `xml:"NtryDtls>TxDtls"`
}

// parseCamt reads one camt.053 document. A document type declaration is
// refused outright: statements have none, and entities are the way into
// billion-laughs expansion and external files.
func parseCamt(data []byte) ([]Entry, error) {
	if bytes.Contains(data, []byte("<!DOCTYPE")) || bytes.Contains(data, []byte("<!ENTITY")) {
		return nil, errStatement("funding.statement.hostile")
	}
	var doc camt
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(&doc); err != nil {
		return nil, errStatement("funding.statement.unreadable")
	}
	var out []Entry
	for _, s := range doc.Stmts {
		for _, n := range s.Entries {
			es, err := n.entries()
			if err != nil {
				return nil, err
			}
			out = append(out, es...)
			if len(out) > maxEntries {
				return nil, errStatement("funding.statement.too_large")
			}
		}
	}
	if len(out) == 0 && len(doc.Stmts) == 0 {
		return nil, errStatement("funding.statement.not_camt")
	}
	return out, nil
}

// entries are the entry's transactions; pending entries are left out.
func (n camtEntry) entries() ([]Entry, error) {
	status := strings.TrimSpace(n.Status.Code)
	if status == "" {
		status = strings.TrimSpace(n.Status.Text)
	}
	if status != "" && status != "BOOK" {
		return nil, nil
	}
	day, err := camtDay(n.BookingDate, n.BookingTime)
	if err != nil {
		return nil, err
	}
	txs := n.Txs
	if len(txs) == 0 {
		txs = []camtTx{{}} // an entry without details is one transaction
	}
	var out []Entry
	for i, tx := range txs {
		amt, ind := n.Amount, n.CdtDbtInd
		if tx.Amount != nil && len(txs) > 1 {
			amt = *tx.Amount
		} else if tx.TxAmount != nil && len(txs) > 1 {
			amt = *tx.TxAmount
		}
		if tx.CdtDbtInd != "" {
			ind = tx.CdtDbtInd
		}
		if amt.Ccy != "" && amt.Ccy != "EUR" {
			continue // the platform counts euros only
		}
		cents, ok := decimalCents(amt.Value)
		if !ok {
			return nil, errStatement("funding.statement.unreadable")
		}
		e := Entry{BookedOn: day, Amount: cents, Reversal: n.RvslInd || tx.ReturnCode != ""}
		// A reversal's indicator is the opposite of the booking it undoes.
		if ind == "DBIT" {
			e.Amount = -cents
			e.Counterparty = tx.Creditor.name()
		} else {
			e.Counterparty = tx.Debtor.name()
		}
		e.Remittance = clip(strings.Join(tx.Ustrd, " "))
		for _, r := range tx.Refs {
			if r = compact(r); ValidReference(r) {
				e.Reference = r
			}
		}
		e.Counterparty = clip(e.Counterparty)
		switch {
		case tx.AcctSvcrRef != "":
			e.BankRef = "camt:" + tx.AcctSvcrRef
		case n.AcctSvcrRef != "" && len(txs) == 1:
			e.BankRef = "camt:" + n.AcctSvcrRef
		case n.AcctSvcrRef != "":
			e.BankRef = "camt:" + n.AcctSvcrRef + "/" + strconv.Itoa(i+1)
		default:
			e.BankRef = entryHash(e, n.NtryRef+"/"+tx.EndToEndID+"/"+strconv.Itoa(i+1))
		}
		out = append(out, e)
	}
	return out, nil
}

func camtDay(date, dateTime string) (time.Time, error) {
	if date == "" && len(dateTime) >= 10 {
		date = dateTime[:10]
	}
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(date))
	if err != nil {
		return time.Time{}, errStatement("funding.statement.unreadable")
	}
	return clock.Date(t.Year(), t.Month(), t.Day()), nil
}

// decimalCents reads "25.00" or "25" as cents.
func decimalCents(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || len(whole) > 12 {
		return 0, false
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	return w*100 + f, true
}

// entryHash names an entry the bank gave no reference for.
func entryHash(e Entry, extra string) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%d|%s|%s|%s|%s", e.BookedOn.Format(time.DateOnly), e.Amount,
		e.Counterparty, e.Remittance, e.Reference, extra)))
	return "hash:" + hex.EncodeToString(sum[:16])
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxTextLength {
		s = string([]rune(s)[:maxTextLength])
	}
	return s
}

// Layout names the columns of a bank CSV by their headers; empty fields
// are found among the names German banks use.
type Layout struct {
	Date, Amount, Name, Purpose string
}

var layoutGuesses = Layout{
	Date:    "buchungstag|buchungsdatum|datum|buchung",
	Amount:  "betrag|betrag (eur)|betrag (€)|umsatz|betrag in eur",
	Name:    "name zahlungsbeteiligter|beguenstigter/zahlungspflichtiger|begünstigter/zahlungspflichtiger|auftraggeber/empfänger|zahlungsempfänger|auftraggeber|name",
	Purpose: "verwendungszweck|buchungstext|vorgang/verwendungszweck",
}

// parseCSV reads a German bank CSV: Windows-1252 or UTF-8, ';' between
// fields, decimal commas, dates as 31.12.2026; lines before the header
// (account, period) are skipped.
func parseCSV(data []byte, layout Layout) ([]Entry, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		var err error
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return nil, errStatement("funding.statement.unreadable")
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = ';', -1, true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, errStatement("funding.statement.unreadable")
	}
	want := layout
	for _, f := range []struct {
		got   *string
		guess string
	}{{&want.Date, layoutGuesses.Date}, {&want.Amount, layoutGuesses.Amount},
		{&want.Name, layoutGuesses.Name}, {&want.Purpose, layoutGuesses.Purpose}} {
		if *f.got == "" {
			*f.got = f.guess
		}
	}
	for i, row := range rows {
		cols, ok := findColumns(row, want)
		if !ok {
			continue
		}
		return csvEntries(rows[i+1:], cols)
	}
	return nil, errStatement("funding.statement.no_columns")
}

type columns struct{ date, amount, name, purpose int }

// findColumns finds the layout's columns in a header row; each name may
// list alternatives separated by |.
func findColumns(row []string, l Layout) (columns, bool) {
	find := func(names string) int {
		for _, n := range strings.Split(names, "|") {
			for i, h := range row {
				if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(n)) {
					return i
				}
			}
		}
		return -1
	}
	c := columns{find(l.Date), find(l.Amount), find(l.Name), find(l.Purpose)}
	return c, c.date >= 0 && c.amount >= 0
}

func csvEntries(rows [][]string, c columns) ([]Entry, error) {
	var out []Entry
	// Equal payments on one day get different hashes by their position
	// among the equal ones, the same in every export that holds both.
	seen := map[string]int{}
	cell := func(row []string, i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	for n, row := range rows {
		if len(row) == 0 || (len(row) == 1 && strings.TrimSpace(row[0]) == "") {
			continue
		}
		day, ok := parseDay(cell(row, c.date))
		if !ok || day == nil {
			if n == len(rows)-1 || cell(row, c.amount) == "" {
				continue // a closing balance or an empty line
			}
			return nil, errStatement("funding.statement.bad_date")
		}
		amount, ok := germanCents(cell(row, c.amount))
		if !ok {
			return nil, errStatement("funding.statement.bad_amount")
		}
		e := Entry{BookedOn: *day, Amount: amount, Counterparty: clip(cell(row, c.name)), Remittance: clip(cell(row, c.purpose))}
		key := fmt.Sprintf("%s|%d|%s|%s", e.BookedOn.Format(time.DateOnly), e.Amount, e.Counterparty, e.Remittance)
		e.BankRef = entryHash(e, strconv.Itoa(seen[key]))
		seen[key]++
		out = append(out, e)
		if len(out) > maxEntries {
			return nil, errStatement("funding.statement.too_large")
		}
	}
	return out, nil
}

// germanCents reads "-1.234,56" or "25,00 €" as cents.
func germanCents(s string) (int64, bool) {
	s = strings.NewReplacer("€", "", "EUR", "", "\u00a0", "", " ", "", ".", "").Replace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	s = strings.Replace(s, ",", ".", 1)
	cents, ok := decimalCents(s)
	if neg {
		cents = -cents
	}
	return cents, ok
}
