-- Volunteer hours: entries, per-member targets, away months, closed months and the audit trail.
-- Days are local calendar days (Europe/Amsterdam) as 'YYYY-MM-DD'; month is 'YYYY-MM' of that day.
CREATE TABLE hours_entries (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    day TEXT NOT NULL,
    month TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    category TEXT NOT NULL,
    label TEXT,
    -- Set when logged from a claimed task. Plain integers: the activities tables live in another feature.
    activity_id INTEGER,
    claim_id INTEGER UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT
);

CREATE INDEX hours_entries_member_day ON hours_entries (member_id, day);
CREATE INDEX hours_entries_member_month ON hours_entries (member_id, month);
CREATE INDEX hours_entries_month ON hours_entries (month);

-- An entry being put together (step by step, or understood from text and waiting for Confirm).
-- used_at makes every draft single-use: a second press on Confirm finds it used and saves nothing.
CREATE TABLE hours_drafts (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    entry_id INTEGER REFERENCES hours_entries (id) ON DELETE CASCADE,  -- editing this entry
    minutes INTEGER,
    day TEXT,
    category TEXT,
    label TEXT,
    activity_id INTEGER,
    claim_id INTEGER,
    awaiting TEXT CHECK (awaiting IN ('amount', 'day')),  -- waiting for typed text
    created_at TEXT NOT NULL,
    used_at TEXT
);

CREATE INDEX hours_drafts_member ON hours_drafts (member_id, used_at);

CREATE TABLE hours_targets (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    minutes INTEGER NOT NULL CHECK (minutes >= 0),
    set_by INTEGER REFERENCES members (id),
    set_at TEXT NOT NULL
);

CREATE TABLE hours_away (
    member_id INTEGER NOT NULL REFERENCES members (id),
    month TEXT NOT NULL,
    set_at TEXT NOT NULL,
    PRIMARY KEY (member_id, month)
);

CREATE TABLE hours_closed_months (
    month TEXT PRIMARY KEY,
    closed_by INTEGER NOT NULL REFERENCES members (id),
    closed_at TEXT NOT NULL
);

-- Every change to an entry in a closed month, and the closing itself.
CREATE TABLE hours_audit (
    id INTEGER PRIMARY KEY,
    month TEXT NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES members (id),
    member_id INTEGER REFERENCES members (id),
    entry_id INTEGER,
    action TEXT NOT NULL CHECK (action IN ('close', 'add', 'edit', 'delete')),
    before TEXT,
    after TEXT,
    at TEXT NOT NULL
);

CREATE INDEX hours_audit_month ON hours_audit (month);

-- "How many hours?" questions after a claimed task ended: asked once per claim.
CREATE TABLE hours_prompts (
    claim_id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    activity_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    day TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    asked_at TEXT NOT NULL
);
