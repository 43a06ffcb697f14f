package detect

import (
	"strings"
	"sync"

	"github.com/storydesk/storydesk/moderation"
)

// epithetLists are the word lists of lexicon/epithets.txt.
type epithetLists struct {
	trait, general, person, beast, expression, workplace, literal, group, real map[string]bool
}

var (
	epithetOnce sync.Once
	epithetData *epithetLists
)

// epithets returns the epithet word lists, parsing the embedded file on
// first use. A malformed embedded file is a programming error.
func epithets() *epithetLists {
	epithetOnce.Do(func() {
		e := &epithetLists{trait: map[string]bool{}, general: map[string]bool{}, person: map[string]bool{},
			beast: map[string]bool{}, expression: map[string]bool{}, workplace: map[string]bool{},
			literal: map[string]bool{}, group: map[string]bool{}, real: map[string]bool{}}
		err := loadNamedLists("epithets.txt", map[string]map[string]bool{"trait": e.trait, "general": e.general,
			"person": e.person, "beast": e.beast, "expression": e.expression, "workplace": e.workplace,
			"literal": e.literal, "group": e.group, "real": e.real})
		if err != nil {
			panic(err)
		}
		epithetData = e
	})
	return epithetData
}

// findMoreInsults runs the epithet, placed and group insult rules. Most
// tokens are none of "little", "old", a weak insult noun or a group word,
// so one pass over the tokens picks the few each rule has to read.
// allowed is l.allow.covered(toks), or nil.
func (l *lexicon) findMoreInsults(text string, toks []wtok, allowed []bool) []moderation.Span {
	dim, weak, group, sneer := false, false, false, false
	for i := range toks {
		t := &toks[i]
		// fInsult (an insult noun, weak insult or simile) spares reading
		// the entry of every other word
		if t.facts&fInsult != 0 && t.info != nil && t.info.insultWeak {
			weak = true
		}
		// a vocabulary word read as itself says whether it is one of the
		// words below (epithetCue) without comparing it with them
		if w := t.norm; len(w) >= 3 && len(w) <= 12 && (t.facts&(fExact|fUnknown) != fExact || t.info == nil || t.info.epithetCue) { // the lengths of the diminutives, group and sneer words
			dim = dim || isDiminutive(w)
			group = group || isGroupWord(w)
			sneer = sneer || isSneer(w)
		}
		if dim && weak && group {
			break
		}
	}
	var out []moderation.Span
	if dim {
		out = l.findEpithets(text, toks, allowed)
	}
	if weak {
		out = appendFree(out, l.findPlacedInsults(text, toks))
	}
	if group {
		out = appendFree(out, l.findGroupInsults(text, toks))
	}
	if sneer {
		out = appendFree(out, l.findSneers(text, toks))
	}
	return out
}

// epithetCue reports whether findMoreInsults looks for word w: a
// diminutive, group or sneer word.
func epithetCue(w string) bool { return isDiminutive(w) || isGroupWord(w) || isSneer(w) }

// isSneer reports the adjectives that only ever sneer at a person, so
// that with any noun but an expression they make an epithet without a
// diminutive: "a smug stick insect", "a jumped-up clipboard merchant".
// "jumped" is "jumped up" in two words.
func isSneer(w string) bool {
	switch w {
	case "smug", "jumped-up", "jumped", "power-mad", "power-crazed", "power-tripping", "stuck-up", "toffee-nosed":
		return true
	}
	return false
}

// sneerStops end the words an epithet's noun can be ("a smug git who",
// "that jumped-up gatekeeper with the manners of a warthog").
var sneerStops = map[string]bool{"who": true, "whom": true, "whose": true, "that": true, "which": true,
	"with": true, "in": true, "on": true, "at": true, "from": true, "and": true, "but": true, "or": true,
	"to": true, "of": true, "for": true, "was": true, "is": true, "were": true, "are": true, "had": true,
	"has": true, "have": true, "as": true, "like": true, "when": true, "while": true, "because": true,
	"if": true, "about": true, "than": true, "behind": true, "by": true, "into": true, "after": true,
	"all": true, "every": true, "again": true, "too": true, "very": true, "so": true, "then": true,
	"now": true, "here": true, "there": true, "today": true, "just": true, "never": true, "always": true,
	"even": true, "still": true, "only": true, "really": true, "said": true, "says": true, "told": true,
	"tells": true, "needs": true, "should": true, "could": true, "would": true, "will": true, "can": true,
	"can't": true, "won't": true, "didn't": true, "doesn't": true, "don't": true, "did": true, "does": true,
	"do": true, "wouldn't": true, "couldn't": true, "isn't": true, "wasn't": true, "might": true,
	"must": true, "kept": true, "made": true, "gave": true, "thinks": true, "thought": true}

