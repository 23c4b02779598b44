-- Pledges: "we promise X, if N WHO Y". The owner is the person who made the
-- pledge; organization_id is set when they pledge for an organisation they
-- belong to. place_key is the place folded for filtering on both engines.
CREATE TABLE pledges (
	id UUID PRIMARY KEY,
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'active', 'declined', 'successful', 'failed')),
	owner_id UUID NOT NULL REFERENCES users (id),
	organization_id UUID,
	promise TEXT NOT NULL,
	needed INTEGER NOT NULL CHECK (needed >= 1),
	who TEXT NOT NULL,
	condition_text TEXT NOT NULL,
	deadline TIMESTAMPTZ NOT NULL,
	postcode TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	place_key TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	content_lang TEXT NOT NULL,
	image_id UUID REFERENCES uploads (id) ON DELETE SET NULL,
	auto_confirm BOOLEAN NOT NULL DEFAULT FALSE,
	copied_from UUID REFERENCES pledges (id) ON DELETE SET NULL,
	decline_reason TEXT NOT NULL DEFAULT '',
	decided_by UUID REFERENCES users (id),
	decided_at TIMESTAMPTZ,
	submitted_at TIMESTAMPTZ,
	closed_at TIMESTAMPTZ,
	conversation_id TEXT,
	reminded_at TIMESTAMPTZ,
	hidden BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pledges_status ON pledges (status, created_at, id);
CREATE INDEX pledges_deadline ON pledges (status, deadline);
CREATE INDEX pledges_owner ON pledges (owner_id);
CREATE INDEX pledges_org ON pledges (organization_id);
CREATE INDEX pledges_copied ON pledges (copied_from);

-- Sign-ups to fulfil a pledge's condition. note says how; only the pledger
-- and the signer see it.
CREATE TABLE pledge_signups (
	id UUID PRIMARY KEY,
	pledge_id UUID NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
	user_id UUID NOT NULL REFERENCES users (id),
	organization_id UUID,
	note TEXT NOT NULL DEFAULT '',
	anonymous BOOLEAN NOT NULL DEFAULT FALSE,
	status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined')),
	created_at TIMESTAMPTZ NOT NULL,
	confirmed_at TIMESTAMPTZ,
	UNIQUE (pledge_id, user_id)
);
CREATE INDEX pledge_signups_user ON pledge_signups (user_id);
CREATE INDEX pledge_signups_org ON pledge_signups (organization_id);

-- Public questions on a pledge: a coordinator approves them before they
-- are shown; the pledger answers.
CREATE TABLE pledge_questions (
	id UUID PRIMARY KEY,
	pledge_id UUID NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
	asker_id UUID NOT NULL REFERENCES users (id),
	question TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
	answer TEXT NOT NULL DEFAULT '',
	answered_by UUID REFERENCES users (id),
	answered_at TIMESTAMPTZ,
	decided_by UUID REFERENCES users (id),
	hidden BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pledge_questions_pledge ON pledge_questions (pledge_id, created_at);
CREATE INDEX pledge_questions_status ON pledge_questions (status, created_at);
CREATE INDEX pledge_questions_asker ON pledge_questions (asker_id);
