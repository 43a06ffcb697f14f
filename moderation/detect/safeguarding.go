package detect

import (
	"slices"
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// negators before or inside a "!" pattern cancel it ("I would never hurt
// myself", "nobody hit her").
var negators = map[string]bool{
	"not": true, "never": true, "no": true, "nobody": true, "don't": true, "didn't": true,
	"won't": true, "wouldn't": true, "can't": true, "couldn't": true, "isn't": true, "wasn't": true,
	"haven't": true, "hasn't": true, "hadn't": true, "doesn't": true, "aren't": true, "weren't": true,
	"shouldn't": true, "nor": true,
	// the same typed without the apostrophe, as on a phone ("i havent hurt myself")
	"dont": true, "didnt": true, "wouldnt": true, "couldnt": true, "isnt": true, "wasnt": true,
	"havent": true, "hasnt": true, "hadnt": true, "doesnt": true, "arent": true, "werent": true,
	"shouldnt": true,
}

// pastMarkers in a sentence describe a crisis that is over ("Three years
// ago I was at rock bottom", "I used to self-harm").
var pastMarkers = map[string]bool{"ago": true, "used": true, "recovery": true, "recovered": true,
	"sober": true, "past": true, "previously": true, "former": true, "helped": true,
	"survived": true, "overcame": true, "history": true}

// clinicalWords in a sentence make handling care, not abuse ("held her
// down gently to put the cannula in").
var clinicalWords = map[string]bool{"gently": true, "cannula": true, "injection": true, "jab": true,
	"vaccine": true, "blood": true, "needle": true, "examination": true, "examine": true, "procedure": true,
	"x-ray": true, "scan": true, "surgery": true, "operation": true, "stitches": true, "catheter": true,
	"dressing": true, "physio": true, "exercises": true, "hoist": true, "anaesthetic": true}

// accidental verbs with a body part are usually accidents or gestures ("hit
// my head", "shook her head", "grabbed my hand").
var accidental = map[string]bool{"hit": true, "hits": true, "hitting": true, "bit": true, "burned": true,
	"burnt": true, "grabbed": true, "grabs": true, "shook": true, "shakes": true, "shaking": true,
	"smacked": true, "bites": true}

var bodyParts = map[string]bool{"head": true, "hand": true, "hands": true, "knee": true, "knees": true,
	"arm": true, "leg": true, "foot": true, "toe": true, "finger": true, "tongue": true, "lip": true,
	"elbow": true, "shoulder": true, "back": true, "ankle": true, "wrist": true, "nose": true, "chin": true}

// subjects start a new statement after "and" ("..., and he checks my phone").
var subjects = map[string]bool{"i": true, "he": true, "she": true, "they": true, "we": true,
	"i'm": true, "i've": true, "he's": true, "she's": true, "they're": true, "we're": true, "i'd": true}

// leadWords open a sentence with a time phrase or discourse marker that
// is outside the span ("Last week", "Afterwards", "And").
var leadWords = map[string]int{"and": 1, "but": 1, "so": 1, "then": 1, "afterwards": 1, "also": 1,
	"now": 1, "yesterday": 1, "recently": 1, "today": 1, "tonight": 1, "honestly": 1, "since": 1,
	"last": 2, "this": 0, "every": 2, "later": 1, "later,": 1, "sometimes": 1, "often": 1, "again": 1}

var timeNouns = map[string]bool{"days": true, "nights": true, "mornings": true, "evenings": true,
	"weeks": true, "times": true, "day": true, "night": true}

// subordinators open a leading subordinate clause ("Sometimes when she won't
// stop screaming I have thoughts ...").
var subordinators = map[string]bool{"when": true, "if": true, "whenever": true, "because": true,
	"after": true, "before": true, "while": true, "although": true, "though": true, "as": true, "since": true, "once": true}

// findSafeguarding finds statements of current risk of self-harm or
// suicide, and of abuse or neglect of a vulnerable person. Each span covers
// one statement: from the start of its main clause (a reporting frame such
// as "He says" included) to the end of the statement; leading time phrases
// and subordinate clauses and a following "and <new subject> ..." are left
// out.
//
// A supporting statement (a key ending in '2') is kept only beside a
// concern. When no other phrase here is one, the supporting statements
// come back as support, for the caller to keep if its other rules find a
// concern in the text.
func (l *lexicon) findSafeguarding(toks []wtok, starts []int32, left []int) (out, support []moderation.Span, leftOut []int) {
	matches := l.safeguarding.findAt(toks, starts)
	primary := false
	for _, m := range matches {
		if !strings.HasSuffix(m.key, "2") && l.keepRisk(toks, m) && writerIntent(toks, m) < 0 {
			primary = true
			break
		}
	}
	for _, m := range matches {
		if !l.keepRisk(toks, m) {
			if strings.HasPrefix(m.key, "selfharm") && toldAsOver(toks, m) {
				left = append(left, toks[m.start].sentence)
			}
			continue
		}
		if !strings.HasPrefix(m.key, "selfharm") && longAgo(toks, m) {
			continue // "Four years ago I was raped by someone I'd met on a night out": told as long past
		}
		start, end := statement(toks, m.start, m.end)
		key := strings.TrimRight(m.key, "!2")
		s := moderation.Span{Start: toks[start].start, End: toks[end].end, Kind: moderation.Safeguarding}
		if k := writerIntent(toks, m); k >= 0 {
			// the writer's own intent to harm someone: a threat ("I'll go
			// round and drag her out by her hair")
			out = append(out, moderation.Span{Start: toks[k].start, End: toks[end].end, Kind: moderation.Threat,
				Confidence: 0.75, Reason: "threat of violence by the writer"})
			continue
		}
		switch {
		case strings.HasPrefix(key, "selfharm"):
			s.Confidence, s.Reason = 0.8, "current risk of self-harm or suicide"
		case strings.HasPrefix(key, "neglect"):
			s.Confidence, s.Reason = 0.75, "possible neglect of a vulnerable person"
		default:
			s.Confidence, s.Reason = 0.75, "possible abuse of a vulnerable person"
		}
		if strings.HasSuffix(m.key, "2") {
			s.Confidence -= 0.15
			s.Reason += " (supporting statement)"
		}
		if n := len(out); n > 0 && out[n-1].Overlaps(s) {
			if s.End > out[n-1].End {
				out[n-1].End = s.End
			}
			if s.Start < out[n-1].Start {
				out[n-1].Start = s.Start
			}
			continue
		}
		out = append(out, s)
	}
	if !primary {
		return nil, out, left
	}
	return out, nil, left
}

// writerIntent returns where the writer's intent to act starts ("I'll",
// "I will", "I'm going to") before an abuse match in its sentence, or -1:
// harm the writer means to do is a threat. Not a carer's fear ("I'm
// scared I'll shake him"), nor "if I" ("if I ever hurt her").
func writerIntent(toks []wtok, m patMatch) int {
	if !strings.HasPrefix(m.key, "abuse") && !strings.HasPrefix(m.key, "harmed") {
		return -1
	}
	sent := toks[m.start].sentence
	at := -1
	for k := m.start - 1; k >= 0 && k >= m.start-12 && toks[k].sentence == sent && at < 0; k-- {
		switch toks[k].norm {
		case "i'll", "ill", "i’ll":
			at = k
		case "i":
			if k+1 < m.start && (toks[k+1].norm == "will" || toks[k+1].norm == "shall") {
				at = k
			}
		case "i'm", "im", "i’m":
			if k+2 < m.start && toks[k+1].norm == "going" && toks[k+2].norm == "to" {
				at = k
			}
		}
	}
	if at < 0 {
		return -1
	}
	for k := m.start - 1; k >= 0 && toks[k].sentence == sent; k-- {
		if w := toks[k].norm; fearWords[w] || strainWords[w] || w == "if" && k+1 < len(toks) && toks[k+1].norm == "i" {
			return -1
		}
	}
	return at
}

// keepRisk applies the negation, past-crisis and accident checks.
func (l *lexicon) keepRisk(toks []wtok, m patMatch) bool {
	if !keepRiskMore(toks, m) {
		return false
	}
	sent := toks[m.start].sentence
	if strings.Contains(m.key, "!") {
		for k := m.start - 3; k <= m.end; k++ {
			if k >= 0 && toks[k].sentence == sent && cueWordOf(&toks[k]).flags&cfNegator != 0 && !cannotStop(toks, k) {
				return false
			}
		}
	}
	if strings.HasPrefix(m.key, "selfharm") {
		if cutSelfOff(toks, m.end) || answeredNoneAfter(toks, m.end) {
			return false
		}
		for k := m.start; k >= 0 && toks[k].sentence == sent; k-- {
			if cueWordOf(&toks[k]).flags&cfPast != 0 && pastAt(toks, k) {
				return false
			}
		}
		for k := m.end + 1; k < len(toks) && toks[k].sentence == sent; k++ {
			if cueWordOf(&toks[k]).flags&cfPast != 0 && pastAt(toks, k) {
				return false
			}
		}
	}
	if strings.HasPrefix(m.key, "abuse!") {
		for k := m.start; k >= 0 && toks[k].sentence == sent; k-- {
			if cueWordOf(&toks[k]).flags&cfClinicalOnly != 0 {
				return false
			}
		}
		for k := m.end + 1; k < len(toks) && toks[k].sentence == sent; k++ {
			if cueWordOf(&toks[k]).flags&cfClinicalOnly != 0 {
				return false
			}
		}
	}
	if strings.HasPrefix(m.key, "abuse") {
		// the writer doing it is an accident or a gesture, not abuse
		if writerBefore(toks, m) && !owned(toks, m) {
			return false
		}
		if accidental[toks[m.start].norm] && m.end+1 < len(toks) && bodyParts[toks[m.end+1].norm] {
			return false
		}
		if accidental[toks[m.start].norm] && bodyParts[toks[m.end].norm] {
			return false
		}
	}
	return true
}

// cutSelfOff reports "cut myself off" (from people), not cutting, at
// token b: the "myself" (or "himself", ...) of it, or the "cut" or
// "cutting" before it.
func cutSelfOff(toks []wtok, b int) bool {
	in := func(k int) bool { return k >= 0 && k < len(toks) && toks[k].sentence == toks[b].sentence }
	at := func(k int, ws ...string) bool { return in(k) && slices.Contains(ws, toks[k].norm) }
	cut := func(k int) bool { return at(k, "cut", "cutting", "cuts") }
	self := func(k int) bool {
		return in(k) && (strings.HasSuffix(toks[k].norm, "self") || toks[k].norm == "themselves")
	}
	return self(b) && cut(b-1) && at(b+1, "off") || cut(b) && self(b+1) && at(b+2, "off")
}

// writerBefore reports "I" or "we" just before a match, in its sentence:
// the writer doing it.
//
// "I'd have" and "I could have" count too, with an adverb before "have"
// or after it, or none: "or I'd have throttled him", "I could cheerfully
// have strangled him", "I could have cheerfully throttled him" say what the
// writer did not do.
func writerBefore(toks []wtok, m patMatch) bool {
	k := m.start - 1
	in := func(j int) bool { return j >= 0 && toks[j].sentence == toks[m.start].sentence }
	at := func(j int, ws ...string) bool { return in(j) && slices.Contains(ws, toks[j].norm) }
	if in(k) && strings.HasSuffix(toks[k].norm, "ly") && at(k-1, "have") {
		k-- // "I could have cheerfully throttled him"
	}
	if at(k, "have") {
		j := k - 1
		if in(j) && strings.HasSuffix(toks[j].norm, "ly") {
			j-- // "I could cheerfully have strangled him"
		}
		if at(j, "i'd", "we'd") || at(j, "would", "could", "might") && at(j-1, "i", "we") {
			return true
		}
	}
	return at(k, "i", "we")
}

// ownedHarm are the verbs of a carer owning up to harm: "I shook him."
var ownedHarm = map[string]bool{"shook": true, "slapped": true, "smacked": true, "hit": true, "punched": true}

// owned reports a writer owning up to harm in a sentence of its own: "Last
// night I shook him." (not "I shook him awake", "I hit him with the news").
func owned(toks []wtok, m patMatch) bool {
	return ownedHarm[toks[m.start].norm] && m.end == m.start+1 &&
		(m.end+1 >= len(toks) || toks[m.end+1].sentence != toks[m.start].sentence)
}

// cannotStop reports a negator before "stop" or "help", which affirms
// what follows: "I can't stop thinking about hurting him".
func cannotStop(toks []wtok, k int) bool {
	return k+1 < len(toks) && (toks[k+1].norm == "stop" || toks[k+1].norm == "help")
}

// pastAt reports whether past marker k dates a crisis as over: any marker
// but "ago", and "ago" after days or years ("two years ago"), not "4 hrs
// ago".
func pastAt(toks []wtok, k int) bool { return toks[k].norm != "ago" || datesPast(toks, k) }

// statement widens a match [a, b] to its statement: see findSafeguarding.
func statement(toks []wtok, a, b int) (int, int) {
	sent := toks[a].sentence
	s0 := sentenceStart(toks, a)
	start := s0
	// a clause boundary between the sentence start and the match
	for j := a - 1; j > s0; j-- {
		if toks[j].norm == "and" && j+1 <= a && newStatement(toks, j+1) {
			start = j + 1
			if toks[start].norm == "that" {
				start++
			}
			break
		}
		if toks[j-1].punctAfter == ',' && startsLead(toks, s0) {
			start = j
			break
		}
	}
	if start == s0 {
		start = skipLead(toks, s0, a)
	}
	if start > a {
		start = a
	}
	end := b
	for k := b + 1; k < len(toks) && toks[k].sentence == sent; k++ {
		if toks[k].norm == "and" && k+1 < len(toks) && toks[k+1].sentence == sent && newStatement(toks, k+1) {
			break
		}
		end = k
	}
	return start, end
}

// newStatement reports whether token i opens a new statement after "and":
// a subject pronoun, or "that" and a subject ("and that she is scared").
func newStatement(toks []wtok, i int) bool {
	if subjects[toks[i].norm] {
		return true
	}
	return toks[i].norm == "that" && i+1 < len(toks) && subjects[toks[i+1].norm]
}

func startsLead(toks []wtok, s0 int) bool {
	w := toks[s0].norm
	_, lead := leadWords[w]
	return lead || subordinators[w]
}

// skipLead moves past a leading time phrase, discourse marker or
// subordinate clause without a comma, never beyond token a.
func skipLead(toks []wtok, s0, a int) int {
	i := s0
	for i < a {
		n, ok := leadWords[toks[i].norm]
		if (toks[i].norm == "some" || toks[i].norm == "most") && i+1 < a && timeNouns[toks[i+1].norm] {
			n, ok = 2, true // "Some days", "Most nights"
		}
		if !ok {
			break
		}
		if n == 0 {
			n = 1
		}
		if subordinators[toks[i].norm] {
			break
		}
		i += n
	}
	if i < a && subordinators[toks[i].norm] {
		// the main clause starts at the last subject before the match
		for j := a; j > i+1; j-- {
			if subjects[toks[j].norm] {
				return j
			}
		}
	}
	if i > a {
		return a
	}
	return i
}

// longAgo reports a match in a sentence dated long ago before it ("Four
// years ago" opening it, "Eighteen months ago", "in 2018", "when we were
// kids", "as a child") that says nothing of now ("still", "again",
// "now"). Not "using the key she gave me years ago, there was no heating
// on": the date is of something else.
func longAgo(toks []wtok, m patMatch) bool {
	sent := toks[m.start].sentence
	s0 := sentenceStart(toks, m.start)
	dated := false
	for k := s0; k < len(toks) && toks[k].sentence == sent; k++ {
		switch w := toks[k].norm; {
		case w == "still" || w == "again" || w == "now" || w == "keeps" || w == "ongoing" || w == "since":
			return false
		case k < m.start && k <= s0+4 && w == "ago" && k > 0 && (toks[k-1].norm == "years" || toks[k-1].norm == "months" && k > 1 && toks[k-2].norm != "few" && toks[k-2].norm != "two" && toks[k-2].norm != "2" && toks[k-2].norm != "couple"):
			dated = true
		case k < m.start && w == "in" && k+1 < len(toks) && len(toks[k+1].norm) == 4 && (strings.HasPrefix(toks[k+1].norm, "19") || strings.HasPrefix(toks[k+1].norm, "20")) && digitsOnly(toks[k+1].norm):
			dated = true
		case w == "kids" || w == "child" || w == "little" || w == "young":
			if k >= 3 && (toks[k-1].norm == "a" || toks[k-1].norm == "were" || toks[k-1].norm == "was") && (toks[k-2].norm == "was" || toks[k-2].norm == "were" || toks[k-2].norm == "as" || toks[k-3].norm == "when") {
				dated = true // "when I was a child", "when we were kids", "as a child"
			}
		}
	}
	return dated
}

// answeredNoneAfter reports a screening item answered right after the
// match at token end, set off by a bracket, a dash or a colon: "any
// thoughts of harming myself (none)", "self-harm: no".
func answeredNoneAfter(toks []wtok, end int) bool {
	k := end + 1
	if k >= len(toks) || toks[k].sentence != toks[end].sentence || !noAnswer(toks[k].norm) {
		return false
	}
	if toks[k].start-toks[end].end < 2 {
		return false // nothing between: "thoughts of harming myself none of them know about"
	}
	// the answer ends there: "(none), anyone ...", "self-harm: no" closing
	// the text; not "(no one knows)"
	return k+1 == len(toks) || toks[k+1].sentence != toks[k].sentence || toks[k].punctAfter != 0 || toks[k+1].start-toks[k].end >= 2
}
