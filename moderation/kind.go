package moderation

import (
	"fmt"
	"strings"
)

// Kind is what a span was detected as.
type Kind string

// Detection kinds (DESIGN.md, "Detection kinds").
const (
	Person         Kind = "PERSON"
	NHSNumber      Kind = "NHS_NUMBER"
	HospitalNumber Kind = "HOSPITAL_NUMBER"
	NINumber       Kind = "NI_NUMBER"
	Phone          Kind = "PHONE"
	Email          Kind = "EMAIL"
	Postcode       Kind = "POSTCODE"
	Address        Kind = "ADDRESS"
	DateOfBirth    Kind = "DATE_OF_BIRTH"
	Handle         Kind = "HANDLE"
	Profanity      Kind = "PROFANITY"
	Abuse          Kind = "ABUSE"
	Threat         Kind = "THREAT"
	Safeguarding   Kind = "SAFEGUARDING"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{Person, NHSNumber, HospitalNumber, NINumber, Phone, Email,
	Postcode, Address, DateOfBirth, Handle, Profanity, Abuse, Threat, Safeguarding}

// Group is a family of kinds sharing a highlight colour and a score.
type Group string

// Groups of kinds.
const (
	Identifying     Group = "IDENTIFYING"
	AbuseGroup      Group = "ABUSE"
	SafeguardingGrp Group = "SAFEGUARDING"
)

// Groups lists the groups in display order.
var Groups = []Group{Identifying, AbuseGroup, SafeguardingGrp}

// Group returns the kind's group ("" for an unknown kind).
func (k Kind) Group() Group {
	switch k {
	case Person, NHSNumber, HospitalNumber, NINumber, Phone, Email, Postcode, Address, DateOfBirth, Handle:
		return Identifying
	case Profanity, Abuse, Threat:
		return AbuseGroup
	case Safeguarding:
		return SafeguardingGrp
	}
	return ""
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k.Group() != "" }

var placeholders = map[Kind]string{
	Person:         "[name removed]",
	NHSNumber:      "[NHS number removed]",
	HospitalNumber: "[hospital number removed]",
	NINumber:       "[NI number removed]",
	Phone:          "[phone number removed]",
	Email:          "[email removed]",
	Postcode:       "[postcode removed]",
	Address:        "[address removed]",
	DateOfBirth:    "[date of birth removed]",
	Handle:         "[handle removed]",
	Profanity:      "[offensive word removed]",
	Abuse:          "[offensive language removed]",
	Threat:         "[threat removed]",
	Safeguarding:   "[removed]",
}

// Placeholder is the text that replaces a redacted span of this kind.
func (k Kind) Placeholder() string {
	if p, ok := placeholders[k]; ok {
		return p
	}
	return "[removed]"
}

var labels = map[Kind]string{
	Person: "Name", NHSNumber: "NHS number", HospitalNumber: "Hospital number",
	NINumber: "NI number", Phone: "Phone", Email: "E-mail", Postcode: "Postcode",
	Address: "Address", DateOfBirth: "Date of birth", Handle: "Handle",
	Profanity: "Profanity", Abuse: "Abuse", Threat: "Threat", Safeguarding: "Safeguarding",
}

// Label is the kind's short human name ("NHS number").
func (k Kind) Label() string {
	if l, ok := labels[k]; ok {
		return l
	}
	return string(k)
}

// ParseKind accepts a kind name in any case with surrounding space.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToUpper(strings.TrimSpace(s)))
	if !k.Valid() {
		return "", Errorf(EINVALID, "unknown kind %q", s)
	}
	return k, nil
}

// Source says who produced a span.
type Source string

// Span sources.
const (
	SourceRule      Source = "rule"
	SourceAI        Source = "ai"
	SourceModerator Source = "moderator"
)

// Span is a detected or moderator-marked range of a story body. Start and End
// are byte offsets into the UTF-8 body, half-open. Convert with Offsets at
// every external boundary, where offsets are code points.
type Span struct {
	Start, End  int
	Kind        Kind
	Confidence  float64 // 0..1
	Source      Source
	Reason      string // short, human-readable: "NHS number: valid mod-11 checksum"
	Redact      bool   // the moderator (or policy default) wants it removed
	Replacement string // moderator-typed text; "" means Kind.Placeholder()
}

func (s Span) String() string {
	return fmt.Sprintf("%s[%d:%d]", s.Kind, s.Start, s.End)
}

// Overlaps reports whether the two half-open ranges share a byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// ReplacementText is the text that replaces the span when redacted.
func (s Span) ReplacementText() string {
	if s.Replacement != "" {
		return s.Replacement
	}
	return s.Kind.Placeholder()
}

// DefaultRedact is the policy default for a freshly detected span: identifying
// details and abusive language are removed; safeguarding spans are flags for
// escalation, not text to cut.
func DefaultRedact(k Kind) bool {
	return k.Group() == Identifying || k.Group() == AbuseGroup
}
