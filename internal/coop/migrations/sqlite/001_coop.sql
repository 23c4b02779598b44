-- Cooperative profiles (eG) of organisations of kind cooperative: the stage
-- and the statutes' data this module's rules read.
CREATE TABLE coops (
	organization_id TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
	stage TEXT NOT NULL CHECK (stage IN ('idea', 'founding', 'founded', 'registered')),
	purpose TEXT NOT NULL DEFAULT '',
	how_to_join TEXT NOT NULL DEFAULT '',
	register_court TEXT NOT NULL DEFAULT '',
	register_number TEXT NOT NULL DEFAULT '',
	share_price_cents INTEGER NOT NULL,
	shares_required INTEGER NOT NULL,
	max_shares INTEGER NOT NULL,
	investing_members BOOLEAN NOT NULL DEFAULT FALSE,
	investing_vote BOOLEAN NOT NULL DEFAULT TRUE,
	multiple_votes INTEGER NOT NULL DEFAULT 1 CHECK (multiple_votes BETWEEN 1 AND 3),
	notice_months INTEGER NOT NULL,
	year_start_month INTEGER NOT NULL DEFAULT 1 CHECK (year_start_month BETWEEN 1 AND 12),
	further_contributions BOOLEAN NOT NULL DEFAULT FALSE,
	min_payment_cents INTEGER NOT NULL,
	text_form BOOLEAN NOT NULL DEFAULT TRUE,
	auditing_association TEXT NOT NULL DEFAULT '',
	country TEXT NOT NULL DEFAULT 'DE',
	parent_id TEXT REFERENCES coops (organization_id) ON DELETE SET NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX coops_parent ON coops (parent_id);

-- The majority and quorum the statutes ask for each kind of resolution.
CREATE TABLE coop_rules (
	coop_id TEXT NOT NULL REFERENCES coops (organization_id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	majority TEXT NOT NULL CHECK (majority IN ('simple', 'two_thirds', 'three_quarters')),
	quorum_percent INTEGER NOT NULL DEFAULT 0 CHECK (quorum_percent BETWEEN 0 AND 100),
	PRIMARY KEY (coop_id, kind)
);

-- Members as the board records them: a person or an organisation, with a
-- platform account or without. Name and address live in the register.
CREATE TABLE coop_members (
	id TEXT PRIMARY KEY,
	coop_id TEXT NOT NULL REFERENCES coops (organization_id) ON DELETE CASCADE,
	user_id TEXT REFERENCES users (id),
	kind TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
	investing BOOLEAN NOT NULL DEFAULT FALSE,
	votes INTEGER NOT NULL DEFAULT 1 CHECK (votes BETWEEN 1 AND 3),
	lang TEXT NOT NULL DEFAULT 'de',
	keep_until TEXT,
	created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX coop_members_user ON coop_members (coop_id, user_id);
CREATE INDEX coop_members_user_id ON coop_members (user_id);

-- The member list (§ 30 GenG) as an append-only journal: joining, changed
-- name or address, shares taken or given up, leaving with its reason. An
-- entry takes effect on effective_on, never before the day it was
-- recorded, so the list as of any day is the entries effective by then.
CREATE TABLE coop_register (
	id TEXT PRIMARY KEY,
	coop_id TEXT NOT NULL REFERENCES coops (organization_id) ON DELETE CASCADE,
	member_id TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('join', 'details', 'shares', 'leave')),
	effective_on TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	shares INTEGER NOT NULL DEFAULT 0,
	reason TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	recorded_at TIMESTAMP NOT NULL,
	recorded_by TEXT REFERENCES users (id)
);
CREATE INDEX coop_register_coop ON coop_register (coop_id, effective_on);
CREATE INDEX coop_register_member ON coop_register (member_id, effective_on);

-- Applications to join (§ 15 GenG): an unconditional declaration after the
-- applicant was shown the statutes. A rejected one is deleted.
CREATE TABLE coop_applications (
	id TEXT PRIMARY KEY,
	coop_id TEXT NOT NULL REFERENCES coops (organization_id) ON DELETE CASCADE,
	user_id TEXT NOT NULL REFERENCES users (id),
	name TEXT NOT NULL,
	address TEXT NOT NULL,
	shares INTEGER NOT NULL,
	investing BOOLEAN NOT NULL DEFAULT FALSE,
	lang TEXT NOT NULL,
	declaration TEXT NOT NULL,
	statutes_shown_at TIMESTAMP NOT NULL,
	declared_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX coop_applications_user ON coop_applications (coop_id, user_id);
CREATE INDEX coop_applications_user_id ON coop_applications (user_id);

-- The share journal: shares subscribed, payments as the bank reported
-- them, paid-up capital transferred (§ 76), paid out after leaving.
CREATE TABLE coop_shares (
	id TEXT PRIMARY KEY,
	coop_id TEXT NOT NULL REFERENCES coops (organization_id) ON DELETE CASCADE,
	member_id TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('subscribe', 'payment', 'transfer_out', 'transfer_in', 'payout')),
	shares INTEGER NOT NULL DEFAULT 0,
	cents INTEGER NOT NULL DEFAULT 0,
	booked_on TEXT NOT NULL,
	counterpart_id TEXT REFERENCES coop_members (id) ON DELETE SET NULL,
	note TEXT NOT NULL DEFAULT '',
	recorded_at TIMESTAMP NOT NULL,
	recorded_by TEXT REFERENCES users (id)
);
CREATE INDEX coop_shares_member ON coop_shares (member_id, booked_on);
CREATE INDEX coop_shares_coop ON coop_shares (coop_id, booked_on);

-- Board (Vorstand) and supervisory board (Aufsichtsrat) offices.
CREATE TABLE coop_offices (
	id TEXT PRIMARY KEY,
	coop_id TEXT NOT NULL REFERENCES coops (organization_id) ON DELETE CASCADE,
	member_id TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	office TEXT NOT NULL CHECK (office IN ('board', 'supervisory')),
	since TEXT NOT NULL,
	until TEXT,
	recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX coop_offices_coop ON coop_offices (coop_id, office);
CREATE INDEX coop_offices_member ON coop_offices (member_id);
