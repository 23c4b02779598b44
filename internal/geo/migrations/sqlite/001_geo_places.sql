-- Postcodes and places imported by the operator (teilhabe geo import), one
-- row per line of the file. Replaced whole by each import.
CREATE TABLE geo_places (
	seq INTEGER PRIMARY KEY,          -- line order in the imported file
	postcode TEXT NOT NULL,
	name TEXT NOT NULL,               -- the place shown; for a large-customer row the nearest ordinary place
	label TEXT NOT NULL,              -- the place text of the file
	fold TEXT NOT NULL,               -- name folded for lookups (see fold.go)
	company BOOLEAN NOT NULL,         -- a large-customer postcode row (Großkunde)
	state TEXT NOT NULL,
	community TEXT NOT NULL,
	community_code TEXT NOT NULL,
	lat REAL NOT NULL,
	lon REAL NOT NULL
);
CREATE INDEX geo_places_postcode ON geo_places (postcode, seq);
CREATE INDEX geo_places_fold ON geo_places (fold, seq);
