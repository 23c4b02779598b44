CREATE TABLE users (
	id TEXT PRIMARY KEY,
	email TEXT UNIQUE,
	name TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	lang TEXT NOT NULL,
	role TEXT NOT NULL DEFAULT 'member',
	created_at TIMESTAMP NOT NULL,
	verified_at TIMESTAMP,
	consent_at TIMESTAMP,
	suspended_at TIMESTAMP,
	deleted_at TIMESTAMP,
	auth_version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE account_tokens (
	hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	purpose TEXT NOT NULL,
	new_email TEXT,
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL,
	used_at TIMESTAMP
);
CREATE INDEX account_tokens_user ON account_tokens (user_id);

CREATE TABLE api_tokens (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	hash TEXT NOT NULL UNIQUE,
	created_at TIMESTAMP NOT NULL,
	last_used_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
