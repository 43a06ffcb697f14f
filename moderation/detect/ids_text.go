package detect

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// tokKind classifies a token of the identity detectors' single pass.
type tokKind uint8

const (
	tWord  tokKind = iota // letters, maybe with digits and inner apostrophes
	tNum                  // ASCII digits only
	tPunct                // one rune that is neither space nor word
	tPoss                 // a possessive ’s / 's split off a word
)

// token is a byte range of the text. Spaces are not tokens; nl and gap say
// what whitespace came before the token.
type token struct {
	start, end int32 // bytes; int32 keeps the token list small
	kind       tokKind
	nl         bool    // a line break before this token
	gap        bool    // any whitespace before this token
	upper      bool    // first rune is upper case
	allUpper   bool    // every letter is upper case
	digit      bool    // contains a digit
	gaz        uint8   // with gazKnown: the word's gazetteer flags, from the word cache; else unknown
	capWord    bool    // what doc.capWord reports, worked out once
	cls        idClass // the word lists the word (lower-cased) is in
}

// doc is a text cut into tokens once and shared by every identity rule.
type doc struct {
	text string
	toks []token
	// digits reports whether a token holds a digit: without one, the
	// rules that need an ASCII digit (numbers, NI numbers, postcodes,
	// hospital numbers) cannot fire and are skipped
	digits bool
	spans  []moderation.Span // identity.Find's buffer, kept between calls
	// classes holds the classes of every word token, or-ed together:
	// nextClass reads it to skip a rule whose words the text lacks
	classes idClass
	// words are the plain words tokenize looked up, for the abuse
	// tokenizer to take as they are (see sharedWord), kept when share is
	// set
	words []sharedWord
	share bool
	// lower caches lowerWriter's answer for the text (lowerKnown: worked
	// out), which tokenize resets
	lower, lowerKnown bool
}

// sharedWord is a word the identity tokenizer looked up in the word cache,
// which the abuse tokenizer (splitWordsWith) then takes as it is instead of
// reading and looking it up again: a run of ASCII letters ended by a
// space, line break, comma, full stop or the end of the text, which both
// tokenizers cut alike.
type sharedWord struct {
	start, end int32
	meta       uint32     // the word cache slot's meta
	upper      bool       // the first letter is upper case
	allUpper   bool       // no letter is lower case
	info       *vocabInfo // the slot's entry
}

var docPool = sync.Pool{New: func() any { return &doc{toks: make([]token, 0, 256)} }}

func isApos(r rune) bool { return r == '\'' || r == '’' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return idASCII[r]&(idLetter|idDigit) != 0
	}
	return isWordRuneWide(r)
}

