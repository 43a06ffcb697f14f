package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldTable maps accented Latin letters and Cyrillic/Greek look-alikes to the
// plain letter they imitate ("shít", "ß0ll0çk5", "lοser" with a Greek o).
var foldTable = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'ç': "c", 'ć': "c", 'ĉ': "c", 'ċ': "c", 'č': "c", '¢': "c",
	'ď': "d", 'đ': "d", 'ɗ': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ĝ': "g", 'ğ': "g", 'ġ': "g",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ȯ': "o", 'ő': "o",
	'ŕ': "r", 'ř': "r", 'ś': "s", 'ş': "s", 'š': "s", 'ß': "b",
	'ť': "t", 'ţ': "t", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'µ': "u", 'μ': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z", 'κ': "k",
	// Cyrillic and Greek letters that look Latin
	'а': "a", 'в': "b", 'е': "e", 'ё': "e", 'к': "k", 'м': "m", 'н': "h", 'о': "o", 'р': "p",
	'с': "c", 'т': "t", 'у': "y", 'х': "x", 'і': "i", 'ј': "j", 'ѕ': "s",
	'α': "a", 'ο': "o", 'ρ': "p", 'τ': "t", 'ν': "v", 'ι': "i",
	'’': "'", '‘': "'",
}

// normWord lower-cases a word, straightens apostrophes and folds accents.
// It returns w itself when nothing changes, so plain words cost nothing.
func normWord(w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		r = unicode.ToLower(r)
		if s, ok := foldTable[r]; ok {
			b.WriteString(s)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // combining accents
		}
		b.WriteRune(r)
	}
	return b.String()
}

// leet maps digits and symbols used as letters ("sh1t", "b@st@rd", "$hit").
var leet = [128]byte{
	'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g',
	'@': 'a', '$': 's', '!': 'i', '+': 't', '|': 'l', '#': 'h', '^': 'a', '%': 'x',
}

// deleet replaces look-alike digits and symbols with letters; '*' stays as a
// wildcard. ok is false when nothing changed.
func deleet(w string) (string, bool) {
	changed := false
	b := []byte(w)
	for i, c := range b {
		if c < 128 && leet[c] != 0 {
			b[i] = leet[c]
			changed = true
		}
	}
	if !changed {
		return w, false
	}
	return string(b), true
}

// squeeze collapses runs of the same letter to at most max ("fuuuck" →
// "fuck" with max 1, "assss" → "ass" with max 2). ok is false when nothing
// changed.
func squeeze(w string, max int) (string, bool) {
	var b []byte
	run := 0
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			run++
		} else {
			run = 1
		}
		if run > max {
			if b == nil {
				b = append(make([]byte, 0, len(w)), w[:i]...)
			}
			continue
		}
		if b != nil {
			b = append(b, w[i])
		}
	}
	if b == nil {
		return w, false
	}
	return string(b), true
}

// stripPossessive removes a trailing "'s" or "'" ("f*ck's sake").
func stripPossessive(w string) string {
	if strings.HasSuffix(w, "'s") {
		return w[:len(w)-2]
	}
	return strings.TrimSuffix(w, "'")
}

// lettersOnly drops everything that is not an ASCII letter or '*'
// ("p.iss" → "piss", "f-u-c-k" → "fuck").
func lettersOnly(w string) string {
	clean := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !('a' <= c && c <= 'z') && c != '*' {
			clean = false
			break
		}
	}
	if clean {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		if ('a' <= c && c <= 'z') || c == '*' {
			b = append(b, c)
		}
	}
	return string(b)
}
