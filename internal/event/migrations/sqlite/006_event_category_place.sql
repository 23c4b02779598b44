-- An event's category in the shared taxonomy ('' for none) and the key
-- (AGS) of the directory's municipality its place lies in ('' when it lies
-- in none the directory holds, or online), for the filters of the list and
-- the events section of a municipality's page.
ALTER TABLE events ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN municipality TEXT NOT NULL DEFAULT '';
CREATE INDEX events_category ON events (category, span_ends_at);
CREATE INDEX events_municipality ON events (municipality, span_ends_at);
-- Open data reads events in the order they changed.
CREATE INDEX events_updated ON events (updated_at, id);
