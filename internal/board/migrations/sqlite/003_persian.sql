-- Dari is written as Persian, fa: the code prs is no longer used.
UPDATE listings SET content_lang = 'fa' WHERE content_lang = 'prs';
DELETE FROM listing_languages WHERE lang = 'prs'
	AND listing_id IN (SELECT listing_id FROM listing_languages WHERE lang = 'fa');
UPDATE listing_languages SET lang = 'fa' WHERE lang = 'prs';
UPDATE saved_searches SET query = replace(query, 'lang=prs', 'lang=fa')
	WHERE '&' || query || '&' LIKE '%&lang=prs&%';
