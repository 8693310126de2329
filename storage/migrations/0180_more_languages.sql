-- Arabic, Turkish, Polish and Ukrainian besides Dutch and English (issue 19; the list is bot/languages.py).
-- Only the CHECK constraints change, so the table definitions are edited in place (SQLite's documented
-- writable_schema route for changes that leave the stored rows as they are): no table is rebuilt, and
-- columns that later branches added (members.channel) stay. The throwaway table makes every other
-- connection reload the schema.
PRAGMA writable_schema = ON;

UPDATE sqlite_schema
SET sql = replace(
    sql,
    'CHECK (language IN (''nl'', ''en''))',
    'CHECK (language IN (''nl'', ''en'', ''ar'', ''tr'', ''pl'', ''uk''))'
)
WHERE type = 'table' AND name IN ('members', 'questions', 'faq_extra_topics');

PRAGMA writable_schema = RESET;

CREATE TABLE schema_reload_0180 (x INTEGER);

DROP TABLE schema_reload_0180;
