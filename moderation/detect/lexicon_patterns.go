package detect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A pattern is a short word sequence matched against the tokens of one
// sentence. Pattern files hold two kinds of lines:
//
//	@class = word|word|pref~
//	key: element element ...
//
// An element is a set of alternatives separated by '|' ("slap~" matches
// every word starting with "slap"), a class reference "@class", either of
// them followed by '?' to make it optional, or a gap "...N" that skips up to
// N words. The first element must be a plain word set or class. Matching
// never leaves the sentence and tries a bounded number of positions, so a
// text is scanned in linear time.
type pattern struct {
	key   string
	elems []patElem
	line  int
	// next is the pattern's own nextFilter (set by buildVocab): find
	// tries a pattern only where the tokens after its first word may hold
	// its next required word, which turns down most tries of the patterns
	// of common first words ("i", "not") without matching
	next nextFilter
	// need holds, for each required word element after the first, the
	// nextKeys of the tokens that may match it (bit 0, the key of a token
	// whose id does not say, in each): a sentence whose tokens after the
	// start hold none of one element's keys cannot match (see findAt)
	need []keySet
}

// keySet is a set of nextKeys (0 to 256).
type keySet [5]uint64

func (k *keySet) add(c uint16) { k[c>>6&7] |= 1 << (c & 63) }

// meets reports whether the two sets share a key.
func (k *keySet) meets(o *keySet) bool {
	return k[0]&o[0]|k[1]&o[1]|k[2]&o[2]|k[3]&o[3]|k[4]&o[4] != 0
}

// needKeys works out pattern.need from its elements (whose ids
// buildVocab has set). An element without ids, matched by its words
// alone, gets no set: any token may match it.
func needKeys(elems []patElem) []keySet {
	var need []keySet
	for _, el := range elems[1:] {
		if el.gap > 0 || el.optional || el.ids == nil {
			continue
		}
		var k keySet
		k.add(0)
		for _, ids := range [][]int32{el.ids, el.prefixIDs} {
			for _, id := range ids {
				k.add(1 + uint16(uint32(id)&255))
			}
		}
		need = append(need, k)
	}
	return need
}

type patElem struct {
	words    map[string]bool
	ids      []int32 // sorted vocabulary ids of words, set by buildVocab
	prefixes []string
	optional bool
	gap      int // > 0: skip 0..gap words
	// idBloom has bit id%64 set for every id in ids (and prefixIDs), so
	// that most words are turned down without a search
	idBloom uint64
	// prefixIDs: the sorted ids of the vocabulary words that start with
	// one of prefixes, set by buildVocab, so that a vocabulary word is
	// matched without comparing prefixes
	prefixIDs []int32
}

// hasID reports whether id is in the sorted list ids.
func hasID(ids []int32, id int32) bool {
	_, ok := slices.BinarySearch(ids, id)
	return ok
}

