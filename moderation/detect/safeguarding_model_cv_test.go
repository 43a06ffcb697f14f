package detect

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// TestSafeguardingModelCV is an experiment, run by hand with
// STORYDESK_CV=1: for each labelled set in testdata/heldout it trains the
// sentence model on every other set, runs the engine on the set with the
// model used in several ways, and logs the safeguarding figures. It shows
// how the model does on sentences it was not trained on (the rules
// themselves were tuned on these sets, so the rules' share is flattered).
// STORYDESK_CV_FOLDS=K holds out the held-out sets and stories-dev in K
// folds instead (the training sets only train): five folds take two
// minutes, against half an hour for every set in turn.
func TestSafeguardingModelCV(t *testing.T) {
	if os.Getenv("STORYDESK_CV") != "1" {
		t.Skip("an experiment: STORYDESK_CV=1 runs it")
	}
	saved := sgCfg
	defer func() { sgCfg = saved }()
	savedHyper := sgHyper
	defer func() { sgHyper = savedHyper }()
	if v, err := strconv.ParseFloat(os.Getenv("STORYDESK_CV_POS"), 64); err == nil {
		sgHyper.posWeight = v
	}
	if v, err := strconv.ParseFloat(os.Getenv("STORYDESK_CV_L2"), 64); err == nil {
		sgHyper.l2 = v
	}
	if v, err := strconv.Atoi(os.Getenv("STORYDESK_CV_EPOCHS")); err == nil {
		sgHyper.epochs = v
	}
	var misses map[[2]int]int // by probability bucket and whether the story was flagged
	if os.Getenv("STORYDESK_CV_MISSES") != "" {
		misses = map[[2]int]int{}
	}
	sets := sgTrainingSets()
	examples := map[string][]sgExample{}
	for _, p := range sets {
		examples[p] = sgExamples(t, p)
	}
	settings := []cvSetting{
		{"rules only", -1, sgBeside, sgNear},
		{"beside a concern", 0, sgBeside, sgNear},
		{"alone>=0.8", 0.8, sgBeside, sgNear},
		{"alone>=0.85", 0.85, sgBeside, sgNear},
		{"alone>=0.9", 0.9, sgBeside, sgNear},
		{"alone>=0.95", 0.95, sgBeside, sgNear},
		{"beside>=0.5", 0.8, 0.5, sgNear},
		{"beside>=0.4", 0.8, 0.4, sgNear},
		{"beside>=0.3", 0.8, 0.3, sgNear},
		{"beside>=0.2", 0.8, 0.2, sgNear},
		{"beside>=0.1", 0.8, 0.1, sgNear},
		{"beside>=0.02", 0.8, 0.02, sgNear},
		{"no near", 0.8, sgBeside, 0},
		{"near>=0.02", 0.8, sgBeside, 0.02},
		{"near>=0.01", 0.8, sgBeside, 0.01},
		{"near>=0.002", 0.8, sgBeside, 0.002},
	}

	totals := make([]cvTally, len(settings))
	minW := sgMinWeight
	if v, err := strconv.ParseFloat(os.Getenv("STORYDESK_CV_MINW"), 64); err == nil {
		minW = v // STORYDESK_CV_MINW: the smallest weight the model keeps
	}
	folds, _ := strconv.Atoi(os.Getenv("STORYDESK_CV_FOLDS"))
	var groups [][]string // the sets held out together
	n := 0                // sets put in folds
	for _, p := range sets {
		switch d := filepath.Base(filepath.Dir(p)); {
		case folds > 0 && (d == "heldout" || d == "stories-dev"):
			if n < folds {
				groups = append(groups, nil)
			}
			groups[n%folds] = append(groups[n%folds], p)
			n++
		case folds == 0 && slices.Contains([]string{"heldout", "stories-dev", "train"}, d):
			groups = append(groups, []string{p})
		} // the demo queue and training pack only train
	}
	for _, group := range groups {
		train := sgCaseExamples()
		for _, p := range sets {
			if !slices.Contains(group, p) {
				train = append(train, examples[p]...)
			}
		}
		m := fitModel(train, minW)
		for _, held := range group {
			cvScoreSet(t, held, m, settings, totals, misses)
		}
	}
	if misses != nil {
		for b := range 5 {
			t.Logf("missed spans with the model's best sentence p in [%.1f, %.1f): %d in stories with another concern flagged, %d in stories with none",
				float64(b)/5, float64(b+1)/5, misses[[2]int{b, 1}], misses[[2]int{b, 0}])
		}
	}
	for k, st := range settings {
		tl := totals[k]
		t.Logf("ALL %-18s R=%.3f P=%.3f stories %d/%d, flags on clean %d, on other stories %d",
			st.name, float64(tl.found)/float64(max(1, tl.gold)), float64(tl.right)/float64(max(1, tl.pred)),
			tl.storiesHit, tl.storiesSG, tl.cleanSG, tl.otherSG)
	}
}

