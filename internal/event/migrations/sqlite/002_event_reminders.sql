-- The reminders mailed the day before an event: one row per participant
-- reminded, written in the transaction of the mail, so each is reminded
-- once, also when several servers run the job.
CREATE TABLE event_reminders (
	event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	user_id TEXT NOT NULL,
	sent_at TIMESTAMP NOT NULL,
	PRIMARY KEY (event_id, user_id)
);
