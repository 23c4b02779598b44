-- Dari is written as Persian, fa: the code prs is no longer used. The
-- directory did this for these tables before the network had its own
-- module; doing it again changes nothing.
UPDATE directory_partnerships SET lang = 'fa' WHERE lang = 'prs';
UPDATE directory_seeking SET lang = 'fa' WHERE lang = 'prs';
