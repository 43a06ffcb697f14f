-- Claims take stories that are pending and either never leased (or
-- released) or whose lease has expired, oldest first. Two partial indexes,
-- one per case, so a claim never walks past stories under a live lease:
-- a lease moves its row from the first index to the second, a release
-- moves it back, a decision takes it out of both.
DROP INDEX stories_pending;
CREATE INDEX stories_unleased ON stories (seq) WHERE status = 'pending' AND lease_id IS NULL;
CREATE INDEX stories_leased ON stories (lease_expires_at) WHERE status = 'pending' AND lease_id IS NOT NULL;