// sneerThings are nouns "smug" describes without naming a person, beside
// the epithet lists' expressions ("smug satisfaction", "a smug air").
var sneerThings = map[string]bool{"satisfaction": true, "self-satisfaction": true, "air": true,
	"expression": true, "expressions": true, "demeanour": true, "feeling": true, "sense": true,
	"silence": true, "certainty": true, "superiority": true, "title": true, "titles": true, "mood": true}

// findSneers finds an epithet made of a sneering adjective and the noun
// after it, with up to two words between: "She is a smug stick insect",
// "a pack of smug painted harpies", "A jumped-up plastic doctor", "Jumped
// up little madam". The noun is the last word before punctuation or a
// word such as "who" or "with"; without such an end within three words,
// or with an expression ("a smug grin") or a job ("the smug consultant")
// as the noun, there is none. "Jumped up" in two words needs a determiner
// before it or the start of a sentence ("he jumped up and ran" is not one).
func (l *lexicon) findSneers(text string, toks []wtok) []moderation.Span {
	var out []moderation.Span
	ep := epithets()
	for i := 0; i+1 < len(toks); i++ {
		first := i // the adjective's first word
		switch w := toks[i].norm; {
		case w == "jumped":
			if toks[i+1].norm != "up" || toks[i].punctAfter != 0 || toks[i+1].sentence != toks[i].sentence {
				continue
			}
			if !toks[i].first && (i == 0 || !sneerDeterminers[toks[i-1].norm]) {
				continue
			}
			i++
		case !isSneer(w):
			continue
		}
		if toks[i].punctAfter != 0 || selfReferent(toks, first) {
			continue
		}
		head := -1
		for k := i + 1; k < len(toks) && k <= i+3 && toks[k].sentence == toks[i].sentence; k++ {
			if sneerStops[toks[k].norm] {
				break
			}
			if w := toks[k].norm; ep.expression[w] || sneerThings[w] {
				head = -1 // "a smug grin on his face", "smug satisfaction all round"
				break
			}
			head = k
			if toks[k].punctAfter != 0 || k+1 == len(toks) || toks[k+1].sentence != toks[k].sentence || sneerStops[toks[k+1].norm] {
				break
			}
			if k == i+3 {
				head = -1 // no end in sight: not a noun phrase we can read
			}
		}
		if head < 0 {
			continue
		}
		n := stripPossessive(toks[head].norm)
		named := toks[head].upper && !toks[head].caps && !toks[head].first
		personal := ep.person[n] || ep.beast[n] || named || l.insultNoun[n] || l.insultWeak[n]
		smug := toks[first].norm == "smug"
		thing := commonWords[n] || smug && !l.english[n]
		if !personal && (thing || smug && sneerJobs[n]) {
			continue
		}
		out = append(out, moderation.Span{
			Start: toks[first].start, End: profEnd(text, toks[head]), Kind: moderation.Abuse,
			Confidence: 0.7, Reason: "insult aimed at a person (name-calling)",
		})
		i = head
	}
	return out
}

// sneerDeterminers may stand before "jumped up" used as an adjective.
var sneerDeterminers = map[string]bool{"a": true, "the": true, "that": true, "this": true, "some": true,
	"you": true, "those": true, "these": true, "of": true}

// sneerJobs are the staff a story describes as smug without calling them
// names ("the smug consultant"); "jumped-up" sneers at any of them.
var sneerJobs = map[string]bool{"doctor": true, "doctors": true, "nurse": true, "nurses": true,
	"consultant": true, "consultants": true, "surgeon": true, "surgeons": true, "receptionist": true,
	"receptionists": true, "manager": true, "managers": true, "gp": true, "registrar": true,
	"paramedic": true, "paramedics": true, "pharmacist": true, "dentist": true, "midwife": true,
	"officer": true, "porter": true, "carer": true, "carers": true, "staff": true, "worker": true,
	"therapist": true, "physio": true, "dietitian": true, "registrars": true, "specialist": true}

