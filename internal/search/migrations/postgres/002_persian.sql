-- Dari is written as Persian, fa: the code prs is no longer used.
UPDATE search_docs SET lang = 'fa' WHERE lang = 'prs';
UPDATE search_docs SET langs = btrim(replace(',' || langs || ',', ',prs,', ','), ',')
	WHERE ',' || langs || ',' LIKE '%,prs,%' AND ',' || langs || ',' LIKE '%,fa,%';
UPDATE search_docs SET langs = btrim(replace(',' || langs || ',', ',prs,', ',fa,'), ',')
	WHERE ',' || langs || ',' LIKE '%,prs,%';
