package detect

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// Profanity: swear words used as intensifiers or exclamations ("f*cking",
// "sh1te", "FFS") are PROFANITY; slurs are ABUSE. Mild words ("hell",
// "damn", "bloody", "crap") are graded 0 and never flagged.

// profHit is a flagged word: tokens [first, last], its grade and how it was
// recognised.
type profHit struct {
	first, last int
	entry       lexEntry
	disguised   bool
}

// asciiArt finds crude drawings made of symbols: "8===D" and "_|_". Words
// never contain '=' or '|', so this scans the raw text.
func asciiArt(text string) []moderation.Span {
	var out []moderation.Span
	for _, sym := range hateSymbols {
		for at := 0; ; {
			k := strings.Index(text[at:], sym)
			if k < 0 {
				break
			}
			out = append(out, moderation.Span{Start: at + k, End: at + k + len(sym), Kind: moderation.Abuse,
				Confidence: 0.6, Reason: "hate symbol (swastika)"})
			at += k + len(sym)
		}
	}
	eq, us := -2, -2 // the next '=' and '_' at or after i; -1: none left
	for i := 0; i < len(text); i++ {
		// only '=' and '_' matter: jump to the next of them (each search
		// ends where the next one starts, so this stays linear)
		if eq != -1 && eq < i {
			eq = indexFrom(text, i, '=')
		}
		if us != -1 && us < i {
			us = indexFrom(text, i, '_')
		}
		switch {
		case eq < 0 && us < 0:
			i = len(text)
			continue
		case eq < 0 || (us >= 0 && us < eq):
			i = us
		default:
			i = eq
		}
		switch text[i] {
		case '=':
			j := i
			for j < len(text) && text[j] == '=' {
				j++
			}
			if j-i >= 2 && i > 0 && j < len(text) && strings.IndexByte("8B3c", text[i-1]) >= 0 &&
				strings.IndexByte("D>Oo3B", text[j]) >= 0 && (i < 2 || !isAlnumByte(text[i-2])) &&
				(j+1 >= len(text) || !isAlnumByte(text[j+1])) {
				out = append(out, moderation.Span{Start: i - 1, End: j + 1, Kind: moderation.Profanity,
					Confidence: 0.7, Reason: "sexual drawing made of symbols"})
			}
			i = j - 1
		case '_':
			// "_|_" and its variants "_l_", "_i_", "_!_", "_/_", "_¦_",
			// standing alone
			if i+2 < len(text) && (i == 0 || text[i-1] == ' ' || text[i-1] == '\n') {
				_, size := utf8.DecodeRuneInString(text[i+1:])
				j, mid := i+1+size, text[i+1]
				alone := j < len(text) && text[j] == '_' && (j+1 == len(text) || text[j+1] == ' ' || text[j+1] == '\n')
				if alone && mid != ' ' && mid != '_' && (!isAlnumByte(mid) || strings.IndexByte("lIi1", mid) >= 0) {
					out = append(out, moderation.Span{Start: i, End: j + 1, Kind: moderation.Profanity,
						Confidence: 0.6, Reason: "rude gesture made of symbols"})
					i = j
				}
			}
		}
	}
	return out
}

// indexFrom returns the index of the first c at or after i, or -1.
func indexFrom(text string, i int, c byte) int {
	if k := strings.IndexByte(text[i:], c); k >= 0 {
		return i + k
	}
	return -1
}

// hateSymbols are the right-facing swastika and its Tibetan forms. The
// left-facing 卍 is left alone: it is also a common Buddhist sign.
var hateSymbols = []string{"卐", "࿕", "࿖", "࿗", "࿘"}

func isAlnumByte(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
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
// profanity and abuse detectors. allowed is l.allow.covered(toks).
func (l *lexicon) profanityHits(toks []wtok, allowed []bool) []profHit {
	var hits []profHit
	// the rules below are only called where their own first test passes,
	// most words being none of their business; nextOdd is the first token
	// at or after i that is an odd piece (see joinedAt)
	nextOdd := -1
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.plain {
			// most tokens: a known word outside the lexicon, undisguised,
			// that starts no phrase, is more than a letter, has no
			// punctuation after it and no odd piece within two tokens
			// (see lexicon.annotate), which every test below turns down
			continue
		}
		if allowed != nil && allowed[i] {
			continue
		}
		if (t.info == nil || t.facts&fUnknown != 0) && (len(t.norm) == 0 || (t.norm[0] >= '0' && t.norm[0] <= '9' && !t.masked)) {
			continue
		}
		if t.masked || t.info == nil || t.facts&fPhraseFirst != 0 {
			if j, e, ok := l.phraseAt(toks, i); ok {
				hits = append(hits, profHit{first: i, last: j, entry: e})
				i = j
				continue
			}
		}
		if nextOdd < i {
			for nextOdd = i; nextOdd < len(toks) && !toks[nextOdd].oddPiece; nextOdd++ {
			}
		}
		if nextOdd <= i+2 && nextOdd < len(toks) || t.punctAfter != 0 && i+1 < len(toks) && toks[i+1].start > toks[i].end {
			if j, e, ok := l.joinedAt(toks, i); ok && !l.wordHit(&toks[i]) {
				hits = append(hits, profHit{first: i, last: j, entry: e, disguised: true})
				i = j
				continue
			}
		}
		// spaced letters: "f u c k", "s.h.i.t"
		if len(t.norm) == 1 {
			if j, e, ok := l.spelledOut(toks, i); ok {
				hits = append(hits, profHit{first: i, last: j, entry: e, disguised: true})
				i = j
				continue
			}
		}
		if t.info != nil && t.facts&(fUnknown|fInLex) == 0 && (t.facts&fInnocent != 0 || !t.masked) {
			continue // what classifyWord says of a known word outside the lexicon
		}
		e, disguised, ok := l.classify(t)
		if ok && e.grade < gradeModerate && e.cat == catSwear && scornfulMy(toks, i) {
			// "Lessons my arse.": the mild word in a retort
			hits = append(hits, profHit{first: i, last: i, entry: lexEntry{grade: gradeModerate, cat: catSwear, curated: true}})
			continue
		}
		if !ok || e.grade < gradeModerate {
			continue
		}
		if needleWords[stripPossessive(t.norm)] && sentenceHas(toks, i, needleContext) {
			continue // "I felt a prick as the needle went in"
		}
		if cockUp(toks, i) {
			continue // "if that butcher cocks up my dad's leg" (a blunder), "a cock and swallow" tattoo (the bird)
		}
		if nameLike[stripPossessive(t.norm)] && t.upper && readsAsName(toks, i) {
			continue
		}
		if disguised && !t.masked && t.upper && !t.caps && i+1 < len(toks) && toks[i+1].upper && !toks[i+1].caps &&
			toks[i+1].sentence == t.sentence && t.punctAfter == 0 && !l.english[stripPossessive(toks[i+1].norm)] {
			continue // a sound-alike before a surname is a first name: "Tanni Grey-Thompson"; not "Fuk Off"
		}
		if placeNamed(toks, i) || teasing(toks, i) || !readsAsSwear(toks, i, e, disguised) {
			continue
		}
		hits = append(hits, profHit{first: i, last: i, entry: e, disguised: disguised})
	}
	return hits
}

