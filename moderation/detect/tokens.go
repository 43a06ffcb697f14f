package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// wtok is one word of a text. Words keep in-word evasion symbols
// ("f*ck", "sh!t", "b@st@rd"), internal apostrophes ("don't", "f*ck's") and
// internal hyphens ("sour-faced"). Offsets are bytes.
type wtok struct {
	start, end int
	// norm is the lower-cased word with curly apostrophes made straight and
	// accents removed; it aliases the text when nothing had to change.
	norm string
	// sentence is the index of the sentence the wtok belongs to.
	sentence int
	// punctAfter is the punctuation between this wtok and the next one
	// (',' ';' ':' '.' '!' '?' or '\n'), 0 for plain space.
	punctAfter byte
	upper      bool // first letter is upper case
	caps       bool // every letter is upper case and there are at least two
	first      bool // first word of its sentence
	// nextKey is nextKey of the token, set by lexicon.annotate (0, which
	// every nextFilter lets pass, before)
	nextKey uint16
	// plain is set by lexicon.annotate for a token every rule of
	// profanityHits turns down (see there)
	plain    bool
	info     *vocabInfo // set by lexicon.annotate
	masked   bool       // contains '*' or another evasion symbol or a digit among letters
	oddPiece bool       // set by lexicon.annotate: oddPiece of this wtok
	facts    wordFacts  // info.facts, and fExact when norm is info.word
	id       int32      // info.id
}

// wordRune reports whether r can start or continue a word.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return abwClass[r]&(abwLetter|abwDigit) != 0
	}
	return wordRuneWide(r)
}

// generalPunct reports whether r is in the General Punctuation block
// (U+2000-U+206F: spaces, dashes, quotes, ellipsis), which holds no letter,
// digit or mark.
func generalPunct(r rune) bool { return r >= 0x2000 && r <= 0x206F }

// wordRuneWide is wordRune for runes outside ASCII (kept apart so that
// wordRune inlines).
func wordRuneWide(r rune) bool {
	if generalPunct(r) {
		return false // quotes and dashes, the usual runes outside ASCII
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) ||
		unicode.Is(unicode.Nl, r) || enclosedLetter(r) != 0 || r == '🖕' || r == '⊂'
}

// isMaskRune reports whether r is a symbol used to disguise letters inside a
// word ("f*ck", "sh!t", "b@st@rd", "$hit", "sh!+").
func isMaskRune(r rune) bool {
	switch r {
	case '*', '@', '$', '!', '+', '#', '%', '¡', '|', '€', '^', '<', '&', '†':
		return true
	}
	return false
}

// ASCII character classes, so that plain text never calls package unicode.
const (
	abwLetter uint8 = 1 << iota
	abwUpper
	abwLower
	abwDigit
)

var abwClass = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = abwLetter | abwLower
		t[c-'a'+'A'] = abwLetter | abwUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = abwDigit
	}
	return t
}()

// abwWordOrStar marks the ASCII letters, digits and '*'.
var abwWordOrStar = func() (t [128]bool) {
	for c := range t {
		t[c] = abwClass[c]&(abwLetter|abwDigit) != 0 || c == '*'
	}
	return t
}()

// decodeRune is utf8.DecodeRuneInString with a fast path for ASCII.
func decodeRune(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return decodeRuneWide(s, i)
}

// decodeRuneWide decodes the rune at s[i:], out of line so that decodeRune
// inlines.
//
//go:noinline
func decodeRuneWide(s string, i int) (rune, int) { return utf8.DecodeRuneInString(s[i:]) }

func isLetterRune(r rune) bool {
	if r < utf8.RuneSelf {
		return abwClass[r]&abwLetter != 0
	}
	return wideIs(unicode.IsLetter, r)
}

func isDigitRune(r rune) bool {
	if r < utf8.RuneSelf {
		return abwClass[r]&abwDigit != 0
	}
	return wideIs(unicode.IsDigit, r)
}

