CREATE TABLE legal_pages (
	page TEXT NOT NULL,
	lang TEXT NOT NULL,
	body TEXT NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	updated_by UUID,
	PRIMARY KEY (page, lang)
);
