package detect

import "sync"

// Some writers put a whole story in capitals ("MY SON CALUM IS 16"). The
// name rules read capitalisation, and in such a text every word looks
// like an acronym, so no name in it would be found. The identifying rules
// therefore read a shouted text in sentence case: sentenceCase changes
// only the case of ASCII letters, so every byte offset stays where it was.

// nameText returns the text the identifying rules read: text itself, or
// the sentence case of a story written in capitals (recased), with the
// same offsets.
func nameText(text string) (idText string, recased bool) {
	if shouted(text) {
		return sentenceCase(text), true
	}
	return text, false
}

// shouted reports a text written in capitals: at least minShoutWords
// words of two or more ASCII letters, and seven in ten of the first
// shoutWords of them in capitals (so that a long text is not read twice;
// a text with half its first ten words in lower case is not read on).
func shouted(text string) bool {
	words, upper := 0, 0
	for i := 0; i < len(text) && words < shoutWords; {
		j, letters, caps := asciiWordAt(text, i)
		if j == i {
			i++
			continue
		}
		if letters >= 2 {
			words++
			if caps == letters {
				upper++
			}
			if words == 10 && upper < 5 {
				return false // most texts: told by their first words
			}
		}
		i = j
	}
	return words >= minShoutWords && 10*upper >= 7*words
}

// minShoutWords is the fewest words a shouted text has (a short text in
// capitals is a heading or a sign, not a story); shoutWords are the words
// read to tell.
const (
	minShoutWords = 20
	shoutWords    = 60
)

// asciiWordAt returns the end of the run of ASCII letters and apostrophes
// at byte i (i itself if none), with its letters and capitals counted.
func asciiWordAt(text string, i int) (end, letters, caps int) {
	j := i
	for j < len(text) {
		c := text[j]
		switch {
		case 'A' <= c && c <= 'Z':
			letters++
			caps++
		case 'a' <= c && c <= 'z':
			letters++
		case c == '\'' && j > i:
		default:
			return j, letters, caps
		}
		j++
	}
	return j, letters, caps
}

// sentenceCase returns a shouted text as a writer of mixed case would have
// written it, for the name rules: each word in capitals is lower-cased,
// and capitalised again at the start of a sentence, after a title when
// it is short or the word is no English word ("DR PATEL", "NURSE
// KERENZA", not "THE NURSE TALKS"), as "I", when it is a first name in the gazetteer that is no
// common word ("CALUM"; not "WILL" or "HOPE"), or when it is no English
// word after such a name ("DOUGIE MACKAY"). A word of up to five
// letters that is neither is left in capitals: an acronym ("NHS", "CAMHS").
func sentenceCase(text string) string {
	g, english := gazetteerFlagsLower(), abuseLex().english
	b := []byte(text)
	start := true // at the start of a sentence
	prevTitle, prevShort, prevName := false, false, false
	for i := 0; i < len(b); {
		j, letters, caps := asciiWordAt(text, i)
		if j == i {
			c := b[i]
			switch {
			case c == '.' || c == '!' || c == '?' || c == '\n':
				start = true
			case '0' <= c && c <= '9':
				start, prevTitle = false, false
			}
			if c != ' ' {
				prevName = false // a surname follows its first name directly
			}
			i++
			continue
		}
		if letters < 2 || caps != letters {
			if letters == 1 && caps == 1 && !start && !(j-i == 1 && b[i] == 'I') {
				b[i] += 'a' - 'A' // "A" in the middle of a sentence
			}
			start, prevTitle, prevName = false, false, false
			i = j
			continue
		}
		lw := lowerASCIILetters(text[i:j])
		f := g[lw]
		name := f&gAmbiguous == 0 && (f&gFirst != 0 || prevName && !english[lw])
		title := start || prevTitle && (prevShort || !english[lw]) || lw == "i" || len(lw) > 2 && lw[:2] == "i'" || name || shortTitles[lw]
		prevName = name || start && !english[lw] // "DOUGIE MACKAY" on a line of its own
		switch {
		case title:
			copy(b[i+1:j], lw[1:])
		case len(lw) <= 5 && !english[lw]:
			// an acronym: left as written
		default:
			copy(b[i:j], lw)
		}
		prevTitle, prevShort = idClassOf[lw]&titles != 0, shortTitles[lw]
		start = false
		i = j
	}
	return string(b)
}

// shortTitles are the titles written short, capitalised even where the
// name after them is not known ("DR OKAFOR").
var shortTitles = wordSet(`dr mr mrs ms mx prof rev revd pc sgt`)

// gazetteerFlagsLower maps each gazetteer name, lower-cased, to the flags
// of all its spellings.
var gazetteerFlagsLower = sync.OnceValue(func() map[string]uint8 {
	g := loadGazetteer()
	m := make(map[string]uint8, len(g))
	for k, f := range g {
		m[lowerASCIILetters(k)] |= f
	}
	return m
})
