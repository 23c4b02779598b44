-- The blog's reports. Their tables keep the names they had when the pledges
-- module held them: a database made then already has them (recorded under
-- pledge/001_pledges.sql), and IF NOT EXISTS with the same definitions adopts them.
-- Reports on successful pledges, one per pledge; body is Markdown source,
-- rendered and sanitised when shown.
CREATE TABLE IF NOT EXISTS pledge_reports (
	id TEXT PRIMARY KEY,
	pledge_id TEXT NOT NULL UNIQUE REFERENCES pledges (id) ON DELETE CASCADE,
	author_id TEXT NOT NULL REFERENCES users (id),
	organization_id TEXT,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	content_lang TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('submitted', 'published')),
	featured BOOLEAN NOT NULL DEFAULT FALSE,
	hidden BOOLEAN NOT NULL DEFAULT FALSE,
	confirmed_by TEXT REFERENCES users (id),
	published_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS pledge_reports_published ON pledge_reports (status, published_at, id);
CREATE INDEX IF NOT EXISTS pledge_reports_author ON pledge_reports (author_id);

CREATE TABLE IF NOT EXISTS pledge_report_photos (
	report_id TEXT NOT NULL REFERENCES pledge_reports (id) ON DELETE CASCADE,
	upload_id TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	PRIMARY KEY (report_id, upload_id)
);
