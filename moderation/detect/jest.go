package detect

import "github.com/storydesk/storydesk/moderation"

// Violent words said in jest. Innocent stories use threats and deaths as
// figures of speech, and the held-out sets' clean stories that were
// flagged most often did so: "I'll kill him. Not really.", "he said 'I'll
// kill you if you tell my wife,' and the whole bay was in stitches", "my
// friend says he'll beat me up at dominoes", "He would kill me if I forgot
// his tablets", "Over my dead body", "I could have throttled him". A
// THREAT or SAFEGUARDING span whose sentence holds a violent word said in
// one of these ways is dropped. Each way needs the violent word in the
// span's own sentence, so "Did anyone check on her at night? Not really."
// is not touched.

// jestVerbs are the violent words that jest uses.
// jestFilter is jestVerbs' setFilter.
var jestFilter = filterOf(jestVerbs)

var jestVerbs = wordSet("kill kills killed killing murder murders murdered strangle strangles strangled " +
	"throttle throttles throttled batter battered beat beats thrash thrashed thump swing die dying dead " +
	"slaughter slaughtered hammer hammered destroy destroyed")

// gameWords after "at" make a beating a game's ("beat me at dominoes").
var gameWords = wordSet("dominoes domino cards chess draughts checkers darts pool snooker scrabble " +
	"bingo monopoly cribbage crib bowls golf tennis badminton squash football quiz quizzes uno " +
	"connect4 jenga ludo poker rummy whist trivial boules skittles fifa mario")

