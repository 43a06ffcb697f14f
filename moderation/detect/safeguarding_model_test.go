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

	"github.com/storydesk/storydesk/moderation"
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
	train, _ := filepath.Glob(filepath.Join("testdata", "train", "*.jsonl"))
	sets = append(append(sets, held...), train...)
	// STORYDESK_TRAIN_SKIP lists sets to leave out (base names without
	// .jsonl, comma-separated), for choosing what the model learns from.
	skip := strings.Split(os.Getenv("STORYDESK_TRAIN_SKIP"), ",")
	return slices.DeleteFunc(sets, func(p string) bool {
		return slices.Contains(skip, strings.TrimSuffix(filepath.Base(p), ".jsonl"))
	})
}

// sgExamples cuts the stories of a set into sentences, as the rule does.
func sgExamples(t *testing.T, path string) []sgExample {
	return examplesOf(t, path, "SAFEGUARDING")
}

// examplesOf cuts the stories of a set into sentences, as the rules do,
// each labelled by whether it overlaps a gold span of one of kinds.
func examplesOf(t *testing.T, path string, kinds ...string) []sgExample {
	t.Helper()
	var out []sgExample
	for _, st := range loadStories(t, path) {
		out = sentenceExamples(out, st.Body, func(a, b int) bool {
			for _, g := range st.Spans {
				if slices.Contains(kinds, g.Kind) && g.Start < b && a < g.End {
					return true
				}
			}
			return false
		})
	}
	return out
}

// sgCaseExamples are the sentences of the safeguarding rules' table tests:
// their hard negatives ("I won't be here tomorrow as I'm being
// discharged") teach the model as much as their positives.
func sgCaseExamples() []sgExample {
	var out []sgExample
	for _, c := range safeguardingClassCases {
		out = sentenceExamples(out, c.text, within(c.text, c.want))
	}
	for _, c := range safeguardingCases {
		out = sentenceExamples(out, c.text, within(c.text, c.want))
	}
	for _, c := range cueSafeguardingCases {
		out = sentenceExamples(out, c.text, func(int, int) bool { return c.want })
	}
	return out
}

// abuseCaseExamples are the sentences of the insult and threat rules'
// table tests, whose hard negatives ("He had a smug grin on his face")
// the labelled sets hold too few of.
func abuseCaseExamples() []sgExample {
	var out []sgExample
	for _, cases := range [][]struct {
		name, text string
		want       []string
	}{insultCases, moreInsultCases, modifiedInsultCases, threatFormCases, threatCases} {
		for _, c := range cases {
			out = sentenceExamples(out, c.text, within(c.text, c.want))
		}
	}
	for _, c := range cueThreatCases {
		out = sentenceExamples(out, c.text, func(int, int) bool { return c.want })
	}
	for _, c := range slurCases {
		out = sentenceExamples(out, c.text, within(c.text, c.want))
	}
	return out
}

// threatCaseExamples are the sentences of the threat rules' table tests.
func threatCaseExamples() []sgExample {
	var out []sgExample
	for _, cases := range [][]struct {
		name, text string
		want       []string
	}{threatFormCases, threatCases} {
		for _, c := range cases {
			out = sentenceExamples(out, c.text, within(c.text, c.want))
		}
	}
	for _, c := range cueThreatCases {
		out = sentenceExamples(out, c.text, func(int, int) bool { return c.want })
	}
	return out
}

// within reports whether a code-point range of text overlaps one of want.
func within(text string, want []string) func(a, b int) bool {
	return func(a, b int) bool {
		return slices.ContainsFunc(want, func(w string) bool {
			i := strings.Index(text, w)
			if i < 0 {
				return false
			}
			s := utf8.RuneCountInString(text[:i])
			return s < b && a < s+utf8.RuneCountInString(w)
		})
	}
}

// sentenceExamples appends the sentences of text, each labelled by
// whether yes holds for its code-point range.
func sentenceExamples(out []sgExample, text string, yes func(a, b int) bool) []sgExample {
	eachSentence(text, func(a, b int, toks []wtok, t *cueTally) {
		ex := sgExample{yes: yes(a, b)}
		sentenceFeatures(toks, t, func(name []byte) { ex.feats = append(ex.feats, string(name)) })
		out = append(out, ex)
	})
	return out
}

