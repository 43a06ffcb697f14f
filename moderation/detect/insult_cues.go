package detect

import (
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// findModifiedInsults finds name-calling built as an insulting modifier
// right before a word for a person or an animal people are called:
// "brainless parrot", "talentless clown", "smirking toad", "brain-dead pen
// pushers". The epithet rule (epithet.go) covers the forms with "little"
// or "old" between the two. It also finds words that dehumanise people
// ("smackheads") and the "send them back" family of xenophobic remarks.
func (l *lexicon) findModifiedInsults(text string, toks []wtok, masks []uint8) []moderation.Span {
	var out []moderation.Span
	var ep *epithetLists
	for i := 0; i < len(toks); i++ {
		if masks[i]&ixInsult == 0 {
			continue
		}
		w := toks[i].norm
		cw := cueWordOf(&toks[i])
		dehuman := cw.flags&cfDehumanising != 0
		if n := len(w); n > 0 && w[n-1] == '\'' || strings.HasSuffix(w, "'s") {
			dehuman = dehumanising[stripPossessive(w)] // "smackhead's"
		}
		if dehuman && !aboutWriter(toks, i) && !treatedLike(toks, i) && !(i > 0 && filmWatched[toks[i-1].norm]) && !deniedWord(toks, i) {
			out = append(out, moderation.Span{Start: toks[i].start, End: profEnd(text, toks[i]),
				Kind: moderation.Abuse, Confidence: 0.7, Reason: "dehumanising word for a person"})
			continue
		}
		if end, ok := uselessIdiom(toks, i); ok && !aboutWriter(toks, i) {
			out = append(out, moderation.Span{Start: toks[i].start, End: profEnd(text, toks[end]),
				Kind: moderation.Abuse, Confidence: 0.65, Reason: "insult aimed at a person (scornful comparison)"})
			i = end
			continue
		}
		if i+3 < len(toks) {
			if start, ok := l.lotOfThem(toks, i); ok {
				out = append(out, moderation.Span{Start: toks[start].start, End: toks[i+3].end,
					Kind: moderation.Abuse, Confidence: 0.65, Reason: "insult aimed at a group of people"})
				i += 3
				continue
			}
		}
		if end, ok := sendBack(toks, i); ok {
			out = append(out, moderation.Span{Start: toks[i].start, End: toks[end].end,
				Kind: moderation.Abuse, Confidence: 0.75, Reason: "discriminatory remark (telling someone to go back where they came from)"})
			i = end
			continue
		}
		if i+1 >= len(toks) || toks[i].punctAfter != 0 || toks[i+1].sentence != toks[i].sentence {
			continue
		}
		if ep == nil {
			ep = epithets()
		}
		trait := cw.flags&cfTrait != 0
		if !trait && cw.flags&(cfGeneral|cfScorn) == 0 || cw.flags&cfDiminutive != 0 {
			continue
		}
		k := i + 1
		if cueWordOf(&toks[k]).flags&cfDiminutive != 0 && k+1 < len(toks) && toks[k].punctAfter == 0 {
			k++ // "miserable old trout"
		}
		noun, ok := insultTarget(l, ep, toks, k)
		if ok && !trait && !calledNames[toks[noun].norm] && !ep.beast[toks[noun].norm] && !exclaimed(toks, i, noun) {
			ok = false // "a nasty man" describes; "a nasty old trout" insults
		}
		if !ok || aboutWriter(toks, i) {
			continue
		}
		out = append(out, moderation.Span{Start: toks[i].start, End: profEnd(text, toks[noun]),
			Kind: moderation.Abuse, Confidence: 0.7, Reason: "insult aimed at a person (name-calling)"})
		i = noun
	}
	return out
}

// exclaimed reports whether the words from i to noun are a sentence of
// their own: "Stupid woman." is name-calling where "a stupid woman"
// may describe. "Silly bugger." and "Daft sod." are as often fond.
func exclaimed(toks []wtok, i, noun int) bool {
	return toks[i].first && !fondMods[toks[i].norm] && (noun+1 == len(toks) || toks[noun+1].sentence != toks[noun].sentence ||
		toks[noun+1].norm == "!" || toks[noun+1].norm == ".")
}

// fondMods are the modifiers of a fond exclamation.
var fondMods = map[string]bool{"silly": true, "daft": true, "soft": true, "cheeky": true, "poor": true, "lucky": true, "crazy": true}

// aboutWriter reports whether the writer is the one called names: "I felt
// like a brainless parrot", "I'm a useless ...", "made me feel a ...". "I
// called her a miserable old trout" is not.
func aboutWriter(toks []wtok, i int) bool {
	crossed := false // punctuation between token j and the insult
	for j := i - 1; j >= 0 && j >= i-4 && toks[j].sentence == toks[i].sentence; j-- {
		crossed = crossed || toks[j].punctAfter != 0
		switch toks[j].norm {
		case "i'm", "me", "myself", "we're", "us", "felt", "feel", "feeling", "am":
			return true
		case "im": // typed without the apostrophe: "thinks im just some junkie"; not "like im a child, patronising old witch"
			return !crossed
		case "was", "wasn't", "looked", "sounded":
			if j > 0 && toks[j-1].norm == "i" {
				return true // "I wasn't a waste of space"
			}
		}
	}
	return false
}

// deniedWord reports a word that the sentence says someone is not,
// right before it or with "some", "just" or "all" between: "the folk we see
// aren't scroungers", "they are not scum".
func deniedWord(toks []wtok, i int) bool {
	j := i - 1
	if j > 0 && (toks[j].norm == "some" || toks[j].norm == "just" || toks[j].norm == "all") {
		j--
	}
	if j < 0 || toks[j].sentence != toks[i].sentence {
		return false
	}
	switch toks[j].norm {
	case "aren't", "isn't", "weren't", "wasn't", "not":
		return true
	}
	return false
}

// filmWatched before a dehumanising word make it a film's title: "I'd
// watched 'Psycho' and 'The Shining' back to back".
var filmWatched = map[string]bool{"watched": true, "watch": true, "watching": true, "film": true, "movie": true}

// treatedLike reports a dehumanising word that tells how someone was
// treated or looked at: "I've been treated like scum", "looked at my
// sister like she was a junkie". The scorn is the staff's, told by the
// writer, not the writer's insult.
func treatedLike(toks []wtok, i int) bool {
	like := false
	for j := i - 1; j >= 0 && j >= i-9 && toks[j].sentence == toks[i].sentence; j-- {
		switch w := toks[j].norm; {
		case w == "like":
			like = true
		case like && treatedWords[w]:
			return true
		}
	}
	return false
}

var treatedWords = map[string]bool{"treated": true, "treat": true, "treats": true, "treating": true,
	"looked": true, "look": true, "looks": true, "looking": true, "spoke": true, "spoken": true, "talked": true}

// uselessIdiom finds the scornful comparisons "as much use as a chocolate
// teapot" (to the noun, at most three words after "a") and "a waste of
// space / oxygen / skin" or "a waste of a perfectly good stethoscope"
// starting at token i, and returns the last token.
func uselessIdiom(toks []wtok, i int) (int, bool) {
	at := func(k int, w string) bool {
		return k < len(toks) && toks[k].norm == w && toks[k].sentence == toks[i].sentence
	}
	switch {
	case toks[i].norm == "as" && at(i+1, "much") && at(i+2, "use") && at(i+3, "as") && (at(i+4, "a") || at(i+4, "an")):
		return min(i+6, len(toks)-1, sentenceEnd(toks, i)), true
	case toks[i].norm == "escaped" && at(i+1, "from"):
		// "escaped from the special school / zoo"
		for k := i + 2; k <= i+4 && k < len(toks); k++ {
			if escapedFrom[toks[k].norm] {
				return k, true
			}
		}
	case toks[i].norm == "couldn't" || toks[i].norm == "can't" || toks[i].norm == "cannot" ||
		toks[i].norm == "could" && at(i+1, "not"):
		// "couldn't find his own arse with both hands", "couldn't diagnose a
		// cold if it sneezed on him", "couldn't run a bath"
		for k := i + 2; k+1 < len(toks) && k <= i+12 && toks[k].sentence == toks[i].sentence; k++ {
			switch {
			case toks[k].norm == "both" && toks[k+1].norm == "hands",
				toks[k].norm == "a" && toks[k+1].norm == "brewery",
				toks[k].norm == "own" && (toks[k+1].norm == "arse" || toks[k+1].norm == "backside"):
				return k + 1, true
			case toks[k].norm == "if" && toks[k+1].norm == "it":
				for j := k + 3; j < len(toks) && j <= k+5 && toks[j].sentence == toks[k].sentence; j++ {
					switch toks[j].norm {
					case "him", "her", "them", "you":
						return j, true
					}
				}
			}
		}
	case cueWordOf(&toks[i]).flags&cfLingo != 0:
		// "jabbering away in their own lingo"
		for k := i + 1; k < len(toks) && k <= i+5; k++ {
			if toks[k].norm == "lingo" || toks[k].norm == "language" && toks[k-1].norm == "own" {
				return k, true
			}
		}
	case toks[i].norm == "face" && at(i+1, "like") && (at(i+2, "a") || at(i+2, "an")) && !ownFace(toks, i):
		// "a face like a slapped arse"
		end := min(i+5, sentenceEnd(toks, i))
		for k := i + 4; k <= end; k++ {
			if toks[k].norm == "and" || toks[k].norm == "but" || toks[k].norm == "," {
				end = k - 1 // "a face like a hamster and a killer toothache"
				break
			}
		}
		return end, true
	case toks[i].norm == "bought" && (at(i+1, "their") || at(i+1, "his") || at(i+1, "her")) &&
		(at(i+2, "degree") || at(i+2, "degrees") || at(i+2, "qualifications")):
		// "bought their degrees off the internet"
		end := i + 2
		for k := i + 3; k < len(toks) && k <= i+6 && toks[k].sentence == toks[i].sentence; k++ {
			if toks[k].norm == "internet" || toks[k].norm == "cereal" || toks[k].norm == "packet" || toks[k].norm == "ebay" {
				end = k
			}
		}
		return end, true
	case (toks[i].norm == "waste" || toks[i].norm == "wastes") && at(i+1, "of"):
		switch {
		case at(i+2, "space"), at(i+2, "oxygen"), at(i+2, "skin"), at(i+2, "air"):
			return i + 2, true
		case at(i+2, "a") && at(i+3, "uniform"):
			return i + 3, true
		case (at(i+2, "a") || at(i+2, "an")) && at(i+3, "perfectly") && at(i+4, "good"):
			return min(i+5, len(toks)-1), true
		}
	}
	return 0, false
}

// ownFace reports the writer's own face at token i: "my face like a
// balloon", "I woke up with a face like a hamster": no insult.
func ownFace(toks []wtok, i int) bool {
	if i >= 1 && toks[i-1].norm == "my" {
		return true
	}
	if i < 2 || toks[i-1].norm != "a" || toks[i-2].norm != "with" && toks[i-2].norm != "had" && toks[i-2].norm != "got" {
		return false // "When I asked again, face like a slapped arse just pointed"
	}
	for k := i - 3; k >= 0 && k >= i-9 && toks[k].sentence == toks[i].sentence; k-- {
		switch toks[k].norm {
		case "i", "i'd", "i've", "i'm", "me":
			return true
		case "he", "she", "they", "her", "his", "their", "him":
			return false // another's face: "she sat there with a face like ..."
		}
	}
	return false
}

var escapedFrom = map[string]bool{"zoo": true, "asylum": true, "school": true, "nuthouse": true,
	"madhouse": true, "circus": true, "bin": true}

var lingoVerbs = map[string]bool{"jabbering": true, "jabber": true, "gabbling": true, "babbling": true,
	"yammering": true, "chattering": true}

// sentenceStart returns the first token of token i's sentence.
func sentenceStart(toks []wtok, i int) int {
	s := i
	for s > 0 && toks[s-1].sentence == toks[i].sentence {
		s--
	}
	return s
}

// sentenceEnd returns the last token of token i's sentence.
func sentenceEnd(toks []wtok, i int) int {
	if i+1 >= len(toks) {
		return i
	}
	// the weighed rules walk every sentence this way: the sentence is
	// read once and the walk needs no bounds checks
	s, rest, k := toks[i].sentence, toks[i+1:], 0
	for k < len(rest) && rest[k].sentence == s {
		k++
	}
	return i + k
}

// insultTarget reports whether a word for a person or an animal people are
// called starts at token k, and where it ends.
func insultTarget(l *lexicon, ep *epithetLists, toks []wtok, k int) (int, bool) {
	n := stripPossessive(toks[k].norm)
	if k+1 < len(toks) && toks[k].punctAfter == 0 && calledNames[n+" "+toks[k+1].norm] {
		return k + 1, true // "pen pushers"
	}
	if ep.expression[n] {
		return 0, false // "a smug grin"
	}
	return k, ep.person[n] && n != "person" || ep.beast[n] || l.insultNoun[n] || l.insultWeak[n] ||
		calledNames[n] || dehumanising[n]
}

// scornAdjectives, like the epithet list's general adjectives, insult only
// with an animal or a thing people are called: "drunken animals".
var scornAdjectives = map[string]bool{"foreign": true, "drunken": true, "feral": true, "stinking": true, "smelly": true,
	"thieving": true, "lying": true, "scrounging": true, "grubby": true}

// insultingAdjectives describe only people, and only to insult them.
var insultingAdjectives = map[string]bool{"cack-handed": true, "ham-fisted": true, "talentless": true, "smirking": true, "brain-dead": true,
	"braindead": true, "dead-eyed": true, "self-satisfied": true, "jumped-up": true, "stuck-up": true,
	"two-bit": true, "good-for-nothing": true, "worthless": true, "pea-brained": true, "thick-headed": true,
	"small-minded": true, "power-hungry": true, "dim-witted": true, "half-witted": true}

// calledNames are things and animals people are called.
var calledNames = map[string]bool{"parrot": true, "parrots": true, "gossip": true, "gossips": true,
	"pen pushers": true, "pen-pushers": true, "penpushers": true, "paper pushers": true, "paper-pushers": true,
	"box tickers": true, "box-tickers": true, "jobsworths": true, "puppet": true, "puppets": true,
	"waste": true, "parasites": true, "vermin": true, "robot": true, "robots": true, "zombie": true,
	"zombies": true, "sheep": true, "clowns": true, "clown": true, "goons": true, "goon": true,
	"trout": true, "baboon": true, "baboons": true, "walrus": true, "hyena": true, "hyenas": true, "sow": true,
	"heifer": true, "mule": true, "goat": true, "old goat": true, "animals": true, "apes": true, "gorilla": true,
	"chancers": true, "chancer": true, "butcher": true, "butchers": true, "cowboy": true, "cowboys": true, "hippo": true, "whale": true, "sloth": true, "jellyfish": true, "lemming": true, "lemmings": true}

// dehumanising words name people by an addiction, an illness or poverty to
// scorn them.
var dehumanising = map[string]bool{"smackhead": true, "smackheads": true, "crackhead": true,
	"crackheads": true, "junkie": true, "junkies": true, "druggie": true, "druggies": true, "dosser": true,
	"dossers": true, "alkie": true, "alkies": true, "winos": true, "psycho": true, "psychos": true,
	"loony": true, "loonies": true, "nutjob": true, "nutjobs": true, "headcase": true, "headcases": true,
	"scroungers": true, "spongers": true, "illegals": true, "benefit scroungers": true, "scum": true, "scumbags": true,
	"pansy": true, "pansies": true, "poofter": true, "nancy-boy": true,
	"limp-wristed": true, "bampot": true, "bampots": true, "brainless": true, "good-for-nothing": true, "good-for-nothings": true, "wtaf": true, "stfu": true, "gtfo": true}

var sendHomeBefore = map[string]bool{"want": true, "wants": true, "need": true, "needs": true, "be": true,
	"get": true, "getting": true}

var sendHomeVerbs = map[string]bool{"sending": true, "shipping": true, "shipped": true, "packed": true,
	"deported": true, "deporting": true, "packing": true}

// lotOfThem finds a group insult that ends "the lot of them": "Foreigners
// the lot of them", "useless, the lot of them". It returns the first token.
func (l *lexicon) lotOfThem(toks []wtok, i int) (int, bool) {
	if toks[i].norm != "the" || i+3 >= len(toks) || toks[i+1].norm != "lot" || toks[i+2].norm != "of" || toks[i+3].norm != "them" {
		return 0, false
	}
	for k := i - 1; k >= 0 && k >= i-2 && toks[k].sentence == toks[i].sentence; k-- {
		w := stripPossessive(toks[k].norm)
		if groupScorn[w] || dehumanising[w] || calledNames[w] || l.insultNoun[w] || l.insultWeak[w] ||
			epithets().trait[w] || epithets().general[w] {
			return k, true
		}
	}
	return 0, false
}

// groupScorn are words for people that "the lot of them" turns into scorn.
var groupScorn = map[string]bool{"foreigners": true, "immigrants": true, "migrants": true, "foreign": true,
	"incompetent": true, "useless": true, "idiots": true, "clueless": true, "liars": true, "crooks": true,
	"thieves": true, "cowboys": true, "amateurs": true}

// sendBack finds "send him back where he came from", "should be shipped
// back to wherever they came from" and "fresh off the boat" starting at
// token i, and returns the last token.
func sendBack(toks []wtok, i int) (int, bool) {
	w := toks[i].norm
	if w == "fresh" && i+3 < len(toks) && toks[i+1].norm == "off" && toks[i+2].norm == "the" && toks[i+3].norm == "boat" {
		return i + 3, true
	}
	switch w {
	case "got", "get", "just":
		// "only just got off the boat"
		for k := i + 1; k+2 < len(toks) && k <= i+2; k++ {
			if toks[k].norm == "off" && toks[k+1].norm == "the" && toks[k+2].norm == "boat" {
				return k + 2, true
			}
		}
		return 0, false
	case "send", "sent", "sending", "ship", "shipped", "shipping", "deport", "deported", "deporting", "go", "goes", "going", "went", "packed", "pack":
		// "want sending home", "should be packed off home" (not "sent home": discharge)
		if i > 0 && sendHomeBefore[toks[i-1].norm] && sendHomeVerbs[w] {
			for k := i + 1; k < len(toks) && k <= i+2; k++ {
				if toks[k].norm == "home" {
					return k, true
				}
				if toks[k].norm != "off" {
					break
				}
			}
		}
	default:
		return 0, false
	}
	if i+1 >= len(toks) || toks[i+1].norm != "back" && !(i+2 < len(toks) && toks[i+2].norm == "back") {
		return 0, false
	}
	// "sent back on the first plane to wherever she qualified"
	for k := i + 2; k < len(toks) && k <= i+10 && toks[k].sentence == toks[i].sentence; k++ {
		if k+1 < len(toks) && (toks[k].norm == "wherever" || toks[k].norm == "whatever") && (toks[k+1].norm == "she" || toks[k+1].norm == "he" || toks[k+1].norm == "they") && k+2 < len(toks) {
			return k + 2, true
		}
		if toks[k].norm == "english" && k > i+3 {
			return k, true // "go back to Manila and learn English"
		}
	}
	// "go back home and take the rest of them with you"
	for k := i + 2; k+2 < len(toks) && k <= i+6 && toks[k].sentence == toks[i].sentence; k++ {
		if toks[k].norm != "take" {
			continue
		}
		group := false
		for j := k + 1; j+1 < len(toks) && j <= k+6 && toks[j].sentence == toks[i].sentence; j++ {
			switch toks[j].norm {
			case "rest", "lot", "kind", "family", "families", "mates", "them", "all":
				group = true
			case "with":
				if group && (toks[j+1].norm == "you" || toks[j+1].norm == "them" || toks[j+1].norm == "ya") {
					return j + 1, true
				}
			}
		}
	}
	// "where" / "wherever" / "whatever country" ... "came from" within eight words
	for k := i + 2; k+1 < len(toks) && k <= i+10 && toks[k].sentence == toks[i].sentence; k++ {
		if (toks[k].norm == "came" || toks[k].norm == "come" || toks[k].norm == "comes") && toks[k+1].norm == "from" &&
			toks[k-1].norm != "i" && toks[k-1].norm != "we" {
			for j := i + 2; j < k; j++ {
				switch toks[j].norm {
				case "where", "wherever", "whatever", "whichever", "whence":
					return k + 1, true
				}
			}
		}
	}
	return 0, false
}
