-- Verantwoording: an optional photo of an activity, sent by its organiser after the visitor count.
-- ``shareable`` is the organiser's choice: 1 "mag gedeeld worden", 0 "alleen voor het verslag". The file
-- lives next to the database under visitor_photos/<year>/ (folders 0700, files 0600, like receipts); the
-- row and the file go when the uploader's data is erased. No foreign key to activities (another feature).
CREATE TABLE activity_photos (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL,
    file_name TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL CHECK (size > 0),
    shareable INTEGER NOT NULL CHECK (shareable IN (0, 1)),
    uploaded_by INTEGER REFERENCES members (id),
    uploaded_at TEXT NOT NULL
);
CREATE INDEX activity_photos_by_activity ON activity_photos (activity_id);
CREATE INDEX activity_photos_by_uploader ON activity_photos (uploaded_by);
