-- Private calendar feed URLs (/agenda abonneren): a secret token per feed, revocable. scope 'mine' is
-- the member's own tasks, 'all' the whole agenda, 'public' the public agenda a coordinator published.
CREATE TABLE calendar_feeds (
    token TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id),
    scope TEXT NOT NULL CHECK (scope IN ('mine', 'all', 'public')),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE INDEX calendar_feeds_member ON calendar_feeds (member_id, revoked_at);