// cockUp reports "cock" as a blunder ("cocks up", "cocked it up") or as
// the bird, beside another bird or its comb in the sentence.
func cockUp(toks []wtok, i int) bool {
	w := stripPossessive(toks[i].norm)
	if w != "cock" && w != "cocks" && w != "cocked" && w != "cocking" {
		return false
	}
	if i+1 < len(toks) && toks[i+1].norm == "up" || i+2 < len(toks) && toks[i+2].norm == "up" && toks[i+1].norm == "it" {
		return true
	}
	sent := toks[i].sentence
	for k := i - 6; k <= i+6; k++ {
		if k >= 0 && k < len(toks) && toks[k].sentence == sent && cockBirdWords[toks[k].norm] {
			return true
		}
	}
	return false
}

var cockBirdWords = map[string]bool{"swallow": true, "swallows": true, "comb": true, "hen": true, "hens": true,
	"rooster": true, "chicken": true, "chickens": true, "pheasant": true, "crow": true, "crowing": true, "crowed": true}

// scornfulMy reports "my arse" as a retort that scorns the words before
// it: "Lessons my arse.", "Traffic, my arse.", "Boys will be boys, my
// arse." The words end their sentence, and a comma comes before them or
// at most two words do that are no pronoun ("He kicked my arse" tells of
// a thing done).
func scornfulMy(toks []wtok, i int) bool {
	if i < 2 || (toks[i].norm != "arse" && toks[i].norm != "ass") || toks[i-1].norm != "my" || toks[i-1].punctAfter != 0 {
		return false
	}
	if p := toks[i].punctAfter; i+1 < len(toks) && toks[i+1].sentence == toks[i].sentence && p != ',' && p != '!' && p != '.' {
		return false // "my arse hurts"
	}
	if toks[i-2].punctAfter == ',' {
		return true
	}
	k := i - 1 // the words before "my" in its sentence
	for k > 0 && toks[k-1].sentence == toks[i].sentence && toks[k-1].punctAfter == 0 {
		k--
	}
	return i-1-k <= 2 && toks[k].sentence == toks[i].sentence && !subjectWords[toks[k].norm]
}

// subjectWords start a sentence that tells of a thing done to the writer.
var subjectWords = map[string]bool{"i": true, "he": true, "she": true, "we": true, "they": true, "you": true, "it": true,
	"that": true, "this": true, "someone": true, "somebody": true, "nobody": true, "mum": true, "dad": true}

// wordHit reports whether a token is a flagged word on its own.
func (l *lexicon) wordHit(t *wtok) bool {
	e, _, ok := l.classify(t)
	return ok && e.grade >= gradeModerate
}

// englishParts reports a hyphenated word made of ordinary words
// ("follow-up", "self-referral").
func (l *lexicon) englishParts(w string) bool {
	if !strings.Contains(w, "-") {
		return false
	}
	for part := range strings.SplitSeq(w, "-") {
		if _, swear := l.words[part]; swear || len(part) < 2 || !l.english[part] {
			return false
		}
	}
	return true
}

// contraction reports an everyday contraction ("can't", "we're", "I'd").
func contraction(w string) bool {
	i := strings.LastIndexByte(w, '\'')
	if i <= 0 {
		return false
	}
	switch w[i:] {
	case "'t", "'re", "'ve", "'ll", "'d", "'m":
		return true
	}
	return false
}

// needleWords are swear words that are also the feel of a needle.
var needleWords = map[string]bool{"prick": true, "pricks": true}

// cntVerbs are verbs that "cnt" (can't) is written before.
var cntVerbs = wordSet(`be do go get cope sleep stop wait take help find see stand breathe eat walk move work
afford believe face handle manage remember think speak talk tell hear keep live carry say deal cry focus
even wake leave make feel understand`)

