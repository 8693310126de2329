-- Activities with their tasks, claims on tasks and a waitlist per task (feature block 0020-0029).
CREATE TABLE activity_series (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL CHECK (rule IN ('weekly', 'biweekly', 'monthly_nth')),
    created_by INTEGER NOT NULL REFERENCES members (id),
    created_at TEXT NOT NULL
);

CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL,  -- 'huiskamer6', 'huiskamer7' or free text such as 'voor de flat'
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('children', 'adults', 'everyone')),
    needs_key INTEGER NOT NULL DEFAULT 0 CHECK (needs_key IN (0, 1)),
    organiser_id INTEGER NOT NULL REFERENCES members (id),
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
    series_id INTEGER REFERENCES activity_series (id),
    occurrence INTEGER,
    created_at TEXT NOT NULL,
    cancelled_at TEXT,
    group_message_id INTEGER,
    CHECK (ends_at > starts_at)
);

CREATE INDEX activities_starts ON activities (starts_at);
CREATE INDEX activities_place_starts ON activities (place, starts_at);
CREATE UNIQUE INDEX activities_series_occurrence ON activities (series_id, occurrence);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities (id),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
    places INTEGER NOT NULL CHECK (places BETWEEN 1 AND 50),
    position INTEGER NOT NULL
);

CREATE INDEX tasks_activity ON tasks (activity_id);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    claimed_at TEXT NOT NULL,
    UNIQUE (task_id, member_id)
);

CREATE INDEX claims_member ON claims (member_id);

-- 'offered': the place is held for this member until offer_expires_at.
CREATE TABLE waitlist (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    joined_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'expired', 'declined')),
    offered_at TEXT,
    offer_expires_at TEXT,
    UNIQUE (task_id, member_id)
);

CREATE INDEX waitlist_task_status ON waitlist (task_id, status, joined_at);
CREATE INDEX waitlist_offer_expiry ON waitlist (status, offer_expires_at);
