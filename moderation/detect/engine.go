// Package detect is StoryDesk's rule engine: text in, spans out. Each
// Detector finds one family of details (identifiers, names, abuse,
// safeguarding); the Engine runs them all and resolves overlaps so that the
// spans it returns never overlap.
package detect

import (
	"slices"

	"github.com/storydesk/storydesk/moderation"
)

// Detector finds spans of one family in a text. Offsets are bytes.
type Detector interface {
	Find(text string) []moderation.Span
}

// Engine runs every detector and merges their spans.
type Engine struct {
	detectors []Detector
}

var _ moderation.Detector = (*Engine)(nil)

// New returns an engine with every built-in detector.
func New() *Engine {
	return &Engine{detectors: defaultDetectors()}
}

// NewWith returns an engine with only the given detectors (for tests).
func NewWith(ds ...Detector) *Engine { return &Engine{detectors: ds} }

// Detect returns the spans found in text, sorted, non-overlapping, each
// with Source "rule" and the policy's default redaction.
func (e *Engine) Detect(text string) []moderation.Span {
	var all []moderation.Span
	for _, d := range e.detectors {
		all = append(all, d.Find(text)...)
	}
	spans := merge(all)
	for i := range spans {
		spans[i].Source = moderation.SourceRule
		spans[i].Redact = moderation.DefaultRedact(spans[i].Kind)
	}
	return spans
}

// Find is Detect under the Detector name, so an Engine nests.
func (e *Engine) Find(text string) []moderation.Span { return e.Detect(text) }

// merge sorts spans and drops overlaps: of two overlapping spans the longer
// one wins, and on equal length the more confident one.
func merge(spans []moderation.Span) []moderation.Span {
	slices.SortFunc(spans, func(a, b moderation.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && out[n-1].Overlaps(s) {
			last := &out[n-1]
			if s.End-s.Start > last.End-last.Start ||
				(s.End-s.Start == last.End-last.Start && s.Confidence > last.Confidence) {
				*last = s
			}
			continue
		}
		out = append(out, s)
	}
	return out
}
