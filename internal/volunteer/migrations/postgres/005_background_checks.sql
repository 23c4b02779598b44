-- Background checks (erweitertes Führungszeugnis, § 72a (5) SGB VIII):
-- only that the certificate was seen, its date of issue, when and by whom
-- it was seen, and whether it shows a relevant conviction; never the
-- document. One record per organisation and volunteer, the latest.
-- valid_until is the date of issue plus the years the organisation sets.
CREATE TABLE volunteer_checks (
	organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	user_id UUID NOT NULL,
	issued_on TIMESTAMPTZ NOT NULL,
	seen_on TIMESTAMPTZ NOT NULL,
	seen_by UUID,
	seen_by_name TEXT NOT NULL,
	conviction BOOLEAN NOT NULL,
	valid_until TIMESTAMPTZ NOT NULL,
	reminded_at TIMESTAMPTZ,
	created_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX volunteer_checks_user ON volunteer_checks (user_id);
CREATE INDEX volunteer_checks_expiry ON volunteer_checks (valid_until);
