-- Whether the poster of a personal listing chose to be named in full to
-- everybody; by default visitors see no name and members the first name.
ALTER TABLE listings ADD COLUMN show_name BOOLEAN NOT NULL DEFAULT FALSE;
