package detect

import (
	"strings"
	"sync"
)

// The weighed rules (safeguarding_cues.go, threat_cues.go, insult_cues.go)
// know a few thousand words between them. Most words of a text are none of
// them, so each token is looked up once in one index, and a rule reads a
// sentence only when one of its words is there.

// Bits of the cue index.
const (
	ixSafe   uint8 = 1 << iota // a safeguarding sign or a word that starts one
	ixFlag                     // a word that changes a sentence's reading (clinical, past, fall ...)
	ixThreat                   // a threat sign or a word that starts one
	ixInsult                   // a word an insult form starts with or turns on
	ixStrain                   // fear of what I might do: scared, afraid
	ixHarm                     // a sign of harm, or the last word of one: a sentence without one is skipped
	ixMenace                   // the last word of a violent or veiled threat sign: likewise for threats
	ixBruise                   // a cause of easy bruising, or a word that ends one (see bruiseCause)
)

var (
	cueIndexOnce sync.Once
	cueIndexMap  map[string]uint8
)

// cueIndex returns the index, built on first use from the rules' lists.
func cueIndex() map[string]uint8 {
	cueIndexOnce.Do(func() {
		m := map[string]uint8{}
		set := func(bit uint8, words ...map[string]bool) {
			for _, ws := range words {
				for w := range ws {
					m[w] |= bit
				}
			}
		}
		for k, cs := range cueWords {
			m[firstWord(k)] |= ixSafe
			for _, c := range cs {
				if canDecide(k, c) {
					m[anchorWord(k)] |= ixHarm // every sign of several words holds its anchor
				}
			}
		}
		set(ixFlag, clinicalWords, surgicalWords, fastingWords, pastMarkers, accidentWords, refusalWords,
			doseWords, treatmentWords, banterWords, liftWords, map[string]bool{"permission": true, "asked": true, "pain": true, "own": true})
		for k, c := range threatCueWords {
			m[firstWord(k)] |= ixThreat
			if c == tcViolent || c == tcVeiled || c == tcStrong || c == tcWarn {
				m[anchorWord(k)] |= ixMenace
			}
		}
		ep := epithets()
		set(ixInsult, dehumanising, calledNames, insultingAdjectives, scornAdjectives, ep.trait, ep.general,
			lingoVerbs, sendHomeVerbs, map[string]bool{"face": true, "bought": true, "as": true, "waste": true, "wastes": true, "escaped": true, "couldn't": true,
				"can't": true, "cannot": true, "could": true, "the": true, "fresh": true, "got": true, "get": true,
				"just": true, "send": true, "sent": true, "ship": true, "shipped": true, "deport": true,
				"deported": true, "go": true, "goes": true, "going": true, "went": true, "pack": true})
		set(ixStrain, strainWords)
		set(ixBruise, bruiseCauseWords, map[string]bool{"disorder": true, "thinner": true, "thinners": true})
		cueIndexMap = m
	})
	return cueIndexMap
}

// canDecide reports whether a sentence can be flagged for a cue: a
// sentence is flagged only with a sign of harm to another that weighs 2
// (a need word weighs 2 when negated, a distress word becomes fear "of"
// someone), with ending wording or a means, or with a strong plan.
func canDecide(k string, c cue) bool {
	switch {
	case c.kind == cueEnding, c.kind == cueMeans, c.kind == cueDistress:
		return true
	case c.kind == cuePlan:
		return c.weight >= 2
	case c.kind.harmsOther():
		return c.weight >= 2 || c.kind == cueNeglect && needWords[firstWord(k)]
	}
	return false
}

// anchorWord returns the word a sign of several words cannot be without
// that is least common: its longest word that is not a pronoun or
// particle ("break" in "break his", "piece" in "in one piece").
func anchorWord(k string) string {
	best := ""
	for _, w := range strings.Fields(k) {
		if !anchorStop[w] && len(w) > len(best) {
			best = w
		}
	}
	if best == "" {
		return firstWord(k)
	}
	return best
}

