package moderation

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// ScoreSpan is a span as scored: code-point offsets, end exclusive, and a
// kind name (unknown kinds are allowed and always count as wrong).
type ScoreSpan struct {
	Start, End int
	Kind       string
}

// ScoreItem is one story of a labelled set with its prediction.
type ScoreItem struct {
	ID       string
	Gold     []ScoreSpan
	Clean    bool   // a tricky clean story: every prediction is a false flag
	Expected Action // the gold decision
	Pred     []ScoreSpan
	Decision Action // the predicted decision, "" if none
	HasPred  bool   // the prediction file had this story
}

// PRF is precision, recall and F1.
type PRF struct{ P, R, F1 float64 }

// ScoreRow holds the figures of one kind, group or the whole set.
type ScoreRow struct {
	Gold, Pred  int
	StrictTP    int
	Strict      PRF
	FoundGold   int // gold spans overlapped by a prediction of the same group
	CorrectPred int // predictions overlapping a gold span of the same group
	Overlap     PRF
}

// ScoreReport is what Score computes, the same figures as
// benchmarks/stories-dev/score.py.
type ScoreReport struct {
	Stories, StoriesPredicted int
	Kinds                     []string // row order: the known kinds, then unknown predicted kinds
	PerKind                   map[string]ScoreRow
	PerGroup                  map[Group]ScoreRow
	Overall                   ScoreRow
	UnknownKinds              []string
	CleanStories, CleanFlags  int
	CleanStoriesFlagged       int
	RedactedOK, RedactedTotal int
	NotRedacted               []string // ids of stories not fully redacted
	WithDecision, Agree       int
	EscalateGold, EscalateHit int
	Confusion                 map[Action]map[Action]int // gold → predicted → count
}

func prf(correctPred, nPred, foundGold, nGold int) PRF {
	var p, r, f float64
	switch {
	case nPred > 0:
		p = float64(correctPred) / float64(nPred)
	case nGold == 0:
		p = 1
	}
	switch {
	case nGold > 0:
		r = float64(foundGold) / float64(nGold)
	case nPred == 0:
		r = 1
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{p, r, f}
}

func spanGroup(kind string) Group { return Kind(kind).Group() }

func overlapping(a, b ScoreSpan) bool { return a.Start < b.End && b.Start < a.End }

// dedupe returns the distinct spans (same start, end, kind count once).
func dedupe(spans []ScoreSpan) []ScoreSpan {
	out := slices.Clone(spans)
	slices.SortFunc(out, func(a, b ScoreSpan) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return strings.Compare(a.Kind, b.Kind)
	})
	return slices.Compact(out)
}

// Score compares predictions with gold spans: strict and overlap
// precision/recall/F1 per kind, group and overall, false flags on clean
// stories, fully redacted stories and decision agreement.
func Score(items []ScoreItem) ScoreReport {
	nGold, nPred, strictTP := map[string]int{}, map[string]int{}, map[string]int{}
	found, correct := map[string]int{}, map[string]int{}
	rep := ScoreReport{Stories: len(items), Confusion: map[Action]map[Action]int{}}
	for _, it := range items {
		if it.HasPred {
			rep.StoriesPredicted++
		}
		gold, pred := dedupe(it.Gold), dedupe(it.Pred)
		for _, s := range gold {
			nGold[s.Kind]++
		}
		for _, p := range pred {
			nPred[p.Kind]++
			if slices.Contains(gold, p) {
				strictTP[p.Kind]++
			}
		}
		for _, g := range gold {
			grp := spanGroup(g.Kind)
			if slices.ContainsFunc(pred, func(p ScoreSpan) bool { return spanGroup(p.Kind) == grp && overlapping(g, p) }) {
				found[g.Kind]++
			}
		}
		for _, p := range pred {
			grp := spanGroup(p.Kind)
			if grp != "" && slices.ContainsFunc(gold, func(g ScoreSpan) bool { return spanGroup(g.Kind) == grp && overlapping(g, p) }) {
				correct[p.Kind]++
			}
		}
		if it.Clean {
			rep.CleanStories++
			rep.CleanFlags += len(pred)
			if len(pred) > 0 {
				rep.CleanStoriesFlagged++
			}
		}
		var ident []ScoreSpan
		for _, g := range gold {
			if spanGroup(g.Kind) == Identifying {
				ident = append(ident, g)
			}
		}
		if len(ident) > 0 {
			rep.RedactedTotal++
			all := true
			for _, g := range ident {
				if !slices.ContainsFunc(pred, func(p ScoreSpan) bool { return spanGroup(p.Kind) == Identifying && overlapping(g, p) }) {
					all = false
					break
				}
			}
			if all {
				rep.RedactedOK++
			} else {
				rep.NotRedacted = append(rep.NotRedacted, it.ID)
			}
		}
		if it.Expected == Escalate {
			rep.EscalateGold++
			if it.Decision == Escalate {
				rep.EscalateHit++
			}
		}
		if it.Decision != "" {
			rep.WithDecision++
			if it.Decision == it.Expected {
				rep.Agree++
			}
			if rep.Confusion[it.Expected] == nil {
				rep.Confusion[it.Expected] = map[Action]int{}
			}
			rep.Confusion[it.Expected][it.Decision]++
		}
	}
	row := func(kinds []string) ScoreRow {
		var r ScoreRow
		for _, k := range kinds {
			r.Gold += nGold[k]
			r.Pred += nPred[k]
			r.StrictTP += strictTP[k]
			r.FoundGold += found[k]
			r.CorrectPred += correct[k]
		}
		r.Strict = prf(r.StrictTP, r.Pred, r.StrictTP, r.Gold)
		r.Overlap = prf(r.CorrectPred, r.Pred, r.FoundGold, r.Gold)
		return r
	}
	for _, k := range Kinds {
		rep.Kinds = append(rep.Kinds, string(k))
	}
	for k := range nPred {
		if !Kind(k).Valid() {
			rep.UnknownKinds = append(rep.UnknownKinds, k)
		}
	}
	slices.Sort(rep.UnknownKinds)
	rep.Kinds = append(rep.Kinds, rep.UnknownKinds...)
	rep.PerKind = map[string]ScoreRow{}
	for _, k := range rep.Kinds {
		rep.PerKind[k] = row([]string{k})
	}
	rep.PerGroup = map[Group]ScoreRow{}
	for _, g := range Groups {
		var ks []string
		for _, k := range Kinds {
			if k.Group() == g {
				ks = append(ks, string(k))
			}
		}
		rep.PerGroup[g] = row(ks)
	}
	rep.Overall = row(rep.Kinds)
	return rep
}

