package detect

import (
	"strings"
	"sync"
)

// wordCache is a small two-way set-associative cache of word-list
// lookups, shared by the identity and abuse rules. The word lists are large
// hash maps (the English dictionary alone has some 80,000 words), and on
// real text nearly every lookup in them misses the CPU caches. A text is
// mostly made of a few thousand frequent words, so a 16,384-slot table
// (512 KB) answers most lookups of both rule families with one probe: a
// word is looked up in the big maps once per cache fill, not once per token
// and family.
//
// A slot is the one record of a lower-cased word (of up to 15 bytes): its
// identity word classes, its vocabulary entry (for an unknown word, the
// slot's own entry, where classify keeps its verdicts), that entry's facts
// and id, and its gazetteer flags. None of it depends on the text, so a
// cache is reused across calls (through wordCaches) and never changes a
// result. A cache belongs to one goroutine at a time.
type wordCache struct {
	// slots come first, so that the two slots of a set (2k, 2k+1) share a
	// 64-byte cache line (the cache is allocated page-aligned)
	slots [wordCacheSize]wordSlot
	lx    *lexicon // the lexicon whose vocabulary the slots hold
	// shareUnknown lets cachedSlot hand out a slot's own entry for an
	// unknown word instead of a per-text one, so that classify's verdicts
	// on the word (which depend only on the word and the token's shape)
	// carry over from text to text. The abuse detector turns it off where
	// a text's per-text entries could differ (see abuseDetector.Find).
	shareUnknown bool
	// wide holds normWord of the words outside ASCII the abuse tokenizer
	// met ("don’t", "Zoë"), by the word as written: normWord is a pure
	// function of the word, and a costly one
	wide map[string]string
}

// maxWide bounds the words a cache's wide map holds.
const maxWide = 4096

// normWide returns normWord(w) for a word w with a rune outside ASCII,
// from the cache's wide map when it holds w.
func (c *wordCache) normWide(w string) string {
	if c == nil {
		return normWord(w)
	}
	if n, ok := c.wide[w]; ok {
		return n
	}
	n := normWord(w)
	if c.wide == nil || len(c.wide) >= maxWide {
		c.wide = make(map[string]string, 64)
	}
	c.wide[strings.Clone(w)] = n // the key must not keep the text alive
	return n
}

// Where a slot's meta holds the word's gazetteer flags (three bits) and
// its vocabulary id.
const (
	metaGazShift = 12
	metaIDShift  = 15
)

// facts returns the slot's word facts (with fExact and fNoGaz).
func (s *wordSlot) facts() wordFacts { return wordFacts(s.meta & (1<<metaGazShift - 1)) }

// titleGazProbe as a slot's titleGaz means: probe the gazetteer (flags
// that take all three bits, or more).
const titleGazProbe = 7

// titleGaz returns the gazetteer flags of the slot's word capitalised.
func (s *wordSlot) titleGaz() uint8 { return uint8(s.meta>>metaGazShift) & 7 }

// id returns the vocabulary id of the slot's entry.
func (s *wordSlot) id() int32 { return int32(s.meta >> metaIDShift) }

const (
	wordCacheSize = 16384
	wordCacheKey  = 15 // longer words bypass the cache
)

type wordSlot struct {
	// key is the word's bytes, zero-padded, with its length in the last
	// byte (so an empty slot matches no word), read as two words
	key [2]uint64
	cls idClass
	// meta packs info.facts, fExact (info.word is the word itself, not
	// the word without "'s"), fNoGaz (no spelling of the word is in the
	// name gazetteer), from bit metaGazShift the gazetteer flags of the
	// word capitalised ("florence" → "Florence") and from bit metaIDShift
	// on info.id
	meta uint32
	info *vocabInfo // the vocabulary entry, or for an unknown word the slot's own (shared) entry
}

// wordCaches hands each goroutine a warm cache.
var wordCaches = sync.Pool{New: func() any { return new(wordCache) }}

// getWordCache returns a cache for lexicon l; putWordCache gives it back.
func getWordCache(l *lexicon) *wordCache {
	c := wordCaches.Get().(*wordCache)
	if c.lx != l {
		c.slots = [wordCacheSize]wordSlot{}
		c.lx = l
	}
	return c
}

func putWordCache(c *wordCache) { wordCaches.Put(c) }

