// The page of one listing. Its lower part belongs to the responses area:
// listing.html calls the template "listing_responses" (defined in
// partials_responses.html) with the page's View, and listingPage.Responses
// is what m.responsesFor returns for the listing and the visitor.
package board

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// listingPage is what /listings/{id} shows.
type listingPage struct {
	Listing      *Listing
	Category     string     // its name in the page language
	Top          string     // the name of its top-level category, if it has one
	Paragraphs   [][]string // the description's paragraphs, each as its lines
	PosterName   string     // as the viewer may see it (posterName)
	PosterHidden bool       // the viewer may not see the poster's name
	Org          *organization.Organization
	CanManage    bool
	Staff        bool
	History      []Change        // for managers and staff
	FlagURL      string          // the report form, for everybody who does not manage it
	Live         bool            // on the board now
	Days         int             // how long the extend button extends
	Responses    any             // the responses area's part, from m.responsesFor
	Sections     []template.HTML // other modules' parts, each deciding who sees it
	// JSONLD is the listing's schema.org description for the page's head
	// (see structuredData); nil when there is none.
	JSONLD json.RawMessage
}

func (m *Module) showListing(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer := auth.From(ctx)
	l, err := m.Get(ctx, viewer, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	lang := web.Localizer(ctx).Lang()
	data := &listingPage{
		Listing:    l,
		Category:   taxonomy.Default().Name(l.Category, lang),
		Top:        topCategory(l.Category, lang),
		Paragraphs: text.Paragraphs(l.Description),
		CanManage:  m.canManage(ctx, l, viewer),
		Staff:      viewer.Staff(),
		Live:       l.Live(m.s.Clock.Now()),
		Days:       ExtendDays,
	}
	names, err := m.accounts.Names(ctx, []string{l.PosterID})
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data.PosterName, data.PosterHidden = m.posterName(ctx, l, viewer, names[l.PosterID])
	if l.OrganizationID != "" {
		if data.Org, err = m.orgs.Get(ctx, l.OrganizationID); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	if data.JSONLD, err = m.structuredData(l, data.Org); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if data.CanManage || data.Staff {
		if data.History, err = m.History(ctx, viewer, l.ID); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	if !data.CanManage {
		data.FlagURL = moderation.FlagURL(listingKind, l.ID)
	}
	if data.Responses, err = m.responsesFor(ctx, l, viewer); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if data.Sections, err = m.sections.Draw(ctx, listingSectionPage, l.ID, lang); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if data.CanManage {
		// Who manages the listing has now seen the responses its notices
		// told of, however they came here.
		if err := m.s.Notify.MarkItemRead(ctx, m.s.DB, viewer.UserID, notify.Item{Type: "listing", ID: l.ID}, m.s.Clock.Now()); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	m.s.Render.Page(w, r, http.StatusOK, "board/listing", data, nil)
}

// posterName is how the listing names its poster (full, "" for a deleted
// account) to the viewer. A person asking for help must not be named to
// the world: in full only to whoever manages the listing, to staff, and to
// everybody when the poster chose so; members see the first name, visitors
// none (hidden).
func (m *Module) posterName(ctx context.Context, l *Listing, viewer *auth.Identity, full string) (name string, hidden bool) {
	switch {
	case full == "":
		return "", false
	case l.ShowName, viewer.Staff(), viewer != nil && viewer.UserID == l.PosterID, m.canManage(ctx, l, viewer):
		return full, false
	case viewer != nil:
		return firstName(full), false
	}
	return "", true
}

// personName is how a page about the listing names someone else who took
// part (a note's author) to the viewer: the poster as posterName does;
// anybody else in full to the listing's managers, staff and themselves,
// by the first name to members, not at all to visitors.
func (m *Module) personName(ctx context.Context, l *Listing, viewer *auth.Identity, userID, full string) string {
	if userID == l.PosterID && l.OrganizationID == "" {
		name, _ := m.posterName(ctx, l, viewer, full)
		return name
	}
	switch {
	case viewer.Staff(), viewer != nil && viewer.UserID == userID, m.canManage(ctx, l, viewer):
		return full
	case viewer != nil:
		return firstName(full)
	}
	return ""
}

// firstName is the first word of a display name.
func firstName(full string) string {
	if f := strings.Fields(full); len(f) > 0 {
		return f[0]
	}
	return ""
}

// structuredData describes a listing the public sees (visibility public,
// live or fulfilled; never members- or verified-only, held or hidden ones)
// in schema.org JSON-LD, to embed in its page as <script
// type="application/ld+json">: an opportunity as a JobPosting with
// employmentType VOLUNTEER (searchdoc.StructuredData), another request as
// a Demand, an offer as an Offer. It names where only by postcode and place,
// as the page does; people's locations are coarse. Such a script is a data
// block the Content-Security-Policy does not block, and html/template
// writes the JSON with <, > and & escaped, so no text can end the block.
// A fulfilled listing's posting ends (validThrough, availabilityEnds) when
// it was fulfilled.
func (m *Module) structuredData(l *Listing, org *organization.Organization) (json.RawMessage, error) {
	now := m.s.Clock.Now()
	if l.Visibility != Public || l.Hidden || l.Held || !(l.Live(now) || l.Status == Fulfilled) {
		return nil, nil
	}
	ends := l.ExpiresAt
	if l.Status == Fulfilled && l.ClosedAt != nil {
		ends = *l.ClosedAt
	}
	url := "/listings/" + l.ID
	if l.Opportunity() {
		if org == nil {
			return nil, nil
		}
		return searchdoc.StructuredData(searchdoc.Doc{
			Type: searchdoc.Opportunity, ID: l.ID, Title: l.Title, Body: l.Description, Lang: l.ContentLang,
			Visibility: searchdoc.Public, Postcode: l.Postcode, Place: l.Place, CreatedAt: l.CreatedAt,
			ExpiresAt: &ends, URL: url,
		}, m.s.BaseURL, searchdoc.Org{Name: org.Name, URL: m.s.BaseURL + "/organizations/" + org.ID})
	}
	address := map[string]any{"@type": "PostalAddress", "addressCountry": "DE"}
	if l.Postcode != "" {
		address["postalCode"] = l.Postcode
	}
	if l.Place != "" {
		address["addressLocality"] = l.Place
	}
	typ := "Offer"
	if l.Kind == Request {
		typ = "Demand"
	}
	return json.Marshal(map[string]any{
		"@context": "https://schema.org", "@type": typ, "name": l.Title, "description": l.Description,
		"url": m.s.BaseURL + url, "areaServed": map[string]any{"@type": "Place", "address": address},
		"availabilityStarts": l.CreatedAt.UTC().Format(time.RFC3339),
		"availabilityEnds":   ends.UTC().Format(time.RFC3339),
	})
}

// topCategory names the top-level category of id; "" when id is one.
func topCategory(id, lang string) string {
	t := taxonomy.Default()
	if top := t.TopOf(id); top != "" && top != id {
		return t.Name(top, lang)
	}
	return ""
}
