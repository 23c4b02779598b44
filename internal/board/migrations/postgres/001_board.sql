CREATE TABLE listings (
	id UUID PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('offer', 'request')),
	category TEXT NOT NULL,
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	content_lang TEXT NOT NULL,
	postcode TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	lat DOUBLE PRECISION,
	lon DOUBLE PRECISION,
	when_kind TEXT NOT NULL DEFAULT 'none' CHECK (when_kind IN ('none', 'date', 'range', 'regularly')),
	when_from TIMESTAMPTZ,
	when_to TIMESTAMPTZ,
	quantity INTEGER,
	visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members', 'verified')),
	organization_id UUID REFERENCES organizations (id),
	org_kind TEXT NOT NULL DEFAULT '',
	poster_id UUID NOT NULL REFERENCES users (id),
	status TEXT NOT NULL CHECK (status IN ('open', 'fulfilled', 'withdrawn', 'expired')),
	hidden BOOLEAN NOT NULL DEFAULT FALSE,
	held BOOLEAN NOT NULL DEFAULT FALSE,
	removed_at TIMESTAMPTZ,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL,
	reminded_at TIMESTAMPTZ,
	closed_at TIMESTAMPTZ
);
CREATE INDEX listings_open ON listings (status, expires_at);
CREATE INDEX listings_poster ON listings (poster_id);
CREATE INDEX listings_category ON listings (category, status);
CREATE INDEX listings_org ON listings (organization_id);
CREATE INDEX listings_created ON listings (created_at, id);

CREATE TABLE listing_languages (
	listing_id UUID NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	PRIMARY KEY (listing_id, lang)
);
CREATE INDEX listing_languages_lang ON listing_languages (lang);

CREATE TABLE listing_history (
	id UUID PRIMARY KEY,
	listing_id UUID NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	editor_id UUID REFERENCES users (id),
	at TIMESTAMPTZ NOT NULL,
	changes TEXT NOT NULL
);
CREATE INDEX listing_history_listing ON listing_history (listing_id, at);

CREATE TABLE listing_responses (
	id UUID PRIMARY KEY,
	listing_id UUID NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	responder_id UUID NOT NULL REFERENCES users (id),
	responder_org_id UUID REFERENCES organizations (id),
	conversation_id UUID NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
	created_at TIMESTAMPTZ NOT NULL,
	decided_at TIMESTAMPTZ,
	UNIQUE (listing_id, responder_id)
);
CREATE INDEX listing_responses_responder ON listing_responses (responder_id);

CREATE TABLE listing_thanks (
	listing_id UUID NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	author_id UUID NOT NULL REFERENCES users (id),
	text TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (listing_id, author_id)
);

CREATE TABLE saved_searches (
	id UUID PRIMARY KEY,
	user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	query TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	last_sent_at TIMESTAMPTZ,
	unsubscribe_hash TEXT NOT NULL UNIQUE
);
CREATE INDEX saved_searches_user ON saved_searches (user_id);
