package detect

// jokeWords in a sentence make a threat a joke ("I'll kill the kids if they
// eat all the biscuits, joked my wife").
var jokeWords = map[string]bool{"joked": true, "joking": true, "jokingly": true, "kidding": true,
	"joke": true, "lol": true, "haha": true, "teased": true, "teasing": true}

// pesterWords after "if" and a subject make the condition of an
// exaggerated threat: someone asking or saying something again.
var pesterWords = map[string]bool{"asks": true, "asked": true, "says": true, "said": true, "mentions": true, "mentioned": true,
	"sings": true, "sang": true, "offers": true, "offered": true}

// threatObjects after a threat's target make it an ordinary goal or task
// ("we'll smash this fundraising target", "I'm going to beat this
// illness").
var threatObjects = map[string]bool{"target": true, "targets": true, "record": true, "goal": true,
	"goals": true, "habit": true, "exam": true, "exams": true, "test": true, "marathon": true,
	"challenge": true, "illness": true, "disease": true, "cancer": true, "virus": true, "infection": true,
	"bug": true, "pain": true, "time": true, "queue": true, "traffic": true, "deadline": true,
	"fundraising": true, "appeal": true, "total": true, "score": true, "workout": true, "session": true,
	"news": true, "ice": true, "silence": true, "rules": true, "system": true, "odds": true,
	"urge": true, "urges": true, "temptation": true, "impulse": true, "socks": true, "walking": true,
	"stigma": true, "myth": true, "myths": true, "barriers": true, "barrier": true, "expectations": true,
	"ceiling": true, "taboo": true, "facts": true, "questions": true, "question": true,
	"evidence": true, "complaint": true, "letter": true, "bill": true, "figures": true, "truth": true,
	"lights": true, "light": true, "engine": true, "music": true, "telly": true, "radio": true,
	"button": true, "bell": true, "buzzer": true, "alarm": true, "homework": true, "essay": true,
	"coursework": true, "paperwork": true, "germ": true, "bacteria": true, "weed": true, "pest": true,
	// machines that jam and refuse ("I'd strangle the thing for her")
	"thing": true, "printer": true, "photocopier": true, "computer": true, "laptop": true, "machine": true,
	"kettle": true, "toaster": true, "satnav": true, "remote": true, "website": true, "form": true}

// threatObject reports a word in threatObjects, in the singular or plural
// ("the sugar bugs", "this maths homework").
func threatObject(w string) bool {
	return threatObjects[w] || len(w) > 3 && w[len(w)-1] == 's' && threatObjects[w[:len(w)-1]]
}

// strayAnimal are the words before an animal that is nobody's: "the next
// sheep", "a cow"; not "your dog".
var strayAnimal = map[string]bool{"the": true, "a": true, "an": true, "next": true, "that": true, "this": true}

// keepThreat rejects a threat match [start, end] that is a joke or aims at
// a goal rather than a person.
// anyoneWords are a target that is nobody in particular.
var anyoneWords = map[string]bool{"anyone": true, "anybody": true, "someone": true, "somebody": true}

