-- Leases are stored per claim, not per story, so a claim's database cost
-- does not grow with its size: leasing 50 stories inserts one row instead
-- of rewriting 50 wide story rows and their indexes.
--
-- Every pending story is in exactly one of three places:
--   * above the queue head (queue_head.head): never claimed; claims take
--     these in seq order, moving the head past them;
--   * in queue_pool: released, or taken out of an expired claim, waiting
--     to be claimed again (all below the head);
--   * in the seqs of one claim: leased to that claim's holder.
-- A decision takes its story out of its claim; a claim left empty is
-- deleted.
--
-- The lease id of story seq S in claim C is 'C.S'. A lease is held while
-- its claim row exists and still lists S, whether or not expires_at has
-- passed: an expired claim keeps its stories until another claim takes
-- them (oldest first, one by one), so a late decision or renewal by the
-- holder still counts until then.
CREATE TABLE claims (
	id         TEXT PRIMARY KEY,
	holder     TEXT NOT NULL,
	request    TEXT,             -- the claim's request id, for replays
	expires_at BIGINT NOT NULL,  -- Unix nanoseconds, for all its stories
	seqs       BIGINT[] NOT NULL, -- the pending stories it leases
	-- a lease from before claims (or copied from SQLite) keeps its id: a
	-- one-story claim whose lease id is the claim id itself
	bare_lease BOOLEAN NOT NULL DEFAULT false
) WITH (fillfactor = 70);
CREATE INDEX claims_request ON claims (holder, request) WHERE request IS NOT NULL;
CREATE INDEX claims_expires ON claims (expires_at);

CREATE TABLE queue_head (
	one  BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
	head BIGINT NOT NULL -- the last seq handed out; stories above it are fresh
);
CREATE TABLE queue_pool (
	seq BIGINT PRIMARY KEY
);

