-- A small file a mail carries (an event's calendar entry); '' and NULL for none.
ALTER TABLE mail_outbox ADD COLUMN attachment_name TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN attachment_type TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN attachment_data BYTEA;