// isWordRuneWide is isWordRune outside ASCII, out of line so that
// isWordRune inlines.
func isWordRuneWide(r rune) bool {
	if generalPunct(r) {
		return false // quotes and dashes, the usual runes outside ASCII
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize cuts text into tokens in one pass, linear in its length.
// A word's classes come from the word cache wc when it is not nil.
func (d *doc) tokenize(text string, wc *wordCache) {
	d.text = text
	if want := len(text)/5 + 16; cap(d.toks) < want {
		d.toks = make([]token, 0, want) // one allocation: about one token per five bytes
	}
	d.toks = d.toks[:0]
	d.words = d.words[:0]
	if want := len(text)/5 + 16; d.share && cap(d.words) < want {
		// one allocation, not a doubling series: most words are shared
		d.words = make([]sharedWord, 0, want)
	}
	d.digits = false
	d.classes = 0
	d.lower, d.lowerKnown = false, false
	nl, gap := false, false
	for i := 0; i < len(text); {
		c := text[i]
		if sp := idSpace[c]; sp != 0 {
			gap = true
			nl = nl || sp == 2
			i++
			continue
		}
		if f := idByte[c]; f != 0 {
			// the fast path: a run of ASCII letters and digits that ends
			// at an ASCII byte other than an apostrophe (or at the end),
			// which the general path below would read the same way
			j, rest := i+1, uint8(0)
			for j < len(text) {
				g := idByte[text[j]]
				if g == 0 {
					break
				}
				rest |= g
				j++
			}
			if j == len(text) || text[j] < utf8.RuneSelf && text[j] != '\'' {
				d.toks = append(d.toks, token{})
				t := &d.toks[len(d.toks)-1]
				d.fastWord(t, text, i, j, f, rest, nl, gap, wc)
				nl, gap = false, false
				i = j
				continue
			}
		} else if c < utf8.RuneSelf {
			// ASCII punctuation: a token of its own
			d.toks = append(d.toks, token{start: int32(i), end: int32(i + 1), kind: tPunct, nl: nl, gap: gap})
			nl, gap = false, false
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				gap = true
				i += size
				continue
			}
		}
		// the token is filled in place: a token built on the stack and
		// copied in a piece stalls the store buffer
		d.toks = append(d.toks, token{})
		t := &d.toks[len(d.toks)-1]
		t.start, t.nl, t.gap = int32(i), nl, gap
		nl, gap = false, false
		if !isWordRune(r) {
			t.end = int32(i + size)
			t.kind = tPunct
			i += size
			continue
		}
		t.upper = unicode.IsUpper(r)
		// the ASCII letters and digits of the word are read by a tight
		// loop that only gathers their classes (seen: the first byte,
		// rest: the others); anything else (an apostrophe, a rune outside
		// ASCII) goes through the slow path below, which counts in the
		// booleans
		var seen, rest uint8
		j := i
		if f := idByte[text[i]]; f != 0 {
			seen, j = f, i+1
		}
		wideLetter, wideDigit, wideLower := false, false, false
		ascii := seen != 0 // every rune so far is an ASCII letter or digit
		for {
			for j < len(text) {
				f := idByte[text[j]]
				if f == 0 {
					break
				}
				rest |= f
				j++
			}
			if j >= len(text) || text[j] < utf8.RuneSelf && text[j] != '\'' {
				break // any other ASCII byte ends the word
			}
			ascii = false
			r, size := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[j:])
			}
			if isWordRune(r) {
				if unicode.IsDigit(r) {
					wideDigit = true
				} else if unicode.IsLetter(r) {
					wideLetter = true
					if !unicode.IsUpper(r) {
						wideLower = true
					}
				}
				j += size
				continue
			}
			if isApos(r) && j+size < len(text) && ((seen|rest)&idLetter != 0 || wideLetter) {
				// keep O’Rourke and didn’t whole; split a final possessive ’s
				n, nsize := utf8.DecodeRuneInString(text[j+size:])
				if unicode.IsLetter(n) {
					if (n == 's' || n == 'S') && !followsLetter(text, j+size+nsize) {
						break
					}
					j += size
					continue
				}
			}
			break
		}
		acc := seen | rest
		letters := acc&idLetter != 0 || wideLetter
		allUpper := acc&idLower == 0 && !wideLower
		upperRest := rest&idUpper != 0 // an upper-case ASCII letter after the first byte
		digits := acc&idDigit != 0 || wideDigit
		t.end = int32(j)
		t.digit = digits
		d.digits = d.digits || t.digit
		if letters && j-i <= 24 {
			d.lookUp(t, text, i, j, wc.getText(text, i, j), ascii && acc&idDigit == 0,
				'A' <= text[i] && text[i] <= 'Z' && !upperRest, seen&idUpper != 0, acc)
		}
		t.allUpper = letters && allUpper
		if letters {
			t.capWord = t.upper && !digits && (!allUpper || j-i == 1 || j-i <= 4 && utf8.RuneCountInString(text[i:j]) == 1) // "Ó" (Ó Súilleabháin)
		} else {
			t.kind = tNum
		}
		if j < len(text) && (text[j] == '\'' || text[j] == "’"[0]) {
			if r, size := utf8.DecodeRuneInString(text[j:]); isApos(r) && j+size < len(text) && (text[j+size] == 's' || text[j+size] == 'S') && !followsLetter(text, j+size+1) && letters {
				d.toks = append(d.toks, token{start: int32(j), end: int32(j + size + 1), kind: tPoss})
				j += size + 1
			}
		}
		i = j
	}
}