// readsAsSwear reports whether token i, a swear word with a plain sense
// that its neighbours can show, reads as the swear word:
//   - an abbreviation that is also a clinical one: "scared af", "tight
//     af", but not "AF" (atrial fibrillation) in capitals or after a word
//     that names it ("her af", "new af"); "that's BS", "bs to be fair",
//     but not a blood sugar ("my bs was 14", "bs 12.4");
//   - a male bird: "the cock pheasant", "a cock robin", "the weather
//     cock"; a cigarette: "one last fag";
//   - to "slag someone off" is to criticise them;
//   - a two-letter abbreviation is never read through a disguise: "aff"
//     is Scots for "off" ("run aff their feet");
//   - "cnt" before a verb is text-speak for "can't" ("i cnt sleep").
//
// Any other word is read as written.
func readsAsSwear(toks []wtok, i int, e lexEntry, disguised bool) bool {
	t := &toks[i]
	if disguised && e.cat == catAbbrev && (strings.Trim(t.norm, "af") == "" || strings.Trim(t.norm, "bs") == "") {
		return false
	}
	if e.cat == catAbbrev && i+1 < len(toks) && toks[i+1].sentence == t.sentence && t.punctAfter == 0 && digitsOnly(toks[i+1].norm) {
		return false // letters of a code: "a batch number, something like FK 8892"
	}
	prev := ""
	if i > 0 && toks[i-1].sentence == t.sentence {
		prev = toks[i-1].norm
	}
	switch t.norm {
	case "af":
		return !t.upper && prev != "" && toks[i-1].punctAfter == 0 && !clinicalBefore[prev]
	case "bs":
		if i+1 < len(toks) && toks[i+1].sentence == t.sentence && (digitsOnly(strings.ReplaceAll(toks[i+1].norm, ".", "")) || bsReading[toks[i+1].norm]) {
			return false
		}
		if t.upper && !t.caps && (digitsOnly(prev) || countWords[prev]) {
			return false // grades or marks counted: "two As and five Bs"
		}
		return !bsBefore[prev]
	case "cock":
		return (i+1 >= len(toks) || !birdWords[toks[i+1].norm]) && prev != "weather"
	case "cnt":
		// text-speak for "can't" before a verb: "cnt do this no more", "i cnt sleep"
		return !(i+1 < len(toks) && toks[i+1].sentence == t.sentence && t.punctAfter == 0 && cntVerbs[toks[i+1].norm])
	case "fag", "fags":
		// "Na fàg mi" (Gaelic: don't leave me): an accent taken off
		// makes the word longer in the text than its norm
		return !smoking(toks, i) && t.end-t.start == len(t.norm)
	}
	if prev == "called" && i >= 2 && placeCalled[toks[i-2].norm] {
		return false // "a village called Dildo in Newfoundland"
	}
	if t.norm == "slagging" || t.norm == "slagged" {
		return false // the verb, never the insult: "tea and slagging", "they slagged the food"
	}
	if strings.HasPrefix(t.norm, "slag") {
		// "slag anyone off", "slag the nurses off": criticise
		for k := i + 1; k <= i+4 && k < len(toks) && toks[k].sentence == t.sentence; k++ {
			if toks[k].norm == "off" {
				return false
			}
		}
	}
	return true
}

// placeCalled are the places that "a ... called X" names.
var placeCalled = wordSet("village town city hamlet place street road lane pub island river hill farm estate")

// smoking reports a "fag" that is a cigarette: after a word for one
// smoked ("one last fag", "a quick fag", "a crafty fag"), before "break"
// or "end", or in a sentence about smoking.
func smoking(toks []wtok, i int) bool {
	if i > 0 && fagBefore[toks[i-1].norm] || i+1 < len(toks) && fagAfter[toks[i+1].norm] {
		return true
	}
	for k := max(0, i-8); k < len(toks) && k <= i+8; k++ {
		if toks[k].sentence == toks[i].sentence && smokeWords[toks[k].norm] {
			return true
		}
	}
	return false
}

var (
	fagBefore  = wordSet(`last quick crafty sneaky cheeky roll-up`)
	fagAfter   = wordSet(`break breaks end ends packet packets lighter`)
	smokeWords = wordSet(`smoke smoked smoking smoker smokers lit light lighter ashtray cigarette cigarettes puff baccy tobacco`)
)

// birdWords after "cock" make it a male bird.
var birdWords = wordSet(`pheasant pheasants robin robins bird birds blackbird blackbirds sparrow sparrows grouse
partridge partridges chaffinch chaffinches linnet linnets crab crabs lobster lobsters salmon`)

// clinicalBefore name a clinical AF before it: a possessive, an article
// or preposition, or a clinical qualifier.
var clinicalBefore = wordSet(`my his her their your our the a an with of for in has have had and or new paroxysmal
persistent permanent rapid fast uncontrolled controlled chronic`)

// bsBefore words before "bs" make it a blood sugar ("my bs", "fasting
// bs"); "a load of bs" is still the swear phrase.
var bsBefore = wordSet(`my his her their your our fasting random`)

// countWords before "Bs" count letters: "five Bs".
var countWords = wordSet(`two three four five six seven eight nine ten eleven twelve some several many few more no`)

// bsReading words after "bs" make it a blood sugar ("bs was 14").
var bsReading = wordSet(`was is were are level levels reading readings of test tests went goes dropped dropping high low`)

// needleContext words in the same sentence mean the needle sense.
var needleContext = map[string]bool{"needle": true, "needles": true, "injection": true, "jab": true,
	"jabs": true, "vaccine": true, "vaccination": true, "blood": true, "cannula": true, "test": true,
	"finger": true, "skin": true, "sharp": true, "scratch": true, "felt": true, "feel": true, "pin": true,
	"thorn": true, "heel": true, "syringe": true, "insulin": true, "injections": true, "tiny": true}

// sentenceHas reports whether a word of set is in token i's sentence (a
// sentence about needles, about sedation).
func sentenceHas(toks []wtok, i int, set map[string]bool) bool {
	for k := i; k >= 0 && toks[k].sentence == toks[i].sentence; k-- {
		if set[toks[k].norm] {
			return true
		}
	}
	for k := i + 1; k < len(toks) && toks[k].sentence == toks[i].sentence; k++ {
		if set[toks[k].norm] {
			return true
		}
	}
	return false
}

