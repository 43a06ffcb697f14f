-- 0001: the app's local store. Times are INTEGER Unix nanoseconds (UTC),
-- 0 when unknown. Span offsets are byte offsets into the UTF-8 body.

CREATE TABLE stories (
	id               TEXT PRIMARY KEY,
	title            TEXT NOT NULL DEFAULT '',
	body             TEXT NOT NULL,
	service          TEXT NOT NULL DEFAULT '',
	service_type     TEXT NOT NULL DEFAULT '',
	submitted_at     INTEGER NOT NULL DEFAULT 0,
	author_role      TEXT NOT NULL DEFAULT '',
	status           TEXT NOT NULL DEFAULT 'pending'
	                 CHECK (status IN ('pending', 'decided', 'escalated', 'held')),
	lease_id         TEXT NOT NULL DEFAULT '',
	lease_expires_at INTEGER NOT NULL DEFAULT 0,
	version          INTEGER NOT NULL DEFAULT 0,
	-- denormalised from spans and decisions so that Queue needs no join
	safeguarding     INTEGER NOT NULL DEFAULT 0,
	flags            INTEGER NOT NULL DEFAULT 0,
	last_action      TEXT NOT NULL DEFAULT '',
	decided_at       INTEGER NOT NULL DEFAULT 0,
	added_at         INTEGER NOT NULL DEFAULT 0
);

-- the pending queue: safeguarding first, then oldest first
CREATE INDEX stories_queue ON stories (status, safeguarding DESC, submitted_at, id);
-- the Done tab: newest decision first
CREATE INDEX stories_done ON stories (decided_at DESC) WHERE status <> 'pending';

CREATE TABLE spans (
	story_id    TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	start_byte  INTEGER NOT NULL,
	end_byte    INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	confidence  REAL NOT NULL DEFAULT 0,
	source      TEXT NOT NULL DEFAULT '',
	reason      TEXT NOT NULL DEFAULT '',
	redact      INTEGER NOT NULL DEFAULT 0,
	replacement TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (story_id, seq),
	CHECK (start_byte >= 0 AND end_byte > start_byte)
);

CREATE TABLE decisions (
	seq             INTEGER PRIMARY KEY,
	id              TEXT NOT NULL UNIQUE,
	story_id        TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	lease_id        TEXT NOT NULL DEFAULT '',
	story_version   INTEGER NOT NULL DEFAULT 0,
	action          TEXT NOT NULL
	                CHECK (action IN ('publish', 'publish_with_changes', 'reject', 'escalate', 'hold')),
	reason          TEXT NOT NULL DEFAULT '',
	note            TEXT NOT NULL DEFAULT '',
	redactions      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(redactions)),
	published_title TEXT NOT NULL DEFAULT '',
	published_body  TEXT NOT NULL DEFAULT '',
	moderator       TEXT NOT NULL DEFAULT '',
	decided_at      INTEGER NOT NULL,
	review_at       INTEGER NOT NULL DEFAULT 0,
	supersedes      TEXT NOT NULL DEFAULT ''
);

CREATE INDEX decisions_story ON decisions (story_id, seq);
CREATE INDEX decisions_time ON decisions (decided_at DESC, seq DESC);

CREATE TABLE outbox (
	decision_id  TEXT PRIMARY KEY REFERENCES decisions (id) ON DELETE CASCADE,
	state        TEXT NOT NULL DEFAULT 'pending'
	             CHECK (state IN ('pending', 'accepted', 'duplicate', 'conflict')),
	attempts     INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT NOT NULL DEFAULT '',
	server_state TEXT NOT NULL DEFAULT '',
	updated_at   INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX outbox_state ON outbox (state);

CREATE TABLE sync_state (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at INTEGER NOT NULL DEFAULT 0
);

-- trainer mode: one row per run (a trainee's pass through a pack) and one
-- per case played, with the scorer's figures as JSON; never touches the live
-- queue
CREATE TABLE training_runs (
	id          TEXT PRIMARY KEY,
	trainee     TEXT NOT NULL,
	pack        TEXT NOT NULL,
	started_at  INTEGER NOT NULL,
	finished_at INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX training_runs_trainee ON training_runs (trainee, started_at);

CREATE TABLE training_cases (
	run_id  TEXT NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
	seq     INTEGER NOT NULL,
	case_id TEXT NOT NULL,
	scores  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scores)),
	PRIMARY KEY (run_id, seq)
);
