-- Shift plans: an organisation's shifts (start and end in UTC), each with
-- slots for tasks that need helpers. A weekly template makes one shift per
-- week sharing a series_id. Roster-only shifts are seen by the
-- organisation's managers and its roster alone.
CREATE TABLE volunteer_shifts (
	id UUID PRIMARY KEY,
	organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	series_id UUID NOT NULL,
	created_by UUID,
	title TEXT NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	starts_at TIMESTAMPTZ NOT NULL,
	ends_at TIMESTAMPTZ NOT NULL,
	public BOOLEAN NOT NULL DEFAULT TRUE,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX volunteer_shifts_org ON volunteer_shifts (organization_id, starts_at);
CREATE INDEX volunteer_shifts_upcoming ON volunteer_shifts (starts_at, id);

-- The slots of a shift: a task, how many helpers it needs (the limit of
-- its pool in the capacity core), whether a background check is required.
CREATE TABLE volunteer_slots (
	id UUID PRIMARY KEY,
	shift_id UUID NOT NULL REFERENCES volunteer_shifts (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	task TEXT NOT NULL,
	needed INTEGER NOT NULL CHECK (needed > 0),
	check_required BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX volunteer_slots_shift ON volunteer_slots (shift_id, position);

-- The languages a slot's task needs.
CREATE TABLE volunteer_slot_languages (
	slot_id UUID NOT NULL REFERENCES volunteer_slots (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	PRIMARY KEY (slot_id, lang)
);

-- Who took a slot: the claim in the capacity core holds the place; this
-- row keeps what the capacity core does not know (whether the helper shows
-- their name to other helpers, a no-show). left_at is set when the helper
-- leaves; a helper holds a slot at most once at a time.
CREATE TABLE volunteer_helpers (
	id UUID PRIMARY KEY,
	slot_id UUID NOT NULL REFERENCES volunteer_slots (id) ON DELETE CASCADE,
	user_id UUID NOT NULL,
	claim_id UUID NOT NULL,
	show_name BOOLEAN NOT NULL DEFAULT FALSE,
	no_show BOOLEAN NOT NULL DEFAULT FALSE,
	taken_at TIMESTAMPTZ NOT NULL,
	left_at TIMESTAMPTZ,
	left_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX volunteer_helpers_live ON volunteer_helpers (slot_id, user_id) WHERE left_at IS NULL;
CREATE INDEX volunteer_helpers_user ON volunteer_helpers (user_id, left_at);

-- One row per person who ever took a slot, locked while they take one, so
-- that two slots taken at once are checked against each other for overlap.
CREATE TABLE volunteer_takers (
	user_id UUID PRIMARY KEY,
	last_taken_at TIMESTAMPTZ
);

-- An organisation's volunteers: active, paused or ended. Seen by the
-- organisation's owners and editors and by coordinators only.
CREATE TABLE volunteer_roster (
	organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	user_id UUID NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'ended')),
	joined_via TEXT NOT NULL CHECK (joined_via IN ('invitation', 'application', 'placement', 'shift')),
	note TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX volunteer_roster_user ON volunteer_roster (user_id);