func isLowerRune(r rune) bool {
	if r < utf8.RuneSelf {
		return abwClass[r]&abwLower != 0
	}
	return wideIs(unicode.IsLower, r)
}

func isUpperRune(r rune) bool {
	if r < utf8.RuneSelf {
		return abwClass[r]&abwUpper != 0
	}
	return wideIs(unicode.IsUpper, r)
}

// wideIs calls a package unicode test out of line, so that the ASCII
// tests above inline.
//
//go:noinline
func wideIs(f func(rune) bool, r rune) bool { return f(r) }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' }

// tokenize splits text into words in one pass. It never backtracks more than
// one rune, so it is linear in the length of the text.
func splitWords(text string) []wtok {
	return splitWordsInto(make([]wtok, 0, len(text)/5+1), text, nil, nil, nil)
}

// splitWordsInto is splitWords appending to toks, so that a buffer can be
// reused. With a lexicon it also looks each word up in its vocabulary (and
// reuses the vocabulary's copy of a lower-cased word instead of allocating).
func splitWordsInto(toks []wtok, text string, lx *lexicon, unk unknownWords, wc *wordCache) []wtok {
	return splitWordsWith(toks, text, lx, unk, wc, nil, 0)
}

// splitWordsWith is splitWordsInto that takes the words the identity
// tokenizer read and looked up (shared, sorted, at offsets base bytes
// before text's) as they are: most words of a text are plain ones, and
// this way each is read and looked up once for both rule families.
func splitWordsWith(toks []wtok, text string, lx *lexicon, unk unknownWords, wc *wordCache, shared []sharedWord, base int) []wtok {
	var scratch [64]byte
	sentence := 0
	i := 0
	for i < len(text) {
		if text[i] == ' ' {
			i++ // the most common byte between words
			continue
		}
		for len(shared) > 0 && int(shared[0].start) < base+i {
			shared = shared[1:]
		}
		if len(shared) > 0 && int(shared[0].start) == base+i && int(shared[0].end)-base <= len(text) && lx != nil && wc != nil {
			n := len(shared)
			toks, shared, i = takeShared(toks, text, shared, i, base, sentence, unk != nil && wc.shareUnknown)
			if len(shared) == n {
				// a word the slot does not decide: looked up here
				w := &shared[0]
				start, end := i, int(w.end)-base
				norm, info, facts, id := lx.normLookupSlow(text, start, end, scratch[:0], unk, wc)
				toks = append(toks, wtok{})
				t := &toks[len(toks)-1]
				t.start, t.end = start, end
				t.norm, t.info, t.facts, t.id = norm, info, facts, id
				t.sentence = sentence
				t.first = len(toks) == 1 || toks[len(toks)-2].sentence != sentence
				t.upper, t.caps = w.upper, w.allUpper && end-start >= 2
				shared = shared[1:]
				i = end
			}
			continue
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = decodeRune(text, i)
		}
		startsWord := wordRune(r) || ((r == '@' || r == '$' || r == '&' || r == '<') && letterAt(text, i+size)) ||
			((r == '$' || r == '@' || r == '#' || r == '*') && maskedWordAhead(text, i+size))
		if !startsWord {
			switch r {
			case '.', '!', '?':
				// a full stop inside "f.u.c.k" is not a sentence end: only
				// count it when a space or the end follows
				if r != '.' || i+1 >= len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '"' || text[i+1] == '\'' {
					if n := len(toks); n > 0 && toks[n-1].sentence == sentence {
						sentence++
					}
				}
				markWordPunct(toks, byte(r))
			case '\n':
				if n := len(toks); n > 0 && toks[n-1].sentence == sentence {
					sentence++
				}
				markWordPunct(toks, '\n')
			case ',', ';', ':', '(', ')', '–', '—', '"', '“', '”':
				if r == ',' || r == ';' || r == ':' {
					markWordPunct(toks, byte(r))
				} else {
					markWordPunct(toks, ',')
				}
			}
			i += size
			continue
		}
		start := i
		i += size
		upper := isUpperRune(r)
		masked := !isLetterRune(r) && enclosedLetter(r) == 0 && r != '🖕'
		letters, lower := 0, 0
		if isLetterRune(r) || enclosedLetter(r) != 0 || r == '🖕' {
			letters++
			if isLowerRune(r) {
				lower++
			}
		}
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				// plain ASCII letters and digits: the common case
				if cl := abwClass[c]; cl != 0 {
					if cl&abwDigit != 0 {
						masked = true
					} else {
						letters++
						if cl&abwLower != 0 {
							lower++
						}
					}
					i++
					continue
				}
				if c == ' ' || c == '\n' || c == ',' || c == '.' {
					break // the usual ends of a word, none of them a mask, bracket or joiner
				}
			}
			r, size = decodeRune(text, i)
			if wordRune(r) {
				if isDigitRune(r) {
					masked = true
				} else if isLetterRune(r) || enclosedLetter(r) != 0 || r == '🖕' {
					letters++
					if isLowerRune(r) {
						lower++
					}
				}
				i += size
				continue
			}
			if isMaskRune(r) {
				// "f***" and "sh!t" keep their symbols; a trailing "!" or "?"
				// of an exclamation does not belong to the word
				if r == '!' && !letterAt(text, i+size) {
					break
				}
				masked = true
				i += size
				continue
			}
			if (isApostrophe(r) || r == '-') && letterAt(text, i+size) {
				i += size
				continue
			}
			if r == '-' && i+size < len(text) && isMaskRune(rune(text[i+size])) && text[i+size] != '!' && letterAt(text, i+size+1) {
				i += size // "f-u-<-k"
				continue
			}
			if k := bracketRun(text, i); k > i && letters > 0 && letterAt(text, k) {
				// "f()()ker", "f[_]cking", "f__kin": brackets and
				// underscores standing for letters
				masked = true
				i = k
				continue
			}
			if r == '-' {
				// "f-----g", "f--k": a run of hyphens between letters hides letters
				k := i
				for k < len(text) && text[k] == '-' {
					k++
				}
				if k-i >= 2 && letterAt(text, k) {
					masked = true
					i = k
					continue
				}
			}
			break
		}
		word := text[start:i]
		if letters == 0 && !hasStar(word) {
			// a bare number is not a word for these detectors
			toks = append(toks, wtok{start: start, end: i, norm: word, sentence: sentence})
			continue
		}
		norm, info, facts, id := word, (*vocabInfo)(nil), wordFacts(0), int32(0)
		if lx != nil {
			// the word's lookup: the word cache, else the vocabulary
			if s, hasUpper := wc.cachedSlot(text, start, i, unk); s != nil {
				info, facts, id = s.info, s.facts()&^fNoGaz, s.id()
				if hasUpper {
					norm = info.word
				}
			} else {
				norm, info, facts, id = lx.normLookupSlow(text, start, i, scratch[:0], unk, wc)
			}
		} else {
			norm = normWord(word)
		}
		first := len(toks) == 0 || toks[len(toks)-1].sentence != sentence
		// filled in place: a token built on the stack and copied in a
		// piece stalls the store buffer
		toks = append(toks, wtok{})
		t := &toks[len(toks)-1]
		t.start, t.end = start, i
		t.norm, t.info, t.facts, t.id = norm, info, facts, id
		t.sentence = sentence
		t.upper, t.caps, t.first, t.masked = upper, letters >= 2 && lower == 0, first, masked
		if masked && letters == 1 && lower == 0 && !first && toks[len(toks)-2].caps && !shortTitle(toks[len(toks)-2].norm) {
			t.caps = true // "WHAT THE F***" is shouted, not a name cut to its initial ("DR S***")
		}
	}
	return toks
}

