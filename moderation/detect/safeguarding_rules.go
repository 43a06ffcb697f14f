package detect

import (
	"strconv"
	"strings"
	"time"
)

// keepRiskMore applies the checks of the newer safeguarding patterns: a
// figurative verb needs a person as its subject ("Losing my hair hit me" is
// not abuse), "end it with him" is a relationship, an injury with an
// explanation ("bruises from the fall") is not unexplained, and a meal left
// by the writer is the writer's own. Each check can only reject a match,
// so that no check hides another.
func keepRiskMore(toks []wtok, m patMatch) bool {
	if need, ok := anchoredBefore[strings.TrimRight(m.key, "!2")]; ok && !wordBefore(toks, m.start, need.n, need.words) {
		return false
	}
	if (strings.HasPrefix(m.key, "selfharm") || strings.HasPrefix(m.key, "neglect")) && afterMatch(toks, m, notRisk) && !wasteWords[toks[m.end].norm] {
		return false // "wake up with a sore throat", "go on without a diagnosis"; but "tied to the chair with a sheet"
	}
	if !strings.HasPrefix(m.key, "selfharm") && intrusiveNear(toks, m.start) {
		return false // "I had horrible intrusive pictures in my head of dropping her down the stairs"
	}
	if struckAs(toks, m) {
		return false // "he struck us both as a pompous little twit": how he seemed
	}
	if insteadOf(toks, m.start) {
		return false // "instead of pinning him down for his obs she did them on me first": what did not happen
	}
	if askedWhether(toks, m) {
		return false // "the nurse asked whether I'd had thoughts of harming myself", "asks whether anyone controls her money"
	}
	if onlyOneWho(toks, m.start) {
		return false // "the only person who takes her money is the woman in the Co-op", "the only thing that's ever beaten me up is the pavement"
	}
	if sent, at := sentenceAt(toks, m.start); aboutTopic(sent, at) {
		return false // "the trainer talked about physical abuse, neglect and ..."
	}
	sc := sentenceScan{toks: toks, at: m.start}
	switch {
	case strings.HasPrefix(m.key, "selfharm"):
		return keepSelfHarm(toks, m, &sc)
	case strings.HasPrefix(m.key, "injury"):
		return keepInjury(toks, m, &sc)
	case m.key == "neglectcalls":
		return careBefore(toks, m.start) && keepNeglect(toks, m, &sc) // "The carers come four times a day. Nobody has come since Friday."
	case strings.HasPrefix(m.key, "neglect"):
		return keepNeglect(toks, m, &sc)
	case m.key == "verbal" || m.key == "staff" || m.key == "verbaltold":
		return keepVerbal(toks, m, &sc)
	case strings.HasPrefix(m.key, "abuse"):
		return keepAbuse(toks, m, &sc)
	case strings.HasPrefix(m.key, "harmed"):
		for k := m.start - 1; k >= 0 && k >= m.start-4 && toks[k].sentence == toks[m.start].sentence; k-- {
			if careStaff[toks[k].norm] {
				return false // "a carer had been scratched by him": staff hurt, not a person at risk
			}
		}
		return !writerBefore(toks, m) // "I slammed the door on my hand": an accident
	case m.key == "groomkids":
		return childNear(toks, m.start, true) // "she has been talking to a man online", of a daughter of 13
	case m.key == "controlpills":
		return sc.has(bitMedicines) // "like a zombie since the new tablets", not after a night shift
	}
	return true
}

// careBefore reports carers or their calls or visits in the sentence of
// token i, before it, or in the sentence before.
func careBefore(toks []wtok, i int) bool {
	return seenBefore(toks, i, false, func(k int) bool {
		w := toks[k].norm
		return careStaff[w] || w == "calls" || w == "visits" || w == "care"
	})
}

// seenBefore reports a token k for which is holds, from token i back to
// the start of the sentence before i's (or of the text, when wide).
func seenBefore(toks []wtok, i int, wide bool, is func(k int) bool) bool {
	sent := toks[i].sentence
	for k := i; k >= 0 && (wide || toks[k].sentence >= sent-1); k-- {
		if is(k) {
			return true
		}
	}
	return false
}

// dieOfIdiom ends "die of ...", "died of ..." as a figure of speech.
var dieOfIdiom = map[string]bool{"embarrassment": true, "shame": true, "boredom": true, "laughter": true,
	"fright": true, "thirst": true, "curiosity": true, "cold": true, "heat": true}

// dieOf reports "die of" or "die from" an idiom's noun in a sentence ("it
// makes me want to die of embarrassment").
func dieOf(sent []wtok) bool {
	for k := 0; k+2 < len(sent); k++ {
		if w := sent[k].norm; (w == "die" || w == "died" || w == "dying") && (sent[k+1].norm == "of" || sent[k+1].norm == "from") && dieOfIdiom[sent[k+2].norm] {
			return true
		}
	}
	return false
}

// notJoking reports "not joking" or "wasn't kidding" in a sentence: the
// writer saying they meant it.
func notJoking(sent []wtok) bool {
	for k := 1; k < len(sent); k++ {
		if w := sent[k].norm; w == "joking" || w == "kidding" {
			switch sent[k-1].norm {
			case "not", "wasn't", "wasnt", "isn't", "isnt", "weren't", "never", "wisnae", "wasnae":
				return true
			}
		}
	}
	return false
}

// keepSelfHarm rejects jokes, "kill myself laughing", "ending my
// treatment", "end it with him", and "take them all" with no medicine.
func keepSelfHarm(toks []wtok, m patMatch, sc *sentenceScan) bool {
	sent := toks[m.start].sentence
	if toks[m.start].norm == "end" && m.start > 0 && toks[m.start-1].norm == "the" && toks[m.start-1].sentence == sent {
		return false // "In the end it all got sorted"
	}
	if t := &toks[m.start]; t.upper && !t.first && !t.caps && t.norm[0] != 'i' { // (not "I", "I'd")
		return false // a surname, not a verb: "Robert Burns himself couldn’t have written a better ending"
	}
	if sc.has(bitJokeWords) && !notJoking(sentenceOf(toks, m.start)) {
		return false // "better off without me, I joked"; but "I wasn't joking"
	}
	if m.end+1 < len(toks) && toks[m.end+1].sentence == sent &&
		(toks[m.end+1].norm == "laughing" || toks[m.end+1].norm == "laughin") {
		return false // "I'll kill myself laughing"
	}
	if strings.HasPrefix(toks[m.start].norm, "kill") {
		for k := m.end + 1; k <= m.end+2 && k < len(toks) && toks[k].sentence == sent; k++ {
			if toks[k].norm == "trying" {
				return false // "the staff were killing themselves backstage trying to keep the T-Birds in line": working hard
			}
		}
	}
	if m.end+2 < len(toks) && toks[m.end+2].sentence == sent && (toks[m.end+1].norm == "of" || toks[m.end+1].norm == "from") && dieOfIdiom[toks[m.end+2].norm] {
		return false // "she wanted to die of embarrassment", "I want to die from shame"
	}
	if itchScratch(toks, m) {
		return false // "my psoriasis is back ... scratching myself raw at night"
	}
	if nounUse(toks, m.start) {
		return false // "I do your cut myself", "the self-harm watch": a noun, not the act
	}
	if resolvedHarm(sentenceOf(toks, m.start)) {
		return false // "I cut myself opening a tin", "she cut herself a slice of cake", "since I last hurt myself"
	}
	if notFor(toks, m) {
		return false // "I haven't had thoughts of harming myself for a long time"
	}
	if endsOther(toks, m) {
		return false // "thought about ending my treatment"
	}
	if w := toks[m.end].norm; (w == "it" || w == "things") && m.end+1 < len(toks) &&
		toks[m.end+1].sentence == sent && endItOther[toks[m.end+1].norm] {
		return false // "end it with him", "end things there"
	}
	if w := toks[m.end].norm; (w == "die" || w == "died") && m.end+2 < len(toks) && toks[m.end+2].sentence == sent && deathWish(toks, m.end+1) {
		return false // "she wanted to die at home": a wish about where or how, at the end of an illness
	}
	if k := m.start; k >= 2 && toks[k-1].norm == "you" && (toks[k-2].norm == "unless" || toks[k-2].norm == "if") {
		return false // "don't go there unless you want to die in the waiting room": anyone, not the writer
	}
	if pastBefore(toks, m) {
		return false // "Two years ago I was in a dark place. I tried to end my life ..."
	}
	if harmFree(toks, m) {
		return false // "I've now been self-harm free for fourteen months"
	}
	if w := toks[m.start].norm; w == "see" || w == "seeing" {
		// "I don't see the point in going on": the negation is the risk;
		// "I can see the point of living again" is none
		if !negatedBefore(toks, m.start) {
			return false
		}
	} else if deniedHaving(toks, m) {
		return false // "I've never had any thought of harming myself or the baby"
	}
	if forGroup(toks, m) {
		return false // "a peer support group for people who self-harm", "a charity for people who feel suicidal"
	}
	if nearMishap(toks, m) {
		return false // "i nearly killed myself on them in the car park"
	}
	if strings.HasPrefix(m.key, "selfharmpills") && !sc.has(bitMedicines) && !medicinesBefore(toks, m.start) {
		return false // "take them all" needs a box of tablets, in its sentence or the one before
	}
	return true
}

// toldAsOver reports a match of risk to the writer told as over: dated
// in the past (but not days or weeks ago, nor in the sentence before: "Two
// nights ago she told me the children would be better off without
// her"), or free of it now. The sentence model, alone, leaves such a
// sentence to the rule.
func toldAsOver(toks []wtok, m patMatch) bool {
	if harmFree(toks, m) {
		return true
	}
	if !pastBefore(toks, m) {
		return false
	}
	sent := toks[m.start].sentence
	for k := m.start; k >= 0 && toks[k].sentence >= sent-1; k-- {
		if toks[k].norm == "ago" && k > 0 && recentUnits[toks[k-1].norm] {
			return false
		}
	}
	return true
}

// recentUnits before "ago" date an event as recent.
var recentUnits = map[string]bool{"day": true, "days": true, "night": true, "nights": true, "week": true, "weeks": true, "fortnight": true}

// nounUse reports a self-harm word used as a noun after a determiner:
// "I do your cut myself" (a barber), or "the self-harm" naming a service
// or a watch ("the self-harm watch", "the self-harm follow-up service",
// "the self-harm scars in PE").
func nounUse(toks []wtok, k int) bool {
	if k == 0 || toks[k-1].sentence != toks[k].sentence {
		return false
	}
	d := toks[k-1].norm
	switch w := toks[k].norm; {
	case w == "cut":
		return d == "your" || d == "the" || d == "a"
	case strings.HasPrefix(w, "self-harm"):
		return d == "the" && k+1 < len(toks) && toks[k+1].sentence == toks[k].sentence && selfHarmServices[toks[k+1].norm]
	}
	return false
}

var selfHarmServices = map[string]bool{"watch": true, "scars": true, "team": true, "service": true, "follow-up": true,
	"nurse": true, "assessment": true, "group": true, "clinic": true, "pathway": true, "referral": true}

