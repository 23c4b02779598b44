-- One row per pool of places (an event's date, a volunteer-day project, a
-- shift's slot), created on first use. Its row is locked by every change to
-- its claims, so concurrent takers from any number of app servers wait for
-- each other; the counters spare summing the claims on every take.
CREATE TABLE capacity_pools (
	kind TEXT NOT NULL,
	pool_id TEXT NOT NULL,
	places_limit INTEGER NOT NULL DEFAULT 0, -- 0: unlimited
	taken INTEGER NOT NULL DEFAULT 0,        -- places of registered claims
	waiting INTEGER NOT NULL DEFAULT 0,      -- places of waiting claims
	waiting_claims INTEGER NOT NULL DEFAULT 0,
	last_seq INTEGER NOT NULL DEFAULT 0,     -- the order of the last claim taken
	PRIMARY KEY (kind, pool_id)
);
-- One row per claim on places. seq is the order in which claims were taken
-- (given under the pool's lock, so it is the order of the commits); the
-- waiting list is the waiting claims in that order.
CREATE TABLE capacity_claims (
	id TEXT PRIMARY KEY,
	pool_kind TEXT NOT NULL,
	pool_id TEXT NOT NULL,
	holder TEXT NOT NULL,
	places INTEGER NOT NULL,
	status TEXT NOT NULL,
	seq INTEGER NOT NULL,
	created_at TIMESTAMP NOT NULL,
	cancelled_at TIMESTAMP
);
-- A holder has at most one live claim in a pool.
CREATE UNIQUE INDEX capacity_claims_live ON capacity_claims (pool_kind, pool_id, holder) WHERE status <> 'cancelled';
-- The list of a pool and its waiting list in order.
CREATE INDEX capacity_claims_pool ON capacity_claims (pool_kind, pool_id, status, seq);
-- Everything of one holder (export, erasure).
CREATE INDEX capacity_claims_holder ON capacity_claims (holder);