// Summary is score.py's one-line summary of the overlap figures.
func (r *ScoreReport) Summary() string {
	g := r.PerGroup
	line := fmt.Sprintf("identifying R=%.3f P=%.3f | abuse R=%.3f P=%.3f | safeguarding R=%.3f P=%.3f | clean false flags=%d | fully redacted %d/%d",
		g[Identifying].Overlap.R, g[Identifying].Overlap.P, g[AbuseGroup].Overlap.R, g[AbuseGroup].Overlap.P,
		g[SafeguardingGrp].Overlap.R, g[SafeguardingGrp].Overlap.P, r.CleanFlags, r.RedactedOK, r.RedactedTotal)
	if r.WithDecision > 0 {
		line += fmt.Sprintf(" | decision %d/%d", r.Agree, r.WithDecision)
	}
	return line
}

// scoreDecisions is the row order of the confusion matrix.
var scoreDecisions = []Action{Publish, PublishWithChanges, Reject, Escalate, Hold}

// WriteTables prints the tables score.py prints before its summary line.
func (r *ScoreReport) WriteTables(w io.Writer) error {
	var b strings.Builder
	line := func(name, grp string, s ScoreRow) {
		fmt.Fprintf(&b, "%-16s %-13s %5d %5d | %.3f %.3f %.3f | %.3f %.3f %.3f\n", name, grp, s.Gold, s.Pred,
			s.Strict.P, s.Strict.R, s.Strict.F1, s.Overlap.P, s.Overlap.R, s.Overlap.F1)
	}
	fmt.Fprintf(&b, "stories: %d (predictions for %d)\n\n", r.Stories, r.StoriesPredicted)
	head := fmt.Sprintf("%-16s %-13s %5s %5s | %-17s | overlap P/R/F1", "kind", "group", "gold", "pred", "strict P/R/F1")
	rule := strings.Repeat("-", len(head))
	fmt.Fprintf(&b, "%s\n%s\n", head, rule)
	for _, k := range r.Kinds {
		grp := string(spanGroup(k))
		if grp == "" {
			grp = "-"
		}
		line(k, grp, r.PerKind[k])
	}
	b.WriteString(rule + "\n")
	for _, g := range Groups {
		line(string(g), "(group)", r.PerGroup[g])
	}
	line("ALL", "(all kinds)", r.Overall)
	if len(r.UnknownKinds) > 0 {
		fmt.Fprintf(&b, "unknown predicted kinds (no group, all false positives): %s\n", strings.Join(r.UnknownKinds, ", "))
	}
	fmt.Fprintf(&b, "\nclean stories: %d; false flags: %d spans on %d stories\n", r.CleanStories, r.CleanFlags, r.CleanStoriesFlagged)
	fmt.Fprintf(&b, "fully redacted: %d/%d stories with identifying spans\n", r.RedactedOK, r.RedactedTotal)
	if len(r.NotRedacted) > 0 {
		fmt.Fprintf(&b, "  not fully redacted: %s\n", strings.Join(r.NotRedacted, " "))
	}
	if r.WithDecision > 0 {
		fmt.Fprintf(&b, "decision agreement: %d/%d = %.3f", r.Agree, r.WithDecision, float64(r.Agree)/float64(r.WithDecision))
		if r.EscalateGold > 0 {
			fmt.Fprintf(&b, "; escalate recall %.3f", float64(r.EscalateHit)/float64(r.EscalateGold))
		}
		b.WriteString("\n")
		cols := slices.Clone(scoreDecisions)
		var extra []Action
		for _, row := range r.Confusion {
			for p := range row {
				if !slices.Contains(cols, p) && !slices.Contains(extra, p) {
					extra = append(extra, p)
				}
			}
		}
		slices.Sort(extra)
		cols = append(cols, extra...)
		b.WriteString("  gold \\ pred          ")
		for i, c := range cols {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%9s", truncate(string(c), 9))
		}
		b.WriteString("\n")
		for _, gd := range scoreDecisions {
			fmt.Fprintf(&b, "  %-20s ", gd)
			for i, c := range cols {
				if i > 0 {
					b.WriteByte(' ')
				}
				fmt.Fprintf(&b, "%9d", r.Confusion[gd][c])
			}
			b.WriteString("\n")
		}
	} else {
		b.WriteString("decision agreement: no predicted decisions\n")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