// itchScratch reports "scratching myself" that an itch explains: "raw"
// after it, or a skin complaint in its sentence or the one before ("my
// psoriasis is back ... I'm scratching myself raw at night").
func itchScratch(toks []wtok, m patMatch) bool {
	if !strings.HasPrefix(toks[m.start].norm, "scratch") {
		return false
	}
	if m.end+1 < len(toks) && toks[m.end+1].norm == "raw" {
		return true
	}
	sent := toks[m.start].sentence
	for k := m.start; k >= 0 && toks[k].sentence >= sent-1; k-- {
		if skinWords[toks[k].norm] {
			return true
		}
	}
	return false
}

var skinWords = map[string]bool{"eczema": true, "psoriasis": true, "itch": true, "itchy": true, "itching": true,
	"rash": true, "hives": true, "dermatitis": true, "scabies": true, "chickenpox": true}

// forGroup reports a match that tells what a group of people do or
// feel, for whom a service is, or with whom someone works: "a group for
// people who self-harm", "a charity for young men who feel suicidal",
// "working with teenagers who self-harm". It names a service, not a
// person at risk.
func forGroup(toks []wtok, m patMatch) bool {
	k := m.start - 1
	if k >= 1 && toks[k].norm != "who" && toks[k-1].norm == "who" {
		k-- // "who feel suicidal", "who often self-harm"
	}
	if k < 2 || toks[k].norm != "who" && toks[k].norm != "that" || !groupNouns[toks[k-1].norm] {
		return false
	}
	for j := k - 2; j >= 0 && j >= k-4 && toks[j].sentence == toks[k].sentence; j-- {
		if w := toks[j].norm; w == "for" || w == "with" || w == "supports" || w == "support" || w == "helps" || w == "help" {
			return true
		}
	}
	return false
}

// groupNouns are plural words for people in general.
var groupNouns = map[string]bool{"people": true, "men": true, "women": true, "teenagers": true, "those": true,
	"adults": true, "children": true, "kids": true, "girls": true, "boys": true, "lads": true, "folk": true,
	"patients": true, "students": true, "veterans": true, "others": true, "anyone": true, "parents": true}

// harmFree reports self-harm named as what someone is now free of:
// "self-harm free for fourteen months", "free from self-harm since May".
func harmFree(toks []wtok, m patMatch) bool {
	sent := toks[m.start].sentence
	if k := m.end + 1; k < len(toks) && toks[k].sentence == sent && (toks[k].norm == "free" || toks[k].norm == "clean") {
		return true
	}
	k := m.start
	return k >= 2 && (toks[k-1].norm == "from" || toks[k-1].norm == "of") && toks[k-2].norm == "free"
}

// deniedHaving reports a self-harm match after a denial of having its
// thoughts or urges: "I've never had any thought of harming myself", "no
// urges to cut myself". A denial with "until" or "till" after the match
// ("never had any thoughts of harming myself until this week") is none.
func deniedHaving(toks []wtok, m patMatch) bool {
	sent := toks[m.start].sentence
	denied := false
	for k := m.start - 1; k >= 0 && k >= m.start-6 && toks[k].sentence == sent; k-- {
		if cueWordOf(&toks[k]).flags&cfNegator != 0 || toks[k].norm == "no" {
			denied = true
			break
		}
		if !havingWords[toks[k].norm] {
			return false
		}
	}
	for k := m.end + 1; denied && k < len(toks) && toks[k].sentence == sent; k++ {
		if toks[k].norm == "until" || toks[k].norm == "till" || toks[k].norm == "til" {
			return false
		}
	}
	return denied
}

// negatedBefore reports a negation in the three words before token i, in
// its sentence: "don't see", "can't really see", "no longer see".
func negatedBefore(toks []wtok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3 && toks[k].sentence == toks[i].sentence; k-- {
		if cueWordOf(&toks[k]).flags&cfNegator != 0 || toks[k].norm == "longer" || toks[k].norm == "struggle" || toks[k].norm == "struggling" {
			return true
		}
	}
	return false
}

// havingWords may stand between a denial and a self-harm match: "never
// had any thought of", "not had any urges to".
var havingWords = map[string]bool{"had": true, "have": true, "has": true, "having": true, "any": true, "a": true,
	"ever": true, "thought": true, "thoughts": true, "urge": true, "urges": true, "feelings": true, "feeling": true,
	"plan": true, "plans": true, "of": true, "about": true, "to": true, "i've": true, "been": true}

// nearMishap reports "nearly" or "almost" killing oneself on something or
// doing something: a mishap ("I nearly killed myself on them in the car
// park", "almost killed myself tripping over the cat").
func nearMishap(toks []wtok, m patMatch) bool {
	k := m.start
	if k < 1 || toks[k-1].norm != "nearly" && toks[k-1].norm != "almost" {
		return false
	}
	n := m.end + 1
	return n < len(toks) && toks[n].sentence == toks[m.start].sentence && mishapAfter[toks[n].norm]
}

// mishapAfter are the words after "nearly killed myself" that tell how.
var mishapAfter = map[string]bool{"on": true, "over": true, "tripping": true, "falling": true, "slipping": true,
	"trying": true, "getting": true, "carrying": true, "running": true, "laughing": true}

// cutVerbs open the self-harm matches that can be an accident.
var cutVerbs = map[string]bool{"cut": true, "cutting": true, "burn": true, "burnt": true, "burned": true, "burning": true}

// choreWords after a cut or burn tell how it happened: an everyday
// accident ("cut myself badly opening a tin", "burnt myself on the oven
// door"). Words that can tell of self-harm ("slicing", "knife") are not here.
var choreWords = map[string]bool{"chopping": true, "shaving": true, "peeling": true, "cooking": true,
	"gardening": true, "ironing": true, "accidentally": true, "accident": true, "oven": true, "kettle": true,
	"tin": true, "tins": true, "opening": true}

// portionWords after "cut herself a ..." make a serving, not a wound.
var portionWords = map[string]bool{"slice": true, "piece": true, "bit": true, "chunk": true, "wedge": true, "hunk": true, "sliver": true}

// deathWish reports the words from token k, after "die", that tell where
// or how someone wishes to die at the end of an illness: "at home",
// "peacefully", "in peace", "in her own bed", "in the hospice", "at the
// hospice near home", "at his own farm", "looking at his own fields",
// "surrounded by", "there, with her own things around her", "as
// clear-headed as possible"; not "as soon as possible".
// Its caller has checked that token k+1 is in the sentence.
func deathWish(toks []wtok, k int) bool {
	w, next := toks[k].norm, toks[k+1].norm
	switch w {
	case "peacefully", "looking", "surrounded":
		return true
	case "at":
		return next == "home" || k+2 < len(toks) && (next == "the" || next == "his" || next == "her") &&
			(deathPlaces[toks[k+2].norm] || toks[k+2].norm == "own")
	case "in":
		return next == "peace" || next == "his" || next == "her" ||
			(next == "the" || next == "a") && k+2 < len(toks) && deathPlaces[toks[k+2].norm]
	case "there":
		return toks[k].punctAfter == ',' || next == "with" || next == "surrounded"
	case "as":
		return next != "soon" && next != "quickly" && next != "fast"
	}
	return false
}

// deathPlaces are where someone wishes to die at the end of an illness:
// "she wanted to die in the hospice", "in the home" (a care home), "at
// the farm".
var deathPlaces = map[string]bool{"hospice": true, "home": true, "farm": true, "house": true, "bungalow": true, "cottage": true}

// accidentalCut reports a sentence that tells of a cut or burn as an
// everyday accident or a serving: a chore word within five words after
// the verb ("I cut myself badly opening a tin of tomatoes"), or "cut
// herself a slice".
func accidentalCut(sent []wtok) bool {
	for i := range sent {
		if !cutVerbs[sent[i].norm] {
			continue
		}
		if i+3 < len(sent) && reflexive[sent[i+1].norm] && (sent[i+2].norm == "a" || sent[i+2].norm == "another") && portionWords[sent[i+3].norm] {
			return true
		}
		for k := i + 1; k < len(sent) && k <= i+6; k++ {
			if choreWords[sent[k].norm] {
				return true
			}
		}
	}
	return false
}

var reflexive = map[string]bool{"myself": true, "herself": true, "himself": true, "themselves": true, "yourself": true}

// sentenceOf returns the tokens of the sentence that holds token i.
func sentenceOf(toks []wtok, i int) []wtok {
	sent, _ := sentenceAt(toks, i)
	return sent
}

// sentenceAt returns the tokens of the sentence that holds token i, and
// i's index among them.
func sentenceAt(toks []wtok, i int) ([]wtok, int) {
	a := i
	for a > 0 && toks[a-1].sentence == toks[i].sentence {
		a--
	}
	return toks[a : sentenceEnd(toks, i)+1], i - a
}

// sinceLast reports "since I last ...": the time since the last time,
// told from recovery ("It's been ten months since I last hurt myself"),
// not "since last week".
func sinceLast(sent []wtok) bool {
	for k := 0; k+2 < len(sent); k++ {
		if sent[k].norm == "since" && subjects[sent[k+1].norm] && sent[k+2].norm == "last" {
			return true
		}
	}
	return false
}

// resolvedHarm reports a sentence whose cut or self-harm is an accident
// or over: accidentalCut or sinceLast.
func resolvedHarm(sent []wtok) bool { return accidentalCut(sent) || sinceLast(sent) }

// topicWords are the training, leaflets and lessons that name a harm as a
// subject ("a rack of leaflets about self-harm", "the trainer talked about
// neglect", "the difference between self-harm and suicidal thinking").
var topicWords = map[string]bool{"leaflet": true, "leaflets": true, "poster": true, "posters": true,
	"training": true, "trainer": true, "course": true, "workshop": true, "awareness": true, "booklet": true,
	"booklets": true, "difference": true, "lecture": true, "module": true, "session": true, "questions": true,
	"questionnaire": true, "box": true, "form": true, "checklist": true, "section": true}

// aboutTopic reports a harm at sent[at] named only as the subject of
// training, a leaflet or a lesson: a topic word, then within three words
// "about", "between" or "on", then the harm, with no subject pronoun
// between them ("The trainer talked about neglect"; not "After the
// training on safeguarding she told me her carer hits her").
func aboutTopic(sent []wtok, at int) bool {
	for i := 0; i < at; i++ {
		if w := sent[i].norm; !topicFilter.may(w) || !topicWords[w] {
			continue
		}
		for k := i + 1; k <= i+3 && k < at; k++ {
			if w := sent[k].norm; w != "about" && w != "between" && w != "on" {
				continue
			}
			for j := k + 1; j < at; j++ {
				if subjects[sent[j].norm] {
					return false
				}
			}
			return true
		}
	}
	return false
}

// perfectNegators deny a perfect tense: "I haven't", "she hasn't".
var perfectNegators = map[string]bool{"haven't": true, "hasn't": true, "havent": true, "hasnt": true, "hadn't": true, "hadnt": true}

// perfectAux before "not" make a perfect-tense denial: "I've not had".
var perfectAux = map[string]bool{"i've": true, "ive": true, "we've": true, "you've": true, "they've": true,
	"she's": true, "he's": true, "have": true, "has": true, "had": true}

