-- The wijkbudget: the year's budget, requests for money, and receipts stored on disk.
CREATE TABLE budget_years (
    year INTEGER PRIMARY KEY,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    set_by INTEGER REFERENCES members (id),
    set_at TEXT NOT NULL
);

CREATE TABLE budget_requests (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    purpose TEXT NOT NULL,
    activity_id INTEGER,  -- no foreign key: activities live in another feature
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    for_date TEXT NOT NULL,  -- local date, YYYY-MM-DD; its year is the budget year
    status TEXT NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'approved', 'declined', 'settled')),
    decided_by INTEGER REFERENCES members (id),
    decided_at TEXT,
    decline_reason TEXT,
    spent_cents INTEGER CHECK (spent_cents IS NULL OR spent_cents >= 0),
    created_at TEXT NOT NULL
);

CREATE INDEX budget_requests_member ON budget_requests (member_id);
CREATE INDEX budget_requests_date ON budget_requests (for_date);
CREATE INDEX budget_requests_status ON budget_requests (status);

CREATE TABLE budget_receipts (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES budget_requests (id),
    file_name TEXT NOT NULL,  -- relative to the database directory: receipts/<year>/<request>-<n>.<ext>
    size_bytes INTEGER NOT NULL,
    added_by INTEGER NOT NULL REFERENCES members (id),
    added_at TEXT NOT NULL
);

CREATE INDEX budget_receipts_request ON budget_receipts (request_id);

-- What a member is in the middle of typing for keys or the budget (one step at a time).
CREATE TABLE keybudget_drafts (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    feature TEXT NOT NULL CHECK (feature IN ('keys', 'budget')),
    step TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
