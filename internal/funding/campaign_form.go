package funding

import (
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/web"
)

// rewardRows is how many rewards the form offers.
const rewardRows = 5

// parseEuros reads an amount typed in euros, with a decimal comma or
// point and optional thousands separators ("1.250,50", "25", "25.5",
// "€ 10"), as cents; ok is false for anything else.
func parseEuros(s string) (int64, bool) {
	s = strings.TrimSpace(strings.NewReplacer("€", "", "EUR", "", "\u00a0", "", " ", "", "'", "").Replace(s))
	if s == "" {
		return 0, false
	}
	// The last comma or point followed by one or two digits is the
	// decimal mark; every other one groups thousands.
	whole, frac := s, ""
	if i := strings.LastIndexAny(s, ",."); i >= 0 && len(s)-i-1 <= 2 && len(s)-i-1 > 0 {
		whole, frac = s[:i], s[i+1:]
	}
	whole = strings.NewReplacer(",", "", ".", "").Replace(whole)
	if whole == "" {
		whole = "0"
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	if len(whole) > 12 {
		return 0, false
	}
	euros, _ := strconv.ParseInt(whole, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	return euros*100 + cents, true
}

// euros writes cents as the form shows them: "25" or "25,50".
func euros(cents int64) string {
	if cents%100 == 0 {
		return strconv.FormatInt(cents/100, 10)
	}
	return strconv.FormatInt(cents/100, 10) + "," + strconv.FormatInt(cents%100/10, 10) + strconv.FormatInt(cents%10, 10)
}

// parseDay reads a day as 2026-03-31 or 31.03.2026; nil for "".
func parseDay(s string) (*time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	for _, layout := range []string{time.DateOnly, "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			d := clock.Date(t.Year(), t.Month(), t.Day())
			return &d, true
		}
	}
	return nil, false
}

// amountField reads an amount field; empty is 0 unless required.
func amountField(f *web.Form, bad apperr.Fields, name string) int64 {
	s := f.Get(name)
	if s == "" {
		return 0
	}
	n, ok := parseEuros(s)
	if !ok {
		bad.Add(name, "funding.field.amount_invalid")
	}
	return n
}

// draftFrom reads a campaign from its posted form.
func draftFrom(f *web.Form) (CampaignDraft, apperr.Fields) {
	bad := apperr.Fields{}
	d := CampaignDraft{
		OrganizationID: f.Get("organization_id"), Title: f.Get("title"), Story: f.Raw("story"),
		ContentLang: f.Get("content_lang"), Purpose: Purpose(f.Get("purpose")), Holder: f.Get("holder"),
		IBAN: f.Get("iban"), BIC: f.Get("bic"), Receipts: f.Checked("receipts"), LedgerPublic: f.Checked("ledger_public"),
	}
	d.Goal = amountField(f, bad, "goal")
	d.Stretch = amountField(f, bad, "stretch")
	d.Minimum = amountField(f, bad, "minimum")
	d.SharePrice = amountField(f, bad, "share_price")
	if day, ok := parseDay(f.Get("deadline")); !ok {
		bad.Add("deadline", "funding.field.date_invalid")
	} else if day != nil {
		d.Deadline = clock.EndOfDay(*day)
	}
	for i := 1; i <= rewardRows; i++ {
		n := strconv.Itoa(i)
		title := f.Get("reward_title_" + n)
		if title == "" && f.Get("reward_amount_"+n) == "" {
			continue
		}
		r := Reward{ID: f.Get("reward_id_" + n), Title: title, Amount: amountField(f, bad, "reward_amount_"+n)}
		if q := f.Get("reward_quantity_" + n); q != "" {
			v, err := strconv.Atoi(q)
			if err != nil || v < 0 {
				bad.Add("reward_quantity_"+n, "funding.field.number_invalid")
			}
			r.Quantity = v
		}
		d.Rewards = append(d.Rewards, r)
	}
	return d, bad
}

// formErr adds the draft's own errors to those of reading the form.
func formErr(d CampaignDraft, bad apperr.Fields) error {
	d.normalize()
	if err := d.Validate(); err != nil {
		for k, v := range apperr.As(err).Fields {
			if bad[k] == "" {
				bad.Add(k, v)
			}
		}
	}
	return bad.Err()
}

// draftForm fills the form with a draft.
func draftForm(d CampaignDraft) *web.Form {
	f := web.EmptyForm(map[string]string{
		"organization_id": d.OrganizationID, "title": d.Title, "story": d.Story, "content_lang": d.ContentLang,
		"purpose": string(d.Purpose), "holder": d.Holder, "iban": grouped(d.IBAN), "bic": d.BIC,
	})
	for name, v := range map[string]int64{"goal": d.Goal, "stretch": d.Stretch, "minimum": d.Minimum, "share_price": d.SharePrice} {
		if v != 0 {
			f.Values.Set(name, euros(v))
		}
	}
	if d.Receipts {
		f.Values.Set("receipts", "1")
	}
	if d.LedgerPublic {
		f.Values.Set("ledger_public", "1")
	}
	if !d.Deadline.IsZero() {
		f.Values.Set("deadline", clock.DayOf(d.Deadline).Format(time.DateOnly))
	}
	for i, r := range d.Rewards {
		n := strconv.Itoa(i + 1)
		f.Values.Set("reward_id_"+n, r.ID)
		f.Values.Set("reward_title_"+n, r.Title)
		f.Values.Set("reward_amount_"+n, euros(r.Amount))
		if r.Quantity > 0 {
			f.Values.Set("reward_quantity_"+n, strconv.Itoa(r.Quantity))
		}
	}
	return f
}

// pledgeFrom reads a reservation from its posted form.
func pledgeFrom(f *web.Form) (Pledge, apperr.Fields) {
	bad := apperr.Fields{}
	p := Pledge{RewardID: f.Get("reward_id"), Anonymous: f.Checked("anonymous"), Message: f.Raw("message")}
	if f.Get("amount") == "" {
		bad.Add("amount", "form.required")
	} else {
		p.Amount = amountField(f, bad, "amount")
	}
	return p, bad
}
