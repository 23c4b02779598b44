-- A notice whose mail waits for the recipient's daily digest: people
-- choose to get notices at once, once a day or never by mail.
ALTER TABLE notifications ADD COLUMN mail_held BOOLEAN NOT NULL DEFAULT FALSE;
-- The digest job reads only the held notices.
CREATE INDEX notifications_held ON notifications (user_id, created_at) WHERE mail_held;
