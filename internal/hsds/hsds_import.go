package hsds

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// Importing an HSDS dataset: one organization or service object with its
// nested records, or an array of such objects (what HSDSDataset writes).
//
// Everything is checked before anything is written: a record that cannot
// be imported is reported with its kind, id and what is wrong, and then
// nothing is imported. Records are matched by their HSDS ids, so importing
// the same data again updates what the first import created.
//
// New organisations are created through the organisation module, owned by
// the importing account; an existing one is updated only when that account
// edits it. Organisations are created one by one before the rest is written
// in one transaction; each remembers its HSDS id at once, so should the
// transaction fail, a second import finds them instead of creating them
// again.

// ImportProblem is one thing wrong with a record.
type ImportProblem struct {
	Kind    string // organization, service, location, service_at_location, schedule, dataset
	ID      string
	Field   string
	Message string
}

func (p ImportProblem) String() string {
	s := p.Kind
	if p.ID != "" {
		s += " " + p.ID
	}
	if p.Field != "" {
		s += ": " + p.Field
	}
	return s + ": " + p.Message
}

// ImportCounts counts what an import created and updated.
type ImportCounts struct{ Created, Updated int }

func (c *ImportCounts) count(created bool) {
	if created {
		c.Created++
	} else {
		c.Updated++
	}
}

// ImportReport says what an import did, or why it did nothing.
type ImportReport struct {
	Organizations  ImportCounts
	Locations      ImportCounts
	Services       ImportCounts
	Municipalities ImportCounts
	Problems       []ImportProblem // any problem means nothing was imported
	Warnings       []ImportProblem // things left out or assumed
}

// ImportOptions says on whose behalf data is imported.
type ImportOptions struct {
	OwnerID string // the account that owns new organisations and is recorded as the editor
}

// maxImportBytes bounds a dataset read into memory.
const maxImportBytes = 64 << 20

// planned records of an import.
type plannedOrg struct {
	hsdsID  string
	local   string // existing organisation, or "" for a new one
	profile organization.Profile
	edit    bool // the owner may update it
}

type plannedLocation struct {
	hsdsID, orgHSDS, local string
	in                     directory.LocationInput
	closures               []directory.Closure
	municipalityName       string
}

type plannedService struct {
	hsdsID, orgHSDS, local string
	in                     directory.ServiceInput
	links                  map[string]string // location HSDS id → service_at_location HSDS id
	locations              []string          // location HSDS ids, in order
	updatedAt, confirmedAt time.Time
}

type importPlan struct {
	orgs      []*plannedOrg
	orgByID   map[string]*plannedOrg
	locs      []*plannedLocation
	locByID   map[string]*plannedLocation
	svcs      []*plannedService
	svcByID   map[string]*plannedService
	munis     map[string]*directory.Municipality // new municipalities by key
	report    *ImportReport
	localOrgs map[string]string // HSDS id → local id of organisations that exist
	ownerID   string
}

func (p *importPlan) problem(kind, id, field, msg string) {
	p.report.Problems = append(p.report.Problems, ImportProblem{kind, id, field, msg})
}

func (p *importPlan) warn(kind, id, field, msg string) {
	p.report.Warnings = append(p.report.Warnings, ImportProblem{kind, id, field, msg})
}

// ImportHSDS reads a dataset and imports it. The report lists problems and
// warnings; with problems it returns an Invalid error and has written
// nothing.
func (m *Module) ImportHSDS(ctx context.Context, opts ImportOptions, r io.Reader) (*ImportReport, error) {
	rep := &ImportReport{}
	if !ids.Valid(opts.OwnerID) {
		return rep, apperr.New(apperr.Unauthenticated, "")
	}
	raw, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return rep, err
	}
	if len(raw) > maxImportBytes {
		rep.Problems = append(rep.Problems, ImportProblem{Kind: "dataset", Message: "larger than 64 MB"})
		return rep, importFailed(rep)
	}
	plan := &importPlan{orgByID: map[string]*plannedOrg{}, locByID: map[string]*plannedLocation{},
		svcByID: map[string]*plannedService{}, munis: map[string]*directory.Municipality{}, report: rep, localOrgs: map[string]string{},
		ownerID: opts.OwnerID}
	records, err := splitRecords(raw)
	if err != nil {
		plan.problem("dataset", "", "", err.Error())
		return rep, importFailed(rep)
	}
	for i, rec := range records {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(rec, &probe); err != nil {
			plan.problem("dataset", "", fmt.Sprintf("record %d", i+1), "not a JSON object")
			continue
		}
		if _, isService := probe["status"]; isService {
			var s HSDSService
			if err := strictDecode(rec, &s); err != nil {
				plan.problem("service", idOf(probe), "", err.Error())
				continue
			}
			m.planService(ctx, plan, &s)
		} else {
			var o HSDSOrganization
			if err := strictDecode(rec, &o); err != nil {
				plan.problem("organization", idOf(probe), "", err.Error())
				continue
			}
			m.planOrg(ctx, plan, &o, opts.OwnerID)
			for i := range o.Locations {
				m.planLocation(ctx, plan, &o.Locations[i], o.ID)
			}
		}
	}
	m.checkPlan(ctx, plan)
	if len(rep.Problems) > 0 {
		return rep, importFailed(rep)
	}
	if err := m.writePlan(ctx, plan, opts.OwnerID); err != nil {
		return rep, err
	}
	return rep, nil
}