// durationWords end a span of time: "for a long time", "in two years".
var durationWords = map[string]bool{"years": true, "year": true, "months": true, "month": true, "weeks": true,
	"time": true, "ages": true, "while": true}

// notFor reports a self-harm match denied in the perfect tense for a span
// of time, a statement of recovery: "I haven't had thoughts of harming
// myself for a long time", "she hasn't cut herself in two years", "I've
// not had thoughts of ending my life since the spring".
func notFor(toks []wtok, m patMatch) bool {
	sent := toks[m.start].sentence
	denied := false
	for k := m.start - 1; k >= 0 && toks[k].sentence == sent; k-- {
		if perfectNegators[toks[k].norm] || toks[k].norm == "not" && k > 0 && perfectAux[toks[k-1].norm] {
			// "I haven't had", "I've not had"; not "I haven't stopped thinking about it"
			denied = k+1 < len(toks) && toks[k+1].norm != "stopped"
			break
		}
		if toks[k].norm == "and" || toks[k].norm == "but" || toks[k].punctAfter == ',' {
			break
		}
	}
	if !denied {
		return false
	}
	for k := m.end + 1; k < len(toks) && toks[k].sentence == sent; k++ {
		if toks[k].norm == "since" {
			return true // "since the spring", "since I left"
		}
		if w := toks[k].norm; w == "for" || w == "in" {
			for j := k + 1; j < len(toks) && j <= k+3 && toks[j].sentence == sent; j++ {
				if durationWords[toks[j].norm] {
					return true
				}
			}
		}
	}
	return false
}

// pastSentence reports a short sentence starting at token k told in the
// past and nothing else ("I was in a bad way."): its verbs are "was",
// "were" or "had", and it holds no word of now.
func pastSentence(toks []wtok, k int) bool {
	sent, past := toks[k].sentence, false
	for j := k; j < len(toks) && toks[j].sentence == sent; j++ {
		if j-k > 12 {
			return false
		}
		switch toks[j].norm {
		case "was", "were", "had":
			past = true
		case "now", "still", "again", "is", "am", "i'm", "are", "keep", "keeps", "has", "have", "today":
			return false
		}
	}
	return past
}

// pastBefore reports a self-harm match told in the past tense right after
// a sentence that dates it ("Last year I was in a really bad place. I was
// self-harming most days", "Two years ago ..."). findCueSafeguarding asks
// it of warning signs of harm to someone else too ("Two years ago he was
// banging his head on the wall many times in a day").
func pastBefore(toks []wtok, m patMatch) bool {
	sent := toks[m.start].sentence
	for k := m.start - 3; k >= 0 && toks[k].sentence == sent; k-- {
		if toks[k].norm == "when" && questionSubjects[toks[k+1].norm] && toks[k+2].norm == "first" {
			return true // "When she first went in she ... told anyone who would listen that she wanted to die"
		}
	}
	past := strings.HasSuffix(toks[m.start].norm, "ed") // "I self-harmed"
scan:
	for k := m.start; k >= 0 && toks[k].sentence == sent; k-- {
		switch toks[k].norm {
		case "was", "were", "tried", "took", "had", "did", "didn't", "didnt", "swallowed", "taken", "downed", "necked", "thought", "felt", "wanted", "attempted", "overdosed", "planned", "remember", "believed":
			past = true
		case "now", "still", "again", "keep", "is", "am", "i'm":
			return false
		case "and":
			if past {
				break scan // "I'm 14 and I was referred to CAMHS when I was 12 because ...": the clause before is another
			}
		default:
			past = past || pluperfect(toks, k) // "I’d made plans to end my life"
		}
	}
	if !past {
		return false
	}
	s0 := sentenceStart(toks, m.start)
	for k := s0; k+3 < len(toks) && toks[k+3].sentence == sent; k++ {
		if toks[k].norm != "when" || toks[k+1].norm != "i" || toks[k+2].norm != "was" && toks[k+2].norm != "were" {
			continue
		}
		if k+3 < m.start && !strings.HasSuffix(toks[k+3].norm, "ing") {
			return true // "When I was sixteen I self-harmed for two years"; not "when I was clearing out his drawer"
		}
		if k > m.end && (digitsOnly(toks[k+3].norm) || spelledNumbers[toks[k+3].norm] || ageWords[toks[k+3].norm]) {
			return true // "I was referred to CAMHS when I was 12 because I was self-harming"; not "... when I was alone"
		}
	}
	// the sentence itself ("Last year I was self-harming") or the one
	// before, or the one before that when the sentence between tells of
	// the same time ("Three years ago I was on remand. I was in a bad way.
	// ... I cut my arms in my cell")
	oldest := sent - 1
	for k := m.start - 1; k >= 0 && toks[k].sentence >= oldest; k-- {
		if datesPast(toks, k) {
			return true
		}
		if toks[k].sentence == sent-1 && (k == 0 || toks[k-1].sentence != sent-1) && pastSentence(toks, k) {
			oldest = sent - 2
		}
	}
	if recoveredAfter(toks, m) {
		return true // "... said he wanted to die. He got help, he is well now"
	}
	// or a next sentence that dates it: "... I thought about ending it. That
	// was five years ago."
	k := sentenceEnd(toks, m.end) + 1
	if k+1 < len(toks) && (toks[k].norm == "that" || toks[k].norm == "it" || toks[k].norm == "this") && toks[k+1].norm == "was" {
		for j := k + 2; j < len(toks) && toks[j].sentence == sent+1; j++ {
			if datesPast(toks, j) {
				return true
			}
		}
	}
	return false
}

// recoveredAfter reports a match told in the past whose next two
// sentences tell of getting better for good: help got ("He got help",
// "I had counselling"), an age now ("I'm 19 now", "He is seventeen now")
// or time since ("hasn't for three years"), or whose story says in any
// later sentence that the writer is well now (wellLater). A recent time
// in the match's sentence or the one before ("last week", "yesterday")
// keeps it current: "I took an overdose on Saturday. I'm fine now" is a
// concern.
func recoveredAfter(toks []wtok, m patMatch) bool {
	sent := toks[m.start].sentence
	a := m.start // the start of the sentence before the match's
	for a > 0 && toks[a-1].sentence >= sent-1 {
		a--
	}
	end := sentenceEnd(toks, m.end)
	for k := a; k <= end; k++ {
		if recentWords[toks[k].norm] && !(k > 0 && storyTime[toks[k-1].norm] && !dayNames[toks[k].norm]) {
			return false // "I took an overdose on Saturday"; but "there was a night when", "that night"
		}
	}
	for k := end + 1; k < len(toks) && toks[k].sentence <= sent+2; k++ {
		w := toks[k].norm
		switch {
		case w == "got" && k+1 < len(toks) && toks[k+1].norm == "help",
			w == "had" && k+1 < len(toks) && (toks[k+1].norm == "counselling" || toks[k+1].norm == "therapy"):
			return true
		case w == "now" && k > 0 && (digitsOnly(toks[k-1].norm) || spelledNumbers[toks[k-1].norm]):
			return true // "I'm 19 now"
		case (w == "hasn't" || w == "haven't") && k+1 < len(toks) && (toks[k+1].norm == "for" || toks[k+1].norm == "since"):
			return true // "hasn't for three years"
		}
	}
	return wellLater(toks, end)
}

// wellLater reports a sentence after token end that says the writer is
// well now ("that is over now", "I'm doing well now", "I haven't hurt
// myself in over eighteen months"), or one anywhere in the story that
// says so in the first person ("I'm writing this now because I'm well",
// "I'm in a good place now", "I'm writing this from a much better
// place") or gives the writer's age now ("I'm twenty now").
func wellLater(toks []wtok, end int) bool {
	now := false // the sentence so far says "now", "I'm" or "am"
	for k := 1; k < len(toks); k++ {
		if toks[k].sentence != toks[k-1].sentence {
			now = false
		}
		w := toks[k].norm
		switch {
		case w == "now" || w == "i'm" || w == "am" || w == "i've":
			now = true
			if w == "now" && k >= 2 && (digitsOnly(toks[k-1].norm) || spelledNumbers[toks[k-1].norm]) &&
				(toks[k-2].norm == "i'm" || toks[k-2].norm == "am") {
				return true // "I'm twenty now", "I am 81 now" (not "She's fourteen now": a child's age in a concern)
			}
		case w == "place" && now && (toks[k-1].norm == "better" || toks[k-1].norm == "good"):
			return true // "I'm in a good place now", "I'm writing this from a much better place"
		}
		if k <= end {
			if w == "well" && (toks[k-1].norm == "i'm" || toks[k-1].norm == "am" && toks[k-2].norm == "i") {
				return true // "I'm writing this now because I'm well, I'm back at work"
			}
			continue
		}
		switch {
		case w == "over" && k+1 < len(toks) && toks[k+1].norm == "now" && toks[k-1].norm == "is":
			return true // "that is over now"
		case w == "well" && (toks[k-1].norm == "i'm" || toks[k-1].norm == "doing" && (toks[k-2].norm == "i'm" || toks[k-2].norm == "am")):
			return true // "I'm doing well now", "because I'm well"
		case (w == "haven't" || w == "hasn't") && toks[k-1].norm == "i" || w == "not" && toks[k-1].norm == "have" && toks[k-2].norm == "i":
			if freeSince(toks, k+1) {
				return true // "I haven't hurt myself in over eighteen months", "I haven't self-harmed for three and a half years"
			}
		}
	}
	return false
}

// freeSince reports "for", "in" or "since" within the five tokens from
// k, in k's sentence, followed by months or years: "hurt myself in over
// eighteen months", "self-harmed for three and a half years". Weeks are
// not enough ("hasn't eaten a hot meal in over a week" is neglect), nor
// is "since the beginning of the month".
func freeSince(toks []wtok, k int) bool {
	sent := toks[k-1].sentence
	for j := k; j < len(toks) && j < k+5 && toks[j].sentence == sent; j++ {
		if w := toks[j].norm; w != "for" && w != "in" && w != "since" {
			continue
		}
		for t := j + 1; t < len(toks) && t < j+6 && toks[t].sentence == sent; t++ {
			if w := toks[t].norm; (w == "month" || w == "months" || w == "year" || w == "years") && !determinerTime[toks[t-1].norm] {
				return true
			}
		}
	}
	return false
}

// saysFreeSince reports a sentence, tokens i to j, that tells of
// something not happening for a span of time: "a safety plan that I
// haven't needed to open for over a year".
func saysFreeSince(toks []wtok, i, j int) bool {
	for k := i; k < j; k++ {
		if w := toks[k].norm; (w == "haven't" || w == "hasn't") && freeSince(toks, k+1) {
			return true
		}
	}
	return false
}

// determinerTime before "month" or "year" names one, not a span of
// time: "since the beginning of the month".
var determinerTime = map[string]bool{"the": true, "this": true, "that": true, "last": true}