// zombieWords are insults that are also how a sedated person seems;
// sedationContext words in the same sentence mean that sense ("he's on so
// much morphine he's a zombie").
var (
	zombieWords     = map[string]bool{"zombie": true, "zombies": true}
	sedationContext = map[string]bool{"morphine": true, "medication": true, "meds": true, "sedated": true, "sedation": true,
		"sedative": true, "sedatives": true, "drugged": true, "tablets": true, "pills": true, "antipsychotics": true, "olanzapine": true,
		"lorazepam": true, "diazepam": true, "haloperidol": true, "oramorph": true}
)

// readsAsName reports whether a capitalised wtok reads as a name: inside a
// sentence, or followed by another capitalised word.
func readsAsName(toks []wtok, i int) bool {
	if i+1 < len(toks) && toks[i+1].upper && toks[i+1].sentence == toks[i].sentence {
		return true
	}
	if toks[i].punctAfter == ',' {
		return true // "Dick, the volunteer driver, ..."
	}
	return i > 0 && toks[i-1].sentence == toks[i].sentence
}

// placeNamed reports a capitalised word that names a street or place
// with the word after it ("Minge Lane", "Shitterton Road"), or a "Dyke"
// (an earthwork, a ditch) named by the capitalised word before it:
// "Offa’s Dyke", "Black Dyke" (and its band); or a place put near a
// town ("Cocks, near Perranporth").
// placeBefore are the words before a capitalised word that make it a
// place.
var placeBefore = map[string]bool{"near": true, "outside": true, "past": true, "from": true, "through": true, "via": true}

func placeNamed(toks []wtok, i int) bool {
	t := &toks[i]
	if !t.upper || t.caps || t.first {
		return false
	}
	if p := i - 1; p >= 0 && (t.norm == "dyke" || t.norm == "dykes") && toks[p].upper && !toks[p].caps && toks[p].sentence == t.sentence && toks[p].punctAfter == 0 &&
		(!toks[p].first || strings.HasSuffix(toks[p].norm, "'s")) { // not "You Dyke."
		return true
	}
	if i+1 >= len(toks) {
		return false
	}
	if p := i - 1; p >= 0 && placeBefore[toks[p].norm] && toks[p].sentence == t.sentence {
		return true // "a mate near Cocks", "drove me past Cocks", "over from Cocks every weekend"
	}
	n := &toks[i+1]
	if t.punctAfter == ',' && n.norm == "near" && i+2 < len(toks) && toks[i+2].upper && !toks[i+2].caps && toks[i+2].sentence == t.sentence {
		return true // a hamlet placed by a town: "his place at Cocks, near Perranporth"
	}
	return n.upper && n.sentence == t.sentence && t.punctAfter == 0 && idClassOf[n.norm]&streetWords != 0
}

// teasing reports "slag" as the verb to tease ("she'd slag me about the
// hurling", "they slag each other off"), not the insult.
func teasing(toks []wtok, i int) bool {
	if toks[i].norm != "slag" && toks[i].norm != "slagging" && toks[i].norm != "slagged" || i+1 >= len(toks) {
		return false
	}
	switch toks[i+1].norm {
	case "me", "him", "her", "us", "them", "you", "each", "off", "everyone":
		return toks[i].punctAfter == 0
	}
	return false
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
	info := t.info
	if info == nil || t.facts&fUnknown == 0 || info == &unknownWord {
		return l.classifyWord(t)
	}
	// an unknown word: the verdict depends on the word and the token's
	// shape only, so it is worked out once per text and shape
	shape := uint8(0)
	if t.upper {
		shape |= 1
	}
	if t.caps {
		shape |= 2
	}
	if t.first {
		shape |= 4
	}
	if info.memoSet&(1<<shape) == 0 {
		e, d, ok := l.classifyWord(t)
		if info.memo == nil {
			info.memo = new([8]classVerdict) // not made by newUnknown
		}
		info.memo[shape] = classVerdict{entry: e, disguised: d, ok: ok}
		info.memoSet |= 1 << shape
	}
	v := info.memo[shape]
	return v.entry, v.disguised, v.ok
}

// classVerdict is what classify said about a word.
type classVerdict struct {
	entry         lexEntry
	disguised, ok bool
}