// eachSentence calls f with each sentence of text as the engine cuts it:
// its code-point range [a, b), its tokens and the weighed rule's tally.
func eachSentence(text string, f func(a, b int, toks []wtok, t *cueTally)) {
	lx := abuseLex()
	toks := splitWordsInto(nil, text, lx, unknownWords{}, getWordCache(lx))
	masks := cueMasks(toks, nil)
	for i := 0; i < len(toks); {
		j := sentenceEnd(toks, i) + 1
		t := tallySentence(toks[i:j], masks[i:j])
		f(utf8.RuneCountInString(text[:toks[i].start]), utf8.RuneCountInString(text[:toks[j-1].end]), toks[i:j], &t)
		i = j
	}
}

// sgMinWeight is the smallest weight a trained model keeps; smaller ones
// change no probability that matters and would only grow the file.
const sgMinWeight = 0.05

// abuseMinWeight is the abuse and threat models' sgMinWeight. Their table
// is read for every sentence beside the safeguarding model's, and a
// smaller one misses the cache less: at 0.3 the abuse model keeps 17,000
// of 61,000 features and held out by set (TestAbuseModelCV) finds as much
// (abuse recall 0.835 against 0.832, precision 0.973 against 0.977, no
// more clean flags); at 0.5 it flags 4 more clean stories.
const abuseMinWeight = 0.3

// sgHyper are the training settings (TestSafeguardingModelCV tries others).
var sgHyper = struct {
	epochs              int
	rate, l2, posWeight float64
}{15, 0.2, 1e-4, 3.0}

// trainSG fits the logistic regression by stochastic gradient descent in
// a fixed order, so the same data gives the same model.
func trainSG(data []sgExample) (map[string]float64, float64) {
	return fitLogistic(data, logisticFit{
		epochs: sgHyper.epochs, rate: sgHyper.rate, l2: sgHyper.l2, posWeight: sgHyper.posWeight,
		bias: -2, biasRate: 0.1, seed: [2]uint64{1, 2},
	})
}

// logisticFit are the settings of fitLogistic: passes, learning rate, L2
// decay, the weight of a positive example's gradient, the starting bias,
// the bias's share of the rate and the shuffle's seed.
type logisticFit struct {
	epochs              int
	rate, l2, posWeight float64
	bias, biasRate      float64
	seed                [2]uint64
}

// fitLogistic fits a logistic regression over examples' binary features
// by stochastic gradient descent, shuffling them (in place) before each
// pass in an order fixed by the seed.
func fitLogistic(data []sgExample, c logisticFit) (map[string]float64, float64) {
	w := map[string]float64{}
	bias := c.bias
	r := rand.New(rand.NewPCG(c.seed[0], c.seed[1]))
	for range c.epochs {
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
				g *= c.posWeight
			}
			bias -= c.rate * g * c.biasRate
			for _, f := range ex.feats {
				w[f] = w[f]*(1-c.rate*c.l2) - c.rate*g
			}
		}
	}
	return w, bias
}

// abuseDenseSets are left out of the safeguarding model's training when
// it is retrained: their many angry sentences with no concern in them
// pulled it towards silence. The shipped model is still the one trained
// through set31 (377d60a): in the seventh session a model trained on
// sets 1-48 without these sets scored better on sets 45-48 and 51 (as the
// README of testdata/heldout tells) but lost spans on sets 52-54, so over
// the eight sets neither model had seen, the set31 model has the higher
// mean recall (0.905 against 0.895) and the other the higher precision
// (0.786 against 0.766); recall is the target, so it stays.
var abuseDenseSets = []string{"set32", "set35", "set37"}

// fitModel trains a sentence model on data, keeping the weights of at
// least minW, as trainOrCheck writes them, for the cross-validation tests.
func fitModel(data []sgExample, minW float64) *sgModel {
	w, bias := trainSG(slices.Clone(data))
	weights := map[string]float32{}
	for f, v := range w {
		if math.Abs(v) >= minW {
			weights[f] = float32(v)
		}
	}
	return newSGModel(bias, weights)
}