// get returns the slot of the lower-cased word w (bytes), filling it on a
// miss. It returns nil when w is too long to cache.
func (c *wordCache) get(w []byte) *wordSlot {
	if c == nil || len(w) == 0 || len(w) > wordCacheKey {
		return nil
	}
	var k [2]uint64
	for i, b := range w {
		k[i>>3] |= uint64(b) << (8 * (i & 7))
	}
	return c.getKey(k[0], k[1], w)
}

// getText is get for the word text[i:j] as written: its key is packed a
// word at a time (see wordKey), and the word is lower-cased only to fill
// a slot.
func (c *wordCache) getText(text string, i, j int) *wordSlot {
	if c == nil || j <= i || j-i > wordCacheKey {
		return nil
	}
	k0, k1 := wordKey(text, i, j)
	if s := c.probe(k0, k1, j-i); s != nil {
		return s
	}
	var buf [wordCacheKey]byte
	w := buf[:j-i]
	for k := range w {
		w[k] = lowerTable[text[i+k]]
	}
	return c.fill(k0, k1, w)
}

// getAlnum is getText for a word of ASCII letters and digits only, whose
// bytes are lower-cased by setting bit 0x20 (which leaves digits alone).
func (c *wordCache) getAlnum(text string, i, j int) *wordSlot {
	n := j - i
	if c == nil || n <= 0 || n > wordCacheKey {
		return nil
	}
	var k0, k1 uint64
	switch {
	case n <= 8 && i+8 <= len(text):
		k0 = (load64(text, i) | 0x2020202020202020) & (1<<(8*n) - 1)
	case i+16 <= len(text):
		k0 = load64(text, i) | 0x2020202020202020
		k1 = (load64(text, i+8) | 0x2020202020202020) & (1<<(8*(n-8)) - 1)
	default:
		k0, k1 = wordKey(text, i, j)
	}
	if s := c.probe(k0, k1, n); s != nil {
		return s
	}
	var buf [wordCacheKey]byte
	w := buf[:n]
	for k := range w {
		w[k] = lowerTable[text[i+k]]
	}
	return c.fill(k0, k1, w)
}

// lowerTable lower-cases the ASCII letters A-Z and leaves every other
// byte.
var lowerTable = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] = byte(c + 'a' - 'A')
		}
	}
	return t
}()

// wordKey packs text[i:j] (at most wordCacheKey bytes) with the letters
// A-Z lower-cased, as getKey's k0 and k1. Where 16 bytes can be read from
// i, it reads two 64-bit words and lower-cases them in register (the
// upper-case bytes are those with 0x41 <= b <= 0x5A: b+0x3F sets the top
// bit of each such byte and b+0x25 does not; bytes of 0x80 and above are
// left alone).
func wordKey(text string, i, j int) (k0, k1 uint64) {
	n := j - i
	lower := func(x uint64) uint64 {
		const low7, top = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
		b := x & low7
		upper := ((b + 0x3f3f3f3f3f3f3f3f) ^ (b + 0x2525252525252525)) &^ x & top
		return x | upper>>2
	}
	switch {
	case n <= 8 && i+8 <= len(text): // most words: one word read
		return lower(load64(text, i)) & (1<<(8*n) - 1), 0
	case i+16 <= len(text):
		return lower(load64(text, i)), lower(load64(text, i+8)) & (1<<(8*(n-8)) - 1)
	}
	for k := 0; k < n; k++ {
		k0, k1 = packByte(k0, k1, k, lowerTable[text[i+k]])
	}
	return k0, k1
}

// wordKeyFlags is wordKey that also reports whether text[i:j] is ASCII
// and whether it holds a letter A-Z.
func wordKeyFlags(text string, i, j int) (k0, k1 uint64, ascii, hasUpper bool) {
	n := j - i
	const low7, top = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	switch {
	case n <= 8 && i+8 <= len(text): // most words: one word read
		x0 := load64(text, i) & (1<<(8*n) - 1)
		u0 := ((x0&low7 + 0x3f3f3f3f3f3f3f3f) ^ (x0&low7 + 0x2525252525252525)) &^ x0 & top
		return x0 | u0>>2, 0, x0&top == 0, u0 != 0
	case i+16 <= len(text):
		x0, x1 := load64(text, i), load64(text, i+8)&(1<<(8*(n-8))-1)
		u0 := ((x0&low7 + 0x3f3f3f3f3f3f3f3f) ^ (x0&low7 + 0x2525252525252525)) &^ x0 & top
		u1 := ((x1&low7 + 0x3f3f3f3f3f3f3f3f) ^ (x1&low7 + 0x2525252525252525)) &^ x1 & top
		return x0 | u0>>2, x1 | u1>>2, (x0|x1)&top == 0, u0|u1 != 0
	}
	ascii = true
	for k := 0; k < n; k++ {
		c := text[i+k]
		ascii = ascii && c < 0x80
		hasUpper = hasUpper || ('A' <= c && c <= 'Z')
		k0, k1 = packByte(k0, k1, k, lowerTable[c])
	}
	return k0, k1, ascii, hasUpper
}

