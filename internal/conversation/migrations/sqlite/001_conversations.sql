-- Private conversations between people (and the organisations they speak
-- for). last_seq numbers the messages of a conversation, so "read up to"
-- is exact even when two messages share a timestamp.
CREATE TABLE conversations (
	id TEXT PRIMARY KEY,
	about_kind TEXT NOT NULL DEFAULT '',
	about_id TEXT NOT NULL DEFAULT '',
	about_title TEXT NOT NULL DEFAULT '',
	about_url TEXT NOT NULL DEFAULT '',
	contact_sharing BOOLEAN NOT NULL DEFAULT FALSE,
	last_seq INTEGER NOT NULL DEFAULT 0,
	created_at TIMESTAMP NOT NULL,
	last_message_at TIMESTAMP NOT NULL
);
CREATE INDEX conversations_about ON conversations (about_kind, about_id);
CREATE INDEX conversations_activity ON conversations (last_message_at, id);

-- org_id: the person speaks for this organisation, whose members see the
-- conversation too. share_contact is the person's choice to show their
-- e-mail address once sharing is enabled.
CREATE TABLE conversation_participants (
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	user_id TEXT NOT NULL REFERENCES users (id),
	org_id TEXT,
	share_contact BOOLEAN NOT NULL DEFAULT FALSE,
	joined_at TIMESTAMP NOT NULL,
	PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_participants_user ON conversation_participants (user_id);
CREATE INDEX conversation_participants_org ON conversation_participants (org_id) WHERE org_id IS NOT NULL;

-- Messages stay when their author's account is deleted; moderation hides
-- (reversibly) or removes them (the text is then gone).
CREATE TABLE conversation_messages (
	id TEXT PRIMARY KEY,
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	author_id TEXT NOT NULL REFERENCES users (id),
	body TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	hidden_at TIMESTAMP,
	removed_at TIMESTAMP,
	UNIQUE (conversation_id, seq)
);
CREATE INDEX conversation_messages_author ON conversation_messages (author_id);

-- How far each person who sees a conversation has read it.
CREATE TABLE conversation_reads (
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	user_id TEXT NOT NULL REFERENCES users (id),
	last_read_seq INTEGER NOT NULL,
	last_read_at TIMESTAMP NOT NULL,
	PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_reads_user ON conversation_reads (user_id);

CREATE TABLE conversation_blocks (
	blocker_id TEXT NOT NULL REFERENCES users (id),
	blocked_id TEXT NOT NULL REFERENCES users (id),
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (blocker_id, blocked_id),
	CHECK (blocker_id <> blocked_id)
);
CREATE INDEX conversation_blocks_blocked ON conversation_blocks (blocked_id);

-- mail_text: notification mails carry the message text; otherwise (the
-- default, for privacy) only a link.
CREATE TABLE conversation_settings (
	user_id TEXT PRIMARY KEY REFERENCES users (id),
	mail_text BOOLEAN NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
