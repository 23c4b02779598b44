-- The projects ("Aktionen") of a volunteer day: each offered by one
-- organisation for a time slot within the day, proposed until the day's
-- closing date and public once the day's organisers approved it. Its
-- helpers' places are a pool "event.project" of the capacity core.
CREATE TABLE event_projects (
	id UUID PRIMARY KEY,
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	created_by UUID REFERENCES users (id),
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	street TEXT NOT NULL DEFAULT '',
	postcode TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	lat DOUBLE PRECISION,
	lon DOUBLE PRECISION,
	starts_at TIMESTAMPTZ NOT NULL,
	ends_at TIMESTAMPTZ NOT NULL,
	capacity INTEGER NOT NULL CHECK (capacity > 0),
	for_families BOOLEAN NOT NULL DEFAULT FALSE,
	without_german BOOLEAN NOT NULL DEFAULT FALSE,
	status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'declined')),
	decided_at TIMESTAMPTZ,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_projects_event ON event_projects (event_id, starts_at, id);
CREATE INDEX event_projects_org ON event_projects (organization_id);
CREATE INDEX event_projects_created_by ON event_projects (created_by);

-- The languages spoken at a project.
CREATE TABLE event_project_languages (
	project_id UUID NOT NULL REFERENCES event_projects (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	PRIMARY KEY (project_id, lang)
);

-- Until when organisations may add projects to a volunteer day; without a
-- row, until the day begins.
CREATE TABLE event_project_days (
	event_id UUID PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
	projects_close TIMESTAMPTZ NOT NULL
);

-- One row per volunteer of a day, locked by each of their sign-ups, so
-- two sign-ups of one person for overlapping slots in different projects
-- cannot both pass the overlap check, on any number of app servers.
CREATE TABLE event_project_volunteers (
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	user_id UUID NOT NULL,
	signups INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_project_volunteers_user ON event_project_volunteers (user_id);
