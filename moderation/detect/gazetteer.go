package detect

import (
	"strings"
	"sync"

	"github.com/storydesk/storydesk/assets"
)

// Gazetteer flags for a name.
const (
	gFirst uint8 = 1 << iota
	gSurname
	gAmbiguous
)

// gazetteer maps a capitalised name to what it can be.
type gazetteer map[string]uint8

// loadGazetteer parses the embedded lists once.
var loadGazetteer = sync.OnceValue(func() gazetteer {
	g := make(gazetteer, 12000)
	add := func(list string, flag uint8) {
		for line := range strings.Lines(list) {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			g[line] |= flag
			if strings.Contains(line, "'") {
				g[strings.ReplaceAll(line, "'", "’")] |= flag
			}
		}
	}
	add(assets.FirstNames(), gFirst)
	add(assets.Surnames(), gSurname)
	add(assets.AmbiguousNames(), gAmbiguous)
	return g
})

// gazetteerLower holds every gazetteer name with its ASCII letters
// lower-cased, as the word cache keys words: a word whose lower-cased form
// is not here is in the gazetteer in no spelling, and the cache says so
// (fNoGaz in wordSlot.meta) to spare the probe.
var gazetteerLower = sync.OnceValue(func() map[string]bool {
	g := loadGazetteer()
	m := make(map[string]bool, len(g))
	for k := range g {
		m[lowerASCIILetters(k)] = true
	}
	return m
})

// lowerASCIILetters lower-cases the ASCII letters of s, leaving every
// other byte as it is.
func lowerASCIILetters(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// gazKnown marks a token's gaz as known (the other bits are its flags).
const gazKnown uint8 = 1 << 7

// flags returns the gazetteer flags of token i of d, without a probe when
// the word cache knew them (a word no spelling of which is a name, or a
// capitalised word: see wordSlot.meta).
func (g gazetteer) flags(d *doc, i int) uint8 {
	if f := d.toks[i].gaz; f&gazKnown != 0 {
		return f &^ gazKnown
	}
	return g[d.s(i)]
}

// titleFlags returns the flags of w, a word typed in capitals ("MANDY"),
// as a name ("Mandy"), without allocating.
func (g gazetteer) titleFlags(w string) uint8 {
	var buf [64]byte
	if w == "" || len(w) > len(buf) {
		return 0
	}
	b := append(buf[:0], w...)
	for k := 1; k < len(b); k++ {
		b[k] = lowerTable[b[k]]
	}
	return g[string(b)]
}

// capFlags returns the flags of w, a word typed in lower case, as a
// name: the gazetteer holds names capitalised ("ahmed" is "Ahmed"). A
// word that does not start with a letter a-z has none.
func (g gazetteer) capFlags(w string) uint8 {
	var buf [64]byte
	if w == "" || len(w) > len(buf) || w[0] < 'a' || w[0] > 'z' {
		return 0
	}
	b := append(buf[:0], w...)
	b[0] -= 'a' - 'A'
	return g[string(b)]
}

func (g gazetteer) first(s string) bool     { return g[s]&gFirst != 0 }
func (g gazetteer) surname(s string) bool   { return g[s]&gSurname != 0 }
func (g gazetteer) ambiguous(s string) bool { return g[s]&gAmbiguous != 0 }
