package detect

import (
	"slices"
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// threatBreakers inside a threat match mean it is not the speaker
// threatening violence: a negation ("I would never hit her") or a new
// subject ("I will make sure she doesn't hurt him").
var threatBreakers = map[string]bool{
	"not": true, "never": true, "no": true, "nobody": true, "won't": true, "wouldn't": true,
	"don't": true, "didn't": true, "can't": true, "couldn't": true, "shouldn't": true,
	"he": true, "she": true, "they": true, "it": true, "if": true, "unless": true, "because": true,
	"whether": true, "when": true, "have": true, "like": true, "love": true, "rather": true,
	"sure": true, "stop": true, "prevent": true,
}

// findThreats finds first-person threats of violence ("I'll smash his face
// in", "I will put that nurse on the floor myself"). The span runs from the
// speaker to the end of the sentence, so a leading conditional or time
// clause ("If she is still on that chair ...") stays outside. Complaint
// routes ("I will contact the ICB") and figures of speech ("I thought I'd
// die of cold", "kill time") have no violent verb with a target.
func (l *lexicon) findThreats(toks []wtok, starts []int32) []moderation.Span {
	var out []moderation.Span
	lastEnd := -1
	for _, m := range l.threatMatches(toks, starts) {
		if m.key == "going" || m.key == "modal" {
			speaker, ok := speakerBefore(toks, m.start, m.key)
			if !ok {
				continue
			}
			m.start = speaker
		}
		if m.start <= lastEnd {
			continue
		}
		broken := false
		for k := m.start + 1; k < m.end-1; k++ {
			if threatBreakers[toks[k].norm] && !lostIt(toks, k) && !objectIt(toks, k) {
				broken = true
				break
			}
		}
		if broken || pastPerfect(toks, m.start) || wrapsGently(toks, m.start, m.end) || !keepThreat(toks, m.start, m.end) {
			continue
		}
		end := m.end
		for end+1 < len(toks) && toks[end+1].sentence == toks[m.start].sentence {
			end++
		}
		lastEnd = end
		out = append(out, moderation.Span{
			Start: toks[m.start].start, End: toks[end].end, Kind: moderation.Threat,
			Confidence: 0.8, Reason: "threat of violence by the writer",
		})
	}
	return out
}

// threatMatches is the threat patterns' matches in toks, also read with
// the swear words that only intensify left out: "I’ll put them through
// that fucking glass screen" is "I’ll put them through that glass screen".
// Matches are in the order of their start.
func (l *lexicon) threatMatches(toks []wtok, starts []int32) []patMatch {
	matches := l.threat.findAt(toks, starts)
	first := -1 // the first intensifier: most texts have none
	for k := range toks {
		if intensifier(&toks[k]) {
			first = k
			break
		}
	}
	if first < 0 {
		return matches
	}
	// the sentences that hold an intensifier and a word that may start a
	// threat pattern: only they are read again
	var kept []wtok
	var at []int // the index in toks of each kept token
	i := first
	for i > 0 && toks[i-1].sentence == toks[first].sentence {
		i--
	}
	for i < len(toks) {
		j, swear, start := i, false, false
		for ; j < len(toks) && toks[j].sentence == toks[i].sentence; j++ {
			swear = swear || intensifier(&toks[j])
			start = start || toks[j].facts&wordFacts(patThreat) != 0
		}
		if swear && start {
			for k := i; k < j; k++ {
				if !intensifier(&toks[k]) {
					kept = append(kept, toks[k])
					at = append(at, k)
				}
			}
		}
		i = j
	}
	if len(kept) == 0 {
		return matches
	}
	for _, m := range l.threat.findAt(kept, nil) {
		m.start, m.end = at[m.start], at[m.end]
		if !slices.ContainsFunc(matches, func(o patMatch) bool { return o.start == m.start }) {
			matches = append(matches, m)
		}
	}
	slices.SortStableFunc(matches, func(a, b patMatch) int { return a.start - b.start })
	return matches
}

// intensifier reports a swear word that only intensifies what follows:
// "fucking", "f***ing", "effing", "bloody". It is a lexicon word or a
// masked one: this test inlines, so most tokens are turned down without
// a call.
func intensifier(t *wtok) bool { return (t.facts&fInLex != 0 || t.masked) && swearIntensifier(t) }

// swearIntensifier is intensifier's test of the word itself, kept out of
// intensifier so that intensifier inlines.
//
//go:noinline
func swearIntensifier(t *wtok) bool {
	w := t.norm
	if len(w) < 5 {
		return false
	}
	if swearIntensifiers[w] {
		return true
	}
	return t.masked && w[0] == 'f' && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "in"))
}

var swearIntensifiers = wordSet(`fucking fuckin fukin fuking fcking effing frigging friggin feckin fecking bloody sodding`)

// pastPerfect reports "I'd been" or "we'd had" at token k: what had
// happened ("I told them I’d been hit with a bottle"), not what the
// writer would do.
func pastPerfect(toks []wtok, k int) bool {
	if k+1 >= len(toks) || toks[k+1].sentence != toks[k].sentence {
		return false
	}
	switch toks[k].norm {
	case "i'd", "we'd":
		return toks[k+1].norm == "been" || toks[k+1].norm == "had"
	}
	return false
}

// wrapsGently reports a match that wraps something soft round a neck or
// arms round it: "I'll wrap her scarf round her neck", "I'll wrap my arms
// round his neck"; not "I'll wrap that clipboard round his neck".
func wrapsGently(toks []wtok, a, b int) bool {
	wrap := false
	for k := a; k <= b; k++ {
		wrap = wrap || toks[k].norm == "wrap"
		if wrap && gentleWraps[toks[k].norm] {
			return true
		}
	}
	return false
}

var gentleWraps = map[string]bool{"scarf": true, "scarves": true, "shawl": true, "blanket": true, "blankets": true,
	"arms": true, "arm": true, "cardigan": true, "muffler": true, "snood": true}

// objectIt reports the "it" of "burn it to the ground", "torch it" (the
// place threatened), "wipe it off his face" (his smirk), "smash it over
// his head" (a thing to hit with), "break it down and him with it" (a
// door) or "wrap it round his neck" (a line): an object, not a new
// subject.
func objectIt(toks []wtok, k int) bool {
	return toks[k].norm == "it" && k > 0 && (toks[k-1].norm == "burn" || toks[k-1].norm == "torch" || toks[k-1].norm == "wipe" ||
		toks[k-1].norm == "smash" || toks[k-1].norm == "throw" || toks[k-1].norm == "hit" || toks[k-1].norm == "break" || toks[k-1].norm == "kick" || toks[k-1].norm == "knock" ||
		toks[k-1].norm == "wrap" || toks[k-1].norm == "tie")
}
