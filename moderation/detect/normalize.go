package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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
	'’': "'", '‘': "'", '€': "e", '£': "l", '†': "t",
	'ƒ': "f", 'ƈ': "c", 'ӏ': "l", 'օ': "o", 'զ': "q", 'ʝ': "j", 'ɑ': "a", 'ɡ': "g", 'ɩ': "i",
	'ʟ': "l", 'ꓘ': "k", '×': "x", 'ㄨ': "x", 'ɢ': "g", 'ʜ': "h", 'ɴ': "n", 'ʀ': "r",
	'ᴀ': "a", 'ʙ': "b", 'ᴄ': "c", 'ᴅ': "d", 'ᴇ': "e", 'ꜰ': "f", 'ᴊ': "j", 'ᴋ': "k", 'ᴍ': "m",
	'ᴏ': "o", 'ᴘ': "p", 'ꜱ': "s", 'ᴛ': "t", 'ᴜ': "u", 'ᴠ': "v", 'ᴡ': "w", 'ʏ': "y", 'ᴢ': "z",
	'🖕': "middlefinger", 'ғ': "f", 'υ': "u", 'ĸ': "k", 'ս': "u", 'ԁ': "d", 'һ': "h", 'ʂ': "s",
	'ѵ': "v", 'ҳ': "x", 'ʐ': "z", 'ո': "n", 'β': "b", '⊂': "c", 'η': "n", 'ᖴ': "f", 'ᑌ': "u",
	'ᑕ': "c", 'Ɐ': "a", 'ɐ': "a", 'ǝ': "e", 'ʇ': "t", 'ɥ': "h", 'ɯ': "m", 'ɹ': "r",
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
	if isASCII(w) {
		b := []byte(w)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	if f, ok := foldDirect(w); ok {
		return f
	}
	var b strings.Builder
	b.Grow(len(w))
	if !isASCII(w) {
		// compatibility forms: "ᶠᵤ𝒸ₖ", full-width and mathematical letters
		w = norm.NFKD.String(w)
	}
	for _, r := range w {
		r = unicode.ToLower(r)
		if s, ok := foldTable[r]; ok {
			b.WriteString(s)
			continue
		}
		if l := enclosedLetter(r); l != 0 {
			b.WriteByte(l)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // combining accents
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldDirect is normWord for the common non-ASCII words: every non-ASCII
// rune is a combining mark or (lower-cased) in foldTable, such as accented
// Latin letters, curly apostrophes and Cyrillic or Greek look-alikes. Such a
// rune folds to the same letters with or without NFKD decomposition, so
// the decomposition is skipped. ok is false for any other word.
func foldDirect(w string) (string, bool) {
	var buf [64]byte
	b := buf[:0]
	for _, r := range w {
		if r < utf8.RuneSelf {
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		s, ok := foldTable[unicode.ToLower(r)]
		if !ok {
			return "", false
		}
		b = append(b, s...)
	}
	return string(b), true
}

// enclosedLetter maps circled and squared letters ("ⓕⓤⓒⓚ", "🅝") to
// plain ones; NFKD leaves the negative and squared forms alone.
func enclosedLetter(r rune) byte {
	switch {
	case r >= 0x24B6 && r <= 0x24CF:
		return byte('a' + r - 0x24B6)
	case r >= 0x24D0 && r <= 0x24E9:
		return byte('a' + r - 0x24D0)
	case r >= 0x1F130 && r <= 0x1F149:
		return byte('a' + r - 0x1F130)
	case r >= 0x1F150 && r <= 0x1F169:
		return byte('a' + r - 0x1F150)
	case r >= 0x1F170 && r <= 0x1F189:
		return byte('a' + r - 0x1F170)
	case r >= 0x1F110 && r <= 0x1F129:
		return byte('a' + r - 0x1F110)
	case r >= 0x1F1E6 && r <= 0x1F1FF:
		return byte('a' + r - 0x1F1E6)
	}
	return 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// leet maps digits and symbols used as letters ("sh1t", "b@st@rd", "$hit").
var leet = [128]byte{
	'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g',
	'@': 'a', '$': 's', '!': 'i', '+': 't', '|': 'l', '<': 'c', '(': 'c', '&': 'a',
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

// starify turns other hiding symbols into '*' wildcards ("w#nker",
// "f-----g", "f%ck").
func starify(w string) string {
	if !strings.ContainsAny(w, "#%-_^()[]{}") {
		return w
	}
	b := []byte(w)
	for i, c := range b {
		if c == '#' || c == '%' || c == '_' || c == '^' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || (c == '-' && ((i > 0 && w[i-1] == '-') || (i+1 < len(w) && w[i+1] == '-'))) {
			b[i] = '*'
		}
	}
	return string(b)
}

// stripPossessive removes a trailing "'s" or "'" ("f*ck's sake").
func stripPossessive(w string) string {
	if strings.HasSuffix(w, "'s") {
		return w[:len(w)-2]
	}
	return strings.TrimSuffix(w, "'")
}

// skeleton spells a word the way evasions sound it ("phuck", "kunt",
// "fvck", "shyt"): ph→f, c/ck/q→k, v→u, z→s, y→i after the first letter.
func skeleton(w string) string {
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == 'p' && i+1 < len(w) && w[i+1] == 'h':
			b = append(b, 'f')
			i++
		case (c == 'k' || c == 'g') && i+1 < len(w) && w[i+1] == 'h':
			b = append(b, c) // "khunt"
			i++
		case c == 'c' && i+1 < len(w) && w[i+1] == 'k':
			b = append(b, 'k')
			i++
		case c == 'c' || c == 'q':
			b = append(b, 'k')
		case c == 'v':
			b = append(b, 'u')
		case c == 'z':
			b = append(b, 's')
		case c == 'y' && i > 0:
			b = append(b, 'i')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// sortedKey is the word's first and last letters and its sorted middle:
// "fcuk" and "fuck" share "f" + "cu" + "k".
func sortedKey(w string) string {
	if len(w) < 4 {
		return ""
	}
	mid := []byte(w[1 : len(w)-1])
	for i := 1; i < len(mid); i++ {
		for j := i; j > 0 && mid[j] < mid[j-1]; j-- {
			mid[j], mid[j-1] = mid[j-1], mid[j]
		}
	}
	return w[:1] + string(mid) + w[len(w)-1:]
}

// vowelMask replaces each run of vowels with one '*' wildcard ("fack" →
// "f*ck", "basterds" → "b*st*rds"), and an 'x' or 'j' between consonants
// too ("fxck", "njgger"). ok is false when the word has no vowel.
func vowelMask(w string) (string, bool) {
	b := make([]byte, 0, len(w))
	changed := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		mid := (c == 'x' || c == 'j') && i > 0 && i+1 < len(w) && !isVowel(w[i-1]) && !isVowel(w[i+1])
		if isVowel(c) || mid {
			if n := len(b); n == 0 || b[n-1] != '*' {
				b = append(b, '*')
			}
			changed = true
			continue
		}
		b = append(b, c)
	}
	if len(b) == 0 || b[0] == '*' {
		return w, false
	}
	return string(b), changed
}

// stripSymbols keeps letters only, dropping wildcards too ("f*u*c*k").
func stripSymbols(w string) string {
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'a' <= c && c <= 'z' {
			b = append(b, c)
		}
	}
	return string(b)
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

// starAll turns every character that is not a lower-case ASCII letter into
// a '*' wildcard ("f*&k!ng" → "f**k*ng", "f4nny" → "f*nny"). ok is false
// when nothing changed.
func starAll(w string) (string, bool) {
	b := []byte(w)
	changed := false
	for i, c := range b {
		if c < 'a' || c > 'z' {
			b[i] = '*'
			changed = true
		}
	}
	return string(b), changed
}