// classifyWord does the work of classify.
func (l *lexicon) classifyWord(t *wtok) (lexEntry, bool, bool) {
	// a known word that is not masked is decided by its entry alone (a
	// vocabulary word never starts with '@'), without reading its text
	known := t.info != nil && t.facts&fUnknown == 0
	if known && (t.facts&(fInLex|fInnocent) != 0 || !t.masked) {
		if t.facts&fInLex != 0 {
			return t.info.entry, false, true
		}
		return lexEntry{}, false, false
	}
	w := stripPossessive(t.norm)
	if strings.HasPrefix(w, "@") && l.english[strings.TrimLeft(w, "@")] {
		return lexEntry{}, false, false // a handle such as "@retired"
	}
	if known {
		// masked, neither swear nor innocent: try the evasions below
	} else if e, ok := l.lookup(w); ok {
		return e, false, true
	} else if l.innocent[w] {
		return lexEntry{}, false, false
	} else if !t.masked && (l.english[w] || contraction(w) || l.englishParts(w) || l.englishInflection(w)) {
		// a hyphenated swear compound of ordinary words: "muff-diving"
		if strings.Contains(w, "-") && !l.english[w] {
			if e, ok := l.lookup(lettersOnly(w)); ok && e.grade >= gradeModerate {
				return e, true, true
			}
		}
		return lexEntry{}, false, false
	}
	// a swear word as one part of a hyphenated word: "mange-merde",
	// "Piss-poor"; short words of a sexual sense ("cock-up") only count as
	// a whole
	if strings.Contains(w, "-") && !strings.Contains(w, "'") {
		for part := range strings.SplitSeq(w, "-") {
			if e, ok := l.lookup(part); ok && e.curated && e.grade >= gradeModerate && (e.exact || len(part) >= 5 || e.cat == catSwear) && !nameLike[part] {
				return e, true, true
			}
		}
	}
	if unit, ok := numbered(w); ok && (l.english[unit] || l.englishInflection(unit)) {
		return lexEntry{}, false, false // "a 50-mile ride": a number, not "so" in leetspeak
	}
	if code := strings.TrimRight(w, "0123456789"); len(code) >= 4 && len(code) < len(w) && (l.english[code] || l.allow.hasWord(code)) && !l.swearWord(code) {
		return lexEntry{}, false, false // a discount code: "ROMANIA20", "SPRING10"
	}
	if n := strings.TrimSuffix(strings.TrimSuffix(w, "s"), "'"); n != w && digitsOnly(n) {
		return lexEntry{}, false, false // "sugars in the 8s", "the 80's": a number's plural, not "bs"
	}
	cands := make([]string, 0, 8)
	if t.masked {
		w = starify(w)
		if d, ok := deleet(w); ok {
			cands = append(cands, d)
			if strings.Contains(w, "1") {
				cands = append(cands, strings.ReplaceAll(d, "i", "l"))
			}
			if strings.Contains(w, "8") { // "ni88er": 8 for g
				if g, ok := deleet(strings.ReplaceAll(w, "8", "g")); ok {
					cands = append(cands, g)
				}
			}
			if strings.ContainsAny(d, "-.") && !strings.Contains(d, "'") {
				cands = append(cands, lettersOnly(d)) // "c-0-c-k"
			}
		}
	}
	cands = append(cands, w)
	if strings.ContainsAny(w, "-.") && !strings.Contains(w, "'") {
		cands = append(cands, lettersOnly(w))
	}
	// "f'ck": an apostrophe for a letter, in a word of three letters or
	// more (Welsh "i'n", "a'r" and "o'r" are words)
	if strings.Contains(w, "'") && !contraction(w) && len(w) >= 4 {
		if a, ok := starAll(w); ok && a[0] != '*' {
			cands = append(cands, a)
		}
	}
	if strings.Contains(w, "vv") { // "tvvat": vv for w
		cands = append(cands, strings.ReplaceAll(w, "vv", "w"))
	}
	// a capitalised word inside a sentence is a name ("Bonner", "Fugger"):
	// only exact matches count. A name never holds a '*' ("a “P*ki”"),
	// but one cut to its initial may ("Dr S***")
	if t.upper && !t.caps && !t.first && (!strings.Contains(w, "*") || len(w)-strings.Count(w, "*") < 2) {
		return lexEntry{}, false, false
	}
	// a first name opening a sentence ("Roisin gave me a number") is a name too
	if t.upper && !t.caps && firstNameWord(w) {
		return lexEntry{}, false, false
	}
	if t.masked {
		if s := stripSymbols(w); s != w && len(s) >= 3 {
			cands = append(cands, s)
		}
		// every symbol a wildcard: "f*&k!ng", "$#1t"
		if a, ok := starAll(w); ok && a[0] != '*' && len(a)-strings.Count(a, "*") >= 2 {
			cands = append(cands, a)
		}
	}
	for _, c := range cands {
		if c != w {
			if e, ok := l.lookup(c); ok {
				return e, true, e.grade > 0
			}
			if l.english[c] {
				continue // "@retired" is "retired", not a respelling
			}
		}
		if strings.Contains(c, "*") {
			if e, ok := l.masked(c); ok {
				return e, true, true
			}
			if e, ok := l.maskedCompound(c); ok {
				return e, true, true
			}
			continue
		}
		long, _ := squeeze(c, 2)
		for _, max := range []int{2, 1} {
			if s, ok := squeeze(c, max); ok {
				// a run of three or more letters is deliberate ("shhhiiiter"):
				// then the slang list counts too
				if e, ok := l.lookup(s); ok && (e.curated || long != c) && e.grade >= gradeModerate {
					return e, true, true
				}
			}
		}
		if e, ok := l.soundsLike(c); ok && !l.innocent[c] && !l.englishAdjective(c) {
			return e, true, true
		}
		// a doubled letter written once: "pusy", "fuker"
		if cw, ok := l.single[c]; ok {
			return l.words[cw], true, true
		}
	}
	// inflected respellings: "wankz", "fookd", "basterdz", "fuukn"
	for _, c := range cands {
		if strings.Contains(c, "*") || l.innocent[c] {
			continue
		}
		if e, ok := l.inflected(c); ok {
			return e, true, true
		}
	}
	// proper nouns ("Scunthorpe", "Cockfosters") are never split
	for _, c := range cands {
		if t.upper && !t.caps {
			// a capitalised word may be a place ("Cockfosters"): only the
			// strongest stems count inside it ("Buttfucker")
			if e, ok := l.stemIn(c, strongStems); ok && !l.innocent[c] {
				return e, true, true
			}
			continue
		}
		if e, ok := l.compound(c); ok {
			return e, true, true
		}
	}
	return lexEntry{}, false, false
}

// englishInflection reports a word that inflects an ordinary English
// word which is no swear word: "tutting" (tut), "bots" (bot), "fixes"
// (fix), "hoped" (hope). The dictionary lists few inflected forms, and an
// unknown word is otherwise read as a respelling ("tutting" as
// "titting"). Not "-y" (see englishAdjective): "pusy", "octopussy" and
// "gyppy" would read as ordinary words.
func (l *lexicon) englishInflection(w string) bool {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if b, ok := strings.CutSuffix(w, suf); ok && len(b) >= 3 &&
			(l.ordinaryWord(b) || l.ordinaryWord(b+"e") || l.ordinaryWord(undoubled(b))) {
			return true
		}
	}
	return false
}

