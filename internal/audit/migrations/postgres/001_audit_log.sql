-- Who did what to which object. Entries are never changed or deleted, and
-- actor_id has no foreign key: the log outlives the accounts it names.
CREATE TABLE audit_log (
	id UUID PRIMARY KEY,
	at TIMESTAMPTZ NOT NULL,
	actor_id TEXT,
	action TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id TEXT NOT NULL,
	details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at, id);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, at, id);