func (e *patElem) matches(t *wtok) bool {
	w := t.norm
	if e.ids != nil && t.info != nil {
		// t.id and fExact are the entry's id and whether its word is w
		if id := t.id; id != 0 {
			if e.idBloom&(1<<(uint32(id)&63)) == 0 {
				if t.facts&fExact != 0 {
					return false // neither a word nor a prefix of e
				}
			} else if hasID(e.ids, id) {
				return true
			} else if t.facts&fExact != 0 {
				// a vocabulary word read as itself: its prefixes are known
				return e.prefixIDs != nil && hasID(e.prefixIDs, id)
			}
		}
	} else if e.words[w] {
		return true
	}
	for _, p := range e.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// patternSet indexes patterns by the words and prefixes their first element
// accepts.
type patternSet struct {
	patterns []pattern
	byWord   map[string][]int
	byPrefix map[string][]int
	prefLens []int // distinct lengths of the prefixes in byPrefix
	bit      uint8 // this set's bit in vocabInfo.pat
	// digitKeys: a word or prefix of byWord or byPrefix starts with a
	// digit (set by buildVocab)
	digitKeys bool
	// reach is the most tokens after its first that a pattern's match
	// can take: findAt reads no further ahead for pattern.need
	reach int
	slot  int // this set's index in vocabInfo.pats
}

// patMatch is one match: tokens [start, end] inclusive.
type patMatch struct {
	start, end int
	key        string
}

func loadPatterns(name string) (*patternSet, error) {
	ps := &patternSet{byWord: map[string][]int{}, byPrefix: map[string][]int{}}
	classes := map[string]patElem{}
	err := eachLine(name, func(line string, n int) error {
		if strings.HasPrefix(line, "@") {
			nm, def, ok := strings.Cut(line, "=")
			if !ok {
				return fmt.Errorf("class line needs '='")
			}
			el, err := parseAlts(strings.TrimSpace(def), classes)
			if err != nil {
				return err
			}
			classes[strings.TrimSpace(nm)] = el
			return nil
		}
		key, body, ok := strings.Cut(line, ":")
		if !ok {
			return fmt.Errorf("pattern line needs 'key:'")
		}
		p := pattern{key: strings.TrimSpace(key), line: n}
		for _, f := range strings.Fields(body) {
			if strings.HasPrefix(f, "...") {
				g, err := strconv.Atoi(f[3:])
				if err != nil || g < 1 || g > 8 {
					return fmt.Errorf("bad gap %q", f)
				}
				p.elems = append(p.elems, patElem{gap: g})
				continue
			}
			opt := strings.HasSuffix(f, "?")
			el, err := parseAlts(strings.TrimSuffix(f, "?"), classes)
			if err != nil {
				return err
			}
			el.optional = opt
			p.elems = append(p.elems, el)
		}
		if len(p.elems) == 0 || p.elems[0].gap > 0 || p.elems[0].optional {
			return fmt.Errorf("pattern must start with a required word")
		}
		idx := len(ps.patterns)
		ps.patterns = append(ps.patterns, p)
		reach := 0
		for _, el := range p.elems[1:] {
			reach += max(el.gap, 1)
		}
		ps.reach = max(ps.reach, reach)
		for w := range p.elems[0].words {
			ps.byWord[w] = append(ps.byWord[w], idx)
		}
		for _, pr := range p.elems[0].prefixes {
			ps.byPrefix[pr] = append(ps.byPrefix[pr], idx)
			if !slices.Contains(ps.prefLens, len(pr)) {
				ps.prefLens = append(ps.prefLens, len(pr))
			}
		}
		return nil
	})
	return ps, err
}

func parseAlts(s string, classes map[string]patElem) (patElem, error) {
	el := patElem{words: map[string]bool{}}
	for _, a := range strings.Split(s, "|") {
		a = strings.TrimSpace(a)
		switch {
		case a == "":
			return el, fmt.Errorf("empty alternative in %q", s)
		case strings.HasPrefix(a, "@"):
			c, ok := classes[a]
			if !ok {
				return el, fmt.Errorf("unknown class %s", a)
			}
			for w := range c.words {
				el.words[w] = true
			}
			el.prefixes = append(el.prefixes, c.prefixes...)
		case strings.HasSuffix(a, "~"):
			el.prefixes = append(el.prefixes, normWord(strings.TrimSuffix(a, "~")))
		default:
			el.words[normWord(a)] = true
		}
	}
	return el, nil
}

// find returns every match, at most one per pattern and start wtok.
func (ps *patternSet) find(toks []wtok) []patMatch { return ps.findAt(toks, nil) }

// patternStarts appends to buf the tokens where a pattern of the
// lexicon's sets may start (see findAt): the words that start one, unknown
// words and tokens without an entry. A word read as itself whose entry's
// next-word filters (vocabInfo.next) turn down all of its patterns in
// every set it starts ("have" before "a", in most sentences) is left out
// here, once, instead of by findAt in each set. An element of buf is a
// token's index times 8 and, in its low three bits, the pattern sets
// (wordFacts' low bits) findAt is to try there: for a word read as
// itself, those of its sets whose filter passes, which findAt does not
// test again; all three for any other token.
func patternStarts(toks []wtok, buf []int32) []int32 {
	const sets = wordFacts(patThreat | patSafeguarding | patDiscrimination)
	for i := range toks {
		t := &toks[i]
		if t.facts&(sets|fUnknown) == 0 && t.info != nil {
			continue
		}
		on := sets
		if t.facts&(fExact|fUnknown) == fExact && t.info != nil && t.info.pats != nil && t.info.next != nil {
			// as findAt's test of a known word: the set of slot s has bit 1<<s
			on = t.facts & sets
			for s := range t.info.next {
				if bit := wordFacts(1) << s; on&bit != 0 && !t.info.next[s].mayFollow(toks, i+1, t.sentence) {
					on &^= bit
				}
			}
			if on == 0 {
				continue
			}
		}
		buf = append(buf, int32(i)<<3|int32(on))
	}
	return buf
}

// findAt is find over the tokens of starts (from patternStarts) only, when
// starts is not nil and the set is one of the lexicon's: the other tokens
// start none of its patterns.
func (ps *patternSet) findAt(toks []wtok, starts []int32) []patMatch {
	var out []patMatch
	bit := wordFacts(ps.bit)
	if bit == 0 {
		starts = nil
	}
	n := len(toks)
	if starts != nil {
		n = len(starts)
	}
	after := -1 // the start whose keys ahead (see pattern.need) holds
	var ahead keySet
	for s := 0; s < n; s++ {
		i, filtered := s, false
		if starts != nil {
			if wordFacts(starts[s]&7)&bit == 0 {
				continue // patternStarts found the word's filter turns the set's patterns down
			}
			i, filtered = int(starts[s]>>3), true
		}
		// a known word that starts none of the patterns: most words
		if bit != 0 && toks[i].facts&(fUnknown|bit) == 0 && toks[i].info != nil {
			continue
		}
		w := toks[i].norm
		known := toks[i].info != nil && toks[i].facts&fUnknown == 0
		var idxs []int
		switch info := toks[i].info; {
		case known && ps.bit != 0:
			// prefixes were expanded to dictionary words, and every word
			// of byWord is in the vocabulary
			if toks[i].facts&fExact != 0 { // the entry's word is w
				if p := info.pats; p != nil {
					idxs = p[ps.slot]
					if nf := info.next; nf != nil && !filtered && !nf[ps.slot].mayFollow(toks, i+1, toks[i].sentence) {
						idxs = nil // no pattern of the word goes on with the next token
					}
				}
			} else {
				idxs = ps.byWord[w] // a possessive read as its word
			}
		case info != nil && info.unknown && info != &unknownWord && ps.bit != 0:
			// an unknown word's own entry keeps the patterns it may start
			// (those of its word, then of its prefixes), worked out once
			if info.patsDone&ps.bit == 0 {
				if info.pats == nil {
					info.pats = new([3][]int)
				}
				info.pats[ps.slot] = ps.startsOf(w)
				info.patsDone |= ps.bit
			}
			idxs = info.pats[ps.slot]
		default:
			idxs = ps.startsOf(w)
		}
		sentence := toks[i].sentence
		// the next token's key, for the filters of span 0 (most): -1 when
		// the sentence ends here
		next := -1
		if i+1 < len(toks) && toks[i+1].sentence == sentence {
			next = int(toks[i+1].nextKey)
		}
		for _, idx := range idxs {
			p := &ps.patterns[idx]
			f := &p.next
			if f.on && f.span == 0 && (next < 0 || f.bits[next>>6&7]&(1<<(next&63)) == 0) {
				continue // mayFollow, for the next token alone
			}
			if len(p.need) > 0 {
				// the keys of the tokens a match may take after the start
				// (those of its sentence within the set's reach), once a
				// start: a required word none of them may be fails the match
				if after != i {
					after, ahead = i, keySet{}
					reach := toks[i+1 : min(len(toks), i+1+ps.reach)]
					for k := 0; k < len(reach) && reach[k].sentence == sentence; k++ {
						ahead.add(reach[k].nextKey)
					}
				}
				if !needMet(p.need, &ahead) {
					continue
				}
			}
			if f.span > 0 && !f.mayFollow(toks, i+1, sentence) {
				continue
			}
			if !p.mayMatchAt(toks, 1, i+1, sentence) {
				continue // the usual failure, found without a call
			}
			if end, ok := p.matchFrom(toks, 1, i+1, sentence); ok {
				out = append(out, patMatch{start: i, end: end, key: p.key})
			}
		}
	}
	return out
}

// needMet reports whether keys meets every set of need.
func needMet(need []keySet, keys *keySet) bool {
	for k := range need {
		if !need[k].meets(keys) {
			return false
		}
	}
	return true
}

// nextFilter is a quick test of the tokens after a pattern's first word:
// when on, every pattern of the word needs a word further on, its first
// required word element, within span tokens after the next (the gaps and
// optional elements before it), and bits holds bit 1+id%256 of every
// vocabulary word such an element accepts, and bit 0 (see nextKey). The
// three words past bit 256 stay empty: they let mayFollow index bits
// without a bounds check.
type nextFilter struct {
	on   bool
	span int
	bits [8]uint64
}

// nextKey is the bit of nextFilter.bits that token t sets: 1+id%256 for a
// vocabulary word read as itself, 0 (every filter's) for a token whose
// vocabulary id does not say (an unknown word, a possessive).
func nextKey(t *wtok) uint16 {
	if t.info == nil || t.id == 0 || t.facts&(fExact|fUnknown) != fExact {
		return 0
	}
	return 1 + uint16(uint32(t.id)&255)
}

// nextFilterOf works out the filter of the patterns idx; ok is false when
// one of them needs no word after its first.
func (ps *patternSet) nextFilterOf(idx []int) (f nextFilter, ok bool) {
	for _, p := range idx {
		elems := ps.patterns[p].elems
		span, r := 0, 1
		for r < len(elems) && (elems[r].gap > 0 || elems[r].optional) {
			if elems[r].gap > 0 {
				span += elems[r].gap
			} else {
				span++
			}
			r++
		}
		if r == len(elems) {
			return nextFilter{}, false
		}
		f.span = max(f.span, span)
		for _, ids := range [][]int32{elems[r].ids, elems[r].prefixIDs} {
			for _, id := range ids {
				k := 1 + uint32(id)&255
				f.bits[k>>6] |= 1 << (k & 63)
			}
		}
	}
	f.bits[0] |= 1
	f.on = true
	return f, true
}

// mayFollow reports whether one of the tokens t .. t+span of the sentence
// can be the first required word element of one of the filter's patterns.
// A token whose vocabulary id does not say (an unknown word, a possessive)
// may: its nextKey is 0, whose bit every filter has.
func (f *nextFilter) mayFollow(toks []wtok, t, sentence int) bool {
	if !f.on {
		return true
	}
	toks = toks[:min(t+f.span+1, len(toks))]
	for k := t; k < len(toks); k++ {
		if toks[k].sentence != sentence {
			return false
		}
		if c := toks[k].nextKey; f.bits[c>>6&7]&(1<<(c&63)) != 0 {
			return true
		}
	}
	return false
}

// startsOf lists the patterns that may start at word w, in the order find
// tries them: those of w, then those of its prefixes (by prefLens).
func (ps *patternSet) startsOf(w string) []int {
	if w != "" && '0' <= w[0] && w[0] <= '9' && !ps.digitKeys {
		return nil // a number, and no pattern starts with a digit
	}
	idxs := ps.byWord[w]
	for _, k := range ps.prefLens {
		if k <= len(w) {
			if more := ps.byPrefix[w[:k]]; len(more) > 0 {
				idxs = append(slices.Clip(idxs), more...)
			}
		}
	}
	return idxs
}

// mayMatchAt is false where matchFrom(toks, e, t, sentence) surely fails
// at its first step: element e is a required word that token t is not.
// It lets the callers skip most calls.
func (p *pattern) mayMatchAt(toks []wtok, e, t, sentence int) bool {
	if e >= len(p.elems) {
		return true
	}
	el := &p.elems[e]
	if el.gap > 0 || el.optional {
		return true
	}
	return t < len(toks) && toks[t].sentence == sentence && el.matches(&toks[t])
}

// matchFrom matches elements e.. from wtok t on; it returns the last
// matched wtok.
func (p *pattern) matchFrom(toks []wtok, e, t, sentence int) (int, bool) {
	if e == len(p.elems) {
		return t - 1, true
	}
	el := &p.elems[e]
	if el.gap > 0 {
		for k := 0; k <= el.gap; k++ {
			if k > 0 && (t+k-1 >= len(toks) || toks[t+k-1].sentence != sentence) {
				break
			}
			if !p.mayMatchAt(toks, e+1, t+k, sentence) {
				continue
			}
			if end, ok := p.matchFrom(toks, e+1, t+k, sentence); ok {
				return end, true
			}
		}
		return 0, false
	}
	if t < len(toks) && toks[t].sentence == sentence && el.matches(&toks[t]) {
		if end, ok := p.matchFrom(toks, e+1, t+1, sentence); ok {
			return end, true
		}
	}
	if el.optional {
		return p.matchFrom(toks, e+1, t, sentence)
	}
	return 0, false
}