// TestTrainSafeguardingModel rewrites lexicon/safeguarding_model.txt from
// every labelled set but abuseDenseSets when STORYDESK_TRAIN=1, and otherwise checks that
// the embedded model parses and separates the training sentences.
func TestTrainSafeguardingModel(t *testing.T) {
	trainOrCheck(t, "safeguarding_model.txt", "Safeguarding sentence model (safeguarding_model.go)",
		sgCaseExamples(), safeguardingModelText, abuseDenseSets, sgMinWeight, "SAFEGUARDING")
}

// TestTrainAbuseModel does the same for lexicon/abuse_model.txt, whose
// sentences are those overlapping an ABUSE, PROFANITY or THREAT span.
func TestTrainAbuseModel(t *testing.T) {
	trainOrCheck(t, "abuse_model.txt", "Abuse sentence model (abuse_model.go)",
		abuseCaseExamples(), abuseModelText, nil, abuseMinWeight, "ABUSE", "PROFANITY", "THREAT")
}

// TestTrainThreatModel does the same for lexicon/threat_model.txt, which
// tells which of the abuse model's sentences are threats.
func TestTrainThreatModel(t *testing.T) {
	trainOrCheck(t, "threat_model.txt", "Threat sentence model (abuse_model.go)",
		threatCaseExamples(), threatModelText, nil, abuseMinWeight, "THREAT")
}

