-- 0003: the Done tab orders by (decided_at DESC, id DESC); index both so
-- that its first page needs no sort.
DROP INDEX stories_done;
CREATE INDEX stories_done ON stories (decided_at DESC, id DESC) WHERE status <> 'pending';