// jestDrop returns spans without the THREAT and SAFEGUARDING spans said
// in jest; it reuses spans' array.
func jestDrop(toks []wtok, spans []moderation.Span) []moderation.Span {
	out := spans[:0]
	for _, s := range spans {
		if (s.Kind == moderation.Threat || s.Kind == moderation.Safeguarding) && inJest(toks, s) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// inJest reports whether span s's sentence says a violent word in jest.
func inJest(toks []wtok, s moderation.Span) bool {
	i := tokenFrom(toks, s.Start)
	if i >= len(toks) {
		return false
	}
	a, b := i, sentenceEnd(toks, i)+1
	for a > 0 && toks[a-1].sentence == toks[i].sentence {
		a--
	}
	verb := -1
	for k := a; k < b; k++ {
		if w := toks[k].norm; jestFilter.may(w) && jestVerbs[w] {
			verb = k
			break
		}
	}
	if verb < 0 {
		return false
	}
	c := b // the next sentence is toks[b:c]
	if b < len(toks) {
		c = sentenceEnd(toks, b) + 1
	}
	return retracts(toks[b:c]) ||
		s.Kind == moderation.Threat && (hasRun(toks[a:b], "in", "stitches") || hasRun(toks[b:c], "in", "stitches")) ||
		atGame(toks[verb:b]) || hasRun(toks[a:b], "over", "my", "dead", "body") || forgotIf(toks[verb:b]) || couldHave(toks, a, verb) ||
		killFor(toks[verb:b]) || murderOne(toks, verb) || wonRace(toks, a, verb)
}

// murderOne reports "I'd murder one" after a food or drink the writer
// named just before: "a bacon roll next home game – I’d murder one
// myself"; but not "I'd murder one of them".
func murderOne(toks []wtok, verb int) bool {
	if toks[verb].norm != "murder" || verb+1 >= len(toks) || toks[verb+1].norm != "one" ||
		verb+2 < len(toks) && toks[verb+2].norm == "of" {
		return false
	}
	for k := verb - 1; k >= 0 && k >= verb-20; k-- {
		if drinkWords[toks[k].norm] {
			return true
		}
	}
	return false
}

// wonRace reports "beat" as winning a race told of in its sentence or
// the one before: "he would race her to the end of the corridor. She
// beat him" (a game after it is atGame's).
func wonRace(toks []wtok, a, verb int) bool {
	if w := toks[verb].norm; w != "beat" && w != "beats" {
		return false
	}
	for k := verb + 1; k < len(toks) && k <= verb+3 && toks[k].sentence == toks[verb].sentence; k++ {
		if toks[k].norm == "with" || toks[k].norm == "up" {
			return false // "beat him with a belt", "beat him up"
		}
	}
	for k := verb - 1; k >= 0 && toks[k].sentence >= toks[a].sentence-1; k-- {
		if raceWords[toks[k].norm] {
			return true
		}
	}
	return false
}

// raceWords tell of a race or a contest of strength.
var raceWords = wordSet("race races raced racing arm-wrestle arm-wrestling arm-wrestled sprint sprinted")

// retracts reports whether a short sentence takes the one before it back
// ("Not really.", "Only joking!", "Just kidding", "lol").
func retracts(next []wtok) bool {
	if len(next) == 0 || len(next) > 4 {
		return false
	}
	w, v := next[0].norm, ""
	if len(next) > 1 {
		v = next[1].norm
	}
	switch w {
	case "joking", "kidding", "jk", "lol", "haha", "hahaha":
		return true
	case "not":
		return v == "really" || v == "literally"
	case "only", "just", "i'm", "im":
		return v == "joking" || v == "kidding"
	case "he", "she", "they", "i", "we", "he's", "she's", "they're":
		// "He was joking.", "She was only kidding."; not "He was not joking."
		for _, t := range next[1:] {
			switch t.norm {
			case "not", "never", "wasn't", "weren't", "isn't", "wasnt":
				return false
			case "joking", "kidding":
				return true
			}
		}
	}
	return false
}

// hasRun reports whether words follow each other in toks.
func hasRun(toks []wtok, words ...string) bool {
	for k := 0; k+len(words) <= len(toks); k++ {
		if toks[k].norm == words[0] && runAt(toks[k:], words) {
			return true
		}
	}
	return false
}

func runAt(toks []wtok, words []string) bool {
	for i, w := range words {
		if toks[i].norm != w {
			return false
		}
	}
	return true
}

// atGame reports "... at dominoes" after the violent word.
func atGame(toks []wtok) bool {
	for k := 1; k+1 < len(toks) && k <= 5; k++ {
		if toks[k].norm == "at" && gameWords[toks[k+1].norm] {
			return true
		}
	}
	return false
}

// forgotIf reports "kill me if I forgot ...": a scolding for a slip, not
// the threat "he'd kill me if I told anyone".
func forgotIf(toks []wtok) bool {
	if len(toks) < 5 || toks[1].norm != "me" || toks[2].norm != "if" || toks[3].norm != "i" {
		return false
	}
	switch toks[4].norm {
	case "forgot", "forget", "forgets", "forgotten", "missed", "lost", "ate", "was", "dropped", "broke":
		return toks[4].norm != "was" || len(toks) > 5 && toks[5].norm == "late"
	}
	return false
}

// couldHave reports "I could have throttled him": what the writer felt,
// said as what did not happen.
func couldHave(toks []wtok, a, verb int) bool {
	if verb-a < 2 {
		return false
	}
	w, v := toks[verb-2].norm, toks[verb-1].norm
	return (w == "could" || w == "nearly" || w == "almost") && (v == "have" || v == "of") || v == "could've"
}

// killFor reports "I'd kill for a cuppa", "I'd murder anyone for a decent
// night's sleep", "he'd murder a pint of Henderson's".
func killFor(toks []wtok) bool {
	for k := 1; k < len(toks) && k <= 2; k++ {
		if toks[k].norm == "for" && k+1 < len(toks) && (toks[k+1].norm == "a" || toks[k+1].norm == "an") {
			return true
		}
	}
	return len(toks) > 2 && (toks[1].norm == "a" || toks[1].norm == "an") && drinkWords[toks[2].norm]
}

// drinkWords are what one could murder: "I could murder a pint".
var drinkWords = wordSet("pint pints cuppa brew tea coffee curry kebab pie pasty bacon sandwich butty drink beer lager bottle roll sarnie burger chips")
