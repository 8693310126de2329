-- Indexes found by bench/growth.py (ten years of history against one month).
-- Numbered after every table it touches: a migration in the foundation block (0001-0019) would run
-- before 0020/0030 create these tables on a fresh database.

-- /mijn (claims ahead) and the "how many hours?" job (claims ending between): start from the few
-- planned activities that have not ended, not from every claim a member ever made.
CREATE INDEX activities_status_ends ON activities (status, ends_at);

-- /overzicht: the month's totals per member, and who logged since a month, straight from the index
-- (no table look-ups, no sort). It covers what hours_entries_month (month) did.
CREATE INDEX hours_entries_month_member ON hours_entries (month, member_id, minutes);
DROP INDEX hours_entries_month;

-- /overzicht and the silent-members check: who is away in a month (the primary key starts at member_id).
CREATE INDEX hours_away_month ON hours_away (month);