// lookUp sets the word list class and gazetteer flags of token t, the
// word text[i:j] (at most 24 bytes), from its word cache slot s, or from
// idClassOf when the cache has none. A word the abuse tokenizer cuts alike
// (shareable: ASCII letters only) and that a space, line break, comma or
// full stop ends is kept in d.words for it; title is a capital and then
// no capital, upper a capital first letter, acc the classes of all bytes.
func (d *doc) lookUp(t *token, text string, i, j int, s *wordSlot, shareable, title, upper bool, acc uint8) {
	if s == nil {
		var buf [24]byte
		for k := i; k < j; k++ {
			buf[k-i] = lowerTable[text[k]]
		}
		t.cls = idClassOf[string(buf[:j-i])]
		d.classes |= t.cls
		return
	}
	t.cls = s.cls
	d.classes |= t.cls
	if d.share && shareable && (j == len(text) || text[j] == ' ' || text[j] == '\n' || text[j] == ',' || text[j] == '.') {
		d.words = append(d.words, sharedWord{start: int32(i), end: int32(j), meta: s.meta, info: s.info,
			upper: upper, allUpper: acc&idLower == 0})
	}
	switch {
	case s.facts()&fNoGaz != 0:
		t.gaz = gazKnown // no spelling of the word is a name
	case title && s.titleGaz() != titleGazProbe:
		t.gaz = gazKnown | s.titleGaz() // "Florence"
	}
}

// fastWord fills token t for the word text[i:j] of ASCII letters and
// digits (first byte's class f, the others' rest), as the general path of
// tokenize would: such a word has no apostrophe, no rune outside ASCII and
// no possessive after it.
func (d *doc) fastWord(t *token, text string, i, j int, f, rest uint8, nl, gap bool, wc *wordCache) {
	acc := f | rest
	letters := acc&idLetter != 0
	digits := acc&idDigit != 0
	allUpper := acc&idLower == 0
	t.start, t.end, t.nl, t.gap = int32(i), int32(j), nl, gap
	t.upper = f&idUpper != 0
	t.digit = digits
	if digits {
		d.digits = true
	}
	if !letters {
		t.kind = tNum
		return
	}
	if j-i <= 24 {
		if s := wc.getAlnum(text, i, j); s == nil {
			d.lookUp(t, text, i, j, nil, !digits, false, false, acc) // a word too long for the cache
		} else {
			// lookUp's work, written out for this common case: a call
			// with its many arguments cost more than the work
			t.cls = s.cls
			d.classes |= s.cls
			if d.share && !digits && (j == len(text) || shareEnd[text[j]]) {
				if n := len(d.words); n < cap(d.words) {
					// filled in place, as a token is (see tokenize)
					d.words = d.words[:n+1]
					w := &d.words[n]
					w.start, w.end, w.meta, w.info = int32(i), int32(j), s.meta, s.info
					w.upper, w.allUpper = f&idUpper != 0, allUpper
				} else {
					d.words = append(d.words, sharedWord{start: int32(i), end: int32(j), meta: s.meta, info: s.info,
						upper: f&idUpper != 0, allUpper: allUpper})
				}
			}
			switch {
			case s.facts()&fNoGaz != 0:
				t.gaz = gazKnown
			case f&idUpper != 0 && rest&idUpper == 0 && s.titleGaz() != titleGazProbe:
				t.gaz = gazKnown | s.titleGaz()
			}
		}
	}
	t.allUpper = allUpper
	t.capWord = t.upper && !digits && (!allUpper || j-i == 1 || j-i <= 4 && utf8.RuneCountInString(text[i:j]) == 1) // "Ó" (Ó Súilleabháin)
}

// shareEnd marks the bytes that end a word both tokenizers cut alike
// (see sharedWord): a space, line break, comma or full stop.
var shareEnd = func() (t [256]bool) {
	t[' '], t['\n'], t[','], t['.'] = true, true, true, true
	return t
}()