// pluperfect reports a contraction of "had" at token k before a past
// participle: "I’d made plans", "she’d been cutting", not "I’d rather
// die" nor "I’d be better off".
func pluperfect(toks []wtok, k int) bool {
	w := toks[k].norm
	if len(w) < 3 || !strings.HasSuffix(w, "'d") || k+1 >= len(toks) {
		return false
	}
	n := toks[k+1].norm
	return n == "been" || n == "made" || n == "taken" || n == "done" || n == "had" || n == "got" ||
		len(n) > 4 && strings.HasSuffix(n, "ed")
}

// storyTime before "night", "week" or "morning" tells of a time in a
// story, not a recent one: "there was a night when", "that night".
var storyTime = map[string]bool{"a": true, "that": true, "one": true, "the": true}

// dayNames are the days of the week: "that Saturday" is still recent.
var dayNames = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true}

// recentWords date a crisis as recent: it is not over.
var recentWords = map[string]bool{"yesterday": true, "tonight": true, "today": true, "week": true, "weekend": true,
	"night": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "morning": true}

// ageWords tell an age after "when I was" besides a number: "when I was
// little", "when I was a teenager", "when I was at school".
var ageWords = map[string]bool{"young": true, "younger": true, "little": true, "small": true, "a": true,
	"at": true, "in": true}

// hoursAgo are the units of a time too recent for a crisis to be over:
// "the nurse was on her way 4 hrs ago".
var hoursAgo = map[string]bool{"hour": true, "hours": true, "hrs": true, "hr": true, "minutes": true,
	"mins": true, "minute": true}

// datesPast reports a token that ends a phrase dating an event in the
// past: "ago", "last year", "back then".
func datesPast(toks []wtok, k int) bool {
	switch toks[k].norm {
	case "ago":
		// "two years ago", "three days ago", not "4 hrs ago"
		for j := k - 1; j >= 0 && j >= k-3; j-- {
			if hoursAgo[toks[j].norm] {
				return false
			}
		}
		return true
	case "summer", "winter", "spring", "autumn":
		return k > 0 && (toks[k-1].norm == "last" || toks[k-1].norm == "that") // "last winter", "at one point that winter"
	case "then":
		return k > 0 && toks[k-1].norm == "back"
	case "time":
		return k >= 2 && toks[k-1].norm == "the" && toks[k-2].norm == "at" // "At the time I believed he would be better off without me"
	case "period":
		return k >= 2 && toks[k-1].norm == "a" && toks[k-2].norm == "was" // "there was a period when he was very low"
	case "months", "weeks", "year", "years", "yr", "yrs":
		// "last year", "last yr"; "In the first six months I was very down"
		return k > 0 && toks[k-1].norm == "last" && (toks[k].norm == "year" || toks[k].norm == "yr") ||
			k >= 3 && (toks[k-2].norm == "first" || toks[k-3].norm == "first")
	case "in":
		// "When I came out in 2019 I fell apart", "In January 2023 I took
		// an overdose": a year two or more before this one
		j := k + 1
		if j+1 < len(toks) && months[toks[j].norm] > 0 && len(toks[j].norm) > 3 {
			j++ // a month named in full before the year
		}
		if j < len(toks) && toks[j].sentence == toks[k].sentence {
			if y, err := strconv.Atoi(toks[j].norm); err == nil && y >= 1940 && y <= pastYear {
				return true
			}
		}
	}
	return false
}

// pastYear is the last year that "in <year>" dates as long past: two
// years before the year the engine runs in.
var pastYear = time.Now().Year() - 2

// askedWhether reports a clinician's question about the risk rather than
// the writer's answer: "asked if I had any thoughts of harming myself",
// unless the answer follows in the sentence ("... and I said yes").
func askedWhether(toks []wtok, m patMatch) bool {
	sent := toks[m.start].sentence
	if answered, unsafe := safetyAnswer(toks, m); answered {
		return !unsafe // "asked her if she felt safe at home and she said no": the answer is the concern
	}
	if questionAnsweredNo(toks, m.end) {
		return true // "Any bruises nobody could explain? Anyone at home she was frightened of? No, no and no."
	}
	if colonNo(toks, m.end, 3) {
		return true // a checklist: "Falls: none. Anyone taking advantage of him with money: no, I look after the money"
	}
	if listedThenNo(toks, m) || noToAll(toks, m) {
		return true // "went through all the screening questions: any thoughts of ending his life, any plans. He answered no"
	}
	asked, whether := false, false
	for k := m.start - 1; k >= 0 && k >= m.start-40 && toks[k].sentence == sent; k-- {
		switch w := toks[k].norm; {
		case w == "if" || w == "whether":
			whether = true
		case askFilter.may(w) && askWords[w] || w == "checked" || w == "wondered":
			asked = asked || whether
		case w == "about":
			// "They asked about self-harm and she said she never had"
			whether = whether || k > 0 && askWords[toks[k-1].norm]
			// a questionnaire's item: "The one about harming myself I ticked never"
			asked = asked || k > 0 && questionItems[toks[k-1].norm]
		default:
			whether = whether || invertedQuestion(toks, k)
		}
	}
	if !asked && !(whether && askedBefore(toks, m.start)) {
		return false
	}
	// the first answer tells: "... and she said she had never done
	// anything like that, and the nurse said where to go if that changed";
	// "asked straight out if I had any thoughts of ending my life – no –
	// or of hurting anyone else"
	for k := m.end + 1; k < len(toks) && toks[k].sentence == sent; k++ {
		if noAnswer(toks[k].norm) && toks[k-1].punctAfter != 0 && toks[k].punctAfter != 0 {
			return true
		}
		if answerWords[toks[k].norm] {
			return answeredNo(toks, k)
		}
	}
	return true
}

// onlyOneWho reports "the only person who" (or "thing that", "one
// who") within the four words before token i: a joke that names who or
// what does it, and it is no one to fear.
func onlyOneWho(toks []wtok, i int) bool {
	sent := toks[i].sentence
	for k := i - 1; k >= 2 && k >= i-4 && toks[k].sentence == sent; k-- {
		if w := toks[k].norm; (w == "who" || w == "that" || w == "that's") && onlyWho[toks[k-1].norm] && toks[k-2].norm == "only" {
			return true
		}
	}
	return false
}

var onlyWho = map[string]bool{"person": true, "thing": true, "one": true, "people": true}

// questionItems are the words for a questionnaire's item before "about".
var questionItems = map[string]bool{"one": true, "question": true, "questions": true, "box": true, "bit": true}

// struckAs reports "struck" or "strikes" in a match with "as" within two
// words after it: "struck us both as", "strikes me as".
func struckAs(toks []wtok, m patMatch) bool {
	for k := m.start; k <= m.end && k < len(toks); k++ {
		if w := toks[k].norm; w == "struck" || w == "strikes" || w == "striking" {
			for j := k + 1; j < len(toks) && j <= k+3 && toks[j].sentence == toks[k].sentence; j++ {
				if toks[j].norm == "as" {
					return true
				}
			}
		}
	}
	return false
}

// insteadOf reports "instead of" or "rather than" just before token i.
func insteadOf(toks []wtok, i int) bool {
	return i >= 2 && toks[i-2].sentence == toks[i].sentence && toks[i-1].sentence == toks[i].sentence &&
		(toks[i-2].norm == "instead" && toks[i-1].norm == "of" || toks[i-2].norm == "rather" && toks[i-1].norm == "than")
}

// noToAll reports "no to all of it" (or "to everything", "to both")
// after a match in its sentence: questions listed and answered no
// together ("is anyone at home shouting or hitting, does he ever hurt
// himself, we could honestly say no to all of it").
func noToAll(toks []wtok, m patMatch) bool {
	for k := m.end + 1; k+2 < len(toks) && toks[k+2].sentence == toks[m.start].sentence; k++ {
		if toks[k].norm == "no" && toks[k+1].norm == "to" {
			switch toks[k+2].norm {
			case "all", "everything", "both", "each", "every", "them":
				return true
			}
		}
	}
	return false
}

// listedThenNo reports a match after asking words in its sentence ("went
// through all the screening questions: any thoughts of ending his life")
// (or "whether") whose next sentence answers no: "He answered no", "All
// no.", "I ticked no to all of them", "The answer was no to all of them";
// or that is answered "no" later in its own sentence
// ("... any worries at home – and we said no"), not "he said nothing".
func listedThenNo(toks []wtok, m patMatch) bool {
	sent := toks[m.start].sentence
	if j := m.end + 1; j < len(toks) && toks[j].sentence == sent && toks[j].norm == "no" && toks[m.end].punctAfter != 0 && toks[j].punctAfter != 0 {
		return true // a question on a list answered in brackets: "any thoughts of harming myself (no, none, not for years)"
	}
	asked := false
	for k := m.start - 1; k >= 0 && toks[k].sentence == sent && !asked; k-- {
		w := toks[k].norm
		asked = askFilter.may(w) && askWords[w] || w == "whether" || w == "screening" // "went through a screening with me - suicidal thoughts, harm to others. All no."
	}
	if !asked {
		return false
	}
	k := m.end + 1
	for ; k < len(toks) && toks[k].sentence == sent; k++ {
		if saidNo(toks, k) || predicateNo(toks, k) {
			return true // "They asked the routine questions – any bruises we couldn't explain, any worries at home – and we said no", "... – it was a genuine no"
		}
	}
	if k+1 >= len(toks) {
		return false
	}
	if toks[k].norm == "all" && toks[k+1].norm == "no" || noToAll(toks, patMatch{start: k, end: k - 1}) || allAnsweredNo(toks, k) {
		return true // "All no.", "The answer was no to all of them", "We could say no to all of it", "The answer to all of them was no."
	}
	if toks[k].norm == "no" && toks[k].punctAfter != 0 || toks[k].norm == "it" && predicateNo(toks, k+1) {
		return true // "No, no and no.", "No.", "It was no, no and no"
	}
	for j := k; j+1 < len(toks) && j < k+4 && toks[j+1].sentence == toks[k].sentence; j++ {
		if w := toks[j].norm; (w == "it's" || w == "its" || w == "always") && toks[j+1].norm == "no" && toks[j+1].punctAfter != 0 {
			return true // "Every month it’s no, and she ticks it"; not "it's no surprise"
		}
	}
	if k+2 < len(toks) && questionSubjects[toks[k].norm] && answerWords[toks[k+1].norm] {
		return answeredNo(toks, k+1)
	}
	return answerWords[toks[k].norm] && answeredNo(toks, k)
}

// predicateNo reports an answer told as "was no" at token k: "it was
// a genuine no", "the answer is no", "it's a no"; the "no" ends a clause
// ("it was no trouble" is none).
func predicateNo(toks []wtok, k int) bool {
	if w := toks[k].norm; w != "was" && w != "is" && w != "it's" {
		return false
	}
	j := k + 1
	if j < len(toks) && toks[j].norm == "a" {
		j++
		if j+1 < len(toks) && toks[j].norm != "no" && toks[j+1].norm == "no" {
			j++ // "a genuine no", "a firm no"
		}
	}
	return j < len(toks) && toks[j].sentence == toks[k].sentence && toks[j].norm == "no" &&
		(toks[j].punctAfter != 0 || j+1 == len(toks) || toks[j+1].sentence != toks[j].sentence)
}