// cvScoreSet scores the engine with model m on the labelled set held under
// each setting, logs the figures and adds them to totals (and the missed
// spans to misses, when not nil).
func cvScoreSet(t *testing.T, held string, m *sgModel, settings []cvSetting, totals []cvTally, misses map[[2]int]int) {
	stories := loadStories(t, held)
	for k, st := range settings {
		sgCfg.model = func() *sgModel { return m }
		sgCfg.alone, sgCfg.beside, sgCfg.near = max(st.alone, 0), st.beside, st.near
		if st.alone < 0 {
			sgCfg.model = func() *sgModel { return newSGModel(-100, nil) }
		}
		e := New()
		var tl cvTally
		for _, s := range stories {
			var gold, pred [][2]int
			for _, g := range s.Spans {
				if g.Kind == "SAFEGUARDING" {
					gold = append(gold, [2]int{g.Start, g.End})
				}
			}
			for _, p := range e.Detect(s.Body) {
				if p.Kind == moderation.Safeguarding {
					a, b := runeSpan(s.Body, p)
					pred = append(pred, [2]int{a, b})
				}
			}
			over := func(x [2]int, ys [][2]int) bool {
				return slices.ContainsFunc(ys, func(y [2]int) bool { return x[0] < y[1] && y[0] < x[1] })
			}
			for _, g := range gold {
				tl.gold++
				if over(g, pred) {
					tl.found++
				} else if misses != nil && st.name == "alone>=0.8" {
					p := 0.0
					for _, sp := range sentenceProbs(m, s.Body) {
						if sp.a < g[1] && g[0] < sp.b {
							p = max(p, sp.p)
						}
					}
					misses[[2]int{min(int(p*5), 4), boolInt(len(pred) > 0)}]++
					if os.Getenv("STORYDESK_CV_MISSES") == "2" {
						t.Logf("miss p=%.2f flagged=%v %q", p, len(pred) > 0, string([]rune(s.Body)[g[0]:g[1]]))
					}
				}
			}
			for _, p := range pred {
				tl.pred++
				if over(p, gold) {
					tl.right++
				}
			}
			if len(gold) > 0 {
				tl.storiesSG++
				if len(pred) > 0 {
					tl.storiesHit++
				}
			} else if s.Clean {
				tl.cleanSG += len(pred)
			} else {
				tl.otherSG += len(pred)
			}
		}
		t.Logf("%-12s %-18s R=%.3f P=%.3f stories %d/%d, flags on clean %d, on other stories %d",
			filepath.Base(held), st.name, float64(tl.found)/float64(max(1, tl.gold)), float64(tl.right)/float64(max(1, tl.pred)),
			tl.storiesHit, tl.storiesSG, tl.cleanSG, tl.otherSG)
		tt := &totals[k]
		tt.gold, tt.found, tt.pred, tt.right = tt.gold+tl.gold, tt.found+tl.found, tt.pred+tl.pred, tt.right+tl.right
		tt.storiesSG, tt.storiesHit, tt.cleanSG, tt.otherSG = tt.storiesSG+tl.storiesSG, tt.storiesHit+tl.storiesHit, tt.cleanSG+tl.cleanSG, tt.otherSG+tl.otherSG
	}
}

// cvSetting is a way of using the model: alone, beside and near as in
// sgCfg, with alone < 0 for the rules only.
type cvSetting struct {
	name                string
	alone, beside, near float64
}

// cvTally is the safeguarding figures of a setting.
type cvTally struct{ gold, found, pred, right, storiesSG, storiesHit, cleanSG, otherSG int }

type sentenceProb struct {
	a, b int // code points
	p    float64
}

// sentenceProbs is m's probability for each sentence of text.
func sentenceProbs(m *sgModel, text string) []sentenceProb {
	var out []sentenceProb
	eachSentence(text, func(a, b int, toks []wtok, t *cueTally) {
		out = append(out, sentenceProb{a, b, m.probability(toks, t)})
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
