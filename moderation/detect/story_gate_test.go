package detect

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// foldExample is one flagged story: its features, whether its gold spans
// hold a safeguarding concern, and its set's cross-validation fold.
type foldExample struct {
	sgExample
	fold int
}

// storyExamples runs the engine without the story check over every
// labelled set (leaving out those named in STORYDESK_TRAIN_SKIP) and keeps
// the stories it flags for safeguarding.
func storyExamples(t *testing.T) []foldExample {
	t.Helper()
	e := newUngated()
	var out []foldExample
	forLabelledStories(t, func(set int, st devStory) {
		sg := safeguardingSpans(e.Detect(st.Body))
		if len(sg) == 0 {
			return
		}
		ex := foldExample{fold: set % 5}
		storyFeatures(st.Body, sg, func(f string) { ex.feats = append(ex.feats, f) })
		for _, g := range st.Spans {
			ex.yes = ex.yes || g.Kind == "SAFEGUARDING"
		}
		out = append(out, ex)
	})
	return out
}

func safeguardingSpans(spans []moderation.Span) []moderation.Span {
	return slices.DeleteFunc(spans, func(s moderation.Span) bool { return s.Kind != moderation.Safeguarding })
}

// trainStory fits the story model: six passes, no weighting of either
// class.
func trainStory(data []foldExample) (map[string]float64, float64) {
	return fitFolded(data, logisticFit{
		epochs: 6, rate: 0.1, l2: 1e-5, posWeight: 1, bias: 0, biasRate: 1, seed: [2]uint64{3, 4},
	})
}

// fitFolded is fitLogistic over fold examples.
func fitFolded(data []foldExample, c logisticFit) (map[string]float64, float64) {
	examples := make([]sgExample, len(data))
	for i, ex := range data {
		examples[i] = ex.sgExample
	}
	return fitLogistic(examples, c)
}

func exampleScore(w map[string]float64, bias float64, ex foldExample) float64 {
	z := bias
	for _, f := range ex.feats {
		z += w[f]
	}
	return 1 / (1 + math.Exp(-z))
}

// oofThreshold picks, from the out-of-fold scores of a model fitted by
// fit, the threshold below which at most one positive example in a
// thousand falls.
func oofThreshold(data []foldExample, fit func([]foldExample) (map[string]float64, float64)) float64 {
	type scored struct {
		p   float64
		yes bool
	}
	var oof []scored
	for fold := range 5 {
		var train []foldExample
		for _, ex := range data {
			if ex.fold != fold {
				train = append(train, ex)
			}
		}
		w, bias := fit(train)
		for _, ex := range data {
			if ex.fold == fold {
				oof = append(oof, scored{exampleScore(w, bias, ex), ex.yes})
			}
		}
	}
	slices.SortFunc(oof, func(a, b scored) int {
		switch {
		case a.p < b.p:
			return -1
		case a.p > b.p:
			return 1
		}
		return 0
	})
	concerns := 0
	for _, s := range oof {
		if s.yes {
			concerns++
		}
	}
	allowed, lost := concerns/1000, 0
	for _, s := range oof {
		if s.yes {
			if lost == allowed {
				return s.p
			}
			lost++
		}
	}
	return 0
}

