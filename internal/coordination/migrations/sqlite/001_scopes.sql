-- The regions a coordinator is responsible for, as official municipality
-- keys (AGS) of 2, 3, 5 or 8 digits. A coordinator without a row keeps the
-- whole country.
CREATE TABLE coordination_scopes (
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	region TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (user_id, region)
);
