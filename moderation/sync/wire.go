// Package storysync is the client side of the StoryDesk queue protocol
// (version 1): the wire types shared with the server, an HTTP Client, and a
// Syncer that pulls (claims) stories into the local store and pushes the
// local outbox back, with retries and exponential backoff.
//
// The package lives in moderation/sync; import it as storysync, since the
// standard library owns the name sync. Offsets on the wire are Unicode code
// points (end exclusive) and times are RFC 3339.
package storysync

import (
	"encoding/json"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// ProtocolVersion is the protocol these types describe; paths start /api/v1.
const ProtocolVersion = 1

// Decision results the server gives per pushed decision.
const (
	ResultAccepted  = "accepted"
	ResultDuplicate = "duplicate"
	ResultConflict  = "conflict"
)

// Lease results of renew and release.
const (
	LeaseRenewed  = "renewed"
	LeaseReleased = "released"
	LeaseLost     = "lost" // not held by the caller any more (expired and re-claimed, released, decided)
)

// ErrorBody is every error response: {"error": {...}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail names the error code (a moderation code such as EINVALID),
// a message without story text, and for EINVALID the offending field.
// Item is the index in a batch request of the item at fault, if any.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	Item    *int   `json:"item,omitempty"`
}

// ClaimRequest asks for up to Max pending stories. RequestID, when set,
// makes the claim safe to retry: the server answers a repeat with the
// stories the first request leased.
type ClaimRequest struct {
	Max       int    `json:"max"`
	RequestID string `json:"request_id,omitempty"`
}

// ClaimResponse holds the stories leased to the caller.
type ClaimResponse struct {
	Stories []Story `json:"stories"`
}

// Story is a story on the wire. Lease fields are set on claimed stories.
type Story struct {
	ID             string     `json:"id"`
	Title          string     `json:"title"`
	Body           string     `json:"body"`
	Service        string     `json:"service,omitempty"`
	ServiceType    string     `json:"service_type,omitempty"`
	SubmittedAt    *time.Time `json:"submitted_at,omitempty"`
	AuthorRole     string     `json:"author_role,omitempty"`
	Status         string     `json:"status,omitempty"`
	Version        int        `json:"version,omitempty"`
	LeaseID        string     `json:"lease_id,omitempty"`
	LeaseExpiresAt *time.Time `json:"lease_expires_at,omitempty"`
}

// LeaseRequest renews or releases leases.
type LeaseRequest struct {
	LeaseIDs []string `json:"lease_ids"`
}

// LeaseResponse gives one result per requested lease.
type LeaseResponse struct {
	Leases []LeaseResult `json:"leases"`
}