// load64 reads text[i:i+8] as a little-endian word.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// packByte puts byte c at position k of a key.
func packByte(k0, k1 uint64, k int, c byte) (uint64, uint64) {
	if k < 8 {
		return k0 | uint64(c)<<(8*k), k1
	}
	return k0, k1 | uint64(c)<<(8*(k-8))
}

// getKey is get with the key already packed by the caller: the bytes of w
// little-endian in k0 and k1 (bytes 0-7 and 8-14), without the length.
func (c *wordCache) getKey(k0, k1 uint64, w []byte) *wordSlot {
	if c == nil || len(w) == 0 || len(w) > wordCacheKey {
		return nil
	}
	if s := c.probe(k0, k1, len(w)); s != nil {
		return s
	}
	return c.fill(k0, k1, w)
}

// probe returns the slot of the key (k0, k1) of an n-byte word, nil when
// the cache does not hold it.
func (c *wordCache) probe(k0, k1 uint64, n int) *wordSlot {
	k1 |= uint64(n) << 56
	h := (k0*0x9E3779B97F4A7C15 ^ k1*0xC2B2AE3D27D4EB4F) >> 32
	// two-way sets: a word may sit in either slot of its set; a new word
	// goes into the first and moves the first one's word to the second, so
	// the set keeps the two words used last
	set := (*[2]wordSlot)(c.slots[(h^h>>16)&(wordCacheSize-2):])
	if set[0].key == [2]uint64{k0, k1} {
		return &set[0]
	}
	if set[1].key == [2]uint64{k0, k1} {
		return &set[1]
	}
	return nil
}

// fill puts the lower-cased word w, with key (k0, k1), in its set.
func (c *wordCache) fill(k0, k1 uint64, w []byte) *wordSlot {
	k1 |= uint64(len(w)) << 56
	h := (k0*0x9E3779B97F4A7C15 ^ k1*0xC2B2AE3D27D4EB4F) >> 32
	set := c.slots[(h^h>>16)&(wordCacheSize-2) : (h^h>>16)&(wordCacheSize-2)+2 : (h^h>>16)&(wordCacheSize-2)+2]
	s := &set[0]
	set[1] = *s
	s.key = [2]uint64{k0, k1}
	s.cls = idClassOf[string(w)]
	s.meta = 0
	if !gazetteerLower()[string(w)] {
		s.meta |= uint32(fNoGaz)
	} else if c := w[0]; 'a' <= c && c <= 'z' {
		title := []byte(string(w))
		title[0] = c - 'a' + 'A'
		f := loadGazetteer()[string(title)]
		if f > titleGazProbe {
			f = titleGazProbe // flags that do not fit: probe the gazetteer
		}
		s.meta |= uint32(f) << metaGazShift
	}
	s.info = nil
	if c.lx != nil {
		s.info = c.lx.known(string(w))
		if s.info == nil {
			s.info = newUnknown(string(w))
			s.info.shared = true
		}
		s.meta |= uint32(s.info.facts) | uint32(s.info.id)<<metaIDShift
		if len(s.info.word) == len(w) {
			s.meta |= uint32(fExact)
		}
	}
	return s
}

// known returns the vocabulary entry of a normalised word, falling back to
// the word without a possessive "'s", and to the word with the "g" that
// text-speak drops ("thinkin bout jumpin off" reads as "thinking",
// "jumping") when the word as written is no English word; nil when no
// list knows it.
func (l *lexicon) known(norm string) *vocabInfo {
	if i, ok := l.vocab[norm]; ok {
		return i
	}
	n := len(norm)
	if n >= 2 && norm[n-2:] == "'s" {
		if i, ok := l.vocab[norm[:n-2]]; ok {
			return i
		}
	}
	if n >= 4 && norm[n-2:] == "in" && !l.english[norm] {
		if i, ok := l.vocab[norm+"g"]; ok {
			return i
		}
	}
	return nil
}
