-- 0002: a local cache of the team's decision history fetched from the queue
-- server (supervisor review works offline). Same columns as decisions; rows
-- are keyed by the decision id and need not have a local story.

CREATE TABLE history_cache (
	id              TEXT PRIMARY KEY,
	story_id        TEXT NOT NULL,
	lease_id        TEXT NOT NULL DEFAULT '',
	story_version   INTEGER NOT NULL DEFAULT 0,
	action          TEXT NOT NULL,
	reason          TEXT NOT NULL DEFAULT '',
	note            TEXT NOT NULL DEFAULT '',
	redactions      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(redactions)),
	published_title TEXT NOT NULL DEFAULT '',
	published_body  TEXT NOT NULL DEFAULT '',
	moderator       TEXT NOT NULL DEFAULT '',
	decided_at      INTEGER NOT NULL,
	review_at       INTEGER NOT NULL DEFAULT 0,
	supersedes      TEXT NOT NULL DEFAULT '',
	cached_at       INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX history_cache_time ON history_cache (decided_at DESC, id);
CREATE INDEX history_cache_story ON history_cache (story_id);
