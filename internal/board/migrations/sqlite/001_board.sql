CREATE TABLE listings (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('offer', 'request')),
	category TEXT NOT NULL,
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	content_lang TEXT NOT NULL,
	postcode TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	lat REAL,
	lon REAL,
	when_kind TEXT NOT NULL DEFAULT 'none' CHECK (when_kind IN ('none', 'date', 'range', 'regularly')),
	when_from TIMESTAMP,
	when_to TIMESTAMP,
	quantity INTEGER,
	visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members', 'verified')),
	organization_id TEXT REFERENCES organizations (id),
	org_kind TEXT NOT NULL DEFAULT '',
	poster_id TEXT NOT NULL REFERENCES users (id),
	status TEXT NOT NULL CHECK (status IN ('open', 'fulfilled', 'withdrawn', 'expired')),
	hidden BOOLEAN NOT NULL DEFAULT FALSE,
	held BOOLEAN NOT NULL DEFAULT FALSE,
	removed_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL,
	reminded_at TIMESTAMP,
	closed_at TIMESTAMP
);
CREATE INDEX listings_open ON listings (status, expires_at);
CREATE INDEX listings_poster ON listings (poster_id);
CREATE INDEX listings_category ON listings (category, status);
CREATE INDEX listings_org ON listings (organization_id);
CREATE INDEX listings_created ON listings (created_at, id);

CREATE TABLE listing_languages (
	listing_id TEXT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	PRIMARY KEY (listing_id, lang)
);
CREATE INDEX listing_languages_lang ON listing_languages (lang);

CREATE TABLE listing_history (
	id TEXT PRIMARY KEY,
	listing_id TEXT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	editor_id TEXT REFERENCES users (id),
	at TIMESTAMP NOT NULL,
	changes TEXT NOT NULL
);
CREATE INDEX listing_history_listing ON listing_history (listing_id, at);

CREATE TABLE listing_responses (
	id TEXT PRIMARY KEY,
	listing_id TEXT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	responder_id TEXT NOT NULL REFERENCES users (id),
	responder_org_id TEXT REFERENCES organizations (id),
	conversation_id TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
	created_at TIMESTAMP NOT NULL,
	decided_at TIMESTAMP,
	UNIQUE (listing_id, responder_id)
);
CREATE INDEX listing_responses_responder ON listing_responses (responder_id);

CREATE TABLE listing_thanks (
	listing_id TEXT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	author_id TEXT NOT NULL REFERENCES users (id),
	text TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (listing_id, author_id)
);

CREATE TABLE saved_searches (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	query TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	last_sent_at TIMESTAMP,
	unsubscribe_hash TEXT NOT NULL UNIQUE
);
CREATE INDEX saved_searches_user ON saved_searches (user_id);