// writeModel fits a model on data with fit, its threshold by
// oofThreshold, and writes it to lexicon/file.
func writeModel(t *testing.T, file, title, test string, data []foldExample, fit func([]foldExample) (map[string]float64, float64)) {
	t.Helper()
	threshold := oofThreshold(data, fit)
	w, bias := fit(data)
	names := make([]string, 0, len(w))
	for f, v := range w {
		if math.Abs(v) >= 0.005 {
			names = append(names, f)
		}
	}
	slices.Sort(names)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s, written by\n", title)
	fmt.Fprintf(&b, "# STORYDESK_TRAIN=1 go test ./moderation/detect -run %s\n", test)
	if skip := os.Getenv("STORYDESK_TRAIN_SKIP"); skip != "" {
		fmt.Fprintf(&b, "# (trained without %s)\n", skip)
	}
	fmt.Fprintf(&b, "bias %.4f\nthreshold %.4f\n", bias, threshold)
	for _, f := range names {
		fmt.Fprintf(&b, "%s %.3f\n", f, w[f])
	}
	if err := os.WriteFile(filepath.Join("lexicon", file), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("trained on %d examples, threshold %.4f, kept %d features", len(data), threshold, len(names))
}

// TestTrainStoryModel writes lexicon/story_model.txt when
// STORYDESK_TRAIN=1 (and STORYDESK_TRAIN_ONLY is empty or names it);
// otherwise it checks the shipped check (New against newUngated) on the
// labelled sets: it drops at most one flagged concern story in a
// thousand, and some false escalations. Most of these stories trained
// the model; its figures on sets it has not read are in
// docs/detection.md.
func TestTrainStoryModel(t *testing.T) {
	if trainModel(t, "story_model.txt", "Story model (story_gate.go)", "TestTrainStoryModel", storyExamples, trainStory) {
		return
	}
	// the shipped path: Detect with and without the check
	gated, ungated := New(), newUngated()
	var c checkCounts
	forLabelledStories(t, func(_ int, st devStory) {
		if len(safeguardingSpans(ungated.Detect(st.Body))) == 0 {
			return
		}
		yes := false
		for _, g := range st.Spans {
			yes = yes || g.Kind == "SAFEGUARDING"
		}
		c.add(yes, len(safeguardingSpans(gated.Detect(st.Body))) == 0)
	})
	c.check(t, "story check", "flagged concern stories", "false escalations")
}

// trainModel writes lexicon/file (see writeModel) when
// STORYDESK_TRAIN=1 and STORYDESK_TRAIN_ONLY is empty or names it, and
// reports whether it did.
func trainModel(t *testing.T, file, title, test string, examples func(*testing.T) []foldExample, fit func([]foldExample) (map[string]float64, float64)) bool {
	t.Helper()
	if os.Getenv("STORYDESK_TRAIN") != "1" {
		return false
	}
	if only := os.Getenv("STORYDESK_TRAIN_ONLY"); only != "" && only != file {
		t.Skipf("STORYDESK_TRAIN_ONLY=%s", only)
	}
	writeModel(t, file, title, test, examples(t), fit)
	return true
}

// forLabelledStories calls story with every story of every labelled set
// (sgTrainingSets) and the set's index, skipping the test when a set is
// missing.
func forLabelledStories(t *testing.T, story func(set int, st devStory)) {
	t.Helper()
	for i, p := range sgTrainingSets() {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("labelled set %s not found: %v", p, err)
		}
		for _, st := range loadStories(t, p) {
			story(i, st)
		}
	}
}

// checkCounts tallies what a check drops of the labelled
// sets: the positives it must keep and the negatives it should drop.
type checkCounts struct{ pos, lost, neg, dropped int }

func (c *checkCounts) add(positive, drop bool) {
	switch {
	case positive:
		c.pos++
		if drop {
			c.lost++
		}
	default:
		c.neg++
		if drop {
			c.dropped++
		}
	}
}

// check fails when the check drops more than one positive in a thousand,
// or no negative.
func (c checkCounts) check(t *testing.T, what, positives, negatives string) {
	t.Helper()
	t.Logf("%s: drops %d of %d %s and %d of %d %s", what, c.lost, c.pos, positives, c.dropped, c.neg, negatives)
	if c.lost > c.pos/1000 {
		t.Errorf("the %s drops %d of %d %s, want at most %d", what, c.lost, c.pos, positives, c.pos/1000)
	}
	if c.dropped == 0 {
		t.Errorf("the %s drops none of %d %s", what, c.neg, negatives)
	}
}

