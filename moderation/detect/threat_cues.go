package detect

import (
	"slices"
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// The threat patterns (lexicon/threat.txt) start at the writer: "I'll smash
// his face in". Threats are also made for others ("my brothers will break
// his legs", "someone needs to rearrange her face") and veiled ("she won't
// be driving home in one piece", "I know which car she drives"). This rule
// weighs signs per sentence instead: a threat is an intent about the future
// with either violence aimed at a person or a veiled threat.

// threatCue is a family of threat signs.
type threatCue uint8

const (
	tcIntent  threatCue = iota // will, going to, needs to, wait till
	tcViolent                  // break, smash, rearrange
	tcBody                     // face, teeth, legs
	tcTarget                   // him, her, that surgeon's
	tcVeiled                   // in one piece, pay for it, which car she drives
	tcStrong                   // a veiled threat on its own: accidents happen to people like him
	tcWarn                     // a warning: she wants to be careful, he should think about that
	tcKinds
)

var threatCueWords = map[string]threatCue{}

// threatCueStarts holds the first words of the signs of several words.
var threatCueStarts = map[string]int{}

func init() {
	add := func(k threatCue, words ...string) {
		for _, w := range words {
			threatCueWords[w] = k
			if f := strings.Fields(w); len(f) > 1 {
				threatCueStarts[f[0]] = max(threatCueStarts[f[0]], len(f))
			}
		}
	}
	add(tcIntent, "will", "'ll", "i'll", "we'll", "they'll", "he'll", "she'll", "going to", "gonna",
		"needs to", "need to", "ought to", "should", "wait till", "wait until", "just wait", "one day",
		"next time", "be waiting", "happy to volunteer", "better", "i'm putting", "we're putting", "when we find", "won't be", "will be", "is going to", "are going to", "ill be", "ill make", "ill get",
		"would come back", "would come round", "would come in")
	add(tcViolent, "break", "smash", "rearrange", "batter", "punch", "stab", "kick in", "kick his", "kick her",
		"knock out", "deck", "glass", "torch", "burn down", "do him in", "do her in", "sort him out",
		"sort her out", "sort them out", "put him in", "put her in", "hurt", "kill", "strangle", "snap",
		"shoot", "run over", "run him over", "run her over", "beat", "bash", "thump", "slash", "cut up", "wring",
		"slap", "smack", "set about", "a hiding", "a kicking", "with a bottle", "own two hands", "patch up")
	add(tcBody, "finger", "face", "teeth", "legs", "leg", "knees", "kneecaps", "arms", "jaw", "nose", "neck", "skull",
		"head", "fingers", "hands", "ribs", "throat", "tyres", "windows", "windscreen", "hair")
	add(tcTarget, "him", "her", "them", "that surgeon", "that nurse", "that doctor", "that receptionist", "that registrar",
		"that pharmacist", "that consultant", "that woman", "that man", "someone", "somebody", "whoever",
		"surgeon's", "nurse's", "doctor's", "receptionist's", "pharmacist's", "consultant's", "gp's",
		"manager's", "she", "he", "they")
	add(tcVeiled, "in one piece", "pay for it", "pay for this", "pay for that", "regret ever", "regret it",
		"regret crossing", "crossing me", "watch his back", "watch her back", "watch their back",
		"watch your back", "what's coming", "what is coming", "know where she lives", "know where he lives",
		"know where they live", "know where you live", "which car she drives", "which car he drives",
		"what car she drives", "what car he drives", "where she leaves it", "where he leaves it",
		"where she parks", "where he parks", "by her car", "by his car", "an accident", "have an accident",
		"last thing", "won't know what hit", "be sorry", "be the last", "find out where", "be waiting in",
		"be waiting for", "be waiting outside", "be waiting beside", "be waiting by", "what she drives", "what he drives", "won't enjoy it", "won't like it", "through that window",
		"through their window", "through his window", "through her window", "which shifts", "what shifts",
		"when she finishes", "when he finishes", "be careful in",
		"car park at night", "on her way home", "on his way home", "people like him", "people like her",
		"won't be laughing", "wont be laughing", "won't be smiling", "wont be smiling",
		"not be walking out", "be walking back down", "be walking out of it",
		// "will be" is an intent of its own and would take the "be"
		"will be waiting in", "will be waiting for", "will be waiting outside", "will be waiting by", "will be sorry",
		"regret the day", "she won't forget", "he won't forget", "she wont forget", "he wont forget", "they won't forget",
		"wait for him", "wait for her")
	// veiled threats that stand on their own
	// a warning is an intent and a veiled sign; the sentence before it may
	// hold what the writer knows: "I know which car is hers. She should
	// think about that before she hangs up on me again."
	add(tcWarn, "wants to be careful", "want to be careful", "wants to be very careful",
		"want to be very careful", "wants to be really careful", "should think about that",
		"find out what it feels like", "wants to think about that", "want to think about that",
		"wants to keep", "want to keep", "remember that i know", "remember i know",
		"looking over her shoulder", "looking over his shoulder", "finds out what it's like",
		"find out what it's like", "finds out what it feels like", "i'm not joking", "im not joking",
		"wants to watch himself", "wants to watch herself", "want to watch themselves", "wants to think on",
		"find out what happens", "finds out what happens", "wait for her in", "wait for him in",
		"want to think on", "wants to think hard about", "want to think hard about", "wants to think very hard",
		"want to think very hard", "we are very patient people", "we're very patient people", "we have long memories",
		"we've got long memories", "has a long memory", "have a long memory")
	add(tcStrong, "going to get hurt", "it'll be me that", "don't make me come down there", "dont make me come down there",
		"getting my fist in", "getting my fist through", "have accidents in the car park", "have an accident in the car park", "has an accident in the car park",
		"tend to have accidents round here", "tend to have accidents around here",
		"better hope he doesn't bump into me", "better hope she doesn't bump into me", "better hope they don't bump into me",
		"better hope i don't bump into", "better hope he doesn't run into me", "better hope she doesn't run into me", "get my fist in", "getting my boot in", "get my boot in",
		"don't make me come round there", "do not make me come down there", "don't make me come over there",
		"know where she parks", "know where he parks", "what time she leaves", "what time he leaves",
		"with him inside", "with her inside", "with them inside", "to the ground with",
		// the one who will be lucky is the one threatened: not "I'll be lucky if he wears the splint"
		"he'll be lucky if", "she'll be lucky if", "they'll be lucky if", "you'll be lucky if",
		"he will be lucky if", "she will be lucky if", "they will be lucky if", "you will be lucky if",
		"lucky if he walks", "lucky if she walks", "knock yours out", "knock your teeth", "knock his teeth", "knock her teeth", "put her through",
		"put him through", "throw her through", "throw him through", "brick through", "accidents happen to", "get what's coming", "get whats coming", "gets what's coming",
		"what's coming to him", "what's coming to her", "whats coming to him", "whats coming to her",
		"watch your back", "watch his back", "watch her back", "you've been warned", "consider yourself warned",
		"won't be responsible for what i", "not be responsible for what i", "someone through the window",
		"somebody through the window", "them through the window", "throw them down the stairs",
		"throw him down the stairs", "throw her down the stairs", "push him down the stairs",
		"push her down the stairs", "push them down the stairs", "set the dog on", "set the dogs on",
		"throw her out through", "throw him out through", "throw them out through",
		"won't walk away from it", "not walk away from it", "won't be walking anywhere", "what pain feels like",
		"won't be driving anywhere", "wont be driving anywhere", "wont be walking anywhere",
		"won't be sitting anywhere", "wont be sitting anywhere", "won't be sitting down", "wont be sitting down",
		"hurt and it won't be me", "hurt and it wont be me", "and it won't be mine", "and it wont be mine",
		"shame if anything happened", "shame if something happened", "shame if anything was to happen",
		"shame if anything were to happen", "leaving in a box", "leave in a box", "go out in a box",
		"take a hammer to",
		"end up in the car park with", "make sure he can't use his hands",
		"make sure he cant use his hands", "make sure she can't use her hands", "remember yours when",
		"won't be walking back down", "wont be walking back down", "how dramatic i get",
		"break every bone in", "know what car she drives", "know what car he drives", "know which car she drives",
		"know which car he drives", "what time her shift finishes", "what time his shift finishes",
		"careful who they upset", "careful who you upset", "careful who he upsets", "careful who she upsets",
		"better hope he never", "better hope she never", "better hope they never", "better hope you never",
		"which school her kids", "which school his kids", "which school her children", "which school his children",
		"when his kids are in", "when her kids are in", "home address off", "found her house on",
		"found his house on", "which van he drives", "which van she drives", "which car is hers",
		"which car is his", "which depot he", "which depot she", "i know you finish", "i know when you finish",
		"know your kids", "know your girls", "know your boys", "know your children", "know your two",
		"know which estate", "know what estate", "keep a close eye on them if i were you",
		"lock my car and watch my back", "burn that place", "burn this place", "burn the place",
		"had accidents for less", "have accidents for less", "need more than a doctor",
		"won't be walking away", "wont be walking away",
		"be waiting by his car", "be waiting by her car", "waiting by his car", "waiting by her car",
		"by his tie", "by the scruff of", "by his collar", "by the collar", "better watch themselves",
		"better watch himself", "better watch herself", "know which car is hers", "know which car is his",
		"anyone who gets in my way", "gets in my way will", "put that man through", "put that woman through",
		"put that doctor through", "put that nurse through", "put that receptionist through",
		"accidents happen on dark", "accidents happen in dark", "accidents happen in car parks",
		"accidents happen on car parks", "a bed on his own ward", "a bed on her own ward",
		"picking her teeth up", "picking his teeth up", "pick her teeth up", "pick his teeth up",
		"better pray he never", "better pray she never", "better pray they never", "better pray you never",
		"wouldn't be the one ringing", "wouldn't be the one calling", "wouldnt be the one ringing",
		"wouldnt be the one calling", "sharper than my tongue", "picking their teeth up", "pick their teeth up",
		"be the one needing a hospital", "be the one needing an ambulance", "a kicking off me",
		"a proper kicking off me", "a good kicking off me", "a good hiding off me", "a slap off me",
		"him spark out", "her spark out", "them spark out", "put the heid on", "put the head on", "stick the heid on",
		"don't do talking", "dont do talking", "be round to sort", "putting every window", "put every window",
		"put his windows", "put her windows", "put their windows", "won't be bringing grapes", "won't be bringing flowers",
		"wont be bringing grapes", "which house is his", "which house is hers", "tyres slashed", "tyres got slashed",
		"wreck that shop", "wreck the shop", "wreck that place", "wreck the place", "wreck this place", "trash the place",
		"trash that place", "smash the place up", "smash that place up", "wreck that surgery", "wreck the surgery",
		"won't be calling them off", "wont be calling them off", "won't call them off", "nobody about to see",
		"nobody around to see", "no one about to see", "no one around to see", "do the time for", "do time for it",
		"a chair through", "promise not a threat", "that's a promise", "screwdriver down", "shame if someone turned up",
		"shame if somebody turned up", "pay with his own blood", "pay with her own blood", "pay with his blood",
		"pay with her blood", "with or without them inside", "with or without him inside", "go up like bonfire",
		"over that counter for", "coming over that counter", "come over that counter", "coming over the counter",
		"through a straw", "gie him a doin", "gie her a doin", "give him a doing", "give her a doing",
		"a bed in his own", "a bed in her own", "be the one snapping", "his arm snapped", "her arm snapped",
		"need an ambulance themselves", "glasgow kiss", "the one leaving on a stretcher",
		"the one leaving in an ambulance", "better pray i never", "better hope i never",
		"carrying your teeth home", "carry your teeth home", "carrying his teeth home", "carrying her teeth home",
		"carrying their teeth home", "in an ambulance herself", "in an ambulance himself", "in an ambulance themselves")
	// "by the time I've finished with her", of a person (not "with the
	// paperwork")
	for _, done := range []string{"i'm finished", "i've finished", "ive finished", "i have finished", "i'm done", "i've done"} {
		for _, who := range []string{"him", "her", "them", "you"} {
			add(tcStrong, "by the time "+done+" with "+who)
		}
	}
	// veiled: where and when someone will be found
	add(tcVeiled, "that car park", "be sitting in", "find out where you live", "find out where he lives",
		"find out where she lives", "find out where they live", "paying you a visit at home", "pay you a visit at home",
		"you won't enjoy it", "be sitting outside", "be standing outside",
		"when you lock up", "when they lock up", "walking to your car", "walking to his car",
		"walking to her car", "sort it out properly", "sort this out properly", "bringing my brother",
		"bringing my brothers", "bring my brothers", "tell me to my face", "find him", "find her",
		"won't be walking out", "wont be walking out", "sort him out properly", "sort her out properly",
		"be seeing me at", "be knocking on his door", "be knocking on her door", "explain herself to me",
		"explain himself to me", "know which", "i know where",
		"when his shift ends", "when her shift ends", "when your shift ends", "when you come out",
		"when he comes out", "when she comes out", "staff car park", "if i were you", "if i were them",
		"forgets a face", "forget a face", "it won't be me", "it wont be me", "it'll be me doing it",
		"it will be me doing it", "pay her a visit", "pay him a visit", "pay them a visit", "see if he shrugs", "see if she shrugs", "see if he laughs",
		"see if she laughs", "one of these nights", "pay for what she did", "pay for what he did",
		"one way or another", "never feels safe", "never feel safe", "make sure he", "make sure she",
		"midwife is getting it", "nurse is getting it", "doctor is getting it", "receptionist is getting it",
		"paying him a wee visit", "paying her a wee visit", "pay him a wee visit", "pay her a wee visit",
		"find this midwife", "find this nurse", "find this doctor", "find that midwife", "find that nurse",
		"find that doctor", "find that receptionist", "finish her shift", "finish his shift", "finishes her shift",
		"finishes his shift", "manager is getting it", "he is getting it", "she is getting it", "he's getting it", "she's getting it",
		"lays a finger on", "lay a finger on", "that building in an ambulance", "this building in an ambulance", "worked out which",
		"waiting for her", "waiting for him", "when i've finished with him", "when i've finished with her",
		"when i'm finished with him", "when i'm finished with her", "paying her a visit", "paying him a visit",
		"paying her a little visit", "paying him a little visit", "pay her a little visit", "pay him a little visit",
		"on his own two feet", "on her own two feet")
}

// findCueThreats flags sentences where intent meets violence at a person or
// a veiled threat; see the comment at the top of the file. A warning in the
// sentence after a flagged one (by these signs or in flagged, the threat
// patterns' spans) is flagged too; after one with a veiled sign, the two
// are flagged together.
func findCueThreats(toks []wtok, masks []uint8, flagged []moderation.Span) []moderation.Span {
	var out []moderation.Span
	lastFlagged, lastVeiled, veiledAt := -2, -2, 0 // sentence numbers, and the veiled sign's clause
	for i := 0; i < len(toks); {
		j := sentenceEnd(toks, i) + 1
		for len(flagged) > 0 && flagged[0].End <= toks[j-1].end {
			if flagged[0].End > toks[i].start {
				lastFlagged = toks[i].sentence
			}
			flagged = flagged[1:]
		}
		if !sentenceHasBit(masks[i:j], ixMenace) {
			i = j
			continue
		}
		sent := toks[i].sentence
		w := threatSentence(toks[i:j], masks[i:j])
		from, conf, reason := -1, 0.6, ""
		switch {
		case w.ok:
			from, conf, reason = i+w.start, 0.65, "threat of violence (intent with violence at a person, or a veiled threat)"
		case w.warned && lastFlagged == sent-1 && !notJoking(toks[i:j]):
			// "I'm not joking." after a threat says the threat is meant; the
			// labelled stories leave it out of the threat's span
			from, reason = i, "threat of violence (a warning after a threat)"
		case w.warned && lastVeiled == sent-1:
			from, reason = veiledAt, "threat of violence (a warning after what the writer knows about someone)"
		}
		if from >= 0 {
			out = append(out, moderation.Span{Start: toks[from].start, End: toks[j-1].end,
				Kind: moderation.Threat, Confidence: conf, Reason: reason})
			lastFlagged = sent
		}
		if w.veiled >= 0 {
			lastVeiled, veiledAt = sent, i+w.veiled
		}
		i = j
	}
	return out
}

// threatWeight is threatSentence's answer for one sentence.
type threatWeight struct {
	ok     bool
	start  int  // where the threat starts, when ok
	warned bool // the sentence holds a warning
	veiled int  // the start of the clause of its first veiled sign, or -1
}

// threatSentence weighs one sentence.
func threatSentence(toks []wtok, masks []uint8) threatWeight {
	var n [tcKinds]int
	first, veiled := -1, -1
	selfBody, lethal := false, false // lethal: "stab", "shoot", "strangle" need no body part
	for k := 0; k < len(toks); k++ {
		if masks[k]&(ixThreat|ixFlag) == 0 {
			continue
		}
		if cueWordOf(&toks[k]).flags&cfThreatVoid != 0 && !mockery(toks, k) {
			return threatWeight{veiled: -1} // "the surgeon will break the bone", "you'll break your neck if you fall"
		}
		w, size, found := threatCueAt(toks, k)
		if !found {
			continue
		}
		if w == tcBody && k > 0 && ownBodyPart(toks[:k], toks[k-1].norm) {
			selfBody = true // "I'll break my leg", "he'll break his neck on those stairs"
			k += size - 1
			continue
		}
		if w == tcViolent && (k > 0 && cueWordOf(&toks[k-1]).flags&cfNegator != 0 || harmlessAfter(toks, k+size)) {
			k += size - 1
			continue
		}
		if w == tcStrong && toks[k].norm == "through" && !harmToCome(toks[:k]) {
			k += size - 1
			continue // "she sipped it through a straw", "exercises to do through a straw"
		}
		n[w]++
		if w == tcViolent && size == 1 {
			switch toks[k].norm {
			case "stab", "shoot", "strangle":
				lethal = lethal || lethalAt(toks, k)
			}
		}
		if size > 1 && (toks[k].norm == "won't" || toks[k].norm == "wont") {
			n[tcIntent]++ // "he won't be walking out of it"; not "I will be waiting for Mum"
		}
		if w == tcVeiled && toks[k].norm == "in" && negatedWithin(toks, k, 8) {
			n[w]++ // "she won't be driving home in one piece"
		}
		if (w == tcVeiled || w == tcStrong) && veiled < 0 {
			veiled = clauseStart(toks, k)
		}
		if w != tcTarget && w != tcBody {
			if first < 0 {
				first = k
			}
		}
		k += size - 1
	}
	res := threatWeight{warned: n[tcWarn] > 0, veiled: veiled}
	if n[tcStrong] > 0 && n[tcIntent] == 0 && n[tcWarn] == 0 && first >= 0 && witnessed(toks[:first]) {
		return res // "I watched one of the night workers drag him by the collar": a report, no intent
	}
	n[tcIntent] += n[tcWarn]
	n[tcVeiled] += n[tcWarn]
	if n[tcStrong] > 0 && first >= 0 {
		n[tcIntent]++
		n[tcVeiled] += 2
	}
	if n[tcIntent] == 0 || first < 0 {
		return res
	}
	for _, t := range toks[:first] {
		if fearWords[t.norm] {
			return res // "I'm frightened that one of these nights I'll hurt him": a carer's risk
		}
	}
	violent := n[tcViolent] > 0 && (n[tcBody] > 0 && !selfBody || n[tcTarget] > 0 && n[tcBody] > 0) || lethal
	veiledThreat := n[tcVeiled] >= 2 || n[tcVeiled] >= 1 && (n[tcBody] > 0 || n[tcViolent] > 0) && n[tcTarget] > 0
	if !violent && !veiledThreat {
		return res
	}
	res.ok, res.start = true, clauseStart(toks, first) // the span starts at the clause of the first sign
	return res
}

// harmToCome reports a future or a "can" among the last eight of toks,
// the words before "through a straw": "he'll be eating his dinner
// through a straw", "he can laugh through a straw".
func harmToCome(toks []wtok) bool {
	for k := len(toks) - 1; k >= 0 && k >= len(toks)-8; k-- {
		switch w := toks[k].norm; w {
		case "will", "be", "going", "gonna", "can", "could":
			return true
		default:
			if strings.HasSuffix(w, "'ll") {
				return true
			}
		}
	}
	return false
}

// witnessed reports a verb of seeing among toks: what the writer watched
// happen is a report, not a threat.
func witnessed(toks []wtok) bool {
	for _, t := range toks {
		switch t.norm {
		case "watched", "saw", "seen", "witnessed", "noticed":
			return true
		}
	}
	return false
}

// lethalAt reports a lethal verb at k aimed at a member of staff ("stab
// the doctor") or, by the writer, at a person ("I'm going to stab him"),
// which is violence at a target with no body part named:
// not "strangle the satnav", "shoot off home", nor a young person's
// threat to a peer, which is a safeguarding concern.
func lethalAt(toks []wtok, k int) bool {
	if k+1 >= len(toks) {
		return false
	}
	switch toks[k+1].norm {
	case "the", "that", "this":
		return k+2 < len(toks) && staffNouns[toks[k+2].norm]
	case "him", "her", "them":
		if k+2 < len(toks) && toks[k+2].sentence == toks[k].sentence {
			switch toks[k+2].norm {
			case "a", "an", "the", "some", "my":
				return false // "shoot them an email"
			}
		}
		for j := k - 1; j >= 0 && j >= k-6 && toks[j].sentence == toks[k].sentence; j-- {
			switch toks[j].norm {
			case "i'll", "ill", "i’ll", "i'm", "im", "i’m", "i":
				return true
			}
		}
	}
	return false
}

// staffNouns are the staff a threat is made against.
var staffNouns = map[string]bool{"doctor": true, "nurse": true, "registrar": true, "receptionist": true,
	"manager": true, "surgeon": true, "consultant": true, "gp": true, "midwife": true, "pharmacist": true,
	"paramedic": true, "carer": true, "dentist": true, "porter": true, "guard": true}

// clauseStart returns the first token of the clause holding token k: after
// a comma, "and" or "but".
func clauseStart(toks []wtok, k int) int {
	for i := k; i > 0; i-- {
		if toks[i-1].punctAfter == ',' || toks[i-1].norm == "and" || toks[i-1].norm == "but" {
			return i
		}
	}
	return 0
}

// mockery reports laughing at someone ("the next time I see him laughing
// at my brother"), which is no banter.
func mockery(toks []wtok, k int) bool {
	return (toks[k].norm == "laughing" || toks[k].norm == "laughed") && k+1 < len(toks) && toks[k+1].norm == "at"
}

// negatedWithin reports a negator among the n tokens before k.
func negatedWithin(toks []wtok, k, n int) bool {
	for i := max(0, k-n); i < k; i++ {
		if cueWordOf(&toks[i]).flags&cfNegator != 0 {
			return true
		}
	}
	return false
}

// harmlessAfter reports a harmless object at k or after an article there.
func harmlessAfter(toks []wtok, k int) bool {
	if k < len(toks) && (toks[k].norm == "the" || toks[k].norm == "a" || toks[k].norm == "my") {
		k++
	}
	return k < len(toks) && harmlessObjects[toks[k].norm]
}

// ownBodyPart reports whether the possessive before a body part is the
// subject's own: "my" and "our" always, "his" after "he", "her" after
// "she", "your" after "you".
func ownBodyPart(before []wtok, poss string) bool {
	var subj []string
	switch poss {
	case "my", "our":
		return true
	case "his":
		subj = []string{"he", "he'll", "he's", "he'd"}
	case "her":
		subj = []string{"she", "she'll", "she's", "she'd"}
	case "your":
		subj = []string{"you", "you'll", "you're", "you'd"}
	case "their":
		subj = []string{"they", "they'll", "they're", "they'd"}
	default:
		return false
	}
	// the nearest subject is the one that counts: "if he hangs up again
	// I'll wait for him and break his jaw" is the writer's threat
	for i := len(before) - 1; i >= 0; i-- {
		switch t := before[i].norm; t {
		case "i", "i'll", "i'd", "i'm", "we", "we'll", "we'd":
			return false
		default:
			if slices.Contains(subj, t) {
				return true
			}
		}
	}
	return false
}

// banterWords make violent words banter or sport.
var banterWords = map[string]bool{"joke": true, "joking": true, "laughing": true, "laughed": true,
	"hilarious": true, "lol": true, "haha": true, "football": true, "match": true}

// treatmentWords make breaking and cutting treatment ("the surgeon will
// break the bone and reset it"). "Surgery" is not one: it is also the GP's.
var treatmentWords = map[string]bool{"bone": true, "bones": true, "reset": true, "operation": true,
	"incision": true, "anaesthetic": true, "theatre": true, "procedure": true, "cannula": true,
	"injection": true, "x-ray": true, "stitches": true, "fracture": true, "surgeon": true, "biopsy": true}

// liftWords make waiting somewhere a lift home: "I'll be waiting in the
// car park to collect her".
var liftWords = map[string]bool{"collect": true, "collecting": true, "lift": true, "pickup": true}

// harmlessObjects after a violent word make it a figure of speech: "break
// the record", "smash the target", "kill time".
var harmlessObjects = map[string]bool{"record": true, "records": true, "target": true, "targets": true,
	"diet": true, "habit": true, "time": true, "news": true, "ice": true, "silence": true, "deal": true,
	"cycle": true, "it": true, "game": true, "exam": true, "bank": true}

// threatCueAt returns the longest threat sign starting at token k.
func threatCueAt(toks []wtok, k int) (threatCue, int, bool) {
	cw := cueWordOf(&toks[k])
	if m := cw.threatStarts; m > 1 && k+1 < len(toks) && cueWordOf(&toks[k+1]).in(cw.threatSeconds) {
		for size := min(m, len(toks)-k); size > 1; size-- {
			var key [64]byte
			if w, ok := threatCueWords[string(joinNorms(key[:0], toks[k:k+size]))]; ok {
				return w, size, true
			}
		}
	}
	return cw.threat, 1, cw.isThreat
}
