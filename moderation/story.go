package moderation

import (
	"log/slog"
	"time"
)

// StoryID identifies a story across server and app.
type StoryID string

// Status is where a story stands in the local queue.
type Status string

// Story statuses.
const (
	StatusPending   Status = "pending"   // waiting for a moderator
	StatusDecided   Status = "decided"   // published, published with changes, or rejected
	StatusEscalated Status = "escalated" // waiting for a supervisor
	StatusHeld      Status = "held"      // publication delayed until a review date
)

func (s Status) String() string { return string(s) }

// Story is one patient or carer story and what is known about it locally.
type Story struct {
	ID          StoryID
	Title       string
	Body        string
	Service     string // the service the story is about ("Riverside A&E")
	ServiceType string // a_and_e, gp, maternity, ...
	SubmittedAt time.Time
	AuthorRole  string // patient, relative, carer, ...
	Status      Status

	// Lease, when the story was claimed from a queue server.
	LeaseID        string
	LeaseExpiresAt time.Time
	Version        int

	Spans []Span // sorted by Start
}

// LogValue keeps the body out of logs even when a whole Story is logged.
// Value receiver, so Story and *Story both qualify.
func (s Story) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", string(s.ID)),
		slog.String("state", s.Status.String()),
		slog.Int("spans", len(s.Spans)),
	)
}

// Safeguarding reports whether any span signals a safeguarding risk.
func (s *Story) Safeguarding() bool { return HasSafeguarding(s.Spans) }

// ThreatOnly reports whether the spans hold a threat of violence and no
// safeguarding span: the story must be escalated for the threat alone.
func ThreatOnly(spans []Span) bool {
	threat := false
	for _, sp := range spans {
		switch sp.Kind {
		case Safeguarding:
			return false
		case Threat:
			threat = true
		}
	}
	return threat
}

// HasSafeguarding reports whether any span is of kind Safeguarding or Threat.
func HasSafeguarding(spans []Span) bool {
	for _, sp := range spans {
		if sp.Kind == Safeguarding || sp.Kind == Threat {
			return true
		}
	}
	return false
}

// QueueItem is one row of the queue list: enough to show, not the body.
type QueueItem struct {
	ID           StoryID
	Title        string
	Service      string
	SubmittedAt  time.Time
	Status       Status
	Safeguarding bool   // a safeguarding or threat span: the story must be escalated
	Threat       bool   // Safeguarding comes from a threat of violence alone
	Flags        int    // spans detected
	Action       Action // the latest local decision, if any
}

// Detector finds spans in a text. detect.Engine implements it; stores take
// one so that rules run when a story is stored.
type Detector interface {
	Detect(text string) []Span
}
