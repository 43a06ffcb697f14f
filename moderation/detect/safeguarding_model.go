package detect

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/storydesk/storydesk/moderation"
)

// The rules catch the wordings someone wrote a rule for; the labelled
// stories in testdata/heldout showed that people describe harm in more
// ways than that. This third safeguarding rule is a small logistic
// regression over a sentence's word stems, stem pairs and the weighed
// rule's sign families, trained on every labelled story we have
// (TestTrainSafeguardingModel writes lexicon/safeguarding_model.txt). See
// findModelSafeguarding for when it flags.

//go:embed lexicon/safeguarding_model.txt
var safeguardingModelText string

// sgModel is the trained model: a bias and a weight per hashed feature.
type sgModel struct {
	bias  float64
	table weightTable
}

// weightTable holds a model's weights by feature hash, open-addressed: the
// model is read for every sentence with a sign of harm, and this is
// several times cheaper than a map lookup.
type weightTable struct {
	keys []uint64 // 0: empty
	vals []float32
	mask uint64
}

func newWeightTable(w map[uint64]float32) weightTable {
	n := 16
	for n < 2*len(w) {
		n *= 2
	}
	t := weightTable{keys: make([]uint64, n), vals: make([]float32, n), mask: uint64(n - 1)}
	for k, v := range w {
		if k == 0 {
			continue // no feature name hashes to 0 in practice; it would read as empty
		}
		i := (k ^ k>>29) & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.vals[i] = k, v
	}
	return t
}

func (t *weightTable) get(k uint64) float64 {
	for i := (k ^ k>>29) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return float64(t.vals[i])
		case 0:
			return 0
		}
	}
}

// sgThreshold is the probability above which a sentence is flagged
// beside another concern.
const sgThreshold = 0.6

// sgCfg is how the model is used; tests swap it to compare settings.
var sgCfg = struct {
	model func() *sgModel
	alone float64 // flag a sentence with no other concern above this (0: never)
}{model: loadSGModel, alone: 0.8}

var loadSGModel = sync.OnceValue(func() *sgModel {
	m, err := parseSGModel(safeguardingModelText)
	if err != nil {
		panic(err) // the embedded file is part of the build
	}
	return m
})

// parseSGModel reads "bias B" and then "feature weight" lines.
func parseSGModel(text string) (*sgModel, error) {
	m := &sgModel{}
	weights := map[uint64]float32{}
	n := 0
	for line := range strings.Lines(text) {
		n++
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			return nil, fmt.Errorf("safeguarding_model.txt line %d: want \"feature weight\"", n)
		}
		w, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			return nil, fmt.Errorf("safeguarding_model.txt line %d: weight: %v", n, err)
		}
		if line[:i] == "bias" {
			m.bias = w
			continue
		}
		weights[featureHash([]byte(line[:i]))] = float32(w)
	}
	m.table = newWeightTable(weights)
	return m, nil
}

// sgStem cuts a common ending off a word, so "bruises" and "bruised" are
// one feature: the first of 's, ing, ed, es and s that leaves three
// bytes or more.
func sgStem(w string) string {
	n := len(w)
	if n < 4 {
		return w
	}
	switch w[n-1] {
	case 's':
		if w[n-2] == '\'' && n >= 5 {
			return w[:n-2]
		}
		if w[n-2] == 'e' && n >= 5 {
			return w[:n-2]
		}
		return w[:n-1]
	case 'g':
		if n >= 6 && w[n-3:] == "ing" {
			return w[:n-3]
		}
	case 'd':
		if n >= 5 && w[n-2] == 'e' {
			return w[:n-2]
		}
	}
	return w
}

