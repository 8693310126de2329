-- Announcements by coordinators (/omroep): a draft until confirmed, then delivered through the outbox.
CREATE TABLE announcements (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES members (id),
    text TEXT NOT NULL DEFAULT '',
    photo TEXT,
    audience TEXT NOT NULL DEFAULT 'everyone',  -- 'everyone', 'volunteers', 'newcomers', 'activity'
    activity_id INTEGER,
    read_button INTEGER NOT NULL DEFAULT 1 CHECK (read_button IN (0, 1)),
    to_group INTEGER NOT NULL DEFAULT 0 CHECK (to_group IN (0, 1)),
    pin INTEGER NOT NULL DEFAULT 0 CHECK (pin IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'done', 'cancelled')),
    recipients INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    reported_at TEXT
);

CREATE INDEX announcements_author ON announcements (author_id, status);

CREATE TABLE announcement_reads (
    announcement_id INTEGER NOT NULL REFERENCES announcements (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    read_at TEXT NOT NULL,
    PRIMARY KEY (announcement_id, member_id)
);
