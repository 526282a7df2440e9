-- When each kind's tables were made, for operators: rows of kinds
-- prepared before this migration have none.
ALTER TABLE sqlstore_kind ADD COLUMN prepared TIMESTAMPTZ;
