-- Dari is written as Persian, fa: the code prs is no longer used.
DELETE FROM organization_languages WHERE lang = 'prs'
	AND organization_id IN (SELECT organization_id FROM organization_languages WHERE lang = 'fa');
UPDATE organization_languages SET lang = 'fa' WHERE lang = 'prs';