// takeShared appends the tokens of the run of shared words that starts at
// byte i of text (shared[0] starts there), one space apart, and returns
// the tokens, the shared words left and the byte after the run. It stops
// before a word whose word cache slot does not decide it (see
// splitWordsWith), which it leaves to the caller. Within a run the
// sentence does not change, so only the run's first word may be its
// sentence's first. It is splitWordsWith's common case, kept apart and
// without calls so that its loop holds its variables in registers.
func takeShared(toks []wtok, text string, shared []sharedWord, i, base, sentence int, shareUnk bool) ([]wtok, []sharedWord, int) {
	first := len(toks) == 0 || toks[len(toks)-1].sentence != sentence
	for len(shared) > 0 {
		w := &shared[0]
		facts := wordFacts(w.meta & (1<<metaGazShift - 1))
		// as in cachedSlot: the slot decides the word when its entry's
		// word is the lower-cased word
		if !(facts&fUnknown == 0 && facts&fExact != 0 || facts&fUnknown != 0 && shareUnk) {
			break
		}
		end := int(w.end) - base
		// the entry's word is the word lower-cased (fExact, or the
		// slot's own entry of an unknown word): text[i:end] itself when
		// the word has no capital
		norm := w.info.word
		toks = append(toks, wtok{})
		t := &toks[len(toks)-1]
		t.start, t.end = i, end
		t.norm, t.info, t.facts, t.id = norm, w.info, facts&^fNoGaz, int32(w.meta>>metaIDShift)
		t.sentence = sentence
		t.first = first
		t.upper, t.caps = w.upper, w.allUpper && end-i >= 2
		shared = shared[1:] // taken: the caller's loop need not drop it
		i = end
		if len(shared) == 0 || int(shared[0].start)-base != i+1 || int(shared[0].end)-base > len(text) || text[i] != ' ' {
			break
		}
		i++
		first = false
	}
	return toks, shared, i
}

