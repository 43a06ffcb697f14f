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

// sgModel is the trained model: a bias and a weight per feature. The word
// features are kept by key (see sgWordKey and sgPairKey), so that a token
// is weighed from its word's stem hash (vocabInfo.sgHash) without spelling
// or hashing the feature's name; the few sign features are kept in arrays
// by what they count.
type sgModel struct {
	bias  float64
	table weightTable
	kind  [cueKinds]float64    // "k:a": the sentence has a sign of kind a
	kindW [cueKinds][5]float64 // "k:a=2": its signs of kind a weigh 2 (4: 4 or more)
	flag  [9]float64           // "f:a".."f:i": the tally's flags, in signFeatures' order
	risk  [10]float64          // "r:1".."r:9": selfRisk
	signs map[string]float64   // the sign features by name, for weight
	// vocab is set on the default model, whose word weights the
	// vocabulary entries hold (vocabInfo.sgMilli)
	vocab bool
}

// newSGModel returns the model with the given bias and feature weights
// (by feature name).
func newSGModel(bias float64, weights map[string]float32) *sgModel {
	m := &sgModel{bias: bias, signs: map[string]float64{}}
	words := map[uint64]float32{}
	for name, w := range weights {
		kind, rest := name[:min(2, len(name))], name[min(2, len(name)):]
		switch kind {
		case "u:":
			words[sgWordKey(fnvAdd(fnvOffset, rest))] = w
		case "b:", "s:":
			// kind + first stem + "_" + second stem; a stem may hold "_"
			// itself ("@kai_on"), so every cut is a key, as every one
			// spelt the same name
			key := pairKeyOf(kind)
			for i := 0; i < len(rest); i++ {
				if rest[i] == '_' {
					words[key(fnvAdd(fnvOffset, rest[:i]), fnvAdd(fnvOffset, rest[i+1:]))] = w
				}
			}
		default:
			m.signs[name] = float64(w)
		}
	}
	m.table = newWeightTable(words)
	for k := range m.kind {
		m.kind[k] = m.signs["k:"+string(rune('a'+k))]
		for n := range m.kindW[k] {
			m.kindW[k][n] = m.signs["k:"+string(rune('a'+k))+"="+string(rune('0'+n))]
		}
	}
	for i := range m.flag {
		m.flag[i] = m.signs["f:"+string(rune('a'+i))]
	}
	for r := range m.risk {
		m.risk[r] = m.signs["r:"+string(rune('0'+r))]
	}
	return m
}

// sgWordKey is the table key of the feature "u:" + stem, from the stem's
// hash h (fnvAdd of the stem); sgPairKey that of "b:" + a + "_" + b, from
// the two stems' hashes (sgSkipKey: "s:"). Keys of different features
// collide about as often as two 64-bit hashes do.
func sgWordKey(h uint64) uint64 { return (h ^ 0x5bd1e9955bd1e995) * 0x9E3779B97F4A7C15 }

func sgPairKey(a, b uint64) uint64 {
	return (a*0xC2B2AE3D27D4EB4F + b) ^ (a >> 31) ^ (b >> 17)
}

// sgSkipKey is the table key of "s:" + a + "_" + b, stems one word apart.
func sgSkipKey(a, b uint64) uint64 {
	return sgPairKey(a, b)*0xFF51AFD7ED558CCD ^ 0x2545F4914F6CDD1D
}

// pairKeyOf is the key function of a pair feature kind, "b:" or "s:".
func pairKeyOf(kind string) func(a, b uint64) uint64 {
	if kind == "s:" {
		return sgSkipKey
	}
	return sgPairKey
}

// weight returns the weight of the feature called name, as
// sentenceFeatures names them (for tests).
func (m *sgModel) weight(name string) float64 {
	switch {
	case strings.HasPrefix(name, "u:"):
		return m.table.get(sgWordKey(fnvAdd(fnvOffset, name[2:])))
	case strings.HasPrefix(name, "b:") || strings.HasPrefix(name, "s:"):
		rest := name[2:]
		if i := strings.IndexByte(rest, '_'); i >= 0 {
			return m.table.get(pairKeyOf(name[:2])(fnvAdd(fnvOffset, rest[:i]), fnvAdd(fnvOffset, rest[i+1:])))
		}
		return 0
	}
	return m.signs[name]
}

