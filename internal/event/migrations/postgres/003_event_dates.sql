-- Repeating events: a weekly or monthly series until a day or for a count
-- of dates. starts_at and ends_at stay the first date's; span_starts_at
-- and span_ends_at are the earliest start and latest end of all its dates
-- (moved ones included), so lists find a series by its span.
ALTER TABLE events ADD COLUMN repeat_freq TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN repeat_by TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN repeat_until TIMESTAMPTZ;
ALTER TABLE events ADD COLUMN repeat_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN span_starts_at TIMESTAMPTZ;
ALTER TABLE events ADD COLUMN span_ends_at TIMESTAMPTZ;
UPDATE events SET span_starts_at = starts_at, span_ends_at = ends_at;
CREATE INDEX events_span ON events (span_ends_at, span_starts_at);
CREATE INDEX events_span_starts ON events (span_starts_at, id);

-- The single dates of a series that do not take place as the rule says:
-- cancelled, or moved to another time. day is the date's day by the rule
-- (YYYY-MM-DD in Europe/Berlin), which stays its name when it moves.
CREATE TABLE event_dates (
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('cancelled', 'moved')),
	starts_at TIMESTAMPTZ NOT NULL,
	ends_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (event_id, day)
);

-- Reminders are per date now.
CREATE TABLE event_date_reminders (
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	user_id UUID NOT NULL,
	sent_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (event_id, day, user_id)
);
CREATE INDEX event_date_reminders_user ON event_date_reminders (user_id);

-- What a registration holds besides its places (the capacity core's
-- claim): the organisation registered for, whether the person agreed to
-- share their e-mail address with the organisers, and whether they came
-- (checked in at the door, and by whom). One row per claim, written when
-- it is taken or checked in.
CREATE TABLE event_registrations (
	claim_id UUID PRIMARY KEY,
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	share_contact BOOLEAN NOT NULL DEFAULT FALSE,
	organization_id UUID REFERENCES organizations (id) ON DELETE SET NULL, -- registered for it, with its places
	checked_in_at TIMESTAMPTZ,
	checked_in_by UUID
);
CREATE INDEX event_registrations_date ON event_registrations (event_id, day);
CREATE INDEX event_registrations_checked_in_by ON event_registrations (checked_in_by);

-- The anonymous self-declaration on registration ("I came to Germany as a
-- refugee or migrant"): only counters per date and answer, never linked to
-- a person or a registration.
CREATE TABLE event_declarations (
	event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'unsaid')),
	answers INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (event_id, day, answer)
);

-- Places were one pool per event ("event", id); they are one pool per
-- date now ("event.date", "<id>/<day in Europe/Berlin>").
UPDATE capacity_claims c SET pool_kind = 'event.date',
	pool_id = c.pool_id || '/' || to_char(e.starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD')
FROM events e WHERE c.pool_kind = 'event' AND c.pool_id = CAST(e.id AS TEXT);
UPDATE capacity_pools p SET kind = 'event.date',
	pool_id = p.pool_id || '/' || to_char(e.starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD')
FROM events e WHERE p.kind = 'event' AND p.pool_id = CAST(e.id AS TEXT);
INSERT INTO event_date_reminders (event_id, day, user_id, sent_at)
SELECT r.event_id, to_char(e.starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD'), r.user_id, r.sent_at
FROM event_reminders r JOIN events e ON e.id = r.event_id;
DROP TABLE event_reminders;
