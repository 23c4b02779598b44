-- The search index (see internal/search/index.go): documents the modules
-- hand over, the term dictionary, posting lists in blocks and trigrams of
-- the terms. Text is analysed in Go, so both engines hold the same terms.
CREATE TABLE search_meta (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	gen INTEGER NOT NULL,       -- raised by every change of the index
	next_n INTEGER NOT NULL,    -- number of the next new document
	next_term INTEGER NOT NULL, -- id of the next new term
	docs INTEGER NOT NULL,      -- documents not deleted
	built INTEGER NOT NULL      -- rebuilds so far: app servers forget what they hold when it changes
);
INSERT INTO search_meta (id, gen, next_n, next_term, docs, built) VALUES (1, 0, 1, 1, 0, 0);

CREATE TABLE search_docs (
	n INTEGER PRIMARY KEY,
	type TEXT NOT NULL,
	id TEXT NOT NULL,
	gen INTEGER NOT NULL,             -- gen of its last change
	modified_at TIMESTAMP NOT NULL,
	deleted BOOLEAN NOT NULL,         -- a tombstone
	was_public BOOLEAN NOT NULL,      -- it was public once (the open data feed tells its deletion)
	visibility TEXT NOT NULL,
	category TEXT NOT NULL,
	lang TEXT NOT NULL,
	langs TEXT NOT NULL,              -- further languages, comma-separated
	org_kind TEXT NOT NULL,
	verified BOOLEAN NOT NULL,
	postcode TEXT NOT NULL,
	place TEXT NOT NULL,
	lat REAL,
	lon REAL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP,
	deadline TIMESTAMP,
	starts_at TIMESTAMP,
	ends_at TIMESTAMP,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	url TEXT NOT NULL,
	terms BLOB NOT NULL,              -- its postings: term ids and buckets
	seq BLOB NOT NULL                 -- hashes of its words in order, for phrases
);
CREATE UNIQUE INDEX search_docs_key ON search_docs (type, id);
CREATE INDEX search_docs_gen ON search_docs (gen);
CREATE INDEX search_docs_modified ON search_docs (type, modified_at, n);

CREATE TABLE search_terms (
	id INTEGER PRIMARY KEY,
	term TEXT NOT NULL UNIQUE,
	df INTEGER NOT NULL,              -- documents holding it
	gen INTEGER NOT NULL              -- gen of the last change to its list
);

CREATE TABLE search_blocks (
	term INTEGER NOT NULL,
	lo INTEGER NOT NULL,              -- lowest rank in the block
	data BLOB NOT NULL,
	PRIMARY KEY (term, lo)
) WITHOUT ROWID;

CREATE TABLE search_trigrams (
	tri TEXT NOT NULL,
	len INTEGER NOT NULL,             -- letters of the term
	term INTEGER NOT NULL,
	PRIMARY KEY (tri, len, term)
) WITHOUT ROWID;
