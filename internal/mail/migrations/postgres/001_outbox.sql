-- Outgoing mail, written in the same transaction as the change that causes
-- it and delivered later by the worker.
CREATE TABLE mail_outbox (
	id UUID PRIMARY KEY,
	recipient TEXT NOT NULL,
	lang TEXT NOT NULL,
	subject TEXT NOT NULL,
	body_text TEXT NOT NULL,
	body_html TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	next_attempt_at TIMESTAMPTZ NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	locked_until TIMESTAMPTZ,
	sent_at TIMESTAMPTZ,
	failed_at TIMESTAMPTZ,
	last_error TEXT NOT NULL DEFAULT '',
	delivered_via TEXT CHECK (delivered_via IN ('smtp', 'log'))
);
-- The worker only ever looks at mail still waiting.
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at)
	WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_recipient ON mail_outbox (lower(recipient));
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
