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

func (g gazetteer) first(s string) bool     { return g[s]&gFirst != 0 }
func (g gazetteer) surname(s string) bool   { return g[s]&gSurname != 0 }
func (g gazetteer) ambiguous(s string) bool { return g[s]&gAmbiguous != 0 }