// weightTable holds a model's word weights by key, open-addressed in
// four bytes a slot: a 16-bit print of the key beside the weight in
// thousandths (the model files write weights to three decimals, and none
// reaches 32.767). The model is read for every sentence, three lookups a
// token; the safeguarding model's 80,000 features fit in half a megabyte
// this way, within the core's second-level cache, where 16-byte slots
// took 4 MB and most lookups waited on memory (weightTable.get was a
// fifth of a dev pass).
//
// A print is not the key: a key the model lacks reads the weight of a
// feature whose print it shares in its probe run, about once in 20,000
// lookups of absent keys, a weight of a few tenths on one sentence in
// a few hundred. newWeightTable makes sure that every feature the model
// has reads its own weight.
type weightTable struct {
	slots []uint32 // print<<16 | uint16(weight in thousandths); 0: empty
	mask  uint64
	seed  uint64
}

func newWeightTable(w map[uint64]float32) weightTable {
	n := 16
	for n < 7*len(w)/4 {
		n *= 2
	}
	for seed := uint64(0); ; seed++ {
		if t, ok := fillWeightTable(w, n, seed); ok {
			return t
		}
	}
}

// fillWeightTable lays out the table with the given size and seed; it
// fails when a feature would read another's weight (their prints match
// and one lies in the other's probe run).
func fillWeightTable(w map[uint64]float32, n int, seed uint64) (weightTable, bool) {
	t := weightTable{slots: make([]uint32, n), mask: uint64(n - 1), seed: seed}
	for k, v := range w {
		milli := math.Round(float64(v) * 1000)
		if milli == 0 {
			continue
		}
		if math.Abs(milli) > math.MaxInt16 {
			panic(fmt.Sprintf("detect: model weight %v is out of the weight table's range", v))
		}
		i, print := t.place(k)
		for ; t.slots[i] != 0; i = (i + 1) & t.mask {
			if t.slots[i]>>16 == print {
				return t, false
			}
		}
		t.slots[i] = print<<16 | uint32(uint16(int16(milli)))
	}
	return t, true
}

// place is where key k's probe run starts, and its print (never 0).
func (t *weightTable) place(k uint64) (uint64, uint32) {
	k = (k ^ t.seed) * 0x9E3779B97F4A7C15
	print := uint32(k >> 48)
	if print == 0 {
		print = 1
	}
	return (k ^ k>>29) & t.mask, print
}

// milli is the weight of key k in thousandths (0: not in the model).
func (t *weightTable) milli(k uint64) int32 {
	i, print := t.place(k)
	for ; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		switch s >> 16 {
		case print:
			return int32(int16(uint16(s)))
		case 0:
			return 0
		}
	}
}

func (t *weightTable) get(k uint64) float64 { return float64(t.milli(k)) / 1000 }

// sgThreshold is the probability above which a sentence is flagged
// beside another concern.
const sgThreshold = 0.6

// sgCfg is how the model is used; tests swap it to compare settings.
var sgCfg = struct {
	model func() *sgModel
	alone float64 // flag a sentence with no other concern above this (0: never)
}{model: loadSGModel, alone: 0.8}

var loadSGModel = sync.OnceValue(func() *sgModel {
	m := mustParseModel("safeguarding_model.txt", safeguardingModelText)
	m.vocab = true
	return m
})

// parseSGModel reads "bias B" and then "feature weight" lines; file
// names the text in errors.
func parseSGModel(file, text string) (*sgModel, error) {
	bias := 0.0
	weights := map[string]float32{}
	n := 0
	for line := range strings.Lines(text) {
		n++
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			return nil, fmt.Errorf("%s line %d: want \"feature weight\"", file, n)
		}
		w, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: weight: %v", file, n, err)
		}
		if line[:i] == "bias" {
			bias = w
			continue
		}
		weights[line[:i]] = float32(w)
	}
	return newSGModel(bias, weights), nil
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

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

// fnvAdd continues an FNV-1a hash with the bytes of s.
func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// stemHash is the hash of a word's stem (fnvAdd of sgStem), which the
// model's word features are keyed by.
func stemHash(word string) uint64 { return fnvAdd(fnvOffset, sgStem(word)) }

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
// safeguarding concern. It adds the same weights, in the same order, as
// the features sentenceFeatures names: the sign features from the arrays,
// the word features by their stems' hashes, which a token's vocabulary
// entry holds (vocabInfo.sgHash) when the entry's word is the token's;
// such an entry also holds the weight of the word's own feature in the
// default model (vocabInfo.sgMilli).
func (m *sgModel) probability(toks []wtok, t *cueTally) float64 {
	return logistic(m.signZ(t), m.wordMilli(toks))
}

// logistic is the probability of a sentence whose sign features and bias
// add up to z and whose word features weigh milli thousandths.
func logistic(z float64, milli int32) float64 {
	z += float64(milli) / 1000
	return 1 / (1 + math.Exp(-z))
}

