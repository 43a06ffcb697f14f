package detect

import (
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// profanityDetector flags swear words used as intensifiers or exclamations
// ("f*cking", "sh1te", "FFS"), and slurs, which are ABUSE. Mild words
// ("hell", "damn", "bloody", "crap") are graded 0 and never flagged.
type profanityDetector struct{ lx *lexicon }

// profHit is a flagged word: tokens [first, last], its grade and how it was
// recognised.
type profHit struct {
	first, last int
	entry       lexEntry
	disguised   bool
}

func (d profanityDetector) Find(text string) []moderation.Span {
	toks := splitWords(text)
	var out []moderation.Span
	for _, h := range d.lx.profanityHits(toks) {
		out = append(out, moderation.Span{
			Start:      toks[h.first].start,
			End:        profEnd(text, toks[h.last]),
			Kind:       profKind(h.entry),
			Confidence: profConfidence(h),
			Reason:     profReason(h),
		})
	}
	return out
}

// profEnd leaves a possessive "'s" outside the span ("f*ck’s sake").
func profEnd(text string, t wtok) int {
	w := text[t.start:t.end]
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return t.end - len(suf)
		}
	}
	return t.end
}

func profKind(e lexEntry) moderation.Kind {
	if e.cat == catSlur {
		return moderation.Abuse
	}
	return moderation.Profanity
}

func profConfidence(h profHit) float64 {
	c := 0.6 + 0.1*float64(h.entry.grade)
	if !h.entry.curated {
		c -= 0.1
	}
	if c > 0.95 {
		c = 0.95
	}
	return c
}

func profReason(h profHit) string {
	var b strings.Builder
	switch {
	case h.entry.cat == catSlur:
		b.WriteString("slur")
	case h.entry.cat == catAbbrev:
		b.WriteString("abbreviation of a swear phrase")
	case h.entry.cat == catSexual:
		b.WriteString("sexual slang")
	case h.entry.grade >= gradeStrong:
		b.WriteString("strong swear word")
	default:
		b.WriteString("moderate swear word")
	}
	if !h.entry.curated {
		b.WriteString(" (slang list)")
	}
	if h.disguised {
		b.WriteString(", disguised spelling")
	}
	return b.String()
}

// nameLike words are first names or surnames as well as swear words: a
// capitalised one inside a sentence or before another capitalised word is a
// name ("Dick Whittington ward").
var nameLike = map[string]bool{"dick": true, "dicky": true, "willy": true, "fanny": true,
	"cock": true, "hoare": true, "coon": true, "dong": true, "wang": true, "randy": true, "mong": true, "chink": true}

// profanityHits finds flagged words in tokens. It is shared by the
// profanity and abuse detectors.
func (l *lexicon) profanityHits(toks []wtok) []profHit {
	allowed := l.allow.covered(toks)
	var hits []profHit
	for i := 0; i < len(toks); i++ {
		if allowed != nil && allowed[i] {
			continue
		}
		t := &toks[i]
		if len(t.norm) == 0 || (t.norm[0] >= '0' && t.norm[0] <= '9' && !t.masked) {
			continue
		}
		// spaced letters: "f u c k", "s.h.i.t"
		if j, e, ok := l.spelledOut(toks, i); ok {
			hits = append(hits, profHit{first: i, last: j, entry: e, disguised: true})
			i = j
			continue
		}
		e, disguised, ok := l.classify(t)
		if !ok || e.grade < gradeModerate {
			continue
		}
		if nameLike[stripPossessive(t.norm)] && t.upper && readsAsName(toks, i) {
			continue
		}
		hits = append(hits, profHit{first: i, last: i, entry: e, disguised: disguised})
	}
	return hits
}

// isName reports whether a capitalised wtok reads as a name: inside a
// sentence, or followed by another capitalised word.
func readsAsName(toks []wtok, i int) bool {
	if i+1 < len(toks) && toks[i+1].upper && toks[i+1].sentence == toks[i].sentence {
		return true
	}
	return i > 0 && toks[i-1].sentence == toks[i].sentence
}

