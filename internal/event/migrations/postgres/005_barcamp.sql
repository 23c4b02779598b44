-- Barcamps: an event of kind barcamp has rooms and time slots (the grid
-- its organisers define), sessions its participants propose and vote for,
-- and a schedule placing sessions in the grid, public once published.
CREATE TABLE event_barcamps (
	id UUID PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
	votes_each INTEGER NOT NULL DEFAULT 3,
	published_at TIMESTAMPTZ
);

CREATE TABLE event_barcamp_rooms (
	id UUID PRIMARY KEY,
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	size INTEGER NOT NULL,
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_barcamp_rooms_event ON event_barcamp_rooms (event_id);

CREATE TABLE event_barcamp_slots (
	id UUID PRIMARY KEY,
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	starts_at TIMESTAMPTZ NOT NULL,
	ends_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_barcamp_slots_event ON event_barcamp_slots (event_id, starts_at);

-- A session sits in one cell of the grid or in none; a cell holds one.
CREATE TABLE event_barcamp_sessions (
	id UUID PRIMARY KEY,
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	proposed_by UUID REFERENCES users (id),
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	lang TEXT NOT NULL,
	format TEXT NOT NULL CHECK (format IN ('talk', 'discussion', 'workshop')),
	room_id UUID REFERENCES event_barcamp_rooms (id),
	slot_id UUID REFERENCES event_barcamp_slots (id),
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_barcamp_sessions_event ON event_barcamp_sessions (event_id, created_at);
CREATE INDEX event_barcamp_sessions_proposer ON event_barcamp_sessions (proposed_by);
CREATE UNIQUE INDEX event_barcamp_sessions_cell ON event_barcamp_sessions (room_id, slot_id);

-- The hosts of a session in order, the proposer first.
CREATE TABLE event_barcamp_hosts (
	session_id UUID NOT NULL REFERENCES event_barcamp_sessions (id) ON DELETE CASCADE,
	user_id UUID NOT NULL REFERENCES users (id),
	position INTEGER NOT NULL,
	PRIMARY KEY (session_id, user_id)
);
CREATE INDEX event_barcamp_hosts_user ON event_barcamp_hosts (user_id);

CREATE TABLE event_barcamp_votes (
	session_id UUID NOT NULL REFERENCES event_barcamp_sessions (id) ON DELETE CASCADE,
	user_id UUID NOT NULL REFERENCES users (id),
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	created_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (session_id, user_id)
);
CREATE INDEX event_barcamp_votes_user ON event_barcamp_votes (user_id, event_id);

-- Notes and documentation participants write on a session's page.
CREATE TABLE event_barcamp_notes (
	id UUID PRIMARY KEY,
	session_id UUID NOT NULL REFERENCES event_barcamp_sessions (id) ON DELETE CASCADE,
	author_id UUID NOT NULL REFERENCES users (id),
	body TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_barcamp_notes_session ON event_barcamp_notes (session_id, created_at);
CREATE INDEX event_barcamp_notes_author ON event_barcamp_notes (author_id);