func keepThreat(toks []wtok, start, end int) bool {
	sent := toks[start].sentence
	// one pass over the sentence before the match, one over the rest
	for k := start - 1; k >= 0 && toks[k].sentence == sent; k-- {
		w := toks[k].norm
		if jokeWords[w] && !deniedJoke(toks, k) || k >= start-6 && fearWords[w] {
			return false
		}
	}
	for k := start; k < len(toks) && toks[k].sentence == sent; k++ {
		w := toks[k].norm
		if jokeWords[w] && !deniedJoke(toks, k) || hazardWords[w] {
			return false
		}
		if k+2 < len(toks) && (w == "pick" && toks[k+2].norm == "up" || liftWords[w] && (w != "lift" || k > 0 && toks[k-1].norm == "a")) {
			return false // "I know what time she finishes because I pick her up", "give you a lift" (not "drag them out to the lift")
		}
	}
	if k := end + 1; k+2 < len(toks) && toks[k].sentence == sent && toks[k].norm == "if" && subjectWords[toks[k+1].norm] && pesterWords[toks[k+2].norm] {
		return false // a threat at a question: "I'd murder him if he asked me one more time whether I wanted tea"
	}
	switch toks[end].norm {
	case "dead", "finished", "toast": // "and you're dead", not "you're dead right"
		if toks[end].punctAfter == 0 && end+1 < len(toks) && toks[end+1].sentence == sent {
			return false
		}
	}
	if end+1 < len(toks) && toks[end+1].sentence == sent && toks[end+1].norm == "for" && anyoneWords[toks[end].norm] {
		return false // "I would murder anyone for their kitchen": how much the writer wants it
	}
	if end+1 < len(toks) && toks[end+1].sentence == sent && toks[end+1].norm == "dead" && toks[end].norm == "them" {
		return false // "I'll knock them dead at the wedding"
	}
	if end+1 < len(toks) && toks[end+1].sentence == sent && toks[end+1].norm == "of" && toks[end].norm == "bottle" {
		return false // "how many I'd need with a bottle of vodka" is a drink, not a weapon
	}
	if !headIn(toks, start, end) {
		for k := end; k < len(toks) && k <= end+3 && toks[k].sentence == sent; k++ {
			if threatObject(toks[k].norm) && !ownLights(toks, k) && !byTheTime(toks, k) && !nextTime(toks, k) {
				return false
			}
			if petWords[toks[k].norm] && k > 0 && strayAnimal[toks[k-1].norm] {
				return false // "I would punch the next sheep I saw"; but "I'll poison your dog"
			}
		}
	}
	for k := end + 1; k+2 < len(toks) && k <= end+3 && toks[k+2].sentence == sent; k++ {
		if toks[k].norm == "if" && mundaneIf[toks[k+2].norm] {
			return false // "I'll kill him if he eats another pasty": exasperation, not a threat
		}
	}
	return true
}

// deniedJoke reports a joke word at token k that says there is none:
// "I'll batter him, no joke", "im not joking".
func deniedJoke(toks []wtok, k int) bool {
	return k > 0 && toks[k-1].sentence == toks[k].sentence && (toks[k-1].norm == "no" || toks[k-1].norm == "not")
}

// byTheTime reports the "time" of "by the time" at token k: a time
// clause, not the object a threat aims at ("he'll be needing one of his
// own beds by the time I've finished with him").
func byTheTime(toks []wtok, k int) bool {
	return k >= 2 && toks[k].norm == "time" && toks[k-1].norm == "the" && toks[k-2].norm == "by"
}

// nextTime reports the "time" of "next time", "every time" or "one
// more time" at token k: when, not what, the threat aims at ("I'll knock
// that smirk off his face next time").
func nextTime(toks []wtok, k int) bool {
	if k < 1 || toks[k].norm != "time" {
		return false
	}
	w := toks[k-1].norm
	return w == "next" || w == "every" || w == "more" && k >= 2 && toks[k-2].norm == "one"
}

// fearWords up to six words before a threat make it the writer's fear of
// losing control ("I'm frightened I'm going to lose it and hurt him"): a
// carer's risk, which is safeguarding.
var fearWords = map[string]bool{"frightened": true, "scared": true, "afraid": true, "terrified": true, "worried": true}

// hazardWords make "you'd better watch yourself" a warning about a hazard
// ("on those icy steps").
var hazardWords = map[string]bool{"icy": true, "ice": true, "slippery": true}

// mundaneIf are the everyday acts of a relative that "I'll kill him if he
// ..." scolds ("eats another pasty", "climbs that ladder again").
var mundaneIf = map[string]bool{"eats": true, "eat": true, "ate": true, "climbs": true, "climb": true,
	"forgets": true, "forget": true, "smokes": true, "smoke": true, "misses": true, "skips": true,
	"pinches": true, "tries": true, "goes": true, "drives": true, "buys": true, "orders": true,
	"made": true, "makes": true, // "I'd murder her if she made me do one more set"
	"went": true, "go": true} // "I would kill him myself if he went on that trampoline again"

