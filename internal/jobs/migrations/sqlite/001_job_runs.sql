-- One row per periodic job: when it is next due and which app server holds
-- its lease while it runs.
CREATE TABLE job_runs (
	name TEXT PRIMARY KEY,
	next_run_at TIMESTAMP NOT NULL,
	locked_until TIMESTAMP,
	locked_by TEXT NOT NULL DEFAULT '',
	last_started_at TIMESTAMP,
	last_finished_at TIMESTAMP,
	last_error TEXT NOT NULL DEFAULT ''
);
