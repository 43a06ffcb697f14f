package detect

import (
	"bufio"
	"compress/gzip"
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed lexicon/*.txt lexicon/*.txt.gz
var lexiconFS embed.FS

// Swear-word grades. Grade 0 words are listed so that they are never
// flagged (policy: "hell", "damn", "bloody", "crap").
const (
	gradeNone     = 0
	gradeModerate = 2
	gradeStrong   = 3
	gradeSevere   = 4
)

// lexCategory says what kind of word a lexicon entry is.
type lexCategory uint8

const (
	catSwear lexCategory = iota
	catSexual
	catSlur
	catAbbrev
)

// stem is a swear word looked for inside longer words. Short or ambiguous
// stems ("ass", "sex") only count at the start or end of a word.
type stem struct {
	s      string
	middle bool
}

type lexEntry struct {
	grade   int8
	cat     lexCategory
	curated bool // from profanity.txt rather than the generated slang list
	// exact entries (other languages) match only as written or with
	// look-alike digits and symbols: short foreign words are too close to
	// English ones for sound-alike, vowel-masked, inflected or compound
	// matching
	exact bool
}

// lexicon holds every word list the abuse detectors use. It is built once
// from the embedded files and only read afterwards.
type lexicon struct {
	words map[string]lexEntry
	// strongHeads holds the first three letters of every strongPart word,
	// so that split probes words only where one can start (nil: probe all)
	strongHeads *[(26*26*26 + 63) / 64]uint64
	byLen       map[int][]string // curated words of grade >= moderate by length<<8|first byte, for "f**k"
	innocent    map[string]bool  // ordinary words containing a swear stem
	english     map[string]bool  // ordinary English words: no evasion checks
	allow       *phraseSet       // medical, place and name phrases never flagged
	phrases     map[string][]gradedPhrase
	stems       []stem            // swear stems tried inside compounds ("easyslut")
	skel        map[string]string // skeleton of a curated word → the word ("phuck")
	anagram     map[string]string // sortedKey of a strong word → the word ("fcuk")
	single      map[string]string // a strong word with its doubled letters once → the word ("pusy")

	insultNoun, insultWeak, insultMod, simileAdj map[string]bool

	threat, safeguarding, discrimination *patternSet

	// vocab holds, for every word any rule knows, what the rules need to
	// know about it, so that a token costs one map lookup.
	vocab map[string]*vocabInfo
	// digitVocab holds the entries of vocab made of digits only, so that
	// a number is looked up in a small map
	digitVocab map[string]*vocabInfo
}

// wordPhrases are the phrases that start with a word, kept with its
// entry so that a token read as the entry's word finds them without
// hashing the word: allow is lexicon.allow.first[word], graded
// lexicon.phrases[word].
type wordPhrases struct {
	allow  [][]string
	graded []gradedPhrase
}

// vocabInfo is what the lists say about one word.
type vocabInfo struct {
	word   string // the word itself, shared by every token of it
	id     int32  // index of the word, for pattern elements
	common bool   // a short everyday word ("to", "of"): never part of a split swear word
	// unknown words only: classify's verdict by token shape (bit 0 upper,
	// 1 all caps, 2 first of sentence), valid where memoSet has the bit
	unknown bool
	// shared: an unknown word's entry kept by a word cache across texts
	shared                            bool
	memoSet                           uint8
	memo                              *[8]classVerdict // allocated for unknown words only
	entry                             lexEntry
	inLex, innocent, english          bool
	insultNoun, insultWeak, insultMod bool
	simile, allowFirst, phraseFirst   bool
	// phrasing holds the phrases that start with the word, nil for most
	// words
	phrasing *wordPhrases
	// epithetCue: the word is a diminutive, group or sneer word, which
	// findMoreInsults looks for (see epithetCue)
	epithetCue bool
	pat        uint8 // bit per pattern set whose patterns may start here
	// facts mirrors the flags above that the rules test on every token
	// (see wordFacts); tokens and word cache slots carry a copy, so that
	// an ordinary word's entry is not read at all
	facts wordFacts
	// pats holds, per pattern set (threat, safeguarding, discrimination),
	// the patterns whose first element accepts this word; nil for most
	// words. An unknown word's entry fills it as patternSet.find needs it
	// (patsDone has the bits of the sets done).
	pats     *[3][]int
	patsDone uint8
	// next, per pattern set, turns down the patterns of pats at once
	// where the next token cannot be their second element (see
	// nextFilter); nil for most words
	next *[3]nextFilter
	cue  uint8 // the word's bits in the weighed rules' index (cue_index.go); an unknown word's entry gets them when it is made
	// sgWeighed says that sgMilli holds the weight of the word's own
	// feature ("u:" and its stem) in the default safeguarding model, in
	// thousandths (see weightTable), which then reads it here, with the
	// entry, instead of in its table (see setSG)
	sgWeighed bool
	sgMilli   int32
	abMilli   int32 // the same in the abuse model, also when sgWeighed
	// cueWord is what the weighed rules' maps hold for the word, nil when
	// none of them has it (see cueWordOf)
	cueWord *cueWord
	// sgHash is the hash of the word's stem, which the safeguarding
	// sentence model's word features are keyed by (see stemHash)
	sgHash uint64
}

// setSG sets the entry's stem hash and its word feature's weight in the
// default safeguarding model and in the abuse model.
func (i *vocabInfo) setSG() {
	i.sgHash = stemHash(i.word)
	m := loadSGModel()
	sg, ab := m.table.milli(sgWordKey(i.sgHash))
	i.sgMilli, i.abMilli, i.sgWeighed = m.pick(sg, ab), loadAbuseModel().pick(sg, ab), true
}

// Pattern set bits in vocabInfo.pat.
const (
	patThreat uint8 = 1 << iota
	patSafeguarding
	patDiscrimination
)

// wordFacts are a vocabInfo's flags as bits. The low bits are its pat.
type wordFacts uint16

const (
	fUnknown wordFacts = 1 << (iota + 3)
	fCommon
	fInLex
	fInnocent
	fInsult // insultNoun, insultWeak or simile
	fAllowFirst
	fPhraseFirst
	// not the entry's: a token's (or word cache slot's) word is the
	// entry's word itself, not the word without "'s"
	fExact
	fNoGaz // word cache slots only: see wordSlot.meta
)

// factsOf works out the facts of an entry from its fields.
func factsOf(i *vocabInfo) wordFacts {
	f := wordFacts(i.pat)
	for _, b := range []struct {
		on  bool
		bit wordFacts
	}{{i.unknown, fUnknown}, {i.common, fCommon}, {i.inLex, fInLex}, {i.innocent, fInnocent},
		{i.insultNoun || i.insultWeak || i.simile, fInsult}, {i.allowFirst, fAllowFirst}, {i.phraseFirst, fPhraseFirst}} {
		if b.on {
			f |= b.bit
		}
	}
	return f
}

// annotate looks up the tokens that splitWords left without vocabulary
// entries.
func (l *lexicon) annotate(toks []wtok) {
	for i := range toks {
		if toks[i].info == nil {
			toks[i].info = l.info(toks[i].norm)
			toks[i].facts = tokenFacts(toks[i].norm, toks[i].info)
			toks[i].id = toks[i].info.id
		}
		toks[i].nextKey = nextKey(&toks[i])
		// oddPiece is false for a word of four bytes or more
		toks[i].oddPiece = len(toks[i].norm) <= 3 && oddPiece(&toks[i])
		// plain: a known word outside the lexicon, undisguised, that starts
		// no phrase, is more than a letter, has no punctuation after it and
		// no odd piece within two tokens (the odd piece clears the flag of
		// the two tokens before it)
		t := &toks[i]
		t.plain = t.facts&(fUnknown|fInLex|fPhraseFirst) == 0 && !t.masked && t.info != nil && len(t.norm) > 1 &&
			t.punctAfter == 0 && !t.oddPiece
		if t.oddPiece {
			if i >= 1 {
				toks[i-1].plain = false
			}
			if i >= 2 {
				toks[i-2].plain = false
			}
		}
	}
}

// unknownWord is the vocabInfo of a word no list mentions, when no
// per-text table of unknown words is kept.
var unknownWord = vocabInfo{unknown: true, facts: fUnknown, sgHash: stemHash("")}

// unknownWords gives each distinct unknown word of one text its own
// vocabInfo, where classify keeps its verdict: a word repeated in a text
// (a drug name, a place) is analysed once. It belongs to one Find call.
type unknownWords map[string]*vocabInfo

// buildVocab fills l.vocab from the loaded lists.
func (l *lexicon) buildVocab() {
	v := make(map[string]*vocabInfo, len(l.english)+len(l.words)+len(l.innocent))
	// entries are cut from slabs, shortest words first, so that the
	// entries of frequent (short) words share cache lines
	var slab []vocabInfo
	get := func(w string) *vocabInfo {
		if i, ok := v[w]; ok {
			return i
		}
		if len(slab) == cap(slab) {
			slab = make([]vocabInfo, 0, 4096)
		}
		slab = append(slab, vocabInfo{word: w, id: int32(len(v) + 1)})
		i := &slab[len(slab)-1]
		i.setSG()
		v[w] = i
		return i
	}
	short := make([]string, 0, 4096)
	for w := range l.english {
		if len(w) <= 4 {
			short = append(short, w)
		}
	}
	slices.SortFunc(short, func(a, b string) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return strings.Compare(a, b)
	})
	for _, w := range short {
		get(w)
	}
	for w := range l.english {
		get(w).english = true
	}
	for w := range l.innocent {
		get(w).innocent = true
	}
	for w, e := range l.words {
		i := get(w)
		i.entry, i.inLex = e, true
	}
	for w := range l.insultNoun {
		get(w).insultNoun = true
	}
	for w := range l.insultWeak {
		get(w).insultWeak = true
	}
	for w := range l.insultMod {
		get(w).insultMod = true
	}
	for w := range l.simileAdj {
		get(w).simile = true
	}
	for w, rests := range l.allow.first {
		i := get(w)
		i.allowFirst = true
		if i.phrasing == nil {
			i.phrasing = new(wordPhrases)
		}
		i.phrasing.allow = rests
	}
	for w, ps := range l.phrases {
		i := get(w)
		i.phraseFirst = true
		if i.phrasing == nil {
			i.phrasing = new(wordPhrases)
		}
		i.phrasing.graded = ps
	}
	for w := range commonWords {
		get(w).common = true
	}
	for _, ps := range []struct {
		set *patternSet
		bit uint8
	}{{l.threat, patThreat}, {l.safeguarding, patSafeguarding}, {l.discrimination, patDiscrimination}} {
		ps.set.bit = ps.bit
		for w := range ps.set.byWord {
			get(w).pat |= ps.bit
		}
	}
	// every literal of every pattern element gets an id, so that matching
	// compares ids instead of hashing strings
	for _, set := range []*patternSet{l.threat, l.safeguarding, l.discrimination} {
		for pi := range set.patterns {
			for ei := range set.patterns[pi].elems {
				el := &set.patterns[pi].elems[ei]
				if el.gap > 0 {
					continue
				}
				el.ids = make([]int32, 0, len(el.words))
				for w := range el.words {
					el.ids = append(el.ids, get(w).id)
				}
				slices.Sort(el.ids)
			}
		}
	}
	// a prefix ("slap~", "self-harm~") stands for every vocabulary word it
	// begins, the dictionary's and the patterns' own literals alike: a
	// word with an entry is read through its entry's patterns only, so a
	// literal such as "self-harming" in another pattern must keep the
	// patterns of "self-harm~" too
	words := make([]string, 0, len(v))
	for w := range v {
		words = append(words, w)
	}
	slices.Sort(words)
	for _, set := range []*patternSet{l.threat, l.safeguarding, l.discrimination} {
		for pr, idx := range set.byPrefix {
			k, _ := slices.BinarySearch(words, pr)
			for ; k < len(words) && strings.HasPrefix(words[k], pr); k++ {
				w := words[k]
				v[w].pat |= set.bit
				for _, p := range idx {
					if !slices.Contains(set.byWord[w], p) {
						set.byWord[w] = append(set.byWord[w], p)
					}
				}
			}
		}
	}
	for si, set := range []*patternSet{l.threat, l.safeguarding, l.discrimination} {
		set.slot = si
		for w, idx := range set.byWord {
			i := get(w)
			if i.pats == nil {
				i.pats = new([3][]int)
			}
			i.pats[si] = idx
		}
	}
	for _, set := range []*patternSet{l.threat, l.safeguarding, l.discrimination} {
		for _, keys := range []map[string][]int{set.byWord, set.byPrefix} {
			for k := range keys {
				if k != "" && '0' <= k[0] && k[0] <= '9' {
					set.digitKeys = true
				}
			}
		}
	}
	// and every vocabulary word that starts with an element's prefix gets
	// listed with it, so that matching compares no prefixes for them
	// (words, sorted above, still holds every vocabulary word)
	for _, set := range []*patternSet{l.threat, l.safeguarding, l.discrimination} {
		for pi := range set.patterns {
			for ei := range set.patterns[pi].elems {
				el := &set.patterns[pi].elems[ei]
				if el.gap > 0 {
					continue
				}
				el.prefixIDs = []int32{}
				for _, pr := range el.prefixes {
					k, _ := slices.BinarySearch(words, pr)
					for ; k < len(words) && strings.HasPrefix(words[k], pr); k++ {
						el.prefixIDs = append(el.prefixIDs, v[words[k]].id)
					}
				}
				slices.Sort(el.prefixIDs)
				for _, id := range el.ids {
					el.idBloom |= 1 << (uint32(id) & 63)
				}
				for _, id := range el.prefixIDs {
					el.idBloom |= 1 << (uint32(id) & 63)
				}
			}
		}
	}
	// a word whose patterns all need a second word gets the ids that
	// word may have, so that find skips them all when the next token is
	// none of them
	for _, set := range []*patternSet{l.threat, l.safeguarding, l.discrimination} {
		for pi := range set.patterns {
			if f, ok := set.nextFilterOf([]int{pi}); ok {
				set.patterns[pi].next = f
			}
			set.patterns[pi].need = needKeys(set.patterns[pi].elems)
		}
	}
	for si, set := range []*patternSet{l.threat, l.safeguarding, l.discrimination} {
		for w, idx := range set.byWord {
			if f, ok := set.nextFilterOf(idx); ok {
				i := v[w]
				if i.next == nil {
					i.next = new([3]nextFilter)
				}
				i.next[si] = f
			}
		}
	}
	if len(v) >= 1<<(32-metaIDShift) {
		panic("detect: too many vocabulary words for the word cache's ids")
	}
	l.digitVocab = map[string]*vocabInfo{}
	for w, i := range v {
		i.facts = factsOf(i)
		i.epithetCue = epithetCue(w)
		if digitsOnly(w) {
			l.digitVocab[w] = i
		}
	}
	l.vocab = v
	// the weighed rules' index, for the words in the vocabulary (cueMasks
	// looks any other word up itself)
	for w, m := range cueIndex() {
		if i, ok := v[w]; ok {
			i.cue = m
		}
	}
	for w, c := range cueWordIndex() {
		if i, ok := v[w]; ok {
			i.cueWord = c
		}
	}
}

// A word's lookup lower-cases and folds the word and finds it
// in the vocabulary, and returns the token's facts and the entry's id,
// from the word cache when it has them. It is cachedSlot, then
// normLookupSlow when that does not decide. A plain ASCII word is
// lower-cased in scratch and looked up through the word cache wc (which
// may be nil), so a known word costs no allocation and a frequent one no
// probe of the big maps. The word is text[start:end].

// cachedSlot is the lookup's fast path: a short ASCII word the word cache
// wc (which may be nil) holds is answered from its key alone (see
// wordKeyFlags), without lower-casing it. It returns the slot that decides
// the word, nil when none does, and whether the word has an upper-case
// letter (then its lower-cased form is the slot entry's word).
func (wc *wordCache) cachedSlot(text string, start, end int, unk unknownWords) (s *wordSlot, hasUpper bool) {
	if wc == nil || end <= start || end-start > wordCacheKey {
		return nil, false
	}
	k0, k1, ascii, hasUpper := wordKeyFlags(text, start, end)
	if !ascii {
		return nil, false
	}
	s = wc.probe(k0, k1, end-start)
	if s == nil || s.info == nil {
		return nil, false
	}
	// as in normLookupSlow: the entry's word is the lower-cased word
	if f := s.facts(); f&fUnknown == 0 && f&fExact != 0 || f&fUnknown != 0 && unk != nil && wc.shareUnknown {
		return s, hasUpper
	}
	return nil, false
}

// normLookupSlow is the lookup after its fast path (cachedSlot) failed.
func (l *lexicon) normLookupSlow(text string, start, end int, scratch []byte, unk unknownWords, wc *wordCache) (string, *vocabInfo, wordFacts, int32) {
	word := text[start:end]
	// one pass lower-cases into scratch and finds whether word is ASCII
	// (and packs the word cache's key on the way)
	lower := true
	var k [2]uint64
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			norm := wc.normWide(word)
			i := l.infoOr(norm, unk)
			return norm, i, tokenFacts(norm, i), i.id
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			lower = false
		}
		scratch = append(scratch, c)
		if i < wordCacheKey {
			k[i>>3] |= uint64(c) << (8 * (i & 7))
		}
	}
	if wc != nil {
		if s := wc.getKey(k[0], k[1], scratch); s != nil {
			if s.info != nil && s.facts()&fUnknown == 0 {
				if s.facts()&fExact != 0 {
					// the entry's word is the lower-cased word: word itself
					// when it was lower case (so the entry is not read)
					if lower {
						return word, s.info, s.facts() &^ fNoGaz, s.id()
					}
					return s.info.word, s.info, s.facts() &^ fNoGaz, s.id()
				}
				if w := s.info.word; len(w) == len(scratch)+1 && w[len(w)-1] == 'g' {
					return w, s.info, s.facts() &^ fNoGaz, s.id() // "jumpin" read as "jumping" (see known)
				}
				return l.keep(word, scratch, lower), s.info, s.facts() &^ fNoGaz, s.id() // "dave's" found as "dave"
			}
			if unk == nil {
				return l.keep(word, scratch, lower), &unknownWord, fUnknown, 0
			}
			if wc.shareUnknown && s.info != nil {
				// the cache's own entry of the unknown word, with classify's
				// verdicts from earlier texts (see wordCache.shareUnknown)
				if lower {
					return word, s.info, s.facts() &^ fNoGaz, s.id()
				}
				return s.info.word, s.info, s.facts() &^ fNoGaz, s.id()
			}
			if u, ok := unk[string(scratch)]; ok {
				return u.word, u, tokenFacts(u.word, u), u.id
			}
			norm := l.keep(word, scratch, lower)
			u := newUnknown(norm)
			unk[norm] = u
			return norm, u, tokenFacts(norm, u), u.id
		}
	}
	if lower {
		i := l.infoOr(word, unk)
		return word, i, tokenFacts(word, i), i.id
	}
	if info, ok := l.vocab[string(scratch)]; ok {
		return info.word, info, tokenFacts(info.word, info), info.id
	}
	if info, ok := unk[string(scratch)]; ok {
		return info.word, info, tokenFacts(info.word, info), info.id
	}
	norm := string(scratch)
	i := l.infoOr(norm, unk)
	return norm, i, tokenFacts(norm, i), i.id
}

// tokenFacts returns the facts of a token with word norm and entry info.
func tokenFacts(norm string, info *vocabInfo) wordFacts {
	f := info.facts
	if len(info.word) == len(norm) {
		f |= fExact
	}
	return f
}

// digitsOnly reports whether s is one or more ASCII digits.
func digitsOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// keep returns the lower-cased word as a string: the word itself when it
// was lower case already.
func (l *lexicon) keep(word string, lowered []byte, lower bool) string {
	if lower {
		return word
	}
	return string(lowered)
}

// newUnknown returns the per-text entry of an unknown word, with room for
// classify's verdicts in the same allocation.
func newUnknown(norm string) *vocabInfo {
	u := &struct {
		vocabInfo
		memo [8]classVerdict
	}{vocabInfo: vocabInfo{word: norm, unknown: true, facts: fUnknown, cue: cueIndex()[norm]}}
	u.vocabInfo.memo = &u.memo
	u.vocabInfo.setSG()
	return &u.vocabInfo
}

// infoOr is info, with unknown words kept in unk when it is not nil.
func (l *lexicon) infoOr(norm string, unk unknownWords) *vocabInfo {
	info := l.info(norm)
	if info != &unknownWord || unk == nil {
		return info
	}
	if u, ok := unk[norm]; ok {
		return u
	}
	u := newUnknown(norm)
	unk[norm] = u
	return u
}

// info returns the vocabulary entry of a normalised word (see known), or
// unknownWord.
func (l *lexicon) info(norm string) *vocabInfo {
	if digitsOnly(norm) {
		// a number (most are not words): the few listed are in digitVocab
		if i, ok := l.digitVocab[norm]; ok {
			return i
		}
		return &unknownWord
	}
	if i := l.known(norm); i != nil {
		return i
	}
	return &unknownWord
}

var (
	lexOnce sync.Once
	lexData *lexicon
)

// anagramWords are the strong words whose letters are often swapped
// ("fcuk", "cnut"); other words are too close to ordinary ones.
var anagramWords = map[string]bool{"fuck": true, "fucker": true, "fucking": true, "cunt": true,
	"fuckin": true, "fucked": true, "fuckers": true,
	"shit": true, "twat": true, "wank": true, "wanker": true, "bitch": true, "whore": true,
	"bastard": true, "bollocks": true, "fucks": true, "cunts": true, "wankers": true}

// lex returns the shared lexicon, parsing the embedded files on first use.
// A malformed embedded file is a programming error, so it panics.
func abuseLex() *lexicon {
	lexOnce.Do(func() {
		l, err := loadLexicon()
		if err != nil {
			panic(err)
		}
		lexData = l
	})
	return lexData
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{
		words:      map[string]lexEntry{},
		byLen:      map[int][]string{},
		innocent:   map[string]bool{},
		english:    make(map[string]bool, 80000),
		insultNoun: map[string]bool{},
		insultWeak: map[string]bool{},
		insultMod:  map[string]bool{},
		simileAdj:  map[string]bool{},
		skel:       map[string]string{},
		anagram:    map[string]string{},
		single:     map[string]string{},
		stems: []stem{{"fuck", true}, {"shit", true}, {"cunt", true}, {"wank", true}, {"twat", true},
			{"nigger", true}, {"nigga", true}, {"bitch", true}, {"whore", true}, {"slut", true},
			{"bastard", true}, {"bollock", true}, {"pussy", true}, {"faggot", true}, {"dildo", true},
			{"jizz", true}, {"spunk", true}, {"cock", false}, {"dick", false}, {"piss", false},
			{"tits", false}, {"arse", false}, {"porn", false}, {"ass", false}, {"cum", false},
			{"tard", false}, {"sex", false}, {"butt", false}, {"crotch", false}, {"penis", false}, {"fag", false},
			{"masterb", true}, {"mastrb", true}, {"turd", false}, {"douche", true}},
	}
	for _, f := range []struct {
		name           string
		curated, exact bool
	}{{"profanity.txt", true, false}, {"foreign.txt", true, true}, {"slang.txt", false, false}} {
		err := eachLine(f.name, func(line string, n int) error {
			fs := strings.Fields(line)
			if len(fs) != 3 {
				return fmt.Errorf("want 3 fields, got %d", len(fs))
			}
			g, err := strconv.Atoi(fs[1])
			if err != nil || g < 0 || g > 4 {
				return fmt.Errorf("bad grade %q", fs[1])
			}
			var c lexCategory
			switch fs[2] {
			case "swear":
				c = catSwear
			case "sexual":
				c = catSexual
			case "slur":
				c = catSlur
			case "abbrev":
				c = catAbbrev
			default:
				return fmt.Errorf("bad category %q", fs[2])
			}
			fs[0] = normWord(fs[0])
			if _, dup := l.words[fs[0]]; dup && !f.curated {
				return nil // the curated grade wins
			}
			l.words[fs[0]] = lexEntry{grade: int8(g), cat: c, curated: f.curated, exact: f.exact}
			if f.curated && !f.exact && g >= gradeModerate {
				w := fs[0]
				k := len(w)<<8 | int(w[0])
				l.byLen[k] = append(l.byLen[k], w)
				// 'v' is read as 'u' in skeletons ("fvck"), so words with a
				// 'v' of their own ("perv" ~ "Peru") stay out
				if len(w) >= 4 && c != catSlur && !strings.Contains(w, "v") {
					if _, ok := l.skel[skeleton(w)]; !ok {
						l.skel[skeleton(w)] = w
					}
				}
				if anagramWords[w] {
					l.anagram[sortedKey(w)] = w
				}
				if sq, ok := squeeze(w, 1); ok && g >= gradeStrong && len(sq) >= 4 {
					l.single[sq] = w
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if err := eachLine("innocent.txt", func(line string, _ int) error {
		l.innocent[line] = true
		return nil
	}); err != nil {
		return nil, err
	}
	if err := loadWordsGz("english.txt.gz", l.english); err != nil {
		return nil, err
	}
	l.addDictionaryInflections()
	l.allow = newPhraseSet()
	if err := eachLine("allow.txt", func(line string, _ int) error {
		l.allow.add(line)
		return nil
	}); err != nil {
		return nil, err
	}
	l.phrases = map[string][]gradedPhrase{}
	if err := eachLine("phrases.txt", func(line string, _ int) error {
		head, words, ok := strings.Cut(line, ":")
		hs := strings.Fields(head)
		ws := strings.Fields(normWord(words))
		if !ok || len(hs) != 2 || len(ws) < 2 {
			return fmt.Errorf("want \"grade category: words\"")
		}
		g, err := strconv.Atoi(hs[0])
		if err != nil {
			return fmt.Errorf("bad grade %q", hs[0])
		}
		c := catSwear
		switch hs[1] {
		case "sexual":
			c = catSexual
		case "slur":
			c = catSlur
		}
		l.phrases[ws[0]] = append(l.phrases[ws[0]], gradedPhrase{rest: ws[1:], entry: lexEntry{grade: int8(g), cat: c, curated: true}})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := loadNamedLists("insults.txt", map[string]map[string]bool{"noun": l.insultNoun, "weak": l.insultWeak,
		"mod": l.insultMod, "simile": l.simileAdj}); err != nil {
		return nil, err
	}
	var err error
	if l.threat, err = loadPatterns("threat.txt"); err != nil {
		return nil, err
	}
	if l.safeguarding, err = loadPatterns("safeguarding.txt"); err != nil {
		return nil, err
	}
	if l.discrimination, err = loadPatterns("discrimination.txt"); err != nil {
		return nil, err
	}
	l.buildVocab()
	l.strongHeads = strongHeadsOf(l.words)
	return l, nil
}

// addDictionaryInflections lists the inflections of swear words that the
// dictionary happens to hold ("bullshits", "cocksuckers", "niggaz"): as
// dictionary words they would otherwise be taken as ordinary. Short and
// ambiguous stems ("cock", "prick", "dick") are left out, so "cocked" and
// "pricking" stay ordinary.
func (l *lexicon) addDictionaryInflections() {
	var add []string
	var entries []lexEntry
	for w, e := range l.words {
		if !e.curated || e.exact || e.grade < gradeModerate || len(w) < 5 || nameLike[w] || needleWords[w] || ordinarySense[w] {
			continue
		}
		for _, suf := range []string{"s", "es", "ed", "ing", "er", "ers", "z"} {
			f := w + suf
			if _, ok := l.words[f]; !ok && l.english[f] {
				add = append(add, f)
				entries = append(entries, e)
			}
		}
	}
	for i, f := range add {
		l.words[f] = entries[i]
		delete(l.innocent, f)
	}
}

// ordinarySense are swear words whose inflections have an ordinary sense
// ("retarding" the growth, "perverting" the course of justice).
var ordinarySense = map[string]bool{"retard": true, "pervert": true, "wench": true, "spastic": true, "bugger": true}

// loadWordsGz adds each line of a gzipped embedded word list to m.
func loadWordsGz(name string, m map[string]bool) error {
	f, err := lexiconFS.Open("lexicon/" + name)
	if err != nil {
		return fmt.Errorf("lexicon %s: %w", name, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("lexicon %s: %w", name, err)
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = true
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon %s: %w", name, err)
	}
	return nil
}

// eachLine calls fn for each non-blank, non-comment line of an embedded file.
func eachLine(name string, fn func(line string, n int) error) error {
	f, err := lexiconFS.Open("lexicon/" + name)
	if err != nil {
		return fmt.Errorf("lexicon %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(line, n); err != nil {
			return fmt.Errorf("lexicon %s line %d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// lookup returns the entry for a normalised word.
func (l *lexicon) lookup(w string) (lexEntry, bool) {
	e, ok := l.words[w]
	return e, ok
}

// gradedPhrase is a swear phrase after its first word ("off" of "jerk off").
type gradedPhrase struct {
	rest  []string
	entry lexEntry
}

// phraseAt matches a graded phrase starting at token i and returns its last
// token.
func (l *lexicon) phraseAt(toks []wtok, i int) (int, lexEntry, bool) {
	if !toks[i].masked && toks[i].info != nil && toks[i].facts&fPhraseFirst == 0 {
		return 0, lexEntry{}, false
	}
	var phrases []gradedPhrase
	if t := &toks[i]; !t.masked && t.info != nil && t.facts&fExact != 0 {
		// the entry's word is the token's: its entry holds the phrases
		if t.info.phrasing != nil {
			phrases = t.info.phrasing.graded
		}
	} else {
		phrases = l.phrases[phraseWord(t)]
	}
	for _, p := range phrases {
		if i+len(p.rest) >= len(toks) {
			continue
		}
		ok := true
		for j, w := range p.rest {
			if t := &toks[i+1+j]; t.sentence != toks[i].sentence || phraseWord(t) != w {
				ok = false
				break
			}
		}
		if ok {
			return i + len(p.rest), p.entry, true
		}
	}
	return 0, lexEntry{}, false
}

// phraseWord is a token's word with look-alike symbols undone.
func phraseWord(t *wtok) string {
	if t.masked {
		if d, ok := deleet(t.norm); ok {
			return d
		}
	}
	return t.norm
}

// phraseSet matches fixed word sequences ("faggots and mushy peas") against
// tokens. Phrases are indexed by their first word.
type phraseSet struct {
	first map[string][][]string
}

func newPhraseSet() *phraseSet { return &phraseSet{first: map[string][][]string{}} }

func (p *phraseSet) add(phrase string) {
	ws := strings.Fields(normWord(phrase))
	p.first[ws[0]] = append(p.first[ws[0]], ws[1:])
}

// hasWord reports a phrase of one word, w: "romania" in the allow set.
func (p *phraseSet) hasWord(w string) bool {
	for _, rest := range p.first[w] {
		if len(rest) == 0 {
			return true
		}
	}
	return false
}

// covered marks every wtok that lies inside an occurrence of a phrase.
// p is the lexicon's allow set, whose phrases' rests the vocabulary
// entries of their first words hold (vocabInfo.phrasing): a token read
// as its entry's word takes them from there instead of hashing the word.
func (p *phraseSet) covered(toks []wtok) []bool {
	var out []bool
	for i := range toks {
		var rests [][]string
		switch t := &toks[i]; {
		case t.info != nil && t.facts&fAllowFirst == 0:
			continue
		case t.info != nil && t.facts&fExact != 0:
			if t.info.phrasing != nil {
				rests = t.info.phrasing.allow
			}
		default:
			rests = p.first[t.norm]
		}
		if len(rests) == 0 {
			continue
		}
		for _, rest := range rests {
			if i+len(rest) >= len(toks) {
				continue
			}
			match := true
			for j, w := range rest {
				if toks[i+1+j].norm != w {
					match = false
					break
				}
			}
			if match {
				if out == nil {
					out = make([]bool, len(toks))
				}
				for j := i; j <= i+len(rest); j++ {
					out[j] = true
				}
			}
		}
	}
	return out
}

// loadNamedLists reads a lexicon file of "list word word ..." lines into
// the named word sets; a line naming no known list is an error.
func loadNamedLists(file string, lists map[string]map[string]bool) error {
	return eachLine(file, func(line string, _ int) error {
		fs := strings.Fields(line)
		m, ok := lists[fs[0]]
		if !ok {
			return fmt.Errorf("unknown list %q", fs[0])
		}
		for _, w := range fs[1:] {
			m[w] = true
		}
		return nil
	})
}
