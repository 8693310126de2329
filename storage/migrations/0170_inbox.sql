-- /open, the coordinator's inbox: items marked as handled that have no end of their own (a key request
-- sorted out by phone, a new member welcomed, a quiet member called). ref is the item's own reference,
-- e.g. a key request id or '<member>-<month>'; no member column, so nothing here leads to a person.
CREATE TABLE inbox_handled (
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    handled_at TEXT NOT NULL,
    PRIMARY KEY (kind, ref)
);
