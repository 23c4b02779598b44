-- The picture of an event: an upload (internal/uploads) with the text that
-- stands for it where it cannot be seen, and its size for the page's
-- layout. One per event; replacing or removing it drops the upload.
CREATE TABLE event_images (
	event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
	upload_id TEXT NOT NULL REFERENCES uploads (id),
	alt TEXT NOT NULL,
	width INTEGER NOT NULL,
	height INTEGER NOT NULL
);
CREATE INDEX event_images_upload ON event_images (upload_id);

-- The dates of a series that search holds, each as its own document, so
-- that a change of the series takes back those that no longer take place.
CREATE TABLE event_search_dates (
	event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	day TEXT NOT NULL,
	PRIMARY KEY (event_id, day)
);
