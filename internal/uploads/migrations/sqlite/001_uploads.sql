-- Images kept in the database, so that every app server can serve them and
-- one backup holds everything. data is the re-encoded image, never the file
-- as uploaded.
CREATE TABLE uploads (
	id TEXT PRIMARY KEY,
	owner_id TEXT,
	content_type TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	width INTEGER NOT NULL,
	height INTEGER NOT NULL,
	data BLOB NOT NULL,
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX uploads_owner ON uploads (owner_id);
