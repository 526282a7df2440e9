-- When each kind's tables were made (UTC, RFC 3339), for operators: rows
-- of kinds prepared before this migration have none.
ALTER TABLE sqlstore_kind ADD COLUMN prepared TEXT NOT NULL DEFAULT '';
