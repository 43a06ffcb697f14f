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
func (l *lexicon) findMoreInsults(text string, toks []wtok) []moderation.Span {
	dim, weak, group := false, false, false
	for i := range toks {
		if w := toks[i].norm; len(w) >= 3 && len(w) <= 6 { // the lengths of the diminutives and group words
			dim = dim || isDiminutive(w)
			group = group || isGroupWord(w)
		}
		// fInsult (an insult noun, weak insult or simile) spares reading
		// the entry of every other word
		weak = weak || toks[i].facts&fInsult != 0 && toks[i].info != nil && toks[i].info.insultWeak
		if dim && weak && group {
			break
		}
	}
	var out []moderation.Span
	if dim {
		out = l.findEpithets(text, toks)
	}
	if weak {
		out = appendFree(out, l.findPlacedInsults(text, toks))
	}
	if group {
		out = appendFree(out, l.findGroupInsults(text, toks))
	}
	return out
}

// diminutives between an adjective and a noun make a demeaning epithet
// ("a smug little toad", "you stupid old woman").
var diminutives = map[string]bool{"little": true, "old": true, "wee": true}

// findEpithets finds demeaning epithets built as "adjective + little/old +
// noun": "sulky little madam", "smug little toad", "jumped-up little
// Napoleon", "stupid old woman". A character adjective ("smug", "sulky")
// only describes people, so any noun but an expression ("a smug little
// grin") makes an epithet; an adjective that also describes things
// ("nasty", "stupid") needs a person or animal noun or a capitalised name
// ("a nasty little cut" is not one). The span runs from the first insulting
// adjective to the noun.
func (l *lexicon) findEpithets(text string, toks []wtok) []moderation.Span {
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
			if ep.workplace[toks[k].norm] {
				found = true
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
func isDiminutive(w string) bool { return w == "little" || w == "old" || w == "wee" }

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