var anchorStop = map[string]bool{"it": true, "in": true, "out": true, "him": true, "her": true, "them": true,
	"me": true, "the": true, "a": true, "an": true, "to": true, "of": true, "on": true, "for": true, "up": true,
	"his": true, "by": true, "at": true, "be": true, "and": true, "if": true, "with": true, "your": true,
	"you": true, "she": true, "he": true, "they": true, "over": true, "my": true, "i": true, "we": true,
	"is": true, "was": true, "has": true, "had": true, "have": true, "not": true, "no": true, "all": true,
	"i'm": true, "i've": true, "i'll": true, "he's": true, "she's": true, "their": true, "our": true,
	"that": true, "this": true, "what": true, "where": true, "which": true, "when": true, "how": true,
	"so": true, "just": true, "will": true, "would": true, "could": true, "can't": true, "don't": true,
	"won't": true, "didn't": true, "doesn't": true, "from": true, "into": true, "after": true}

func firstWord(k string) string {
	if i := strings.IndexByte(k, ' '); i >= 0 {
		return k[:i]
	}
	return k
}

// cueMasks looks every token up in the index once ("Grandad's" as
// "grandad"), into buf.
func cueMasks(toks []wtok, buf []uint8) []uint8 {
	ix := cueIndex()
	buf = append(buf[:0], make([]uint8, len(toks))...)
	for k := range toks {
		w := toks[k].norm
		var m uint8
		if info := toks[k].info; info != nil && (!info.unknown || info != &unknownWord && info.word == w) {
			m = info.cue // annotated: the vocabulary (or the unknown word's own entry) holds the bits
		} else {
			m = ix[w]
		}
		if strings.HasSuffix(w, "'s") {
			m |= ix[w[:len(w)-2]] // "Grandad's" is a grandad too
		}
		buf[k] = m
	}
	return buf
}

// sentenceHasBit reports whether a token of masks carries bit.
func sentenceHasBit(masks []uint8, bit uint8) bool {
	for _, m := range masks {
		if m&bit != 0 {
			return true
		}
	}
	return false
}

// cueWord is what the weighed rules know of one word, gathered from their
// maps (cueWords, cueStarts, threatCueWords, threatCueStarts and the flag
// lists), so that a token of a vocabulary word reads it from the word's
// entry (vocabInfo.cueWord) instead of hashing the word into each map.
type cueWord struct {
	signs        []cue     // cueWords[w]
	sign         bool      // w is a key of cueWords
	starts       int       // cueStarts[w]
	threat       threatCue // threatCueWords[w]
	isThreat     bool      // w is a key of threatCueWords
	threatStarts int       // threatCueStarts[w]
	flags        cueFlag
	// seconds and threatSeconds hold the second words of the signs of
	// several words that start with w (of cueWords and threatCueWords):
	// a phrase is looked up only when the next token is one of them
	seconds, threatSeconds []*cueWord
}

// in reports whether c is one of the words ws.
func (c *cueWord) in(ws []*cueWord) bool {
	for _, w := range ws {
		if w == c {
			return true
		}
	}
	return false
}

// cueFlag marks the word lists a word is in, as the weighed rules test them.
type cueFlag uint32

const (
	cfClinical     cueFlag = 1 << iota // clinicalWords or surgicalWords
	cfPast                             // pastMarkers
	cfSurgical                         // surgicalWords or fastingWords
	cfAccident                         // accidentWords
	cfRefusal                          // refusalWords
	cfDose                             // doseWords
	cfThreatVoid                       // treatmentWords, banterWords, liftWords or accidentWords
	cfNegator                          // negators
	cfNeed                             // needWords
	cfDehumanising                     // dehumanising
	cfLingo                            // lingoVerbs
	cfTrait                            // epithets' trait or insultingAdjectives
	cfGeneral                          // epithets' general
	cfScorn                            // scornAdjectives
	cfDiminutive                       // diminutives
	cfClinicalOnly                     // clinicalWords
)

var (
	cueWordOnce sync.Once
	cueWordMap  map[string]*cueWord
)

