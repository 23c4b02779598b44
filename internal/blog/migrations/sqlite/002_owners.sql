-- A report's owner is of a kind the blog was told of (blog.Kind): so far
-- only pledges, whose ids pledge_id holds. owner_public keeps whether
-- everybody may see the owner, which its module tells the blog
-- (SetOwnerPublic), so the blog lists public reports without reading the
-- owners' tables.
ALTER TABLE pledge_reports ADD COLUMN owner_kind TEXT NOT NULL DEFAULT 'pledge';
ALTER TABLE pledge_reports ADD COLUMN owner_public BOOLEAN NOT NULL DEFAULT TRUE;
-- Once, for the reports written before: what the pledges said then.
UPDATE pledge_reports SET owner_public = FALSE WHERE pledge_id IN (
	SELECT id FROM pledges WHERE hidden OR status NOT IN ('active', 'successful', 'failed'));
CREATE INDEX pledge_reports_owner ON pledge_reports (owner_kind, pledge_id);
