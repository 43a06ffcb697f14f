package training

import (
	"slices"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// CaseScore is how a trainee did on one case. Redaction figures use overlap
// matching as the dev set's score.py does: a gold span is found when a
// trainee redaction of a kind in the same group shares at least one
// character with it; a trainee redaction is correct when it shares a
// character with a gold span of its group.
type CaseScore struct {
	CaseID     moderation.StoryID `json:"case_id"`
	Gold       int                `json:"gold"`    // gold redactions (Case.GoldRedactions)
	Marked     int                `json:"marked"`  // the trainee's redactions
	Found      int                `json:"found"`   // gold redactions overlapped by a trainee redaction
	Correct    int                `json:"correct"` // trainee redactions overlapping a gold redaction
	Decision   moderation.Action  `json:"decision"`
	Reason     moderation.Reason  `json:"reason,omitempty"`
	Want       moderation.Action  `json:"want"` // the gold decision
	WantReason moderation.Reason  `json:"want_reason,omitempty"`
	Took       time.Duration      `json:"took_ns"`
	Missed     []Range            `json:"missed,omitempty"` // gold redactions not found
	Extra      []Range            `json:"extra,omitempty"`  // trainee redactions matching no gold span
}

// Range is a scored span: byte offsets into the case body and its kind.
type Range struct {
	Start int             `json:"start"`
	End   int             `json:"end"`
	Kind  moderation.Kind `json:"kind"`
}

func rangeOf(s moderation.Span) Range { return Range{Start: s.Start, End: s.End, Kind: s.Kind} }

// Span returns the range as a span (for drawing it on the story).
func (r Range) Span() moderation.Span {
	return moderation.Span{Start: r.Start, End: r.End, Kind: r.Kind, Source: moderation.SourceModerator, Redact: true}
}

// Recall is found gold / gold; with no gold it is 1 when nothing was
// marked, else 0 (score.py's convention).
func (s CaseScore) Recall() float64 { return ratio(s.Found, s.Gold, s.Marked) }

// Precision is correct redactions / redactions; with none it is 1 when
// there is no gold either, else 0.
func (s CaseScore) Precision() float64 { return ratio(s.Correct, s.Marked, s.Gold) }

// Agree reports whether the trainee's action matches the gold decision.
// Reasons are shown but not scored: several can be defensible.
func (s CaseScore) Agree() bool { return s.Decision == s.Want }

func ratio(n, d, other int) float64 {
	if d == 0 {
		if other == 0 {
			return 1
		}
		return 0
	}
	return float64(n) / float64(d)
}

// overlapRow scores pred against gold on one story with the shared scorer
// (moderation.Score, the Go twin of score.py), so training and the eval
// command count overlaps the same way. Byte offsets work as well as code
// points here: both keep the order of character boundaries.
func overlapRow(gold, pred []moderation.Span) moderation.ScoreRow {
	conv := func(ss []moderation.Span) []moderation.ScoreSpan {
		out := make([]moderation.ScoreSpan, len(ss))
		for i, s := range ss {
			out[i] = moderation.ScoreSpan{Start: s.Start, End: s.End, Kind: string(s.Kind)}
		}
		return out
	}
	rep := moderation.Score([]moderation.ScoreItem{{ID: "case", Gold: conv(gold), Pred: conv(pred), HasPred: true}})
	return rep.Overall
}

// Matches reports whether two spans match under overlap matching: kinds in
// the same group sharing at least one character.
func Matches(a, b moderation.Span) bool {
	return overlapRow([]moderation.Span{a}, []moderation.Span{b}).FoundGold == 1
}

// ScoreCase scores the trainee's decision d on case c. Redactions of kind
// SAFEGUARDING are ignored on both sides (they are flags for escalation);
// duplicate redactions count once.
func ScoreCase(c *Case, d moderation.Decision, took time.Duration) CaseScore {
	gold := c.GoldRedactions()
	var marked []moderation.Span
	for _, r := range d.Redactions {
		if !moderation.DefaultRedact(r.Kind) {
			continue
		}
		s := moderation.Span{Start: r.Start, End: r.End, Kind: r.Kind, Source: r.Source, Redact: true, Replacement: r.Replacement}
		if !slices.ContainsFunc(marked, func(m moderation.Span) bool {
			return m.Start == s.Start && m.End == s.End && m.Kind == s.Kind
		}) {
			marked = append(marked, s)
		}
	}
	row := overlapRow(gold, marked)
	sc := CaseScore{
		CaseID: c.Story.ID, Gold: row.Gold, Marked: row.Pred, Found: row.FoundGold, Correct: row.CorrectPred,
		Decision: d.Action, Reason: d.Reason, Want: c.Decision, WantReason: c.Reason, Took: took,
	}
	// which ones: each gold span alone against every mark, each mark alone against the gold
	for _, g := range gold {
		if overlapRow([]moderation.Span{g}, marked).FoundGold == 0 {
			sc.Missed = append(sc.Missed, rangeOf(g))
		}
	}
	for _, m := range marked {
		if overlapRow(gold, []moderation.Span{m}).CorrectPred == 0 {
			sc.Extra = append(sc.Extra, rangeOf(m))
		}
	}
	return sc
}

// Summary totals a run's case scores. Recall and precision are pooled over
// all spans of the run (micro-averaged, as score.py's overall row).
type Summary struct {
	Cases, Agreed                int
	Gold, Marked, Found, Correct int
	Recall, Precision, Agreement float64
	MedianTook, TotalTook        time.Duration
}

// Summarize totals scores.
func Summarize(scores []CaseScore) Summary {
	var s Summary
	var took []time.Duration
	for _, c := range scores {
		s.Cases++
		s.Gold += c.Gold
		s.Marked += c.Marked
		s.Found += c.Found
		s.Correct += c.Correct
		if c.Agree() {
			s.Agreed++
		}
		s.TotalTook += c.Took
		took = append(took, c.Took)
	}
	s.Recall = ratio(s.Found, s.Gold, s.Marked)
	s.Precision = ratio(s.Correct, s.Marked, s.Gold)
	if s.Cases > 0 {
		s.Agreement = float64(s.Agreed) / float64(s.Cases)
	}
	s.MedianTook = Median(took)
	return s
}

// Median returns the median duration (the mean of the middle two for an
// even count), 0 for none.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