// cueWordIndex returns every word the weighed rules' maps hold with what
// they say of it, built on first use.
func cueWordIndex() map[string]*cueWord {
	cueWordOnce.Do(func() {
		m := map[string]*cueWord{}
		get := func(w string) *cueWord { return entryOf(m, w) }
		for w, cs := range cueWords {
			c := get(w)
			c.signs, c.sign = cs, true
		}
		for w, n := range cueStarts {
			get(w).starts = n
		}
		for w, k := range threatCueWords {
			c := get(w)
			c.threat, c.isThreat = k, true
		}
		for k := range cueWords {
			if f := strings.Fields(k); len(f) > 1 {
				first, second := get(f[0]), get(f[1])
				if !second.in(first.seconds) {
					first.seconds = append(first.seconds, second)
				}
			}
		}
		for k := range threatCueWords {
			if f := strings.Fields(k); len(f) > 1 {
				first, second := get(f[0]), get(f[1])
				if !second.in(first.threatSeconds) {
					first.threatSeconds = append(first.threatSeconds, second)
				}
			}
		}
		for w, n := range threatCueStarts {
			get(w).threatStarts = n
		}
		for _, l := range []struct {
			words map[string]bool
			flag  cueFlag
		}{
			{clinicalWords, cfClinical | cfClinicalOnly}, {surgicalWords, cfClinical | cfSurgical}, {pastMarkers, cfPast},
			{fastingWords, cfSurgical}, {accidentWords, cfAccident | cfThreatVoid}, {refusalWords, cfRefusal},
			{doseWords, cfDose}, {treatmentWords, cfThreatVoid}, {banterWords, cfThreatVoid}, {liftWords, cfThreatVoid},
			{negators, cfNegator}, {needWords, cfNeed},
			{dehumanising, cfDehumanising}, {lingoVerbs, cfLingo}, {epithets().trait, cfTrait},
			{insultingAdjectives, cfTrait}, {epithets().general, cfGeneral}, {scornAdjectives, cfScorn},
			{diminutives, cfDiminutive},
		} {
			for w, on := range l.words {
				if on {
					get(w).flags |= l.flag
				}
			}
		}
		cueWordMap = m
	})
	return cueWordMap
}

// noCueWord is what cueWordOf returns for a word the weighed rules do not know.
var noCueWord cueWord

// cueWordOf returns what the weighed rules know of token t's word: from
// its vocabulary entry when the token is that entry's word, else from the
// map. It never returns nil.
func cueWordOf(t *wtok) *cueWord {
	// only vocabulary entries (never an unknown word's) have a cueWord
	if t.facts&fExact != 0 && t.info != nil {
		if c := t.info.cueWord; c != nil {
			return c
		}
	}
	return cueWordLookup(t)
}

// cueWordLookup is cueWordOf for a token without the word's entry at hand,
// out of line so that cueWordOf inlines.
func cueWordLookup(t *wtok) *cueWord {
	if info := t.info; info != nil && !info.unknown && t.facts&fExact != 0 {
		return &noCueWord // the entry would have had it
	}
	if c := cueWordIndex()[t.norm]; c != nil {
		return c
	}
	return &noCueWord
}

// cuePhrase is what cueWords and cuePrefixes hold for a phrase of two or
// more words.
type cuePhrase struct {
	signs  []cue // cueWords[p]
	sign   bool  // p is a key of cueWords
	prefix bool  // cuePrefixes[p]
}

var (
	cuePhraseOnce sync.Once
	cuePhraseMap  map[string]*cuePhrase
)

// cuePhraseIndex returns the phrases of cueWords and cuePrefixes, built on
// first use, so that growing a phrase costs one lookup per word.
func cuePhraseIndex() map[string]*cuePhrase {
	cuePhraseOnce.Do(func() {
		m := map[string]*cuePhrase{}
		get := func(k string) *cuePhrase { return entryOf(m, k) }
		for k, cs := range cueWords {
			if strings.IndexByte(k, ' ') >= 0 {
				p := get(k)
				p.signs, p.sign = cs, true
			}
		}
		for k, on := range cuePrefixes {
			if on {
				get(k).prefix = true
			}
		}
		cuePhraseMap = m
	})
	return cuePhraseMap
}

// entryOf returns m's entry for k, adding an empty one first if there is
// none.
func entryOf[T any](m map[string]*T, k string) *T {
	e := m[k]
	if e == nil {
		e = new(T)
		m[k] = e
	}
	return e
}
