-- Verantwoording: how many residents came to an activity, as the organiser answered once afterwards
-- (a range from the buttons: low = high for an exact number). No foreign key to activities (another
-- feature); reported_by goes NULL when that member is erased, the count stays.
CREATE TABLE activity_visitors (
    activity_id INTEGER PRIMARY KEY,
    low INTEGER NOT NULL CHECK (low >= 0),
    high INTEGER NOT NULL CHECK (high >= low),
    reported_by INTEGER REFERENCES members (id),
    reported_at TEXT NOT NULL
);
