-- The one-click unsubscribe link of a mail (RFC 8058), sent as the
-- List-Unsubscribe header; '' for mail one cannot unsubscribe from.
ALTER TABLE mail_outbox ADD COLUMN list_unsubscribe TEXT NOT NULL DEFAULT '';
