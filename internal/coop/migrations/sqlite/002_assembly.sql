-- General assemblies (also the founding meeting): convened by the board
-- with the invitation's German text kept as sent, the evidence of § 46.
CREATE TABLE coop_assemblies (
	id TEXT PRIMARY KEY,
	coop_id TEXT NOT NULL REFERENCES coops (organization_id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('founding', 'ordinary', 'extraordinary')),
	format TEXT NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid', 'split')),
	starts_at TIMESTAMP NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	online_url TEXT NOT NULL DEFAULT '',
	chair_id TEXT REFERENCES coop_members (id) ON DELETE SET NULL,
	keeper_id TEXT REFERENCES coop_members (id) ON DELETE SET NULL,
	status TEXT NOT NULL CHECK (status IN ('convened', 'closed')),
	invitation TEXT NOT NULL,
	convened_at TIMESTAMP NOT NULL,
	convened_by TEXT REFERENCES users (id),
	closed_at TIMESTAMP
);
CREATE INDEX coop_assemblies_coop ON coop_assemblies (coop_id, starts_at);

-- Agenda items with the moment each was announced: an item announced less
-- than a week before the assembly cannot be resolved (§ 46 (2)).
CREATE TABLE coop_agenda (
	id TEXT PRIMARY KEY,
	assembly_id TEXT NOT NULL REFERENCES coop_assemblies (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	title TEXT NOT NULL,
	announced_at TIMESTAMP NOT NULL
);
CREATE INDEX coop_agenda_assembly ON coop_agenda (assembly_id, position);

-- Motions with their majority and quorum as data, and once closed the
-- counted result.
CREATE TABLE coop_motions (
	id TEXT PRIMARY KEY,
	assembly_id TEXT NOT NULL REFERENCES coop_assemblies (id) ON DELETE CASCADE,
	agenda_id TEXT NOT NULL REFERENCES coop_agenda (id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	body TEXT NOT NULL DEFAULT '',
	kind TEXT NOT NULL,
	majority TEXT NOT NULL CHECK (majority IN ('simple', 'two_thirds', 'three_quarters')),
	quorum_percent INTEGER NOT NULL DEFAULT 0,
	secret BOOLEAN NOT NULL DEFAULT FALSE,
	subject_id TEXT REFERENCES coop_members (id) ON DELETE SET NULL,
	status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	yes INTEGER NOT NULL DEFAULT 0,
	no INTEGER NOT NULL DEFAULT 0,
	abstain INTEGER NOT NULL DEFAULT 0,
	present INTEGER NOT NULL DEFAULT 0,
	members INTEGER NOT NULL DEFAULT 0,
	quorum_met BOOLEAN NOT NULL DEFAULT FALSE,
	adopted BOOLEAN NOT NULL DEFAULT FALSE,
	capped BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TIMESTAMP NOT NULL,
	closed_at TIMESTAMP
);
CREATE INDEX coop_motions_assembly ON coop_motions (assembly_id, created_at);

-- Who attended: online by joining the assembly's page, in person checked
-- in by the chair.
CREATE TABLE coop_attendance (
	assembly_id TEXT NOT NULL REFERENCES coop_assemblies (id) ON DELETE CASCADE,
	member_id TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	how TEXT NOT NULL CHECK (how IN ('online', 'in_person')),
	at TIMESTAMP NOT NULL,
	PRIMARY KEY (assembly_id, member_id)
);

-- Proxies given in text form on the platform (§ 43 (5)): one per
-- principal and assembly; a holder holds at most two.
CREATE TABLE coop_proxies (
	id TEXT PRIMARY KEY,
	assembly_id TEXT NOT NULL REFERENCES coop_assemblies (id) ON DELETE CASCADE,
	principal_id TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	holder_id TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	given_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX coop_proxies_principal ON coop_proxies (assembly_id, principal_id);
CREATE INDEX coop_proxies_holder ON coop_proxies (assembly_id, holder_id);

-- Open votes: who voted what, with the weight counted.
CREATE TABLE coop_votes (
	motion_id TEXT NOT NULL REFERENCES coop_motions (id) ON DELETE CASCADE,
	member_id TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
	weight INTEGER NOT NULL,
	investing BOOLEAN NOT NULL DEFAULT FALSE,
	cast_by TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	at TIMESTAMP NOT NULL,
	PRIMARY KEY (motion_id, member_id)
);

-- Secret votes are two tables that share nothing but the motion: who
-- voted (no time, no choice) and what was voted, one unit ballot per vote
-- under a random id, without time and in no order of casting, so no query
-- joins a ballot to a member and a ballot's weight reveals nobody.
CREATE TABLE coop_voters (
	motion_id TEXT NOT NULL REFERENCES coop_motions (id) ON DELETE CASCADE,
	member_id TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	cast_by TEXT NOT NULL REFERENCES coop_members (id) ON DELETE CASCADE,
	PRIMARY KEY (motion_id, member_id)
);
CREATE TABLE coop_ballots (
	id TEXT PRIMARY KEY,
	motion_id TEXT NOT NULL REFERENCES coop_motions (id) ON DELETE CASCADE,
	choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
	investing BOOLEAN NOT NULL DEFAULT FALSE
) WITHOUT ROWID;
CREATE INDEX coop_ballots_motion ON coop_ballots (motion_id, choice);
