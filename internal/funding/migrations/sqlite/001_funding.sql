-- Funding campaigns of organisations: all or nothing, money goes straight
-- from supporters to the organisation's account; amounts in euro cents.
CREATE TABLE funding_campaigns (
	id TEXT PRIMARY KEY,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	created_by TEXT REFERENCES users (id),
	title TEXT NOT NULL,
	story TEXT NOT NULL,
	content_lang TEXT NOT NULL,
	purpose TEXT NOT NULL CHECK (purpose IN ('donation', 'shares', 'rewards')),
	goal_cents BIGINT NOT NULL,
	stretch_cents BIGINT NOT NULL DEFAULT 0,
	minimum_cents BIGINT NOT NULL,
	share_cents BIGINT NOT NULL DEFAULT 0,
	deadline TIMESTAMP NOT NULL,
	holder TEXT NOT NULL,
	iban TEXT NOT NULL,
	bic TEXT NOT NULL DEFAULT '',
	receipts BOOLEAN NOT NULL DEFAULT FALSE,
	ledger_public BOOLEAN NOT NULL DEFAULT TRUE,
	status TEXT NOT NULL CHECK (status IN ('draft', 'running', 'succeeded', 'failed', 'cancelled')),
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	published_at TIMESTAMP,
	decided_at TIMESTAMP
);
CREATE INDEX funding_campaigns_org ON funding_campaigns (organization_id, created_at);
CREATE INDEX funding_campaigns_due ON funding_campaigns (status, deadline);
CREATE INDEX funding_campaigns_created_by ON funding_campaigns (created_by);

-- Thanks for supporters (Dankeschöns): a title, the least amount, how many (0: no limit).
CREATE TABLE funding_rewards (
	id TEXT PRIMARY KEY,
	campaign_id TEXT NOT NULL REFERENCES funding_campaigns (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	title TEXT NOT NULL,
	amount_cents BIGINT NOT NULL,
	quantity INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX funding_rewards_campaign ON funding_rewards (campaign_id, position);

-- What supporters promise; nobody pays before the campaign succeeded.
CREATE TABLE funding_reservations (
	id TEXT PRIMARY KEY,
	campaign_id TEXT NOT NULL REFERENCES funding_campaigns (id) ON DELETE CASCADE,
	user_id TEXT REFERENCES users (id),
	amount_cents BIGINT NOT NULL,
	reward_id TEXT REFERENCES funding_rewards (id),
	anonymous BOOLEAN NOT NULL DEFAULT FALSE,
	message TEXT NOT NULL DEFAULT '',
	reference TEXT NOT NULL UNIQUE,
	status TEXT NOT NULL CHECK (status IN ('reserved', 'cancelled')),
	paid_cents BIGINT NOT NULL DEFAULT 0,
	paid_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	cancelled_at TIMESTAMP
);
CREATE INDEX funding_reservations_campaign ON funding_reservations (campaign_id, created_at);
CREATE INDEX funding_reservations_user ON funding_reservations (user_id);

-- An organisation's promise to double what supporters reserve, up to a cap.
CREATE TABLE funding_matches (
	id TEXT PRIMARY KEY,
	campaign_id TEXT NOT NULL REFERENCES funding_campaigns (id) ON DELETE CASCADE,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	created_by TEXT REFERENCES users (id),
	cap_cents BIGINT NOT NULL,
	reference TEXT NOT NULL UNIQUE,
	paid_cents BIGINT NOT NULL DEFAULT 0,
	paid_at TIMESTAMP,
	created_at TIMESTAMP NOT NULL,
	UNIQUE (campaign_id, organization_id)
);
CREATE INDEX funding_matches_org ON funding_matches (organization_id);
CREATE INDEX funding_matches_created_by ON funding_matches (created_by);

-- Members an owner names treasurer: they read the bank statements.
CREATE TABLE funding_treasurers (
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	named_at TIMESTAMP NOT NULL,
	PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX funding_treasurers_user ON funding_treasurers (user_id);

-- Bank statements read, each a file or a ZIP of files.
CREATE TABLE funding_statements (
	id TEXT PRIMARY KEY,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	uploaded_by TEXT REFERENCES users (id),
	format TEXT NOT NULL,
	entries INTEGER NOT NULL,
	new_entries INTEGER NOT NULL,
	uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX funding_statements_org ON funding_statements (organization_id, uploaded_at);
CREATE INDEX funding_statements_uploaded_by ON funding_statements (uploaded_by);

-- Every transaction ever read, by the bank's reference or a hash of the
-- entry, so none is imported twice; nothing else of it is kept here.
CREATE TABLE funding_seen (
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	bank_ref TEXT NOT NULL,
	PRIMARY KEY (organization_id, bank_ref)
);

-- The transactions kept: credits matched or proposed for a reservation or
-- a match, debits booked as expenses, and the rest until reviewed.
CREATE TABLE funding_bookings (
	id TEXT PRIMARY KEY,
	organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	statement_id TEXT REFERENCES funding_statements (id) ON DELETE SET NULL,
	bank_ref TEXT NOT NULL,
	booked_on TIMESTAMP NOT NULL,
	amount_cents BIGINT NOT NULL,
	counterparty TEXT NOT NULL DEFAULT '',
	remittance TEXT NOT NULL DEFAULT '',
	reference TEXT NOT NULL DEFAULT '',
	reversal BOOLEAN NOT NULL DEFAULT FALSE,
	status TEXT NOT NULL CHECK (status IN ('pending', 'proposed', 'matched', 'expense', 'reversed')),
	reservation_id TEXT REFERENCES funding_reservations (id) ON DELETE SET NULL,
	match_id TEXT REFERENCES funding_matches (id) ON DELETE SET NULL,
	campaign_id TEXT REFERENCES funding_campaigns (id) ON DELETE SET NULL,
	category TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	UNIQUE (organization_id, bank_ref)
);
CREATE INDEX funding_bookings_org ON funding_bookings (organization_id, booked_on, id);
CREATE INDEX funding_bookings_campaign ON funding_bookings (campaign_id, booked_on);
CREATE INDEX funding_bookings_reservation ON funding_bookings (reservation_id);
CREATE INDEX funding_bookings_match ON funding_bookings (match_id);
CREATE INDEX funding_bookings_statement ON funding_bookings (statement_id);
