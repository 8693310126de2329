-- The invite code when none is configured (generated at first start) or after a coordinator made a new
-- one with /uitnodiging. One row at most; it wins over [access] invite_code.
CREATE TABLE invite_code (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL,
    created_at TEXT NOT NULL
);
