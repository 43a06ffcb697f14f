package detect

import (
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
	masked     bool // contains '*' or another evasion symbol or a digit among letters
}

// wordRune reports whether r can start or continue a word.
func wordRune(r rune) bool {
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

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' }

// tokenize splits text into words in one pass. It never backtracks more than
// one rune, so it is linear in the length of the text.
func splitWords(text string) []wtok {
	toks := make([]wtok, 0, len(text)/6+1)
	sentence := 0
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		startsWord := wordRune(r) || ((r == '@' || r == '$' || r == '&' || r == '<') && letterAt(text, i+size))
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
		masked := !unicode.IsLetter(r)
		letters, lower := 0, 0
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsLower(r) {
				lower++
			}
		}
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if wordRune(r) {
				if unicode.IsDigit(r) {
					masked = true
				} else if unicode.IsLetter(r) {
					letters++
					if unicode.IsLower(r) {
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
		toks = append(toks, wtok{
			start:    start,
			end:      i,
			norm:     normWord(word),
			sentence: sentence,
			upper:    unicode.IsUpper(firstRune(word)),
			caps:     letters >= 2 && lower == 0,
			first:    len(toks) == 0 || toks[len(toks)-1].sentence != sentence,
			masked:   masked,
		})
	}
	return toks
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func hasStar(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' {
			return true
		}
	}
	return false
}

func letterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '*'
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
