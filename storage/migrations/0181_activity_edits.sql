-- Issue 16: a cancelled activity says why ('' when no reason was given). A preset reason is stored as
-- 'preset:<name>' and said in each reader's language; a typed one as typed.
ALTER TABLE activities ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
