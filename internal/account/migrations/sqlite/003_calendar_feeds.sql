-- Each person's personal calendar feed: only the hash of the secret in its
-- address is kept, so the database holds no working address. Renewing
-- replaces the hash, which ends the old address.
CREATE TABLE account_calendar_feeds (
	user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	hash TEXT NOT NULL UNIQUE,
	created_at TIMESTAMP NOT NULL
);