// allAnsweredNo reports a sentence from token k that answers every
// question no in other words than noToAll: "The answer to all of them
// was no", "The answers to each were no".
func allAnsweredNo(toks []wtok, k int) bool {
	sent := toks[k].sentence
	answer, all := false, false
	for ; k < len(toks) && toks[k].sentence == sent; k++ {
		switch toks[k].norm {
		case "answer", "answers", "answered":
			answer = true
		case "all", "each", "every", "both":
			all = true
		case "no":
			return answer && all && (k+1 == len(toks) || toks[k+1].sentence != sent || toks[k].punctAfter != 0) // "was no, and it has been for over a year"
		}
	}
	return false
}

// colonNo reports a colon within span tokens after token k, in its
// sentence, and "no", "none" or "never" right after it: an item of a
// checklist answered no.
func colonNo(toks []wtok, k, span int) bool {
	for j := k; j < len(toks)-1 && j <= k+span && toks[j+1].sentence == toks[k].sentence; j++ {
		if toks[j].punctAfter == ':' {
			return noAnswer(toks[j+1].norm)
		}
	}
	return false
}

// noAnswer reports a one-word answer of no to a screening item: "no",
// "none", "never", "nope".
func noAnswer(w string) bool {
	return w == "no" || w == "none" || w == "never" || w == "nope"
}

// checklistAnsweredNo reports a sentence toks[i:j] with an item answered
// no after a colon, after a list of questions named shortly before ("They
// went through a long checklist. Falls: none. Anyone taking advantage of
// him with money: no"): the weighed rule and the model read it as a
// routine question.
func checklistAnsweredNo(toks []wtok, i, j int) bool {
	return colonNo(toks, i, j-i) && checklistBefore(toks, i)
}

// checklistBefore reports a list of questions named from token i, which
// opens its sentence, back to the start of the sentence two before:
// "checklist" or "questions" there, "questionnaire" or "form" in the
// sentence before only.
func checklistBefore(toks []wtok, i int) bool {
	sent := toks[i].sentence
	for k := i; k >= 0 && toks[k].sentence >= sent-2; k-- {
		switch toks[k].norm {
		case "checklist", "questions":
			return true
		case "questionnaire", "form":
			if toks[k].sentence >= sent-1 {
				return true
			}
		}
	}
	return false
}

// saidNo reports "we said no", "he answered no", "I could honestly say
// no" at token k.
func saidNo(toks []wtok, k int) bool {
	if k+2 >= len(toks) || !questionSubjects[toks[k].norm] {
		return false
	}
	j := k + 1
	for ; j < k+3 && j+1 < len(toks) && answerHedges[toks[j].norm]; j++ {
	}
	return j+1 < len(toks) && answerWords[toks[j].norm] && toks[j+1].norm == "no"
}

// answerHedges may stand between who answers and the answer: "I could
// honestly say no", "we both said no".
var answerHedges = map[string]bool{"could": true, "can": true, "would": true, "honestly": true, "truthfully": true,
	"both": true, "all": true, "just": true, "happily": true, "truly": true}

// safetyAnswer reports whether a match holds a question of safety and an
// answer to it, and whether that answer is a plain no: "if she felt safe
// at home and she said no" is unsafe, "said no probs on both" and "she
// answered no, no and yes" (several questions answered in turn) are not.
func safetyAnswer(toks []wtok, m patMatch) (answered, unsafe bool) {
	safe := false
	for k := m.start; k <= m.end && k < len(toks); k++ {
		switch {
		case toks[k].norm == "safe":
			safe = true
		case safe && answerWords[toks[k].norm]:
			if !answeredNo(toks, k) {
				return true, false
			}
			for j := k + 1; j < len(toks) && j <= k+5; j++ {
				if noTrouble[toks[j].norm] {
					return true, false
				}
			}
			return true, answersAfter(toks, k) == 1
		}
	}
	return false, false
}

// answersAfter counts the yeses and noes within five words after the
// answer word at k: "she answered no, no and yes" answers several
// questions in turn.
func answersAfter(toks []wtok, k int) int {
	n := 0
	for j := k + 1; j < len(toks) && j <= k+5 && toks[j].sentence == toks[k].sentence; j++ {
		if w := toks[j].norm; w == "no" || w == "yes" {
			n++
		}
	}
	return n
}

// noTrouble are the nouns of "no probs", "no worries": an answer that all
// is well.
var noTrouble = wordSet(`probs problem problems worries worry bother issues issue concerns`)

// questionAnsweredNo reports that token k's sentence is a question
// answered no in the sentence after it, or after the questions that follow
// it: "Did Mam have any falls? Any bruises nobody could explain? Anyone at
// home she was frightened of? No, no and no." An answer is "No" with a
// mark after it ("No one has explained" is none), "nope", "nah" or
// "never".
func questionAnsweredNo(toks []wtok, k int) bool {
	for q := 0; q < 4; q++ {
		sent := toks[k].sentence
		s0 := sentenceStart(toks, k)
		for k < len(toks) && toks[k].sentence == sent {
			k++
		}
		// a question reported with a full stop: "Do I have thoughts of
		// ending my life. Answer: no."
		// or a question told as "if" or "whether" after the asking: "She
		// also asked if I ever hear voices. No. If I ever have thoughts
		// about hurting myself. No."
		asked := toks[k-1].punctAfter == '?' || toks[k-1].punctAfter == '.' && (invertedQuestion(toks, s0) || toks[s0].norm == "any" ||
			(toks[s0].norm == "if" || toks[s0].norm == "whether") && askedWithin(toks, s0, 3))
		if !asked || k == len(toks) {
			return false // not a question, or none after it
		}
		switch toks[k].norm {
		case "no":
			return toks[k].punctAfter != 0
		case "nope", "nah", "never":
			return true
		case "not":
			return k+1 < len(toks) && toks[k+1].sentence == toks[k].sentence && (toks[k+1].norm == "now" || toks[k+1].norm == "really" || toks[k+1].norm == "at")
		case "answer":
			return toks[k].punctAfter == ':' && k+1 < len(toks) && toks[k+1].norm == "no" // "Answer: no."
		case "i", "she", "he", "we", "they":
			// "Was I feeling low or thinking of harming myself? I told the lass
			// no", "Any thoughts of hurting himself? He rolls his eyes and
			// answers no to the lot."
			for j := k + 1; j < len(toks) && j <= k+6 && toks[j].sentence == toks[k].sentence; j++ {
				if answerWords[toks[j].norm] {
					return answeredNo(toks, j)
				}
			}
		default:
			// someone named answers: "Mum said no to all of it", "My dad
			// answered no"
			for j := k + 1; j < len(toks) && j <= k+2 && toks[j].sentence == toks[k].sentence; j++ {
				if answerWords[toks[j].norm] && toks[j].norm != "yes" {
					return answeredNo(toks, j)
				}
			}
		}
	}
	return false
}

// askedBefore reports asking in the sentence before token i's: "She
// asked me the questions they ask everyone. Was I sleeping, had I thought
// about harming myself."
func askedBefore(toks []wtok, i int) bool {
	sent := toks[i].sentence
	k := i
	for k >= 0 && toks[k].sentence == sent {
		k--
	}
	for ; k >= 0 && toks[k].sentence == sent-1; k-- {
		if askWords[toks[k].norm] {
			return true
		}
	}
	return false
}

// askedWithin reports an ask word in the n sentences before token i's.
func askedWithin(toks []wtok, i, n int) bool {
	sent := toks[i].sentence
	for k := i - 1; k >= 0 && toks[k].sentence >= sent-n; k-- {
		if askWords[toks[k].norm] {
			return true
		}
	}
	return false
}

// askWords tell of asking: askedBefore and writerAsks read them, askedWhether too (with
// "checked" and "wondered"), and "asked about" is a question there.
// askFilter, topicFilter and auxFilter are the setFilters of askWords,
// topicWords and questionAux, which rules look every word of a sentence
// up in.
var askFilter, topicFilter, auxFilter = filterOf(askWords), filterOf(topicWords), filterOf(questionAux)

var askWords = map[string]bool{"asked": true, "ask": true, "asks": true, "asking": true, "questions": true,
	"question": true, "questionnaire": true}

// answeredNo reports an answer word followed by a denial: "and I said
// no", "said nah", "said she had never".
func answeredNo(toks []wtok, k int) bool {
	limit := k + 4
	for j := k + 1; j < len(toks) && j <= limit && toks[j].sentence == toks[k].sentence; j++ {
		switch w := toks[j].norm; w {
		case "honestly", "truthfully", "straight", "firmly", "quietly":
			limit++ // "told her honestly that I hadn't"
		case "no", "not", "never", "nope", "nah", "nothing", "none":
			return true
		case "yes", "and", "but":
			return false // "said yes, and not for the first time"
		default:
			if strings.HasSuffix(w, "n't") { // a token's word has its apostrophe made straight
				return true // "said she hadn't"
			}
		}
	}
	return false
}

// answeredYes reports an answer word followed by "yes" ("and she said
// yes").
func answeredYes(toks []wtok, k int) bool {
	for j := k + 1; j < len(toks) && j <= k+3 && toks[j].sentence == toks[k].sentence; j++ {
		if toks[j].norm == "yes" {
			return true
		}
	}
	return false
}

// questionAux and questionSubjects make a question by inversion: "had I
// had any thoughts of harming myself", "did you ever ...".
var (
	questionAux      = map[string]bool{"had": true, "have": true, "has": true, "did": true, "do": true, "does": true, "was": true, "were": true, "am": true, "are": true, "is": true}
	questionSubjects = map[string]bool{"i": true, "you": true, "he": true, "she": true, "they": true, "we": true}
)

// invertedQuestion reports an auxiliary before its subject at token k, a
// question told without "if" ("the routine questions — had I had any
// thoughts of harming myself").
func invertedQuestion(toks []wtok, k int) bool {
	return auxFilter.may(toks[k].norm) && questionAux[toks[k].norm] && k+1 < len(toks) && questionSubjects[toks[k+1].norm] &&
		toks[k+1].sentence == toks[k].sentence && (k == 0 || toks[k-1].sentence != toks[k].sentence || toks[k-1].punctAfter != 0 || !questionSubjects[toks[k-1].norm])
}

// answerWords after a question about the risk give its answer ("... and I
// said yes"): askedWhether and screeningQuestion read them.
var answerWords = map[string]bool{"yes": true, "admitted": true, "told": true, "said": true, "say": true, "says": true, "nodded": true,
	"answered": true, "answers": true, "replied": true, "whispered": true, "confided": true, "ticked": true}

// keepInjury rejects an injury the sentence explains ("from the fall") or
// refers back to ("the marks"), and a changing story with no injury or
// child in it.
func keepInjury(toks []wtok, m patMatch, sc *sentenceScan) bool {
	if m.key == "injurystory" {
		return sc.has(bitInjuryOrChild) // "the parents' story keeps changing"
	}
	if sc.has(bitExplained) {
		return false
	}
	for k := max(m.start, 1); k <= m.end; k++ {
		if injuryWords[toks[k].norm] && (toks[k-1].norm == "the" || toks[k-1].norm == "those" || toks[k-1].norm == "these") {
			return false
		}
	}
	return true
}