// diminutives between an adjective and a noun make a demeaning epithet
// ("a smug little toad", "you stupid old woman"; Irish and Scots "oul",
// "auld").
var diminutives = map[string]bool{"little": true, "old": true, "wee": true, "oul": true, "auld": true, "owld": true}

// findEpithets finds demeaning epithets built as "adjective + little/old +
// noun": "sulky little madam", "smug little toad", "jumped-up little
// Napoleon", "stupid old woman". A character adjective ("smug", "sulky")
// only describes people, so any noun but an expression ("a smug little
// grin") makes an epithet; an adjective that also describes things
// ("nasty", "stupid") needs a person or animal noun or a capitalised name
// ("a nasty little cut" is not one). The span runs from the first insulting
// adjective to the noun.
func (l *lexicon) findEpithets(text string, toks []wtok, allowed []bool) []moderation.Span {
	var out []moderation.Span
	var ep *epithetLists
	for i := 1; i+1 < len(toks); i++ {
		if !isDiminutive(toks[i].norm) {
			continue
		}
		adj, noun := i-1, i+1
		if toks[adj].sentence != toks[i].sentence || toks[noun].sentence != toks[i].sentence ||
			toks[adj].punctAfter != 0 || toks[i].punctAfter != 0 {
			continue
		}
		if ep == nil {
			ep = epithets()
		}
		a := toks[adj].norm
		if diminutives[a] || softMods[a] {
			continue // "the little old lady"
		}
		trait := ep.trait[a]
		if !trait && !ep.general[a] && !l.insultMod[a] {
			continue
		}
		if allowed != nil && allowed[noun] {
			continue // "a fat old Jack Russell"
		}
		n := stripPossessive(toks[noun].norm)
		named := toks[noun].upper && !toks[noun].caps && !toks[noun].first
		personal := ep.person[n] || ep.beast[n] || named || l.insultNoun[n] || l.insultWeak[n]
		switch {
		case personal:
		case trait && !ep.expression[n] && !commonWords[n] && l.english[n]:
		default:
			continue
		}
		if selfReferent(toks, adj) {
			continue // "I felt like a stupid little girl"
		}
		start := adj
		for start > 0 && toks[start-1].sentence == toks[adj].sentence && (toks[start-1].punctAfter == 0 || toks[start-1].punctAfter == ',') {
			p := toks[start-1].norm
			if !ep.trait[p] && !ep.general[p] && !l.insultMod[p] {
				break
			}
			start--
		}
		out = append(out, moderation.Span{
			Start: toks[start].start, End: profEnd(text, toks[noun]), Kind: moderation.Abuse,
			Confidence: 0.75, Reason: "insult aimed at a person (name-calling)",
		})
		i = noun
	}
	return out
}

// placeWords put staff at their place of work: "behind the counter", "on
// reception", "in charge", "running this hospital".
var placeWords = map[string]bool{"behind": true, "on": true, "at": true, "in": true, "running": true,
	"manning": true, "staffing": true, "from": true}

// placeDeterminers may stand between a place word and the workplace ("behind
// the counter at my local chemist"); any other word ("at the children's ward
// party") makes the place something else.
var placeDeterminers = map[string]bool{"the": true, "this": true, "that": true, "my": true, "our": true,
	"your": true, "their": true, "his": true, "her": true, "local": true, "front": true, "main": true}

