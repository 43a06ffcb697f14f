-- Server store on PostgreSQL: the same tables as the SQLite store.
CREATE TABLE users (
	name       TEXT PRIMARY KEY,
	role       TEXT NOT NULL,
	token_hash BYTEA NOT NULL UNIQUE
);

CREATE TABLE stories (
	seq              BIGSERIAL PRIMARY KEY,
	id               TEXT NOT NULL UNIQUE,
	title            TEXT NOT NULL,
	body             TEXT NOT NULL,
	service          TEXT NOT NULL DEFAULT '',
	service_type     TEXT NOT NULL DEFAULT '',
	submitted_at     TIMESTAMPTZ,
	author_role      TEXT NOT NULL DEFAULT '',
	status           TEXT NOT NULL DEFAULT 'pending',
	version          INTEGER NOT NULL DEFAULT 1,
	lease_id         TEXT UNIQUE,
	lease_holder     TEXT,
	lease_expires_at BIGINT NOT NULL DEFAULT 0 -- Unix nanoseconds, 0 when not leased
);
-- claims walk pending stories oldest first; decided ones leave the index
CREATE INDEX stories_pending ON stories (seq) WHERE status = 'pending';

-- seq is assigned by the store while it holds the decision lock, so seq
-- order is commit order and has no gaps: a history reader that has passed
-- seq N never misses a later commit below N. doc is the canonical JSON the
-- hash chain covers (TEXT, not JSONB, to keep the exact bytes).
CREATE TABLE decisions (
	seq         BIGINT PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	story_id    TEXT NOT NULL REFERENCES stories (id),
	moderator   TEXT NOT NULL,
	action      TEXT NOT NULL,
	doc         TEXT NOT NULL,
	received_at TIMESTAMPTZ NOT NULL,
	hash        TEXT NOT NULL
);
CREATE INDEX decisions_story ON decisions (story_id, seq);
CREATE INDEX decisions_moderator ON decisions (moderator, seq);
CREATE INDEX decisions_action ON decisions (action, seq);
