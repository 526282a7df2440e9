-- The kinds of record prepared in this database, each with the indexes
-- its tables were made for.
CREATE TABLE sqlstore_kind (
	kind TEXT PRIMARY KEY,
	indexes TEXT NOT NULL
);
