-- Newcomers: how far each member read the welcome story, buddies, and what a member is about to type.

-- One row per member who saw the welcome. "round" grows each time the story is started again after
-- finishing, so buttons of an earlier reading can be recognised as old.
CREATE TABLE welcome_progress (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    round INTEGER NOT NULL DEFAULT 1,
    step INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('reading', 'later', 'done')),
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT  -- the first time the member reached the end; stays set when reading again
);

-- A newcomer asks for a buddy; a coordinator pairs them, or a volunteer offers.
CREATE TABLE buddy_requests (
    id INTEGER PRIMARY KEY,
    newcomer_id INTEGER NOT NULL REFERENCES members (id),
    buddy_id INTEGER REFERENCES members (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'paired', 'cancelled')),
    requested_at TEXT NOT NULL,
    paired_at TEXT,
    paired_by INTEGER REFERENCES members (id),
    first_claim_told_at TEXT  -- when the buddy heard about the newcomer's first task
);

-- At most one open or paired request per newcomer.
CREATE UNIQUE INDEX buddy_requests_one_per_newcomer ON buddy_requests (newcomer_id)
    WHERE status IN ('open', 'paired');
CREATE INDEX buddy_requests_status ON buddy_requests (status, requested_at);
CREATE INDEX buddy_requests_buddy ON buddy_requests (buddy_id);

-- What the bot expects a member to type next, so typed text goes to the right flow after a restart:
-- 'welcome' (reading the welcome story), 'faq_question' (in /wegwijs), 'answer' (a coordinator replying
-- to question ref). "text" keeps the last question searched, for "ask the coordinator".
CREATE TABLE pending_input (
    member_id INTEGER PRIMARY KEY REFERENCES members (id),
    kind TEXT NOT NULL CHECK (kind IN ('welcome', 'faq_question', 'answer')),
    ref INTEGER,
    text TEXT,
    since TEXT NOT NULL
);
