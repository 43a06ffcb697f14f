package detect

import (
	"slices"
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// The phrase rules in safeguarding.go catch the usual wordings of risk.
// People describe harm in endless other ways ("we found dark marks like
// fingers on his arms", "she keeps her tablets in a tin until there are
// enough"), so this second rule weighs warning signs instead: a sentence
// is flagged when several signs of one kind of harm meet in it, with a
// person at risk or a person doing it. No single word is enough.

// cueKind is one family of warning signs.
type cueKind uint8

const (
	cueVictim   cueKind = iota // someone who can be harmed: mum, resident, him
	cueAgent                   // someone who can do harm: carer, staff, boyfriend
	cueForce                   // rough handling: yanked, dragged, slapped
	cueInjury                  // bruises, sores, marks
	cueDistress                // crying, flinching, terrified
	cueNeglect                 // soiled, untouched, no water, left alone
	cueDemean                  // mocked, shouted at, called names
	cueMoney                   // bank cards, pension, cash
	cueFear                    // fear of someone: flinching, cowering
	cueControl                 // coercive control: won't let me, answers for me
	cueSexual                  // sexual abuse: touches her under her nightie
	cueSelf                    // the writer: I, me, my
	cueReport                  // a report of what someone says: she keeps saying
	cueEnding                  // wording about dying or not being here
	cueMeans                   // tablets, train, blade
	cuePlan                    // saving, enough, decided, letters
	cueKinds
)

// harmsOther reports whether k is a sign of harm done to someone.
func (k cueKind) harmsOther() bool {
	switch k {
	case cueForce, cueInjury, cueNeglect, cueDemean, cueMoney, cueFear, cueControl, cueSexual:
		return true
	}
	return false
}

// cue is one warning sign and its weight (1 weak, 2 strong).
type cue struct {
	kind   cueKind
	weight int
}

// cueStarts holds the first words of the cues of several words, with the
// most words a cue starting with it has.
var cueStarts = map[string]int{}

// cuePrefixes holds the first two or more words of the longer cues.
var cuePrefixes = map[string]bool{}

// cueWords maps a normalised word, or two words joined by a space, to its
// signs. A word may carry two signs ("hurt" is force and ending wording).
var cueWords = map[string][]cue{}

func init() {
	add := func(kind cueKind, weight int, words ...string) {
		for _, w := range words {
			cueWords[w] = append(cueWords[w], cue{kind, weight})
		}
	}
	add(cueVictim, 1, "mum", "mam", "mom", "mother", "dad", "father", "nan", "nana", "nanna", "gran", "granny",
		"grandma", "grandad", "granddad", "grandmother", "grandfather", "husband", "wife", "son", "daughter",
		"child", "children", "kid", "kids", "baby", "toddler", "boy", "girl", "resident", "residents", "patients",
		"him", "her", "he", "she", "his", "he's", "she's", "he'll", "she'll", "he'd", "she'd", "elderly", "dementia", "disabled", "vulnerable",
		"old woman", "old man", "old lady", "aunt", "uncle", "brother", "stepson", "stepdaughter", "niece", "nephew",
		"grandson", "granddaughter", "teenager", "lad", "lass")
	add(cueAgent, 1, "carer", "carers", "staff", "aide", "aides", "worker", "workers", "hca", "boyfriend",
		"girlfriend", "stepdad", "stepfather", "stepmum", "partner", "one of them", "manager", "home", "they",
		"agency")
	add(cueForce, 2, "batter", "battered", "battering", "beat me", "beats me", "beat her", "beats her", "twisted it",
		"hauled", "dragged", "dragging", "yanked", "yank", "yanking", "slapped", "slapping", "slap",
		"smacked", "smack", "smacking", "punched", "kicked", "kicking", "pinched", "pinching", "shoved", "shoving",
		"manhandled", "manhandling", "roughly", "restrained", "pinned down", "pinned her", "pinned him", "strapped", "tied", "throttled", "strangled",
		"force-fed", "forced", "hurt him", "hurt her", "hurt them", "pillow over", "shook him", "shook her",
		"shaking him", "shaking her", "grabbed him", "grabbed her", "grabbing him", "grabbing her", "locked in",
		"locked her", "locked him", "knock him", "knock her", "knocked him", "knocked her", "rough", "wrenched",
		"twisted", "jabbed", "thrown", "smother", "smothering", "threw her", "threw him", "hit him", "hit her", "hitting him", "hitting her",
		"burned him", "burned her", "burnt him", "burnt her")
	// violence against the writer ("he would batter me") is abuse whoever does it
	add(cueForce, 4, "will kill me if", "kill me if i", "bent it back", "bent my", "until it snapped", "flick his ear",
		"flicks his ear", "flicked his ear", "pinches the back", "pinches his", "pinches her", "holds his bedroom door",
		"holds her bedroom door", "shook him hard", "shook her hard", "harder than i meant", "rougher than i meant", "by my throat", "held me against", "pinned me against", "pushed me against", "hits me with", "hit me with", "hits me", "pin me", "pinned me", "pinning me", "batter me", "battered me", "beat me", "beats me", "beaten me", "kicked me", "kicks me",
		"punched me", "punches me", "slapped me", "slaps me", "strangled me", "strangles me", "choked me",
		"chokes me", "throttled me", "twisted my arm")
	add(cueForce, 3, "shut in the", "shuts him in", "shuts her in", "shut him in", "shut her in", "from the outside",
		"lock his bedroom", "lock her bedroom", "locks his bedroom", "locks her bedroom", "locked his bedroom",
		"locked her bedroom", "with his cigarette", "with her cigarette", "with a cigarette", "when he is naughty",
		"when she is naughty", "if he is naughty", "if she is naughty", "when he's naughty", "when she's naughty")
	add(cueForce, 4, "pillow over his face", "pillow over her face", "pillow over their face")
	add(cueForce, 1, "pinned", "grabbed", "grabbing", "pushed", "pushing", "pulled", "pulling", "hit", "hitting", "shook",
		"threw", "gripped", "squeezed", "held down", "pinned down")
	add(cueInjury, 2, "bruise", "bruises", "bruised", "bruising", "fingermarks", "finger-marks", "fingertip",
		"welts", "welt", "sore", "sores", "pressure sore", "pressure sores", "pressure ulcer", "bedsore",
		"bedsores", "broken skin", "black eye", "scalds", "scald", "burns", "cigarette burns", "unexplained",
		"marks", "grazes", "scratches", "wounds", "injuries")
	// self-injury of someone in care: a sign on its own
	add(cueInjury, 4, "hitting himself", "hitting herself", "hurting himself", "hurting herself", "harming himself",
		"harming herself", "banging his head", "banging her head", "biting himself", "biting herself",
		"use it on himself", "use it on herself", "use them on himself", "use them on herself")
	add(cueNeglect, 4, "visits they never made", "visits that never happened", "calls they never made")
	// a long lie on the floor: harm unless a fall explains it (accidents void injuries)
	add(cueInjury, 3, "lay on the floor", "lay on the bathroom floor", "on the floor all night")
	add(cueInjury, 2, "won't explain", "can't explain", "couldn't explain", "nobody can explain", "no one can explain",
		"a mark on", "marks on", "black and blue", "red mark", "red marks", "skin is raw", "bottom is raw", "raw skin")
	add(cueInjury, 1, "purple", "red raw", "swollen", "raw", "cut", "cuts", "wound", "injury", "fracture", "bleeding", "blood")
	// flinching and cowering are fear learned from someone: a sign on their own
	add(cueFear, 4, "flinching", "flinches", "flinched", "flinch", "cowering", "cowered", "cowers")
	add(cueFear, 2, "hiding under his duvet", "hiding under her duvet", "hides under his", "hides under her",
		"scared to go home", "frightened to go home", "afraid to go home")
	add(cueControl, 2, "can't get away", "cannot get away", "reads all my messages", "reads my messages", "checks my messages", "won't let me", "doesn't let me", "wouldn't let me", "didn't let me", "not allowed to",
		"isn't allowed to", "wasn't allowed to", "answers the questions for me", "answers for me", "speaks for me",
		"checks my phone", "went through my phone", "takes my phone", "took my phone", "controls my money",
		"controls everything", "can't get out of the house", "cannot get out of the house", "not allowed out",
		"keeps me in", "locks me in", "comes in to every appointment", "never leaves me alone with")
	add(cueReport, 1, "telling", "told", "tells", "saying", "says", "said", "keeps", "admitted", "disclosed", "confided")
	add(cueDistress, 2, "terrified", "petrified", "crying out", "cried out", "screaming", "screamed", "sobbing", "sobbed",
		"whimpering", "begging", "begged", "pleading")
	add(cueDistress, 1, "crying", "cried", "scared", "frightened", "afraid", "distressed", "tears", "upset",
		"shaking", "trembling", "screams", "frightening")
	add(cueNeglect, 2, "soiled", "soaked", "sodden", "urine", "faeces", "excrement", "unwashed",
		"same side", "same position", "same chair", "missed visits", "call has been missed", "calls missed",
		"down the side of the mattress", "not been given", "wasn't given", "weren't given", "never given",
		"unchanged", "starving", "dehydrated", "dehydration", "malnourished", "untouched", "uneaten", "neglect",
		"neglected", "neglecting", "anything to drink", "anything to eat", "nothing to drink",
		"nothing to eat", "no water", "no food", "lost weight", "stone", "on his own", "on her own", "left alone",
		"sitting in the dark", "in the dark", "no electric", "no electricity", "no gas",
		"locked", "same clothes", "same pad", "wet pad", "wet bed", "wet sheets",
		"stinking", "filthy", "maggots", "lice", "fleas", "hungry", "thirsty", "no heating", "freezing", "left alone for")
	add(cueNeglect, 3, "one meal a day", "locking the kitchen", "signing the log",
		"from teatime until",
		"left in bed for", "left in bed all", "nobody came", "no one came", "going through the bins",
		"same clothes all week", "locked out of the house", "asking if we have any food", "begging for food",
		"without giving him", "without giving her", "without his tablets", "without her tablets",
		"without his medication", "without her medication", "missed his tablets", "missed her tablets",
		"in her cot from", "in his cot from", "in her cot all", "in his cot all", "leave her in her cot",
		"leave him in his cot", "don't always get up to", "left on their own", "left on his own", "left on her own", "home alone", "left alone in",
		"left alone for", "left alone all")
	add(cueNeglect, 1, "wet", "dirty", "smelled", "smelt", "smell", "drink", "water", "food", "meal", "meals",
		"eat", "eats", "eaten", "ate", "fed", "breakfast", "lunch", "dinner", "tea", "alone",
		"hours", "all day", "all night", "ignored", "ignoring", "buzzer", "cold", "heating", "out of reach", "since breakfast",
		"since lunch", "since yesterday", "since this morning", "since last night", "for days", "all weekend",
		"medication", "tablets", "wash", "washed", "pad", "pads", "bed", "left", "left him", "left her")
	add(cueDemean, 2, "mocked", "mocking", "mock", "mocks", "ridiculed", "taunted", "taunting", "humiliated",
		"humiliating", "copy the way", "copying", "mimic", "mimicking", "mimicked", "filmed", "filming",
		"photographed", "shut up", "whingeing", "whinging", "like a baby", "like a child", "like a dog",
		"shouts at", "shouted at", "shouting at", "naughty boys", "naughty girls", "for naughty", "screaming at", "useless old", "stop making a fuss",
		"go in the pad", "go in your pad", "just go in", "wet herself", "wet himself", "as a punishment", "lock the", "locks them in", "lock them in",
		"locking him", "locking her", "locking dad", "locking mum", "locks him", "locks her", "takes his tablet",
		"takes her tablet", "took his tablet", "took her tablet",
		"screamed at", "screams at", "yelled at", "yelling at", "swore at", "swears at", "swearing at",
		"threatened", "threatens", "threatening", "laughed at", "laughing at", "fall about", "greedy", "pathetic",
		"disgusting", "stupid old", "silly old", "dirty old", "no breakfast", "no dinner", "no tea",
		"punished", "punishment", "bullied", "bullying", "belittled", "belittling")
	add(cueDemean, 1, "called her", "called him", "calls her", "calls him", "laughing", "laughed", "shouting", "shouted", "yelled", "stupid", "useless", "lazy")
	// sexual abuse: one clear sign is enough
	add(cueSexual, 2, "comes into her room", "came into her room", "stands over her bed", "stood over her bed")
	add(cueSexual, 4, "gets into her bed", "got into her bed", "gets into his bed", "got into his bed",
		"into bed with her", "into bed with him", "touches her", "touched her", "touching her", "touches him", "touched him", "touching him",
		"groped", "groping", "gropes", "fondled", "fondling", "molested", "molesting", "indecent", "indecently",
		"sexually", "sexual abuse", "sexual assault", "raped", "rape", "under her nightie", "under her clothes",
		"under his clothes", "under her nightdress", "inappropriately", "exposed himself", "private parts")
	add(cueSexual, 1, "after lights out", "in the night", "her room", "his room", "at night", "nightie",
		"women's corridor", "male carer", "male nurse", "coming out of rooms")
	add(cueMoney, 2, "out of his account", "out of her account", "sign papers", "sign documents", "purse", "out of dad's purse", "out of mum's purse", "used at", "every penny", "collects her pension", "collects his pension", "keeps her money",
		"keeps his money", "save himself money", "save herself money", "heating switched off", "no money for", "has gone from", "gone missing", "missing from her", "missing from his", "taken out",
		"cashpoint", "never asked for", "do a bit of shopping", "bank card", "bank cards", "bank account", "pension", "pin number", "his pin", "her pin",
		"cash", "savings", "benefits", "withdrawals", "withdrew", "power of attorney", "signed over", "borrowed",
		"borrowing", "money")
	add(cueMoney, 1, "cards", "card", "bank", "took", "taken", "taking", "spending", "spent", "bills", "will")
	add(cueSelf, 1, "i", "i'm", "i've", "i'll", "i'd", "me", "myself", "im", "ive", "we")
	add(cueEnding, 2, "suicide", "suicidal", "overdose", "overdosing", "ligature", "noose", "kill myself",
		"killing myself", "end my life", "end it", "end it all", "ending it", "take my own life", "taking my own life",
		"not be here", "wasn't here", "weren't here", "won't be around", "not be around", "wouldn't be around",
		"better off without me", "nothing to live for", "no reason to live", "self-harm", "self-harming",
		"harm myself", "hurt myself", "cut myself", "cutting myself", "burning myself", "can't go on",
		"cannot go on", "can't do this anymore", "not wake", "don't wake", "doesn't wake", "never wake",
		"rather be dead", "want to die", "wanted to die", "want to be dead")
	add(cueEnding, 4, "kms", "kill myself", "unalive myself", "wanna die", "want to be here any more",
		"want to be here anymore", "hold my weight")
	add(cueEnding, 2, "doing everyone a favour", "stepped in front of", "step in front of", "in front of the",
		"not turning it off", "engine running", "just went in", "easier for both of us", "won't be here by",
		"found a good home for", "don't trust myself", "know exactly what i'm going to do", "frightened of myself", "scared of myself", "afraid of myself",
		"wants to disappear", "want to disappear", "stop being a problem", "a burden", "burden to everyone",
		"can't feel anything", "until i can't feel", "walking into the sea", "walk into the sea", "into the sea", "after i'm gone", "when i'm gone", "once i'm gone", "won't be long now", "won't be writing again",
		"won't be here", "this is goodbye", "my papers in order", "affairs in order", "take the cat", "have the car after",
		"can't do this anymore", "cant do this anymore", "cannot do this anymore", "can't do this any more",
		"don't have to wake up", "dont have to wake up", "not have to wake up", "kinder for both of us",
		"better for everyone", "burning my arm", "burning my arms", "burning myself", "don't want to be here", "not want to be here", "don't want to be around", "finish it", "better off with", "not coming back", "never coming back", "take it all",
		"pictures in my head of hurting", "thoughts of hurting", "hurting my baby", "harming my baby",
		"finish my life", "take my life", "end my own life", "didn't wake", "never woke", "not wake up",
		"point hanging on", "point going on", "point in going on", "point carrying on", "hanging on without",
		"thoughts to end", "thoughts of ending", "thoughts of suicide", "suicidal thoughts", "dark thoughts", "i cut")
	// the person who will be left, or the baby who deserves better: "whether
	// I'd be all right on my own if anything happened", "the baby deserves
	// a better mum than her", "keep him away from her family if she wasn't
	// around"
	add(cueEnding, 2, "if anything happened to me", "be all right on my own if", "be alright on my own if", "be okay on my own if",
		"deserves a better mum", "deserves a better mother", "deserve a better mum", "deserve a better mother",
		"deserves a better dad", "deserves a better father", "wasn't around", "weren't around", "wasnt around",
		// cuts hidden: "wearing long sleeves in a heatwave and there are
		// small spots of blood on his sheets most mornings"
		"long sleeves in a heatwave", "long sleeves in the heat", "long sleeves in summer",
		"blood on his sheets", "blood on her sheets", "blood on my sheets",
		// "put them in the drawer under the telly. I don't know what I'm waiting for"
		"what i'm waiting for", "what im waiting for", "what i am waiting for")
	// current self-injury is a risk on its own
	add(cueEnding, 4, "i still cut", "still cutting", "been cutting", "started cutting", "cutting again")
	add(cueEnding, 2, "frightened of what i'll do", "frightened of what i will do",
		"scared of what i'll do", "scared of what i will do", "afraid of what i'll do", "afraid of what i will do")
	add(cueEnding, 1, "cutting", "goodbye", "went to sleep", "the thoughts", "give up", "be dead", "dying", "die", "disappear", "no point",
		"better off", "jump", "jumping", "go to sleep")
	add(cueMeans, 1, "metro", "tram", "pier", "water", "rope", "engine", "doors shut", "door handles", "door handle", "beach", "cord", "lighter", "car in the garage", "exhaust", "trains", "railway bridge", "two days' worth",
		"days' worth", "mums old tablets", "old tablets", "reservoir", "river", "sea", "heart tablets", "insulin", "razor blades", "tablets", "pills", "paracetamol", "co-codamol", "codeine", "sertraline", "tramadol",
		"morphine", "insulin", "medication", "meds", "train", "trains", "level crossing", "railway", "tracks",
		"bridge", "cliff", "motorway", "rope", "razor", "razors", "blade", "blades", "knife", "legs", "arms",
		"wrists", "thighs", "stomach", "skin", "belt", "diazepam", "zopiclone", "temazepam", "amitriptyline",
		"mirtazapine", "fluoxetine", "citalopram", "quetiapine", "olanzapine", "pregabalin", "gabapentin", "lithium",
		"propranolol", "oxycodone", "fentanyl", "sleeping tablets", "sleeping pills", "painkillers", "antidepressants",
		"railway line")
	add(cuePlan, 2, "keep going and looking", "written my letters", "my letters", "keeping them", "lining of my", "nobody knows about", "no one knows about", "under my bed", "in my pillowcase", "lined up", "keeping back", "kept back", "looked up how long", "how long it takes",
		"working out the times", "stand there", "hidden in my", "count out", "counted out", "counting out", "looked up how many", "how many", "it would take",
		"picked the day", "chosen the day", "set a date", "this weekend", "on purpose", "stopped taking",
		"different shops", "so nobody notices", "so no one notices", "still got the rope", "in the garage",
		"enough", "saving", "saved up", "stockpiling", "stockpiled", "hoarding", "stash",
		"hidden", "hiding", "made up my mind", "instead of taking", "all of them", "the lot", "written the letters",
		"goodbye letters", "letters for", "when the night staff", "do their checks")
	add(cuePlan, 2, "keeping tablets", "keeping my tablets", "keeping pills", "saving tablets", "saving my tablets")
	add(cuePlan, 1, "counting", "keeping", "collecting", "tin", "drawer", "hid", "letters", "goodbye note", "decided", "planned",
		"plan", "plans", "tonight", "checks", "already", "going to", "gonna", "wait for", "walk to", "will")
	for k := range cueWords {
		if words := strings.Fields(k); len(words) > 1 {
			cueStarts[words[0]] = max(cueStarts[words[0]], len(words))
			for n := 2; n < len(words); n++ {
				cuePrefixes[strings.Join(words[:n], " ")] = true
			}
		}
	}
}

// sentenceTally is the tally of the sentence toks[i:j].
type sentenceTally struct {
	i, j int
	t    cueTally
	// ab is the abuse model's probability for the sentence, when abDone
	// (see findModelSafeguarding)
	ab     float64
	abDone bool
}

// cueTally is the weight of each sign family in one sentence, and the
// token range the signs span.
type cueTally struct {
	w             [cueKinds]int
	first, last   int  // tokens of the first and last harm sign
	strong        int  // the weight of the strongest sign of harm to another
	families      int  // how many families of harm to another weigh 2 or more
	past          bool // the sentence tells of a crisis that is over
	clinical      bool // the sentence is about treatment
	surgical      bool // an operation, so going without food is fasting
	accident      bool // a fall or slip explains an injury
	refused       bool // the person refused: "she refused her dinner"
	consent       bool // the person agreed: "as I asked"
	treatment     bool // tablets as treatment: "to control the pain"
	againstWriter bool // violence against the writer: "he beat me"
}

func (t *cueTally) add(c cue, a, b int, harm bool) {
	t.w[c.kind] += c.weight
	if c.kind.harmsOther() {
		if t.w[c.kind] >= 2 && t.w[c.kind]-c.weight < 2 {
			t.families++
		}
		t.strong = max(t.strong, c.weight)
	}
	if !harm {
		return
	}
	if t.first < 0 || a < t.first {
		t.first = a
	}
	if b > t.last {
		t.last = b
	}
}

// findCueSafeguarding flags sentences where warning signs add up; see the
// comment at the top of the file. Concerns come together: once the text
// holds one (flagged says whether another rule found one), a sentence with
// one strong sign of harm is flagged as supporting it, and two sentences
// that each half read as the writer's own risk flag each other.
//
// It appends the tally of every sentence to *tallies, for the sentence
// model (findModelSafeguarding) to read.
func findCueSafeguarding(toks []wtok, masks []uint8, flagged bool, tallies *[]sentenceTally) []moderation.Span {
	var out []moderation.Span
	type risk struct{ first, last int }
	var ends []risk // sentences that read as a current risk to the writer
	var weak []risk // sentences with one strong sign of harm to someone
	strongSelf := false
	for i := 0; i < len(toks); {
		j := sentenceEnd(toks, i) + 1
		t := tallySentence(toks[i:j], masks[i:j])
		*tallies = append(*tallies, sentenceTally{i: i, j: j, t: t})
		if t.first >= 0 && !screeningQuestion(toks[i:j]) && !checklistAnsweredNo(toks, i, j) && !questionAnsweredNo(toks, i) && // "Did he ever feel like harming himself? He said no"
			!listedThenNo(toks, patMatch{start: i + t.first, end: j - 1}) { // "they asked the usual questions: any plans, anything I've been saving up. The answer to all of them was no."
			first, last := i+t.first, i+t.last
			switch self := selfRisk(&t); {
			case self >= 2 && !resolvedHarm(toks[i:j]) && !aboutTopic(toks[i:j], t.first) && !pastBefore(toks, patMatch{start: i + t.last, end: i + t.last}) &&
				!notFor(toks, patMatch{start: first, end: last}) && !dieOf(toks[i:j]):
				strongSelf = strongSelf || self >= 3
				ends = append(ends, risk{first, last})
			default:
				if harmToOther(&t) && !fundingMoney(&t, toks[i:j]) && !pastBefore(toks, patMatch{start: i + t.last, end: i + t.last}) && !simile(toks, first) && !aboutTopic(toks[i:j], t.first) && !nagKill(toks[i:j]) && !fearedThen(toks[i:j]) && !intrusiveNear(toks, first) &&
					!onlyOneWho(toks, first) && !animalDoes(toks, first, last) {
					s, e := statement(toks, first, last)
					out = append(out, moderation.Span{Start: toks[s].start, End: toks[e].end,
						Kind: moderation.Safeguarding, Confidence: 0.6,
						Reason: "possible abuse or neglect of a vulnerable person (several warning signs together)"})
				} else if t.strong >= 2 && (t.w[cueVictim] > 0 || t.w[cueAgent] > 0) {
					weak = append(weak, risk{first, last})
				}
			}
		}
		i = j
	}
	// the writer's own risk: one clear sentence lets weaker ones around it count
	strongSelf = strongSelf || len(ends) >= 2 || flagged || len(out) > 0
	for _, r := range ends {
		if !strongSelf {
			break
		}
		s, e := statement(toks, r.first, r.last)
		out = append(out, moderation.Span{Start: toks[s].start, End: toks[e].end,
			Kind: moderation.Safeguarding, Confidence: 0.65,
			Reason: "possible risk of self-harm or suicide (several warning signs together)"})
	}
	if flagged || len(out) > 0 {
		for _, r := range weak {
			s, e := statement(toks, r.first, r.last)
			out = append(out, moderation.Span{Start: toks[s].start, End: toks[e].end,
				Kind: moderation.Safeguarding, Confidence: 0.5,
				Reason: "possible abuse or neglect of a vulnerable person (supporting statement)"})
		}
	}
	sortByStart(out)
	return out
}

// nagKill reports "she'd kill me if I didn't go": someone who "will kill"
// the writer for not doing something (going to A&E, getting it checked)
// is a figure of speech for nagging. "He'll kill me if I tell anyone" is
// not: the writer is not doing something there.
func nagKill(sent []wtok) bool {
	for k := 0; k+4 < len(sent); k++ {
		switch sent[k].norm {
		case "kill", "murder", "strangle", "throttle":
		default:
			continue
		}
		if sent[k+1].norm != "me" || sent[k+2].norm != "if" || sent[k+3].norm != "i" {
			continue
		}
		for j := k + 4; j < len(sent) && j <= k+5; j++ {
			if cueWordOf(&sent[j]).flags&cfNegator != 0 {
				return true
			}
		}
	}
	return false
}

// animalDoes reports an animal as the subject of a verb of what animals
// do to people in first..last (animalSubject): "after a horse kicked me
// at the yard"; not "called her a stuck-up wee cow and threw a can".
func animalDoes(toks []wtok, first, last int) bool {
	for k := first; k <= last; k++ {
		if animalActs[toks[k].norm] && animalSubject(toks, k) {
			return true
		}
	}
	return false
}

var animalActs = map[string]bool{"kicked": true, "kicks": true, "kicking": true, "bit": true, "bites": true,
	"bitten": true, "butted": true, "headbutted": true, "trampled": true, "knocked": true, "scratched": true,
	"dragged": true, "pulled": true, "charged": true, "attacked": true, "jumped": true, "pushed": true, "stood": true, "trod": true}

// screeningQuestion reports "asked whether" or "asks if" in a sentence
// that gives no answer: a clinician's routine question ("she asks every
// woman whether anyone at home hurts her"), not a concern.
func screeningQuestion(sent []wtok) bool {
	asked, question, safety := false, false, false
	for k, t := range sent {
		switch t.norm {
		case "asked", "ask", "asks", "questions", "questionnaire", "form", "checklist": // not "asking": "a boy asking if we have any food"; "went through a long form with me, including whether anyone at home ever hurt him"
			asked = true
		case "whether", "if":
			question = question || asked
		case "safe":
			safety = safety || question
		default:
			if question && answerWords[t.norm] {
				if safety && answersAfter(sent, k) <= 1 { // "asked her if she felt safe at home n she said yes": yes is the reassuring answer
					return t.norm == "yes" || answeredYes(sent, k)
				}
				return answeredNo(sent, k) // the first answer tells
			}
			if asked && !safety && saidNo(sent, k) {
				return true // "They asked the routine questions – any bruises, any worries at home – and we said no"
			}
			if question && t.norm == "no" && k > 0 && sent[k-1].punctAfter != 0 && t.punctAfter != 0 {
				return true // "asked if i hit my head (no), if i could feel my fingers (yes)": a no set off by marks
			}
			question = question || asked && invertedQuestion(sent, k)
		}
	}
	return question
}

// routineQuestion reports a clinician's routine question in the sentence
// toks[i:j] that the sentence itself does not answer yes to: "he asked
// her whether she had any thoughts of ending her life", or "She asked me
// the hard ones. Did I have thoughts of harming myself? No, never.", or a
// question answered no after it (questionAnsweredNo).
func routineQuestion(toks []wtok, i, j int) bool {
	if sent := toks[i:j]; screeningQuestion(sent) && !writerAsks(sent) {
		return true
	}
	return invertedQuestion(toks, i) && askedBefore(toks, i) && (j >= len(toks) || toks[j].norm != "yes") ||
		questionAnsweredNo(toks, i) || // "Any bruises nobody could explain? ... No, no and no."
		checklistAnsweredNo(toks, i, j) // "a long checklist. ... Anyone taking advantage of him with money: no"
}

// writerAsks reports "I asked" in a sentence: the writer's own question
// ("I asked my cousin if he'd take the dog if anything happened to me"),
// no clinician's routine one.
func writerAsks(sent []wtok) bool {
	for k := 1; k < len(sent); k++ {
		if askWords[sent[k].norm] && sent[k-1].norm == "i" {
			return true
		}
	}
	return false
}

// strainWords open a carer's fear of what they might do.
var strainWords = map[string]bool{"scared": true, "afraid": true, "frightened": true, "worried": true,
	"terrified": true, "petrified": true, "fear": true, "frightens": true, "scares": true}

// findCarerStrain finds a carer's fear of harming the person they look
// after: "I am scared I will really hurt her", "I'm frightened I'll lose it
// with him". It is a safeguarding concern, not a threat, so it runs before
// the threat rules.
func findCarerStrain(toks []wtok, masks []uint8) []moderation.Span {
	var out []moderation.Span
	for i := 0; i+2 < len(toks); i++ {
		if masks[i]&ixStrain == 0 {
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+8 && toks[k].sentence == toks[i].sentence; k++ {
			switch toks[k].norm {
			case "hurt", "harm", "hit", "shake", "smother", "strangle", "slap":
			case "lose":
				if k+1 >= len(toks) || toks[k+1].norm != "it" && toks[k+1].norm != "my" {
					continue
				}
			default:
				continue
			}
			self := false
			for j := i + 1; j < k; j++ {
				switch toks[j].norm {
				case "i", "i'll", "i'd", "i'm", "myself", "me":
					self = true
				}
			}
			if !self || intrusiveNear(toks, k) {
				break // "intrusive thoughts ... I was terrified that meant I wanted to hurt her"
			}
			s, e := statement(toks, i, k)
			out = append(out, moderation.Span{Start: toks[s].start, End: toks[e].end,
				Kind: moderation.Safeguarding, Confidence: 0.7,
				Reason: "a carer's fear of harming the person they look after"})
			i = e
			break
		}
	}
	return out
}

// tallySentence adds up the signs in one sentence's tokens.
func tallySentence(toks []wtok, masks []uint8) cueTally {
	t := cueTally{first: -1}
	for k := range toks {
		if masks[k]&ixFlag == 0 {
			continue
		}
		f := cueWordOf(&toks[k]).flags
		t.clinical = t.clinical || f&cfClinical != 0
		t.past = t.past || f&cfPast != 0 && pastAt(toks, k)
		t.surgical = t.surgical || f&cfSurgical != 0
		t.accident = t.accident || f&cfAccident != 0
		t.refused = t.refused || f&cfRefusal != 0
		t.consent = t.consent || toks[k].norm == "permission" || ownMoney(toks, k) ||
			toks[k].norm == "asked" && k >= 2 && toks[k-1].norm == "i" && toks[k-2].norm == "as" // "as I asked"
		t.treatment = t.treatment || f&cfDose != 0 ||
			toks[k].norm == "pain" && k >= 2 && toks[k-2].norm == "control" // "to control the pain"
	}
	clinical := t.clinical
	for k := 0; k < len(toks); k++ {
		if masks[k]&ixSafe == 0 {
			continue
		}
		// the longest cue that starts here
		n := 1
		cw := cueWordOf(&toks[k])
		if cw.starts > 1 {
			var found []cue
			n, found = longestCue(toks, k, cw)
			if n > 1 {
				t.addAll(found, toks, k, k+n-1, clinical)
				for _, w := range toks[k+1 : k+n] { // "pillow over his face" has a victim
					for _, c := range cueWordOf(&w).signs {
						if c.kind == cueVictim || c.kind == cueAgent {
							t.add(c, k, k, false)
						}
					}
				}
			}
		}
		if n == 1 {
			cs, ok := cw.signs, cw.sign
			if w := toks[k].norm; !ok && len(w) > 0 && w[len(w)-1] != '\'' && !strings.HasSuffix(w, "'s") {
				// stripPossessive would return the word itself, which has no signs
			} else if !ok {
				cs = cueWords[stripPossessive(w)] // "Grandad's"
			}
			if len(cs) > 0 { // most words of the index only start signs of several words
				t.addAll(cs, toks, k, k, clinical)
			}
		}
		k += n - 1
	}
	return t
}

// longestCue returns the length of the longest cue of several words
// that starts at token k, whose word is cw, and its signs; n is 1 when
// there is none. It grows the phrase while it is the start of a cue.
func longestCue(toks []wtok, k int, cw *cueWord) (n int, found []cue) {
	n = 1
	if k+2 > len(toks) || !cueWordOf(&toks[k+1]).in(cw.seconds) {
		return n, nil // no cue goes on with the next word
	}
	var key [64]byte
	b := append(key[:0], toks[k].norm...)
	phrases := cuePhraseIndex()
	for m := 2; k+m <= len(toks); m++ {
		b = append(append(b, ' '), toks[k+m-1].norm...)
		p := phrases[string(b)] // cueWords and cuePrefixes in one lookup
		if p == nil {
			break
		}
		if p.sign {
			n, found = m, p.signs
		}
		if !p.prefix {
			break
		}
	}
	return n, found
}

// addAll counts the signs of the cue at tokens [a, b]. A harm sign right
// after a negation ("nobody hit her", "no bruises") does not count, and
// rough handling in a clinical sentence is care ("held her arm for the
// injection").
func (t *cueTally) addAll(cs []cue, toks []wtok, a, b int, clinical bool) {
	for _, c := range cs {
		harm := c.kind >= cueForce && c.kind != cueSelf && c.kind != cueReport
		if harm && c.kind != cueNeglect && c.kind != cueEnding && c.kind != cueControl && negatedWithin(toks, a, 3) {
			continue
		}
		if (c.kind == cueForce || c.kind == cueFear) && (clinical || a > 0 && (toks[a-1].norm == "i" || toks[a-1].norm == "we")) {
			continue // care, or the writer's own doing ("I pushed too hard")
		}
		if c.kind == cueDistress && fearOf(toks, b) {
			c.kind, c.weight = cueFear, 2 // "scared of how he'll be", "frightened of the night carer"
		}
		if c.kind == cueNeglect && (t.refused || t.surgical && cueWordOf(&toks[a]).flags&cfNeed != 0) {
			continue // her own choice, or fasting before an operation
		}
		if c.kind == cueNeglect && toks[a].norm == "on" && (a > 0 && livingWords[toks[a-1].norm] || privateTalk(toks, a)) {
			continue // "she lives on her own", "the nurse saw her on her own": not a person left alone
		}
		if c.kind == cueNeglect && toks[a].norm == "urine" && b+1 < len(toks) && urineTests[toks[b+1].norm] {
			continue // "a urine infection", "a urine sample": an illness or a test
		}
		if plainIdiom(toks, a, b) {
			continue // "dragged me to see the new Marvel film", "crying laughing", "soaked to the skin"
		}
		if c.kind == cueInjury && t.accident {
			continue // "she fell and had bruises down her side"
		}
		if c.kind == cueNeglect && cueWordOf(&toks[a]).flags&cfNeed != 0 && negatedWithin(toks, a, 3) {
			c.weight++ // a need not met: "hasn't had the heating on", "hadn't had anything to drink"
		}
		if c.kind == cueEnding && a >= 2 && (toks[a-1].norm == "my" || toks[a-1].norm == "an" || toks[a-1].norm == "her" || toks[a-1].norm == "his") &&
			(toks[a-2].norm == "after" || toks[a-2].norm == "since") {
			continue // "after my overdose in January" tells of the past
		}
		if c.kind == cueEnding && b+1 < len(toks) && endsSomethingElse[toks[b+1].norm] {
			continue // "end it with him" ends a relationship, "end it there" a story
		}
		if c.kind == cueMoney && t.consent {
			continue // "took money out of my account to pay my bills, as I asked"
		}
		if c.kind == cueEnding && c.weight == 1 && woundsBody(toks, b) {
			c.weight = 2 // "cutting the tops of her legs"
		}
		if c.kind == cueForce && c.weight == 4 && (toks[b].norm == "me" || toks[b].norm == "with" && toks[b-1].norm == "me") {
			if toks[a].norm == "hits" || toks[a].norm == "hit" {
				if a == 0 || !personWord(toks[a-1].norm) {
					continue // "it hits me every morning"
				}
			}
			t.againstWriter = true
		}
		t.add(c, a, b, harm)
	}
}

// plainIdiom reports a sign of harm at tokens [a, b] that is part of an
// everyday idiom: taken along to something ("she dragged me to see the
// new Marvel film", "dragged us along"), laughing ("crying laughing",
// "cried with laughter"), weather ("soaked to the skin"), keeping away
// from people ("cutting myself off"), a service ("the burns unit") and a
// score ("full marks").
func plainIdiom(toks []wtok, a, b int) bool {
	at := func(k int, w string) bool {
		return k >= 0 && k < len(toks) && toks[k].norm == w && toks[k].sentence == toks[a].sentence
	}
	switch toks[a].norm {
	case "dragged", "drags", "dragging":
		return at(b+2, "along") || at(b+2, "to") && (at(b+3, "see") || at(b+3, "watch"))
	case "crying", "cried":
		return at(b+1, "laughing") || at(b+1, "with") && at(b+2, "laughter") || at(a-1, "laughing")
	case "soaked", "soaking", "drenched":
		return at(b+1, "to") && at(b+2, "the") && at(b+3, "skin")
	case "burns", "burn":
		return a == b && b+1 < len(toks) && toks[b+1].sentence == toks[a].sentence && burnsService[toks[b+1].norm] // "the burns unit"
	case "marks", "mark":
		// a score, not an injury: "full marks", "marks out of ten", "whoever marks the man"
		return at(a-1, "full") || at(b+1, "out") && at(b+2, "of") || at(a-1, "whoever") || at(a-1, "who")
	}
	return cutSelfOff(toks, b) // whichever words the sign took
}

// burnsService are the words after "burns" that name a service or its
// staff ("the burns unit", "a burns nurse").
var burnsService = map[string]bool{"unit": true, "ward": true, "centre": true, "center": true, "team": true,
	"service": true, "clinic": true, "nurse": true, "nurses": true, "dressing": true, "dressings": true,
	"specialist": true, "consultant": true, "surgeon": true}

// livingWords before "on her own" tell how someone lives.
var livingWords = map[string]bool{"lives": true, "live": true, "living": true, "lived": true}

// privateTalk reports "on her own" at token a after a verb of seeing or
// speaking to someone, within four words: "can see her on her own",
// "nobody spoke to her on her own", "asked him some questions on his
// own". That is a private word with a clinician, not neglect; a controller
// who stops it ("he won't let me see the doctor on my own") is a sign of
// control of its own.
func privateTalk(toks []wtok, a int) bool {
	for k := a - 1; k >= 0 && k >= a-4 && toks[k].punctAfter == 0 && toks[k].sentence == toks[a].sentence; k-- {
		if talkWords[toks[k].norm] {
			return true
		}
	}
	return false
}

var talkWords = map[string]bool{"see": true, "saw": true, "seen": true, "seeing": true, "speak": true,
	"spoke": true, "spoken": true, "speaking": true, "talk": true, "talked": true, "talking": true,
	"ask": true, "asked": true, "asking": true, "questions": true, "interview": true, "interviewed": true}

// urineTests after "urine" make it an illness or a test, not a person
// left wet.
var urineTests = map[string]bool{"infection": true, "infections": true, "sample": true, "samples": true,
	"test": true, "tests": true, "dip": true, "dipstick": true, "output": true, "retention": true, "culture": true}

// needWords are basic needs: going without them is neglect.
var needWords = map[string]bool{"drink": true, "water": true, "food": true, "eat": true, "eaten": true,
	"fed": true, "meal": true, "meals": true, "heating": true, "wash": true, "washed": true,
	"anything": true, "nothing": true, "no": true}

// fastingWords explain going without food and drink.
var fastingWords = map[string]bool{"fasting": true, "fasted": true, "fast": true, "operation": true,
	"surgery": true, "procedure": true, "anaesthetic": true, "endoscopy": true, "colonoscopy": true}

// accidentWords explain an injury.
var accidentWords = map[string]bool{"fell": true, "fall": true, "fallen": true, "falls": true, "tripped": true,
	"slipped": true, "accident": true, "crash": true, "collided": true}

// ownMoney reports "own money", "own card": a person using what is theirs.
func ownMoney(toks []wtok, k int) bool {
	if toks[k].norm != "own" || k+1 >= len(toks) {
		return false
	}
	switch toks[k+1].norm {
	case "money", "card", "cards", "bank", "savings", "pension", "account", "cash":
		return true
	}
	return false
}

// endsSomethingElse after "end it" make it end something else: a
// relationship, a story, a call.
var endsSomethingElse = map[string]bool{"laughing": true, "with": true, "there": true, "here": true, "on": true, "at": true,
	"by": true, "now": true}

// doseWords make counting tablets treatment.
var doseWords = map[string]bool{"dose": true, "doses": true, "dosage": true, "prescribed": true,
	"prescription": true, "pharmacist": true}

// refusalWords make going without food or care the person's own choice.
var refusalWords = map[string]bool{"refused": true, "refuses": true, "refusing": true, "declined": true,
	"declines": true}

// personWord reports a word for a person who can do harm: a pronoun or
// a family, partner or staff word.
func personWord(w string) bool {
	if w == "he" || w == "she" || w == "they" {
		return true
	}
	for _, c := range cueWords[w] {
		if c.kind == cueAgent || c.kind == cueVictim && w != "her" && w != "his" && w != "him" {
			return true
		}
	}
	return false
}

// fearOf reports that the distress word at b is fear of a person: "of"
// and, within three more words, someone who could do harm.
func fearOf(toks []wtok, b int) bool {
	if b+1 >= len(toks) || toks[b+1].norm != "of" {
		return false
	}
	for k := b + 2; k < len(toks) && k <= b+4; k++ {
		for _, c := range cueWordOf(&toks[k]).signs {
			if c.kind == cueAgent || c.kind == cueVictim && toks[k].norm != "her" && toks[k].norm != "his" {
				return true
			}
		}
	}
	return false
}

// surgicalWords make cutting and wounds treatment.
var surgicalWords = map[string]bool{"surgeon": true, "surgeons": true, "incision": true, "theatre": true,
	"biopsy": true, "stitched": true, "sutures": true, "scar": true, "keyhole": true}

// woundsBody reports a body part within five words after token b, so that
// "cutting" or "burning" reads as self-injury.
func woundsBody(toks []wtok, b int) bool {
	for k := b + 1; k < len(toks) && k <= b+5; k++ {
		for _, c := range cueWordOf(&toks[k]).signs {
			if c.kind == cueMeans && bodyWords[toks[k].norm] {
				return true
			}
		}
	}
	return false
}

var bodyWords = map[string]bool{"legs": true, "arms": true, "wrists": true, "thighs": true, "stomach": true,
	"skin": true}

// joinNorms writes the tokens' words joined by spaces into buf and
// returns it; a map lookup with string(joinNorms(...)) does not allocate.
func joinNorms(buf []byte, toks []wtok) []byte {
	buf = buf[:0]
	for i, t := range toks {
		if i > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, t.norm...)
	}
	return buf
}

// selfRisk scores a sentence as the writer's own risk: 3 is clear (ending
// wording with a means or a plan), 2 is a supporting sign that counts only
// beside a clear one, below 2 is nothing.
func selfRisk(t *cueTally) int {
	if t.past || t.clinical || t.treatment || t.w[cueSelf] == 0 && (t.w[cueReport] == 0 || t.w[cueVictim] == 0) {
		return 0
	}
	end, means, plan := t.w[cueEnding], t.w[cueMeans], t.w[cuePlan]
	switch {
	case end >= 2 && means+plan >= 1, end >= 4, means >= 1 && plan >= 3:
		return 3
	case end >= 2, means >= 1 && plan >= 2, plan >= 4:
		return 2
	}
	return 0
}

// harmThreshold is the weight of signs that make a sentence read as harm.
var harmThreshold = 4

// harmToOther reports whether a sentence describes abuse or neglect of
// someone: signs of harm adding up to 3 or more, from at least a strong
// one, with a person at risk or someone who could do it.
func harmToOther(t *cueTally) bool {
	if t.w[cueVictim] == 0 && (t.w[cueAgent] == 0 || t.w[cueControl] == 0 && t.w[cueFear] == 0) && !t.againstWriter {
		return false // staff shouted at and chairs kicked is not harm to someone at risk
	}
	harm := t.w[cueDistress]
	for k := cueKind(0); k < cueKinds; k++ {
		if k.harmsOther() {
			harm += t.w[k]
		}
	}
	if t.strong < 2 {
		return false
	}
	// two kinds of harm together are telling ("has her bank cards ... hasn't had the heating on")
	return harm >= harmThreshold || t.families >= 2 && harm >= harmThreshold-1
}

// fundingMoney reports a sentence whose signs of harm count only with its
// money signs, which speak of paying for care: "By the time she was
// assessed and found eligible, every penny she had planned to leave in her
// will had been spent" (continuing healthcare funding), not money taken.
func fundingMoney(t *cueTally, sent []wtok) bool {
	if t.w[cueMoney] == 0 {
		return false
	}
	funding := false
	for k := range sent {
		if fundingWords[sent[k].norm] {
			funding = true
			break
		}
	}
	if !funding {
		return false
	}
	u := *t
	u.w[cueMoney] = 0
	return !harmToOther(&u)
}

// fundingWords speak of paying for care.
var fundingWords = wordSet(`eligible eligibility assessed assessment funding funded self-funding self-funder
chc fees fee means-tested top-up invoices invoice`)

// bruiseCause is whether a text names a cause of easy bruising: a blood
// thinner, a bleeding disorder, a sport. Bruises in such a text are
// explained ("her warfarin dose had been increased ... she bruises if you
// look at her"), even when the explanation is sentences away from them.
// It is read only when a safeguarding span needs it, and only at the
// tokens whose cue masks (cueMasks of the same tokens) have ixBruise.
type bruiseCause struct {
	masks        []uint8
	known, named bool
}

var bruiseCauseWords = map[string]bool{"warfarin": true, "apixaban": true, "rivaroxaban": true,
	"edoxaban": true, "dabigatran": true, "clopidogrel": true, "anticoagulant": true, "anticoagulants": true,
	"anticoagulation": true, "blood-thinning": true, "haemophilia": true,
	"hemophilia": true, "inr": true, "platelets": true, "platelet": true, "clotting": true, "football": true, "rugby": true, "trampoline": true,
	"trampolining": true, "playground": true, "hockey": true}

// drop removes the safeguarding spans whose only sign of harm is an
// injury, when the text names a cause of bruising.
func (c *bruiseCause) drop(toks []wtok, spans []moderation.Span) []moderation.Span {
	out := spans[:0]
	for _, s := range spans {
		if s.Kind != moderation.Safeguarding || !c.inText(toks) || !injuryOnly(toks, s) {
			out = append(out, s)
		}
	}
	return out
}

func (c *bruiseCause) inText(toks []wtok) bool {
	if !c.known {
		c.known = true
		for k := range toks {
			if c.masks[k]&ixBruise == 0 {
				continue // none of the words below
			}
			w, prev := toks[k].norm, ""
			if k > 0 {
				prev = toks[k-1].norm
			}
			if bruiseCauseWords[w] || w == "disorder" && prev == "bleeding" || (w == "thinner" || w == "thinners") && prev == "blood" {
				c.named = true
				break
			}
		}
	}
	return c.named
}

// tokenFrom returns the index of the first token of toks that starts at
// or after byte offset at (toks are in text order).
func tokenFrom(toks []wtok, at int) int {
	i, _ := slices.BinarySearchFunc(toks, at, func(t wtok, at int) int { return t.start - at })
	return i
}

// injuryOnly reports whether the words of span s carry an injury sign and
// no other sign of harm or risk.
func injuryOnly(toks []wtok, s moderation.Span) bool {
	injury := false
	for k := tokenFrom(toks, s.Start); k < len(toks); k++ {
		if toks[k].end > s.End {
			break
		}
		if w := toks[k].norm; w == "bedsore" || w == "bedsores" || k > 0 && toks[k-1].norm == "pressure" {
			return false // pressure sores tell of neglect, whatever thins the blood
		} else if (w == "explain" || w == "explanation") && negatedWithin(toks, k, 2) {
			return false // "a bruise he wouldn't explain", "no explanation", "that nobody could explain": told as kept from the writer
		}
		for _, sg := range cueWordOf(&toks[k]).signs {
			switch {
			case sg.kind == cueInjury:
				injury = true
			case sg.kind.harmsOther() && sg.kind != cueFear, sg.kind == cueEnding:
				return false
			}
		}
	}
	return injury
}
