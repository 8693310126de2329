-- A key goes back to the key box when its holder stops being a member: a history line of its own kind
-- ('left'), so the history says what happened instead of a correction by nobody. SQLite cannot change a
-- CHECK constraint in place: the table is rebuilt with the same rows and ids.
CREATE TABLE key_events_new (
    id INTEGER PRIMARY KEY,
    key_id INTEGER NOT NULL REFERENCES keys (id),
    kind TEXT NOT NULL CHECK (kind IN ('added', 'offered', 'confirmed', 'refused', 'corrected', 'left')),
    from_id INTEGER REFERENCES members (id),
    to_id INTEGER REFERENCES members (id),
    actor_id INTEGER REFERENCES members (id),
    at TEXT NOT NULL
);

INSERT INTO key_events_new (id, key_id, kind, from_id, to_id, actor_id, at)
    SELECT id, key_id, kind, from_id, to_id, actor_id, at FROM key_events;

DROP TABLE key_events;

ALTER TABLE key_events_new RENAME TO key_events;

CREATE INDEX key_events_key ON key_events (key_id, id);