// youngWords name a child.
var youngWords = map[string]bool{"boy": true, "boys": true, "girl": true, "girls": true, "kid": true, "kids": true,
	"child": true, "children": true, "toddler": true, "toddlers": true, "son": true, "daughter": true, "lad": true,
	"lads": true, "lass": true, "twins": true, "kiddies": true, "youngsters": true, "grandson": true, "granddaughter": true}

// childNear reports a child named in the sentence of token i or the one
// before it ("The boy next door is six. He knocks asking for bread"), or,
// when wide, anywhere in the text before it.
func childNear(toks []wtok, i int, wide bool) bool {
	if seenBefore(toks, i, wide, func(k int) bool {
		w := toks[k].norm
		return youngWords[w] || w == "year-old" || w == "years" && k+1 < len(toks) && toks[k+1].norm == "old"
	}) {
		return true
	}
	sent := toks[i].sentence
	for k := i + 1; k < len(toks) && toks[k].sentence == sent; k++ {
		if youngWords[toks[k].norm] {
			return true
		}
	}
	return false
}

// keepNeglect rejects refusals, fasting, things explained by a fall or the
// weather, "changed her medication", and the writer's own meal or leaving.
func keepNeglect(toks []wtok, m patMatch, sc *sentenceScan) bool {
	sent := toks[m.start].sentence
	switch m.key {
	case "neglectsoiled", "neglectkids", "neglectfloor":
		if sc.has(bitExplained) || sc.has(bitWeather) {
			return false // wet clothes in the rain, a long lie after a fall
		}
	}
	if m.key == "neglectfloor" && ambulanceNear(toks, m.start) {
		return false // "He lay on the floor for five hours before the ambulance came": a wait for help, not neglect
	}
	if m.key == "neglectkids" && !childNear(toks, m.start, false) {
		return false // "She asked me for a loaf of bread": no child asking
	}
	if sc.has(bitRefusal) {
		return false // "Mum refused her dinner and left it untouched"
	}
	for k := m.start - 1; k >= 0 && k >= m.start-3 && toks[k].sentence == sent; k-- {
		if scavengers[toks[k].norm] {
			return false // "the fox goes through our bins looking for food"
		}
	}
	if !objectReading(toks, m.end) {
		return false // "nobody changed her medication"
	}
	if sc.has(bitFasting) {
		return false // nil by mouth before an operation
	}
	if m.start > 0 && toks[m.start-1].sentence == sent {
		switch toks[m.start-1].norm {
		case "my", "our":
			return false // "my dinner went back untouched"
		case "i", "we", "i've", "we've", "i'd", "we'd":
			return strings.HasPrefix(toks[m.start].norm, "found") // not the writer leaving someone, nor the writer sober ("I've not had a drink since Easter")
		}
	}
	return true
}

// ambulanceNear reports an ambulance, its crew or a 999 call in the
// sentence of token i or the one before or after it.
func ambulanceNear(toks []wtok, i int) bool {
	sent := toks[i].sentence
	a, b := i, i
	for a > 0 && toks[a-1].sentence >= sent-1 {
		a--
	}
	for b+1 < len(toks) && toks[b+1].sentence <= sent+1 {
		b++
	}
	for k := a; k <= b; k++ {
		if ambulanceWords[toks[k].norm] {
			return true
		}
	}
	return false
}

var ambulanceWords = map[string]bool{"ambulance": true, "ambulances": true, "999": true, "paramedic": true,
	"paramedics": true, "crew": true}

// scavengers are animals that go through bins and go hungry.
var scavengers = map[string]bool{"fox": true, "foxes": true, "cat": true, "cats": true, "dog": true, "dogs": true,
	"seagull": true, "seagulls": true, "gulls": true, "rats": true, "rat": true, "badger": true, "badgers": true,
	"birds": true, "magpies": true, "crows": true}

// keepVerbal wants care staff in the sentence, and rejects "shut up the
// window" and "told me it was a dirty job".
func keepVerbal(toks []wtok, m patMatch, sc *sentenceScan) bool {
	sent := toks[m.start].sentence
	if toks[m.end].norm == "up" && m.end+1 < len(toks) && toks[m.end+1].sentence == sent && shutThing[toks[m.end+1].norm] {
		return false // "told him to shut up the window"
	}
	if m.end+1 < len(toks) && toks[m.end+1].sentence == sent && toks[m.end+1].norm == "own" {
		return false // "laughed at her own joke"
	}
	if m.key == "verbaltold" && !wordBefore(toks, m.start, 3, thirdPerson) {
		return false // "told me it was a dirty job"
	}
	return sc.has(bitCareStaff) // a carer telling a resident to shut up
}

// keepAbuse rejects helping, consent, someone's own money or body, "her"
// before a thing, and figurative subjects ("the news hit me").
func keepAbuse(toks []wtok, m patMatch, sc *sentenceScan) bool {
	switch {
	case beatAtGame(toks, m):
		return false // "he beat us all at crazy golf"
	case animalSubject(toks, m.start):
		return false // "Our old collie, Ben, hasn't let him out of his sight since"
	case fearedThen(sentenceOf(toks, m.start)):
		return false // "my first thought was that someone had been rough with him"
	case sc.has(bitHelping):
		return false // "grabbed him by the arm to stop him falling"
	case sc.has(bitConsent) && !askedAfter(toks, m):
		return false // "keeps her bank card in the office at her request"
	case ownThing(toks, m):
		return false // "she uses her bank card"
	case ownBody(toks, m):
		return false // "she slapped her face" is her own face
	case !personObject(toks, m.end):
		return false // "sits on her phone"
	case figurativeHit[toks[m.start].norm] && !personSubject(toks, m.start):
		return false // "losing my hair hit me"
	case simile(toks, m.start):
		return false // "my arm was sore the next day, like somebody punched me"
	case ifBefore(toks, m.start):
		return false // a condition, not a deed: "If they try to push him out that door on Friday, I swear I’ll ..."
	case thingTied(toks, m):
		return false // "a Gruffalo balloon tied to the bed"
	}
	return true
}

// thingTied reports "tied to the bed" (or strapped, tethered) with no one
// named after the verb and none told of before it: a thing tied ("a
// Gruffalo balloon tied to the bed"), not a person ("she was tied to the
// bed", "they tied him to the chair").
func thingTied(toks []wtok, m patMatch) bool {
	switch toks[m.start].norm {
	case "tied", "strapped", "tethered":
	default:
		return false
	}
	if m.start+1 >= len(toks) || toks[m.start+1].norm != "to" {
		return false // "tied him to the chair"
	}
	return m.start == 0 || toks[m.start-1].sentence != toks[m.start].sentence || !tiedAux[toks[m.start-1].norm]
}

// tiedAux are the words before "tied to" that tell of a person tied.
var tiedAux = wordSet(`was were is are be been being get gets got getting left kept found`)

// ifBefore reports "if" or "unless" within five words before token i, in
// its sentence: a condition. Not a question ("I don't know if he hit
// her") or a threat reported ("told her that if she kept ringing, they'd
// tie her hands").
func ifBefore(toks []wtok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5 && toks[k].sentence == toks[i].sentence; k-- {
		if toks[k].norm == "if" || toks[k].norm == "unless" {
			return k == 0 || toks[k-1].sentence != toks[k].sentence || !ifReported[toks[k-1].norm]
		}
	}
	return false
}

// ifReported before "if" make what follows a question or a reported
// threat, not the writer's condition.
var ifReported = map[string]bool{"know": true, "wonder": true, "wondered": true, "sure": true, "ask": true, "asked": true,
	"see": true, "check": true, "checked": true, "that": true, "said": true, "says": true, "told": true, "tell": true, "threatened": true}

// intrusiveNear reports "intrusive" (thoughts, pictures) in token i's
// sentence or the one before: unwanted thoughts of harm that frighten the
// person who has them, not a wish to do it.
func intrusiveNear(toks []wtok, i int) bool {
	sent := toks[i].sentence
	for k := i; k >= 0 && toks[k].sentence >= sent-1; k-- {
		if toks[k].norm == "intrusive" {
			return true
		}
	}
	return false
}

// simile reports "like", "as if" or "as though" just before token i (or
// before its subject): a feeling compared to harm, not harm done.
func simile(toks []wtok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2 && toks[k].sentence == toks[i].sentence; k-- {
		switch toks[k].norm {
		case "like":
			return k == 0 || toks[k-1].norm != "would" && toks[k-1].norm != "'d" // not "I would like ..."
		case "if", "though":
			return k > 0 && toks[k-1].norm == "as"
		}
	}
	return false
}

// beatAtGame reports "beat" with "at" within three words after the match:
// a game won ("beat us all at crazy golf", "beats me at chess").
func beatAtGame(toks []wtok, m patMatch) bool {
	switch toks[m.start].norm {
	case "beat", "beats", "beaten", "beating":
	default:
		return false
	}
	for k := m.end + 1; k < len(toks) && k <= m.end+3 && toks[k].sentence == toks[m.start].sentence; k++ {
		if toks[k].norm == "at" {
			return true
		}
	}
	return false
}

// fearedThen reports a harm the writer once feared and tells as a fear:
// "thought" or "feared", then within eight words "someone had ..." ("I
// thought someone had been rough with her"), a supposition, not a report.
func fearedThen(sent []wtok) bool {
	for k := range sent {
		switch sent[k].norm {
		case "thought", "feared", "assumed", "worried", "wondered":
			for j := k + 1; j+1 < len(sent) && j <= k+8; j++ {
				if (sent[j].norm == "someone" || sent[j].norm == "somebody") && sent[j+1].norm == "had" {
					return true
				}
			}
		}
	}
	return false
}

// hitAux are the auxiliaries personSubject reads past to the subject of
// a blow (blowVerbs).
var (
	hitAux    = wordSet(`is are was were been has have had keeps kept keep started starts be`)
	blowVerbs = wordSet(`hit hits hitting beat beats beating struck strikes striking bit bites biting`)
)

// figurativeHit verbs also have a figurative subject ("the news hit me",
// "it suddenly struck me").
var figurativeHit = map[string]bool{"hit": true, "hits": true, "hitting": true, "struck": true, "strikes": true,
	"beat": true, "beats": true, "hurt": true, "hurts": true, "hurting": true, "tried": true, "tries": true,
	"trying": true, "attempted": true, "bit": true, "bites": true, "bite": true,
	"sat": true, "sits": true, "sit": true, "sitting": true} // "wouldn't know a heart attack if it sat on them"

// endItOther words after "end it" make it the end of something else.
var endItOther = map[string]bool{"with": true, "there": true, "between": true, "early": true, "on": true,
	"amicably": true, "for": true, "here": true, "now": false}

