-- One conversation row per member *and flow*: a draft paused in one flow (hours, /nieuw, /budget) is no
-- longer overwritten when the member starts another. At most one row per member is current (paused = 0).
CREATE TABLE conversations_per_flow (
    member_id INTEGER NOT NULL REFERENCES members (id),
    flow TEXT NOT NULL,
    step TEXT NOT NULL,
    draft TEXT NOT NULL DEFAULT '{}',
    paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),  -- left for another command; resumable
    updated_at TEXT NOT NULL,
    PRIMARY KEY (member_id, flow)
);
INSERT INTO conversations_per_flow (member_id, flow, step, draft, paused, updated_at)
    SELECT member_id, flow, step, draft, paused, updated_at FROM conversations;
DROP TABLE conversations;
ALTER TABLE conversations_per_flow RENAME TO conversations;
CREATE UNIQUE INDEX conversations_current ON conversations (member_id) WHERE paused = 0;
