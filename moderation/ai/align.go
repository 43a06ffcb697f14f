package ai

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// match is a half-open byte range of the masked text.
type match struct{ start, end int }

// aligner finds a model's quotes in the text it was sent: exactly first,
// then ignoring case, runs of white space and the curly/straight forms of
// quotes and dashes (models often retype "’" as "'").
type aligner struct {
	text   string
	folded string
	starts []int // folded byte offset -> text byte offset of that rune's start (-1 inside a rune)
	ends   []int // folded byte offset just past a rune -> text byte offset just past it
}

func newAligner(text string) *aligner {
	a := &aligner{text: text}
	var b strings.Builder
	var starts, ends []int
	push := func(r rune, from, to int) {
		for len(starts) <= b.Len() {
			starts = append(starts, -1)
		}
		starts[b.Len()] = from
		b.WriteRune(r)
		for len(ends) <= b.Len() {
			ends = append(ends, -1)
		}
		ends[b.Len()] = to
	}
	inSpace := false
	for i, r := range text {
		end := i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			end = i + 1
		}
		if unicode.IsSpace(r) {
			if inSpace {
				ends[b.Len()] = end // widen the collapsed run
				continue
			}
			inSpace = true
			push(' ', i, end)
			continue
		}
		inSpace = false
		push(foldRune(r), i, end)
	}
	for len(starts) <= b.Len() {
		starts = append(starts, -1)
	}
	for len(ends) <= b.Len() {
		ends = append(ends, -1)
	}
	a.folded, a.starts, a.ends = b.String(), starts, ends
	return a
}

// foldRune maps a rune to the form compared in the loose pass.
func foldRune(r rune) rune {
	switch r {
	case '‘', '’', '‛', '′', '`':
		return '\''
	case '“', '”', '„', '″':
		return '"'
	case '‐', '‑', '‒', '–', '—', '−':
		return '-'
	}
	return unicode.ToLower(r)
}

// foldString folds s as newAligner folds the text.
func foldString(s string) string {
	var b strings.Builder
	inSpace := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !inSpace {
				b.WriteByte(' ')
			}
			inSpace = true
			continue
		}
		inSpace = false
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// find returns every place quote occurs, best first: whole-word exact
// matches, whole-word loose matches, then matches inside a longer word
// ("arlo" in "@arlos_journey"), each group in text order.
func (a *aligner) find(quote string) []match {
	quote = cleanQuote(quote)
	if quote == "" {
		return nil
	}
	var exact, loose []match
	for at := 0; ; {
		i := strings.Index(a.text[at:], quote)
		if i < 0 {
			break
		}
		exact = append(exact, match{at + i, at + i + len(quote)})
		at += i + 1
	}
	q := foldString(quote)
	for at := 0; ; {
		i := strings.Index(a.folded[at:], q)
		if i < 0 {
			break
		}
		s, e := at+i, at+i+len(q)
		// a match that starts or ends mid-rune is not a match of whole characters
		if a.starts[s] >= 0 && a.ends[e] >= 0 {
			loose = append(loose, match{a.starts[s], a.ends[e]})
		}
		at = s + 1
	}
	var out []match
	seen := map[match]bool{}
	for _, whole := range []bool{true, false} {
		for _, group := range [][]match{exact, loose} {
			for _, m := range group {
				if !seen[m] && a.wholeWord(m) == whole {
					seen[m] = true
					out = append(out, m)
				}
			}
		}
	}
	return out
}

// wholeWord reports whether m neither starts nor ends inside a word.
func (a *aligner) wholeWord(m match) bool {
	first, _ := utf8.DecodeRuneInString(a.text[m.start:])
	last, _ := utf8.DecodeLastRuneInString(a.text[:m.end])
	before, _ := utf8.DecodeLastRuneInString(a.text[:m.start])
	after, _ := utf8.DecodeRuneInString(a.text[m.end:])
	if m.start > 0 && isWordRune(first) && isWordRune(before) {
		return false
	}
	if m.end < len(a.text) && isWordRune(last) && isWordRune(after) {
		return false
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// cleanQuote trims white space and a pair of quotation marks the model put
// around its quote.
func cleanQuote(q string) string {
	q = strings.TrimSpace(q)
	first, n1 := utf8.DecodeRuneInString(q)
	last, n2 := utf8.DecodeLastRuneInString(q)
	if len(q) > n1+n2 && isQuoteMark(first) && isQuoteMark(last) {
		q = strings.TrimSpace(q[n1 : len(q)-n2])
	}
	return q
}

func isQuoteMark(r rune) bool { return strings.ContainsRune("\"'“”‘’", r) }

// trim narrows a match to leave out surrounding white space and
// sentence-final punctuation, which spans never include.
func trim(text string, m match) match {
	for m.start < m.end {
		r, n := utf8.DecodeRuneInString(text[m.start:m.end])
		if !unicode.IsSpace(r) {
			break
		}
		m.start += n
	}
	for m.start < m.end {
		r, n := utf8.DecodeLastRuneInString(text[m.start:m.end])
		if !unicode.IsSpace(r) && !strings.ContainsRune(".,;:!?", r) {
			break
		}
		m.end -= n
	}
	return m
}
