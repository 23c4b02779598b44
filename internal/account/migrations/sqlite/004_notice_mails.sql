-- When a person's notices come by mail: "now" (one mail each), "daily"
-- (one digest a day) or "never" (the inbox only). Mails a person must get
-- go out at once whatever they chose.
ALTER TABLE users ADD COLUMN notice_mails TEXT NOT NULL DEFAULT 'now';