// idSpace marks the bytes tokenize reads as a gap: 1 for a space, tab or
// carriage return, 2 for a line break.
var idSpace = func() (t [256]uint8) {
	t[' '], t['\t'], t['\r'], t['\n'] = 1, 1, 1, 2
	return t
}()

// ASCII character classes for the tokenizer's fast path.
const (
	idLetter = 1 << iota
	idUpper
	idDigit
	idLower
)

// idByte is idASCII for every byte, with idLower on the lower-case
// letters; bytes outside ASCII are 0.
var idByte = func() (t [256]uint8) {
	for c := range idASCII {
		t[c] = idASCII[c]
		if 'a' <= c && c <= 'z' {
			t[c] |= idLower
		}
	}
	return t
}()

var idASCII = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = idLetter
		t[c-'a'+'A'] = idLetter | idUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = idDigit
	}
	return t
}()

// followsLetter reports whether a letter starts at byte i.
func followsLetter(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

func (d *doc) s(i int) string { return d.text[d.toks[i].start:d.toks[i].end] }

// bs and be are the byte offsets where token i starts and ends.
func (d *doc) bs(i int) int { return int(d.toks[i].start) }
func (d *doc) be(i int) int { return int(d.toks[i].end) }

// is reports whether token i exists and equals w, ignoring case.
func (d *doc) is(i int, w string) bool {
	if uint(i) >= uint(len(d.toks)) {
		return false
	}
	t := &d.toks[i]
	// two ASCII first bytes that differ other than in case decide most
	// calls (a rule tries a token against several words) without
	// EqualFold: an ASCII letter folds to no other ASCII byte than its
	// other case, which differs from it in bit 0x20 only
	if c := d.text[t.start]; len(w) > 0 && c|w[0] < utf8.RuneSelf && (c^w[0])&^0x20 != 0 {
		return false
	}
	return foldIs(d.text[t.start:t.end], w)
}

// may reports whether token i exists and may be a word that starts with
// the lower-case ASCII letter c: its first byte is c in either case, or
// outside ASCII (a word starting with ſ or the Kelvin sign folds to "s"
// or "k"). It inlines, so a rule that asks is of a token for words of one
// initial can turn most tokens down without the call.
func (d *doc) may(i int, c byte) bool {
	if uint(i) >= uint(len(d.toks)) {
		return false
	}
	b := d.text[d.toks[i].start]
	return b|0x20 == c || b >= utf8.RuneSelf
}

// lead returns the first byte of token i with bit 0x20 set (an ASCII
// letter lower-cased), 0 when there is no token i: may's test for a rule
// that asks is of one token for words of several initials. A byte
// outside ASCII stays 0x80 or above, which such a rule lets through.
func (d *doc) lead(i int) byte {
	if uint(i) >= uint(len(d.toks)) {
		return 0
	}
	return d.text[d.toks[i].start] | 0x20
}

// nextCap returns the first token from i on that is a capitalised word
// (capWord), or len(d.toks). A rule that reads only capitalised words
// steps with it ("for i := d.nextCap(0); i < len(d.toks); i =
// d.nextCap(i + 1)", which is the plain loop that skips other tokens):
// its tight loop passes over the other tokens, most of them, in a few
// instructions each, where the rule's own loop, holding the rule's many
// variables, spends several times that.
func (d *doc) nextCap(i int) int {
	toks := d.toks
	for i < len(toks) && !toks[i].capWord {
		i++
	}
	return i
}

// nextClass is nextCap for the words of class c.
func (d *doc) nextClass(i int, c idClass) int {
	if d.classes&c == 0 {
		return len(d.toks) // most texts: no word of the class at all
	}
	toks := d.toks
	for ; i < len(toks); i++ {
		if t := &toks[i]; t.kind == tWord && t.cls&c != 0 {
			break
		}
	}
	return i
}

// foldIs is the rest of is's comparison of token s with w.
func foldIs(s, w string) bool {
	if len(s) > 0 && len(w) > 0 && s[0] >= utf8.RuneSelf && w[0] < utf8.RuneSelf {
		// a token that starts outside ASCII ("’s", "“", "—") equals an
		// ASCII word only if it starts with one of the two runes that fold
		// to an ASCII letter, ſ (s) and the Kelvin sign K (k); this spares
		// EqualFold's slow path for punctuation
		if r, _ := utf8.DecodeRuneInString(s); r != '\u017f' && r != '\u212a' {
			return false
		}
	}
	return strings.EqualFold(s, w)
}

// isAny reports whether token i is a word of class c (any case).
func (d *doc) isAny(i int, c idClass) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].kind == tWord && d.toks[i].cls&c != 0
}

