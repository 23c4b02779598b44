-- Events of organisations: one date each (start and end in UTC; an
-- all-day event from the first moment of its first day to the last of its
-- last day in Europe/Berlin), held at an address or online.
CREATE TABLE events (
	id TEXT PRIMARY KEY,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	created_by TEXT REFERENCES users (id),
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('info_event', 'language_cafe', 'course', 'meeting', 'volunteer_day', 'barcamp', 'other')),
	status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled', 'moved')),
	starts_at TIMESTAMP NOT NULL,
	ends_at TIMESTAMP NOT NULL,
	all_day BOOLEAN NOT NULL DEFAULT FALSE,
	place_kind TEXT NOT NULL CHECK (place_kind IN ('address', 'online')),
	street TEXT NOT NULL DEFAULT '',
	postcode TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	lat REAL,
	lon REAL,
	online_url TEXT NOT NULL DEFAULT '',
	content_lang TEXT NOT NULL,
	accessibility TEXT NOT NULL DEFAULT '',
	cost TEXT NOT NULL DEFAULT '',
	capacity INTEGER NOT NULL DEFAULT 0,
	registration BOOLEAN NOT NULL DEFAULT FALSE,
	registration_opens TIMESTAMP,
	registration_closes TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	cancelled_at TIMESTAMP
);
CREATE INDEX events_upcoming ON events (ends_at, starts_at);
CREATE INDEX events_starts ON events (starts_at, id);
CREATE INDEX events_org ON events (organization_id, starts_at);
CREATE INDEX events_created_by ON events (created_by);

-- The languages spoken at an event.
CREATE TABLE event_languages (
	event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	PRIMARY KEY (event_id, lang)
);
CREATE INDEX event_languages_lang ON event_languages (lang);
