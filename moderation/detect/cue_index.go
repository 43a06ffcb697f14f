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
				if c.kind >= cueForce && c.kind != cueSelf && c.kind != cueReport {
					m[lastWord(k)] |= ixHarm // every sign of several words holds its last word
				}
			}
		}
		set(ixFlag, clinicalWords, surgicalWords, fastingWords, pastMarkers, accidentWords, refusalWords,
			doseWords, treatmentWords, banterWords, map[string]bool{"permission": true, "asked": true, "pain": true})
		for k, c := range threatCueWords {
			m[firstWord(k)] |= ixThreat
			if c == tcViolent || c == tcVeiled || c == tcStrong {
				m[lastWord(k)] |= ixMenace
			}
		}
		ep := epithets()
		set(ixInsult, dehumanising, calledNames, insultingAdjectives, scornAdjectives, ep.trait, ep.general,
			lingoVerbs, sendHomeVerbs, map[string]bool{"face": true, "bought": true, "as": true, "waste": true, "escaped": true, "couldn't": true,
				"can't": true, "cannot": true, "could": true, "the": true, "fresh": true, "got": true, "get": true,
				"just": true, "send": true, "sent": true, "ship": true, "shipped": true, "deport": true,
				"deported": true, "go": true, "goes": true, "going": true, "went": true, "pack": true})
		set(ixStrain, strainWords)
		cueIndexMap = m
	})
	return cueIndexMap
}

func lastWord(k string) string {
	return k[strings.LastIndexByte(k, ' ')+1:]
}

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
		m, ok := ix[w]
		if !ok && strings.HasSuffix(w, "'s") {
			m = ix[w[:len(w)-2]]
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
