-- One counter per key and fixed window. expires_at is the window's end, so
-- cleanup needs no knowledge of the rules.
CREATE TABLE rate_limits (
	key TEXT NOT NULL,
	window_start TIMESTAMPTZ NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL,
	count INTEGER NOT NULL,
	PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_expires_at ON rate_limits (expires_at);