// spelledOut joins three or more one-letter tokens in a row.
func (l *lexicon) spelledOut(toks []wtok, i int) (int, lexEntry, bool) {
	if len(toks[i].norm) != 1 {
		return 0, lexEntry{}, false
	}
	j := i
	for j+1 < len(toks) && len(toks[j+1].norm) == 1 && toks[j+1].start-toks[j].end <= 2 &&
		toks[j+1].sentence == toks[i].sentence && toks[j].punctAfter != '\n' {
		j++
	}
	if j-i < 2 {
		return 0, lexEntry{}, false
	}
	var b strings.Builder
	for k := i; k <= j; k++ {
		b.WriteString(toks[k].norm)
	}
	w, _ := deleet(b.String())
	// the longest prefix of the letters that is a swear word ("f u c k i n g")
	for end := len(w); end >= 3; end-- {
		if e, ok := l.lookup(w[:end]); ok && e.grade >= gradeModerate {
			return i + end - 1, e, true
		}
		if s, ok := squeeze(w[:end], 1); ok {
			if e, ok := l.lookup(s); ok && e.grade >= gradeModerate {
				return i + end - 1, e, true
			}
		}
	}
	return 0, lexEntry{}, false
}

// classify looks a wtok up directly and then through the evasions it may
// use: look-alike digits and symbols, '*' masks, repeated letters, hyphens,
// and swear words glued to other words ("easyslut", "dickfuck").
func (l *lexicon) classify(t *wtok) (lexEntry, bool, bool) {
	w := stripPossessive(t.norm)
	if e, ok := l.lookup(w); ok {
		return e, false, true
	}
	if l.innocent[w] {
		return lexEntry{}, false, false
	}
	cands := make([]string, 0, 4)
	if t.masked {
		if d, ok := deleet(w); ok {
			cands = append(cands, d)
			if strings.Contains(w, "1") {
				cands = append(cands, strings.ReplaceAll(d, "i", "l"))
			}
		}
	}
	cands = append(cands, w)
	if strings.ContainsAny(w, "-'.") {
		cands = append(cands, lettersOnly(w))
	}
	for _, c := range cands {
		if c != w {
			if e, ok := l.lookup(c); ok {
				return e, true, e.grade > 0
			}
		}
		if strings.Contains(c, "*") {
			if e, ok := l.masked(c); ok {
				return e, true, true
			}
			continue
		}
		for _, max := range []int{2, 1} {
			if s, ok := squeeze(c, max); ok {
				if e, ok := l.lookup(s); ok && e.grade >= gradeModerate {
					return e, true, true
				}
			}
		}
	}
	// proper nouns ("Scunthorpe", "Cockfosters") are never split
	if t.upper && !t.caps {
		return lexEntry{}, false, false
	}
	for _, c := range cands {
		if e, ok := l.compound(c); ok {
			return e, true, true
		}
	}
	return lexEntry{}, false, false
}

// masked matches a word with '*' wildcards against curated swear words:
// each run of stars stands for one or more letters ("f**king", "sh*t").
func (l *lexicon) masked(w string) (lexEntry, bool) {
	if w == "" || w[0] == '*' {
		return lexEntry{}, false
	}
	letters := 0
	for i := 0; i < len(w); i++ {
		if w[i] != '*' {
			letters++
		}
	}
	if letters < 1 || (letters == 1 && len(w) < 4) {
		return lexEntry{}, false
	}
	best, found := lexEntry{}, false
	for n := len(w); n <= len(w)+3; n++ {
		for _, cand := range l.byLen[n] {
			if cand[0] == w[0] && globMatch(w, cand) {
				if e := l.words[cand]; !found || e.grade > best.grade {
					best, found = e, true
				}
			}
		}
		if found {
			return best, true
		}
	}
	return best, found
}

// globMatch reports whether s matches pattern p, where each '*' run stands
// for at least as many letters as it has stars.
func globMatch(p, s string) bool {
	if p == "" {
		return s == ""
	}
	if p[0] != '*' {
		return s != "" && s[0] == p[0] && globMatch(p[1:], s[1:])
	}
	n := 0
	for n < len(p) && p[n] == '*' {
		n++
	}
	for k := n; k <= len(s); k++ {
		if globMatch(p[n:], s[k:]) {
			return true
		}
	}
	return false
}

// compound finds a swear stem glued to other letters ("easyslut",
// "fingerfucks", "shitfaced"); words of the innocent list never match.
func (l *lexicon) compound(w string) (lexEntry, bool) {
	if len(w) < 5 || l.innocent[w] {
		return lexEntry{}, false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return lexEntry{}, false
		}
	}
	for _, s := range l.stems {
		if strings.Contains(w, s) {
			e := l.words[s]
			if e.grade < gradeModerate {
				e = lexEntry{grade: gradeModerate, cat: catSwear, curated: true}
			}
			return e, true
		}
	}
	return lexEntry{}, false
}
