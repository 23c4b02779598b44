-- Flags: somebody reports an item of another module (kind + item id). A
-- reporter has at most one open flag per item; a second report updates it.
-- reporter_id becomes NULL when the reporter erases their account: the flag
-- stays as the record of what was reported and decided.
CREATE TABLE moderation_flags (
	id UUID PRIMARY KEY,
	kind TEXT NOT NULL,
	item_id UUID NOT NULL,
	reporter_id UUID REFERENCES users (id),
	reason TEXT NOT NULL,
	text TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	resolved_at TIMESTAMPTZ,
	resolved_by UUID REFERENCES users (id),
	resolution TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX moderation_flags_one_open ON moderation_flags (kind, item_id, reporter_id) WHERE resolved_at IS NULL;
CREATE INDEX moderation_flags_open ON moderation_flags (created_at, id) WHERE resolved_at IS NULL;
CREATE INDEX moderation_flags_item ON moderation_flags (kind, item_id);
CREATE INDEX moderation_flags_reporter ON moderation_flags (reporter_id);

-- Items held for a coordinator's approval before they are public. The row
-- stays after the decision (decision: approve, hide, remove), so a person
-- whose held post was approved counts as known from then on.
CREATE TABLE moderation_holds (
	kind TEXT NOT NULL,
	item_id UUID NOT NULL,
	owner_id UUID REFERENCES users (id),
	created_at TIMESTAMPTZ NOT NULL,
	decided_at TIMESTAMPTZ,
	decided_by UUID REFERENCES users (id),
	decision TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (kind, item_id)
);
CREATE INDEX moderation_holds_pending ON moderation_holds (created_at, item_id) WHERE decided_at IS NULL;
CREATE INDEX moderation_holds_owner ON moderation_holds (owner_id);

-- Items a coordinator hid, so they can be restored with the reason at hand.
CREATE TABLE moderation_hidden (
	kind TEXT NOT NULL,
	item_id UUID NOT NULL,
	owner_id UUID REFERENCES users (id),
	hidden_at TIMESTAMPTZ NOT NULL,
	hidden_by UUID REFERENCES users (id),
	reason TEXT NOT NULL,
	PRIMARY KEY (kind, item_id)
);
CREATE INDEX moderation_hidden_at ON moderation_hidden (hidden_at, item_id);
CREATE INDEX moderation_hidden_owner ON moderation_hidden (owner_id);
