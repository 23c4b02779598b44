-- Keys the platform signs its own cookies with (the device cookie of a
-- login), made once and shared by every app server.
CREATE TABLE account_keys (
	name TEXT PRIMARY KEY,
	secret TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL
);
