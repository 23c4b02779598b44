-- The HSDS exchange's table. A database made before the exchange had its
-- own module has it already, made by the directory's first migration with
-- the same definition: IF NOT EXISTS adopts it with its rows.

-- Identifiers of imported Open Referral (HSDS) records, so a second import
-- of the same data updates instead of duplicating, and an export names
-- records as their source did.
CREATE TABLE IF NOT EXISTS directory_hsds_ids (
	kind TEXT NOT NULL,
	hsds_id TEXT NOT NULL,
	local_id TEXT NOT NULL,
	PRIMARY KEY (kind, hsds_id),
	UNIQUE (kind, local_id)
);