-- claim_lease is the lease id of story seq in a claim.
CREATE FUNCTION claim_lease(claim TEXT, bare BOOLEAN, seq BIGINT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN bare THEN claim ELSE claim || '.' || seq END
$$;

-- lease_seq is the story a lease names in a claim, NULL when the claim
-- does not hold it: want is the seq after the dot of the lease id, 0 for a
-- bare lease id.
CREATE FUNCTION lease_seq(bare BOOLEAN, seqs BIGINT[], want BIGINT) RETURNS BIGINT
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN bare THEN CASE WHEN want = 0 THEN seqs[1] END
		WHEN want = ANY(seqs) THEN want END
$$;

-- queue_head_reset puts the head on the last story a claim holds and the
-- pending stories below it that no claim holds in the pool. It is for a
-- queue whose leases were just made into claims (this migration, and
-- storydesk-server copy); claims must not run meanwhile.
CREATE FUNCTION queue_head_reset() RETURNS void
LANGUAGE sql AS $$
	UPDATE queue_head SET head = COALESCE((SELECT max(s) FROM claims, unnest(seqs) AS s), 0);
	INSERT INTO queue_pool (seq)
		SELECT seq FROM stories
		WHERE status = 'pending' AND seq <= (SELECT head FROM queue_head)
			AND seq NOT IN (SELECT unnest(seqs) FROM claims)
		ON CONFLICT DO NOTHING;
$$;

-- claim_stories makes the claims of a batch of requests, in order: for
-- request i, it leases up to p_maxes[i] stories to p_holders[i] until
-- p_expires[i], oldest first, as one new claim, and returns its leases in
-- seq order tagged i. A repeated request (same holder and request id, in
-- an earlier transaction or earlier in this batch) instead returns what
-- the first one leased and is still pending. A replica sends the claims
-- that arrive while its previous batch runs as one batch.
CREATE FUNCTION claim_stories(p_holders TEXT[], p_requests TEXT[], p_maxes INT[], p_nows BIGINT[], p_expires BIGINT[])
RETURNS TABLE (n INT, lease_id TEXT, expires_at BIGINT, seq BIGINT)
LANGUAGE plpgsql ROWS 50
-- Each connection plans these statements once and keeps the plans. Made
-- while the claims table is small, a plan would scan it whole, and keep
-- doing so for every claim as it grows; every lookup here has its index.
-- (The cost that enable_seqscan = off puts on the one-row head table would
-- otherwise make the server compile that statement with JIT each time.)
SET enable_seqscan = off
SET jit = off
AS $$
#variable_conflict use_column
DECLARE
	v_head  BIGINT;
	v_start BIGINT;
	v_old   BIGINT[];
	v_fresh BIGINT[];
	v_id    TEXT;
	-- whether the pool or an expired claim may hold stories
	v_older BOOLEAN;
	-- the requests that may be repeats
	v_repeats INT[];
BEGIN
	-- Batches take turns on the head row, on every replica, until they
	-- commit. What follows is a few index lookups and one insert a claim;
	-- the answers' stories are read after the commit.
	SELECT h.head INTO v_head FROM queue_head h FOR UPDATE;
	v_start := v_head;
	-- The pool and expired claims are older than any fresh story; a lease
	-- shorter than the batch would expire within it.
	v_older := EXISTS (SELECT FROM queue_pool)
		OR EXISTS (SELECT FROM claims c WHERE c.expires_at <= (SELECT max(x) FROM unnest(p_nows) AS x))
		OR EXISTS (SELECT FROM unnest(p_expires) AS e WHERE e <= (SELECT max(x) FROM unnest(p_nows) AS x));

	v_repeats := ARRAY(
		SELECT r.i FROM unnest(p_holders, p_requests) WITH ORDINALITY AS r(holder, request, i)
		WHERE EXISTS (SELECT FROM claims c WHERE c.holder = r.holder AND c.request = r.request)
			OR EXISTS (
				SELECT FROM unnest(p_holders, p_requests) WITH ORDINALITY AS e(holder, request, i)
				WHERE e.i < r.i AND e.holder = r.holder AND e.request = r.request));

	-- The usual case, nothing older than the head: the claims that are
	-- not repeats share the next fresh stories in order, in one insert.
	IF NOT v_older THEN
		v_fresh := ARRAY(
			SELECT s.seq FROM stories s
			WHERE s.status = 'pending' AND s.seq > v_head
			ORDER BY s.seq
			LIMIT (SELECT coalesce(sum(r.m), 0) FROM unnest(p_maxes) WITH ORDINALITY AS r(m, i) WHERE NOT r.i = ANY(v_repeats)));
		IF cardinality(v_fresh) > 0 THEN
			v_head := v_fresh[cardinality(v_fresh)];
		END IF;
		RETURN QUERY
			WITH w AS (
				SELECT r.i::int AS i, (sum(r.m) OVER (ORDER BY r.i) - r.m)::int AS off, r.m
				FROM unnest(p_maxes) WITH ORDINALITY AS r(m, i)
				WHERE NOT r.i = ANY(v_repeats)),
			c AS MATERIALIZED (
				SELECT w.i, gen_random_uuid()::text AS id, v_fresh[w.off + 1 : w.off + w.m] AS seqs
				FROM w WHERE cardinality(v_fresh[w.off + 1 : w.off + w.m]) > 0),
			ins AS (
				INSERT INTO claims (id, holder, request, expires_at, seqs)
				SELECT c.id, p_holders[c.i], p_requests[c.i], p_expires[c.i], c.seqs FROM c)
			SELECT c.i, c.id || '.' || x.seq, p_expires[c.i], x.seq
			FROM c, unnest(c.seqs) AS x(seq);
	END IF;

	-- Then one by one: repeats, and when the pool or expired claims may
	-- hold stories, every claim.
	FOR i IN 1 .. coalesce(cardinality(p_holders), 0) LOOP
		IF i = ANY(v_repeats) THEN
			RETURN QUERY SELECT i, claim_lease(c.id, c.bare_lease, s.seq), c.expires_at, s.seq
				FROM claims c, unnest(c.seqs) AS s(seq)
				WHERE c.holder = p_holders[i] AND c.request = p_requests[i]
				ORDER BY s.seq;
			CONTINUE WHEN FOUND;
		ELSIF NOT v_older THEN
			CONTINUE; -- claimed above
		END IF;

		-- Returned stories and those of expired claims are older than any
		-- fresh one, so they go first, oldest first. An expired claim
		-- gives up only the stories taken here; it keeps the rest, leases
		-- still valid. Locking the expired claims waits for a decision,
		-- renewal or release on them in flight; one renewed meanwhile is
		-- no longer expired.
		v_old := '{}';
		IF v_older THEN
			PERFORM FROM claims c WHERE c.expires_at <= p_nows[i] ORDER BY c.id FOR UPDATE;
			v_old := ARRAY(
				SELECT o.seq FROM (
					SELECT p.seq FROM queue_pool p
					UNION ALL
					SELECT unnest(c.seqs) FROM claims c WHERE c.expires_at <= p_nows[i]) AS o(seq)
				ORDER BY o.seq LIMIT p_maxes[i]);
			IF cardinality(v_old) > 0 THEN
				DELETE FROM queue_pool p WHERE p.seq = ANY(v_old);
				DELETE FROM claims c WHERE c.expires_at <= p_nows[i] AND c.seqs <@ v_old;
				UPDATE claims c SET seqs = ARRAY(SELECT x FROM unnest(c.seqs) AS x WHERE x <> ALL(v_old) ORDER BY x)
					WHERE c.expires_at <= p_nows[i] AND c.seqs && v_old;
			END IF;
		END IF;

		v_fresh := ARRAY(
			SELECT s.seq FROM stories s
			WHERE s.status = 'pending' AND s.seq > v_head
			ORDER BY s.seq LIMIT p_maxes[i] - cardinality(v_old));
		IF cardinality(v_fresh) > 0 THEN
			v_head := v_fresh[cardinality(v_fresh)];
		END IF;
		CONTINUE WHEN cardinality(v_old) + cardinality(v_fresh) = 0;

		v_id := gen_random_uuid()::text;
		INSERT INTO claims (id, holder, request, expires_at, seqs)
			VALUES (v_id, p_holders[i], p_requests[i], p_expires[i], v_old || v_fresh);
		RETURN QUERY SELECT i, v_id || '.' || s.seq, p_expires[i], s.seq
			FROM unnest(v_old || v_fresh) AS s(seq);
	END LOOP;

	IF v_head <> v_start THEN
		UPDATE queue_head SET head = v_head;
	END IF;
END
$$;

-- release_leases gives back the leases of p_holder named by p_claims[i]
-- and p_seqs[i] (see lease_seq): their stories go to the pool. It returns
-- the claim, want and story id of each lease it released.
CREATE FUNCTION release_leases(p_holder TEXT, p_claims TEXT[], p_seqs BIGINT[])
RETURNS TABLE (claim TEXT, want BIGINT, story_id TEXT)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	v_gone BIGINT[];
BEGIN
	-- in id order, as Decide and claim_stories lock claims
	PERFORM FROM claims c WHERE c.id = ANY(p_claims) AND c.holder = p_holder ORDER BY c.id FOR UPDATE;
	RETURN QUERY SELECT w.claim, w.want, s.id
		FROM unnest(p_claims, p_seqs) AS w(claim, want)
		JOIN claims c ON c.id = w.claim AND c.holder = p_holder
		JOIN stories s ON s.seq = lease_seq(c.bare_lease, c.seqs, w.want);
	v_gone := ARRAY(
		SELECT lease_seq(c.bare_lease, c.seqs, w.want)
		FROM unnest(p_claims, p_seqs) AS w(claim, want)
		JOIN claims c ON c.id = w.claim AND c.holder = p_holder
		WHERE lease_seq(c.bare_lease, c.seqs, w.want) IS NOT NULL);
	IF cardinality(v_gone) = 0 THEN
		RETURN;
	END IF;
	DELETE FROM claims c WHERE c.id = ANY(p_claims) AND c.holder = p_holder AND c.seqs <@ v_gone;
	UPDATE claims c SET seqs = ARRAY(SELECT x FROM unnest(c.seqs) AS x WHERE x <> ALL(v_gone) ORDER BY x)
		WHERE c.id = ANY(p_claims) AND c.holder = p_holder AND c.seqs && v_gone;
	INSERT INTO queue_pool (seq) SELECT DISTINCT unnest(v_gone) ON CONFLICT DO NOTHING;
END
$$;

-- Leases held when this migration runs become one-story claims that keep
-- their lease ids, so moderators keep their leases across the upgrade.
INSERT INTO claims (id, holder, request, expires_at, seqs, bare_lease)
	SELECT lease_id, COALESCE(lease_holder, ''), claim_request, lease_expires_at, ARRAY[seq], true
	FROM stories WHERE status = 'pending' AND lease_id IS NOT NULL;
INSERT INTO queue_head (head) VALUES (0);
SELECT queue_head_reset();

DROP INDEX stories_unleased;
DROP INDEX stories_leased;
DROP INDEX stories_claim_request;
ALTER TABLE stories DROP COLUMN lease_id, DROP COLUMN lease_holder,
	DROP COLUMN lease_expires_at, DROP COLUMN claim_request;
CREATE INDEX stories_pending ON stories (seq) WHERE status = 'pending';
