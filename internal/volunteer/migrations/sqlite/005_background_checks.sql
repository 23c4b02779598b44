-- Background checks (erweitertes Führungszeugnis, § 72a (5) SGB VIII):
-- only that the certificate was seen, its date of issue, when and by whom
-- it was seen, and whether it shows a relevant conviction; never the
-- document. One record per organisation and volunteer, the latest.
-- valid_until is the date of issue plus the years the organisation sets.
CREATE TABLE volunteer_checks (
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	user_id TEXT NOT NULL,
	issued_on TIMESTAMP NOT NULL,
	seen_on TIMESTAMP NOT NULL,
	seen_by TEXT,
	seen_by_name TEXT NOT NULL,
	conviction BOOLEAN NOT NULL,
	valid_until TIMESTAMP NOT NULL,
	reminded_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX volunteer_checks_user ON volunteer_checks (user_id);
CREATE INDEX volunteer_checks_expiry ON volunteer_checks (valid_until);
