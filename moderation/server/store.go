package server

import (
	"context"
	"errors"
	"fmt"
	"time"

	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// Role is what a user may do on the server.
type Role string

// Roles (DESIGN.md, "Who uses it").
const (
	RoleModerator  Role = "moderator"
	RoleSupervisor Role = "supervisor"
	RoleTrainer    Role = "trainer"
	RoleAdmin      Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleModerator, RoleSupervisor, RoleTrainer, RoleAdmin:
		return true
	}
	return false
}

// User is an authenticated caller.
type User struct {
	Name string
	Role Role
}

// HistoryFilter selects decisions from the history feed. After is the
// sequence number to continue behind (0 for the start); Limit 0 means the
// store's default.
type HistoryFilter struct {
	After     int64
	Moderator string
	Action    string
	Limit     int
}

// ChainReport is the result of re-computing the decision hash chain.
// BrokenSeq and BrokenID name the first decision whose stored hash does not
// match; both are zero when the chain is intact.
type ChainReport struct {
	Checked   int
	BrokenSeq int64
	BrokenID  string
}

// Store is the server's persistence, implemented on SQLite by SQLiteStore
// (and later on PostgreSQL). StoreSuite is the shared test suite every
// implementation passes. Errors carry moderation error codes.
type Store interface {
	// AddUser stores a user with the SHA-256 hash of its token. A taken
	// name gives ECONFLICT.
	AddUser(ctx context.Context, u User, tokenHash []byte) error
	// UserByTokenHash finds the user owning a token hash, ENOTFOUND if none.
	UserByTokenHash(ctx context.Context, tokenHash []byte) (User, error)

	// AddStories adds pending stories, all or none. An id that exists
	// already gives an *ItemError wrapping ECONFLICT.
	AddStories(ctx context.Context, stories []storysync.Story) (int, error)
	// Claim leases up to max pending, unleased (or lease-expired) stories
	// to user until now+lease, oldest first.
	Claim(ctx context.Context, user string, max int, lease time.Duration, now time.Time) ([]storysync.Story, error)
	// Renew extends the user's leases on still-pending stories to
	// now+lease; other leases come back LeaseLost.
	Renew(ctx context.Context, user string, leaseIDs []string, lease time.Duration, now time.Time) ([]storysync.LeaseResult, error)
	// Release gives leases back so the stories can be claimed again.
	Release(ctx context.Context, user string, leaseIDs []string) ([]storysync.LeaseResult, error)

	// Bodies returns the original bodies of the known stories among ids.
	Bodies(ctx context.Context, ids []string) (map[string]string, error)
	// Decide applies a batch of validated decisions in one transaction and
	// answers for each: accepted, duplicate (same id, same content) or
	// conflict (with the server state). Moderator is set by the caller to
	// the authenticated user; overrides (Supersedes) are allowed for
	// supervisors and admins only.
	Decide(ctx context.Context, u User, ds []storysync.Decision, now time.Time) ([]storysync.DecisionResult, error)
	// History lists stored decisions in sequence order.
	History(ctx context.Context, f HistoryFilter) ([]storysync.HistoryItem, error)
	// Story returns one story and all its decisions, ENOTFOUND if unknown.
	Story(ctx context.Context, id string) (*storysync.StoryDetail, error)
	// VerifyChain re-computes the decision hash chain.
	VerifyChain(ctx context.Context) (ChainReport, error)

	Close() error
}

// RequestClaimer is implemented by stores that make claims safe to retry:
// a claim repeated with the same non-empty requestID by the same user
// returns the stories the first one leased (those still leased to the user
// and pending) instead of leasing more. The handler uses it when the store
// has it; SQLiteStore does.
type RequestClaimer interface {
	ClaimRequest(ctx context.Context, user, requestID string, max int, lease time.Duration, now time.Time) ([]storysync.Story, error)
}

// TokenClaimer is implemented by stores that authenticate a claim in the
// claim itself (PGStore): ClaimByToken claims, as ClaimRequest does, for
// the user whose token hash is tokenHash, if that user's role is among
// roles, and returns the user. An unknown token gives ENOTFOUND, a role
// not among roles EFORBIDDEN (with the user); neither claims anything.
// The claims handler uses it when the store has it, so a claim costs no
// separate token look-up and a token taken out of the database no longer
// claims from the next request on.
type TokenClaimer interface {
	ClaimByToken(ctx context.Context, tokenHash []byte, roles []Role, requestID string, max int, lease time.Duration, now time.Time) (User, []storysync.Story, error)
}

// ItemError is an error about one item of a batch (0-based).
type ItemError struct {
	Item int
	Err  error
}

func (e *ItemError) Error() string { return fmt.Sprintf("item %d: %v", e.Item, e.Err) }

func (e *ItemError) Unwrap() error { return e.Err }

// ItemOf returns the batch index an error is about, or -1.
func ItemOf(err error) int {
	var ie *ItemError
	if errors.As(err, &ie) {
		return ie.Item
	}
	return -1
}

// Cursor formats a sequence number as the history feed's opaque cursor.
func Cursor(seq int64) string { return fmt.Sprintf("%d", seq) }

// ParseCursor reads a cursor made by Cursor; "" is the start.
func ParseCursor(c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	var n int64
	if _, err := fmt.Sscanf(c, "%d", &n); err != nil || n < 0 || Cursor(n) != c {
		return 0, invalid("after", "not a cursor from this server")
	}
	return n, nil
}
