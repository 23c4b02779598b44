-- Pledges: "we promise X, if N WHO Y". The owner is the person who made the
-- pledge; organization_id is set when they pledge for an organisation they
-- belong to. place_key is the place folded for filtering on both engines.
CREATE TABLE pledges (
	id TEXT PRIMARY KEY,
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'active', 'declined', 'successful', 'failed')),
	owner_id TEXT NOT NULL REFERENCES users (id),
	organization_id TEXT,
	promise TEXT NOT NULL,
	needed INTEGER NOT NULL CHECK (needed >= 1),
	who TEXT NOT NULL,
	condition_text TEXT NOT NULL,
	deadline TIMESTAMP NOT NULL,
	postcode TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	place_key TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	content_lang TEXT NOT NULL,
	image_id TEXT REFERENCES uploads (id) ON DELETE SET NULL,
	auto_confirm BOOLEAN NOT NULL DEFAULT FALSE,
	copied_from TEXT REFERENCES pledges (id) ON DELETE SET NULL,
	decline_reason TEXT NOT NULL DEFAULT '',
	decided_by TEXT REFERENCES users (id),
	decided_at TIMESTAMP,
	submitted_at TIMESTAMP,
	closed_at TIMESTAMP,
	conversation_id TEXT,
	reminded_at TIMESTAMP,
	hidden BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX pledges_status ON pledges (status, created_at, id);
CREATE INDEX pledges_deadline ON pledges (status, deadline);
CREATE INDEX pledges_owner ON pledges (owner_id);
CREATE INDEX pledges_org ON pledges (organization_id);
CREATE INDEX pledges_copied ON pledges (copied_from);

-- Sign-ups to fulfil a pledge's condition. note says how; only the pledger
-- and the signer see it.
CREATE TABLE pledge_signups (
	id TEXT PRIMARY KEY,
	pledge_id TEXT NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
	user_id TEXT NOT NULL REFERENCES users (id),
	organization_id TEXT,
	note TEXT NOT NULL DEFAULT '',
	anonymous BOOLEAN NOT NULL DEFAULT FALSE,
	status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined')),
	created_at TIMESTAMP NOT NULL,
	confirmed_at TIMESTAMP,
	UNIQUE (pledge_id, user_id)
);
CREATE INDEX pledge_signups_user ON pledge_signups (user_id);
CREATE INDEX pledge_signups_org ON pledge_signups (organization_id);

-- Reports on successful pledges, one per pledge; body is Markdown source,
-- rendered and sanitised when shown.
CREATE TABLE pledge_reports (
	id TEXT PRIMARY KEY,
	pledge_id TEXT NOT NULL UNIQUE REFERENCES pledges (id) ON DELETE CASCADE,
	author_id TEXT NOT NULL REFERENCES users (id),
	organization_id TEXT,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	content_lang TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('submitted', 'published')),
	featured BOOLEAN NOT NULL DEFAULT FALSE,
	hidden BOOLEAN NOT NULL DEFAULT FALSE,
	confirmed_by TEXT REFERENCES users (id),
	published_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX pledge_reports_published ON pledge_reports (status, published_at, id);
CREATE INDEX pledge_reports_author ON pledge_reports (author_id);

CREATE TABLE pledge_report_photos (
	report_id TEXT NOT NULL REFERENCES pledge_reports (id) ON DELETE CASCADE,
	upload_id TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	PRIMARY KEY (report_id, upload_id)
);

-- Public questions on a pledge: a coordinator approves them before they
-- are shown; the pledger answers.
CREATE TABLE pledge_questions (
	id TEXT PRIMARY KEY,
	pledge_id TEXT NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
	asker_id TEXT NOT NULL REFERENCES users (id),
	question TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
	answer TEXT NOT NULL DEFAULT '',
	answered_by TEXT REFERENCES users (id),
	answered_at TIMESTAMP,
	decided_by TEXT REFERENCES users (id),
	hidden BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX pledge_questions_pledge ON pledge_questions (pledge_id, created_at);
CREATE INDEX pledge_questions_status ON pledge_questions (status, created_at);
CREATE INDEX pledge_questions_asker ON pledge_questions (asker_id);
