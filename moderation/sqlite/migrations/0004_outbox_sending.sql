-- 0004: sending_until marks outbox entries a push is carrying, so that Undo
-- does not take back a decision the server may be applying right now; it is
-- a deadline, so a crashed push does not block Undo for ever.
-- acknowledged_at records that the moderator has seen a conflict.
ALTER TABLE outbox ADD COLUMN sending_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN acknowledged_at INTEGER NOT NULL DEFAULT 0;
