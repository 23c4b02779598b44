-- Organisations and what they publish about themselves. name_key is the
-- name folded (lower case, without accents) for filtering and sorting the
-- same way on both engines.
CREATE TABLE organizations (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	name_key TEXT NOT NULL,
	kind TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	website TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	street TEXT NOT NULL DEFAULT '',
	postcode TEXT NOT NULL DEFAULT '',
	city TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	verified_at TIMESTAMP,
	verified_by TEXT REFERENCES users (id)
);
CREATE INDEX organizations_created ON organizations (created_at, id);
CREATE INDEX organizations_name ON organizations (name_key, id);
CREATE INDEX organizations_kind ON organizations (kind);

CREATE TABLE organization_languages (
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	PRIMARY KEY (organization_id, lang)
);
CREATE INDEX organization_languages_lang ON organization_languages (lang);

CREATE TABLE organization_members (
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	user_id TEXT NOT NULL REFERENCES users (id),
	role TEXT NOT NULL CHECK (role IN ('owner', 'editor')),
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user ON organization_members (user_id);

-- Pending invitations; only a hash of the mailed secret is stored, and a
-- row is deleted when it is accepted.
CREATE TABLE organization_invitations (
	id TEXT PRIMARY KEY,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	email TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('owner', 'editor')),
	hash TEXT NOT NULL UNIQUE,
	invited_by TEXT NOT NULL REFERENCES users (id),
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL
);
CREATE INDEX organization_invitations_org ON organization_invitations (organization_id, email);
CREATE INDEX organization_invitations_by ON organization_invitations (invited_by);
CREATE INDEX organization_invitations_email ON organization_invitations (email);
CREATE INDEX organization_invitations_expires ON organization_invitations (expires_at);
