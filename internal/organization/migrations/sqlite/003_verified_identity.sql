-- What a coordinator verified (name, website, kind), and since when a change
-- of them waits for a coordinator to confirm it.
ALTER TABLE organizations ADD COLUMN verified_name TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN verified_website TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN verified_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN review_since TIMESTAMP;
UPDATE organizations SET verified_name = name, verified_website = website, verified_kind = kind
	WHERE verified_at IS NOT NULL;
CREATE INDEX organizations_review ON organizations (review_since) WHERE review_since IS NOT NULL;