// LeaseResult is the outcome for one lease: LeaseRenewed (with the new
// expiry), LeaseReleased or LeaseLost.
type LeaseResult struct {
	LeaseID   string     `json:"lease_id"`
	StoryID   string     `json:"story_id,omitempty"`
	Status    string     `json:"status"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// Redaction is a removed range in code points of the original body.
type Redaction struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Kind        string `json:"kind"`
	Source      string `json:"source,omitempty"`
	Replacement string `json:"replacement"`
}

// Decision is a decision on the wire (DESIGN.md, "Queue protocol"). Its
// JSON encoding, with fields in this order, is also the canonical form the
// server hashes into its decision chain.
type Decision struct {
	ID             string      `json:"id"`
	StoryID        string      `json:"story_id"`
	LeaseID        string      `json:"lease_id,omitempty"`
	StoryVersion   int         `json:"story_version"`
	Action         string      `json:"action"`
	Reason         string      `json:"reason,omitempty"`
	Note           string      `json:"note,omitempty"`
	Redactions     []Redaction `json:"redactions,omitempty"`
	PublishedTitle string      `json:"published_title,omitempty"`
	PublishedBody  string      `json:"published_body,omitempty"`
	Moderator      string      `json:"moderator,omitempty"`
	DecidedAt      time.Time   `json:"decided_at"`
	ReviewAt       *time.Time  `json:"review_at,omitempty"`
	Supersedes     string      `json:"supersedes,omitempty"`
}

// DecisionResult is the server's answer for one pushed decision. For a
// conflict, State is the server's current view of the story.
type DecisionResult struct {
	ID     string       `json:"id"`
	Status string       `json:"status"`
	State  *ServerState `json:"server_state,omitempty"`
}

// DecisionsResponse answers a pushed batch, one result per item in order.
type DecisionsResponse struct {
	Results []DecisionResult `json:"results"`
}

// ServerState is the server's view of a story, sent with conflicts so the
// moderator can see why a decision was not applied.
type ServerState struct {
	StoryID        string     `json:"story_id"`
	Reason         string     `json:"reason"` // why it conflicts, in words
	Status         string     `json:"status"`
	Version        int        `json:"version"`
	LeaseHolder    string     `json:"lease_holder,omitempty"`
	LeaseExpiresAt *time.Time `json:"lease_expires_at,omitempty"`
	LatestDecision *Decision  `json:"latest_decision,omitempty"`
}

// String encodes the state as JSON, the form the local outbox keeps.
func (s *ServerState) String() string {
	if s == nil {
		return ""
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// ParseServerState decodes a state kept by the outbox.
func ParseServerState(s string) (*ServerState, error) {
	var st ServerState
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		return nil, moderation.Errorf(moderation.EINVALID, "server state: %v", err)
	}
	return &st, nil
}

// HistoryItem is one stored decision in the history feed. Cursor is opaque;
// pass it as after= to continue behind this item.
type HistoryItem struct {
	Cursor string `json:"cursor"`
	Decision
	ReceivedAt time.Time `json:"received_at"`
}

// HistoryPage is one page of the history feed. Next is the cursor to ask
// for the next page with ("" when the page is empty: keep the old one).
type HistoryPage struct {
	Decisions []HistoryItem `json:"decisions"`
	Next      string        `json:"next"`
}

// StoryDetail is a story with all its decisions, oldest first.
type StoryDetail struct {
	Story     Story         `json:"story"`
	Decisions []HistoryItem `json:"decisions"`
}

// IngestResponse answers POST /api/v1/stories.
type IngestResponse struct {
	Added int `json:"added"`
}

// StoryFromWire converts a wire story to the domain type.
func StoryFromWire(w Story) moderation.Story {
	st := moderation.Story{
		ID: moderation.StoryID(w.ID), Title: w.Title, Body: w.Body,
		Service: w.Service, ServiceType: w.ServiceType, AuthorRole: w.AuthorRole,
		Status: moderation.Status(w.Status), LeaseID: w.LeaseID, Version: w.Version,
	}
	if st.Status == "" {
		st.Status = moderation.StatusPending
	}
	if w.SubmittedAt != nil {
		st.SubmittedAt = *w.SubmittedAt
	}
	if w.LeaseExpiresAt != nil {
		st.LeaseExpiresAt = *w.LeaseExpiresAt
	}
	return st
}

// StoryToWire converts a domain story to the wire type (spans stay local).
func StoryToWire(s moderation.Story) Story {
	w := Story{
		ID: string(s.ID), Title: s.Title, Body: s.Body, Service: s.Service,
		ServiceType: s.ServiceType, AuthorRole: s.AuthorRole, Status: string(s.Status),
		Version: s.Version, LeaseID: s.LeaseID,
		SubmittedAt: timePtr(s.SubmittedAt), LeaseExpiresAt: timePtr(s.LeaseExpiresAt),
	}
	return w
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// DecisionToWire converts a domain decision to the wire form. body is the
// original story body the redactions' byte offsets point into; it is only
// read when there are redactions.
func DecisionToWire(d moderation.Decision, body string) (Decision, error) {
	w := Decision{
		ID: d.ID, StoryID: string(d.StoryID), LeaseID: d.LeaseID, StoryVersion: d.StoryVersion,
		Action: string(d.Action), Reason: string(d.Reason), Note: d.Note,
		PublishedTitle: d.PublishedTitle, PublishedBody: d.PublishedBody,
		Moderator: d.Moderator, DecidedAt: d.DecidedAt.UTC(), ReviewAt: timePtr(d.ReviewAt),
		Supersedes: d.Supersedes,
	}
	if len(d.Redactions) > 0 {
		if err := moderation.CheckSpans(body, redactionSpans(d.Redactions)); err != nil {
			return Decision{}, err
		}
		o := moderation.NewOffsets(body)
		for _, r := range d.Redactions {
			w.Redactions = append(w.Redactions, Redaction{
				Start: o.ToRune(r.Start), End: o.ToRune(r.End), Kind: string(r.Kind),
				Source: string(r.Source), Replacement: r.Replacement,
			})
		}
	}
	return w, nil
}

func redactionSpans(rs []moderation.Redaction) []moderation.Span {
	spans := make([]moderation.Span, len(rs))
	for i, r := range rs {
		spans[i] = moderation.Span{Start: r.Start, End: r.End, Kind: r.Kind, Redact: true}
	}
	return spans
}

// DecisionFromWire converts a wire decision to the domain form, turning
// code-point offsets into byte offsets of body (the original story body).
// Ranges that do not fit body give an EINVALID error naming the field.
func DecisionFromWire(w Decision, body string) (moderation.Decision, error) {
	d := moderation.Decision{
		ID: w.ID, StoryID: moderation.StoryID(w.StoryID), LeaseID: w.LeaseID,
		StoryVersion: w.StoryVersion, Action: moderation.Action(w.Action),
		Reason: moderation.Reason(w.Reason), Note: w.Note,
		PublishedTitle: w.PublishedTitle, PublishedBody: w.PublishedBody,
		Moderator: w.Moderator, DecidedAt: w.DecidedAt, Supersedes: w.Supersedes,
	}
	if w.ReviewAt != nil {
		d.ReviewAt = *w.ReviewAt
	}
	if len(w.Redactions) > 0 {
		o := moderation.NewOffsets(body)
		for i, r := range w.Redactions {
			bs, be, err := o.ByteRange("redactions", r.Start, r.End)
			if err != nil {
				return moderation.Decision{}, moderation.Invalidf("redactions", "item %d: range %d..%d outside the body (%d code points)", i, r.Start, r.End, o.Runes())
			}
			d.Redactions = append(d.Redactions, moderation.Redaction{
				Start: bs, End: be, Kind: moderation.Kind(r.Kind),
				Source: moderation.Source(r.Source), Replacement: r.Replacement,
			})
		}
	}
	return d, nil
}
