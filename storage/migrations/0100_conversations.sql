-- One conversation per member: which multi-step flow they are in, the step, and its draft (JSON).
-- Replaces keybudget_drafts, pending_input, the awaiting column of hours_drafts and PTB's user_data.
CREATE TABLE conversations (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    flow TEXT NOT NULL,
    step TEXT NOT NULL,
    draft TEXT NOT NULL DEFAULT '{}',
    paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),  -- left for another command; resumable
    updated_at TEXT NOT NULL
);

INSERT INTO conversations (member_id, flow, step, draft, updated_at)
SELECT member_id, feature, step, data, updated_at FROM keybudget_drafts;

DROP TABLE keybudget_drafts;

INSERT OR IGNORE INTO conversations (member_id, flow, step, draft, updated_at)
SELECT member_id, 'hours', awaiting, json_object('draft_id', id), created_at
FROM hours_drafts WHERE awaiting IS NOT NULL AND used_at IS NULL;

ALTER TABLE hours_drafts DROP COLUMN awaiting;

INSERT OR IGNORE INTO conversations (member_id, flow, step, draft, updated_at)
SELECT member_id, 'wegwijs', kind, json_object('ref', ref, 'text', text), since FROM pending_input;

DROP TABLE pending_input;
