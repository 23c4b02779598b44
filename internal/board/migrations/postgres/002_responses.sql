-- Saved searches: the daily digest can be switched off (unsubscribe link)
-- without losing the search.
ALTER TABLE saved_searches ADD COLUMN digest BOOLEAN NOT NULL DEFAULT TRUE;

-- Which listings a saved search's digest has mailed already, so every
-- listing is mailed once, also when it went live later than it was posted.
CREATE TABLE saved_search_sent (
	search_id UUID NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
	listing_id UUID NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	sent_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (search_id, listing_id)
);
CREATE INDEX saved_search_sent_listing ON saved_search_sent (listing_id);

-- Hashes of the unsubscribe links of every digest mail sent (a new secret
-- per mail, since only hashes are stored); they work without logging in.
CREATE TABLE saved_search_links (
	hash TEXT PRIMARY KEY,
	search_id UUID NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX saved_search_links_search ON saved_search_links (search_id);
CREATE INDEX saved_search_links_created ON saved_search_links (created_at);

CREATE INDEX listing_responses_listing ON listing_responses (listing_id, created_at);

-- When the responder was told that the listing closed (fulfilled or
-- withdrawn): a waiting response is then declined, an accepted one on a
-- fulfilled listing is invited to leave a note of thanks.
ALTER TABLE listing_responses ADD COLUMN closed_notice_at TIMESTAMPTZ;
CREATE INDEX listing_responses_open ON listing_responses (status) WHERE closed_notice_at IS NULL;