// englishAdjective reports a word made an adjective with "-y" from an
// ordinary English word which is no swear word ("waggy", "baldy"): it
// sounds like a swear word only by chance, and the sound-alike check
// leaves it.
func (l *lexicon) englishAdjective(w string) bool {
	b, ok := strings.CutSuffix(w, "y")
	if !ok || len(b) < 3 {
		return false
	}
	if u := undoubled(b); u != "" {
		return l.ordinaryWord(u) // "waggy"
	}
	return l.ordinaryWord(b)
}

// ordinaryWord reports a dictionary word that is no swear word and no
// word holding a swear stem.
func (l *lexicon) ordinaryWord(w string) bool {
	_, swear := l.words[w]
	return w != "" && l.english[w] && !swear && !l.innocent[w]
}

// undoubled is w without its last letter when the two last letters are
// the same ("tutt" → "tut"), or "".
func undoubled(w string) string {
	if n := len(w); n >= 2 && w[n-1] == w[n-2] {
		return w[:n-1]
	}
	return ""
}

// swearWord reports a word the lexicon lists ("fuck" in "fuck20").
func (l *lexicon) swearWord(w string) bool {
	_, ok := l.lookup(w)
	return ok
}

// numbered reports a word of digits, a hyphen and letters ("50-mile")
// and returns the letters.
func numbered(w string) (string, bool) {
	k := strings.IndexByte(w, '-')
	if k <= 0 || k == len(w)-1 {
		return "", false
	}
	for i := 0; i < k; i++ {
		if w[i] < '0' || w[i] > '9' {
			return "", false
		}
	}
	return w[k+1:], true
}

// inflections are the endings stripped from an unknown word to find the
// swear word it inflects.
var inflections = []string{"ing", "in", "ers", "er", "ed", "es", "s", "z"}

// inflected finds a moderate or stronger swear word that c inflects, as
// listed or with its repeated letters squeezed ("wankz", "fuckerz",
// "shittin"). Needle and name words ("pricker", "Dicker") never count.
func (l *lexicon) inflected(c string) (lexEntry, bool) {
	for _, suf := range inflections {
		b, ok := strings.CutSuffix(c, suf)
		if !ok || len(b) < 3 || needleWords[b] || nameLike[b] {
			continue
		}
		if e, ok := l.lookup(b); ok && e.grade >= gradeModerate && !e.exact && (e.curated || e.grade >= gradeStrong) {
			return e, true
		}
		if sq, ok := squeeze(b, 1); ok {
			if e, ok := l.lookup(sq); ok && e.curated && !e.exact && e.grade >= gradeModerate && !needleWords[sq] && !nameLike[sq] {
				return e, true
			}
		}
	}
	return lexEntry{}, false
}

// strongStems are found inside capitalised words too.
var strongStems = []stem{{"fuck", true}, {"cunt", true}, {"nigger", true}, {"wank", true}, {"shit", true}}

// skelStems are skeletons of strong words found inside respelled compounds
// ("mohterfuccer", "treefuker", "coksucka").
var skelStems = []stem{{"fuk", true}, {"kunt", true}, {"nigger", true}}

// joinedAt joins a word split by spaces or dots ("w anker", "f uck",
// "c.unt", "b.astard") starting at token i. It returns the last token when
// the joined letters are a curated swear word and the pieces are not two
// ordinary words.
func (l *lexicon) joinedAt(toks []wtok, i int) (int, lexEntry, bool) {
	// cheap test first: a split word has a piece that is not an ordinary
	// short word, right next to its neighbour
	if i+1 >= len(toks) || toks[i+1].start-toks[i].end > 1 || toks[i+1].sentence != toks[i].sentence {
		return 0, lexEntry{}, false
	}
	odd := toks[i+1].start > toks[i].end && toks[i].punctAfter != 0 // "c.unt"
	for k := i; !odd && k < len(toks) && k <= i+2; k++ {
		odd = toks[k].oddPiece
	}
	if !odd {
		return 0, lexEntry{}, false
	}
	// "f ck", "c *nt": one letter, a space for a hidden letter, the rest
	// (not two capital letters: "E, then F P, then T O Z" reads an eye chart)
	if len(toks[i].norm) == 1 && toks[i+1].start-toks[i].end == 1 && toks[i].punctAfter == 0 &&
		len(toks[i+1].norm) <= 3 && (toks[i+1].info == nil || toks[i+1].facts&fUnknown != 0) &&
		!(toks[i].upper && len(toks[i+1].norm) == 1 && toks[i+1].upper) {
		if e, ok := l.masked(toks[i].norm + "*" + strings.TrimLeft(toks[i+1].norm, "*")); ok && e.grade >= gradeStrong && !e.exact {
			return i + 1, e, true
		}
	}
	var buf [64]byte // the joined letters, without allocating
	b := append(buf[:0], toks[i].norm...)
	for j := i + 1; j < len(toks) && j <= i+2; j++ {
		gap := toks[j].start - toks[j-1].end
		if toks[j].sentence != toks[i].sentence || gap > 1 || (toks[j].upper && !toks[j].caps) {
			return 0, lexEntry{}, false
		}
		b = append(b, toks[j].norm...)
		if len(b) < 4 {
			continue
		}
		common := 0
		for k := i; k <= j; k++ {
			if len(toks[k].norm) > 4 || isCommonWord(&toks[k]) {
				common++
			}
		}
		if common == j-i+1 {
			continue
		}
		var wbuf [64]byte // the letters only, also without allocating
		w := wbuf[:0]
		for _, c := range b {
			if 'a' <= c && c <= 'z' {
				w = append(w, c)
			}
		}
		if e, ok := l.words[string(w)]; ok && e.curated && !e.exact && e.grade >= gradeModerate {
			return j, e, true
		}
	}
	return 0, lexEntry{}, false
}

