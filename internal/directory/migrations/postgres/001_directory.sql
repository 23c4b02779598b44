-- The directory: municipalities with their local facts and links; the
-- services and locations of organisations with opening hours. Calendar
-- days (fact dates, closures) are TEXT 'YYYY-MM-DD': they are days, not instants, and compare
-- correctly as text on both engines. Times of day are minutes after
-- midnight, local time in Europe/Berlin.

CREATE TABLE directory_municipalities (
	ags TEXT PRIMARY KEY CHECK (length(ags) = 8),
	name TEXT NOT NULL,
	name_key TEXT NOT NULL,
	state TEXT NOT NULL CHECK (length(state) = 2),
	organization_id UUID REFERENCES organizations (id) ON DELETE SET NULL,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	created_by UUID REFERENCES users (id)
);
CREATE INDEX directory_municipalities_name ON directory_municipalities (name_key, ags);
CREATE INDEX directory_municipalities_org ON directory_municipalities (organization_id);

CREATE TABLE directory_facts (
	id UUID PRIMARY KEY,
	ags TEXT NOT NULL REFERENCES directory_municipalities (ags) ON DELETE CASCADE,
	label TEXT NOT NULL,
	value TEXT NOT NULL,
	as_of TEXT NOT NULL CHECK (length(as_of) = 10),
	source TEXT NOT NULL,
	source_url TEXT NOT NULL DEFAULT '',
	lang TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	updated_by UUID REFERENCES users (id)
);
CREATE INDEX directory_facts_ags ON directory_facts (ags, created_at);
CREATE INDEX directory_facts_by ON directory_facts (updated_by);

CREATE TABLE directory_links (
	id UUID PRIMARY KEY,
	ags TEXT NOT NULL REFERENCES directory_municipalities (ags) ON DELETE CASCADE,
	title TEXT NOT NULL,
	url TEXT NOT NULL,
	lang TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	updated_by UUID REFERENCES users (id)
);
CREATE INDEX directory_links_ags ON directory_links (ags, created_at);
CREATE INDEX directory_links_by ON directory_links (updated_by);

-- A location: an address where an organisation receives people.
CREATE TABLE directory_locations (
	id UUID PRIMARY KEY,
	organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	name TEXT NOT NULL DEFAULT '',
	street TEXT NOT NULL,
	postcode TEXT NOT NULL,
	city TEXT NOT NULL,
	ags TEXT NOT NULL REFERENCES directory_municipalities (ags),
	lat DOUBLE PRECISION,
	lon DOUBLE PRECISION,
	wheelchair TEXT NOT NULL DEFAULT '' CHECK (wheelchair IN ('', 'yes', 'partly', 'no')),
	accessibility TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	updated_by UUID REFERENCES users (id),
	confirmed_at TIMESTAMPTZ NOT NULL,
	confirmed_by UUID REFERENCES users (id),
	reminded_at TIMESTAMPTZ
);
CREATE INDEX directory_locations_org ON directory_locations (organization_id, created_at);
CREATE INDEX directory_locations_ags ON directory_locations (ags);
CREATE INDEX directory_locations_confirmed ON directory_locations (confirmed_at);
CREATE INDEX directory_locations_updated_by ON directory_locations (updated_by);
CREATE INDEX directory_locations_confirmed_by ON directory_locations (confirmed_by);

-- Weekly opening hours: one row per period of a weekday (1 Monday … 7 Sunday).
CREATE TABLE directory_hours (
	location_id UUID NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
	weekday SMALLINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	opens INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),
	closes INTEGER NOT NULL CHECK (closes BETWEEN 1 AND 1440),
	PRIMARY KEY (location_id, weekday, opens)
);

-- Exceptions to the weekly hours for a range of days: closed, or open at
-- other times.
CREATE TABLE directory_closures (
	id UUID PRIMARY KEY,
	location_id UUID NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
	first_day TEXT NOT NULL CHECK (length(first_day) = 10),
	last_day TEXT NOT NULL CHECK (length(last_day) = 10),
	closed BOOLEAN NOT NULL,
	opens INTEGER,
	closes INTEGER,
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_closures_location ON directory_closures (location_id, first_day);

-- A service: what an organisation offers.
CREATE TABLE directory_services (
	id UUID PRIMARY KEY,
	organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	name_key TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL,
	lang TEXT NOT NULL,
	cost TEXT NOT NULL CHECK (cost IN ('free', 'fee')),
	fee_note TEXT NOT NULL DEFAULT '',
	walk_in BOOLEAN NOT NULL,
	by_appointment BOOLEAN NOT NULL,
	by_referral BOOLEAN NOT NULL,
	eligibility TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	website TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	updated_by UUID REFERENCES users (id),
	confirmed_at TIMESTAMPTZ NOT NULL,
	confirmed_by UUID REFERENCES users (id),
	reminded_at TIMESTAMPTZ
);
CREATE INDEX directory_services_org ON directory_services (organization_id, name_key);
CREATE INDEX directory_services_category ON directory_services (category);
CREATE INDEX directory_services_confirmed ON directory_services (confirmed_at);
CREATE INDEX directory_services_updated_by ON directory_services (updated_by);
CREATE INDEX directory_services_confirmed_by ON directory_services (confirmed_by);

CREATE TABLE directory_service_languages (
	service_id UUID NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	PRIMARY KEY (service_id, lang)
);
CREATE INDEX directory_service_languages_lang ON directory_service_languages (lang);

CREATE TABLE directory_service_targets (
	service_id UUID NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
	target TEXT NOT NULL,
	PRIMARY KEY (service_id, target)
);

-- Where a service is offered; the id names the pair in HSDS
-- (service_at_location).
CREATE TABLE directory_service_locations (
	id UUID PRIMARY KEY,
	service_id UUID NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
	location_id UUID NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
	UNIQUE (service_id, location_id)
);
CREATE INDEX directory_service_locations_location ON directory_service_locations (location_id);
