-- How approved wijkbudget money comes back to the member: chosen by the coordinator when approving.
ALTER TABLE budget_requests ADD COLUMN pay_way TEXT CHECK (pay_way IS NULL OR pay_way IN ('transfer', 'cash'));