// findPlacedInsults finds a weak insult noun that names the staff of a
// place: "To the clowns behind the counter", "the jokers in charge", "those
// muppets on reception". Nouns that are also real animals or pests ("the
// rats in the ward") count only "in charge" of or "running" a place.
func (l *lexicon) findPlacedInsults(text string, toks []wtok) []moderation.Span {
	var out []moderation.Span
	var ep *epithetLists
	for i := 1; i < len(toks); i++ {
		info := toks[i].info
		if info == nil || !info.insultWeak {
			continue
		}
		switch toks[i-1].norm {
		case "the", "those", "these":
		default:
			continue
		}
		if ep == nil {
			ep = epithets()
		}
		if toks[i-1].norm != "the" && !ep.literal[toks[i].norm] && !ep.real[toks[i].norm] &&
			strings.HasSuffix(toks[i].norm, "s") && toks[i-1].sentence == toks[i].sentence {
			// "those parasites", "these muppets": a plural weak insult
			// pointed at people
			out = append(out, moderation.Span{
				Start: toks[i].start, End: profEnd(text, toks[i]), Kind: moderation.Abuse,
				Confidence: 0.7, Reason: "insult aimed at a person (name-calling)",
			})
			continue
		}
		if i+2 >= len(toks) || toks[i].punctAfter != 0 {
			continue
		}
		p := toks[i+1]
		if !placeWords[p.norm] || p.sentence != toks[i].sentence {
			continue
		}
		if ep == nil {
			ep = epithets()
		}
		strongPlace := p.norm == "running" || p.norm == "manning" || p.norm == "staffing" ||
			(p.norm == "in" && toks[i+2].norm == "charge")
		if ep.literal[toks[i].norm] && !strongPlace {
			continue
		}
		found := false
		for k := i + 2; k < len(toks) && k <= i+5 && toks[k].sentence == toks[i].sentence; k++ {
			if ep.workplace[toks[k].norm] && !(toks[k].norm == "front" && toks[k].punctAfter == 0 && k+1 < len(toks) &&
				toks[k+1].sentence == toks[k].sentence && !ep.workplace[toks[k+1].norm]) &&
				!(toks[k].norm == "home" && toks[k-1].norm == "at") { // "opened the bag at home" is the writer's home, not a care home
				found = true // "the old bag on the front", "on the front desk"; not "left the bag on the front step"
				break
			}
			if toks[k].punctAfter != 0 || !placeDeterminers[toks[k].norm] {
				break
			}
		}
		if !found {
			continue
		}
		out = append(out, moderation.Span{
			Start: toks[i].start, End: profEnd(text, toks[i]), Kind: moderation.Abuse,
			Confidence: 0.7, Reason: "insult aimed at a person (name-calling)",
		})
	}
	return out
}

// findGroupInsults finds insults of a group of people: an insulting
// adjective before a group word ("you useless lot", "what a pathetic
// shower") and a weak insult noun after one ("a bunch of clowns", "that
// load of muppets"). Real animals ("a pack of rats") stay out.
func (l *lexicon) findGroupInsults(text string, toks []wtok) []moderation.Span {
	var out []moderation.Span
	var ep *epithetLists
	for i := 1; i < len(toks); i++ {
		if ep == nil {
			if !isGroupWord(toks[i].norm) {
				continue
			}
			ep = epithets()
		}
		if !ep.group[toks[i].norm] || toks[i-1].sentence != toks[i].sentence {
			continue
		}
		a := toks[i-1].norm
		if toks[i-1].punctAfter == 0 && !diminutives[a] && !softMods[a] &&
			(l.insultMod[a] || ep.trait[a] || ep.general[a]) && !groupOfThing(toks, i) {
			out = append(out, moderation.Span{
				Start: toks[i-1].start, End: profEnd(text, toks[i]), Kind: moderation.Abuse,
				Confidence: 0.7, Reason: "insult aimed at a person (name-calling)",
			})
			continue
		}
		if i+2 < len(toks) && toks[i+1].norm == "of" && toks[i+2].sentence == toks[i].sentence {
			n := toks[i+2]
			if n.info != nil && n.info.insultWeak && !ep.literal[n.norm] {
				start := n.start
				if a := toks[i-1].norm; l.insultMod[a] || ep.trait[a] || ep.general[a] {
					start = toks[i-1].start // "pathetic bunch of amateurs"
				}
				out = append(out, moderation.Span{
					Start: start, End: profEnd(text, n), Kind: moderation.Abuse,
					Confidence: 0.7, Reason: "insult aimed at a person (name-calling)",
				})
			}
		}
	}
	return out
}

// isGroupWord is the "group" list as a switch, so that the check every
// token makes hashes nothing.
func isGroupWord(w string) bool {
	switch w {
	case "lot", "bunch", "crew", "mob", "rabble", "gang", "pack", "load":
		return true
	}
	return false
}

// isDiminutive is diminutives as a switch, for the same reason.
func isDiminutive(w string) bool {
	return w == "little" || w == "old" || w == "wee" || w == "oul" || w == "auld" || w == "owld"
}

// groupOfThing reports "a useless load of forms": the group word counts
// things, not people.
func groupOfThing(toks []wtok, i int) bool {
	if i+2 >= len(toks) || toks[i+1].norm != "of" || toks[i+1].sentence != toks[i].sentence {
		return false
	}
	switch toks[i+2].norm {
	case "them", "you", "people", "staff", "idiots", "nurses", "doctors", "receptionists":
		return false
	}
	return true
}
