-- The founding path a founding group works through together: each step
-- with who did it, when, and a note.
CREATE TABLE coop_founding (
	coop_id UUID NOT NULL REFERENCES coops (organization_id) ON DELETE CASCADE,
	step TEXT NOT NULL,
	done_on TEXT NOT NULL,
	who TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	recorded_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (coop_id, step)
);