// maskedWordAhead reports whether the bytes from i on are a run of
// letters, digits and disguising symbols that holds a letter: "$#1t" and
// "@$$" are words, "$ 20" and "* * *" are not.
func maskedWordAhead(text string, i int) bool {
	for k := i; k < len(text) && k < i+24; k++ {
		c := text[k]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			return true
		case '0' <= c && c <= '9', c == '$', c == '@', c == '#', c == '*', c == '!', c == '+', c == '%':
			continue
		}
		return false
	}
	return false
}

// bracketRun returns the end of a run of brackets and underscores that
// starts at i inside a word ("()()", "[_]", "__", "_"), or i when there is
// none. A lone bracket ("word(s)") is not a run.
func bracketRun(text string, i int) int {
	k := i
	for k < len(text) && strings.IndexByte("()[]{}_", text[k]) >= 0 {
		k++
	}
	if k-i == 1 && text[i] != '_' {
		return i
	}
	if k-i >= 2 && text[i] != '_' && strings.IndexByte("([{", text[i]) < 0 {
		return i // a closing bracket after a word: "(word)"
	}
	return k
}

func hasStar(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' {
			return true
		}
	}
	return false
}

func letterAt(text string, i int) bool {
	if i < len(text) && text[i] < utf8.RuneSelf {
		return abwWordOrStar[text[i]]
	}
	return letterAtWide(text, i)
}

// letterAtWide is letterAt for a rune outside ASCII (or past the end).
func letterAtWide(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := decodeRune(text, i)
	return isLetterRune(r) || isDigitRune(r) || r == '*'
}

// markWordPunct records the strongest punctuation after the last wtok.
func markWordPunct(toks []wtok, p byte) {
	n := len(toks)
	if n == 0 {
		return
	}
	cur := toks[n-1].punctAfter
	if cur == 0 || wordPunctRank(p) > wordPunctRank(cur) {
		toks[n-1].punctAfter = p
	}
}

func wordPunctRank(p byte) int {
	switch p {
	case ',', ':', ';':
		return 1
	case '.', '!', '?':
		return 2
	case '\n':
		return 3
	}
	return 0
}

// shortTitle reports the titles a name cut to its initial follows in
// capitals: "DR S***", "MRS P***".
func shortTitle(w string) bool {
	switch w {
	case "dr", "mr", "mrs", "ms", "miss", "nurse", "sister", "prof":
		return true
	}
	return false
}