// oddPiece reports whether a token (with its vocabulary entry) can be a
// piece of a word split by spaces: a three-letter piece that is no word
// ("wan ker"), or a word of one or two letters that is not an ordinary
// one. annotate works it out once per token for joinedAt.
func oddPiece(t *wtok) bool {
	n := t.norm
	if len(n) == 3 && t.info != nil && t.facts&fUnknown != 0 && lowerLetters(n) {
		return true
	}
	if len(n) > 2 {
		return false
	}
	info := t.info
	return (info != nil && t.facts&fCommon == 0) || (info == nil && !commonWords[n])
}

// lowerLetters reports whether s is made of the letters a-z only.
func lowerLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// isCommonWord is commonWords[t.norm], read from the token's facts when
// the token is its vocabulary entry's word.
func isCommonWord(t *wtok) bool {
	if t.info != nil && t.facts&(fExact|fUnknown) == fExact {
		return t.facts&fCommon != 0
	}
	return commonWords[t.norm]
}

// commonWords are short words that never join into a swear word ("as",
// "sh" is not one of them).
var commonWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a i an as at be by do go he if in is it me my no of on or so to up us we
		am are was the and but for not you she his her its our who why how all any can did get got had has
		him let may new now old one out own say see set too two way yes yet off saw put run ten few far bit
		ask end eat hot lot man men met sit try use war win won its ago age air arm art bad bag bed big box
		boy bus car cut day dry ear egg eye fit fly fun gas god gun guy hat hit ill job key kid law leg lie
		low mum dad nan map mix mud net odd oil pay pen pet pop pot raw red rid row sad sea sex shy sky son
		sun tax tea tie tin toe top toy van wet won yet zoo ward bay bed week weeks time times
		da ma ye yer`) { // the last: dialect words ("my da go grey" is no "dago")
		commonWords[w] = true
	}
}

// soundsLike matches spellings that sound or look like a strong curated
// word: "phuck", "kunt", "fvck", "shyt" (skeleton), "fcuk" (letters
// swapped inside), "shlt", "nlgger" (l for i).
func (l *lexicon) soundsLike(w string) (lexEntry, bool) {
	if len(w) < 4 {
		return lexEntry{}, false
	}
	try := func(x string) (lexEntry, bool) {
		if cw, ok := l.skel[skeleton(x)]; ok {
			return l.words[cw], true
		}
		if cw, ok := l.anagram[sortedKey(x)]; ok && len(cw) == len(x) {
			return l.words[cw], true
		}
		return lexEntry{}, false
	}
	if e, ok := try(w); ok {
		return e, true
	}
	if sq, ok := squeeze(w, 1); ok {
		if e, ok := try(sq); ok {
			return e, true
		}
	}
	if v, ok := lForI(w); ok {
		if e, ok := l.lookup(v); ok && e.curated && e.grade >= gradeModerate {
			return e, true
		}
	}
	// vowels swapped or hidden: "fack", "fookin", "basterds", "nigur"
	if v, ok := vowelMask(w); ok && strings.Count(v, "*") < len(v)-2 {
		if e, ok := l.maskedStrong(v); ok {
			return e, true
		}
		// an 'x' for a vowel is a deliberate mask ("shxt", "dxck")
		if strings.ContainsAny(w, "xj") {
			if e, ok := l.masked(v); ok && e.cat != catSlur {
				return e, true
			}
		}
	}
	return lexEntry{}, false
}

// lForI turns an 'l' between two consonants into 'i' ("shlt", "nlgger").
func lForI(w string) (string, bool) {
	b := []byte(w)
	changed := false
	for i := 1; i+1 < len(b); i++ {
		if (b[i] == 'l' || b[i] == 'j') && !isVowel(b[i-1]) && !isVowel(b[i+1]) {
			b[i] = 'i'
			changed = true
		}
	}
	return string(b), changed
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
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
	runs := 0
	for i := 0; i < len(w); i++ {
		if w[i] == '*' && (i == 0 || w[i-1] != '*') {
			runs++
		}
	}
	// a star usually hides one letter: "s***" is "shit" and "f**k" is
	// "fuck", though "slag" and "fck" match too. A word cut to its initial
	// ("s***", "c***", "t***") is the common swear word of its length, not
	// a slur that shares the initial ("spic", "coon", "tard"): a slur is
	// chosen only when no other word fits.
	best, found := lexEntry{}, false
	for _, cand := range l.byLen[len(w)<<8|int(w[0])] {
		if !globMatch(w, cand) {
			continue
		}
		if e := l.words[cand]; !found || maskPrefers(e, best, letters) {
			best, found = e, true
		}
	}
	if found {
		return best, true
	}
	for n := letters + runs; n <= len(w)+3; n++ {
		for _, cand := range l.byLen[n<<8|int(w[0])] {
			if globMatch(w, cand) {
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

// maskPrefers reports whether a masked word with the given number of
// letters shown reads as e rather than best: the higher grade, but with
// only the initial shown, any swear word before a slur.
func maskPrefers(e, best lexEntry, letters int) bool {
	if letters == 1 && (e.cat == catSlur) != (best.cat == catSlur) {
		return best.cat == catSlur
	}
	return e.grade > best.grade
}

// maskedCompound finds a masked swear word glued to an ordinary word:
// "sh*tshow", "f**kwit", "sh*tstorm". The ordinary word comes after the
// last '*' and has three letters or more.
func (l *lexicon) maskedCompound(w string) (lexEntry, bool) {
	last := strings.LastIndexByte(w, '*')
	for k := last + 2; k+3 <= len(w); k++ {
		if !l.english[w[k:]] {
			continue
		}
		if e, ok := l.masked(w[:k]); ok && e.grade >= gradeModerate && e.cat != catSlur {
			return e, true
		}
	}
	return lexEntry{}, false
}

// maskedStrong is masked restricted to strong words, for vowel-masked
// spellings that were not masked by the writer.
func (l *lexicon) maskedStrong(w string) (lexEntry, bool) {
	e, ok := l.masked(w)
	if !ok || e.grade < gradeStrong || (e.cat == catSlur && len(w) < 5) {
		return lexEntry{}, false
	}
	return e, true
}

// globMatch reports whether s matches pattern p, where each run of '*'
// stands for one or more letters ("f()()k" is "f*k" is "fuck").
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
	for k := 1; k <= len(s); k++ {
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
	if e, ok := l.stemIn(w, l.stems); ok {
		return e, true
	}
	if e, ok := l.stemIn(skeleton(w), skelStems); ok {
		return e, true
	}
	return l.split(w)
}

// strongPart reports whether a lexicon word is strong enough to be found
// glued to another word: a curated strong word of four letters or more
// that is not also a name ("dick") or an old or technical word ("prick",
// "wench", "schizo" all start ordinary compounds).
func strongPart(w string, e lexEntry) bool {
	return e.curated && !e.exact && e.grade >= gradeStrong && len(w) >= 3 && !nameLike[w] && !needleWords[w] && !prefixWords[w]
}

// prefixWords are swear words that also begin ordinary technical words
// ("pedometer", "schizocarp", "coonhound", "squawberry").
var prefixWords = map[string]bool{"pedo": true, "paedo": true, "schizo": true, "homo": true, "squaw": true,
	"kraut": true, "coon": true, "wench": true, "pimp": true, "nymph": true, "spaz": true}

// split finds a swear word glued to an ordinary word or another swear
// word ("cheekybollocs", "japcrap", "kikekiller"), or a swear phrase
// written as one word ("bumbandit", "rimjob"). Both parts have at least
// three letters, so that short words ("ho", "as") never count.
func (l *lexicon) split(w string) (lexEntry, bool) {
	part := func(s string) bool {
		if l.english[s] {
			return true
		}
		_, ok := l.words[s]
		return ok
	}
	for k := 2; k <= len(w)-2; k++ {
		left, right := w[:k], w[k:]
		for _, p := range l.phrases[left] {
			if len(p.rest) == 1 && p.rest[0] == right && p.entry.grade >= gradeModerate {
				return p.entry, true
			}
		}
		if len(left) < 3 || len(right) < 3 {
			continue
		}
		if l.strongHead(left) {
			if e, ok := l.words[left]; ok && strongPart(left, e) && (part(right) || len(left) == 3 && l.english[right] && len(right) >= 4) {
				return e, true
			}
		}
		if !l.strongHead(right) {
			continue // neither the right part nor a word in its middle can be strong
		}
		if e, ok := l.words[right]; ok && strongPart(right, e) && (part(left) || len(right) == 3 && l.english[left] && len(left) >= 4) {
			return e, true
		}
		// three parts, the swear word in the middle: "hugecumload"
		if l.english[left] && len(left) >= 3 {
			for m := 3; m <= len(right)-3; m++ {
				if e, ok := l.words[right[:m]]; ok && strongPart(right[:m], e) && l.english[right[m:]] {
					return e, true
				}
			}
		}
	}
	return lexEntry{}, false
}

// strongHeadIndex is the index of the first three letters of w in
// lexicon.strongHeads, false when w does not start with three of a-z.
func strongHeadIndex(w string) (int, bool) {
	if len(w) < 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < 3; i++ {
		c := w[i]
		if c < 'a' || c > 'z' {
			return 0, false
		}
		n = n*26 + int(c-'a')
	}
	return n, true
}

// strongHeadsOf marks the first three letters of every word that
// strongPart accepts.
func strongHeadsOf(words map[string]lexEntry) *[(26*26*26 + 63) / 64]uint64 {
	var h [(26*26*26 + 63) / 64]uint64
	for w, e := range words {
		if !strongPart(w, e) {
			continue
		}
		// a word that does not start with three of a-z can only be the
		// part of a w that does not either, and strongHead lets those by
		if n, ok := strongHeadIndex(w); ok {
			h[n/64] |= 1 << (n % 64)
		}
	}
	return &h
}

// strongHead reports whether a strongPart word may start w: always when w
// does not start with three of a-z.
func (l *lexicon) strongHead(w string) bool {
	if l.strongHeads == nil {
		return true
	}
	n, ok := strongHeadIndex(w)
	return !ok || l.strongHeads[n/64]&(1<<(n%64)) != 0
}

// stemIn finds one of stems inside w, by the rules of compound.
func (l *lexicon) stemIn(w string, stems []stem) (lexEntry, bool) {
	for _, s := range stems {
		i := strings.Index(w, s.s)
		if i < 0 {
			continue
		}
		edge := i == 0 || i+len(s.s) == len(w)
		if !edge && !s.middle {
			continue
		}
		if !s.middle && len(w)-len(s.s) < 3 {
			continue // "sexy", "pissy", "asses"
		}
		e, ok := l.words[s.s]
		if !ok || e.grade < gradeModerate {
			e = lexEntry{grade: gradeModerate, cat: catSwear, curated: true}
		}
		return e, true
	}
	return lexEntry{}, false
}

// firstNameWord reports whether the lower-case word w is a first name of
// the name gazetteer ("roisin" for "Roisin" or "Róisín").
func firstNameWord(w string) bool {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	f := loadGazetteer().capFlags(w)
	return f&gFirst != 0 && f&gAmbiguous == 0 || foldedFirstNames()[w]
}

// foldedFirstNames holds the gazetteer's first names lower-cased with their
// accents removed ("róisín" as "roisin"), as tokens are normalised.
var foldedFirstNames = sync.OnceValue(func() map[string]bool {
	g := loadGazetteer()
	m := make(map[string]bool, len(g))
	for k, f := range g {
		if f&gFirst != 0 && f&gAmbiguous == 0 {
			m[normWord(k)] = true
		}
	}
	return m
})
