package funding

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// searchType is the campaigns' type in the search.
const searchType = "campaign"

// SetIndex makes the module hand its campaigns to a search index.
func (m *Module) SetIndex(ix searchdoc.Indexer) { m.index = ix }

// SearchTypes: campaigns are found as type "campaign".
func (m *Module) SearchTypes() []searchdoc.Type {
	return []searchdoc.Type{{Name: searchType, Label: "funding.search.type", Order: 75}}
}

// indexCampaign hands the campaign to the search index in tx: search finds
// it while it takes reservations.
func (m *Module) indexCampaign(ctx context.Context, tx *sql.Tx, c *Campaign) error {
	if m.index == nil {
		return nil
	}
	if c.Status != Running {
		return m.index.Delete(ctx, tx, searchType, c.ID)
	}
	return m.index.Put(ctx, tx, campaignDoc(c))
}

// campaignDoc is what search shows of a campaign: its page's public text.
func campaignDoc(c *Campaign) searchdoc.Doc {
	deadline := c.Deadline
	published := c.CreatedAt
	if c.PublishedAt != nil {
		published = *c.PublishedAt
	}
	return searchdoc.Doc{Type: searchType, ID: c.ID, Title: c.Title, Body: blog.PlainText(c.Story), Lang: c.ContentLang,
		Visibility: searchdoc.Public, CreatedAt: published, UpdatedAt: c.UpdatedAt, ExpiresAt: &deadline,
		Deadline: &deadline, URL: "/campaigns/" + c.ID}
}

// SearchDocs yields every running campaign, for rebuilding the index.
func (m *Module) SearchDocs(ctx context.Context, yield func(searchdoc.Doc) error) error {
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+campaignColumns+` FROM funding_campaigns c
		WHERE c.status = 'running' ORDER BY c.deadline, c.id`)
	cs, err := db.Collect(rows, err, scanCampaign)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if err := yield(campaignDoc(c)); err != nil {
			return err
		}
	}
	return nil
}
