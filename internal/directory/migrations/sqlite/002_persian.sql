-- Dari is written as Persian, fa: the code prs is no longer used.
UPDATE directory_facts SET lang = 'fa' WHERE lang = 'prs';
UPDATE directory_links SET lang = 'fa' WHERE lang = 'prs';
UPDATE directory_services SET lang = 'fa' WHERE lang = 'prs';
DELETE FROM directory_service_languages WHERE lang = 'prs'
	AND service_id IN (SELECT service_id FROM directory_service_languages WHERE lang = 'fa');
UPDATE directory_service_languages SET lang = 'fa' WHERE lang = 'prs';
