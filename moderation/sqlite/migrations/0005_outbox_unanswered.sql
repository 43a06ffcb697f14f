-- 0005: unanswered marks outbox entries whose push got no answer although
-- the request may have reached the server (the connection dropped after it
-- was sent, a timeout, a 5xx from a proxy): the server may have applied
-- them, so Undo refuses them until a later push has the server's answer.
ALTER TABLE outbox ADD COLUMN unanswered INTEGER NOT NULL DEFAULT 0;
