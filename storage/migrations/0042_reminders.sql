-- Reminders: the ledger makes each reminder key go out at most once; preferences switch kinds on/off.
CREATE TABLE reminder_ledger (
    key TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL,
    queued_at TEXT NOT NULL
);

CREATE INDEX reminder_ledger_member ON reminder_ledger (member_id, kind);

CREATE TABLE reminder_prefs (
    member_id INTEGER NOT NULL REFERENCES members (id),
    kind TEXT NOT NULL,
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    PRIMARY KEY (member_id, kind)
);