// explained words give an injury a cause: a fall, a procedure, a medicine.
var explained = map[string]bool{"fall": true, "fell": true, "falling": true, "falls": true, "tripped": true,
	"trip": true, "accident": true, "cannula": true, "injection": true, "injections": true, "drip": true,
	"blood": true, "surgery": true, "operation": true, "op": true, "biopsy": true, "warfarin": true,
	"anticoagulant": true, "anticoagulants": true, "thinners": true, "jab": true, "vaccine": true, "bumped": true,
	"knocked": true, "shingles": true, "eczema": true, "rash": true, "chemo": true, "radiotherapy": true,
	"stitches": true, "scar": true, "wound": true, "cast": true, "plaster": true, "football": true,
	"rugby": true, "playing": true, "sport": true, "sports": true, "gym": true, "cooking": true,
	"gardening": true, "bike": true, "cycling": true, "climbing": true, "woodwork": true, "match": true,
	"muddy": true, "mud": true, "sun": true, "sunburn": true, "beach": true, "barbecue": true, "bbq": true,
	"oven": true, "kettle": true}

// fasting words make going without food a clinical instruction.
var fasting = map[string]bool{"nil": true, "fasting": true, "fasted": true, "surgery": true, "operation": true,
	"anaesthetic": true, "procedure": true, "theatre": true}

// sentenceScan reads the sentence of one match once, on first use, and
// says which of the word lists below it holds, so that the checks of a
// match cost one map lookup per word of its sentence, not one per list.
type sentenceScan struct {
	toks []wtok
	at   int
	done bool
	mask uint16
}

// Bits of sentenceScan.mask, one per word list.
const (
	bitJokeWords uint16 = 1 << iota
	bitExplained
	bitWeather
	bitHelping
	bitMedicines
	bitInjuryOrChild
	bitCareStaff
	bitConsent
	bitRefusal
	bitFasting
)

// sentenceLists maps every word of those lists to its bits.
var sentenceLists = func() map[string]uint16 {
	m := map[string]uint16{}
	for bit, words := range map[uint16]map[string]bool{bitJokeWords: jokeWords, bitExplained: explained,
		bitWeather: weather, bitHelping: helping, bitMedicines: medicines, bitInjuryOrChild: injuryOrChild,
		bitCareStaff: careStaff, bitConsent: consent, bitRefusal: refusal, bitFasting: fasting} {
		for w := range words {
			m[w] |= bit
		}
	}
	return m
}()

// has reports whether the sentence holds a word of the list of bit.
func (sc *sentenceScan) has(bit uint16) bool {
	if !sc.done {
		sc.done = true
		toks, i := sc.toks, sc.at
		sent := toks[i].sentence
		for i > 0 && toks[i-1].sentence == sent {
			i--
		}
		for ; i < len(toks) && toks[i].sentence == sent; i++ {
			sc.mask |= sentenceLists[toks[i].norm]
		}
	}
	return sc.mask&bit != 0
}

// personWords are subjects that can hit someone.
var personWords = map[string]bool{"he": true, "she": true, "they": true, "who": true, "someone": true,
	"somebody": true, "carer": true, "carers": true, "nurse": true, "nurses": true, "staff": true, "man": true,
	"woman": true, "boy": true, "girl": true, "guy": true, "lad": true, "bloke": true, "stepdad": true,
	"stepfather": true, "stepmum": true, "stepmother": true, "boyfriend": true, "girlfriend": true,
	"worker": true, "workers": true, "porter": true, "guard": true, "officer": true, "doctor": true,
	"resident": true, "patient": true, "neighbour": true, "manager": true, "aide": true, "assistant": true,
	"mum": true, "dad": true, "mother": true, "father": true, "son": true, "daughter": true, "husband": true,
	"wife": true, "partner": true, "brother": true, "sister": true, "uncle": true, "aunt": true,
	"grandson": true, "granddaughter": true, "nephew": true, "niece": true, "ex": true, "friend": true,
	"one": true, "teacher": true, "coach": true, "tutor": true, "childminder": true, "nanny": true,
	"babysitter": true, "leader": true, "boss": true, "landlord": true, "lodger": true, "stranger": true,
	// plurals, other residents and service users, family and staff
	"men": true, "women": true, "boys": true, "girls": true, "lads": true, "kids": true, "children": true,
	"people": true, "residents": true, "patients": true, "neighbours": true, "doctors": true, "managers": true,
	"teachers": true, "user": true, "users": true, "client": true, "clients": true, "tenant": true, "tenants": true,
	"housemate": true, "housemates": true, "flatmate": true, "flatmates": true, "pupil": true, "pupils": true,
	"student": true, "students": true, "classmate": true, "classmates": true, "inmate": true, "inmates": true,
	"prisoner": true, "prisoners": true, "cousin": true, "grandad": true, "grandma": true, "nan": true,
	"gran": true, "stepson": true, "stepdaughter": true, "supervisor": true, "warden": true, "driver": true,
	"escort": true, "volunteer": true, "cleaner": true, "receptionist": true, "paramedic": true, "mate": true,
	"mates": true, "gang": true, "youths": true, "member": true, "members": true, "others": true, "another": true}

// hitAdverbs may stand between a subject and its verb ("he then hit her").
var hitAdverbs = map[string]bool{"then": true, "also": true, "just": true, "even": true, "actually": true,
	"repeatedly": true, "again": true, "once": true, "sometimes": true, "often": true, "always": true,
	"has": true, "had": true, "have": true, "allegedly": true, "apparently": true, "deliberately": true,
	"physically": true, "really": true, "never": true, "still": true, "regularly": true, "constantly": true}

// personSubject reports whether the verb at i has a person as its subject:
// a pronoun, a person noun or a name.
func personSubject(toks []wtok, i int) bool {
	j := i - 1
	aux := blowVerbs[toks[i].norm] // "he is hitting me", "he keeps hitting me"; not "convinced the staff were trying to poison her"
	for j >= 0 && toks[j].sentence == toks[i].sentence && (hitAdverbs[toks[j].norm] || aux && hitAux[toks[j].norm]) {
		j--
	}
	if j < 0 || toks[j].sentence != toks[i].sentence {
		return false
	}
	w := stripPossessive(toks[j].norm)
	if personWords[w] || personWords[strings.TrimPrefix(w, "ex-")] { // "my ex-partner"
		return true
	}
	// a name: capitalised and not an ordinary word at the start of a sentence
	return toks[j].upper && !toks[j].caps && (!toks[j].first || toks[j].info == nil || !toks[j].info.english)
}

// injuryWords are the injuries of the "injury" patterns.
var injuryWords = map[string]bool{"bruise": true, "bruises": true, "bruising": true, "marks": true, "mark": true,
	"cuts": true, "cut": true, "scratches": true, "scratch": true, "burns": true, "burn": true, "welts": true,
	"welt": true, "grazes": true, "injuries": true, "injury": true, "fingermarks": true, "finger-marks": true,
	"handprint": true, "handprints": true, "swelling": true}

// medicines make "take them all" an overdose.
// medicinesBefore reports a medicine named in the sentence before token
// i's: "I have eight tablets in a sock in the locker. When they let me
// home I mean to take the lot".
func medicinesBefore(toks []wtok, i int) bool {
	sent := toks[i].sentence
	for k := i - 1; k >= 0 && toks[k].sentence >= sent-1; k-- {
		if toks[k].sentence < sent && medicines[toks[k].norm] {
			return true
		}
	}
	return false
}

var medicines = map[string]bool{"tablets": true, "pills": true, "paracetamol": true, "medication": true,
	"meds": true, "painkillers": true, "tablet": true, "pill": true, "insulin": true, "co-codamol": true,
	"codeine": true, "sleeping": true, "antidepressants": true, "morphine": true, "box": true, "packet": true}

// careStaff are the people whose shouting at a resident is abuse.
var careStaff = map[string]bool{"carer": true, "carers": true, "nurse": true, "nurses": true, "staff": true,
	"hca": true, "worker": true, "workers": true, "aide": true, "aides": true, "assistant": true}

// careObjects are what a carer changes or washes for a person.
var careObjects = map[string]bool{"pad": true, "pads": true, "sheets": true, "sheet": true, "bedding": true,
	"nappy": true, "clothes": true, "incontinence": true, "hair": true, "position": true,
	"nightie": true, "pyjamas": true}

// objectFollowers may follow a pronoun object ("never turned her at
// night"), unlike a noun the pronoun would own ("changed her medication").
var objectFollowers = map[string]bool{"for": true, "since": true, "in": true, "all": true, "at": true,
	"once": true, "properly": true, "again": true, "regularly": true, "enough": true, "until": true,
	"and": true, "or": true, "when": true, "because": true, "every": true, "to": true, "so": true,
	"up": true, "over": true, "out": true, "either": true, "during": true, "overnight": true, "the": true,
	"that": true, "or'": true, "despite": true, "even": true, "from": true, "after": true, "before": true}

// objectReading reports whether the pronoun at the end of a neglect match
// reads as the person neglected: "him", or "her"/"his" followed by a
// clause end, a care object ("her pad") or a word that cannot be owned.
func objectReading(toks []wtok, end int) bool {
	switch toks[end].norm {
	case "her", "his", "their":
	default:
		return true
	}
	if toks[end].punctAfter != 0 || end+1 >= len(toks) || toks[end+1].sentence != toks[end].sentence {
		return toks[end].norm == "her"
	}
	n := toks[end+1].norm
	if careObjects[n] {
		return true
	}
	return toks[end].norm == "her" && objectFollowers[n]
}

// refusal words make an untouched meal the person's choice.
var refusal = map[string]bool{"refused": true, "refuses": true, "refusing": true, "refuse": true,
	"appetite": true, "declined": true, "declines": true}

// ownBody reports "she slapped her face", "he kicked his leg": the subject
// just before the match owns the body part the match ends at or before.
func ownBody(toks []wtok, m patMatch) bool {
	if m.start == 0 || toks[m.start-1].sentence != toks[m.start].sentence {
		return false
	}
	subj := toks[m.start-1].norm
	for p := m.start + 1; p <= m.end; p++ {
		w := toks[p].norm
		if (subj == "she" && w == "her") || (subj == "he" && w == "his") || (subj == "they" && w == "their") {
			next := p + 1
			return next < len(toks) && toks[next].sentence == toks[p].sentence && (bodyParts[toks[next].norm] || faceWords[toks[next].norm])
		}
	}
	return false
}

// faceWords are body parts that bodyParts leaves out.
var faceWords = map[string]bool{"face": true, "cheek": true, "cheeks": true, "legs": true, "arms": true,
	"wrists": true, "hair": true, "ear": true, "ears": true, "neck": true, "leg": true, "eye": true, "eyes": true}

