-- Replies to an announcement ("Reageer"): they reach the coordinator's /open as a thread with the
-- announcement, and her answer goes back to the member. 'typing' is a reply whose text is still to come
-- (the member pressed Reageer); it is forgotten after two hours.
CREATE TABLE announcement_replies (
    id INTEGER PRIMARY KEY,
    announcement_id INTEGER NOT NULL REFERENCES announcements (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    status TEXT NOT NULL CHECK (status IN ('typing', 'open', 'answered')),
    text TEXT,
    started_at TEXT NOT NULL,
    sent_at TEXT,
    answer TEXT,
    answered_by INTEGER REFERENCES members (id),
    answered_at TEXT
);

CREATE INDEX announcement_replies_member ON announcement_replies (member_id, status);
CREATE INDEX announcement_replies_open ON announcement_replies (status, sent_at);

-- A coordinator typing her answer to a reply: one at a time, forgotten after two hours.
CREATE TABLE reply_answering (
    coordinator_id INTEGER PRIMARY KEY REFERENCES members (id),
    reply_id INTEGER NOT NULL REFERENCES announcement_replies (id),
    since TEXT NOT NULL
);
