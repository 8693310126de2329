-- The keys of the two huiskamers, who holds each now, and everything that happened to them.
CREATE TABLE keys (
    id INTEGER PRIMARY KEY,
    room TEXT NOT NULL CHECK (room IN ('huiskamer6', 'huiskamer7')),
    label TEXT NOT NULL,
    holder_id INTEGER REFERENCES members (id),      -- NULL: in the key box / with nobody known
    pending_to_id INTEGER REFERENCES members (id),  -- set while a hand-over waits for confirmation
    pending_by_id INTEGER REFERENCES members (id),
    pending_event_id INTEGER,
    pending_since TEXT,
    reminded_at TEXT,                               -- the 24-hour reminder was sent (at most once)
    created_at TEXT NOT NULL
);

CREATE INDEX keys_holder ON keys (holder_id);
CREATE INDEX keys_pending ON keys (pending_since) WHERE pending_since IS NOT NULL;

CREATE TABLE key_events (
    id INTEGER PRIMARY KEY,
    key_id INTEGER NOT NULL REFERENCES keys (id),
    kind TEXT NOT NULL CHECK (kind IN ('added', 'offered', 'confirmed', 'refused', 'corrected')),
    from_id INTEGER REFERENCES members (id),
    to_id INTEGER REFERENCES members (id),
    actor_id INTEGER REFERENCES members (id),
    at TEXT NOT NULL
);

CREATE INDEX key_events_key ON key_events (key_id, id);

CREATE TABLE key_requests (
    id INTEGER PRIMARY KEY,
    key_id INTEGER NOT NULL REFERENCES keys (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    activity_id INTEGER,  -- no foreign key: activities live in another feature
    note TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX key_requests_key_member ON key_requests (key_id, member_id);

-- Who brings the key to an activity (activities are another feature: no foreign key to them).
CREATE TABLE activity_key_bringers (
    activity_id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    set_at TEXT NOT NULL
);

CREATE INDEX activity_key_bringers_member ON activity_key_bringers (member_id);
