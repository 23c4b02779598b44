-- Later dates of a series wait for the date before them in results
-- without a date filter (searchdoc.Doc.ShownFrom).
ALTER TABLE search_docs ADD COLUMN shown_from TIMESTAMP;
