-- The persistent outbox: one row per message to one chat, sent by one worker within Telegram's limits.
-- A row is marked 'sending' before the HTTP call and 'sent' right after it (see docs/delivery.md).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    member_id INTEGER REFERENCES members (id),
    kind TEXT NOT NULL,              -- 'announcement', 'group_post', 'status', 'report', 'reminder', ...
    batch TEXT,                      -- rows that belong together, e.g. 'ann:7' for one announcement
    dedupe_key TEXT NOT NULL UNIQUE, -- a message is enqueued at most once per key
    text TEXT NOT NULL,
    buttons TEXT,                    -- JSON: [[["label", "callback data or url"], ...], ...]
    photo TEXT,                      -- Telegram file_id; the text is then the caption
    edit_of INTEGER REFERENCES outbox (id), -- edit the message that row sent, instead of sending anew
    pin INTEGER NOT NULL DEFAULT 0 CHECK (pin IN (0, 1)),
    priority INTEGER NOT NULL DEFAULT 5, -- lower goes first
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'unreachable', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,            -- not before this moment (UTC); NULL: as soon as pacing allows
    sent_message_id INTEGER,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX outbox_pending ON outbox (status, priority, id);
CREATE INDEX outbox_batch ON outbox (batch, status);
