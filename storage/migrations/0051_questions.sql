-- Questions a member forwarded to the coordinators from /wegwijs, and answers added to /wegwijs.
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    asker_id INTEGER NOT NULL REFERENCES members (id),
    language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
    text TEXT NOT NULL,
    asked_at TEXT NOT NULL,
    answer TEXT,
    answered_by INTEGER REFERENCES members (id),
    answered_at TEXT
);

CREATE INDEX questions_open ON questions (answered_at, asked_at);
CREATE INDEX questions_asker ON questions (asker_id);

-- A question and its answer, added to /wegwijs by a coordinator with one press. Shown next to the
-- topics from bot/content/ (which stay the versioned source of truth).
CREATE TABLE faq_extra_topics (
    id INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL UNIQUE REFERENCES questions (id),
    language TEXT NOT NULL CHECK (language IN ('nl', 'en')),
    title TEXT NOT NULL,
    answer TEXT NOT NULL,
    added_by INTEGER NOT NULL REFERENCES members (id),
    added_at TEXT NOT NULL,
    removed_at TEXT
);

CREATE INDEX faq_extra_topics_live ON faq_extra_topics (removed_at, id);
