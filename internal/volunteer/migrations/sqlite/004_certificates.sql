-- Certificates of volunteer work. A volunteer asks an organisation for
-- one over a period; the organisation confirms it, and what it says is
-- kept as it was confirmed (names, activities, hours), so the public
-- verification page confirms it also after the holder's account is gone.
-- code is the verification code printed on it.
CREATE TABLE volunteer_certificates (
	id TEXT PRIMARY KEY,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	user_id TEXT,
	status TEXT NOT NULL CHECK (status IN ('requested', 'confirmed', 'revoked')),
	period_from TIMESTAMP NOT NULL,
	period_to TIMESTAMP NOT NULL,
	holder_name TEXT NOT NULL DEFAULT '',
	org_name TEXT NOT NULL DEFAULT '',
	activities TEXT NOT NULL DEFAULT '',
	minutes INTEGER NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',
	confirmer_name TEXT NOT NULL DEFAULT '',
	confirmer_role TEXT NOT NULL DEFAULT '',
	code TEXT,
	requested_at TIMESTAMP NOT NULL,
	confirmed_at TIMESTAMP,
	revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX volunteer_certificates_code ON volunteer_certificates (code);
CREATE INDEX volunteer_certificates_user ON volunteer_certificates (user_id);
CREATE INDEX volunteer_certificates_org ON volunteer_certificates (organization_id, status);