func importFailed(rep *ImportReport) error {
	return apperr.Wrap(apperr.Invalid, fmt.Errorf("hsds import: %d problems, nothing imported", len(rep.Problems)))
}

// splitRecords accepts one object or an array of objects.
func splitRecords(raw []byte) ([]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0:
		return nil, fmt.Errorf("the file is empty")
	case raw[0] == '[':
		var out []json.RawMessage
		if err := json.Unmarshal(raw, &out); err != nil {
			return nil, fmt.Errorf("not valid JSON: %v", err)
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("the array holds no record")
		}
		return out, nil
	case raw[0] == '{':
		if !json.Valid(raw) {
			var v any
			return nil, fmt.Errorf("not valid JSON: %v", json.Unmarshal(raw, &v))
		}
		return []json.RawMessage{raw}, nil
	}
	return nil, fmt.Errorf("expected an organization or service object, or an array of them")
}

// strictDecode decodes a record; wrong types are an error, unknown fields
// (HSDS has many we do not keep) are not.
func strictDecode(raw []byte, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		var te *json.UnmarshalTypeError
		if ok := asTypeError(err, &te); ok {
			return fmt.Errorf("%s: expected %s, got %s", te.Field, te.Type, te.Value)
		}
		return err
	}
	return nil
}

func asTypeError(err error, te **json.UnmarshalTypeError) bool {
	t, ok := err.(*json.UnmarshalTypeError)
	if ok {
		*te = t
	}
	return ok
}

func idOf(probe map[string]json.RawMessage) string {
	var id string
	_ = json.Unmarshal(probe["id"], &id)
	return id
}

// checkID reports a missing or malformed id; HSDS ids are UUIDs.
func (p *importPlan) checkID(kind, id string) bool {
	switch {
	case id == "":
		p.problem(kind, "", "id", "required")
		return false
	case !ids.Valid(id):
		p.problem(kind, id, "id", "not a UUID")
		return false
	}
	return true
}

