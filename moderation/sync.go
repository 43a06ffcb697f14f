package moderation

// PushAnswer is the queue server's answer for one pushed outbox entry,
// recorded in a batch by stores that can (see sqlite.Store.MarkPushedBatch).
type PushAnswer struct {
	ID          string    // the decision id
	State       PushState // PushAccepted, PushDuplicate or PushConflict
	ServerState string    // the server's explanation for a conflict
}
