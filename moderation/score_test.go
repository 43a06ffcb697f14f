package moderation_test

import (
	"math"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// TestScoreKnownFigures checks Score on a small hand-built case whose
// figures were worked out by hand (and agree with score.py on the same
// input).
func TestScoreKnownFigures(t *testing.T) {
	items := []moderation.ScoreItem{
		{ // one exact PERSON, one PHONE found by overlap only, one EMAIL missed, one false PROFANITY
			ID:       "a",
			Gold:     []moderation.ScoreSpan{{0, 5, "PERSON"}, {10, 20, "PHONE"}, {30, 40, "EMAIL"}},
			Pred:     []moderation.ScoreSpan{{0, 5, "PERSON"}, {0, 5, "PERSON"}, {12, 22, "POSTCODE"}, {50, 55, "PROFANITY"}},
			Expected: moderation.PublishWithChanges, Decision: moderation.PublishWithChanges, HasPred: true,
		},
		{ // a clean story with one false flag of an unknown kind
			ID: "b", Clean: true, Pred: []moderation.ScoreSpan{{1, 3, "NAME"}},
			Expected: moderation.Publish, Decision: moderation.Reject, HasPred: true,
		},
		{ // escalation found, fully redacted
			ID:       "c",
			Gold:     []moderation.ScoreSpan{{0, 4, "PERSON"}, {10, 30, "SAFEGUARDING"}},
			Pred:     []moderation.ScoreSpan{{0, 4, "PERSON"}, {12, 28, "SAFEGUARDING"}, {5, 8, "THREAT"}},
			Expected: moderation.Escalate, Decision: moderation.Escalate, HasPred: true,
		},
		{ID: "d", Gold: []moderation.ScoreSpan{{0, 4, "PERSON"}}, Expected: moderation.Publish}, // no prediction
	}
	r := moderation.Score(items)
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.4f, want %.4f", name, got, want)
		}
	}
	id := r.PerGroup[moderation.Identifying]
	// identifying gold: a(3) + c(1) + d(1) = 5; pred (deduped): a(2) + c(1) = 3
	if id.Gold != 5 || id.Pred != 3 || id.StrictTP != 2 || id.FoundGold != 3 || id.CorrectPred != 3 {
		t.Errorf("identifying row = %+v, want gold 5 pred 3 strictTP 2 found 3 correct 3", id)
	}
	near("identifying strict P", id.Strict.P, 2.0/3)
	near("identifying strict R", id.Strict.R, 2.0/5)
	near("identifying overlap P", id.Overlap.P, 1)
	near("identifying overlap R", id.Overlap.R, 3.0/5)
	near("identifying overlap F1", id.Overlap.F1, 2*0.6/(1.6))
	ab := r.PerGroup[moderation.AbuseGroup]
	near("abuse overlap P (2 false)", ab.Overlap.P, 0)
	near("abuse overlap R (no gold)", ab.Overlap.R, 0)
	sg := r.PerGroup[moderation.SafeguardingGrp]
	near("safeguarding overlap R", sg.Overlap.R, 1)
	near("safeguarding strict P", sg.Strict.P, 0)
	if k := r.PerKind["EMAIL"]; k.Pred != 0 || k.Overlap.P != 0 || k.Overlap.R != 0 {
		t.Errorf("EMAIL row = %+v; want no predictions, P 0 (gold exists), R 0", k)
	}
	if k := r.PerKind["HANDLE"]; k.Overlap.P != 1 || k.Overlap.R != 1 {
		t.Errorf("HANDLE row = %+v; want P 1 R 1 with neither gold nor predictions", k)
	}
	if len(r.UnknownKinds) != 1 || r.UnknownKinds[0] != "NAME" || r.PerKind["NAME"].Overlap.P != 0 {
		t.Errorf("unknown kinds = %v, NAME row %+v; want [NAME] with P 0", r.UnknownKinds, r.PerKind["NAME"])
	}
	if r.CleanFlags != 1 || r.CleanStoriesFlagged != 1 {
		t.Errorf("clean flags = %d on %d stories, want 1 on 1", r.CleanFlags, r.CleanStoriesFlagged)
	}
	if r.RedactedOK != 1 || r.RedactedTotal != 3 || strings.Join(r.NotRedacted, " ") != "a d" {
		t.Errorf("fully redacted %d/%d (missed %v), want 1/3 (missed a d)", r.RedactedOK, r.RedactedTotal, r.NotRedacted)
	}
	if r.Agree != 2 || r.WithDecision != 3 || r.EscalateHit != 1 || r.EscalateGold != 1 || r.StoriesPredicted != 3 {
		t.Errorf("decisions %d/%d escalate %d/%d predicted %d; want 2/3, 1/1, 3", r.Agree, r.WithDecision, r.EscalateHit, r.EscalateGold, r.StoriesPredicted)
	}
	want := "identifying R=0.600 P=1.000 | abuse R=0.000 P=0.000 | safeguarding R=1.000 P=1.000 | clean false flags=1 | fully redacted 1/3 | decision 2/3"
	if got := r.Summary(); got != want {
		t.Errorf("Summary() =\n%s\nwant\n%s", got, want)
	}
	var b strings.Builder
	if err := r.WriteTables(&b); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"IDENTIFYING      (group)           5     3 | 0.667 0.400 0.500 | 1.000 0.600 0.750",
		"unknown predicted kinds (no group, all false positives): NAME",
		"  not fully redacted: a d",
		"  publish                      0         0         1         0         0",
	} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("tables lack %q:\n%s", line, b.String())
		}
	}
}