// TestStoryKeys checks that Detect's keys of a story's features (built
// without their names) are the keys of the names training writes.
func TestStoryKeys(t *testing.T) {
	text := "I’ve had ENOUGH of this life, honestly. Thank you all."
	sg := []moderation.Span{{Kind: moderation.Safeguarding, Confidence: 0.8, Reason: "current risk of self-harm or suicide"}}
	weights := map[uint64]float32{}
	want := 0
	storyFeatures(text, sg, func(f string) {
		weights[storyKey(f)] = 1
		want++
	})
	m := &storyModel{table: newWeightTable(weights)}
	// with every feature weighed 1 and bias 0, prob is logistic(want)
	if got, exp := m.prob(text, sg), logistic(float64(want), 0); math.Abs(got-exp) > 1e-12 {
		t.Errorf("prob = %v, want %v (%d features)", got, exp, want)
	}
	for _, f := range []string{"w:i've", "w:enough", "b:this_life", "n:1", "mx:0.80", "r:current_risk_of_self-harm_or_suicide"} {
		if _, ok := weights[storyKey(f)]; !ok {
			t.Errorf("feature %q missing", f)
		}
	}
}

// TestStoryGate checks what the story check drops and what it keeps.
func TestStoryGate(t *testing.T) {
	gated, ungated := New(), newUngated()
	sgOf := func(e *Engine, text string) int { return len(safeguardingSpans(e.Detect(text))) }
	keep := []struct{ name, text string }{
		{"a clear disclosure buried in thanks", "I was on Ward 7 for a fortnight in the spring after my hip operation. " +
			"The ward staff were lovely and the food was better than I expected. " +
			"The physio got me walking again within a week and the discharge was smooth. My husband says he will kill me " +
			"if I tell anyone about the bruises. Thank you all so much, the nurses on Ward 7 were brilliant and I would " +
			"recommend the hospital to anyone."},
		{"a weak reading buried in thanks", "I was on Ward 7 for a fortnight in the spring after my hip operation. " +
			"The ward staff were lovely and the food was better than I expected. " +
			"The physio got me walking again within a week. Last week I sat in the car outside the hospital and thought " +
			"about driving into the river with both of us in it. Thank you all so much, the nurses on Ward 7 were brilliant."},
		{"a short story", "My brother says he will beat me up if I tell the staff what he does."},
	}
	for _, c := range keep {
		if n := sgOf(ungated, c.text); n == 0 || sgOf(gated, c.text) != n {
			t.Errorf("%s: safeguarding spans %d without the check, %d with it; want the same, not 0", c.name, n, sgOf(gated, c.text))
		}
	}
	// innocent stories of the labelled sets that the check clears: the
	// last two have a rule's clear reading (a wish to die that the staff
	// took seriously, a man on the floor since the early hours told by the
	// paramedic who got him up), which only a score under gateClear drops
	for _, id := range []string{"h200-008", "h210-011", "h218-001", "h421-48", "h321-003"} {
		st := heldoutStory(t, id)
		if sgOf(ungated, st.Body) == 0 || sgOf(gated, st.Body) != 0 {
			t.Errorf("%s: safeguarding spans %d without the check, %d with it; want some, then none",
				id, sgOf(ungated, st.Body), sgOf(gated, st.Body))
		}
	}
}

// heldoutStory returns the story id from its held-out set (h200-008 is
// in set200).
func heldoutStory(t *testing.T, id string) devStory {
	t.Helper()
	set, _, _ := strings.Cut(strings.TrimPrefix(id, "h"), "-")
	for _, st := range loadStories(t, filepath.Join("testdata", "heldout", "set"+set+".jsonl")) {
		if st.ID == id {
			return st
		}
	}
	t.Fatalf("story %s not found", id)
	return devStory{}
}

// TestUniqueKeys checks that prob's set keeps the first of each key, 0
// too, whatever the scratch it is given.
func TestUniqueKeys(t *testing.T) {
	set := make([]uint64, 3) // too small: uniqueKeys grows it
	for _, c := range []struct{ in, want []uint64 }{
		{[]uint64{5, 3, 5, 0, 9, 3, 0, 1 << 63}, []uint64{5, 3, 0, 9, 1 << 63}},
		{nil, nil},
		{[]uint64{7, 7, 7}, []uint64{7}},
	} {
		var got []uint64
		got, set = uniqueKeys(slices.Clone(c.in), set)
		if !slices.Equal(got, c.want) {
			t.Errorf("uniqueKeys(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
