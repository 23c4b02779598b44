package coop

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/web"
)

var amountPattern = regexp.MustCompile(`^([0-9]{1,9})(?:[.,]([0-9]{1,2}))?$`)

// parseCents reads an amount of euros as people type it: "100", "12,50",
// "12.5".
func parseCents(s string) (int64, bool) {
	m := amountPattern.FindStringSubmatch(strings.TrimSuffix(strings.TrimSpace(strings.ReplaceAll(s, "€", "")), " "))
	if m == nil {
		return 0, false
	}
	whole, _ := strconv.ParseInt(m[1], 10, 64)
	frac := int64(0)
	if m[2] != "" {
		f := m[2]
		if len(f) == 1 {
			f += "0"
		}
		frac, _ = strconv.ParseInt(f, 10, 64)
	}
	return whole*100 + frac, true
}

// centsText writes cents for a form field: "12,50".
func centsText(c int64) string {
	return strconv.FormatInt(c/100, 10) + "," + strconv.FormatInt(100+c%100, 10)[1:]
}

// parseFormDay reads a day typed as 2026-03-10 or 10.03.2026.
func parseFormDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{dayLayout, "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// intField reads a whole number; a wrong one is a field error.
func intField(form *web.Form, bad apperr.Fields, name string) int {
	n, err := strconv.Atoi(form.Get(name))
	if err != nil {
		bad.Add(name, "coop.field.whole_number")
	}
	return n
}

func centsField(form *web.Form, bad apperr.Fields, name string) int64 {
	c, ok := parseCents(form.Get(name))
	if !ok {
		bad.Add(name, "coop.field.amount")
	}
	return c
}

// draftFrom reads the profile form; bad holds what could not be read.
func draftFrom(form *web.Form) (Draft, apperr.Fields) {
	bad := apperr.Fields{}
	d := Draft{Stage: Stage(form.Get("stage")), Purpose: form.Get("purpose"), HowToJoin: form.Get("how_to_join"),
		RegisterCourt: form.Get("register_court"), RegisterNumber: form.Get("register_number"), Country: form.Get("country"),
		ParentID: form.Get("parent_id")}
	d.SharePriceCents = centsField(form, bad, "share_price")
	d.MinPaymentCents = centsField(form, bad, "min_payment")
	d.SharesRequired = intField(form, bad, "shares_required")
	d.MaxShares = intField(form, bad, "max_shares")
	d.MultipleVotes = intField(form, bad, "multiple_votes")
	d.NoticeMonths = intField(form, bad, "notice_months")
	d.YearStartMonth = intField(form, bad, "year_start_month")
	d.InvestingMembers = form.Checked("investing_members")
	d.InvestingVote = !form.Checked("investing_no_vote")
	d.FurtherContributions = form.Checked("further_contributions")
	d.TextForm = !form.Checked("written_form")
	d.AuditingAssociation = form.Get("auditing_association")
	for _, k := range ResolutionKinds {
		maj := form.Get("rule_" + string(k))
		q := form.Get("quorum_" + string(k))
		if maj == "" && q == "" {
			continue
		}
		r := Rule{Kind: k, Majority: Majority(maj)}
		if r.Majority == "" {
			r.Majority = k.legalMajority()
		}
		if q != "" {
			n, err := strconv.Atoi(q)
			if err != nil {
				bad.Add("quorum_"+string(k), "coop.field.whole_number")
			}
			r.QuorumPercent = n
		}
		d.Rules = append(d.Rules, r)
	}
	return d, bad
}

// draftForm is the form filled with a draft.
func draftForm(d Draft) *web.Form {
	v := map[string]string{"stage": string(d.Stage), "purpose": d.Purpose, "how_to_join": d.HowToJoin,
		"register_court": d.RegisterCourt, "register_number": d.RegisterNumber, "country": d.Country, "parent_id": d.ParentID,
		"share_price": centsText(d.SharePriceCents), "min_payment": centsText(d.MinPaymentCents),
		"shares_required": strconv.Itoa(d.SharesRequired), "max_shares": strconv.Itoa(d.MaxShares),
		"multiple_votes": strconv.Itoa(d.MultipleVotes), "notice_months": strconv.Itoa(d.NoticeMonths),
		"year_start_month": strconv.Itoa(d.YearStartMonth), "auditing_association": d.AuditingAssociation}
	for name, on := range map[string]bool{"investing_members": d.InvestingMembers, "investing_no_vote": !d.InvestingVote,
		"further_contributions": d.FurtherContributions, "written_form": !d.TextForm} {
		if on {
			v[name] = "1"
		}
	}
	c := Coop{Statutes: d.Statutes}
	for _, k := range ResolutionKinds {
		r := c.RuleFor(k)
		v["rule_"+string(k)] = string(r.Majority)
		v["quorum_"+string(k)] = strconv.Itoa(r.QuorumPercent)
	}
	return web.EmptyForm(v)
}

// formErr merges what could not be read with the draft's own errors, so
// the form names every problem at once.
func formErr(d Draft, bad apperr.Fields) error {
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
