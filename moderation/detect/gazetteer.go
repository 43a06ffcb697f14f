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
// (wordSlot.noGaz) to spare the probe.
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

// flags returns the gazetteer flags of token i of d: none, without a
// probe, when the word cache knows its lower-cased form is no name.
func (g gazetteer) flags(d *doc, i int) uint8 {
	if d.toks[i].noGaz {
		return 0
	}
	return g[d.s(i)]
}

func (g gazetteer) first(s string) bool     { return g[s]&gFirst != 0 }
func (g gazetteer) surname(s string) bool   { return g[s]&gSurname != 0 }
func (g gazetteer) ambiguous(s string) bool { return g[s]&gAmbiguous != 0 }
