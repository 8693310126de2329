-- Quiet hours (bot/quiet.py): a message written at night is kept until this moment (UTC); NULL: no wait.
-- Separate from next_attempt_at, which is the retry back-off of a failed try.
ALTER TABLE outbox ADD COLUMN not_before TEXT;

CREATE INDEX outbox_not_before ON outbox (not_before) WHERE not_before IS NOT NULL;
