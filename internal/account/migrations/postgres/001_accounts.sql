CREATE TABLE users (
	id UUID PRIMARY KEY,
	email TEXT UNIQUE,
	name TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	lang TEXT NOT NULL,
	role TEXT NOT NULL DEFAULT 'member',
	created_at TIMESTAMPTZ NOT NULL,
	verified_at TIMESTAMPTZ,
	consent_at TIMESTAMPTZ,
	suspended_at TIMESTAMPTZ,
	deleted_at TIMESTAMPTZ,
	auth_version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE account_tokens (
	hash TEXT PRIMARY KEY,
	user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	purpose TEXT NOT NULL,
	new_email TEXT,
	created_at TIMESTAMPTZ NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL,
	used_at TIMESTAMPTZ
);
CREATE INDEX account_tokens_user ON account_tokens (user_id);

CREATE TABLE api_tokens (
	id UUID PRIMARY KEY,
	user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	hash TEXT NOT NULL UNIQUE,
	created_at TIMESTAMPTZ NOT NULL,
	last_used_at TIMESTAMPTZ
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
