-- One row per person told that something waits for them: what kind of
-- thing, about which item, where it is. The inbox reads these rows; the
-- mail that went out with each is in the outbox. Rows hold no secrets and
-- no other person's name, only the item's own words (params).
CREATE TABLE notifications (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL,
	kind TEXT NOT NULL,
	item_type TEXT NOT NULL,
	item_id TEXT NOT NULL,
	link TEXT NOT NULL,
	params TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	read_at TIMESTAMP
);
-- A person's inbox, newest first.
CREATE INDEX notifications_user ON notifications (user_id, created_at, id);
-- Forgetting an item and marking it read go by item.
CREATE INDEX notifications_item ON notifications (item_type, item_id);
