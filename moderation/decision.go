package moderation

import (
	"time"
	"unicode/utf8"
)

// Action is a moderation decision's stored code.
type Action string

// Actions (DESIGN.md, "Moderation policy").
const (
	Publish            Action = "publish"              // "Approve"
	PublishWithChanges Action = "publish_with_changes" // "Approve with redactions"
	Reject             Action = "reject"
	Escalate           Action = "escalate"
	Hold               Action = "hold"
)

// Actions lists every action in display order.
var Actions = []Action{Publish, PublishWithChanges, Reject, Escalate, Hold}

// Label is the button text for an action.
func (a Action) Label() string {
	switch a {
	case Publish:
		return "Approve"
	case PublishWithChanges:
		return "Approve with redactions"
	case Reject:
		return "Reject"
	case Escalate:
		return "Escalate"
	case Hold:
		return "Hold"
	}
	return string(a)
}

// Status is the story status an action leads to.
func (a Action) Status() Status {
	switch a {
	case Escalate:
		return StatusEscalated
	case Hold:
		return StatusHeld
	}
	return StatusDecided
}

// Reason is a policy reason code attached to a decision.
type Reason string

// Reason codes per action.
const (
	ReasonCommercial      Reason = "commercial"
	ReasonAbusiveContent  Reason = "abusive_content"
	ReasonNotSpecificCare Reason = "not_specific_care"
	ReasonTooOld          Reason = "too_old"
	ReasonUntruthful      Reason = "untruthful"
	ReasonDuplicate       Reason = "duplicate"
	ReasonStaffFeedback   Reason = "staff_feedback"
	ReasonLegalProcess    Reason = "legal_process"
	ReasonOther           Reason = "other"

	ReasonPersonalDetails   Reason = "personal_details"
	ReasonStaffIdentified   Reason = "staff_identified"
	ReasonAbusiveLanguage   Reason = "abusive_language"
	ReasonOffensiveLanguage Reason = "offensive_language"

	ReasonSeriousAllegation Reason = "serious_allegation"
	ReasonAuthorDistressed  Reason = "author_distressed"
	ReasonProviderNotice    Reason = "provider_notice"

	ReasonSafeguardingAbuse    Reason = "safeguarding_abuse"
	ReasonSafeguardingSelfHarm Reason = "safeguarding_self_harm"
	ReasonThreatOfViolence     Reason = "threat_of_violence"
	ReasonComplex              Reason = "complex"
)

// ReasonsFor lists the reason codes allowed with an action, in display order.
// Publish takes none.
func ReasonsFor(a Action) []Reason {
	switch a {
	case Reject:
		return []Reason{ReasonCommercial, ReasonAbusiveContent, ReasonNotSpecificCare, ReasonTooOld,
			ReasonUntruthful, ReasonDuplicate, ReasonStaffFeedback, ReasonLegalProcess, ReasonOther}
	case PublishWithChanges:
		return []Reason{ReasonPersonalDetails, ReasonStaffIdentified, ReasonAbusiveLanguage, ReasonOffensiveLanguage}
	case Hold:
		return []Reason{ReasonSeriousAllegation, ReasonAuthorDistressed, ReasonProviderNotice}
	case Escalate:
		return []Reason{ReasonSafeguardingAbuse, ReasonSafeguardingSelfHarm, ReasonThreatOfViolence, ReasonComplex}
	}
	return nil
}

// Redaction is one removed range in a decision. Start and End are byte
// offsets into the story body; wire formats carry code points.
type Redaction struct {
	Start, End  int
	Kind        Kind
	Source      Source
	Replacement string // the text that replaced the range
}

// Decision is a moderator's (or supervisor's) verdict on a story. Decisions
// are append-only: an override is a new Decision whose Supersedes names the
// earlier one.
type Decision struct {
	ID             string // UUID made by the client; the idempotency key
	StoryID        StoryID
	LeaseID        string
	StoryVersion   int
	Action         Action
	Reason         Reason
	Note           string
	Redactions     []Redaction
	PublishedTitle string
	PublishedBody  string
	Moderator      string
	DecidedAt      time.Time
	ReviewAt       time.Time // for Hold: when to look again
	Supersedes     string    // the decision this one overrides
}

// MaxNote bounds a decision's note, in bytes.
const MaxNote = 4000

// Validate checks the decision against the policy: known action, a reason
// allowed for it, notes where they are required, and redactions that lie
// inside body (the original story body), in order, without overlap.
func (d *Decision) Validate(body string) error {
	if d.ID == "" {
		return Invalidf("id", "missing")
	}
	if d.StoryID == "" {
		return Invalidf("story_id", "missing")
	}
	allowed := ReasonsFor(d.Action)
	switch d.Action {
	case Publish:
		if d.Reason != "" {
			return Invalidf("reason", "%q not allowed with %s", d.Reason, d.Action)
		}
	case PublishWithChanges, Reject, Escalate, Hold:
		if d.Reason == "" {
			return Invalidf("reason", "required for %s", d.Action)
		}
		ok := false
		for _, r := range allowed {
			ok = ok || r == d.Reason
		}
		if !ok {
			return Invalidf("reason", "%q is not a reason for %s", d.Reason, d.Action)
		}
	default:
		return Invalidf("action", "unknown action %q", d.Action)
	}
	if d.Reason == ReasonOther && d.Note == "" {
		return Invalidf("note", "required when the reason is %q", ReasonOther)
	}
	if (d.Action == Escalate || d.Action == Hold || d.Supersedes != "") && d.Note == "" {
		if d.Supersedes != "" {
			return Invalidf("note", "required for an override")
		}
		return Invalidf("note", "required for %s", d.Action)
	}
	if len(d.Note) > MaxNote {
		return Invalidf("note", "longer than %d bytes", MaxNote)
	}
	for _, s := range []struct{ field, v string }{{"note", d.Note}, {"published_title", d.PublishedTitle}, {"published_body", d.PublishedBody}} {
		if !utf8.ValidString(s.v) {
			return Invalidf(s.field, "not valid UTF-8")
		}
	}
	spans := make([]Span, len(d.Redactions))
	for i, r := range d.Redactions {
		if !r.Kind.Valid() {
			return Invalidf("redactions", "item %d: unknown kind %q", i, r.Kind)
		}
		spans[i] = Span{Start: r.Start, End: r.End, Kind: r.Kind, Redact: true}
	}
	if err := checkSpans("redactions", body, spans); err != nil {
		return err
	}
	if d.Action == Publish && len(d.Redactions) > 0 {
		return Invalidf("redactions", "%s takes no redactions; use %s", Publish, PublishWithChanges)
	}
	return nil
}
