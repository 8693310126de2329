-- Members of the group and what happened to their membership.
-- Numbering: 0001-0019 foundation; each feature owns a block of ten (see storage/README.md).
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    telegram_id INTEGER UNIQUE,  -- NULL once the member was erased ("vergeet mij")
    display_name TEXT,
    language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
    status TEXT NOT NULL DEFAULT 'joining' CHECK (status IN ('joining', 'active', 'removed', 'erased')),
    is_coordinator INTEGER NOT NULL DEFAULT 0 CHECK (is_coordinator IN (0, 1)),
    joined_at TEXT NOT NULL,
    removed_at TEXT
);

CREATE INDEX members_status ON members (status);

CREATE TABLE member_events (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    actor_id INTEGER REFERENCES members (id),
    kind TEXT NOT NULL CHECK (kind IN ('joined', 'coordinator_added', 'coordinator_removed', 'removed', 'erased')),
    at TEXT NOT NULL
);

CREATE INDEX member_events_member ON member_events (member_id);