// goingAdverbs may stand between "I'm" and "going to".
var goingAdverbs = map[string]bool{"really": true, "definitely": true, "honestly": true, "seriously": true,
	"actually": true, "just": true, "literally": true, "so": true, "totally": true, "absolutely": true}

// speakerWithOthers reports the writer and others as the subject ending
// at token k, "me and" and a noun phrase: "me and my brothers", "me and
// the lads" ("my sons and I" ends in "I", which speakerBefore takes);
// it returns the subject's first token.
func speakerWithOthers(toks []wtok, k int) (int, bool) {
	if k < 2 {
		return 0, false
	}
	sent := toks[k].sentence
	for j := k - 1; j >= 1 && j >= k-3 && toks[j].sentence == sent; j-- {
		if toks[j].norm == "and" && toks[j-1].norm == "me" && (toks[j+1].norm == "my" || toks[j+1].norm == "the" || toks[j+1].norm == "our") {
			return j - 1, true
		}
	}
	return 0, false
}

// speakerBefore finds the speaker of a threat whose match starts at
// "will", "would" or "shall" (key "modal"): "I" or "we" just before; or at
// "going", "gonna" or "about to" (key "going"): "I'm", "we're", "I am" or
// "me and my brothers are" just before (an adverb between is fine: "I'm
// definitely going to"), or nobody before
// a "gonna" that opens its sentence ("Gonna smash his face in"). A
// negation or any other subject ("I'm not going to", "he's going to")
// makes it no threat by the writer.
func speakerBefore(toks []wtok, at int, key string) (int, bool) {
	sent := toks[at].sentence
	k := at - 1
	if k >= 0 && toks[k].sentence == sent && goingAdverbs[toks[k].norm] {
		k--
	}
	if key == "modal" { // "I will", "we shall", "I really would"
		if k >= 0 && toks[k].sentence == sent && (toks[k].norm == "i" || toks[k].norm == "we") {
			return k, true
		}
		if s, ok := speakerWithOthers(toks, k); ok {
			return s, true // "me and my brothers will"
		}
		return 0, false
	}
	if k < 0 || toks[k].sentence != sent {
		w := toks[at].norm
		return at, w == "gonna" || w == "gunna"
	}
	switch toks[k].norm {
	case "i'm", "im", "we're":
		return k, true
	case "am", "are":
		if k > 0 && toks[k-1].sentence == sent && (toks[k-1].norm == "i" || toks[k-1].norm == "we") {
			return k - 1, true
		}
		if s, ok := speakerWithOthers(toks, k-1); ok && toks[k].norm == "are" {
			return s, true // "me and my brothers are going round"
		}
	case "i", "we":
		if w := toks[at].norm; w == "gonna" || w == "gunna" {
			return k, true // "I gonna"
		}
	}
	return 0, false
}

// lostIt reports the "it" of "lose it" ("I'm going to lose it and deck
// someone"), which is no new subject.
func lostIt(toks []wtok, k int) bool {
	if toks[k].norm != "it" || k == 0 {
		return false
	}
	switch toks[k-1].norm {
	case "lose", "lost", "losing":
		return true
	}
	return false
}

// ownLights reports the "lights" of "punch his lights out", which are a
// person's.
func ownLights(toks []wtok, k int) bool {
	if toks[k].norm != "lights" || k == 0 {
		return false
	}
	switch toks[k-1].norm {
	case "his", "her", "their", "your":
		return true
	}
	return false
}

// headIn reports a head or face among the tokens start..end of a threat:
// then a thing after it is where the head goes ("I'll put his heid
// through the vending machine"), not the threat's harmless object.
func headIn(toks []wtok, start, end int) bool {
	for k := start; k <= end && k < len(toks); k++ {
		switch toks[k].norm {
		case "head", "heid", "heed", "face":
			return true
		}
	}
	return false
}
