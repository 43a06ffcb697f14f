-- A repeated claim whose lease has expired is a new claim. The app keeps
-- the request id of a claim whose answer it lost and repeats it in a
-- later round, which may come after the lease: the old claim's stories
-- may be taken by anyone by then, so answering with it would hand back
-- leases no longer held. claim_batch is 0006_claim_calls.sql's with the
-- expiry added to its two repeat look-ups; nothing else changes.
CREATE OR REPLACE FUNCTION claim_batch(p_holders TEXT[], p_requests TEXT[], p_maxes INT[], p_nows BIGINT[], p_expires BIGINT[], p_ids TEXT[])
RETURNS TABLE (n INT, claim TEXT, bare BOOLEAN, expires_at BIGINT, seqs BIGINT[])
LANGUAGE plpgsql ROWS 50
-- Each connection plans these statements once and keeps the plans
-- (force_generic_plan: otherwise the server plans a statement anew for
-- each call when a plan for the call's own arrays looks cheaper, which
-- it did for most calls of the repeat check; that planning took longer
-- than the statements, and ran while holding the queue head). Made while
-- the claims table is small, a plan would scan it whole, and keep doing
-- so for every claim as it grows; every lookup here has its index. (The
-- cost that enable_seqscan = off puts on the one-row head table would
-- otherwise make the server compile that statement with JIT each time.)
SET enable_seqscan = off
SET jit = off
SET plan_cache_mode = force_generic_plan
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

	-- (a request without a request id is never a repeat; one that comes
	-- again in the batch is found by numbering the batch's requests per
	-- holder and request id, not by comparing each with all before it)
	v_repeats := ARRAY(
		SELECT r.i FROM (
			SELECT w.holder, w.request, w.i, row_number() OVER (PARTITION BY w.holder, w.request ORDER BY w.i) AS k
			FROM unnest(p_holders, p_requests) WITH ORDINALITY AS w(holder, request, i)
			WHERE w.holder IS NOT NULL AND w.request IS NOT NULL) AS r
		WHERE r.k > 1 OR EXISTS (SELECT FROM claims c WHERE c.holder = r.holder AND c.request = r.request AND c.expires_at > p_nows[r.i]));

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
				SELECT w.i, coalesce(p_ids[w.i], gen_random_uuid()::text) AS id, v_fresh[w.off + 1 : w.off + w.m] AS seqs
				FROM w WHERE cardinality(v_fresh[w.off + 1 : w.off + w.m]) > 0),
			ins AS (
				INSERT INTO claims (id, holder, request, expires_at, seqs)
				SELECT c.id, p_holders[c.i], p_requests[c.i], p_expires[c.i], c.seqs FROM c)
			SELECT c.i, c.id, false, p_expires[c.i], c.seqs FROM c;
	END IF;

	-- Then one by one: repeats, and when the pool or expired claims may
	-- hold stories, every claim.
	FOR i IN 1 .. coalesce(cardinality(p_holders), 0) LOOP
		IF i = ANY(v_repeats) THEN
			RETURN QUERY SELECT i, c.id, c.bare_lease, c.expires_at, c.seqs
				FROM claims c
				WHERE c.holder = p_holders[i] AND c.request = p_requests[i] AND c.expires_at > p_nows[i]
				ORDER BY c.seqs[1];
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

		v_id := coalesce(p_ids[i], gen_random_uuid()::text);
		INSERT INTO claims (id, holder, request, expires_at, seqs)
			VALUES (v_id, p_holders[i], p_requests[i], p_expires[i], v_old || v_fresh);
		RETURN QUERY SELECT i, v_id, false, p_expires[i], v_old || v_fresh;
	END LOOP;

	IF v_head <> v_start THEN
		UPDATE queue_head SET head = v_head;
	END IF;
END
$$;
