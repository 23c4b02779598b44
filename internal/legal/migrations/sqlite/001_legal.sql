CREATE TABLE legal_pages (
	page TEXT NOT NULL,
	lang TEXT NOT NULL,
	body TEXT NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	updated_by TEXT,
	PRIMARY KEY (page, lang)
);