// fieldProblems reports the field errors of err in English.
func (m *Module) fieldProblems(p *importPlan, kind, id string, err error, rename map[string]string) {
	e := apperr.As(err)
	if e.Code != apperr.Invalid || len(e.Fields) == 0 {
		p.problem(kind, id, "", m.s.Catalog.Localizer("en").T(apperr.MessageID(err)))
		return
	}
	fields := make([]string, 0, len(e.Fields))
	for f := range e.Fields {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	for _, f := range fields {
		name := f
		if r, ok := rename[f]; ok {
			name = r
		}
		p.problem(kind, id, name, m.s.Catalog.Localizer("en").T(e.Fields[f]))
	}
}

// attributeCodes returns the codes of the attributes of one taxonomy.
func attributeCodes(attrs []HSDSAttribute, tax string) []string {
	var out []string
	for _, a := range attrs {
		if a.TaxonomyTerm != nil && a.TaxonomyTerm.Taxonomy == tax {
			code := a.TaxonomyTerm.Code
			if code == "" {
				code = a.Value
			}
			out = append(out, code)
		}
	}
	return out
}

func (m *Module) planOrg(ctx context.Context, p *importPlan, o *HSDSOrganization, ownerID string) {
	o.ID = strings.ToLower(strings.TrimSpace(o.ID))
	if !p.checkID("organization", o.ID) {
		return
	}
	if _, dup := p.orgByID[o.ID]; dup {
		return // the same organisation nested in several services
	}
	local, err := m.existingLocal(ctx, "organization", o.ID, func(id string) bool {
		_, err := m.orgs.Get(ctx, id)
		return err == nil
	})
	if err != nil {
		p.problem("organization", o.ID, "", err.Error())
		return
	}
	// An organisation imported before keeps what HSDS does not carry
	// (its address, the languages it speaks).
	var prof organization.Profile
	if local != "" {
		existing, err := m.orgs.Get(ctx, local)
		if err != nil {
			p.problem("organization", o.ID, "", err.Error())
			return
		}
		prof = existing.Profile
	}
	if kinds := attributeCodes(o.Attributes, taxKind); len(kinds) > 0 {
		prof.Kind = kinds[0]
	} else if prof.Kind == "" {
		prof.Kind = "other"
		p.warn("organization", o.ID, "attributes", "no kind given (taxonomy "+taxKind+"); taken as “other”")
	}
	prof.Name, prof.Description = text.OneLine(o.Name), text.MultiLine(o.Description)
	prof.Email, prof.Website, prof.Phone = strings.ToLower(strings.TrimSpace(o.Email)), strings.TrimSpace(o.Website), ""
	if len(o.Phones) > 0 {
		prof.Phone = normalisePhone(o.Phones[0].Number)
	}
	if err := prof.Validate(); err != nil {
		m.fieldProblems(p, "organization", o.ID, err, map[string]string{"kind": "attributes", "website": "website",
			"phone": "phones"})
		return
	}
	po := &plannedOrg{hsdsID: o.ID, profile: prof, local: local}
	if local != "" {
		po.edit = m.orgs.CanEdit(ctx, local, ownerID)
		if !po.edit {
			p.warn("organization", o.ID, "", "exists and the importing account does not edit it: left as it is")
		}
	}
	p.orgs = append(p.orgs, po)
	p.orgByID[o.ID] = po
}

// existingLocal finds what an HSDS id was imported as before, or a record
// of ours with that very id (data exported from here); "" when new.
func (m *Module) existingLocal(ctx context.Context, kind, hsdsID string, exists func(string) bool) (string, error) {
	local, err := hsdsLocal(ctx, m.s.DB, kind, hsdsID)
	if err != nil {
		return "", err
	}
	if local != "" && exists(local) {
		return local, nil
	}
	if exists(hsdsID) {
		return hsdsID, nil
	}
	return "", nil
}

func (m *Module) planLocation(ctx context.Context, p *importPlan, l *HSDSLocation, orgHSDS string) {
	l.ID = strings.ToLower(strings.TrimSpace(l.ID))
	if !p.checkID("location", l.ID) {
		return
	}
	if _, dup := p.locByID[l.ID]; dup {
		return
	}
	if l.OrganizationID != "" {
		orgHSDS = strings.ToLower(l.OrganizationID)
	}
	if orgHSDS == "" {
		p.problem("location", l.ID, "organization_id", "required: the organisation it belongs to")
		return
	}
	if l.LocationType != "" && l.LocationType != "physical" {
		p.warn("location", l.ID, "location_type", "only physical locations are imported; left out")
		return
	}
	pl := &plannedLocation{hsdsID: l.ID, orgHSDS: orgHSDS}
	in := directory.LocationInput{Name: l.Name, Lat: l.Latitude, Lon: l.Longitude}
	var addr *HSDSAddress
	for i := range l.Addresses {
		if addr == nil || l.Addresses[i].AddressType == "physical" && addr.AddressType != "physical" {
			addr = &l.Addresses[i]
		}
	}
	if addr == nil {
		p.problem("location", l.ID, "addresses", "required: a physical address")
		return
	}
	in.Street, in.Postcode, in.City = addr.Address1, addr.PostalCode, addr.City
	if addr.Country != "" && !strings.EqualFold(addr.Country, "DE") {
		p.problem("location", l.ID, "addresses.country", "only addresses in Germany (DE) can be imported")
		return
	}
	if strings.EqualFold(l.ExternalIdentifierType, "AGS") {
		in.AGS = strings.TrimSpace(l.ExternalIdentifier)
	}
	pl.municipalityName = text.OneLine(addr.Region)
	if pl.municipalityName == "" {
		pl.municipalityName = text.OneLine(addr.City)
	}
	if len(l.Accessibility) > 0 {
		a := l.Accessibility[0]
		if v, ok := strings.CutPrefix(strings.TrimSpace(a.Description), "wheelchair: "); ok {
			in.Wheelchair = v
		}
		in.Accessibility = a.Details
	}
	for _, s := range l.Schedules {
		m.planSchedule(p, l.ID, s, &in, &pl.closures)
	}
	in.Normalize()
	if in.AGS == "" && check.ValidPostcode(in.Postcode) {
		mu, err := m.dir.SuggestMunicipality(ctx, in.Postcode)
		if err != nil {
			p.problem("location", l.ID, "", err.Error())
			return
		}
		if mu != nil {
			in.AGS = mu.AGS
			p.warn("location", l.ID, "external_identifier", "no municipality key; "+mu.AGS+" ("+mu.Name+") taken from the postcode")
		}
	}
	if err := in.Validate(); err != nil {
		m.fieldProblems(p, "location", l.ID, err, map[string]string{"ags": "external_identifier", "street": "addresses.address_1",
			"postcode": "addresses.postal_code", "city": "addresses.city", "lat": "latitude", "lon": "longitude",
			"wheelchair": "accessibility.description", "accessibility": "accessibility.details"})
		return
	}
	pl.in = in
	local, err := m.existingLocal(ctx, "location", l.ID, func(id string) bool {
		_, err := m.dir.Location(ctx, id)
		return err == nil
	})
	if err != nil {
		p.problem("location", l.ID, "", err.Error())
		return
	}
	pl.local = local
	p.locs = append(p.locs, pl)
	p.locByID[l.ID] = pl
}

// planSchedule turns a schedule into weekly periods or an exception.
func (m *Module) planSchedule(p *importPlan, locID string, s HSDSSchedule, in *directory.LocationInput, closures *[]directory.Closure) {
	id := s.ID
	opens, okOpen := importTime(p, id, "opens_at", s.OpensAt)
	closes, okClose := importTime(p, id, "closes_at", s.ClosesAt)
	switch {
	case strings.EqualFold(s.Freq, "WEEKLY") || s.Freq == "" && s.Byday != "" && s.ValidFrom == "":
		var days []int
		for _, d := range strings.Split(s.Byday, ",") {
			wd := directory.WeekdayOfICal(d)
			if wd == 0 {
				p.problem("schedule", id, "byday", fmt.Sprintf("%q is not a weekday (MO … SU)", d))
				return
			}
			days = append(days, wd)
		}
		if s.OpensAt == "" || s.ClosesAt == "" {
			p.problem("schedule", id, "opens_at", "a weekly schedule needs opens_at and closes_at")
			return
		}
		if !okOpen || !okClose {
			return
		}
		for _, wd := range days {
			in.Periods = append(in.Periods, directory.Period{Weekday: wd, Span: directory.Span{Opens: opens, Closes: closes}})
		}
	case s.Freq == "" && s.ValidFrom != "":
		if !okOpen || !okClose {
			return
		}
		c := directory.Closure{First: directory.Day(s.ValidFrom), Last: directory.Day(s.ValidTo), Closed: s.OpensAt == "", Span: directory.Span{Opens: opens, Closes: closes}, Note: s.Notes}
		if err := c.Validate(); err != nil {
			m.fieldProblems(p, "schedule", id, err, map[string]string{"first": "valid_from", "last": "valid_to",
				"opens": "opens_at", "note": "notes"})
			return
		}
		*closures = append(*closures, c)
	default:
		p.warn("schedule", id, "freq", "only weekly schedules and exceptions with valid_from are imported; left out")
	}
}

// importTime reads "HH:MM" or "HH:MM:SS", with an offset that is ignored:
// hours are German local time.
func importTime(p *importPlan, id, field, s string) (directory.Minute, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	core := s
	if i := strings.IndexAny(s, "Z+-"); i > 0 {
		core = s[:i]
		p.warn("schedule", id, field, "time zone "+s[i:]+" ignored: taken as German local time")
	}
	if len(core) == 8 && core[5] == ':' && core[6:] == "00" {
		core = core[:5]
	}
	t, ok := directory.ParseMinute(core)
	if !ok {
		p.problem("schedule", id, field, fmt.Sprintf("%q is not a time (HH:MM)", s))
	}
	return t, ok
}

func (m *Module) planService(ctx context.Context, p *importPlan, s *HSDSService) {
	s.ID = strings.ToLower(strings.TrimSpace(s.ID))
	if !p.checkID("service", s.ID) {
		return
	}
	if _, dup := p.svcByID[s.ID]; dup {
		p.problem("service", s.ID, "id", "appears twice")
		return
	}
	if s.Status != "active" {
		p.warn("service", s.ID, "status", "only active services are imported; left out")
		return
	}
	orgHSDS := strings.ToLower(s.OrganizationID)
	if s.Organization != nil {
		if orgHSDS == "" {
			orgHSDS = strings.ToLower(s.Organization.ID)
		}
		m.planOrgOnce(ctx, p, s.Organization)
	}
	if orgHSDS == "" {
		p.problem("service", s.ID, "organization_id", "required")
		return
	}
	ps := &plannedService{hsdsID: s.ID, orgHSDS: orgHSDS, links: map[string]string{}}
	in := directory.ServiceInput{Name: s.Name, Description: s.Description, Eligibility: s.EligibilityDescription, Email: s.Email,
		Website: s.URL, FeeNote: s.FeesDescription, Cost: directory.Free}
	if len(s.Phones) > 0 {
		in.Phone = normalisePhone(s.Phones[0].Number)
	}
	if len(s.CostOptions) > 0 && (s.CostOptions[0].Option == directory.Free || s.CostOptions[0].Option == directory.Fee) {
		in.Cost = s.CostOptions[0].Option
	} else if strings.TrimSpace(s.FeesDescription) != "" {
		in.Cost = directory.Fee
	}
	start := len(p.report.Problems)
	cats := attributeCodes(s.Attributes, taxCategory)
	switch {
	case len(cats) > 0 && !taxonomy.Default().Valid(cats[0]):
		p.problem("service", s.ID, "attributes", fmt.Sprintf("%q is not a teilhabe category (taxonomy %s)", cats[0], taxCategory))
	case len(cats) > 0:
		in.Category = cats[0]
	default:
		if found := taxonomy.Default().Match(s.Name); len(found) == 1 {
			in.Category = found[0]
			p.warn("service", s.ID, "attributes", "no category given (taxonomy "+taxCategory+"); “"+found[0]+"” taken from the name")
		} else {
			p.problem("service", s.ID, "attributes", "no category: give an attribute of taxonomy "+taxCategory+" with a teilhabe category id as code")
		}
	}
	in.Targets = attributeCodes(s.Attributes, taxTarget)
	for _, a := range attributeCodes(s.Attributes, taxAccess) {
		switch a {
		case "walk_in":
			in.WalkIn = true
		case "appointment":
			in.Appointment = true
		case "referral":
			in.Referral = true
		default:
			p.problem("service", s.ID, "attributes", fmt.Sprintf("%q is not a way of access (walk_in, appointment, referral)", a))
		}
	}
	if !in.WalkIn && !in.Appointment && !in.Referral {
		in.Appointment = true
		p.warn("service", s.ID, "attributes", "no way of access given (taxonomy "+taxAccess+"); “by appointment” assumed")
	}
	in.Lang = "de"
	if langs := attributeCodes(s.Attributes, taxLang); len(langs) > 0 {
		in.Lang = langs[0]
	}
	for _, l := range s.Languages {
		code := text.CanonicalLanguage(l.Code)
		if text.ValidLanguage(code) {
			in.Languages = append(in.Languages, code)
		} else {
			p.warn("service", s.ID, "languages", fmt.Sprintf("language %q (%s) is not one we list; left out", l.Code, l.Name))
		}
	}
	if len(in.Languages) == 0 {
		in.Languages = []string{"de"}
		p.warn("service", s.ID, "languages", "no language given; German assumed")
	}
	for _, sal := range s.ServiceAtLocations {
		salID := strings.ToLower(strings.TrimSpace(sal.ID))
		if !p.checkID("service_at_location", salID) {
			continue
		}
		locID := strings.ToLower(sal.LocationID)
		if sal.Location != nil {
			if locID == "" {
				locID = strings.ToLower(sal.Location.ID)
			}
			m.planLocation(ctx, p, sal.Location, orgHSDS)
		}
		if locID == "" {
			p.problem("service_at_location", salID, "location_id", "required")
			continue
		}
		ps.links[locID] = salID
		ps.locations = append(ps.locations, locID)
	}
	if s.LastModified != "" {
		t, err := time.Parse(time.RFC3339Nano, s.LastModified)
		if err != nil {
			p.problem("service", s.ID, "last_modified", "not a date and time (RFC 3339)")
			return
		}
		ps.updatedAt = t.UTC().Truncate(time.Microsecond)
	}
	if s.AssuredDate != "" {
		d, ok := directory.ParseDay(s.AssuredDate)
		if !ok {
			p.problem("service", s.ID, "assured_date", "not a date (YYYY-MM-DD)")
			return
		}
		ps.confirmedAt = d.At(12 * 60).UTC()
	}
	in.Normalize()
	in.LocationIDs = nil
	err := in.Validate()
	if in.Category == "" && err != nil {
		delete(apperr.As(err).Fields, "category") // reported above
		if len(apperr.As(err).Fields) == 0 {
			err = nil
		}
	}
	if err != nil {
		m.fieldProblems(p, "service", s.ID, err, map[string]string{"name": "name", "category": "attributes", "targets": "attributes",
			"lang": "attributes", "languages": "languages", "fee_note": "fees_description", "eligibility": "eligibility_description",
			"phone": "phones", "website": "url"})
		return
	}
	if len(p.report.Problems) > start {
		return
	}
	ps.in = in
	local, err := m.existingLocal(ctx, "service", s.ID, func(id string) bool {
		_, err := m.dir.Service(ctx, id)
		return err == nil
	})
	if err != nil {
		p.problem("service", s.ID, "", err.Error())
		return
	}
	ps.local = local
	p.svcs = append(p.svcs, ps)
	p.svcByID[s.ID] = ps
}

// planOrgOnce plans an organisation nested in a service, unless a record
// of it came first.
func (m *Module) planOrgOnce(ctx context.Context, p *importPlan, o *HSDSOrganization) {
	if _, ok := p.orgByID[strings.ToLower(o.ID)]; ok {
		return
	}
	m.planOrg(ctx, p, o, p.owner())
}

// owner is the importing account.
func (p *importPlan) owner() string { return p.ownerID }

// checkPlan checks what records refer to: every location and service
// belongs to an organisation of the dataset or of the directory, a service
// is offered only at its own organisation's locations, every municipality
// exists or can be created.
func (m *Module) checkPlan(ctx context.Context, p *importPlan) {
	orgKnown := func(hsdsID string) bool {
		if _, ok := p.orgByID[hsdsID]; ok {
			return true
		}
		if _, ok := p.localOrgs[hsdsID]; ok {
			return true
		}
		local, err := m.existingLocal(ctx, "organization", hsdsID, func(id string) bool {
			_, err := m.orgs.Get(ctx, id)
			return err == nil
		})
		if err == nil && local != "" {
			p.localOrgs[hsdsID] = local
			return true
		}
		return false
	}
	for _, l := range p.locs {
		if !orgKnown(l.orgHSDS) {
			p.problem("location", l.hsdsID, "organization_id", "no organisation "+l.orgHSDS+" in the dataset or the directory")
		}
		if _, err := m.dir.Municipality(ctx, l.in.AGS); err == nil {
			continue
		} else if !apperr.Is(err, apperr.NotFound) {
			p.problem("location", l.hsdsID, "", err.Error())
			continue
		}
		if _, planned := p.munis[l.in.AGS]; planned {
			continue
		}
		mu := &directory.Municipality{AGS: l.in.AGS, Name: l.municipalityName, State: l.in.AGS[:2]}
		mu.Normalize()
		if err := mu.Validate(); err != nil {
			m.fieldProblems(p, "location", l.hsdsID, err, map[string]string{"ags": "external_identifier", "name": "addresses.region"})
			continue
		}
		p.munis[mu.AGS] = mu
	}
	for _, s := range p.svcs {
		if !orgKnown(s.orgHSDS) {
			p.problem("service", s.hsdsID, "organization_id", "no organisation "+s.orgHSDS+" in the dataset or the directory")
		}
		for _, locID := range s.locations {
			l, ok := p.locByID[locID]
			if !ok {
				p.problem("service_at_location", s.links[locID], "location_id", "no location "+locID+" in the dataset")
				continue
			}
			if l.orgHSDS != s.orgHSDS {
				p.problem("service_at_location", s.links[locID], "location_id", "the location belongs to another organisation")
			}
		}
	}
}

// writePlan writes what checkPlan accepted.
func (m *Module) writePlan(ctx context.Context, p *importPlan, ownerID string) error {
	now := m.s.Clock.Now()
	orgLocal := map[string]string{}
	for h, local := range p.localOrgs {
		orgLocal[h] = local
	}
	for _, po := range p.orgs {
		switch {
		case po.local == "":
			o, err := m.orgs.Create(ctx, ownerID, po.profile)
			if err != nil {
				return fmt.Errorf("organization %s: %w", po.hsdsID, err)
			}
			if err := rememberHSDS(ctx, m.s.DB, "organization", po.hsdsID, o.ID); err != nil {
				return err
			}
			orgLocal[po.hsdsID] = o.ID
			p.report.Organizations.Created++
		case po.edit:
			if _, err := m.orgs.Update(ctx, ownerID, po.local, po.profile); err != nil {
				return fmt.Errorf("organization %s: %w", po.hsdsID, err)
			}
			orgLocal[po.hsdsID] = po.local
			p.report.Organizations.Updated++
		default:
			orgLocal[po.hsdsID] = po.local
		}
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		agsList := make([]string, 0, len(p.munis))
		for ags := range p.munis {
			agsList = append(agsList, ags)
		}
		slices.Sort(agsList)
		for _, ags := range agsList {
			mu := p.munis[ags]
			mu.CreatedAt, mu.UpdatedAt = now, now
			if err := m.dir.ImportMunicipality(ctx, tx, mu, ownerID); err != nil {
				return err
			}
			p.report.Municipalities.Created++
		}
		locLocal := map[string]string{}
		var locIDs []string
		for _, pl := range p.locs {
			l := &directory.Location{ID: pl.local, OrganizationID: orgLocal[pl.orgHSDS], LocationInput: pl.in, CreatedAt: now,
				UpdatedAt: now, ConfirmedAt: now, UpdatedBy: ownerID, ConfirmedBy: ownerID}
			created, err := m.dir.ImportLocation(ctx, tx, l, pl.closures)
			if err != nil {
				return err
			}
			p.report.Locations.count(created)
			if err := rememberHSDS(ctx, tx, "location", pl.hsdsID, l.ID); err != nil {
				return err
			}
			locLocal[pl.hsdsID] = l.ID
			locIDs = append(locIDs, l.ID)
		}
		var imported []string
		for _, ps := range p.svcs {
			s := &directory.Service{ID: ps.local, OrganizationID: orgLocal[ps.orgHSDS], ServiceInput: ps.in, CreatedAt: now,
				UpdatedAt: ps.updatedAt, ConfirmedAt: ps.confirmedAt, UpdatedBy: ownerID, ConfirmedBy: ownerID}
			if s.UpdatedAt.IsZero() {
				s.UpdatedAt = now
			}
			if s.ConfirmedAt.IsZero() {
				s.ConfirmedAt = now
			}
			existing := map[string]string{} // location → pair id
			if s.ID != "" {
				var err error
				if existing, err = m.dir.ServicePlaces(ctx, tx, s.ID); err != nil {
					return err
				}
			}
			linkIDs := map[string]string{}
			for _, locHSDS := range ps.locations {
				loc := locLocal[locHSDS]
				s.LocationIDs = append(s.LocationIDs, loc)
				pair := existing[loc]
				if pair == "" {
					pair = ids.New()
					linkIDs[loc] = pair
				}
				if err := rememberHSDS(ctx, tx, "service_at_location", ps.links[locHSDS], pair); err != nil {
					return err
				}
			}
			created, err := m.dir.ImportService(ctx, tx, s, linkIDs)
			if err != nil {
				return err
			}
			p.report.Services.count(created)
			if err := rememberHSDS(ctx, tx, "service", ps.hsdsID, s.ID); err != nil {
				return err
			}
			imported = append(imported, s.ID)
		}
		// Search finds the services as imported, and those at changed locations.
		return m.dir.IndexImported(ctx, tx, locIDs, imported)
	})
}

// normalisePhone writes a phone number of another system the way teilhabe
// checks them before it is judged: without quotes around it, a tel: scheme,
// brackets (the "(0)" of an international number dropped), dots or odd
// spaces, so that "tel:+49 (0)561 12345" and "(0561) 12.34.5" are kept.
func normalisePhone(s string) string {
	s = strings.Trim(text.OneLine(s), "\"'„“”‚‘’«» ")
	if len(s) >= 4 && strings.EqualFold(s[:4], "tel:") {
		s = s[4:]
	}
	if strings.HasPrefix(strings.TrimSpace(s), "+") {
		s = strings.ReplaceAll(s, "(0)", "")
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case '(', ')', '.', '\u00a0', '\t':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
