package moderation

import "time"

// PushState is where an outbox entry stands with the queue server.
type PushState string

// Push states. Only Pending entries are sent; the server's answer for each
// decision moves it to Accepted, Duplicate (already applied, same content) or
// Conflict (lease lost or story decided elsewhere), which is kept and shown.
const (
	PushPending   PushState = "pending"
	PushAccepted  PushState = "accepted"
	PushDuplicate PushState = "duplicate"
	PushConflict  PushState = "conflict"
)

// OutboxEntry is a local decision and where its push stands.
type OutboxEntry struct {
	Decision    Decision
	State       PushState
	Attempts    int
	LastError   string // error code or short message of the last failed try
	ServerState string // the server's explanation for a conflict
	UpdatedAt   time.Time
}

// Counts are the figures in the app's status bar.
type Counts struct {
	Pending, Done, Escalated, Held int
	Unpushed, Conflicts            int
}