// signZ is the model's bias plus the weights of the sentence's sign
// features (from its tally t).
func (m *sgModel) signZ(t *cueTally) float64 {
	z := m.bias
	for k, w := range t.w {
		if w > 0 {
			z += m.kind[k]
			z += m.kindW[k][min(w, 4)]
		}
	}
	for i, on := range [...]bool{t.past, t.clinical, t.surgical, t.accident, t.refused, t.consent, t.treatment, t.againstWriter, harmToOther(t)} {
		if on {
			z += m.flag[i]
		}
	}
	if r := selfRisk(t); r > 0 {
		z += m.risk[r]
	}
	return z
}

// wordMilli is the weight of a sentence's word features, in thousandths.
func (m *sgModel) wordMilli(toks []wtok) int32 {
	var prev, prev2 uint64 // the stem hashes of the two tokens before
	hasPrev, hasPrev2 := false, false
	var milli int32
	for i := range toks {
		tk := &toks[i]
		var h uint64
		if info := tk.info; info != nil && tk.facts&fExact != 0 {
			h = info.sgHash
			if m.vocab && info.sgWeighed {
				milli += info.sgMilli
			} else {
				milli += m.table.milli(sgWordKey(h))
			}
		} else {
			h = stemHash(tk.norm)
			milli += m.table.milli(sgWordKey(h))
		}
		if hasPrev {
			milli += m.table.milli(sgPairKey(prev, h))
		}
		nonEmpty := tk.norm != "" // an empty stem starts no pair and ends no skip pair
		if hasPrev2 && nonEmpty {
			milli += m.table.milli(sgSkipKey(prev2, h))
		}
		prev2, hasPrev2 = prev, hasPrev
		prev, hasPrev = h, nonEmpty
	}
	return milli
}

// sgAbuseMilli is wordMilli of the default safeguarding model sg and of
// the abuse model ab at once: the two models key their features alike,
// so each key is worked out once and read in both tables, and a
// vocabulary entry holds its word's weight in both (vocabInfo.sgMilli,
// abMilli).
func sgAbuseMilli(sg, ab *sgModel, toks []wtok) (sgm, abm int32) {
	var prev, prev2 uint64
	hasPrev, hasPrev2 := false, false
	for i := range toks {
		tk := &toks[i]
		var h uint64
		if info := tk.info; info != nil && tk.facts&fExact != 0 && info.sgWeighed {
			h = info.sgHash
			sgm += info.sgMilli
			abm += info.abMilli
		} else {
			if info != nil && tk.facts&fExact != 0 {
				h = info.sgHash
			} else {
				h = stemHash(tk.norm)
			}
			k := sgWordKey(h)
			sgm += sg.table.milli(k)
			abm += ab.table.milli(k)
		}
		if hasPrev {
			k := sgPairKey(prev, h)
			sgm += sg.table.milli(k)
			abm += ab.table.milli(k)
		}
		nonEmpty := tk.norm != ""
		if hasPrev2 && nonEmpty {
			k := sgSkipKey(prev2, h)
			sgm += sg.table.milli(k)
			abm += ab.table.milli(k)
		}
		prev2, hasPrev2 = prev, hasPrev
		prev, hasPrev = h, nonEmpty
	}
	return sgm, abm
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
//
// When abuse is set, the abuse model will read the tallies too
// (findModelAbuse), and its word weights are worked out here beside the
// safeguarding model's and kept in the tallies (sentenceTally.ab).
func findModelSafeguarding(toks []wtok, tallies []sentenceTally, flagged, abuse bool) []moderation.Span {
	if !flagged && sgCfg.alone == 0 {
		return nil
	}
	m := sgCfg.model()
	var ab *sgModel
	if abuse && m.vocab {
		ab = loadAbuseModel()
	}
	probs := make([]float64, len(tallies))
	sure := false // a sentence the model flags on its own
	for k := range tallies {
		if st := &tallies[k]; st.j-st.i >= 4 {
			if ab != nil {
				var sgm int32
				sgm, st.ab = sgAbuseMilli(m, ab, toks[st.i:st.j])
				st.abDone = true
				probs[k] = logistic(m.signZ(&st.t), sgm)
			} else {
				probs[k] = m.probability(toks[st.i:st.j], &st.t)
			}
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

// pieceProbability is the model's probability for the tokens within span
// p of a sentence, read as a sentence of their own.
func pieceProbability(toks []wtok, masks []uint8, p moderation.Span) float64 {
	i := tokenFrom(toks, p.Start)
	j := i
	for j < len(toks) && toks[j].end <= p.End {
		j++
	}
	if j-i < 4 {
		return 0
	}
	t := tallySentence(toks[i:j], masks[i:j])
	return sgCfg.model().probability(toks[i:j], &t)
}
