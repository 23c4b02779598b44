-- Keys the board filters by, folded in Go (lower case, no accents, one
-- form of Arabic and Persian letters), so both engines compare the same
-- text; and the hash of the single-use link in the expiry reminder.
ALTER TABLE listings ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN place_key TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN extend_hash TEXT;
CREATE INDEX listings_ending ON listings (expires_at, id);
CREATE INDEX listings_reminder ON listings (status, reminded_at, expires_at);
