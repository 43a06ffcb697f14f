-- Claims walk pending stories in seq order and skip those under a live
-- lease. With lease_expires_at in the index the skip happens inside the
-- index, without visiting the rows of leased stories.
DROP INDEX stories_pending;
CREATE INDEX stories_claimable ON stories (seq, lease_expires_at) WHERE status = 'pending';