// inSet reports whether word token i, with its ASCII letters lower-cased,
// is in words, without allocating.
func (d *doc) inSet(i int, words map[string]bool) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != tWord {
		return false
	}
	s := d.s(i)
	var buf [24]byte
	if len(s) > len(buf) {
		return false
	}
	for k := 0; k < len(s); k++ {
		buf[k] = lowerTable[s[k]]
	}
	return words[string(buf[:len(s)])]
}

// wordSet returns the words of a space-separated list as a set.
func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// setFilter is a first test of a lookup in a word set: the words' first
// bytes and lengths (63 standing for 63 and more). A rule that looks up
// every token of a sentence in a small set asks it first, so that most
// words are turned down without hashing them.
type setFilter struct {
	first [4]uint64
	lens  uint64
}

// filterOf returns the setFilter of the words of m.
func filterOf(m map[string]bool) (f setFilter) {
	for w := range m {
		if w == "" {
			f.lens |= 1 // only the empty word has length 0
			continue
		}
		f.first[w[0]>>6] |= 1 << (w[0] & 63)
		f.lens |= 1 << min(len(w), 63)
	}
	return f
}

// may reports whether w may be one of the filter's words.
func (f *setFilter) may(w string) bool {
	if len(w) == 0 {
		return f.lens&1 != 0
	}
	return f.lens>>min(len(w), 63)&1 != 0 && f.first[w[0]>>6]>>(w[0]&63)&1 != 0
}

// punct reports whether token i is the single punctuation s.
func (d *doc) punct(i int, s string) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].kind == tPunct && d.s(i) == s
}

// sentenceEnd reports whether token i ends a sentence: . ! ? followed by
// whitespace or the end, or a line break before the next token.
func (d *doc) sentenceEnd(i int) bool {
	if i+1 < len(d.toks) && d.toks[i+1].nl {
		return true
	}
	if d.toks[i].kind != tPunct {
		return false
	}
	switch d.s(i) {
	case ".", "!", "?":
		return i+1 >= len(d.toks) || d.toks[i+1].gap
	}
	return false
}

// adjacent reports whether token i+1 follows token i with no space.
func (d *doc) adjacent(i int) bool {
	return i+1 < len(d.toks) && !d.toks[i+1].gap
}

// joiningHyphen reports a hyphen at token k with no space on either side,
// joining two words into one: "Firth-Jones", "Maes-y-Coed".
func (d *doc) joiningHyphen(k int) bool { return d.punct(k, "-") && d.adjacent(k-1) && d.adjacent(k) }

// idClass is a set of word lists as bits: every word token carries the
// classes of its lower-cased form, found with one map lookup when the text
// is tokenized, so rules test list membership without hashing again.
type idClass uint32

// idClassOf maps a lower-case word to its classes. It is filled once, when
// the package's word lists are declared, and only read afterwards.
var idClassOf = map[string]idClass{}

var idNextClass idClass = 1

// class declares a word list (space-separated, lower case) and returns its
// bit. At most 32 lists.
func idWords(words string) idClass {
	c := idNextClass
	if c == 0 {
		panic("detect: more than 32 word classes")
	}
	idNextClass <<= 1
	for _, w := range strings.Fields(words) {
		idClassOf[w] |= c
	}
	return c
}

func idWordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
