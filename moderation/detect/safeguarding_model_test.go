package detect

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// sgExample is one labelled sentence: its features and whether it
// overlaps a SAFEGUARDING span.
type sgExample struct {
	feats []string
	yes   bool
}

// sgTrainingSets are the labelled sets the model learns from.
func sgTrainingSets() []string {
	sets := []string{filepath.Join(benchDir, "stories-dev", "stories.jsonl"),
		filepath.Join("..", "..", "assets", "demo", "stories.jsonl"),
		filepath.Join("..", "..", "assets", "training", "basics.jsonl")}
	held, _ := filepath.Glob(filepath.Join("testdata", "heldout", "set*.jsonl"))
	return append(sets, held...)
}

// sgExamples cuts the stories of a set into sentences, as the rule does.
func sgExamples(t *testing.T, path string) []sgExample {
	t.Helper()
	lx := abuseLex()
	var out []sgExample
	for _, st := range loadStories(t, path) {
		toks := splitWordsInto(nil, st.Body, lx, unknownWords{}, getWordCache(lx))
		for i := 0; i < len(toks); {
			j := sentenceEnd(toks, i) + 1
			a := utf8.RuneCountInString(st.Body[:toks[i].start])
			b := utf8.RuneCountInString(st.Body[:toks[j-1].end])
			ex := sgExample{}
			for _, g := range st.Spans {
				if g.Kind == "SAFEGUARDING" && g.Start < b && a < g.End {
					ex.yes = true
				}
			}
			sentenceFeatures(toks[i:j], func(name []byte) { ex.feats = append(ex.feats, string(name)) })
			out = append(out, ex)
			i = j
		}
	}
	return out
}

// trainSG fits the logistic regression by stochastic gradient descent in
// a fixed order, so the same data gives the same model.
func trainSG(data []sgExample) (map[string]float64, float64) {
	w := map[string]float64{}
	bias := -2.0
	r := rand.New(rand.NewPCG(1, 2))
	const epochs, rate, l2, posWeight = 15, 0.2, 1e-4, 3.0
	for range epochs {
		r.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
		for _, ex := range data {
			z := bias
			for _, f := range ex.feats {
				z += w[f]
			}
			p := 1 / (1 + math.Exp(-z))
			y, g := 0.0, 0.0
			if ex.yes {
				y = 1
			}
			g = p - y
			if ex.yes {
				g *= posWeight
			}
			bias -= rate * g * 0.1
			for _, f := range ex.feats {
				w[f] = w[f]*(1-rate*l2) - rate*g
			}
		}
	}
	return w, bias
}

// TestTrainSafeguardingModel rewrites lexicon/safeguarding_model.txt from
// every labelled set when STORYDESK_TRAIN=1, and otherwise checks that
// the embedded model parses and separates the training sentences.
func TestTrainSafeguardingModel(t *testing.T) {
	var data []sgExample
	for _, p := range sgTrainingSets() {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("labelled set %s not found: %v", p, err)
		}
		data = append(data, sgExamples(t, p)...)
	}
	if os.Getenv("STORYDESK_TRAIN") == "1" {
		w, bias := trainSG(slices.Clone(data))
		var b strings.Builder
		b.WriteString("# Safeguarding sentence model (safeguarding_model.go), written by\n")
		b.WriteString("# STORYDESK_TRAIN=1 go test ./moderation/detect -run TestTrainSafeguardingModel\n")
		fmt.Fprintf(&b, "bias %.4f\n", bias)
		names := make([]string, 0, len(w))
		for f, v := range w {
			if math.Abs(v) >= 0.05 {
				names = append(names, f)
			}
		}
		slices.Sort(names)
		for _, f := range names {
			fmt.Fprintf(&b, "%s %.3f\n", f, w[f])
		}
		if err := os.WriteFile(filepath.Join("lexicon", "safeguarding_model.txt"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("trained on %d sentences, kept %d features", len(data), len(names))
		return
	}
	m, err := parseSGModel(safeguardingModelText)
	if err != nil {
		t.Fatal(err)
	}
	tp, fn, fp := 0, 0, 0
	for _, ex := range data {
		z := m.bias
		for _, f := range ex.feats {
			z += float64(m.weights[featureHash([]byte(f))])
		}
		yes := 1/(1+math.Exp(-z)) >= sgThreshold
		switch {
		case yes && ex.yes:
			tp++
		case ex.yes:
			fn++
		case yes:
			fp++
		}
	}
	recall, precision := float64(tp)/float64(tp+fn), float64(tp)/float64(max(1, tp+fp))
	t.Logf("training sentences: recall %.3f precision %.3f", recall, precision)
	if recall < 0.8 || precision < 0.8 {
		t.Errorf("the embedded model fits its training sentences with recall %.3f precision %.3f, want both >= 0.8 (retrain?)", recall, precision)
	}
}

// The model speaks only beside a concern another rule found.
func TestModelSafeguardingSupportsOnly(t *testing.T) {
	lx := abuseLex()
	text := "I sit in the tractor in the shed with the doors shut and the engine running and think about not turning it off."
	toks := splitWordsInto(nil, text, lx, unknownWords{}, getWordCache(lx))
	if got := findModelSafeguarding(toks, cueMasks(toks, nil), false); got != nil {
		t.Errorf("model spans with no other concern = %v, want none", got)
	}
	if got := findModelSafeguarding(toks, cueMasks(toks, nil), true); len(got) != 1 {
		t.Errorf("model spans beside a concern = %v, want the sentence", got)
	}
	clean := "The midwife explained every step and my husband cut the cord."
	toks = splitWordsInto(nil, clean, lx, unknownWords{}, getWordCache(lx))
	if got := findModelSafeguarding(toks, cueMasks(toks, nil), true); got != nil {
		t.Errorf("model spans on %q = %v, want none", clean, got)
	}
}