// animalSubject reports an animal, the one who does what the match at
// token i tells: right before it ("after a horse kicked me at the
// yard"), or opening the sentence (after its owner's words or a time:
// "The dog won't let her out of his sight", "Our cat bit him", "In May a
// big grey gelding called Captain took exception to a hind shoe and
// kicked me") within a dozen words before it, with no person between.
func animalSubject(toks []wtok, i int) bool {
	sent := toks[i].sentence
	for k := i - 1; k >= 0 && k >= i-12 && toks[k].sentence == sent; k-- {
		if personWords[toks[k].norm] && toks[k].norm != "who" || toks[k].norm == "i" || toks[k].norm == "we" {
			return false // "the dog barked and my husband kicked me" (a "who" may be the animal's: "Winston, who is the softest dog")
		}
		if !subjectAnimals[toks[k].norm] {
			continue
		}
		if k == i-1 {
			return true
		}
		// the animal opens its sentence, after its owner's words: "Our
		// old collie"; not "the carer hit the dog and then hit her"
		j := k - 1
		for j >= 0 && toks[j].sentence == sent && animalOpeners[toks[j].norm] {
			j--
		}
		if j >= 1 && toks[j-1].sentence == sent && toks[j-1].norm == "in" && months[toks[j].norm] > 0 {
			j -= 2 // "In May a big grey gelding"
		}
		if j < 0 || toks[j].sentence != sent {
			return true
		}
		// an animal inside the sentence may describe the one that opens
		// it: "Our Labrador, Winston, who is the softest dog in
		// Oxfordshire, bit me"
	}
	return false
}

var animalOpeners = map[string]bool{"the": true, "a": true, "our": true, "my": true, "his": true, "her": true,
	"their": true, "old": true, "wee": true, "little": true, "big": true, "young": true, "grey": true, "black": true,
	"white": true, "brown": true, "bay": true, "chestnut": true, "huge": true, "great": true}

// subjectAnimals leave out "cow" and "pig", which are insults too ("the
// stupid cow slapped me").
var subjectAnimals = map[string]bool{"dog": true, "dogs": true, "collie": true, "puppy": true, "pup": true,
	"cat": true, "cats": true, "kitten": true, "horse": true, "pony": true, "terrier": true, "spaniel": true,
	"labrador": true, "lurcher": true, "whippet": true, "greyhound": true, "goat": true, "cockerel": true,
	"parrot": true, "budgie": true, "hamster": true, "rabbit": true, "cows": true, "bull": true,
	"calf": true, "heifer": true, "bullock": true, "gelding": true, "mare": true, "stallion": true, "foal": true,
	"donkey": true, "sheep": true, "ram": true, "ewe": true, "boar": true, "sow": true, "goose": true,
	"swan": true, "alpaca": true, "llama": true, "ferret": true}

// askedAfter reports "when she asked", "because he asked" after the
// match in its sentence: what the person did when it was done to them
// ("he grabbed her by the wrist when she asked him to leave"), no consent.
func askedAfter(toks []wtok, m patMatch) bool {
	sent := toks[m.start].sentence
	for k := m.end + 3; k < len(toks) && toks[k].sentence == sent; k++ {
		if toks[k].norm == "asked" && (thirdPerson[toks[k-1].norm] || toks[k-1].norm == "i" || toks[k-1].norm == "we") && askedWhen[toks[k-2].norm] {
			return true
		}
	}
	return false
}

var askedWhen = map[string]bool{"when": true, "because": true, "after": true, "cos": true, "coz": true}

// consent words make keeping someone's card or money an arrangement.
var consent = map[string]bool{"request": true, "permission": true, "consent": true, "agreed": true,
	"safekeeping": true, "asked": true}

// personObject reports whether a match that ends at "her" reads "her" as the
// person ("sat on her", "slapped her hand") rather than as the owner of a
// thing ("sits on her phone").
func personObject(toks []wtok, end int) bool {
	if toks[end].norm != "her" || toks[end].punctAfter != 0 || end+1 >= len(toks) || toks[end+1].sentence != toks[end].sentence {
		return true
	}
	n := toks[end+1].norm
	return objectFollowers[n] || bodyParts[n] || faceWords[n] || careObjects[n] || n == "down" || n == "off" ||
		n == "into" || n == "across" || n == "against" || n == "by" || n == "around" || n == "round" || n == "with" ||
		n == "about" || n == "hard" || n == "again" || n == "because" || n == "if" || timeAdverbs[n]
}

// timeAdverbs may follow an object pronoun ("threatened to kill her last
// week").
var timeAdverbs = map[string]bool{"last": true, "yesterday": true, "today": true, "tonight": true,
	"tomorrow": true, "twice": true, "now": true, "then": true, "repeatedly": true, "badly": true,
	"really": true, "too": true, "as": true, "while": true, "whenever": true, "on": true, "this": true,
	"several": true, "many": true, "three": true, "two": true, "four": true, "more": true, "constantly": true,
	"daily": true, "nightly": true, "almost": true, "nearly": true, "without": true, "like": true, "but": true}

// anchoredBefore lists, for the patterns that start at their rarest word
// (so that matching does not start at every "I" or "in"), the words that
// must come within n tokens before the match: "I ... end it", "found ...
// bruises on his arm", "in the same soiled pad".
var anchoredBefore = map[string]struct {
	n     int
	words map[string]bool
}{
	"selfharmend": {5, map[string]bool{"i": true, "i'll": true, "i'm": true, "im": true, "i've": true, "i'd": true, "ill": true}},
	"selfharmchecks": {9, map[string]bool{"worked": true, "figured": true, "know": true, "timed": true,
		"planned": true, "watched": true, "between": true}},
	"selfharmdrive": {4, map[string]bool{"want": true, "wants": true, "wanted": true, "wanting": true, "think": true,
		"thinking": true, "thought": true, "urge": true, "urges": true, "tempted": true}},
	"injuryseen": {8, map[string]bool{"found": true, "noticed": true, "spotted": true, "discovered": true, "saw": true,
		"seen": true, "see": true, "find": true, "notice": true, "noticing": true, "finding": true}},
	"neglectsoiled": {4, map[string]bool{"in": true, "on": true}},
	"neglectfood": {1, map[string]bool{"his": true, "her": true, "their": true, "mum's": true, "dad's": true,
		"nan's": true, "gran's": true, "grandad's": true, "grandma's": true, "grandpa's": true, "son's": true,
		"daughter's": true, "mother's": true, "father's": true, "husband's": true, "wife's": true, "baby's": true}},
	"verbaltold": {7, map[string]bool{"told": true, "tells": true, "telling": true, "said": true, "says": true}},
}

// wordBefore reports whether one of words is among the n tokens before at,
// in the same sentence.
func wordBefore(toks []wtok, at, n int, words map[string]bool) bool {
	for k := at - 1; k >= 0 && k >= at-n && toks[k].sentence == toks[at].sentence; k-- {
		if words[toks[k].norm] {
			return true
		}
	}
	return false
}

// injuryOrChild words make a changing story about an injury to a child.
var injuryOrChild = map[string]bool{"fracture": true, "fractured": true, "fractures": true, "broken": true,
	"bruise": true, "bruises": true, "bruising": true, "burn": true, "burns": true, "injury": true,
	"injuries": true, "baby": true, "child": true, "toddler": true, "son": true, "daughter": true}

// weather and the like explain wet clothes.
var weather = map[string]bool{"rain": true, "raining": true, "storm": true, "snow": true, "swim": true,
	"swimming": true, "pool": true, "sweat": true, "sweating": true, "sweaty": true, "shower": true, "bath": true}

// helping words give rough-looking handling a caring purpose ("grabbed him
// by the arm to stop him falling").
var helping = map[string]bool{"falling": true, "fall": true, "steady": true, "steadied": true, "catch": true,
	"caught": true, "balance": true, "safety": true, "save": true, "saved": true}

// shutThing words after "shut up" make it "close": "shut up the window".
var shutThing = map[string]bool{"the": true, "a": true, "his": true, "her": true, "their": true, "shop": true,
	"window": true, "door": true, "laptop": true}

// notRisk words just after a match take the risk out of it: "wake up with a
// sore throat", "can't go on much longer without a diagnosis", "how many
// tablets it would take to control the pain", "cutting my legs' hair".
var notRisk = map[string]bool{"with": true, "feeling": true, "without": true, "waiting": true, "control": true,
	"help": true, "work": true, "treat": true, "settle": true, "hair": true, "nails": true, "toenails": true,
	"early": true, "halfway": true, "during": true, "away": true}

// wasteWords end a neglect match that a following "with" only goes on
// describing ("lying in his own vomit with a cut on his head").
var wasteWords = map[string]bool{"urine": true, "faeces": true, "excrement": true, "mess": true, "vomit": true,
	"sick": true, "poo": true, "wee": true}

// afterMatch reports whether the word after a match (or after a "to" just
// after it) is one of words, in the same sentence.
func afterMatch(toks []wtok, m patMatch, words map[string]bool) bool {
	k := m.end + 1
	if k < len(toks) && toks[k].norm == "to" {
		k++
	}
	if k < len(toks) && strings.HasPrefix(m.key, "neglect") && toks[k].norm == "away" {
		return true // "nobody turned him away"
	}
	return k < len(toks) && toks[k].sentence == toks[m.start].sentence && words[toks[k].norm] &&
		!(toks[k].norm == "away" && !strings.HasPrefix(m.key, "neglect")) &&
		!(toks[k].norm == "without" && k+1 < len(toks) && withoutPerson[toks[k+1].norm]) // "no point going on without her"
}

// withoutPerson after "without" make going on without someone a grief
// that can be a risk, not "going on without a diagnosis".
var withoutPerson = map[string]bool{"her": true, "him": true, "them": true, "you": true, "my": true, "mum": true, "dad": true}

// ownThing reports "she uses her bank card": the subject just before a
// money match owns the money.
func ownThing(toks []wtok, m patMatch) bool {
	if m.start == 0 || toks[m.start-1].sentence != toks[m.start].sentence {
		return false
	}
	money := false
	for p := m.start; p <= m.end; p++ {
		money = money || moneyWords[toks[p].norm]
	}
	if !money {
		return false // "then she slapped her" is two people
	}
	subj := toks[m.start-1].norm
	for p := m.start + 1; p <= m.end; p++ {
		w := toks[p].norm
		if (subj == "she" && w == "her") || (subj == "he" && w == "his") || (subj == "they" && w == "their") {
			return true
		}
	}
	return false
}

// moneyWords mark the money patterns.
var moneyWords = map[string]bool{"card": true, "cards": true, "pension": true, "money": true, "account": true,
	"accounts": true, "savings": true, "bank": true, "cash": true, "benefits": true, "allowance": true, "pin": true}

// thirdPerson pronouns name the person told off: "told my nan she was ...".
var thirdPerson = map[string]bool{"she": true, "he": true, "they": true, "she's": true, "he's": true, "they're": true}

// endsOther reports a self-harm match that ends at "ending" or "killing"
// whose object is something else: "ending my treatment", "killing the
// pain" (but "ending my life", "ending it").
func endsOther(toks []wtok, m patMatch) bool {
	switch toks[m.end].norm {
	case "ending", "killing", "end":
	default:
		return false
	}
	k := m.end + 1
	if k >= len(toks) || toks[k].sentence != toks[m.end].sentence {
		return false
	}
	switch toks[k].norm {
	case "my", "the", "a", "this", "our", "his", "her", "their", "that":
	default:
		return false
	}
	if k+1 >= len(toks) || toks[k+1].sentence != toks[k].sentence {
		return false
	}
	switch toks[k+1].norm {
	case "life", "lives", "own":
		return false
	}
	return true
}
