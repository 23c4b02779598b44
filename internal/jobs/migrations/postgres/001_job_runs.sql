-- One row per periodic job: when it is next due and which app server holds
-- its lease while it runs.
CREATE TABLE job_runs (
	name TEXT PRIMARY KEY,
	next_run_at TIMESTAMPTZ NOT NULL,
	locked_until TIMESTAMPTZ,
	locked_by TEXT NOT NULL DEFAULT '',
	last_started_at TIMESTAMPTZ,
	last_finished_at TIMESTAMPTZ,
	last_error TEXT NOT NULL DEFAULT ''
);