// trainOrCheck trains a sentence model on the sentences of every labelled
// set (labelled by kinds) and extra, and writes it to lexicon/file when
// STORYDESK_TRAIN=1 (only the models named in STORYDESK_TRAIN_ONLY, if
// set); otherwise it checks that the embedded model parses and separates
// the training sentences.
func trainOrCheck(t *testing.T, file, title string, extra []sgExample, embedded string, skip []string, minW float64, kinds ...string) {
	var data []sgExample
	for _, p := range sgTrainingSets() {
		if slices.Contains(skip, strings.TrimSuffix(filepath.Base(p), ".jsonl")) {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			t.Skipf("labelled set %s not found: %v", p, err)
		}
		data = append(data, examplesOf(t, p, kinds...)...)
	}
	data = append(data, extra...)
	if os.Getenv("STORYDESK_TRAIN") == "1" {
		if only := os.Getenv("STORYDESK_TRAIN_ONLY"); only != "" && only != file {
			t.Skipf("STORYDESK_TRAIN_ONLY=%s", only)
		}
		w, bias := trainSG(slices.Clone(data))
		var b strings.Builder
		fmt.Fprintf(&b, "# %s, written by\n", title)
		b.WriteString("# STORYDESK_TRAIN=1 go test ./moderation/detect -run TestTrain\n")
		fmt.Fprintf(&b, "bias %.4f\n", bias)
		names := make([]string, 0, len(w))
		for f, v := range w {
			if math.Abs(v) >= minW {
				names = append(names, f)
			}
		}
		slices.Sort(names)
		for _, f := range names {
			fmt.Fprintf(&b, "%s %.3f\n", f, w[f])
		}
		if err := os.WriteFile(filepath.Join("lexicon", file), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("trained on %d sentences, kept %d features", len(data), len(names))
		return
	}
	m, err := parseSGModel(file, embedded)
	if err != nil {
		t.Fatal(err)
	}
	tp, fn, fp := 0, 0, 0
	for _, ex := range data {
		z := m.bias
		for _, f := range ex.feats {
			z += m.weight(f)
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
		t.Errorf("the embedded %s fits its training sentences with recall %.3f precision %.3f, want both >= 0.8 (retrain?)", file, recall, precision)
	}
}

// Beside a concern another rule found the model needs sgCfg.beside (below
// sgThreshold the span says it may be part of the concern); on its own it
// needs sgCfg.alone, says so in its reason, and is off when that is 0. A
// plain sentence is flagged in neither case.
func TestModelSafeguarding(t *testing.T) {
	lx := abuseLex()
	find := func(text string, flagged bool) []moderation.Span {
		toks := splitWordsInto(nil, text, lx, unknownWords{}, getWordCache(lx))
		var tallies []sentenceTally
		findCueSafeguarding(toks, cueMasks(toks, nil), false, &tallies)
		out, _ := findModelSafeguarding(toks, tallies, nil, flagged, false, nil)
		return out
	}
	risk := "I sit in the tractor in the shed with the doors shut and the engine running and think about not turning it off."
	if got := find(risk, true); len(got) != 1 {
		t.Errorf("model spans beside a concern = %v, want the sentence", got)
	}
	if got := find(risk, false); len(got) != 1 || !strings.Contains(got[0].Reason, "no rule matched") {
		t.Errorf("model spans on its own = %v, want the sentence, saying no rule matched", got)
	}
	saved := sgCfg
	defer func() { sgCfg = saved }()
	sgCfg.alone = 0
	if got := find(risk, false); got != nil {
		t.Errorf("model spans on its own with sgCfg.alone = 0: %v, want none", got)
	}
	sgCfg = saved
	// a plain fact that tells of a concern only beside it (p about 0.08
	// with the model trained on sets through 255; a retrained model may
	// need another sentence between sgCfg.beside and sgThreshold)
	fact := "The baby next door cries all night."
	if got := find(fact, true); len(got) != 1 || got[0].Confidence >= 0.5 || !strings.Contains(got[0].Reason, "may be part of") {
		t.Errorf("model spans on %q beside a concern = %v, want the sentence with a low confidence, saying it may be part of the concern", fact, got)
	}
	if got := find(fact, false); got != nil {
		t.Errorf("model spans on %q on its own = %v, want none", fact, got)
	}
	for _, clean := range []string{"The midwife explained every step and my husband cut the cord.", "We had fish and chips on the pier afterwards."} {
		for _, flagged := range []bool{true, false} {
			if got := find(clean, flagged); got != nil {
				t.Errorf("model spans on %q (beside a concern: %v) = %v, want none", clean, flagged, got)
			}
		}
	}
}

// Next to a sentence the model flags beside a concern, a sentence needs
// only sgCfg.near: a plain fact that tells part of the concern ("her
// drink was still on the side", p about 0.014) is flagged with the
// lowest confidence, saying why. Away from the concern, or with near off,
// it is not; and a plain sentence next to the concern stays clean.
func TestModelSafeguardingNear(t *testing.T) {
	const (
		concern = "The carers have left Mum in a wet pad all day twice this week."
		fact    = "Her drink was still on the side when I got there."
		plain   = "We had a lovely chat about the garden."
	)
	flags := func(text string) map[string]moderation.Span {
		got := map[string]moderation.Span{}
		for _, s := range New().Detect(text) {
			if s.Kind == moderation.Safeguarding {
				got[strings.TrimSuffix(text[s.Start:s.End], ".")+"."] = s
			}
		}
		return got
	}
	got := flags(concern + " " + fact + " " + plain)
	if _, ok := got[concern]; !ok {
		t.Fatalf("the concern itself is not flagged: %v", got)
	}
	if s, ok := got[fact]; !ok || s.Confidence >= 0.35 || !strings.Contains(s.Reason, "next to") {
		t.Errorf("the fact next to the concern: %v, want it flagged below 0.35, saying it is next to the concern", got)
	}
	if _, ok := got[plain]; ok {
		t.Errorf("the plain sentence next to the fact is flagged: %v", got)
	}
	if got := flags(concern + " " + plain + " " + fact); len(got) != 1 {
		t.Errorf("the fact two sentences from the concern: %v, want only the concern flagged", got)
	}
	saved := sgCfg
	defer func() { sgCfg = saved }()
	sgCfg.near = 0
	if got := flags(concern + " " + fact + " " + plain); len(got) != 1 {
		t.Errorf("with sgCfg.near = 0: %v, want only the concern flagged", got)
	}
}

// probability hashes the word features as it goes; it must add the same
// weights as the named features the model was trained on.
func TestModelProbabilityMatchesFeatures(t *testing.T) {
	m := loadSGModel()
	lx := abuseLex()
	for _, p := range sgTrainingSets()[:1] {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("labelled set %s not found: %v", p, err)
		}
		for _, st := range loadStories(t, p) {
			toks := splitWordsInto(nil, st.Body, lx, unknownWords{}, getWordCache(lx))
			masks := cueMasks(toks, nil)
			for i := 0; i < len(toks); {
				j := sentenceEnd(toks, i) + 1
				tl := tallySentence(toks[i:j], masks[i:j])
				z := m.bias
				sentenceFeatures(toks[i:j], &tl, func(name []byte) { z += m.weight(string(name)) })
				want := 1 / (1 + math.Exp(-z))
				if got := m.probability(toks[i:j], &tl); math.Abs(got-want) > 1e-9 {
					t.Fatalf("%s: probability of %q = %v, want %v", st.ID, st.Body[toks[i].start:toks[j-1].end], got, want)
				}
				i = j
			}
		}
	}
}

func TestSGStem(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"bruises", "bruis"}, {"bruised", "bruis"}, {"bruising", "bruis"}, {"mum's", "mum"}, {"it's", "it'"},
		{"goes", "goe"}, {"sees", "see"}, {"king", "king"}, {"sing", "sing"}, {"bed", "bed"}, {"feed", "feed"},
		{"is", "is"}, {"was", "was"}, {"arms", "arm"}, {"red", "red"}, {"hated", "hat"},
	} {
		if got := sgStem(c.in); got != c.want {
			t.Errorf("sgStem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The abuse model flags a sentence no rule holds, as a THREAT when the
// threat model reads it so and as ABUSE otherwise, saying no rule
// matched; a plain sentence is not flagged, and a threshold of 0 turns it
// off.
func TestModelAbuse(t *testing.T) {
	lx := abuseLex()
	find := func(text string) []moderation.Span {
		toks := splitWordsInto(nil, text, lx, unknownWords{}, getWordCache(lx))
		var tallies []sentenceTally
		findCueSafeguarding(toks, cueMasks(toks, nil), false, &tallies)
		return findModelAbuse(nil, toks, tallies, nil)
	}
	tests := []struct {
		text string
		want moderation.Kind // "" for none
	}{
		{"If they cancel one more time someone on that front desk is getting a slap.", moderation.Threat},
		{"The brain-dead receptionist told me to try again tomorrow.", moderation.Abuse},
		{"The midwife explained every step and my husband cut the cord.", ""},
		{"He had a smug grin on his face and a smug air about him.", ""},
		{"Proper angels the lot of them.", ""},
		{"Honestly it's like being kicked in the chest by a mule.", ""},
		{"She called me a tough old bird and I will take that as a compliment.", ""},
		{"Best sleep I've had in a month. Sound, the lot of them.", ""},
		{"The night nurse was an absolute angel and kept me calm at 3am when the monitor kept bleeping.", ""},
	}
	for _, tt := range tests {
		got := find(tt.text)
		switch {
		case tt.want == "" && len(got) != 0:
			t.Errorf("model spans in %q = %v, want none", tt.text, got)
		case tt.want != "" && (len(got) != 1 || got[0].Kind != tt.want || !fromAbuseModel(got[0])):
			t.Errorf("model spans in %q = %v, want one %s saying no rule matched", tt.text, got, tt.want)
		}
	}
	saved := abuseModelThreshold
	defer func() { abuseModelThreshold = saved }()
	abuseModelThreshold = 0
	if got := find(tests[0].text); got != nil {
		t.Errorf("model spans with abuseModelThreshold = 0: %v, want none", got)
	}
}

// timeOn tells the time since an event at the start of a sentence.
func TestTimeOn(t *testing.T) {
	lx := abuseLex()
	for text, want := range map[string]bool{
		"Eight months on I'm down to one pad a day.":      true,
		"A year on from the operation she walks the dog.": true,
		"18 months on, I still think about it.":           true,
		"Two of them came on the ward.":                   false,
		"Eight months of waiting on a list.":              false,
		"He turned the tap on.":                           false,
	} {
		toks := splitWordsInto(nil, text, lx, unknownWords{}, getWordCache(lx))
		if got := timeOn(toks); got != want {
			t.Errorf("timeOn(%q) = %v, want %v", text, got, want)
		}
	}
}
