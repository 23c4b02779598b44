-- The network's tables. A database made before the network had its own
-- module has them already, made by the directory's first migration with
-- the same definitions: IF NOT EXISTS adopts them with their rows.
-- Calendar days (partnership starts) are TEXT 'YYYY-MM-DD'.

-- Partnerships between two or more organisations. A proposal becomes
-- active when every partner confirmed it.
CREATE TABLE IF NOT EXISTS directory_partnerships (
	id TEXT PRIMARY KEY,
	goal TEXT NOT NULL,
	benefit TEXT NOT NULL,
	starts_on TEXT NOT NULL CHECK (length(starts_on) = 10),
	status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'ended')),
	lang TEXT NOT NULL,
	proposed_by TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	created_by TEXT REFERENCES users (id),
	created_at TIMESTAMP NOT NULL,
	activated_at TIMESTAMP,
	ended_at TIMESTAMP
);
CREATE INDEX IF NOT EXISTS directory_partnerships_status ON directory_partnerships (status, activated_at);
CREATE INDEX IF NOT EXISTS directory_partnerships_by ON directory_partnerships (created_by);

CREATE TABLE IF NOT EXISTS directory_partners (
	partnership_id TEXT NOT NULL REFERENCES directory_partnerships (id) ON DELETE CASCADE,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	contribution TEXT NOT NULL DEFAULT '',
	confirmed_at TIMESTAMP,
	confirmed_by TEXT REFERENCES users (id),
	PRIMARY KEY (partnership_id, organization_id)
);
CREATE INDEX IF NOT EXISTS directory_partners_org ON directory_partners (organization_id);
CREATE INDEX IF NOT EXISTS directory_partners_by ON directory_partners (confirmed_by);

-- Organisations looking for partners, and what for.
CREATE TABLE IF NOT EXISTS directory_seeking (
	organization_id TEXT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
	what_for TEXT NOT NULL,
	lang TEXT NOT NULL,
	since TIMESTAMP NOT NULL,
	updated_by TEXT REFERENCES users (id)
);
CREATE INDEX IF NOT EXISTS directory_seeking_by ON directory_seeking (updated_by);