// featureHash is FNV-1a of a feature name ("u:bruis", "b:left_alone").
func featureHash(s []byte) uint64 {
	return fnvAdd(fnvOffset, string(s))
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

// fnvAdd continues an FNV-1a hash with the bytes of s.
func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

var hashU, hashB, hashS = fnvAdd(fnvOffset, "u:"), fnvAdd(fnvOffset, "b:"), fnvAdd(fnvOffset, "s:")

// sentenceFeatures calls f with the name of each feature of a sentence:
// its word stems ("u:"), pairs of neighbouring stems ("b:"), pairs of
// stems one word apart ("s:", so "hit_her" also reads "hit him and her"
// and "left_alone" reads "left me alone"; cross-validation found 17 more
// stories in 851 with no more flags on clean ones), and the
// weighed rule's sign families, what explains them away and its reading of
// the writer's risk ("k:", "f:", "r:", from the sentence's tally t). The
// name is only valid during the call.
func sentenceFeatures(toks []wtok, t *cueTally, f func(name []byte)) {
	var arr [128]byte
	buf := signFeatures(arr[:0], t, f)
	prev, prev2 := "", ""
	for _, t := range toks {
		s := sgStem(t.norm)
		buf = append(append(buf[:0], "u:"...), s...)
		f(buf)
		if prev != "" {
			buf = append(append(append(append(buf[:0], "b:"...), prev...), '_'), s...)
			f(buf)
		}
		if prev2 != "" && s != "" {
			buf = append(append(append(append(buf[:0], "s:"...), prev2...), '_'), s...)
			f(buf)
		}
		prev, prev2 = s, prev
	}
}

// signFeatures calls f with the sign features of sentenceFeatures, using
// buf for their names, and returns buf.
func signFeatures(buf []byte, t *cueTally, f func(name []byte)) []byte {
	for k, w := range t.w {
		if w > 0 {
			buf = append(append(buf[:0], "k:"...), byte('a'+k))
			f(buf)
			f(append(buf, '=', byte('0'+min(w, 4))))
		}
	}
	for i, on := range []bool{t.past, t.clinical, t.surgical, t.accident, t.refused, t.consent, t.treatment, t.againstWriter, harmToOther(t)} {
		if on {
			f(append(append(buf[:0], "f:"...), byte('a'+i)))
		}
	}
	if r := selfRisk(t); r > 0 {
		f(append(append(buf[:0], "r:"...), byte('0'+r)))
	}
	return buf
}

// probability returns the model's probability that a sentence is a
// safeguarding concern. It adds the same weights as sentenceFeatures would
// name, hashing the word features as it goes instead of spelling them out.
func (m *sgModel) probability(toks []wtok, t *cueTally) float64 {
	z := m.bias
	var arr [16]byte
	signFeatures(arr[:0], t, func(name []byte) { z += m.table.get(featureHash(name)) })
	var pair uint64 // the hash of "b:" + the previous stem + "_"
	prev2, prev := "", ""
	for _, tk := range toks {
		s := sgStem(tk.norm)
		z += m.table.get(fnvAdd(hashU, s))
		if pair != 0 {
			z += m.table.get(fnvAdd(pair, s))
		}
		if prev2 != "" && s != "" {
			z += m.table.get(fnvAdd(fnvAdd(fnvAdd(hashS, prev2), "_"), s))
		}
		pair = 0
		if s != "" {
			pair = fnvAdd(fnvAdd(hashB, s), "_")
		}
		prev2, prev = prev, s
	}
	return 1 / (1 + math.Exp(-z))
}

// findModelSafeguarding flags the sentences the model is confident
// about. Beside a concern another rule found (flagged), a probability of
// sgThreshold is enough: a bag of words cannot tell "grabbed her arm to
// stop her falling" from abuse, but beside a concern it finds the other
// sentences that tell of it. On its own the model must be surer
// (sgCfg.alone), and its span says that no rule matched; such a sentence
// is then a concern beside which the others need only sgThreshold (a
// concern is told in several sentences; cross-validation: span recall
// 0.772 to 0.785, one more flag on 560 clean stories).
//
// The model reads every sentence (tallies from findCueSafeguarding). It
// once read only those with a word the weighed rule counts as a sign of
// harm, which was cheaper but missed quiet sentences ("I lie there and
// hope I won't have to get up again"): reading all found 4 more stories in
// 851 and 0.016 more span recall.
func findModelSafeguarding(toks []wtok, tallies []sentenceTally, flagged bool) []moderation.Span {
	if !flagged && sgCfg.alone == 0 {
		return nil
	}
	m := sgCfg.model()
	probs := make([]float64, len(tallies))
	sure := false // a sentence the model flags on its own
	for k := range tallies {
		if st := &tallies[k]; st.j-st.i >= 4 {
			probs[k] = m.probability(toks[st.i:st.j], &st.t)
			sure = sure || (sgCfg.alone > 0 && probs[k] >= sgCfg.alone)
		}
	}
	if !flagged && !sure {
		return nil
	}
	var out []moderation.Span
	for k, p := range probs {
		conf, reason := 0.55, "possible safeguarding concern (reads like the concerns in our labelled stories)"
		switch {
		case !flagged && p >= sgCfg.alone:
			conf, reason = 0.5, "possible safeguarding concern: no rule matched, but it reads like the concerns in our labelled stories"
		case p < sgThreshold:
			continue
		}
		st := &tallies[k]
		s, e := statement(toks, st.i, st.j-1)
		out = append(out, moderation.Span{Start: toks[s].start, End: toks[e].end,
			Kind: moderation.Safeguarding, Confidence: conf, Reason: reason})
	}
	return out
}
