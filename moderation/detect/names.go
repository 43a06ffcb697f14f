package detect

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// nameHit is a name found over tokens a..b (inclusive).
type nameHit struct {
	a, b   int
	conf   float64
	reason string
}

// names finds personal names in d.
type names struct {
	d       *doc
	g       gazetteer
	hits    []nameHit
	reasons map[[2]string]string // built reasons, so a long text builds each once
	covered []bool               // tokens inside a name, while propagate lists names
	places  map[string]bool      // the words the text names as places (placeElsewhere), built on first use
	// kin is set while a name after a sure sign is read (addSure): "my
	// husband Gordon Brown" is nobody famous, whatever the lists hold
	// (but "his brother Perfect Peter", in Horrid Henry, is)
	kin bool
	// lower is set while lowerNames reads a text written in lower case:
	// a famous name may go on in lower case ("gavin and stacey")
	lower bool
	// nicknames are the common words the text gives as nicknames after a
	// title (nickname), so that a later "Mr Crunch" is one too
	nicknames []string
	// famousFirsts are the first words of the famous names of two or more
	// words gazetteerNames has passed, so that the first name alone later
	// is the same famous one: "reading Tracy Beaker ... Tracy would never".
	// A famous name another rule found as a private person's puts its
	// first word in givenFamous instead ("the midwife who delivered her,
	// Katherine Jenkins ... Diolch o galon, Katherine").
	famousFirsts, givenFamous []string
	// storms are the names the story gives storms ("Storm Babet"), which
	// are no one's when they come again alone: "the only villains here
	// were Babet, Ciarán and Henk"
	storms       []string
	namesakeSeen int8 // namesakeTold of the text: 0 not asked yet, 1 no, 2 yes
}

// why returns prefix + "'" + word + "'" without building it twice.
func (n *names) why(prefix, word string) string {
	k := [2]string{prefix, word}
	r, ok := n.reasons[k]
	if !ok {
		if n.reasons == nil {
			n.reasons = make(map[[2]string]string)
		}
		r = prefix + "'" + word + "'"
		n.reasons[k] = r
	}
	return r
}

// stop reports whether token i is a capitalised word that never starts or
// continues a name: function words, titles, job words.
func (n *names) stop(i int) bool {
	return n.d.isAny(i, stopCaps|titles|roleWords)
}

// phrase returns the last token of a name starting at token i: one to three
// capitalised words (with particles such as "van" or "de" and hyphenated
// parts), or false when token i cannot start a name or the words name an
// organisation, place or famous person.
func (n *names) phrase(i int) (int, bool) {
	d := n.d
	if !d.capWord(i) || n.stop(i) {
		return 0, false
	}
	if d.isAny(i-1, notPersonBefore) && d.capWord(i-1) || (d.punct(i-1, ".") && d.is(i-2, "st")) {
		return 0, false
	}
	if d.joiningHyphen(i+1) && d.inSet(i+2, placeLinks) || d.joiningHyphen(i-1) && d.inSet(i-2, placeLinks) {
		return 0, false // a town: "Leigh-on-Sea", "Stoke-on-Trent", "Weston-super-Mare", "Bangor-on-Dee"
	}
	end, words := i, 1
	for words < 3 {
		k := end + 1
		if d.punct(k, ".") && d.adjacent(end) && d.be(end)-d.bs(end) == 1 && d.capWord(k+1) && !d.toks[k+1].nl {
			k++ // an initial: "M. Thompson", "Stefanía K. Oddgeirsdóttir"
		}
		switch {
		case d.punct(k, "-") && d.adjacent(end) && d.adjacent(k) && d.capWord(k+1):
			end = k + 1
			continue
		case d.isAny(k, particles) && !d.toks[k].upper && d.capWord(k+1) && !d.toks[k+1].nl:
			k++
		}
		if k >= len(d.toks) || !d.capWord(k) || d.toks[k].nl || (n.stop(k) || d.isAny(k, institutionWords)) && !(k == i+1 && n.g.surname(d.s(k)) && selfIntro(d, i)) || n.placeWord(k) || d.month(k) > 0 {
			break
		}
		end = k
		words++
	}
	// organisations and places named after people: "Nightingale Ward",
	// "the Maggie’s centre", "a Marie Curie nurse"
	next := end + 1
	if next < len(d.toks) && d.toks[next].kind == tPoss {
		next++
	}
	// "Mrs Okafor's house" is her home: after a possessive only a capitalised
	// word ("Maggie's Centre") names an institution
	if (d.isAny(next, institutionWords) && (next == end+1 || d.toks[next].upper) || n.placeWord(next)) && !d.toks[next].nl &&
		!(!d.toks[next].upper && d.inSet(next+1, objectPronouns)) { // a verb, not a street: "my friend Bartek drive me to hospital"
		return 0, false
	}
	if next > end+1 && d.capWord(next) && !d.toks[next].nl && !n.g.first(d.s(next)) && !n.stop(next) {
		return 0, false // a title after a possessive: "Mrs Brown’s Boys"
	}
	if next > end+1 && d.is(next, "day") && d.toks[next].upper {
		return 0, false // "Patrick's Day", "St David's Day"
	}
	if next > end+1 && possessivePlace(d, i) {
		return 0, false // "a leaflet for Maggie's", "an ambulance to Dr Gray's"
	}
	if next > end+1 && i == end && n.placeByPossessive(i, next) {
		return 0, false // "an ambulance to Addenbrooke's", "Thank you, Addenbrooke's."
	}
	if (!n.kin || i == end && d.isAny(i, famous)) && n.famousName(i, end) && !(i == end && d.isAny(i-1, titles) && (n.g.surname(d.s(i)) || n.g.first(d.s(i)))) {
		return 0, false // but "Nurse Bevan" is a nurse, whatever the NHS owes Nye Bevan; after a sure sign only a one-word brand or star is turned down ("Dr Martens")
	}
	return end, true
}

// famousThanked reports a famous full name (famousMore) at j, after the
// thank word at i, that the thanks do not make a private person: "thanks
// to" as "because of" ("it started there thanks to Ludwig Guttmann"), or
// a knight's or a dame's title ("Thank you, Sir Tom Moore"); but "thank
// you to Tom Moore on the ward" is a member of staff.
func (n *names) famousThanked(i, j int) bool {
	d := n.d
	if !d.is(i+1, "to") && !d.is(j, "sir") && !d.is(j, "dame") {
		return false
	}
	end, ok := n.phrase(j)
	return ok && end > j && n.famousMoreEnd(j) >= end
}

// selfIntro reports words before token i that introduce a person: "I’m",
// "I am", "She's", "he is", "my name is".
func selfIntro(d *doc, i int) bool {
	switch {
	case d.is(i-1, "i'm") || d.is(i-1, "i’m") || d.is(i-1, "im"):
		return true
	case i >= 2 && d.toks[i-1].kind == tPoss && (d.is(i-2, "she") || d.is(i-2, "he")):
		return true
	case d.is(i-1, "am") && d.is(i-2, "i"), d.is(i-1, "is") && (d.is(i-2, "she") || d.is(i-2, "he") || d.is(i-2, "name")):
		return true
	}
	return false
}

// possessivePlaces are institutions named by a person's possessive, lower
// case with a straight apostrophe: the Maggie's cancer centres, Dr Gray's
// hospital in Elgin, Andy's Man Club. They are whole names, title and
// all, so "Maggie's mum" and "Dr Gray's clinic" are still people.
var possessivePlaces = []string{"maggie's", "dr gray's", "andy's man club"}

// possessiveFirst are the first words of possessivePlaces.
var possessiveFirst = firstWords(possessivePlaces)

// firstWords returns the first word of each phrase (up to a space or an
// apostrophe), as a set.
func firstWords(phrases []string) map[string]bool {
	m := map[string]bool{}
	for _, p := range phrases {
		w, _, _ := strings.Cut(p, " ")
		w, _, _ = strings.Cut(w, "'")
		m[w] = true
	}
	return m
}

// plainLower lower-cases s and makes its curly apostrophes straight, as
// possessivePlaces and namedIdioms are written.
func plainLower(s string) string { return strings.ReplaceAll(strings.ToLower(s), "’", "'") }

// possessivePlace reports whether the name at token i (after its title, if
// any) opens one of possessivePlaces, followed by no word it could own.
func possessivePlace(d *doc, i int) bool {
	start := i
	if d.isAny(i-1, titles) {
		start = i - 1
	}
	var buf [8]byte
	if w := d.s(start); len(w) > len(buf) || !possessiveFirst[string(appendLower(buf[:0], w))] {
		return false // most possessives open no such name: "Sarah's"
	}
	rest := plainLower(d.text[d.bs(start):min(len(d.text), d.bs(start)+40)])
	for _, p := range possessivePlaces {
		if after, ok := strings.CutPrefix(rest, p); ok {
			next := strings.TrimLeft(after, " ")
			// after a bare possessive a lower-case word is what the
			// person owns ("Maggie's mum"), unless it follows a place
			if !strings.HasSuffix(p, "'s") || next == "" || next[0] < 'a' || next[0] > 'z' || placeFollower(next) {
				return true
			}
		}
	}
	return false
}

// placeByPossessive reports a word at token i that is no first name,
// with a possessive and nothing it could own after it (token next is
// punctuation, the end or a word that follows a place), after a
// preposition of place or "thank you": a hospital, shop or charity named
// by a possessive ("taken to Addenbrooke's", "outside Sainsbury's in
// the rain", "Thank you, Addenbrooke's"). Over the labelled stories none
// of 90 such words was a person; a first name is left alone ("stayed at
// Dean's" is his house).
func (n *names) placeByPossessive(i, next int) bool {
	d := n.d
	if n.g.first(d.s(i)) {
		return false
	}
	after := next >= len(d.toks) || d.toks[next].kind == tPunct || d.toks[next].nl ||
		d.toks[next].kind == tWord && !d.toks[next].upper && placeFollower(d.s(next))
	if !after {
		return false
	}
	k := i - 1
	if d.punct(k, ",") {
		k-- // "Thank you, Addenbrooke's"
	}
	return d.inSet(k, possessivePlacePreps) || d.is(k, "you") && (d.is(k-1, "thank") || d.is(k-1, "thanks"))
}

var possessivePlacePreps = wordSet(`to at from in into outside inside near`)

// placeFollower reports a word that follows a place, not a thing owned:
// "at Maggie's for a cuppa", "to Dr Gray's and".
func placeFollower(s string) bool {
	w, _, _ := strings.Cut(s, " ")
	switch strings.TrimRight(w, ".,;:!?") {
	case "for", "and", "in", "on", "at", "which", "where", "when", "with", "is", "was", "took", "the", "that", "but", "again", "every", "last", "next", "to", "so", "because", "as", "or", "out":
		return true
	}
	return false
}

// specialistWord reports a word naming a medical specialist: "Rheumatologist",
// "Paediatrician", "Physician".
func specialistWord(w string) bool {
	w = strings.ToLower(w)
	return strings.HasSuffix(w, "ologist") || strings.HasSuffix(w, "ician") || strings.HasSuffix(w, "iatrist") ||
		w == "surgeon" || w == "anaesthetist" || w == "radiographer" || w == "nurse" || w == "midwife"
}

// placeWord reports whether token k is a capitalised word that names a
// street or flat and is rarely a surname ("Bypass", "Road", "Flat", but not
// "Hill" or "Green").
func (n *names) placeWord(k int) bool {
	return n.d.isAny(k, placeOnlyWords) && n.d.toks[k].upper
}

// role reports whether token k is a lower-case job word: one of roleWords
// or a word ending in -ist, -ician or -ologist ("hygienist",
// "paediatrician", "oncologist").
func (n *names) role(k int) bool {
	d := n.d
	if d.isAny(k, roleWords) {
		return true
	}
	if k < 0 || k >= len(d.toks) || d.toks[k].kind != tWord || d.toks[k].upper || d.isAny(k, notRoleIst) {
		return false
	}
	w := d.s(k)
	return len(w) > 6 && (strings.HasSuffix(w, "ist") || strings.HasSuffix(w, "ists") || strings.HasSuffix(w, "ician") || strings.HasSuffix(w, "icians"))
}

var notRoleIst = idWords(`assist assists exist exists insist insists resist resists persist persists consist
consists whilst amidst twist twists playlist playlists checklist checklists waitlist`)

var placeOnlyWords = idWords(`street road avenue drive crescent terrace mews bypass pass parks extension
extensions creek cliffs heights boulevard parkway embankment approach close gardens grove square way
walk rise flat apartment apt royal`)

var particles = idWords(`van von de der den da di du le la bin binti al el ul ap`)

// famousName reports whether tokens a..b are a famous, historical or
// fictional person, or an eponymous brand ("Elvis", "Harry Potter").
func (n *names) famousName(a, b int) bool { return n.famousEnd(a, b) >= 0 }

// famousEnd returns the last token of the famous name that tokens a..b
// start (it may run on past b: "Gavin and Stacey"), or -1.
func (n *names) famousEnd(a, b int) int {
	d := n.d
	if a == b && d.isAny(a, famous) {
		return a
	}
	if d.toks[a].kind == tWord && !d.isAny(a, famousFirst) {
		return -1 // no full name starts with this word: build nothing
	}
	return n.famousIn(a, b, famousFull, false)
}

// devotionWords are prayers and songs of worship, which are offered to a
// god or a saint: "the bhajan to Krishna".
var devotionWords = wordSet(`pray prayed praying prays prayer prayers bhajan bhajans hymn hymns puja pooja aarti arti
kirtan offering offerings devotion devotions`)

// famousThrough reports a famous name of two or three words that ends
// with token i: "John Charles", "Jai Shri Krishna".
func (n *names) famousThrough(i int) bool {
	d := n.d
	for a := i - 1; a >= 0 && a >= i-2 && d.capWord(a) && !d.sentenceEnd(a); a-- {
		if n.famousName(a, i) || n.famousMoreEnd(a) >= i {
			return true
		}
	}
	return false
}

// famousMoreEnd returns the last token of the longest name of famousMore
// that starts at token a, or -1.
func (n *names) famousMoreEnd(a int) int {
	var buf [32]byte
	if w := n.d.s(a); len(w) > len(buf) || !famousMoreFirst[string(appendLower(buf[:0], w))] {
		return -1
	}
	return n.famousIn(a, a, famousMore, true)
}

// famousTitle reports a title and a word that no name in the gazetteer
// is, at k..i, that famousMore holds: "Mr Brightside", "Dr Zhivago",
// "Mrs Magoo" (but "Dr Finlay", whose name is a real doctor's too).
func (n *names) famousTitle(k, i int) bool {
	w := n.d.s(i)
	return !n.g.first(w) && !n.g.surname(w) && n.famousMoreEnd(k) == i
}

// famousIn returns the last token of a name of full that tokens a..b
// start, the shortest or the longest, or -1.
func (n *names) famousIn(a, b int, full map[string]bool, longest bool) int {
	d := n.d
	found := -1
	var buf [64]byte // the name so far, lower case, joined by '_', without allocating
	name := buf[:0]
	// the name's words, and up to four after them that a famous name may
	// go on with ("Theresa May", where a month ends the name; "Wallace
	// and Gromit")
	marks := 0 // the marks after b, which count as none of the four
	for k := a; k <= b+4+marks && k < len(d.toks); k++ {
		if d.toks[k].kind != tWord {
			if k > b && !d.punct(k, "&") && !(d.punct(k, "-") && d.be(k-1) == d.bs(k)) && !(d.punct(k, ",") && d.capWord(k+1)) &&
				!(d.punct(k, ".") && d.be(k-1)-d.bs(k-1) == 1 && d.toks[k-1].upper) {
				break // a hyphen inside a surname goes on: "Rose Ayling-Ellis"; a comma in a list: "Matthew, Mark, Luke and John"; an initial: "C.S. Lewis"
			}
			if k > b {
				marks++
			}
			continue
		}
		if k > b+1 && !d.toks[k].upper && !d.is(k, "and") && !n.lower || d.toks[k].nl && k > a {
			break // the word right after may be lower case: "Stanley knife"
		}
		if len(name) > 0 {
			name = append(name, '_')
		}
		if d.punct(k-1, "&") && k > a {
			name = append(name, "and_"...)
		}
		// the list spells "daniel_o'donnell": a curly apostrophe goes in
		// straight, without building the word anew
		name = appendLowerStraight(name, d.s(k))
		if full[string(name)] && !(d.joiningHyphen(k+1) && d.capWord(k+2)) {
			// but not "Dr Colin Firth-Jones", whose surname goes on past the star's
			if found = k; !longest {
				return k
			}
		}
	}
	return found
}

// appendLowerStraight is appendLower that writes a curly apostrophe
// (’) as a straight one, in the same pass.
func appendLowerStraight(b []byte, s string) []byte { return appendLowerAs(b, s, true) }

// appendLower appends strings.ToLower(s) to b, rune by rune as ToLower
// maps them, without building the string.
func appendLower(b []byte, s string) []byte { return appendLowerAs(b, s, false) }

// appendLowerAs is appendLower, with curly apostrophes made straight when
// straight is set.
func appendLowerAs(b []byte, s string, straight bool) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, lowerTable[c])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if straight && r == '’' {
			b = append(b, '\'')
		} else {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		i += size
	}
	return b
}

func (n *names) add(a, b int, conf float64, reason string) {
	n.hits = append(n.hits, nameHit{a, b, conf, reason})
}

// addWithList adds the name at i and any "and Name" coordinated with it.
func (n *names) addWithList(i int, conf float64, reason string) bool {
	end, ok := n.phrase(i)
	if !ok {
		return false
	}
	n.add(i, end, conf, reason)
	for n.d.is(end+1, "and") || n.d.punct(end+1, "&") {
		e2, ok := n.phrase(end + 2)
		if !ok {
			break
		}
		n.add(end+2, e2, conf, reason)
		end = e2
	}
	return true
}

// addSure is addWithList where sure says the sign before the name is
// one a famous person seldom has: a title, the writer's relationship word,
// a member of staff's role ("Dr Daniel Craig", "my husband Gordon Brown",
// "the midwife, Denise Lewis"). Then the famous lists do not turn the
// name down (n.kin).
func (n *names) addSure(i int, conf float64, reason string, sure bool) bool {
	n.kin = sure
	added := n.addWithList(i, conf, reason)
	n.kin = false
	return added
}

// roleBefore looks back from the token before a name (skipping one comma
// and a short prepositional phrase such as "in charge" or "on the phone")
// for a role or relationship noun opened by a determiner. It returns the
// noun's token index.
func (n *names) roleBefore(i int) (int, bool) {
	d := n.d
	j := i - 1
	comma := d.punct(j, ",")
	if comma {
		j--
	}
	for skip := 0; skip <= 3 && j >= 0; skip++ {
		if d.toks[j].kind == tWord && !d.toks[j].upper || n.role(j) || d.isAny(j, relationWords) {
			boat := j == i-1 && d.toks[j].upper && d.is(j-1, "the") && d.isAny(j, relationWords) // "hauling on the Girl Margaret"
			if (n.role(j) || d.isAny(j, relationWords)) && (n.determinerBefore(j) || j == i-1 && n.role(j) && n.bareRole(j)) && !boat {
				if w := d.s(j); d.toks[j].upper && !d.toks[j].allUpper && strings.HasSuffix(w, "s") && (d.isAny(j, relationWords) || n.role(j)) &&
					j > 0 && !d.sentenceEnd(j-1) && !n.g.first(d.s(i)) {
					return 0, false // a title: "a worker from Friends, Families and Travellers", "a man from Carers Northumberland"
				}
				if w := d.s(i); d.toks[j].upper && d.dictionaryWord(i) && !n.g.first(w) && !n.g.surname(w) {
					return 0, false // a service's name: "the Independent Domestic Violence Advisor", "Student Finance kept rejecting it"
				}
				return j, true
			}
		} else {
			return 0, false
		}
		if !comma {
			return 0, false // "the nurse Grace": the noun sits right before the name
		}
		j--
	}
	return 0, false
}

// bareRole reports a job with no article that opens its clause, right
// before a name: "Healthcare assistant Grace washed my hair", "On the
// ward, staff nurse Joy ...". The job's words (up to three, in lower case
// but for the first of a sentence) follow the start of a sentence, a line
// or a comma.
func (n *names) bareRole(j int) bool {
	d := n.d
	for k := j; k >= 0 && k >= j-2; k-- {
		if d.toks[k].kind != tWord || d.toks[k].upper && !(k == 0 || d.sentenceEnd(k-1) || d.toks[k].nl) {
			return false
		}
		if k == 0 || d.sentenceEnd(k-1) || d.toks[k].nl || d.punct(k-1, ",") {
			return true
		}
	}
	return false
}

// determinerBefore reports whether a determiner opens the noun phrase that
// ends at token j (through adjectives, "’s" and hyphens).
func (n *names) determinerBefore(j int) bool {
	d := n.d
	for k := j - 1; k >= 0 && k >= j-6; k-- {
		t := d.toks[k]
		if t.kind == tWord && d.isAny(k, determiners) {
			return true
		}
		if t.kind == tPoss || d.punct(k, "-") || t.kind == tWord && (!t.upper || k == j-1) {
			continue
		}
		return false
	}
	return false
}

// mcSurname reports a surname of the Mc and Mac families: "McGowan",
// "MacAskill" (a capital after the prefix, and at least two more letters).
func mcSurname(w string) bool {
	if len(w) < 5 || w[0] != 'M' {
		return false
	}
	for _, p := range []string{"Mc", "Mac"} {
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 3 && rest[0] >= 'A' && rest[0] <= 'Z' {
			return true
		}
	}
	return false
}

// edgeWords before "of" make the name after it a place: "the edge of
// Stanley".
var edgeWords = wordSet(`edge edges outskirts middle centre center heart`)

// broadcast are what a programme is on: "Vera on the telly".
var broadcast = wordSet(`telly tv radio television box iplayer netflix`)

// personNouns before "from" make the name after it a place: "a man from
// Lewis", "the nurse from Dromore" (but "a letter from Tracy").
var personNouns = wordSet(`man men woman women lad lads lass lasses girl girls boy boys chap bloke blokes guy guys
lady ladies gentleman fella fellow family families folk people nurse nurses doctor doctors paramedic paramedics
someone somebody farmer crofter fisherman driver`)

// namedThings are things people give names to: a first name right after
// one names the thing, there and elsewhere in the story ("the new kidney
// Kevin ... Kevin's school report", "my stoma Sid"), as a pet's does.
var namedThings = wordSet(`kidney kidneys liver heart lung lungs stoma stomas tumour tumours lump cyst pacemaker
wheelchair zimmer walker scooter pump catheter car van campervan caravan boat minibus bus tractor motorbike cab taxi
line port drain illness disorder anorexia bulimia stick crutch crutches hoist bike bicycle machine prosthesis frame
depression anxiety ocd app chatbot`)

// carModels are makes and models of car, van and motorbike that are
// spelled with a capital and read as names: "a Morris Minor called
// Doris", "an old Land Rover named Gertie".
var carModels = wordSet(`minor mini beetle fiesta corsa cortina capri escort metro micra polo golf clio astra
transit rover defender discovery yaris zafira punto panda granada maestro allegro vespa lambretta vauxhall volvo
fiat skoda`)

// carAt reports a car of carModels at token k after a determiner or
// a lower-case word that is no relation or role, perhaps with its make
// between ("a Morris Minor", "an old Land Rover"), so that "Robin called
// Sue" is no car.
func carAt(d *doc, k int) bool {
	if !d.inSet(k, carModels) {
		return false
	}
	if d.capWord(k-1) && !d.sentenceEnd(k-2) {
		k-- // the make
	}
	return k >= 1 && d.toks[k-1].kind == tWord && !d.toks[k-1].upper && !d.isAny(k-1, relationWords|roleWords) // not "my friend Polo"
}

// compassWords before a town in a sign-off: "Gerry Quinn, east Belfast".
var compassWords = wordSet(`north south east west northern southern eastern western central`)

// ownerWords before a capitalised word make it a thing someone has, not
// a name with an age after it: "my Hb was 64".
var ownerWords = wordSet(`my his her your our their`)

// ownedThing reports an owner's word ("my", "our") up to two words before
// the thing at token k, with only lower-case words between: "our old car",
// "my electric wheelchair"; not "the first aider in the caravan".
func ownedThing(d *doc, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if d.inSet(j, ownerWords) || d.is(j, "the") && (j == 0 || d.sentenceEnd(j-1)) {
			return true // "my old car", "The bike, Doris, came off worse" (the writer's)
		}
		if d.toks[j].kind != tWord || d.toks[j].upper {
			return false
		}
	}
	return false
}

// journeyTo reports "to" or "from" before token i after a word of
// travel, with or without a particle between ("going to", "went back to",
// "the drive over to", "drove in from"): a name there is where someone
// went or came from. A particle needs the word of travel before it:
// "handed over to Nia", "down to Orla" name people.
func (n *names) journeyTo(i int) bool {
	d := n.d
	if d.is(i-1, "of") && d.is(i-2, "way") && d.is(i-3, "by") {
		return true // "from Syria by way of Jordan"
	}
	if p := d.lead(i - 1); p != 't' && p != 'f' && p < utf8.RuneSelf || !d.is(i-1, "to") && !d.is(i-1, "from") {
		return false
	}
	if d.is(i-1, "from") && (d.is(i-2, "far") || d.is(i-2, "home") && (d.inSet(i-3, journeyWords) || d.inSet(i-3, comeWords))) {
		return true // "not far from Gordon", "my sister moved home from Moira"
	}
	if d.is(i-1, "from") && d.inPlaces(i-2) && d.is(i-3, "to") && (d.inSet(i-4, journeyWords) || d.inSet(i-4, comeWords)) {
		return true // "My grandad came to Sheffield from Aden"
	}
	if d.is(i-1, "to") && d.is(i-2, "on") && d.inSet(i-3, journeyWords) {
		return true // "she was going on to Ruthin after us"; but "he came on to Kelly"
	}
	return d.inSet(i-2, journeyWords) || d.inSet(i-2, journeyParticles) && (d.inSet(i-3, journeyWords) || d.inSet(i-3, comeWords)) ||
		d.inSet(i-2, journeyParticles) && d.inSet(i-3, objectPronouns) && (d.inSet(i-4, journeyWords) || d.inSet(i-4, takeWords)) || // "driven her over from Barry"
		d.is(i-1, "to") && d.inSet(i-3, takeWords) && (d.inSet(i-2, objectPronouns) || d.is(i-2, "us")) // "We took him to Withybush"
}

// journeyWords and journeyParticles are read by journeyTo.
var (
	journeyWords = wordSet(`go goes going gone went drive drives driving drove driven travel travels travelled traveled
travelling traveling fly flies flying flew flown move moves moving moved trip journey holiday holidays
bus buses train trains coach ferry flight flights fled emigrated retired relocated sailed`)
	journeyParticles = wordSet(`over back down up out round across in`)
	// takeWords take someone somewhere: "we took him to Withybush"
	takeWords = wordSet(`took take taking taken brought bring bringing rushed transferred sent`)
	// comeWords are journeys only with a particle: "came up from Fenton",
	// but "a letter came from Tracy"
	comeWords = wordSet(`come comes coming came`)
)

// subjectPronouns and objectPronouns frame a naming: "we called him Bear".
var (
	subjectPronouns = wordSet(`we i they she he you everybody everyone people folk`)
	objectPronouns  = wordSet(`him her them me`)
)

// callVerbs ask the reader to phone someone: "Call Janine on ...".
var callVerbs = wordSet(`call ring phone text contact`)

// idLabelWithin reports a comma and an identifier's label after it
// starting at one of tokens a..b: the cheap test before a name is built.
func idLabelWithin(d *doc, a, b int) bool {
	for k := a; k <= b && k+1 < len(d.toks); k++ {
		if d.toks[k].kind != tPunct || d.text[d.toks[k].start] != ',' {
			continue
		}
		switch d.text[d.toks[k+1].start] | 0x20 { // the labels' first letters
		case 'n', 'd', 'b', 'c', 'h', 'u':
			if idLabelAt(d, k+1) {
				return true
			}
		}
	}
	return false
}

// idLabelAt reports an identifier's label at token k: "NHS number",
// "DOB", "born", "date of birth", "hospital number", "National Insurance".
func idLabelAt(d *doc, k int) bool {
	switch {
	case d.is(k, "nhs") || d.is(k, "dob") || d.is(k, "born") || d.is(k, "chi"):
		return true
	case d.is(k, "date") && d.is(k+1, "of") && d.is(k+2, "birth"), d.is(k, "national") && d.is(k+1, "insurance"):
		return true
	case (d.is(k, "hospital") || d.is(k, "unit") || d.is(k, "ni")) && (d.is(k+1, "number") || d.is(k+1, "no")):
		return true
	}
	return false
}

// beforeInitial are the words after which an initial and a capitalised
// word are a person: "signed by R. Heywood", "a letter from J. Okafor".
var beforeInitial = map[string]bool{"by": true, "a": true, "from": true, "to": true, "with": true,
	"and": true, "called": true, "named": true, "saw": true, "seen": true, "met": true, "signed": true}

// lowerTitle reports a title typed in lower case before a capitalised
// name the gazetteer holds, or a word the dictionary lacks or spells with
// a capital: "the nurse mrs Pritchard", "dr Okafor", "doctor Whitfield".
// "miss", which is also a verb ("I miss Grace"), only after a role ("a
// social worker miss Harding").
func (n *names) lowerTitle(i int) bool {
	d := n.d
	if d.toks[i].upper || !d.isAny(i, titles) || i+1 >= len(d.toks) || d.toks[i+1].nl || d.toks[i+1].kind != tWord {
		return false
	}
	switch d.s(i) {
	case "mr", "mrs", "ms", "dr", "doctor":
		w := d.s(i + 1)
		// "my gp dr ahmed": a name typed in lower case too, if it is no word
		if !d.capWord(i + 1) {
			f := n.g.capFlags(w)
			return !n.stop(i+1) && f&gAmbiguous == 0 && f&(gFirst|gSurname) != 0
		}
		// or no dictionary word: "the GP, doctor Whitfield"
		return n.g.surname(w) || n.g.first(w) || (!d.dictionaryWord(i+1) || d.inSet(i+1, capitalisedWords())) && !n.stop(i+1)
	case "miss":
		// after a role only: "a social worker miss Harding"
		w := d.s(i + 1)
		return d.capWord(i+1) && n.role(i-1) && !n.stop(i+1) &&
			(n.g.surname(w) || n.g.first(w) || !d.dictionaryWord(i+1) || d.inSet(i+1, capitalisedWords()))
	}
	return false
}

// find runs the signal rules token by token, then the sign-off, the
// gazetteer and the propagation of every name found to its other
// occurrences.
func (n *names) find() {
	d := n.d
	for i := n.nextFindStart(0); i < len(d.toks); i = n.nextFindStart(i + 1) {
		t := &d.toks[i]
		// asked by most rules below; a rule that reads a name starting
		// here with phrase (or addSure, addWithList) asks it first, as
		// phrase turns a stop word down
		stop := n.stop(i)
		// title: "Dr Amir Patel", "Staff Nurse Okoro", "Dr. Shah"
		isPair := false
		if t.upper && d.isAny(i, titlePairFirst) {
			pair := titlePairs[strings.ToLower(d.s(i))]
			isPair = d.is(i+1, pair) && d.toks[i+1].upper
		}
		if (t.upper && (isPair || d.isAny(i, titles)) || !t.upper && n.lowerTitle(i)) && !(d.capWord(i-1) && !n.stop(i-1) && d.toks[max(i-2, 0)].kind == tNum) {
			j := i + 1
			title := d.s(i)
			if isPair {
				title += " " + d.s(j)
				j++
			}
			if d.punct(j, ".") && d.adjacent(i) {
				if !d.inSet(j-1, titleAbbrevs) {
					continue // a sentence ends: "Ooh, Matron. Ten out of ten."
				}
				j++
			}
			// job words between title and name: "Nurse Practitioner Jones", "Consultant Surgeon Mr Shah"
			for skip := 0; skip < 2 && d.capWord(j) && !d.toks[j].nl && (n.role(j) || d.isAny(j, titles)); skip++ {
				title += " " + d.s(j)
				j++
			}
			if !t.upper && j == i+1 && !d.capWord(j) && !n.famousName(i, j) {
				n.add(j, j, 0.85, n.why("name after title ", title)) // "my gp dr ahmed" (lowerTitle read the name)
				continue
			}
			if j+2 < len(d.toks) && d.toks[j+1].kind == tPoss && d.inSet(j+2, brandGoods) {
				continue // a brand: "a box of Dr Brown's bottles"
			}
			if n.likeCharacter(i) || multipleSclerosis(d, i) || d.is(i, "miss") && d.is(i-1, "little") && d.toks[i-1].upper {
				continue // "dressed as Mrs Brown", "looks exactly like Mrs Doubtfire", "my mum who has MS. Mostly ...", "Little Miss Chatterbox"
			}
			if n.nickname(i, j) {
				n.nicknames = append(n.nicknames, d.s(j))
				continue // "a skeleton toy she called Mr Bones", "the nurses nicknamed him Mr Sunshine"
			}
			if j < len(d.toks) && slices.Contains(n.nicknames, d.s(j)) && !(d.capWord(j+1) && !d.toks[j+1].nl) {
				continue // the nickname again: "she wrote “Mr Crunch — very fierce”"
			}
			if aaFounders(d, i, j) {
				continue // "Bill W. and Dr Bob", who started Alcoholics Anonymous
			}
			if onAir(d, j) {
				continue // a doctor on television: "Dr Hilary Jones had said on breakfast telly"
			}
			if fictionalDoctor(d, i, j) {
				continue // "a country GP should be like Dr Finlay", "the kind of doctor Dr Finlay would have been"
			}
			if k := j + 1; (d.is(k, "from") || d.is(k, "off") || d.is(k, "in")) && programmeAt(d, k+1) {
				continue // a character: "the tea lady is Mrs Doyle from Father Ted"
			}
			if j < len(d.toks) && !d.toks[j].nl && !n.famousName(i, j) && !n.famousTitle(i, j) && !d.isAny(j, institutionWords) && // not "the Family Nurse Partnership"
				!(d.is(i, "consultant") && specialistWord(d.s(j))) && // a job: "Consultant Rheumatologist"
				n.addSure(j, 0.9, n.why("name after title ", title), !d.is(i, "professor") && !d.is(i, "prof")) {
				continue
			}
		}
		// naming verbs and labels: "a nurse called Jo", "named", "Name: ..."
		if d.isAny(i, namingWords) {
			j := i + 1
			ok := true
			switch {
			case thingBeforeNaming(d, i):
				ok = false // "a toy fire engine he named Big Red", "an orange she had named Jeff"
			case t.capWord && d.capWord(i-1) && !d.toks[i].nl:
				ok = false // a title, in title case: "‘A Boy Named Sue’", "The Girl Called Rose"
			case d.is(i, "names"):
				// "Their names really are Faith and Joy"
				if d.is(j, "really") {
					j++
				}
				ok = d.is(j, "are") || d.is(j, "were")
				j++
			case d.is(i, "name") || d.is(i, "surname") || d.is(i, "forename"):
				switch {
				case d.punct(j, ":"):
					j++
				case d.punct(j, "*") && d.punct(j+1, ":"):
					j += 2 // a form's required field: "Surname*: Nowakowski"
				case d.is(j, "is") || d.is(j, "was") || d.toks[min(j, len(d.toks)-1)].kind == tPoss:
					j++
				case (d.is(j, "badge") || d.is(j, "tag")) && (d.is(j+1, "said") || d.is(j+1, "says") || d.is(j+1, "read") || d.is(j+1, "reads")):
					j += 2 // "The carer’s name badge said Dawn"
				case d.is(j, "on") || d.is(j, "in"):
					// "The name on the rota for those calls is Jade": a short
					// phrase of where the name is written, then "is"
					k := j + 1
					for k < len(d.toks) && k <= j+6 && d.toks[k].kind == tWord && !d.is(k, "is") && !d.is(k, "was") && !d.toks[k].upper {
						k++
					}
					ok = d.is(k, "is") || d.is(k, "was")
					j = k + 1
				default:
					ok = false
				}
			case !d.is(i, "name") && d.inSet(i-1, subjectPronouns) && d.inSet(j, objectPronouns) &&
				d.capWord(j+1) && !d.toks[j+1].nl && !n.stop(j+1) && !kinWord(d, j+1) && !d.isAny(j+1, titles|notPersonBefore):
				j++ // "we called him Bear", "they named her Wren", "everybody calls me Sandy"
			case d.is(i, "calls"):
				ok = false // "calls" names only through a pronoun, above
			case d.is(i, "called"):
				prev := i - 1
				ok = (n.role(prev) || d.isAny(prev, relationWords) || d.isAny(prev, calledPrev) ||
					(d.capWord(j) && n.g.first(d.s(j))) ||
					n.calledAfterRole(prev)) && // "the nurse who held my hand was called Suzie", "the nurse, who is called Hiba"
					!d.inWords(prev, thingsCalled) && // "a village called Bell End", "a ward called Rowan"
					!((d.is(prev, "was") || d.is(prev, "is")) && d.inWords(prev-1, thingsCalled)) // "The ward was called Rowan"
			}
			prev := i - 1
			sure := n.role(prev) || d.isAny(prev, relationWords) || n.calledAfterRole(prev) ||
				d.is(i, "name") && (d.is(prev, "his") || d.is(prev, "her") || d.is(prev, "my") || // "his name is Gordon Brown"
					prev > 0 && d.toks[prev].kind == tPoss && (d.isAny(prev-1, relationWords) || n.role(prev-1))) // "My husband’s name is Gary Barlow"
			if ok && j < len(d.toks) && n.addSure(j, 0.85, n.why("name after ", strings.ToLower(d.s(i))), sure) {
				continue
			}
		}
		// gratitude: "thanks to Bev", "I want to thank Kayleigh and Bradley",
		// "especially Máiréad"
		if d.isAny(i, thankWords) {
			j := i + 1
			for skip := 0; skip < 3 && (d.is(j, "you") || d.is(j, "u") || d.is(j, "ya") || d.is(j, "to") || d.is(j, "too") || d.is(j, "also") || d.is(j, "so") || d.is(j, "much")); skip++ {
				j++ // "Thank you to Morag", "Thanks too to Priya", "THANK U to the staff"
			}
			if d.punct(j, ",") { // "Thank you, Bronwen"
				j++
			}
			if d.is(j, "st") || d.is(j, "saint") || j+1 < len(d.toks) && !d.toks[j+1].nl && d.toks[j+1].kind == tNum ||
				(d.inSet(j, compassWords) || d.is(j, "royal")) && d.capWord(j+1) {
				continue // a hospital, hospice or ward: "Thank you, St Margaret's", "Thank you, Level 5", "Thank you West Cumberland", "Thank you to Royal Manchester Children's"
			}
			if n.famousThanked(i, j) {
				continue
			}
			if j < len(d.toks) && !d.toks[j].nl && !n.placeElsewhere(j) && !n.placeNotName(j) && !n.serviceNamed(j) && n.addWithList(j, 0.75, n.why("name after ", strings.ToLower(d.s(i)))) {
				continue
			}
		}
		// relationship or role noun before the name
		if t.capWord && !t.nl && !stop && !d.isAny(i, institutionWords) && !(d.isAny(i-1, titles) && n.likeCharacter(i-1)) { // addSure (phrase) turns a stop word down
			if k, ok := n.roleBefore(i); ok && !d.inSet(i, kinWords) && !n.famousName(k, i) && !(n.g.ambiguous(d.s(i)) && d.inSet(i, modalWords) && inverted(d, i+1)) && // not "Doctor Foster", "I ask the doctor, Will I get better?" (but "the midwife Grace she come")
				!(k == i-1 && d.is(k, "nan") && d.capWord(k-1)) { // Gaelic "nan" (of the): "Ospadal nan Eilean"
				reason, conf := n.why("name after relationship word ", strings.ToLower(d.s(k))), 0.9
				if !d.isAny(k, relationWords) {
					reason, conf = n.why("name beside role ", strings.ToLower(d.s(k))), 0.85
				}
				// the writer's own ("my husband Gordon Brown", "my grandad, John
				// Major") or a member of staff ("the midwife, Denise Lewis");
				// not "his brother Perfect Peter"
				sure := (k == i-1 || k == i-2 && d.punct(i-1, ",")) &&
					(d.isAny(k, relationWords) && (d.is(k-1, "my") || d.is(k-1, "our")) || n.role(k) && (ownDet(d, k-1) || k == i-2 && ownDet(d, k-2) && d.toks[k-1].kind == tWord && !d.toks[k-1].upper)) ||
					k < i-2 && d.punct(i-1, ",") && n.role(k) && (ownDet(d, k-1) || d.is(k-1, "a")) // "The GP there, Brian Kerr", "the midwife who delivered her, Katherine Jenkins"
				if n.addSure(i, conf, reason, sure) {
					continue
				}
			}
		}
		// what follows a name says who it is (one phrase for both rules)
		if t.capWord && !stop && !d.isAny(i-1, locatives) { // phrase turns a stop word down
			end, ok := n.phrase(i)
			// where someone works: "Kerenza on reception found me a
			// wheelchair", "When Nikhil from our team complained"
			if ok && !t.nl && !d.isAny(i-1, determiners) && n.workplaceAfter(end+1) && (n.g.first(d.s(i)) || !d.dictionaryWord(i)) && !n.famousName(i, end) {
				n.add(i, end, 0.75, "name before where someone works ('on reception')")
				i = end
				continue
			}
			// reverse apposition: "Faith, my chemo nurse, ..." (not "Ba, my
			// grandmother")
			if ok && d.punct(end+1, ",") && n.roleAfter(end+2) && !(end == i && d.inSet(i, foreignKin)) && !d.is(i-1, "the") && !d.is(i-1, "a") && !d.is(i-1, "an") && // not "the centre at the Heath, the specialist nurse, ...", "a Catholic priest, an Anglican, an imam"
				!(end == i && n.g[d.s(i)] == 0 && d.dictionaryWord(i)) && // not "Afterwards, one of the nurses" (but "Kit, the OT,")
				!(end == i && d.inSet(i, praiseNames) && (d.is(end+2, "that") || d.is(end+2, "what"))) { // not "Saint, that man."
				n.add(i, end, 0.8, "name followed by a role ('Name, my nurse')")
				i = end
				continue
			}
		}
		// a Scottish or Irish surname the gazetteer lacks: "Davie McGowan",
		// "Ishbel MacAskill" (not "McDonald's")
		if t.capWord && !t.nl && !stop && i+1 < len(d.toks) && mcSurname(d.s(i+1)) && (i+2 >= len(d.toks) || d.toks[i+2].kind != tPoss) &&
			!d.is(i, "doc") { // a cartoon doctor: "a Doc McStuffins video"
			if end, ok := n.phrase(i); ok && end == i+1 && !n.famousName(i, end) {
				n.add(i, end, 0.8, "first name and a Mc or Mac surname")
				i = end
				continue
			}
		}
		// a birth: "Bear was born at 23 weeks"
		if t.capWord && !stop && (d.is(i+1, "was") || d.is(i+1, "were")) && d.is(i+2, "born") && !t.nl &&
			(i == 0 || !d.capWord(i-1) || d.sentenceEnd(i-1)) && // not the end of "Richard Burton"
			!d.isAny(i, institutionWords) && !n.famousName(i, i) && !n.placeWord(i) && !kinWord(d, i) && !d.isAny(i-1, locatives) {
			n.add(i, i, 0.8, "name before 'was born'")
			i++
			continue
		}
		// "I was seen by Feargal Quinn": who saw or treated the writer, a
		// full name (a first name alone is the gazetteer's)
		if t.capWord && !stop && d.may(i-1, 'b') && d.is(i-1, "by") && d.inSet(i-2, seenBy) && !t.nl {
			if end, ok := n.phrase(i); ok && end > i && !n.famousName(i, end) && !d.isAny(end, institutionWords) &&
				!d.inPlaces(end) && (n.gazetteerSupport(i, end) || !d.dictionaryWord(i)) {
				n.add(i, end, 0.8, "name after 'seen by'")
				i = end
				continue
			}
		}
		// "The nurse on duty that night was Oonagh Brennan."
		if t.capWord && !stop && d.may(i-1, 'w') && d.is(i-1, "was") && !d.toks[i].nl {
			if end, ok := n.phrase(i); ok && (d.punct(end+1, ".") || d.punct(end+1, ",") || end+1 >= len(d.toks)) && n.roleEarlier(i-2) && !n.famousName(i, end) {
				n.add(i, end, 0.8, "name after a role and 'was'")
				i = end
				continue
			}
		}
		// "The two carers who came most often were Joy and Frank."
		if t.capWord && !stop && d.is(i-1, "were") && !t.nl && d.is(i+1, "and") && n.g.first(d.s(i)) && n.roleEarlier(i-2) && !n.famousName(i, i+2) && n.famousMoreEnd(i) < i+2 &&
			d.capWord(i+2) && n.g.first(d.s(i+2)) {
			if n.addWithList(i, 0.8, "names after a role and 'were'") {
				continue
			}
		}
		// a name shouted at the end of a sentence in capitals: "I AM A
		// POORLY PERSON, MANDY."
		if t.kind == tWord && t.allUpper && d.punct(i-1, ",") && i >= 2 && d.toks[i-2].allUpper && d.be(i)-d.bs(i) >= 3 &&
			(i+1 == len(d.toks) || d.toks[i+1].nl || d.punct(i+1, ".") || d.punct(i+1, "!") || d.punct(i+1, "?")) {
			if f := n.g.titleFlags(d.s(i)); f&gFirst != 0 && f&gAmbiguous == 0 {
				n.add(i, i, 0.75, "first name called out at the end of a sentence in capitals")
				continue
			}
		}
		// labelled lines: "Patient: Gwendolen Ashby-Rowe"
		if t.capWord && d.toks[i].nl && d.isAny(i, labelWords) && d.punct(i+1, ":") {
			if end, ok := n.phrase(i + 2); ok {
				n.add(i+2, end, 0.85, "name after the label "+d.s(i))
				i = end
				continue
			}
		}
		// a month that is a first name, between commas after "my nan" or
		// "our carer": "My nan, June, moved into a care home in June"
		if t.capWord && d.month(i) > 0 && d.punct(i-1, ",") && d.punct(i+1, ",") && !t.nl && n.g.first(d.s(i)) &&
			(d.isAny(i-2, relationWords) || n.role(i-2)) && (d.is(i-3, "my") || d.is(i-3, "our")) && !(i+2 < len(d.toks) && d.toks[i+2].kind == tNum) {
			n.add(i, i, 0.8, "month name between commas after a relationship or role word")
			i++
			continue
		}
		// "the nurse who sat with me when he died, Mercy, was ...": a word
		// between commas after a role names the role, common word or not
		if t.capWord && d.punct(i-1, ",") && d.punct(i+1, ",") && !t.nl &&
			((n.roleEarlier(i-2) || n.oneOfThem(i-2) || d.inSet(i-2, memberWords)) && !d.isAny(i-2, institutionWords) || n.personWhere(i-2) && !d.inSet(i+2, listLinks)) &&
			!stop && !n.famousName(i, i) && !n.placeWord(i) && !d.isAny(i, institutionWords) && // not "the crew, Resus, and everyone"
			!(d.inPlaces(i) && !n.g.first(d.s(i))) { // not "from everywhere — Kerala, Manila, Accra"
			n.add(i, i, 0.75, "name between commas after a role")
			i++
			continue
		}
		// a full name there: "the nurse who was on duty that night, Olufemi
		// Adeyemi, who rang us"
		if t.capWord && d.punct(i-1, ",") && (d.punct(i+2, ",") || d.punct(i+3, ",")) && !t.nl && !stop &&
			(n.roleEarlier(i-2) && !d.isAny(i-2, institutionWords) || n.personWhere(i-2)) {
			if end, ok := n.phrase(i); ok && end > i && end <= i+2 && d.punct(end+1, ",") && !d.inSet(end+2, listLinks) && n.gazetteerSupport(i, end) &&
				!n.famousName(i, end) && !n.placeWord(i) && !d.isAny(i, institutionWords) && !d.inPlaces(i) {
				n.add(i, end, 0.75, "name between commas after a role")
				i = end
				continue
			}
		}
		// "Alwyn Pritchard, born on 1 March 1941", "Nguyen Thi Lan, address
		// Flat 12, Orchard Court"
		if t.capWord && !t.nl && !stop && (i == 0 || !d.capWord(i-1) || d.sentenceEnd(i-1)) {
			if end, ok := n.phrase(i); ok && end > i && d.punct(end+1, ",") && (d.is(end+2, "born") && !d.is(end+3, "and") || d.is(end+2, "dob") ||
				d.is(end+2, "date") && d.is(end+3, "of") && d.is(end+4, "birth") || d.is(end+2, "address") && !d.inSet(end+3, stopWordsAfterAddress)) && !n.famousName(i, end) {
				reason := "name before a date of birth"
				if d.is(end+2, "address") {
					reason = "name before an address"
				}
				n.add(i, end, 0.85, reason)
				i = end
				continue
			}
			// "His details are Gurdial Singh Sandhu, NHS number 612 509 8834"
			if end, ok := n.phrase(i); ok && end > i && d.punct(end+1, ",") && (d.is(end+2, "nhs") || d.is(end+2, "hospital")) &&
				(d.is(end+3, "number") || d.is(end+3, "no")) && !n.famousName(i, end) && !n.placeWord(i) {
				n.add(i, end, 0.85, "name before an NHS or hospital number")
				i = end
				continue
			}
			// "Des’s National Insurance number", "Mirela's NHS number"
			if i+1 < len(d.toks) && d.toks[i+1].kind == tPoss && idLabelAt(d, i+2) && !n.famousName(i, i) && !n.placeWord(i) && !kinWord(d, i) &&
				!d.isAny(i, institutionWords) && (n.gazetteerSupport(i, i) || !d.dictionaryWord(i)) {
				n.add(i, i, 0.85, "name before an identifier of theirs ('’s NHS number')")
				continue
			}
		}
		// what someone asks to be called: "who told us to call him Seun",
		// "you can call me Bev"
		if t.capWord && !stop && !t.nl && d.inSet(i-1, objectPronouns) && d.is(i-2, "call") && (d.inSet(i-3, callAskers) || d.is(i-3, "to") && (d.inSet(i-4, objectPronouns) || d.is(i-4, "us"))) &&
			!kinWord(d, i) && !d.isAny(i, titles|notPersonBefore) && !n.famousName(i, i) {
			if end, ok := n.phrase(i); ok {
				n.add(i, end, 0.85, "name after 'call him' or 'call me'")
				i = end
				continue
			}
		}
		// a spouse named: "I have been married to Alwyn for 55 years"; a
		// neighbour: "Reg next door is good with him"
		if t.capWord && !stop && !t.nl && (d.is(i-1, "to") && (d.is(i-2, "married") || d.is(i-2, "engaged")) ||
			d.is(i+1, "next") && d.is(i+2, "door") && n.g.first(d.s(i)) && (i == 0 || d.sentenceEnd(i-1) || d.inSet(i-1, afterAnd))) &&
			!kinWord(d, i) && !d.isAny(i, titles|notPersonBefore) && !n.placeWord(i) {
			if end, ok := n.phrase(i); ok && !n.famousName(i, end) && (end == i || !d.is(i+1, "next")) {
				n.add(i, end, 0.8, "name of a spouse or neighbour ('married to', 'next door')")
				i = end
				continue
			}
		}
		// what people call someone: "His mates call him Chalky", "The
		// lads on the site called him Nobby", "Everyone, even his own
		// grandchildren, calls him Chalky"
		if t.capWord && !stop && !t.nl && d.inSet(i-1, objectPronouns) && (d.is(i-2, "call") || d.is(i-2, "calls") || d.is(i-2, "called")) &&
			callersBefore(d, i-3) && !kinWord(d, i) && !d.isAny(i, titles|notPersonBefore) && !n.placeWord(i) {
			if end, ok := n.phrase(i); ok && !n.famousName(i, end) && n.famousMoreEnd(i) < end {
				n.add(i, end, 0.8, "name people call someone ('his mates call him Chalky')")
				i = end
				continue
			}
		}
		// a nickname given in an aside: "Dad (Reg to everyone in the
		// village)", "Winifred — Win to her friends — was ..."
		if t.capWord && !stop && !t.nl && nicknameAside(d, i) && !n.famousName(i, i) && !n.placeWord(i) && !kinWord(d, i) {
			n.add(i, i, 0.8, "nickname in an aside ('Reg to everyone')")
			i++
			continue
		}
		// "I am Jaswinder Kaur Gill, date of birth ...": a known name after "I am"
		if t.capWord && !stop && d.may(i-1, 'a') && d.is(i-1, "am") && d.is(i-2, "i") && !t.nl {
			if end, ok := n.phrase(i); ok && n.gazetteerSupport(i, end) && !n.famousName(i, end) && !(end == i && kinWord(d, i)) { // not "I am Nana to Hamza"
				n.add(i, end, 0.8, iAmReason)
				i = end
				continue
			}
		}
		// "My partner is Lee.", "My mother is Nguyễn Thị Hồng.": a
		// relation named by "is" (not "My husband is Irish.")
		if t.capWord && !stop && d.may(i-1, 'i') && d.is(i-1, "is") && d.isAny(i-2, relationWords) && d.inSet(i-3, possessiveWords) && !d.toks[i].nl {
			if end, ok := n.phrase(i); ok && (d.punct(end+1, ".") || d.punct(end+1, ",") || end+1 >= len(d.toks)) &&
				(n.gazetteerSupport(i, end) || !d.dictionaryWord(i) || end > i && !d.dictionaryWord(end) || // "My mother is Hyacinth Alleyne"
					end > i && d.inSet(i, capitalisedWords())) { // "my son is Wong Chi-Ming"
				n.add(i, end, 0.85, n.why("name after relationship word ", strings.ToLower(d.s(i-2))))
				i = end
				continue
			}
		}
		// a name no dictionary holds opening a sentence with a visit:
		// "Kerensa comes Mondays and Thursdays"
		if t.capWord && !stop && !n.placeWord(i) && (i == 0 || d.sentenceEnd(i-1)) && d.inSet(i+1, visitVerbs) &&
			!d.dictionaryWord(i) && !kinWord(d, i) {
			if end, ok := n.phrase(i); ok && end == i {
				n.add(i, i, 0.75, "name before a visit ('comes', 'came')")
				continue
			}
		}
		// a name no dictionary holds opening a sentence before ", who":
		// "Thach, who got me out of bed and into the chair"
		if t.capWord && !stop && (i == 0 || d.sentenceEnd(i-1)) && d.punct(i+1, ",") && d.is(i+2, "who") &&
			!n.placeWord(i) && !d.dictionaryWord(i) && !kinWord(d, i) && !n.famousName(i, i) {
			if end, ok := n.phrase(i); ok && end == i {
				n.add(i, i, 0.75, "name before ', who'")
				continue
			}
		}
		// a first name that is also a word, opening a sentence with what
		// only a person does: "Faith sat with me", "Hope said it was fine"
		if t.capWord && !stop && (i == 0 || d.sentenceEnd(i-1) || d.inSet(i-1, afterAnd)) && (d.inSet(i+1, personActs) || groomingAct(d, i+1)) && n.g.first(d.s(i)) &&
			!n.placeWord(i) && !kinWord(d, i) && d.month(i) == 0 && !n.famousName(i, i) &&
			!(d.is(i, "grace") && (d.is(i+1, "said") || d.is(i+1, "says"))) { // not the grace said before a meal
			if end, ok := n.phrase(i); ok && end == i {
				n.add(i, i, 0.7, "first name before what only a person does ('Faith sat with me')")
				continue
			}
		}
		// a name and an age: "Jade is 17, autistic and ...", "Reuben was 4"
		if t.capWord && !stop && (d.is(i+1, "is") || d.is(i+1, "was")) && d.be(i)-d.bs(i) > 1 && i+2 < len(d.toks) && d.toks[i+2].kind == tNum && ageAt(d, i+2) &&
			!n.placeWord(i) && !d.inSet(i, landforms) && !kinWord(d, i) && !d.isAny(i-1, locatives) &&
			n.firstOrNoWord(i) && !d.inSet(i-1, ownerWords) && !d.is(i-1, "the") { // not "My neighbour in Splott is 79", "my Hb was 64", "the Nuffield was 14"
			if end, ok := n.phrase(i); ok && end == i {
				n.add(i, i, 0.8, "name followed by an age ('is 17')")
				continue
			}
		}
		// a name before the shift worked: "Fern on nights always had a cup
		// of tea waiting"
		if t.capWord && !stop && (d.is(i+1, "on") && (d.inSet(i+2, shiftWords) || d.is(i+2, "the") && d.inSet(i+3, shiftNames) && d.is(i+4, "shift")) || doesShift(d, i+1)) &&
			n.firstOrNoWord(i) && !n.placeWord(i) && d.month(i) == 0 && !(d.inPlaces(i) && (d.isAny(i-1, locatives) || d.is(i-1, "for"))) { // not "appointments sent for Inverness on days when ..."
			if end, ok := n.phrase(i); ok && end == i {
				n.add(i, i, 0.8, "name before the shift they work ('on nights')")
				continue
			}
		}
		// a name to ask for on a phone number: "Call Janine Cattermole on
		// 07700 900 861", "ring Bev on 0117 ..."
		if t.capWord && !stop && d.inSet(i-1, callVerbs) {
			if end, ok := n.phrase(i); ok && d.is(end+1, "on") && end+2 < len(d.toks) && d.toks[end+2].kind == tNum &&
				(end > i || n.g.first(d.s(i))) {
				n.add(i, end, 0.85, "name to ask for on a phone number")
				i = end
				continue
			}
		}
		// a name given with its identifiers: "Lee Harrison, NHS number 723
		// 900 3124, born 21.06.1986"
		if t.capWord && !stop && idLabelWithin(d, i+2, i+4) {
			if end, ok := n.phrase(i); ok && end > i && d.punct(end+1, ",") && idLabelAt(d, end+2) &&
				(n.g.first(d.s(i)) || n.g.surname(d.s(end))) {
				n.add(i, end, 0.85, "name given with an identifier")
				i = end
				continue
			}
		}
		// an initial and a surname after a word that introduces a person:
		// "signed by a R. Heywood", "saw J. Okafor" (not "I." or "A." ending
		// a sentence, nor "vitamin D. Sunlight helps")
		if t.capWord && d.be(i)-d.bs(i) == 1 && !d.is(i, "i") && !d.is(i, "a") && d.punct(i+1, ".") && d.adjacent(i) &&
			d.capWord(i+2) && !d.toks[i+2].nl && d.inSet(i-1, beforeInitial) {
			if end, ok := n.phrase(i + 2); ok && !n.famousName(i, end) && !(d.dictionaryWord(i+2) && n.g[d.s(i+2)] == 0 && !d.inSet(i+2, capitalisedWords())) { // not "spent half an hour with M. Afterwards M told me"
				n.add(i, end, 0.8, "an initial and a surname")
				i = end
				continue
			}
		}
		// "I’m Chidinma and I had my twins": the writer's own name, even
		// one no gazetteer holds, when it is no ordinary English word
		// ("I'm Gutted.", "I'm Polish and ...": a demonym is a stop word)
		if t.capWord && !t.nl && !stop && (d.is(i-1, "i'm") || d.is(i-1, "i’m") || d.is(i-1, "im") && d.toks[i-1].upper) && i+1 < len(d.toks) &&
			(d.is(i+1, "and") || d.punct(i+1, ",") || d.punct(i+1, ".")) && !n.placeWord(i) &&
			!n.famousName(i, i) && !d.dictionaryWord(i) {
			n.add(i, i, 0.75, "name the writer gives as their own ('I'm ...')")
			continue
		}
		// "Grandpa Seamus is 91": a relationship word used as a title
		if t.capWord && !t.nl && !stop && i > 0 && d.toks[i-1].upper && d.inSet(i-1, kinTitles) {
			if end, ok := n.phrase(i); ok && !n.famousName(i-1, end) && !n.placeWord(i) &&
				(n.gazetteerSupport(i, end) || !d.dictionaryWord(i)) {
				n.add(i, end, 0.85, n.why("name after relationship word ", strings.ToLower(d.s(i-1))))
				i = end
				continue
			}
		}
		// "Jas was my physio", "Bernie is our key worker", "Jomo has been
		// his key worker" (not "Problem is my husband ...")
		if v := beenAt(d, i+1); t.capWord && !stop && v > 0 && d.inSet(v+1, ownerWords) && !d.is(v+1, "your") &&
			(n.role(v+2) || d.isAny(v+2, relationWords) || n.role(v+3)) && !d.isAny(i-1, locatives) && !d.isAny(i-1, determiners) &&
			!d.inSet(i, framingNouns) && !(v+3 < len(d.toks) && d.toks[v+3].kind == tPoss) { // not "Bob Marley was my dad’s favourite", "The Beast is his nephew"
			n.add(i, i, 0.8, "name followed by 'was my' and a role")
			i++
			continue
		}
	}
	n.signature()
	n.nameTheRole()
	n.gazetteerNames()
	n.dropPlayedParts()
	n.dropEponyms()
	n.lowerNames()
	n.propagate()
}

// dropEponyms drops names that name a place:
//   - a full name after "after" whose surname names a ward or building of
//     the story: "Tuke Ward ... named after William Tuke, the Quaker who
//     opened the York Retreat" is the ward's namesake;
//   - a possessive that ends what a place is called: "St James’s, which
//     everyone round here calls Jimmy’s";
//   - a hospital's name labelling its number: "Christie No: C0928814".
func (n *names) dropEponyms() {
	d := n.d
	n.hits = slices.DeleteFunc(n.hits, func(h nameHit) bool {
		if h.a == h.b && (h.a == 0 || d.toks[h.a].nl) && (d.is(h.a+1, "no") || d.is(h.a+1, "number")) && d.punct(h.a+2, ":") {
			return true // a hospital's number on a labelled line: "Christie No: C0928814"
		}
		if h.b+2 <= len(d.toks) && d.toks[h.b+1].kind == tPoss && (d.inSet(h.a-1, itNaming) || d.is(h.a-1, "as") && d.is(h.a-2, "known")) &&
			(h.b+2 == len(d.toks) || d.toks[h.b+2].kind == tPunct) {
			return true
		}
		if h.b == h.a || !d.is(h.a-1, "after") {
			return false
		}
		for k := 0; k+1 < len(d.toks); k++ {
			if k != h.b && d.toks[k+1].upper && d.isAny(k+1, institutionWords) && d.capWord(k) && d.s(k) == d.s(h.b) {
				return true
			}
		}
		return false
	})
}

// dropPlayedParts drops "I am Taylor" where the story names a famous
// person of that first name ("a show about Taylor Swift. I am Taylor."):
// the part the writer plays, unless the story says someone shares the
// famous name.
func (n *names) dropPlayedParts() {
	if len(n.famousFirsts) == 0 {
		return
	}
	n.hits = slices.DeleteFunc(n.hits, func(h nameHit) bool {
		w := n.d.s(h.a)
		return h.a == h.b && h.reason == iAmReason && hasFold(n.famousFirsts, w) && !hasFold(n.givenFamous, w) && !n.namesakeTold()
	})
}

// nextFindStart returns the first token from i on that a rule of find
// may start at (see nextCap), or len(n.d.toks): every rule of find needs
// a capitalised word (titles, capWord), a naming or thanking word, or a
// title typed in lower case.
func (n *names) nextFindStart(i int) int {
	toks := n.d.toks
	lower := namingWords | thankWords | titles
	for ; i < len(toks); i++ {
		if t := &toks[i]; t.kind == tWord && (t.upper || t.cls&lower != 0) {
			break
		}
	}
	return i
}

// nameTheRole flags a name told with "the" and a job after it, at the
// start of a clause or in a list: "Hamid the physio and Clare the
// psychologist", "Kel the therapist listened", and in a story typed in
// lower case "grace the physio ..., frank the ot ... and dawn the hca".
// The job is the sign, so an ambiguous first name counts; a word that
// is no first name must be no dictionary word ("Tell the nurse"), and a
// modal is a question ("Will the physio come?").
func (n *names) nameTheRole() {
	d := n.d
	// token i+1 is "the", a determiner: the loop steps from one
	// determiner to the next (see nextCap)
	for j := d.nextClass(1, determiners); j+1 < len(d.toks); j = d.nextClass(j+1, determiners) {
		i := j - 1
		if t := &d.toks[j]; t.end-t.start != 3 || d.text[t.start] != 't' {
			continue // not "the" (a capital "The" starts a sentence here, not a job)
		}
		if !d.is(i+1, "the") || d.toks[i+2].upper || !n.role(i+2) && !d.inSet(i+2, staffAcronyms) ||
			i+3 < len(d.toks) && d.toks[i+3].kind == tPoss || d.is(i+3, "a") || d.is(i+3, "an") {
			continue // "Gie the doctor a medal": a verb, the doctor is given something
		}
		t := &d.toks[i]
		w := d.s(i)
		if t.kind != tWord || t.digit || len(w) < 2 || !(d.capWord(i) || !t.upper && lowerWriter(d)) || d.inSet(i, modalWords) || n.stop(i) ||
			n.covers(i) || n.famousName(i, i) || n.placeWord(i) || kinWord(d, i) {
			continue
		}
		if !n.g.first(w) && (d.dictionaryWord(i) || !t.upper) {
			continue
		}
		if !(i == 0 || d.sentenceEnd(i-1) || d.toks[i].nl || d.punct(i-1, ",") || d.punct(i-1, "(") || d.punct(i-1, "&") ||
			d.is(i-1, "and") || d.is(i-1, "esp") || d.is(i-1, "especially") || d.is(i-1, "you")) {
			// not after "to": "On his last admission to Derriford the pharmacist ..."
			continue
		}
		n.add(i, i, 0.8, "name before 'the' and a role")
	}
}

// modalWords open a question before "the" and a job: "Will the physio
// come?", "May the nurse ...".
var modalWords = wordSet(`will may can could would should shall must did does do has have had is was are were`)

// lowerNames flags, in a story written in lower case ("esp jodie, she was
// class"), a word in lower case that the gazetteer holds as a first name
// and not as a word ("Will", "Rose" are ambiguous): a writer who does not
// capitalise "i" or a sentence does not capitalise a name either.
func (n *names) lowerNames() {
	d := n.d
	if !lowerWriter(d) {
		return
	}
	n.lower = true
	defer func() { n.lower = false }()
	for i := 0; i < len(d.toks); i++ {
		t := &d.toks[i]
		w := d.s(i)
		if t.kind != tWord || t.upper || t.digit || len(w) < 3 || len(w) > 24 || w[0] < 'a' || w[0] > 'z' || n.stop(i) {
			continue
		}
		f := n.g.capFlags(w)
		// a title before it: "dr hallam", "mrs o’neill"; a role or a
		// relative keeps it from reading as a place ("the nurse jodie")
		titled := d.inSet(i-1, lowerTitles) && !d.toks[i-1].upper
		// "grace the physio had him standing": a name that opens its clause
		// (after a sentence's end, a comma or "and") before "the" and a job,
		// on one line; not a question ("can the nurse come")
		roleNext := d.is(i+1, "the") && !d.toks[i+1].nl && n.role(i+2) && !d.inSet(i, modalWords) &&
			(i == 0 || d.sentenceEnd(i-1) || d.toks[i].nl || d.punct(i-1, ",") || d.is(i-1, "and"))
		sign := titled || n.role(i-1) || d.isAny(i-1, relationWords) || roleNext
		switch {
		case slangNotNames[w]:
			continue
		case titled && !d.is(i-2, "a") && (f&(gFirst|gSurname) != 0 && f&gAmbiguous == 0 || !d.dictionaryWord(i) && !strings.HasSuffix(w, "nt") ||
			!d.is(i-1, "miss") && (f&gSurname != 0 || d.inSet(i, capitalisedWords()))):
			// "dr smith", "dr fitzgerald" (a surname the dictionary lists as a word); not "i miss brown bread"
		case f&gFirst != 0 && f&gAmbiguous != 0 && (d.is(i-1, "is") && d.is(i-2, "name") || d.is(i-1, "called") || d.is(i-1, "named")):
			// "her name is faith", "a nurse called grace": the naming is the sign
		case roleNext && f&gFirst != 0 && !d.isAny(i, relationWords|roleWords|famous):
			// a job after it is the sign, for a first name that is also a
			// word: "grace the physio had him standing" (not after a
			// relative: "my mum can hear", "my mate will kill me")
		case f&gFirst == 0 || f&gAmbiguous != 0 || d.isAny(i, relationWords|famous):
			continue
		}
		if e := max(n.famousEnd(i, i), n.famousMoreEnd(i)); e > i {
			i = e
			continue // a star: "we had harry styles on full blast", "we watched gavin and stacey"
		}
		if i >= 1 && n.famousEnd(i-1, i-1) >= i || i >= 2 && n.famousEnd(i-2, i-2) >= i || titled && n.famousMoreEnd(i-1) >= i ||
			titled && strings.HasSuffix(w, "s") && slices.Contains(possessivePlaces, d.s(i-1)+" "+w[:len(w)-1]+"'s") { // "dr grays in elgin"
			continue // inside a famous name: "singing sweet caroline", "a marks and spencer magnet"
		}
		if !sign && (d.isAny(i-1, locatives) && !d.is(i-1, "to") && !d.is(i-1, "from") || d.is(i-1, "the") || d.is(i-1, "a") || d.is(i-2, "the") ||
			d.inSet(i-1, placeSaints) || d.is(i-1, "pro")) {
			continue // a place or a thing: "in jordan", "the florence", "the new vicky", "the william harvey", "prince charles", "st thomas’s", "pro ana pages"
		}
		if songNamed(d, i) || dishNamed(d, i) || actedPart(d, i) || regnal(d, i+1) || n.likeCharacter(i) || workOf(d, i) ||
			d.is(i-1, "of") && d.is(i-2, "up") && d.is(i-3, "poster") {
			continue // a song, a dish, a part, a king, a book or a star: "a poster up of gary mabbutt"
		}
		if !sign && (d.inSet(i+1, afterVerb) || d.inSet(i+1, colourWords)) {
			continue // a verb or a colour: "jack it in", "let me jack the bed up", "pat him on the back", "ruby red"
		}
		if titled {
			n.add(i, i, 0.7, "name after a title, in a story written in lower case")
			continue
		}
		n.add(i, i, 0.6, "first name in the name gazetteer, in a story written in lower case")
	}
}

// workOf reports a name at token i after "copy of" or "poster of": a book,
// a record or a star ("her copy of Matilda", "a poster of Hannah Cockroft");
// or after a version of a work ("the school did a version of Matilda"), or
// a part of it read or watched ("I read most of Matilda", "we got through
// the whole of Matilda").
func workOf(d *doc, i int) bool {
	if !d.is(i-1, "of") {
		return false
	}
	if d.is(i-2, "copy") || d.is(i-2, "copies") || d.is(i-2, "poster") || d.is(i-2, "posters") || d.inSet(i-2, workVersions) {
		return true
	}
	k := i - 3
	if d.is(k, "the") {
		k--
	}
	return d.inSet(i-2, workParts) && d.inSet(k, readThrough)
}

// containerWords hold what is sold by a maker's name: "a bag of Murray
// Mints".
var containerWords = wordSet(`bag bags box boxes packet packets tin tins tub tubs tube jar jars bottle bottles
can cans carton cartons bar bars sachet sachets`)

// readAloudFrom reports "read" just before token k, or before a few
// words of whom to and how ("read to her", "reading aloud"): what follows
// "from" is then a book.
func readAloudFrom(d *doc, k int) bool {
	for ; k >= 0 && d.inSet(k, readAloudWords); k-- {
	}
	return k >= 0 && (d.is(k, "read") || d.is(k, "reads") || d.is(k, "reading"))
}

var readAloudWords = wordSet(`to aloud out her him them us me`)

// workVersions are versions of a book, play or film; workParts are how
// much of one was read or watched, after readThrough.
var (
	workVersions = wordSet(`version versions production productions adaptation adaptations episode episodes`)
	workParts    = wordSet(`most whole half rest start end`)
	readThrough  = wordSet(`read reread reading through finished finish watched watching`)
)

// lowerTitles are the titles lowerNames reads before a name typed in
// lower case.
var lowerTitles = wordSet(`dr mr mrs miss ms`)

// afterVerb and colourWords follow a word that is a verb or a colour
// there, not a name: "jack it in", "pat him", "ruby red".
var (
	afterVerb   = wordSet(`it him her them me us the an his my your our up`)
	colourWords = wordSet(`red pink blue green purple black white brown grey gray gold silver`)
)

// slangNotNames are words of text-speak that the gazetteer holds as names
// ("til I get home", "the telly").
var slangNotNames = wordSet(`til telly ima imma savin ray jan kip comfort sue max teddy said says saw mair`)

// placeSaints come before a name in the name of a hospital: "prince
// charles", "st thomas’s", "queen elizabeth".
var placeSaints = wordSet(`st saint prince princess king queen sir lord`)

// lowerWriter reports a text written in lower case: "i" as a word twice,
// or most sentences starting in lower case, in its first 80 words.
func lowerWriter(d *doc) bool {
	if !d.lowerKnown {
		d.lower, d.lowerKnown = readsLower(d), true
	}
	return d.lower
}

// readsLower is lowerWriter's reading of the text.
func readsLower(d *doc) bool {
	is, starts, lower, words := 0, 0, 0, 0
	start := true // the next word starts a sentence
	toks, text := d.toks, d.text
	for i := range toks {
		t := &toks[i]
		if t.kind != tWord {
			if t.end-t.start == 1 {
				switch text[t.start] {
				case '.', '!', '?':
					start = true
				}
			}
			continue
		}
		if words == 80 {
			break // a writer's habit shows in the first 80 words
		}
		words++
		if t.end-t.start == 1 && text[t.start] == 'i' {
			if is++; is == 2 {
				return true
			}
		}
		if start || t.nl {
			starts++
			if !t.upper && !t.digit {
				lower++
			}
		}
		start = false
	}
	return starts >= 3 && 3*lower >= 2*starts
}

var namingWords = idWords(`called named name names calls surname forename`)

var thankWords = idWords(`thank thanks especially esp particularly mention shoutout bless shukran diolch merci gracias obrigado obrigada danke dziekuje dziękuję`)

var calledPrev = idWords(`someone somebody person lady man woman guy chap bloke girl boy baby son daughter one`)

// roleAfter reports whether a determiner at j opens a short noun phrase that
// ends in a role or relationship noun: "my chemo nurse", "one of the night
// nurses", "the unit’s ward clerk".
func (n *names) roleAfter(j int) bool {
	d := n.d
	if !d.isAny(j, determiners) {
		return false
	}
	for k := j + 1; k < len(d.toks) && k <= j+6; k++ {
		t := d.toks[k]
		if t.kind == tWord && (n.role(k) || d.isAny(k, relationWords)) {
			if k+1 < len(d.toks) && n.role(k+1) {
				continue // "my clinical nurse specialist"
			}
			e := k + 1
			if d.inSet(e, roleWhere) {
				// "Joy, the staff nurse on days, ...", "the nurse in charge,"
				for e++; e < len(d.toks) && e <= k+4 && d.toks[e].kind == tWord && !d.toks[e].upper; e++ {
				}
			}
			return e >= len(d.toks) || d.punct(e, ",") || d.punct(e, ".") || d.is(e, "who") ||
				d.punct(e, "–") || d.punct(e, ";") || d.toks[e].nl
		}
		if t.kind == tPunct || t.upper && t.kind == tWord && !d.isAny(k, determiners) && !(d.inSet(j, ownerWords) && n.role(k+1)) || d.inSet(k, clauseVerbs) {
			return false // "Anyway, this is about our dentist" is no role; but "Hope, our Admiral Nurse,"
		}
	}
	return false
}

// roleWhere open a short phrase after a job that says where or when:
// "the staff nurse on days", "the nurse in charge".
var roleWhere = wordSet(`on in at from for`)

// clauseVerbs make a clause of the words after a name and a comma, which
// roleAfter then does not read as a role.
var clauseVerbs = wordSet(`is was are were has had about`)

// signature flags the author's name on the last line ("Hollie Marsden",
// "– Abena Mensah") or after a sign-off ("Thanks, Jo").
func (n *names) signature() {
	d := n.d
	last := len(d.toks) - 1
	for last >= 0 && d.toks[last].kind == tPunct && !d.toks[last].nl {
		last--
	}
	if last >= 1 && (d.is(last, "x") || d.is(last, "xx") || d.is(last, "xxx")) && !d.toks[last].upper && !d.toks[last].nl && d.capWord(last-1) {
		last-- // "Gem x": a kiss after the name
	}
	if last >= 2 && d.toks[last].kind == tNum && d.punct(last-1, ",") {
		last -= 2 // "— Olly, 29": the writer's age after the name
	}
	if last >= 4 && d.toks[last].upper && d.inSet(last-1, compassWords) && !d.toks[last-1].upper && d.punct(last-2, ",") && d.capWord(last-3) {
		last -= 3 // "Gerry Quinn, east Belfast"
	} else if last >= 3 && d.toks[last].kind == tWord && d.toks[last].upper && !d.toks[last].nl && d.punct(last-1, ",") &&
		d.capWord(last-2) && !d.isAny(last-2, signOffs) && (!n.g.first(d.s(last)) && !n.g.surname(d.s(last)) || d.inPlaces(last)) {
		last -= 2 // "Dod Strachan, Peterhead", "Lorraine Capewell, Fenton": where the writer lives, after the name
	}
	for k := last; k >= 1 && k >= last-1; k-- {
		if end, ok := matchPostcode(d.text, d.bs(k)); ok && end == d.be(last) {
			last = k - 1 // "Jaswinder Singh Bains WV4 6PL": the writer's postcode after the name, or on the line below
			if d.punct(last, ",") {
				last--
			}
			break
		}
	}
	if last >= 3 && d.toks[last].kind == tWord && d.punct(last-1, ",") && d.punct(last-2, ")") {
		last -= 2 // "R. Whitworth (retired), Bolton": where the writer lives, after a note in brackets
		for last >= 0 && d.toks[last].kind == tPunct && !d.toks[last].nl {
			last--
		}
	}
	labelled := last >= 2 && d.isAny(last, relationWords) && d.punct(last-1, "(")
	if labelled {
		last -= 2 // "Rubina (mum)": who the writer is, after the name (its ")" is passed above)
	} else if p := n.noteBefore(last); p > 0 {
		last = p - 1 // "Dil Bahadur Gurung (Sgt, retired)": a note in brackets after the name
	}
	if last <= 0 {
		return
	}
	first := last
	for first > 0 && !d.toks[first].nl {
		first--
	}
	n.writtenBy(first)
	if first > 0 && last-first < 6 {
		j := first
		for j <= last && d.toks[j].kind == tPunct {
			j++
		}
		dashed := j > first && (d.punct(first, "—") || d.punct(first, "–") || d.punct(first, "-"))
		// a full name alone on the last line, after a blank line, signs the story
		alone := first > 0 && strings.Count(d.text[d.be(first-1):d.bs(first)], "\n") >= 2
		end, ok := n.phrase(j)
		if ok && end < last && d.is(end+1, "and") && (alone || dashed || n.signOffBefore(first)) {
			// "Lowenna and Jago Penrose" signing together
			if e2, ok := n.phrase(end + 2); ok && e2 == last && (n.gazetteerSupport(j, end) || n.gazetteerSupport(end+2, e2) || e2 > end+2) {
				n.add(j, end, 0.8, "name in the sign-off")
				n.add(end+2, e2, 0.8, "name in the sign-off")
				return
			}
		}
		if ok && end == last && (n.gazetteerSupport(j, end) || n.signOffBefore(first) || dashed || labelled || alone && end > j && !n.famousName(j, end) ||
			end == j && (n.contactBefore(first) || alone && n.loneSignOff(j)) && !d.isAny(j, signOffs) && !d.dictionaryWord(j)) {
			n.add(j, end, 0.8, "name in the sign-off")
			return
		}
		// "Hyacinth Brathwaite, retired SEN", "Farid, interpreter", "Mahad
		// Abdi, son": a name, a comma and the writer's job or who the
		// writer is, alone on the last line
		if ok && alone && (end > j || n.loneSignOff(j)) && end+2 <= last && last-end <= 4 && d.punct(end+1, ",") &&
			(n.roleAt(end+2, last) || last == end+2 && d.isAny(last, relationWords)) &&
			(n.gazetteerSupport(j, end) || !d.dictionaryWord(end)) && !n.famousName(j, end) {
			n.add(j, end, 0.8, "name in the sign-off")
			return
		}
	}
	// "Thanks, Jo" / "Best wishes, Jo" at the end of the text; not
	// "Diolch, Wrexham" after a stay "at Wrexham Maelor"
	for k := last; k >= 1 && k >= last-3; k-- {
		if d.punct(k, ",") && d.isAny(k-1, signOffs) {
			if end, ok := n.phrase(k + 1); ok && end == last && !(end == k+1 && (n.placeElsewhere(k+1) || n.placeNotName(k+1))) {
				n.add(k+1, end, 0.8, "name in the sign-off")
			}
			return
		}
	}
}

// loneSignOff reports that the one word j alone on the story's last line,
// after a blank line ("Tesfay", "Dyfrig"), may be the writer's name: not
// an initial ("J."), a place that is no first name ("Bethesda"; but
// "Beverley"), a famous name or a kinship or dialect word. Over the labelled
// stories such a last word was a name 589 times of 603 (the rest
// dictionary words, places and "Diolch").
func (n *names) loneSignOff(j int) bool {
	d := n.d
	return d.capWord(j) && len(d.s(j)) > 1 && (n.g.first(d.s(j)) || !d.inPlaces(j) && !n.placeWord(j)) && !n.famousName(j, j) && !kinWord(d, j)
}

// roleAt reports a job in tokens a..b, "retired" or not: "retired SEN",
// "staff nurse", "carer".
func (n *names) roleAt(a, b int) bool {
	d := n.d
	for k := a; k <= b; k++ {
		if d.toks[k].kind != tWord {
			return false
		}
		if !n.role(k) && !d.inSet(k, staffAcronyms) && !d.is(k, "retired") && !d.is(k, "former") {
			return false
		}
	}
	return n.role(b) || d.inSet(b, staffAcronyms)
}

// writtenBy finds the writer's name on the story's last line, which
// starts at token k, when it opens with "Written by" or "Typed by"
// ("Written by Jaspal, for his Nani").
func (n *names) writtenBy(k int) {
	d := n.d
	if k <= 0 || !d.toks[k].nl || !d.toks[k].upper || !(d.is(k, "written") || d.is(k, "typed")) || !d.is(k+1, "by") || !d.capWord(k+2) {
		return
	}
	if end, ok := n.phrase(k + 2); ok && !n.famousName(k+2, end) && (n.gazetteerSupport(k+2, end) || !d.dictionaryWord(k+2)) {
		n.add(k+2, end, 0.8, "name in the sign-off")
	}
}

// noteBefore returns the "(" of a short note in brackets that ends at token
// last (its ")" passed), on the same line, or -1: "(retired)", "(Sgt,
// retired)".
func (n *names) noteBefore(last int) int {
	d := n.d
	for k := last; k >= 0 && k >= last-4 && !d.toks[k].nl; k-- {
		if d.punct(k, "(") {
			return k
		}
	}
	return -1
}

// gazetteerSupport reports whether a word of the name a..b is a known
// first name or surname.
func (n *names) gazetteerSupport(a, b int) bool {
	for k := a; k <= b; k++ {
		if n.d.toks[k].kind == tWord && (n.g.first(n.d.s(k)) || n.g.surname(n.d.s(k))) {
			return true
		}
	}
	return false
}

// contactBefore reports an e-mail address or a phone number on the line
// before token first (the start of a line): a name alone after them signs
// the story ("... at xiaowen.liu@example.net.\nXiaowen").
func (n *names) contactBefore(first int) bool {
	d := n.d
	k := first - 1
	for k > 0 && !d.toks[k].nl {
		k--
	}
	line := d.text[d.bs(max(k, 0)):d.bs(first)]
	digits := 0
	for i := 0; i < len(line); i++ {
		if isASCIIDigit(line[i]) {
			digits++
		}
	}
	return strings.Contains(line, "@") || digits >= 9
}

// signOffBefore reports whether the line before token first (the start of
// a line) holds a sign-off word ("Many thanks,", "Regards").
func (n *names) signOffBefore(first int) bool {
	for k := first - 1; k >= 0 && k >= first-6; k-- {
		if n.d.isAny(k, signOffs) {
			return true
		}
		if n.d.toks[k].nl {
			return false
		}
	}
	return false
}

// gazetteerNames flags capitalised first names from the gazetteer that are
// not ambiguous words, with the surname that follows them.
func (n *names) gazetteerNames() {
	d := n.d
	for i := d.nextCap(0); i < len(d.toks); i = d.nextCap(i + 1) {
		if i >= 2 && d.toks[i-1].kind == tPoss && (d.is(i-2, "king") || d.is(i-2, "bishop")) {
			continue // "King's Lynn", "Bishop's Stortford"
		}
		if e := n.famousEnd(i, i); e > i {
			if n.notTheFamous(i, e) {
				n.add(i, e, 0.8, "a famous name the writer gives a private person ('not the singer', 'my sister is ...')")
			} else if w := d.s(i); d.toks[i].kind == tWord && !hasFold(n.famousFirsts, w) && !hasFold(n.givenFamous, w) {
				if slices.ContainsFunc(n.hits, func(h nameHit) bool { return h.a <= i && i <= h.b }) {
					n.givenFamous = append(n.givenFamous, w)
				} else {
					n.famousFirsts = append(n.famousFirsts, w)
				}
			}
			if e == i+1 && d.inSet(i, nickSizes) && !n.notTheFamous(i, e) && !hasFold(n.famousFirsts, d.s(e)) {
				n.famousFirsts = append(n.famousFirsts, d.s(e)) // "Big Bertha ... Bertha’s here"
			}
			i = e
			continue // "talking about Gavin and Stacey", "Marks & Spencer"
		}
		if d.may(i, 's') && d.is(i, "storm") && d.capWord(i+1) && !d.toks[i+1].nl {
			n.storms = append(n.storms, d.s(i+1))
			i++
			continue // a named storm: "During Storm Babet the road was shut"; later "Babet" alone is the storm too
		}
		if d.month(i) > 0 && (d.dayNumber(i-1) || d.year(i+1)) {
			continue // a date, not the name Jan: "on 14 Jan", "since Jan 2024"
		}
		// one probe of the gazetteer for both flags
		// "in Florence" is a place, "the Christie" an institution; "a letter
		// from Tracy", "I spoke to Kelly": after "from" and "to" a first
		// name that is not also a place (those are ambiguous) is a person
		f := n.g.flags(d, i)
		if f&gFirst == 0 && n.possessiveNoApostrophe(i) {
			f = gFirst // "we dont care about Tylers appointments"
		}
		if f&gFirst == 0 && kaurAfter(d, i) {
			end := i + 1
			if d.capWord(end+1) && !d.toks[end+1].nl && (n.g.flags(d, end+1)&gSurname != 0 || !d.dictionaryWord(end+1) && !d.isAny(end+1, stopCaps)) {
				end++ // "Gurbachan Kaur Sandhu"
			}
			n.add(i, end, 0.8, "a given name before 'Kaur', a Sikh woman's name")
			i = end
			continue
		}
		if f&gFirst == 0 || d.isAny(i-1, locatives) && !d.is(i-1, "from") && !d.is(i-1, "to") || d.is(i-1, "the") || d.is(i-1, "on") {
			continue
		}
		if d.inSet(i, foreignKin) {
			continue // "I am typing this for my grandfather, who we call Dada"
		}
		noPoss := i+1 >= len(d.toks) || d.toks[i+1].kind != tPoss
		if d.is(i-1, "from") && (d.inSet(i-2, personNouns) || d.is(i-2, "originally") || personIsFrom(d, i-2)) && noPoss || d.is(i+1, "of") && d.capWord(i+2) && !d.toks[i+2].nl ||
			d.is(i-1, "of") && d.inSet(i-2, edgeWords) && noPoss {
			continue // a place: "a big cheery man from Lewis", "a nurse who is from Lewis", "the train from Kyle of Lochalsh", "the edge of Stanley"
		}
		if originFrom(d, i) && noPoss {
			continue // where someone comes from: "I am from Constanța", "from Romania, from Constanța", "some from Aden"
		}
		if n.placeNamed(i) && noPoss {
			continue // a place: "the Butt of Lewis", "from Peel to Douglas", "round Walton and Anfield", "Barry Island"
		}
		if (d.is(i-1, "a") || d.is(i-1, "an")) && !d.toks[i-1].upper && !n.surnameLike(i+1) {
			continue // a kind, not a person: "asking for a Rachel" (the haircut); but "a Dennis Boateng, 11/06/1962"
		}
		if d.is(i-1, "of") && d.is(i-2, "word") || d.is(i-1, "full") && d.is(i-2, "the") || d.is(i-1, "to") && d.is(i-2, "along") ||
			d.is(i+1, "on") && (d.inSet(i+2, broadcast) || d.is(i+2, "the") && d.inSet(i+3, broadcast)) {
			continue // a song or a programme: "knows every word of Delilah", "did the full Delilah", "sang along to Delilah", "Vera on the telly"
		}
		if (d.is(i-1, "read") || d.is(i-1, "reread") || d.is(i-1, "reading")) && noPoss && !d.isAny(i+1, determiners) && !d.is(i+1, "a") && !d.is(i+1, "to") {
			continue // a book: "We read Matilda twice"; but "she read Tom a story", "I read Sarah's notes"
		}
		if d.is(i-1, "from") && noPoss && readAloudFrom(d, i-2) {
			continue // a book: "read to her from Rebecca every afternoon"; but "a letter from Rebecca"
		}
		if workOf(d, i) && noPoss {
			continue // a book, a record or a star: "She'd brought her copy of Matilda", "a poster of Hannah Cockroft"
		}
		if d.is(i-1, "nhs") && d.toks[i-1].allUpper {
			continue // a hospital: "the NHS Louisa Jordan", "NHS Nightingale"
		}
		if d.is(i-1, "of") && d.is(i-2, "friends") && d.toks[i-2].upper {
			continue // a group: "a support group called Friends of Dorothy", "Friends of Gladys Hospital"
		}
		if d.streetLink(i-1) && d.inWords(i-2, streetFirstWords) && d.toks[i-2].upper {
			continue // a Welsh or Gaelic street: "not Heol y Bryn", "Ffordd y Gwynant"
		}
		if regnal(d, i+1) || d.is(i-1, "ward") && d.toks[i-1].upper || royalStyle(d, i+1) {
			continue // a monarch ("Louis XV of France", "Diana, Princess of Wales") or a ward ("on Ward Dewi")
		}
		if d.capWord(i-1) && d.inSet(i-1, cityWords) && !d.toks[i].nl {
			continue // the second word of a place: "near Newcastle Emlyn", "Birmingham Heartlands"
		}
		if actedPart(d, i) {
			continue // a part in a play: "she played Polly Garter in the chapel drama group"
		}
		if i >= 2 && d.joiningHyphen(i-1) && d.capWord(i-2) && n.g.flags(d, i-2) == 0 && !d.dictionaryWord(i-2) && !n.surnameLike(i+1) {
			continue // the second name of an illness: "Prader-Willi"; but "Mary-Jane"
		}
		if d.is(i-1, "off") && d.inSet(i-2, personNouns) && noPoss {
			continue // a programme: "the lass off Vera", "the bloke off Emmerdale"
		}
		if d.inSet(i+1, plotWords) || d.is(i+1, "and") && d.capWord(i+2) && d.inSet(i+3, plotWords) {
			continue // characters: "the Rob and Helen storyline on The Archers"
		}
		if d.is(i, "isha") && (d.inSet(i-1, prayerBefore) || d.inSet(i+1, prayerWords)) && noPoss {
			continue // the night prayer: "we go to the gym together after Isha", "Isha prayers"
		}
		if dishNamed(d, i) {
			continue // a dish: "peach Melba", "beef Wellington", "Cullen skink", "a Bakewell tart"
		}
		if songNamed(d, i) {
			continue // a song: "the lady opposite asked for Jolene" at a singalong, "the therapist played Roxanne on the guitar"
		}
		if d.is(i+1, "and") && n.famousEnd(i+2, i+2) >= 0 && !d.toks[i+2].nl {
			continue // one of a list of songs or stars: "Sweet Caroline, Jolene and Hey Jude"
		}
		if d.is(i-1, "county") || d.punct(i-1, ".") && d.is(i-2, "co") && d.toks[i-2].upper {
			continue // a county: "Co. Cavan", "County Durham"
		}
		if d.joiningHyphen(i+1) && i+2 < len(d.toks) && d.toks[i+2].kind == tWord && !d.toks[i+2].upper {
			continue // a word run on with a hyphen: "Tara-a-bit" (goodbye in the Black Country)
		}
		if welshMae(d, i) {
			continue // Welsh "is": "Mae Nain yn 93" (Nain is 93), "Mae fy Nain ..."
		}
		if n.placeElsewhere(i) || d.is(i-1, "and") && n.placeElsewhere(i-2) && !n.surnameLike(i+1) {
			continue // "the Isle of Lewis ... My CPN covers Lewis and Harris" (placeElsewhere holds this very mention too)
		}
		if d.is(i-1, "new") && d.toks[i-1].upper && d.isAny(i-2, locatives) {
			continue // a place: "seen by the crisis team at New Craigs", "we moved to New Malden"
		}
		if f&gAmbiguous == 0 && d.capWord(i-1) && d.inSet(i-1, nickSizes) && !d.toks[i].nl && !d.sentenceEnd(i-1) && (i < 2 || !d.capWord(i-2) || d.sentenceEnd(i-2)) &&
			!d.isAny(i-2, locatives) && !d.is(i-2, "the") && !n.famousName(i-1, i) && !d.capWord(i+1) && noPoss && n.famousEnd(i-1, i-1) < 0 {
			n.add(i-1, i, 0.75, "a first name after 'Big', 'Little' or 'Wee' ('Big Dave')")
			continue
		}
		if d.capWord(i-1) && !d.toks[i].nl && !n.stop(i-1) && !d.sentenceEnd(i-1) && !(d.is(i-1, "baby") && !d.capWord(i-2)) && !selfIntro(d, i) {
			continue // inside a longer proper noun: "Sir Robert Peel", "Cliff Richard"
		}
		if d.is(i-1, "like") && (d.is(i-2, "were") || d.is(i-2, "was") || d.is(i-2, "are") || d.is(i-2, "is") || d.is(i-2, "looked") || d.is(i-2, "look")) &&
			d.is(i+1, "and") && d.capWord(i+2) && !d.toks[i+2].nl && (i+3 >= len(d.toks) || d.toks[i+3].kind == tPunct) {
			i += 2
			continue // a famous pair: "we were like Darby and Joan, sat in our matching chairs"
		}
		if n.likeCharacter(i) || d.isAny(i-1, titles) && n.likeCharacter(i-1) {
			continue // "looked like Brian Blessed", "we watch Father Ted"
		}
		if comparedTo(d, i) {
			continue // "I felt like Alex in A Clockwork Orange", "he's like Nelson", "queued like Oliver asking for more"
		}
		if itNamed(d, i) {
			continue // a thing's name: "he calls it his Mercedes", "the owners have nicknamed it Hector"
		}
		end, ok := n.phrase(i)
		if !ok || n.quotedTitle(i, end) {
			continue
		}
		if f&gAmbiguous != 0 && (end == i || !n.surnameLike(i+1) || d.inSet(i, landforms)) && !(end == i && d.punct(i+1, ",") && d.is(i+2, "who")) {
			continue // "Grace", "Hope Street", "Glen Banchor"; but "Jade Ormerod", "Grace Mbeki-Owusu"
		}
		if illnessAfter(d, end) || d.inSet(end+1, eponymNouns) && !d.toks[end+1].upper {
			continue // an illness named after someone: "Addison's disease", "Lou Gehrig's disease", "Stevens-Johnson syndrome"
		}
		if end == i && noPoss && n.journeyTo(i) {
			continue // a place: "We're going to Iona", "the drive over to Clifton"; but "I spoke to Kelly", "we went to Jamie's"
		}
		if d.is(end+1, "the") && d.capWord(end+2) && !d.sentenceEnd(end+1) {
			continue // a character's title: "Thomas the Tank Engine", "Dennis the Menace"
		}
		if end > i && d.inSet(end, clubWords) && d.toks[end].upper {
			i = end
			continue // a football club: "Ross County", "Stanley United"
		}
		if end > i && d.inSet(end, kinWords) {
			continue // a word for a grandparent after a name-like word: "Mae Nain", "Bore da Taid"
		}
		if e := n.famousMoreEnd(i); e >= end && !n.notTheFamous(i, e) {
			i = e
			continue // "we listened to a Jon Kabat-Zinn recording", "arguing about whether Kelly Slater is too old"
		}
		if n.famousBefore(i) {
			i = end
			continue // "from Thelma & Louise to Mary Poppins", "the Rolls-Royce of powerchairs", "Peter Pan and Wendy"
		}
		if n.byAuthor(i) {
			i = end
			continue // an author or a singer: "we read Beautiful Boy by David Sheff"
		}
		if d.is(i-1, "of") && (d.inSet(i-2, vesselWords) && !d.toks[i-2].upper || d.inSet(i-2, containerWords) && noPoss) {
			i = end
			continue // a drink ("a bottle of Gordon’s a day", "a cup of Rosie Lee") or a product ("a bag of Murray Mints"; but "a bag of Tom's things")
		}
		if noPoss && d.is(i-1, "to") && (d.inSet(i-2, devotionWords) || d.inSet(i-3, devotionWords) && !d.toks[i-2].upper) {
			i = end
			continue // a god or a saint: "she stayed for the bhajan to Krishna", "I said a prayer to Ganesh"
		}
		if d.is(i-1, "be") && d.is(i-2, "to") && d.inSet(i-3, pretendWords) || d.is(i-1, "as") && d.inSet(i-2, dressedWords) ||
			d.is(i-1, "as") && d.is(i-2, "up") && d.inSet(i-3, dressedWords) ||
			d.is(i-1, "as") && d.inSet(i-2, wentWords) && noPoss && (end+1 >= len(d.toks) || d.toks[end+1].kind == tPunct && !d.punct(end+1, "’") && !d.punct(end+1, "'")) {
			i = end
			continue // a character played: "pensioners in trainers pretend to be Rocky", "she went dressed as Elsa"
		}
		if end == i && i >= 3 && d.toks[i-1].kind == tPoss && (n.famousThrough(i-2) || n.famousName(i-2, i-2)) {
			continue // a character of a famous show or book: "not exactly Doc Martin's Pauline"
		}
		if end == i && hasFold(n.famousFirsts, d.s(i)) && !hasFold(n.givenFamous, d.s(i)) && !n.namesakeTold() {
			continue // the famous name again, by its first name: "reading Tracy Beaker and announced that Tracy would never wet the bed"
		}
		conf, reason := 0.7, gazetteerOnly
		if end > i && n.g.flags(d, end)&gSurname != 0 {
			conf, reason = 0.8, "first name and surname in the name gazetteer"
		}
		n.add(i, end, conf, reason)
		i = end
	}
}

// kaurAfter reports "Kaur", the name every Sikh woman carries, after
// the capitalised word at token i: a given name the gazetteer may not
// hold ("I'm Jasvinder Kaur").
func kaurAfter(d *doc, i int) bool {
	return d.capWord(i+1) && !d.toks[i+1].nl && d.is(i+1, "kaur") && d.toks[i].kind == tWord && !d.isAny(i, stopCaps)
}

// namesakeTold reports that the story says someone in it shares a
// famous name ("he is a massive fan of the real one", "the same name as
// the singer", "no relation"): its famous names may be private people's.
// The text is read once.
func (n *names) namesakeTold() bool {
	if n.namesakeSeen == 0 {
		n.namesakeSeen = 1
		for _, p := range namesakePhrases {
			if containsFold(n.d.text, p) {
				n.namesakeSeen = 2
				break
			}
		}
	}
	return n.namesakeSeen == 2
}

var namesakePhrases = []string{"the real one", "same name as", "no relation", "namesake", "not the famous", "not that one"}

// iAmReason is the reason of a name after "I am".
const iAmReason = "name after 'I am'"

// propagated is the reason of a name flagged because the story names it
// elsewhere (propagate); gazetteerOnly and listedName are the reasons of a
// name the gazetteer alone found, and of one listed beside another name.
const (
	propagated    = "name flagged elsewhere in this story"
	gazetteerOnly = "first name in the name gazetteer"
	listedName    = "name listed with another name"
)

// hasFold reports whether words holds w, by Unicode case folding.
func hasFold(words []string, w string) bool {
	return slices.ContainsFunc(words, func(v string) bool { return strings.EqualFold(v, w) })
}

// ownDet reports "the", "my" or "our" at token i, before a member of
// staff's role ("the midwife", "The practice nurse", "our night carer").
func ownDet(d *doc, i int) bool { return d.is(i, "the") || d.is(i, "my") || d.is(i, "our") }

// notTheFamous reports a full famous name at tokens a..e that the story
// gives a private person: the writer says so after it ("Peter Kay. Not
// the comedian", "Holly Willoughby (not the one off the telly)", "George
// Michael — yes, that is his name", "no relation"), or names a relative
// with it ("My sister is Charlotte Church.").
func (n *names) notTheFamous(a, e int) bool {
	d := n.d
	if e == a {
		return false
	}
	k := e + 1
	for skip := 0; skip < 2 && k < len(d.toks) && d.toks[k].kind == tPunct && !d.punct(k, "?") && !d.punct(k, "!"); skip++ {
		k++ // ", ", " (", " — ", ". "
	}
	if k > e+1 && (d.is(k, "not") && (d.is(k+1, "the") || d.is(k+1, "that")) && d.inSet(k+2, famedOnes) ||
		d.is(k, "no") && d.is(k+1, "relation") ||
		d.is(k, "yes") && d.punct(k+1, ",") && (d.is(k+2, "that") || d.is(k+2, "really") || d.is(k+2, "honestly"))) {
		return true
	}
	// "My dad is Peter Kay.", "my sister is Charlotte Church, and": the
	// writer's own relative, the name ending the clause
	return (d.is(a-1, "is") || d.is(a-1, "was")) && d.isAny(a-2, relationWords) && (d.is(a-3, "my") || d.is(a-3, "our")) &&
		(e+1 >= len(d.toks) || d.sentenceEnd(e+1) || d.punct(e+1, ",") || d.is(e+1, "and") || d.toks[e+1].nl)
}

// famedOnes are what a writer says a private person is not, after a
// famous name: "not the singer", "not that one", "not the real one".
var famedOnes = wordSet(`one ones famous real actual same singer comedian footballer actor actress presenter chef
cook baker politician minister racing driver boxer cricketer golfer player rugby tennis snooker darts dancer
musician rapper popstar star celebrity author writer poet artist painter astronaut explorer scientist
inventor king queen prince princess president newsreader broadcaster weatherman athlete jockey
model swimmer cyclist runner sprinter commentator pundit manager singing dancing`)

// clubWords end the names of football clubs.
var clubWords = wordSet(`county united city rovers athletic wanderers albion rangers thistle academical town`)

// regnal reports a Roman numeral after a name at token k, a monarch's or
// a pope's ("Louis XV", "Henry VIII"); not "I".
func regnal(d *doc, k int) bool {
	if k >= len(d.toks) || !d.toks[k].allUpper || d.toks[k].nl {
		return false
	}
	w := d.s(k)
	return len(w) >= 2 && len(w) <= 5 && strings.Trim(w, "IVX") == ""
}

// placeNamed reports a first name at token i that is a place the words
// around it name (placeNames): inside a longer place ("Barry Island", "the
// Butt of Lewis"), a part of it ("the west side of Lewis"), beside another
// place that is no name ("round Walton and Anfield", "between Wigan and
// Ashton"), or where a journey starts or ends ("drove her over from Barry",
// "the bus from Peel to Douglas"). A name that people and places share
// ("a letter from Barry", "I spoke to Douglas") needs one of these.
func (n *names) placeNamed(i int) bool {
	d := n.d
	if !d.inPlaces(i) {
		return false
	}
	for j := max(i-2, 0); j <= i; j++ {
		if e := n.famousIn(j, j, placeNames, true); d.toks[j].upper && e >= i && (j < i || e > i) {
			return true // "Barry Island", "Butt of Lewis", "Newcastle Emlyn"
		}
	}
	if d.punct(i-1, ",") && d.isAny(i-2, streetWords) || d.toks[i].nl && d.isAny(i-1, streetWords) {
		return true // the town of an address: "16 Moss Lane, Walton", "12 Mill Road\nKeith"
	}
	if d.is(i-1, "of") && (d.inSet(i-2, placeParts) || d.inSet(i-2, compassWords)) {
		return true // "the west side of Lewis", "half of Lewis"
	}
	other := func(k int) bool { return d.capWord(k) && d.inPlaces(k) && n.g.flags(d, k)&gFirst == 0 }
	if d.is(i-1, "and") && other(i-2) || d.is(i+1, "and") && other(i+2) || d.is(i-1, "round") || d.is(i-1, "between") {
		return true // "Scunthorpe and Ashby", "Walton and Anfield", "round Stanley"
	}
	if d.is(i-1, "from") && d.is(i+1, "to") && d.capWord(i+2) || d.is(i-1, "to") && d.is(i-3, "from") && d.inPlaces(i-2) {
		return true // "from Barry to Cardiff", "from Peel to Douglas"
	}
	if d.inSet(i+1, shoreWords) && !d.toks[i+1].upper {
		return true // "Crosby beach", "Tenby harbour"
	}
	return n.journeyTo(i) // "drove her over from Barry", "went back to Weston", "the bus back to Elgin"
}

// shoreWords after a place name make it the place's: "Crosby beach".
var shoreWords = wordSet(`beach beaches bay sands pier harbour harbor seafront prom promenade marina`)

// placeNotName reports a place at token k that no gazetteer holds as a
// name, on its own: "Thank you, Whitehaven", "Ta, Barnsley" (but "Thank
// you, Keith").
func (n *names) placeNotName(k int) bool {
	return n.d.inPlaces(k) && n.g.flags(n.d, k)&(gFirst|gSurname) == 0 && !n.d.capWord(k+1)
}

// inPlaces reports a word at token k that placeNames holds.
func (d *doc) inPlaces(k int) bool { return d.inSet(k, placeNames) }

// placeParts are the parts of a place that "of" and its name follow.
var placeParts = wordSet(`side half rest part parts end top bottom coast isle island town city village outskirts
edge middle centre center heart people north south east west`)

// nickname reports a title at token i and a common word at j that a
// naming word gives someone or something: "a skeleton toy she called Mr
// Bones", "The T. rex was called Mr Crunch", "nicknamed him Mr Sunshine".
// The word is no gazetteer name and the dictionary never spells it with a
// capital (capitalisedWords): "a consultant called Mr Kerr" and "a surgeon
// called Mr Marsh" are names.
func (n *names) nickname(i, j int) bool {
	d := n.d
	if j >= len(d.toks) || !d.capWord(j) || d.capWord(j+1) && !d.toks[j+1].nl || n.g.flags(d, j)&(gFirst|gSurname) != 0 ||
		!d.dictionaryWord(j) || d.inSet(j, capitalisedWords()) {
		return false
	}
	for k := i - 1; k >= i-3 && k >= 0 && d.toks[k].kind == tWord; k-- {
		if d.isAny(k, namingWords) || moreNaming(d, k) {
			return true
		}
	}
	return false
}

// capitalisedWords are the words the dictionary spells with a capital
// (lexicon/capitalised.txt.gz), also when it has them in lower case: a
// person can be called by them.
var capitalisedWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	if err := loadWordsGz("capitalised.txt.gz", m); err != nil {
		panic(err) // an embedded file
	}
	return m
})

// byAuthor reports a name at token i after "by" and a capitalised title
// that is read, heard or watched: "we read Beautiful Boy by David Sheff",
// "she sang Jolene by Dolly Parton"; but "I was seen by Sarah Jones".
func (n *names) byAuthor(i int) bool {
	d := n.d
	if !d.is(i-1, "by") || !d.capWord(i-2) {
		return false
	}
	for k := i - 3; k >= i-8 && k >= 0 && !d.sentenceEnd(k); k-- {
		if d.inSet(k, worksVerbs) && !d.toks[k].upper {
			return true
		}
	}
	return false
}

// worksVerbs read, hear or watch a work, or name one.
var worksVerbs = wordSet(`read reading reread listened listening watched watching sang singing played playing
book books novel song songs album film films poem play record track`)

// famousBefore reports a name at token i that ends a famous name
// starting up to four tokens before it ("Thelma & Louise", "Rolls-Royce")
// or follows one in a list ("Peter Pan and Wendy").
func (n *names) famousBefore(i int) bool {
	d := n.d
	for j := i - 1; j >= i-4 && j >= 0; j-- {
		if d.capWord(j) && (n.famousEnd(j, j) >= i || n.famousMoreEnd(j) >= i) {
			return true
		}
	}
	if !d.is(i-1, "and") && !d.punct(i-1, "&") {
		return false
	}
	for j := i - 2; j >= i-4 && j >= 0; j-- {
		if d.capWord(j) && (n.famousEnd(j, i-2) == i-2 || n.famousMoreEnd(j) == i-2) {
			return true
		}
	}
	return false
}

var (
	// vesselWords hold a drink, whose name follows "of": "a bottle of Gordon’s"
	vesselWords = wordSet(`cup cups mug mugs bottle bottles pint pints glass glasses can cans dram drams shot shots
tot tots`)
	// pretendWords and dressedWords come before a character someone plays
	pretendWords = wordSet(`pretend pretends pretending pretended`)
	dressedWords = wordSet(`dressed dress dresses dressing`)
	// wentWords before "as" and a name that ends the clause: a costume
	// ("My aunt went as Priscilla, beehive and all"); not "I went as
	// Sarah couldn't"
	wentWords = wordSet(`went go goes going gone came come`)
)

// royalStyle reports a royal or noble style after a name at token k:
// ", Princess of Wales", ", Duke of Edinburgh".
func royalStyle(d *doc, k int) bool {
	return d.punct(k, ",") && d.inSet(k+1, royalWords) && d.toks[k+1].upper && d.is(k+2, "of") && d.capWord(k+3)
}

// royalWords are the styles of royals and peers.
var royalWords = wordSet(`prince princess king queen duke duchess earl countess`)

// cityWords are the cities of stopCaps, whose names start the names of
// places and hospitals ("Newcastle Emlyn", "Birmingham Heartlands").
var cityWords = wordSet(`london birmingham manchester liverpool leeds sheffield bristol newcastle nottingham
leicester coventry bradford cardiff swansea glasgow edinburgh aberdeen dundee belfast plymouth southampton
portsmouth brighton norwich wolverhampton sunderland middlesbrough`)

// actedPart reports a name at token i after "played" with a play or a
// show after it ("she played Polly Garter in the chapel drama group"), or
// right before "in the" and a play ("like Joseph in the nativity"), or a
// part of a nativity in a sentence about one.
func actedPart(d *doc, i int) bool {
	if d.is(i+1, "in") && (d.is(i+2, "the") || d.inSet(i+2, ownerWords)) && d.inSet(i+3, dramaWords) &&
		(i+4 >= len(d.toks) || d.toks[i+4].kind != tWord) {
		return true // "very brave, like Joseph in the nativity"; not "Grace in the play area"
	}
	if d.inSet(i, nativityParts) {
		// "the nursery did a nativity: three Marys, a very shy Joseph"
		for j := max(0, i-15); j < len(d.toks) && j <= i+15; j++ {
			if d.is(j, "nativity") && !sentenceBetween(d, min(i, j), max(i, j)) {
				return true
			}
		}
	}
	if !d.is(i-1, "played") && !d.is(i-1, "plays") && !d.is(i-1, "playing") {
		return false
	}
	for j := i + 1; j < len(d.toks) && j <= i+8 && !d.sentenceEnd(j-1); j++ {
		if d.inSet(j, dramaWords) {
			return true
		}
	}
	return false
}

// stopWordsAfterAddress make ", address" a verb or a topic, not a label:
// "Mrs Patel, address the letter to".
var stopWordsAfterAddress = wordSet(`the a an this that it them him her your my our their to`)

// nativityParts are the people of a nativity play.
var nativityParts = wordSet(`mary marys joseph josephs gabriel`)

// sentenceBetween reports a sentence end among tokens a..b-1.
func sentenceBetween(d *doc, a, b int) bool {
	for k := a; k < b; k++ {
		if d.sentenceEnd(k) {
			return true
		}
	}
	return false
}

// dramaWords are what someone acts a part in.
var dramaWords = wordSet(`play plays drama panto pantomime production musical nativity opera operetta theatre
film films series sketch society`)

// multipleSclerosis reports "MS" in capitals at token i after a word that
// has an illness ("who has MS.", "diagnosed with MS"): the illness, not
// the title Ms.
func multipleSclerosis(d *doc, i int) bool {
	return d.toks[i].allUpper && d.is(i, "ms") && d.inSet(i-1, illnessBefore)
}

// brandGoods are things sold under a doctor's name ("Dr Brown's bottles").
var brandGoods = wordSet(`bottle bottles teat teats insoles`)

// welshMae reports "Mae", the Welsh "is", at token i: first in its
// sentence and followed by "fy" (my), "yn", a pronoun ("Mae hi’n haeddu
// gwell") or a word for a parent or grandparent ("Mae Mam yn 88").
func welshMae(d *doc, i int) bool {
	return d.is(i, "mae") && (i == 0 || d.sentenceEnd(i-1) || d.toks[i].nl) &&
		(d.is(i+1, "fy") || d.is(i+1, "yn") || d.inSet(i+1, welshPronouns) || kinWord(d, i+1))
}

// welshPronouns are the Welsh "she", "he" and "they", perhaps with "’n"
// run on: "hi", "hi’n", "e", "o", "nhw".
var welshPronouns = wordSet(`hi hi’n hi'n e e’n e'n o o’n o'n nhw nhw’n nhw'n`)

// eponymNouns are the kinds of illness that take the name of whoever
// described them ("Addison's disease", "Bell's palsy"); not the words a
// story uses for a person's own illness ("Stacey's cyst", "Dave's cancer").
var eponymNouns = wordSet(`disease diseases syndrome palsy contracture sarcoma lymphoma dystrophy phenomenon
neuroma ataxia chorea thyroiditis encephalopathy arteritis anomaly guidelines guideline competence competent
criteria manoeuvre maneuver reflex contractions oesophagus esophagus law`)

// illnessAfter reports "'s" and a kind of illness after the name that
// ends at token e: "Addison's disease", "Bowen's disease".
func illnessAfter(d *doc, e int) bool {
	return e+2 < len(d.toks) && d.toks[e+1].kind == tPoss && d.inSet(e+2, eponymNouns)
}

// illnessBefore are the words before the name of an illness someone has.
var illnessBefore = wordSet(`has have had having with got of from diagnosed`)

// kinWords are words for a parent or grandparent in the languages of
// British families, which a story gives after the English word ("My
// mother, Amma as we call her"): what the family calls them, no name.
var kinWords = wordSet(`amma ammi ammu ammachi abba abbu abbaji appa achan baba babaji bapu
nani nanaji dadi dadaji nanima dadima mataji pitaji babcia dziadek oma opa nonna nonno nonnina
yiayia yaya papou abuela abuelita abuelo lola lolo nain taid mamgu tadcu mamó daideó
teta jido sitto sittu halmoni harabeoji papà papa papá mamma mamá mamà mama maman papi mamie mutti
vati babbo tata` + " " + foreignKinList)

// foreignKin are words for a parent, grandparent or elder sibling in the
// languages of British families that are no British given names, though
// some are in the gazetteer ("Dada") or are English words ("Ate"): "who we
// call Dada", "Ba, my grandmother", "Hooyo is 79", "My Ate, my eldest
// sister". They are kinWords too.
var foreignKin = wordSet(foreignKinList)

const foreignKinList = `dada dadu dida thakuma thakurda ba bapuji biji hooyo aabo aabe ayeeyo awoowe
ate kuya nanay tatay inay itay akka thatha paati bhabhi chacha chachi mausi massi phuphi khala khalu mamu
nne nna iya ambuya sekuru bunica bunicul avó avô vovó vovô anneanne babaanne emaye abaye bubbe bubby
zaide zayde savta ima popo nainai yeye laolao laoye bibiji beeji bhai bhaiya bhaiyya bhaijaan baji apa apaa didi`

// workplaceAfter reports where someone works from token k on: "on
// reception", "on the desk", "from our team", "from the office".
func (n *names) workplaceAfter(k int) bool {
	d := n.d
	switch {
	case d.is(k, "on") && (d.is(k+1, "reception") || d.is(k+1, "the") && d.inSet(k+2, workplaces)):
		return true
	case (d.is(k, "from") || d.is(k, "in") && d.inSet(k+2, workplaces) || d.is(k, "in") && d.inSet(k+3, workplaces)) && (d.is(k+1, "our") || d.is(k+1, "the")):
		// "Nikhil from our team", "Hope from the palliative care team",
		// "Farhana in the discharge team" (in only with the team near)
		for j := k + 2; j < len(d.toks) && j <= k+5 && d.toks[j].kind == tWord && !d.toks[j].upper; j++ {
			if d.inSet(j, workplaces) {
				return true
			}
		}
	}
	return false
}

// workplaces are the teams and desks someone works on or comes from (not
// "ward" or "unit": "the Tay from the unit", "my Highers from the ward").
var workplaces = wordSet(`reception desk team office switchboard helpline`)

// placeLinks join the parts of a hyphenated town's name.
var placeLinks = wordSet(`on upon under in le by super cum next en sur`)

// serviceNamed reports a capitalised phrase at token i that a service
// word follows: the team thanked is named for its place ("Thank you,
// Highland out-of-hours", "Thanks, Ninewells crew").
func (n *names) serviceNamed(i int) bool {
	end, ok := n.phrase(i)
	if !ok {
		return false
	}
	if n.d.inSet(end+1, serviceWords) {
		return true
	}
	after := strings.TrimLeft(n.d.text[n.d.be(end):], " ")
	return len(after) >= 12 && strings.EqualFold(strings.ReplaceAll(after[:12], "-", " "), "out of hours")
}

// serviceWords name a team or service after the place it serves.
var serviceWords = wordSet(`team teams staff crew crews nurses doctors midwives paramedics hospice
ooh service services practice surgery`)

// possessiveNoApostrophe reports a first name with an "s" and no
// apostrophe at token i before a lower-case word ("Tylers appointments"):
// a word that is no ordinary one and whose stem is an unambiguous first
// name.
func (n *names) possessiveNoApostrophe(i int) bool {
	d := n.d
	w := d.s(i)
	if len(w) < 4 || w[len(w)-1] != 's' || d.dictionaryWord(i) || i+1 >= len(d.toks) || d.toks[i+1].kind != tWord || d.toks[i+1].upper ||
		d.isAny(i-1, determiners) || d.isAny(i+1, stopCaps) || n.famousName(i, i) {
		return false // "a Greggs sausage roll", "Morrisons car park", "went to Bettys for a fat rascal"
	}
	stem := w[:len(w)-1]
	return n.g.first(stem) && !n.g.ambiguous(stem)
}

// quotedTitle reports a name from token i to token end that stands alone
// in quotation marks: the title of a song, a book or a film ("sings every
// word of ‘Delilah’"), where a person would be named without them. A name
// quoted as it was written or said is still a name: after a verb of
// saying or writing ("the letter say “Mohammad Raza”") or in brackets
// ("on the drug chart ("Ayan")").
func (n *names) quotedTitle(i, end int) bool {
	d := n.d
	before := d.text[:d.toks[i].start]
	opening, size := utf8.DecodeLastRuneInString(before)
	after := d.text[d.toks[end].end:]
	closing, size2 := utf8.DecodeRuneInString(after)
	switch {
	case (opening == '‘' || opening == '“') && (closing == '’' || closing == '”'):
	case (opening == '"' || opening == '\'') && closing == opening:
	case opening == '‘' || opening == '“' || opening == '"':
		return n.titleCaseQuote(end, opening) // "‘Donald Where’s Your Troosers’"
	default:
		return false
	}
	if next, _ := utf8.DecodeRuneInString(after[size2:]); unicode.IsLetter(next) {
		return false // "“Kelly’s eye”": the mark after the name is an apostrophe
	}
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(before[:len(before)-size], " ")); r == '(' {
		return false
	}
	k := i - 1
	if k >= 0 && d.toks[k].kind == tPunct {
		k-- // the opening mark
	}
	return !d.inSet(k, quotingWords)
}

// titleCaseQuote reports a quotation opened (with opening) just before a
// name that ends token end, that goes on in capitalised words only and
// closes within eight words: a title, "‘Donald Where’s Your Troosers’",
// "“Sweet Caroline Goes Home”"; not "‘Donald, come here’".
func (n *names) titleCaseQuote(end int, opening rune) bool {
	d := n.d
	closing := '’'
	switch opening {
	case '“':
		closing = '”'
	case '"':
		closing = '"'
	}
	word := false // a word no name is: "Where’s", "Goes"; not "“Jean Jean”"
	for k := end + 1; k < len(d.toks) && k <= end+8 && !d.toks[k].nl; k++ {
		if d.toks[k].kind == tPunct {
			if r, _ := utf8.DecodeRuneInString(d.s(k)); r == closing {
				return word
			}
			if d.s(k) != "’" && d.s(k) != "'" {
				return false
			}
			continue
		}
		if d.toks[k].kind != tWord || !d.toks[k].upper && d.toks[k].kind != tPoss {
			return false
		}
		word = word || !n.g.first(d.s(k)) && !n.g.surname(d.s(k))
		if r, _ := utf8.DecodeRuneInString(d.text[d.toks[k].end:]); r == closing {
			return word
		}
	}
	return false
}

// quotingWords are the verbs of saying and writing before a quoted name,
// and "name" itself.
var quotingWords = wordSet(`say says said saying wrote written writes spelt spelled spell printed
shouted shouts shout yelled announced name`) // "letters come with wrong name ‘Pavel Zelinski’"

// surnameLike reports a capitalised word at k that reads as a surname:
// one the gazetteer holds, or one that is no ordinary English word.
func (n *names) surnameLike(k int) bool {
	d := n.d
	if !d.capWord(k) || n.stop(k) || n.placeWord(k) || d.isAny(k, institutionWords) {
		return false
	}
	if d.isAny(k-1, notPersonBefore) {
		return false // "Royal Cornhill", "Saint Ives"
	}
	w := d.s(k)
	return len(w) > 1 && (n.g.surname(w) || !d.dictionaryWord(k))
}

// likeCharacter reports a comparison before token i ("dressed as",
// "looks like", "looked exactly like") or a verb of watching: the name
// after it is a character, a programme or a celebrity the person
// resembles, not someone present.
func (n *names) likeCharacter(i int) bool {
	d := n.d
	k := i - 1
	if (d.is(i+1, "from") || d.is(i+1, "off")) && programmeAt(d, i+2) {
		return true // a character of a programme: "Victor from Still Game", "Rita off Corrie"
	}
	reread := d.is(k, "read") && d.punct(k-1, "-") && d.is(k-2, "re")
	if (d.inSet(k, mediaVerbs) || reread) && !d.inSet(i+1, toSomeone) && (i+1 >= len(d.toks) || d.toks[i+1].kind != tPoss) {
		return true // a programme, a song, a book: "we watch Father Ted", "singing Delilah", "I have re-read Emma"
	}
	if !d.is(k, "as") && !d.is(k, "like") {
		return false
	}
	v := k - 1
	switch {
	case d.is(v, "exactly"), d.is(v, "just"):
		v--
	case d.is(v, "bit") && d.is(v-1, "a"):
		v -= 2
	}
	if d.is(k, "as") {
		return d.is(k-1, "dressed") || d.is(k-1, "up") && d.is(k-2, "dressed") // not "it went just as Mrs Patel said"
	}
	return d.is(v, "looks") || d.is(v, "looked") || d.is(v, "look") || d.is(v, "sounds") || d.is(v, "sounded") || d.is(v, "dressed") ||
		(d.is(v, "was") || d.is(v, "is")) && d.isAny(i, titles) // "The nurse was like Sister Michael off Derry Girls"
}

// nicknameAside reports token i between an opening bracket or dash and
// "to everyone", "to his friends", "to the family": what someone is
// called by those who know them.
func nicknameAside(d *doc, i int) bool {
	if !(d.punct(i-1, "(") || d.punct(i-1, "—") || d.punct(i-1, "–") || d.punct(i-1, "-")) || !d.is(i+1, "to") {
		return false
	}
	k := i + 2
	if d.inSet(k, possessiveWords) || d.is(k, "the") {
		k++
	}
	return d.inSet(k, nickAudience)
}

var nickAudience = wordSet(`everyone everybody all friends mates family us pals colleagues village`)

// originFrom reports a word after "from" that tells where someone comes
// from: after "am" or "some" ("I am from Constanța", "some from Aden"),
// after "are", "was" or "come" with a person before them ("she was from
// Lewis"), or after another "from" and its place ("from Brazil, from
// Belo Horizonte"). "This is from Jade" signs a card and "a letter came
// from Tracy" tells who sent it.
func originFrom(d *doc, i int) bool {
	if !d.is(i-1, "from") {
		return false
	}
	if d.inSet(i-2, originVerbs) || d.inSet(i-2, originBe) && d.inSet(i-3, originWho) {
		return true // "I am from", "some from"; "she was from", but not "the card was from Lewis" nor "a letter came from Tracy"
	}
	return (d.punct(i-2, ",") || d.is(i-2, "and")) && d.is(i-4, "from") && d.capWord(i-3)
}

var (
	originVerbs = wordSet(`am originally some i'm i’m we're we’re they're they’re hails`)
	originBe    = wordSet(`are was were come comes came`)
	originWho   = wordSet(`i we they he she who families`)
)

// itNamed reports a name given to "it": a naming word, "it" and maybe
// "his" or "her" before token i ("he calls it his Mercedes", "they
// nicknamed it Hector").
func itNamed(d *doc, i int) bool {
	k := i - 1
	if d.is(k, "his") || d.is(k, "her") || d.is(k, "their") {
		k--
	}
	return d.is(k, "it") && d.inSet(k-1, itNaming)
}

var itNaming = wordSet(`call calls called calling name names named naming nicknamed nickname nicknames christened dubbed`)

// comparedTo reports a name after "like" that compares someone to a
// famous or fictional person ("I sat in the wings like Giselle", "it would
// be like Uma Thurman"): over every labelled story a name after "like" is
// a person only when someone likes them ("I'd like Fiona to know", "I do
// not like Pete") or they are one of a kind of people ("people like
// Declan", "a girl like Maisie", "some nurses, like Marcus"), and those
// words come right before "like".
func comparedTo(d *doc, i int) bool {
	if !d.is(i-1, "like") {
		return false
	}
	k := i - 2
	if d.punct(k, ",") {
		return false // an example of those just named: "some of the senior nurses, like Marcus,"
	}
	if k >= 0 && d.toks[k].kind == tPoss {
		return true // "he's like Nelson"
	}
	return k >= 0 && d.toks[k].kind == tWord && !d.inSet(k, likeKeep) && !d.inSet(k, personNouns)
}

// likeKeep are the words before "like" after which a name is a person:
// someone who likes them, or a kind of people.
var likeKeep = wordSet(`i i'd i’d we we'd we’d you you'd you’d they they'd they’d he she would wouldn't wouldn’t
should shouldn't shouldn’t also just really not do don't don’t didn't didn’t does doesn't doesn’t still always
staff children child kids one ones someone somebody anyone anybody something patients residents carers colleagues
workers mums dads parents teachers midwives more`)

// programmeAt reports the title of a television programme or a film
// (programmes) starting at token k: "Still Game", "Coronation Street".
// A shop, a charity or a department is no programme: "Kelly from Boots",
// "Linda from Sue Ryder", "Pat from Casualty" are people.
func programmeAt(d *doc, k int) bool {
	if k >= len(d.toks) || !d.toks[k].upper {
		return false
	}
	var buf [48]byte
	name := buf[:0]
	for j := k; j < k+5 && j < len(d.toks) && d.toks[j].kind == tWord && (j == k || !d.toks[j].nl); j++ {
		if len(name) > 0 {
			name = append(name, '_')
		}
		name = appendLower(name, d.s(j))
		if programmes[string(name)] {
			return true
		}
	}
	return false
}

// programmes are television programmes and films whose characters stories
// compare people to, lower case, words joined by '_'.
var programmes = idWordSet(`eastenders emmerdale hollyoaks corrie coronation_street still_game neighbours
home_and_away holby_city gogglebox only_fools_and_horses the_royle_family royle_family
father_ted derry_girls gavin_and_stacey call_the_midwife line_of_duty doctor_who dr_who
the_archers the_simpsons peppa_pig paw_patrol frozen toy_story the_bill heartbeat
emmerdale_farm last_of_the_summer_wine dad's_army fawlty_towers rab_c_nesbitt`)

// mediaVerbs before a name make it a programme, a song or a book: "we
// watch Father Ted", "singing Delilah", "I have re-read Emma"; but not
// "watch Sam's face", nor a person sung or read to (toSomeone after the
// name: "sang Molly to sleep", "read Amy a story").
var mediaVerbs = wordSet(`watch watched watching watches sing sang singing sings sung hum hummed humming
whistled whistling crooned belted belting reread rereading`)

var toSomeone = wordSet(`to a an the some songs lullabies stories story`)

// ageAt reports a number at token k that reads as an age: 1 to 110, not
// followed by a unit or a time ("is 17", not "is 12 mg" or "was 5pm").
func ageAt(d *doc, k int) bool {
	v, err := strconv.Atoi(d.s(k))
	if err != nil || v < 1 || v > 110 {
		return false
	}
	next := k + 1
	if next+1 < len(d.toks) && d.punct(next, ".") && !d.toks[next].gap && d.toks[next+1].kind == tNum && !d.toks[next+1].gap {
		return false // a decimal: "my Kt/V is 1.4"
	}
	if next >= len(d.toks) || d.toks[next].kind != tWord {
		return true
	}
	return d.inSet(next, afterAge)
}

// afterAge are the words that may follow an age: "is 17 and ...", "was 4
// years old".
var afterAge = map[string]bool{"years": true, "year": true, "months": true, "weeks": true, "and": true,
	"now": true, "today": true, "but": true, "with": true, "in": true, "on": true}

// dictionaryWord reports whether token i, lower-cased, is an ordinary
// English word.
func (d *doc) dictionaryWord(i int) bool {
	w := d.s(i)
	var buf [32]byte
	if len(w) <= len(buf) {
		// an ASCII word is lower-cased on the stack: most words, and
		// strings.ToLower would allocate for every capitalised one
		ascii := true
		for k := 0; k < len(w); k++ {
			c := w[k]
			ascii = ascii && c < utf8.RuneSelf
			buf[k] = lowerTable[c]
		}
		if ascii {
			return abuseLex().english[string(buf[:len(w)])]
		}
	}
	return abuseLex().english[strings.ToLower(w)]
}

// firstOrNoWord reports a word at i that can be a name on its own: a
// gazetteer first name, or no ordinary English word.
func (n *names) firstOrNoWord(i int) bool { return n.g.first(n.d.s(i)) || !n.d.dictionaryWord(i) }

// kinWord reports a kinship or dialect word at i ("Nana", "Mam"), which
// opens sentences as a name does but is none.
func kinWord(d *doc, i int) bool {
	return d.inSet(i, kinTitles) || d.inSet(i, dialectWords) || d.inSet(i, kinWords)
}

// dialectWords are no dictionary's words but no names either: "Mam came",
// "Naebody came".
var dialectWords = map[string]bool{"mam": true, "mammy": true, "maw": true, "da": true, "naebody": true,
	"nobody": true, "somebody": true, "everybody": true, "ma": true, "pa": true, "mum": true, "dad": true,
	"nain": true, "taid": true, "mamgu": true, "tadcu": true, "bampi": true, "baby": true, "gramps": true,
	"granda": true, "grandpa": true, "mom": true, "mommy": true, "mummy": true, "daddy": true,
	"grampy": true, "grampa": true, "grandpop": true, "gramma": true, "granma": true}

// visitVerbs after a name tell of a visit or of care given.
var visitVerbs = map[string]bool{"comes": true, "came": true, "visits": true, "visited": true, "pops": true,
	"popped": true, "rang": true, "phoned": true, "sits": true, "sat": true, "stayed": true, "stays": true}

// personActs are verbs only a person does, for a first name that is
// also a word ("Faith", "Hope", "Joy") opening a sentence; not "came",
// "helped" or "kept", which hope and faith do ("Hope kept me going").
var personActs = wordSet(`said says told tells asked asks explained explains laughed cried smiled hugged talked talks chatted sang sat sits rang phoned listened apologised apologized reassured popped visited`)

// groomingAct reports, from token k, a hand doing someone's hair or
// nails: "Joy does her hair every Friday", "Grace did my nails".
func groomingAct(d *doc, k int) bool {
	return d.inSet(k, groomVerbs) && d.inSet(k+1, possessiveWords) && d.inSet(k+2, groomNouns)
}

var (
	groomVerbs = wordSet(`does did do washes washed brushes brushed cuts cut styles styled sets set trims trimmed paints painted plaits plaited`)
	groomNouns = wordSet(`hair nails toenails makeup beard`)
)

// afterAnd are the words that join a clause a name may open ("and Faith
// sat with me").
var afterAnd = wordSet(`and but then when`)

// possessiveWords open a noun phrase that names someone's relation.
var possessiveWords = map[string]bool{"my": true, "his": true, "her": true, "our": true, "their": true, "your": true}

// beenAt returns the token of "is" or "was" at k, or of "been" in "has
// been" or "had been" there; 0 when there is none.
func beenAt(d *doc, k int) int {
	switch {
	case d.is(k, "is"), d.is(k, "was"):
		return k
	case (d.is(k, "has") || d.is(k, "had")) && d.is(k+1, "been"):
		return k + 1
	}
	return 0
}

// inverted reports a subject pronoun at token k, after a word that opens
// a question: "Will I be able ...", "May we ...".
func inverted(d *doc, k int) bool {
	switch {
	case d.is(k, "i"), d.is(k, "you"), d.is(k, "we"), d.is(k, "he"), d.is(k, "she"), d.is(k, "they"), d.is(k, "it"), d.is(k, "there"):
		return true
	}
	return false
}

// landforms are ambiguous first names that also start place names: "Glen
// Banchor", "Bay C", "Dale Head".
var landforms = map[string]bool{"glen": true, "bay": true, "dale": true, "heath": true, "brook": true,
	"moss": true, "rock": true, "forest": true, "field": true, "valley": true, "cliff": true}

// thingsCalled are the places and things that "a ... called X" names, which
// are no people: "a village called Bell End", "a pub called the Swan".
var thingsCalled = idWordSet(`place village town city street road lane pub shop cafe farm estate hamlet area
river hill island book film show programme song band app game
ward unit bay room wing suite clinic hospital hospice home house centre center lodge court`)

// placeElsewhere reports a word that the text also names as a place, after
// "in", "at", "near", "Royal" or "the Isle of": "Thank you, Orkney" in a
// story of a holiday "in Orkney", "Thank you, Cornhill" after a stay at
// Royal Cornhill.
func (n *names) placeElsewhere(j int) bool {
	d := n.d
	if j < 0 || !d.capWord(j) {
		return false
	}
	if n.places == nil {
		// one pass over the text, not one a name: a long text has thousands
		n.places = map[string]bool{}
		for k := d.nextCap(1); k < len(d.toks); k = d.nextCap(k + 1) {
			if p := d.lead(k - 1); (p == 'i' || p == 'a' || p == 'n' || p == 'r' || p >= utf8.RuneSelf) &&
				(d.is(k-1, "in") || d.is(k-1, "at") || d.is(k-1, "near") || d.is(k-1, "royal")) || n.ofPlace(k) ||
				d.inSet(k-1, welshPlaceBefore) || n.journeyTo(k) && !n.g.first(d.s(k)) || n.namesInstitution(k) {
				n.places[d.s(k)] = true
			}
		}
	}
	return n.places[d.s(j)]
}

// namesInstitution reports a capitalised word after "the" that opens a
// run of capitalised words ending in an institution word: "the Evelina
// London Children's Hospital" (so "Blagodarya, Evelina" thanks it).
func (n *names) namesInstitution(k int) bool {
	d := n.d
	if !d.is(k-1, "the") {
		return false
	}
	for j := k + 1; j < len(d.toks) && j <= k+4; j++ {
		if d.toks[j].kind == tPoss {
			continue
		}
		if !d.capWord(j) || d.toks[j].nl {
			return false
		}
		if d.isAny(j, institutionWords) {
			return true
		}
	}
	return false
}

// ofPlace reports a name at token i after a place word and "of": "the Isle
// of Lewis", "the Vale of Glamorgan", "the City of London".
func (n *names) ofPlace(i int) bool {
	return n.d.may(i-1, 'o') && n.d.is(i-1, "of") && n.d.toks[max(i-2, 0)].upper && n.d.inSet(i-2, ofPlaceWords)
}

// welshPlaceBefore are Welsh words before the name of a place: "yn" and
// "ym" (in) and welshInstitutions ("diolch i bawb yn Bryn Beryl").
var welshPlaceBefore = wordSet(`yn ym ` + welshInstitutions)

var ofPlaceWords = wordSet(`isle isles island islands vale city county borough forest bay kingdom`)

// propagate flags every other occurrence of a name already found.
func (n *names) propagate() {
	if len(n.hits) == 0 {
		return
	}
	d := n.d
	// names in a list with a name: "Imogen and Tunde", "Imogen, Tunde and ..."
	n.covered = slices.Grow(n.covered[:0], len(d.toks))[:len(d.toks)]
	clear(n.covered)
	for _, h := range n.hits {
		for k := h.a; k <= h.b; k++ {
			n.covered[k] = true
		}
	}
	for h := 0; h < len(n.hits); h++ {
		a, b := n.hits[h].a, n.hits[h].b
		if a != b || d.isAny(a-1, titles) || d.isAny(a-2, titles) {
			continue // "Dr Shah and Cardiff and Vale": only a first name on its own lists people
		}
		if a >= 2 && !d.toks[a].nl && (d.is(a-1, "and") || d.punct(a-1, ",") || d.punct(a-1, "&")) {
			if s := n.listName(a - 2); s >= 0 {
				n.add(s, a-2, 0.75, listedName)
				n.covered[s] = true
			}
		}
		if (d.is(b+1, "and") || d.punct(b+1, ",") || d.punct(b+1, "&")) && b+2 < len(d.toks) && !d.toks[b+2].nl {
			if s := n.listName(b + 2); s >= 0 {
				n.add(s, s, 0.75, listedName)
				n.covered[s] = true
			}
		}
	}
	// a nickname in brackets after a name: Steve Marsden ("Stevo" on the CB)
	for h := 0; h < len(n.hits); h++ {
		if k := n.hits[h].b + 3; d.punct(k-2, "(") && quoteMark(d, k-1) && d.capWord(k) && quoteMark(d, k+1) && !n.covered[k] {
			n.add(k, k, 0.8, "nickname in brackets after a name")
			n.covered[k] = true
		}
	}
	// found holds the names and their words, true where a hit more sure
	// than a lone gazetteer name holds them
	found := make(map[string]bool, min(2*len(n.hits), 256)) // most hits repeat a few names
	covered := make([]bool, len(d.toks))
	for _, h := range n.hits {
		sure := h.conf > 0.7
		name := d.text[d.bs(h.a):d.be(h.b)]
		found[name] = found[name] || sure
		for k := h.a; k <= h.b; k++ {
			covered[k] = true
			if d.toks[k].kind == tWord && !n.stop(k) && d.be(k)-d.bs(k) > 1 {
				found[d.s(k)] = found[d.s(k)] || sure
			}
		}
	}
	for i := d.nextCap(0); i < len(d.toks); i = d.nextCap(i + 1) {
		if covered[i] {
			continue
		}
		sure, ok := found[d.s(i)]
		if !ok {
			continue
		}
		if n.g.ambiguous(d.s(i)) && (i == 0 || d.sentenceEnd(i-1) || d.toks[i].nl) && inverted(d, i+1) {
			continue // "Will I be able ..." opens a question with the word, not the name; "Hope shaved him" is the nurse Hope
		}
		if (d.is(i-1, "in") || d.is(i-1, "near")) && (i+1 >= len(d.toks) || d.toks[i+1].kind == tPunct) {
			continue // "My dad, Stanley, ... lives on his own in Stanley, County Durham"
		}
		if d.is(i-1, "the") && d.toks[i-1].upper && i >= 2 && !d.sentenceEnd(i-2) && !d.toks[i-1].nl {
			continue // "radiotherapy at The Christie": a capital "The" inside a sentence names a place
		}
		if illnessAfter(d, i) {
			continue // an illness: "Bowen's disease. Mr Bowen, whoever he was, ..."
		}
		end, ok := n.phrase(i)
		if !ok || !sure && (n.famousName(i, end) || n.famousThrough(i)) {
			continue // a lone "‘Charles 9’" does not make "the great John Charles" anyone
		}
		// keep only the words that were names: "Hazel Whitworth" may run on
		for end > i {
			if _, ok := found[d.text[d.bs(i):d.be(end)]]; ok {
				break
			}
			if _, ok := found[d.s(end)]; ok {
				break
			}
			end--
		}
		n.add(i, end, 0.8, propagated)
		i = end
	}
	n.propagateLower(covered)
}

// articles open a noun phrase that is no name: "a celebratory bev".
var articles = wordSet(`a an the`)

// propagateLower flags a lower-case mention of a word of a name found
// with a sign (not the gazetteer alone), in a story that writes it with a
// capital there ("Please send a copy to Rhodri Pryce-Evans at rhodri dot
// pryce evans at example dot net"), unless the word is in the English
// word list ("rose", "will", and many names, "michelle" among them) or
// follows an article ("a celebratory bev").
func (n *names) propagateLower(covered []bool) {
	d := n.d
	var sure map[string]bool // the names in lower case
	var firsts uint32        // their first letters
	for _, h := range n.hits {
		for k := h.a; k <= h.b && !weakSign(h); k++ {
			if name := d.s(k); d.toks[k].kind == tWord && len(name) > 2 && name[0] >= 'A' && name[0] <= 'Z' && !strings.ContainsAny(name, "-’'") && !n.stop(k) {
				// a map, read without allocating: a long story repeats its
				// names thousands of times
				var buf [32]byte
				low := append(buf[:0], name...)
				for x, c := range low {
					low[x] = lowerTable[c]
				}
				if !sure[string(low)] {
					if sure == nil {
						sure = make(map[string]bool)
					}
					sure[string(low)] = true
					firsts |= 1 << (name[0] - 'A')
				}
			}
		}
	}
	if len(sure) == 0 {
		return
	}
	for i := range d.toks {
		t := &d.toks[i]
		if t.kind != tWord || covered[i] || t.upper {
			continue
		}
		if c := d.text[d.bs(i)]; c < 'a' || c > 'z' || firsts&(1<<(c-'a')) == 0 {
			continue
		}
		if sure[d.s(i)] && !d.dictionaryWord(i) && !n.stop(i) && !d.inSet(i-1, articles) && !d.inSet(i-2, articles) { // "rhodri", not "rose", nor "a celebratory bev"
			n.add(i, i, 0.75, propagated)
		}
	}
}

// quoteMark reports a quotation mark at token k.
func quoteMark(d *doc, k int) bool {
	return d.punct(k, "\"") || d.punct(k, "“") || d.punct(k, "”") || d.punct(k, "'") || d.punct(k, "‘") || d.punct(k, "’")
}

// oneOfThem reports "one of them" (or us, those) ending at token k: "One
// of them, Grace, has been ...".
func (n *names) oneOfThem(k int) bool {
	d := n.d
	return (d.is(k, "them") || d.is(k, "us") || d.is(k, "those")) && d.is(k-1, "of") && d.is(k-2, "one")
}

// personWhere reports a person placed by a phrase that ends at token k:
// a role or a person with a determiner, then where they are or come from
// ("the optometrist at my high street practice", "the escort on the
// Thursday run", "a boy from Afghanistan"), or one of a group of people
// ("one of the women"). A name between commas after it is theirs.
func (n *names) personWhere(k int) bool {
	d := n.d
	for j := k; j >= 0 && j > k-7; j-- {
		if d.toks[j].kind != tWord {
			return false
		}
		if j < k && d.inSet(j+1, roleWhere) && (n.role(j) || d.inSet(j, personNouns)) && !d.toks[j].upper && n.determinerBefore(j) {
			return true
		}
		if j == k && (d.inSet(j, personNouns) || n.role(j)) && (d.is(j-1, "the") || d.inSet(j-1, ownerWords)) && d.is(j-2, "of") && d.is(j-3, "one") {
			return true
		}
	}
	return false
}

// listLinks go on a list: a word between commas before one is an item.
var listLinks = wordSet(`and or`)

// memberWords are people by the group they belong to, whom a name between
// commas after them names: "We have a member, Wilf, who ...", "One of our
// regulars, Harilal, ...".
var memberWords = wordSet(`member members regular regulars resident residents volunteer volunteers client clients
tenant tenants lodger lodgers pupil pupils parishioner parishioners customer customers classmate classmates
teammate teammates housemate housemates flatmate flatmates`)

// calledAfterRole reports "was" at token k, before "called", with a role
// earlier in the sentence ("the nurse who held my hand was called
// Suzie"), or "is" after "who" or the role itself ("the nurse, who is
// called Hiba"; not "a scheme for the pharmacy: it is called Pharmacy
// First"), or after "he" or "she" that stands for no animal.
func (n *names) calledAfterRole(k int) bool {
	d := n.d
	if (d.is(k, "was") || d.is(k, "is")) && (d.is(k-1, "he") || d.is(k-1, "she")) && !petBefore(d, k-1) {
		return true // "He is called Jama and he lives at 9 Clarence Road"
	}
	return (d.is(k, "was") || d.is(k, "is") && (d.is(k-1, "who") || n.role(k-1))) && n.roleEarlier(k-1)
}

// roleEarlier reports a role word among the eight tokens up to k in the
// same sentence: "The nurse on duty that night was ...".
func (n *names) roleEarlier(k int) bool {
	for j := k; j >= 0 && j > k-8; j-- {
		if n.role(j) {
			return true
		}
		if n.d.sentenceEnd(j) {
			return false
		}
	}
	return false
}

// listName returns the first token of a one-word name ending at token
// k, or -1.
func (n *names) listName(k int) int {
	if n.covers(k) || !n.d.capWord(k) || n.d.toks[k].nl && k > 0 && !n.d.sentenceEnd(k-1) || n.d.isAny(k-1, locatives) ||
		n.d.is(k-1, "the") && !n.d.toks[k-1].upper { // "the diabetes nurse at the Maelor, Bethan": a hospital
		return -1
	}
	// an ambiguous word is a name beside another name only when it is a
	// first name: "Jade and Connor", not "Will and Connor"
	if end, ok := n.phrase(k); !ok || end != k || n.famousName(k, k) || n.g.ambiguous(n.d.s(k)) && !n.g.first(n.d.s(k)) ||
		n.placeWord(k) || n.d.isAny(k, signOffs) || n.d.capWord(k+1) || n.d.inSet(k, petWords) || n.d.inSet(k, kinWords) ||
		n.famousThrough(k) {
		return -1 // "Our Labrador, Rufus, is the gentlest dog", "our Jack Russell, Alfie": a breed, not a second name; "fy Nain, Gwenllian": a grandmother
	}
	if !n.firstOrNoWord(k) && !n.g.surname(n.d.s(k)) || acronymPlural(n.d.s(k)) {
		return -1 // a word, not a name: "one of the HCAs, Gary", "Sorry, Tom!", "Attendance Allowance, Miriam"
	}
	if n.d.punct(k-1, ",") && !n.g.first(n.d.s(k)) && n.lastOnLine(k) {
		return -1 // where the writer lives, after the name in a sign-off: "Connor, Colchester"
	}
	return k
}

// acronymPlural reports the plural of an abbreviation: "HCAs", "GPs".
func acronymPlural(w string) bool {
	n := len(w)
	if n < 3 || w[n-1] != 's' {
		return false
	}
	for i := 0; i < n-1; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// lastOnLine reports a token k with only punctuation after it up to the
// end of its line or the text.
func (n *names) lastOnLine(k int) bool {
	d := n.d
	for j := k + 1; j < len(d.toks); j++ {
		if d.toks[j].nl {
			return true
		}
		if d.toks[j].kind != tPunct {
			return false
		}
	}
	return true
}

// covers reports whether a name found so far covers token k (while
// propagate lists names).
func (n *names) covers(k int) bool {
	return k >= 0 && k < len(n.covered) && n.covered[k]
}

// memoryTestName reports a name given in a memory test, in the twelve
// tokens of its sentence after "a made-up name" or "a name and address
// to remember".
func memoryTestName(d *doc, a int) bool {
	for k := a - 1; k >= 0 && k >= a-12 && !d.sentenceEnd(k); k-- {
		if d.is(k, "name") && (d.is(k-1, "made-up") || d.is(k-1, "pretend") || d.is(k-1, "fictional")) ||
			d.is(k, "remember") && d.is(k-1, "to") && (d.is(k-2, "address") || d.is(k-2, "name")) {
			return true
		}
	}
	return false
}

// findNames returns PERSON spans: the name only, never the title or a
// possessive ’s.
func findNames(d *doc, g gazetteer, out []moderation.Span) []moderation.Span {
	n := names{d: d, g: g, hits: make([]nameHit, 0, len(d.toks)/32+4)}
	n.find()
	pets := append(n.petNames(), n.storms...)
	// an eponym's first name is the place named after it where propagate
	// found it again: "we went straight to the Evelina ... it’s named after
	// a woman, Evelina de Rothschild"
	var eponyms []string
	for _, h := range n.hits {
		if h.b > h.a && eponymAt(d, h.a) {
			eponyms = append(eponyms, d.s(h.a))
		}
	}
	drugs := drugNames(d, n.hits)
	var shows map[string]bool // the programmes and games the story names, read on a first character's name
	for _, h := range n.hits {
		if (h.a == h.b || titledPair(d, h)) && slices.Contains(pets, d.s(h.b)) || inNamedIdiom(d, d.bs(h.a), d.be(h.b)) {
			continue
		}
		if h.a == h.b && weakSign(h) && hasFold(drugs, d.s(h.a)) {
			continue // a drug: "Charlie mostly, mandy at weekends", "Tina, G, mephedrone, all of it"
		}
		if h.a == h.b && n.character(h, &shows) {
			continue
		}
		if monument(d, h) {
			continue // "the Sister Dora statue", "a statue of Captain Cook"
		}
		if memoryTestName(d, h.a) {
			continue // "gave him a made-up name and address to remember, Harry Barnes, Orchard Close"
		}
		if h.b == h.a+1 && (petCalled(d, h.a) || petPronounCalled(d, h.a)) || h.b > h.a && eponymAt(d, h.a) {
			continue // a full name given to a thing: "a walking stick she has named Andy Murray"; an eponym's
		}
		if h.a == h.b && h.reason == propagated && slices.Contains(eponyms, d.s(h.a)) {
			continue
		}
		out = append(out, idSpan(d.bs(h.a), d.be(h.b), moderation.Person, h.conf, h.reason))
	}
	return out
}

// onAir reports "on" and then, within three words, the telly, the TV or
// the radio in the sentence of the name at token j: a titled name heard
// there is a broadcaster's ("Dr Hilary Jones had said on breakfast
// telly"), not a member of staff's.
func onAir(d *doc, j int) bool {
	for k := j + 1; k < len(d.toks) && k <= j+12 && !d.sentenceEnd(k-1); k++ {
		if !d.is(k, "on") {
			continue
		}
		for m := k + 1; m <= k+3 && m < len(d.toks) && !d.sentenceEnd(m-1); m++ {
			if d.inSet(m, broadcast) {
				return true
			}
		}
	}
	for k := j - 1; k >= 0 && k >= j-8 && !d.sentenceEnd(k); k-- {
		if d.inSet(k, broadcast) && (d.is(k-1, "on") || d.is(k-1, "the") && d.is(k-2, "on")) {
			return true // "on the telly, Dr Ranj said"
		}
	}
	return false
}

// aaFounders reports "Dr Bob" (title at i, name at j) after "Bill W." or
// "Bill W": the two men who started Alcoholics Anonymous, whom recovery
// stories name.
func aaFounders(d *doc, i, j int) bool {
	if !d.is(j, "bob") || d.capWord(j+1) && !d.toks[j+1].nl {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if d.is(k, "w") && d.is(k-1, "bill") {
			return true
		}
	}
	return false
}

// petPronounCalled reports "he is called", "she’s called" or "it was
// called" before the name at token a, the pronoun standing for an animal
// named just before it (petBefore).
func petPronounCalled(d *doc, a int) bool {
	k := a - 2
	if !d.is(a-1, "called") || !(d.is(k, "is") || d.is(k, "was") || k > 0 && d.toks[k].kind == tPoss) {
		return false
	}
	return (d.is(k-1, "he") || d.is(k-1, "she") || d.is(k-1, "it")) && petBefore(d, k-1)
}

// listAfterToys reports a capitalised word at token a in a list (by
// commas or "and") that opens after toys or characters and a dash or a
// colon: "his Ninjago figures – Lloyd, Kai, Cole, Jay, Zane".
func listAfterToys(d *doc, a int) bool {
	k := a - 1
	for n := 0; n < 12 && k >= 1 && (d.punct(k, ",") || d.is(k, "and")) && d.capWord(k-1); n++ {
		k -= 2
	}
	return (d.punct(k, "–") || d.punct(k, "—") || d.punct(k, ":") || d.punct(k, "-")) && d.inSet(k-1, toyNouns)
}

var toyNouns = wordSet(`figures figure toys dolls teddies characters figurines cards puppets`)

// petBefore reports an animal (petWords) in the fifteen tokens before the
// pronoun at token k, with no person's word between: what "he" or "she"
// then stands for ("The home let her keep her goldfish in her room. He is
// called Van"; but "The nurse on nights, I think she's called Carol").
func petBefore(d *doc, k int) bool { return petWithin(d, k, 15, true) }

// petWithin reports an animal (petWords) in the span tokens before token
// k with no word for a person between (nor, when caps, a capitalised
// word): what a pronoun or "one" at k stands for. "One" looks further
// back, past names: "the donkey rides all week. She picked a grey one
// called Sandy"; but "the nurses were lovely, especially one called
// Sarah".
func petWithin(d *doc, k, span int, caps bool) bool {
	for j := k - 1; j >= 0 && j >= k-span; j-- {
		if d.inSet(j, petWords) {
			return true
		}
		if d.isAny(j, relationWords|roleWords) || d.inSet(j, personNouns) || caps && d.toks[j].capWord {
			return false
		}
	}
	return false
}

// drugNames returns the street names of drugs that are also given names
// ("Charlie", "Tina", "Molly", "Mandy", "G") that the story names, with
// no sign but the gazetteer, within a dozen words of a word of drugs
// (or of one of those names in lower case): every such mention is then
// the drug. A name with a sign ("a carer called Tina") stays a person,
// and so do its other mentions.
func drugNames(d *doc, hits []nameHit) []string {
	var out []string
	for _, h := range hits {
		if h.a != h.b || !weakSign(h) || !d.inSet(h.a, drugSlang) || hasFold(out, d.s(h.a)) {
			continue
		}
		if signedElsewhere(d, hits, d.s(h.a)) {
			continue // a person the story names with a sign too: "A chemsex worker called Tina ... Tina has chased it twice"
		}
		for j := max(h.a-12, 0); j < len(d.toks) && j <= h.a+12; j++ {
			if j != h.a && (d.inSet(j, drugWords) || d.inSet(j, drugSlang) && !d.toks[j].upper) {
				out = append(out, d.s(h.a))
				break
			}
		}
	}
	return out
}

// signedElsewhere reports a hit with more than a weak sign whose last
// word is name: the story gives that name a person.
func signedElsewhere(d *doc, hits []nameHit, name string) bool {
	return slices.ContainsFunc(hits, func(o nameHit) bool { return !weakSign(o) && strings.EqualFold(d.s(o.b), name) })
}

// weakSign reports a name found by the gazetteer alone, by a list with
// such a name, or by another mention of it.
func weakSign(h nameHit) bool {
	return h.reason == gazetteerOnly || h.reason == listedName || h.reason == propagated
}

var (
	// drugSlang are street names of drugs that are given names too
	drugSlang = wordSet(`charlie tina molly mandy g`)
	// drugWords tell that a story's "Charlie" or "Tina" is a drug
	drugWords = wordSet(`drug drugs cocaine coke weed ket ketamine mdma ecstasy mephedrone meph ghb gbl crack heroin
spice skunk cannabis dealer dealers snort snorting sniffing chemsex chill-outs chill-out meth crystal methamphetamine
smoking injecting slamming high`)
)

// personIsFrom reports "who is", "she was", "the nurse is" at token k
// (the verb), before "from": where a person is from is a place.
func personIsFrom(d *doc, k int) bool {
	if !d.is(k, "is") && !d.is(k, "was") && !d.is(k, "are") && !d.is(k, "were") {
		return false
	}
	return d.is(k-1, "who") || d.is(k-1, "he") || d.is(k-1, "she") || d.is(k-1, "they") || d.inSet(k-1, personNouns)
}

// monument reports a name that a statue, a memorial or a plaque is of:
// "the Sister Dora statue", "a statue of Captain Cook", "the memorial to
// Edith Cavell". The title before the name counts as part of it.
func monument(d *doc, h nameHit) bool {
	if d.inSet(h.b+1, monumentWords) && !d.toks[h.b+1].nl {
		return true
	}
	a := h.a
	if honorific(d, a-1) || d.is(a-1, "saint") || d.is(a-1, "st") || d.is(a-1, "captain") {
		a--
	}
	return (d.is(a-1, "of") || d.is(a-1, "to") || d.is(a-1, "about")) && d.inSet(a-2, monumentWords) // "the plaque about Dr William Penny Brookes"
}

// monumentWords are things made in someone's memory.
var monumentWords = wordSet(`statue statues memorial monument bust sculpture mural plaque`)

// showCharacters are the characters of children's programmes, games and
// books whose names are first names, by a name of the show that a story
// gives ("a game of Chase and Marshall" in a story of Paw Patrol).
var showCharacters = map[string][]string{
	"paw patrol":          {"marshall", "chase", "skye", "rubble", "rocky", "zuma", "everest", "ryder"},
	"peppa":               {"george", "suzy", "danny", "rebecca", "richard", "pedro", "zoe", "peppa"},
	"frozen":              {"elsa", "anna", "olaf", "kristoff", "hans", "sven"},
	"still game":          {"jack", "victor", "isa", "winston", "navid", "tam", "boabby"},
	"bluey":               {"bingo", "bandit", "chilli", "bluey"},
	"zelda":               {"zelda", "link"},
	"fireman sam":         {"sam", "norman", "elvis", "penny"},
	"postman pat":         {"pat", "jess"},
	"toy story":           {"woody", "buzz", "jessie"},
	"thomas the tank":     {"thomas", "percy", "james", "gordon", "henry", "edward", "emily"},
	"pride and prejudice": {"darcy", "elizabeth", "lizzy", "bingley", "wickham"},
	"harry potter":        {"harry", "ron", "hermione", "hagrid", "dumbledore"},
}

// showNames is every name of showCharacters and titledShows;
// lowerShowNames those of showCharacters, whose titles are matched in
// lower case.
var showNames, lowerShowNames = func() (all, lower map[string]bool) {
	all, lower = map[string]bool{}, map[string]bool{}
	for _, names := range showCharacters {
		for _, w := range names {
			all[w], lower[w] = true, true
		}
	}
	for _, names := range titledShows {
		for _, w := range names {
			all[w] = true
		}
	}
	return all, lower
}()

// character reports a one-word name, found without a relationship word
// or a sign-off, that is the name of a character of a show the story
// names ("Marshall and Skye have to watch from the pillow" in a story of
// Paw Patrol); "my son George" stays a name beside Peppa Pig. shows holds
// the shows the text names, worked out on the first call that needs it.
func (n *names) character(h nameHit, shows *map[string]bool) bool {
	d := n.d
	w := d.s(h.a)
	if len(w) > 12 {
		return false
	}
	var buf [12]byte
	lw := appendLower(buf[:0], w)
	if !showNames[string(lw)] || strings.HasPrefix(h.reason, "name after relationship") || strings.HasPrefix(h.reason, "name in the sign-off") {
		return false // most names are no character's: "Sarah"
	}
	w = string(lw)
	if *shows == nil {
		*shows = map[string]bool{}
	}
	for _, show := range titledShowsOf[w] {
		// the answer for each title is kept (titles have capitals, the
		// lower-case shows none), so that a long story is read once per title
		named, ok := (*shows)[show]
		if !ok {
			named = strings.Contains(d.text, show)
			(*shows)[show] = named
		}
		if named {
			return true
		}
	}
	if !lowerShowNames[w] {
		return false
	}
	if !(*shows)[lowerShowsRead] {
		(*shows)[lowerShowsRead] = true
		lower := strings.ToLower(d.text)
		for show := range showCharacters {
			if strings.Contains(lower, show) {
				(*shows)[show] = true
			}
		}
	}
	for show := range *shows {
		if slices.Contains(showCharacters[show], w) {
			return true
		}
	}
	return false
}

// lowerShowsRead is the key of character's shows map that says the
// lower-case titles have been looked for.
const lowerShowsRead = "\x00lower"

// titledShowsOf holds, by character, the titles of titledShows the
// character is in, so that a name is looked for in only those.
var titledShowsOf = func() map[string][]string {
	m := map[string][]string{}
	for show, names := range titledShows {
		for _, w := range names {
			m[w] = append(m[w], show)
		}
	}
	for _, shows := range m {
		slices.Sort(shows) // the same order every run
	}
	return m
}()

// titledShows are more programmes, books, films and ballets whose
// characters have first names, by their title as written, capitals and
// all: their titles are everyday words in lower case ("Doctor Who", not
// "the doctor who saw me").
var titledShows = map[string][]string{
	"Scooby":                  {"velma", "daphne", "fred", "shaggy"},
	"Only Fools":              {"del", "rodney", "trigger", "boycie", "marlene", "raquel", "cassandra"},
	"Del Boy":                 {"rodney", "trigger", "boycie", "marlene", "raquel", "albert"},
	"Coronation Street":       {"rita", "ken", "deirdre", "hilda", "bet", "gail", "audrey", "norris", "roy", "hayley", "ena", "elsie", "vera", "jack"},
	"Corrie":                  {"rita", "ken", "deirdre", "hilda", "bet", "gail", "audrey", "norris", "roy", "hayley", "ena", "elsie", "vera", "jack"},
	"EastEnders":              {"dot", "pauline", "peggy", "phil", "grant", "den", "angie", "sharon", "ian", "kat", "alfie", "arthur"},
	"Call the Midwife":        {"trixie", "julienne", "jenny", "shelagh", "phyllis", "evangelina", "patrick", "chummy"},
	"Heartstopper":            {"nick", "charlie", "tao", "elle", "isaac", "darcy", "tara"},
	"Downton":                 {"mary", "edith", "sybil", "carson", "bates", "anna", "cora", "violet", "matthew", "daisy"},
	"Gavin and Stacey":        {"nessa", "smithy", "pam", "mick", "bryn", "gwen", "doris", "dawn", "pete"},
	"Gavin & Stacey":          {"nessa", "smithy", "pam", "mick", "bryn", "gwen", "doris", "dawn", "pete"},
	"Fawlty Towers":           {"basil", "sybil", "manuel", "polly"},
	"Keeping Up Appearances":  {"hyacinth", "onslow", "daisy", "rose", "richard", "violet", "emmet"},
	"Last of the Summer Wine": {"compo", "nora", "clegg", "foggy", "ivy"},
	"Vicar of Dibley":         {"geraldine", "alice", "owen", "hugo", "jim", "frank"},
	"Royle Family":            {"jim", "barbara", "denise", "antony", "nana", "dave"},
	"Poldark":                 {"ross", "demelza", "francis", "george", "verity"},
	"Little Women":            {"jo", "meg", "beth", "amy", "laurie", "marmee"},
	"Peter Pan":               {"wendy", "peter", "tinkerbell"},
	"Wizard of Oz":            {"dorothy", "toto"},
	"Famous Five":             {"julian", "dick", "anne", "george", "timmy"},
	"Narnia":                  {"lucy", "edmund", "susan", "peter", "aslan"},
	"Doctor Who":              {"rose", "martha", "donna", "amy", "clara", "rory", "tardis"},
	"Big Bang Theory":         {"sheldon", "leonard", "penny", "howard", "raj", "amy", "bernadette"},
	"Brady Bunch":             {"peter", "marcia", "jan", "cindy", "greg", "bobby", "alice"},
	"Swan Lake":               {"odette", "odile", "siegfried"},
	"Nutcracker":              {"clara", "fritz"},
	"Horrid Henry":            {"henry", "peter", "margaret"},
	"Wallace":                 {"gromit"},
	"Postman Pat":             {"pat", "jess"},
	"Mary Poppins":            {"jane", "michael", "bert"},
	"Shameless":               {"frank", "fiona", "lip", "ian", "debbie", "carl"},
	"Emmerdale":               {"cain", "charity", "marlon", "zak", "debbie", "chas", "paddy"},
	"Hollyoaks":               {"tony", "mercedes", "darren", "nancy"},
}

// namedIdioms are sayings, calls and titles built on first names, lower
// case with straight apostrophes: no person is meant.
var namedIdioms = []string{"rob peter to pay paul", "tom, dick and harry", "bob's your uncle", "nosy parker",
	"nosey parker", "doubting thomas", "smart alec", "peeping tom", "jack of all trades", "keeping up with the joneses",
	"billy no-mates", "johnny-come-lately", "moaning minnie", "sweet fanny adams", "gordon bennett", "for pete's sake",
	"heath robinson", "jack the lad", "kelly's eye", "the first noel", "happy as larry",
	"know me from adam", "knew me from adam", "know him from adam", "knew him from adam", "know her from adam",
	"knew her from adam", "know us from adam", "knew us from adam", "know them from adam", "knew them from adam",
	"feeling tom and dick", "felt tom and dick", "robbing peter to pay paul", "robbed peter to pay paul",
	"creeping jenny", "black-eyed susan", "black-eyed susans", "sweet william", "sweet williams", "busy lizzie",
	"busy lizzies", "lazy susan", "catherine wheel", "catherine wheels", "ben & jerry's", "ben and jerry's", "jerry can", "jerry cans",
	"dolly mixtures", "granny smith", "granny smiths", "bloody mary", "peach melba", "beef wellington", "eggs benedict", "tommy gun",
	"tom, dick or harry", "pouch of douglas", "legion of mary", "a right charlie", "a proper charlie",
	"ask for angela", "asked for angela", "asking for angela", "asks for angela"} // the bars' safety code word

// idiomNames are the words of namedIdioms, so that a name in none of
// them is turned down at once.
var idiomNames = func() map[string]bool {
	m := map[string]bool{}
	for _, idiom := range namedIdioms {
		for _, w := range strings.FieldsFunc(idiom, func(r rune) bool { return r == ' ' || r == ',' || r == '\'' || r == '-' }) {
			m[w] = true
		}
	}
	return m
}()

// inNamedIdiom reports whether the text from byte a to b lies in one of
// namedIdioms ("I don't want to rob Peter to pay Paul", "Kelly's eye,
// number one"). It reads only the text around a name found.
func inNamedIdiom(d *doc, a, b int) bool {
	var buf [24]byte
	first := d.text[a:b]
	if k := strings.IndexAny(first, " ’'"); k > 0 {
		first = first[:k]
	}
	for k := 0; k < len(first); k++ {
		if first[k] >= utf8.RuneSelf {
			return false // no saying has a name outside ASCII ("Siobhán")
		}
	}
	if len(first) > len(buf) || !idiomNames[string(appendLower(buf[:0], first))] {
		return false // most names are in no saying: "Sarah"
	}
	lo, hi := max(0, a-40), min(len(d.text), b+40)
	win := plainLower(d.text[lo:hi])
	aw := len(plainLower(d.text[lo:a])) // the name's place in win
	bw := aw + len(plainLower(d.text[a:b]))
	for _, idiom := range namedIdioms {
		for off := 0; ; {
			k := strings.Index(win[off:], idiom)
			if k < 0 {
				break
			}
			start, end := off+k, off+k+len(idiom)
			whole := (start == 0 || idByte[win[start-1]] == 0) && (end == len(win) || idByte[win[end]] == 0)
			if whole && start <= aw && bw <= end {
				return true // "Kelly's eye", not "Kelly's eyes were red"
			}
			off += k + 1
		}
	}
	return false
}

// framingNouns open a sentence about what follows: "Problem is my husband
// ...", "Worst was my mum ...".
var framingNouns = wordSet(`problem trouble thing point reason truth fact worst best answer question
issue difference result upshot bottom`)

// callersBefore reports, just before "call him", the people who call
// him so: a word for people ("his mates", "the lads on the site"), or an
// aside after "everyone" ("Everyone, even his own grandchildren, calls
// him"). Not "the nurse called him an ambulance": a capitalised name
// must follow, which the caller checks.
func callersBefore(d *doc, k int) bool {
	for j := k; j >= 0 && j >= k-4 && !d.sentenceEnd(j); j-- {
		if d.isAny(j, relationWords) && d.is(j+1, "call") || d.inSet(j, personNouns) || d.inSet(j, callerCrowds) {
			return true // "his mates call him", "the lads on the site called him"
		}
		if d.toks[j].kind == tWord && (d.is(j, "and") || d.is(j, "but")) {
			return false
		}
	}
	if d.punct(k, ",") {
		for j := k - 1; j >= 0 && j >= k-8 && !d.sentenceEnd(j); j-- {
			if d.inSet(j, callerCrowds) && d.punct(j+1, ",") {
				return true // "Everyone, even his own grandchildren, calls him Chalky"
			}
		}
	}
	return false
}

var callerCrowds = wordSet(`everyone everybody mates friends lads lasses kids grandchildren staff nurses carers colleagues`)

// callAskers come before "call him", "call me" when it names: "told us
// to call him Seun", "you can call me Bev", "please call me Jo".
// "to" only after whom they told: not "decided to call him Barnsley"
// (a puppy), "used to call me Churchill".
var callAskers = wordSet(`can could please just we they everyone everybody`)

// nickSizes make a nickname of a first name after them: "Big Dave does
// the disco", "Wee Jimmy on the desk".
var nickSizes = wordSet(`big little wee`)

// plotWords after a name make it a character's: "the Rob and Helen
// storyline".
var plotWords = wordSet(`storyline storylines plotline subplot`)

// prayerBefore and prayerWords frame the name of a daily prayer.
var (
	prayerBefore = wordSet(`after before at until till for`)
	prayerWords  = wordSet(`prayer prayers namaz salah salat`)
)

// companionAnimals are the pets a sentence may end on before the next
// opens with the pet's name ("kept going for the dog. Bess still needs
// walking"); not "calf", "puppet" or "cows", which end sentences about
// legs, play and farms.
var companionAnimals = wordSet(`dog dogs cat cats puppy kitten whippet greyhound lurcher labrador spaniel terrier collie
poodle pug staffie westie yorkie husky springer pony horse budgie parrot rabbit hamster tortoise`)

// petWords are animals (and toys) whose names are not people's.
var petWords = wordSet(`dog dogs cat cats puppy kitten labrador spaniel terrier collie poodle pug
hamster rabbit bunny budgie parrot tortoise horse pony goldfish lurcher greyhound whippet alsatian
retriever dachshund beagle chihuahua cockapoo cavapoo cockerpoo gerbil ferret hen goat teddy
snake lizard fish donkey pig doll robot plant cactus sheep staffie staffy staffies westie yorkie
frenchie husky springer rottweiler doberman schnauzer bichon pomeranian shih-tzu shihtzu
sheepdog sheepdogs moggy tabby kitty pup pups chicken chickens duck ducks goose geese alpaca alpacas
llama canary cockatiel terrapin pigs rabbits bunnies hamsters budgies parrots tortoises horses ponies gerbils
ferrets hens goats donkeys puppies kittens bulldog bulldogs labradoodle cavapoochon dalmatian corgi corgis
mastiff weimaraner vizsla bloodhound sprocker dachshunds whippets lurchers greyhounds heifer calf calves ewe ewes tup ram rams lamb lambs stallion foal cob cows cattle filly fillies mare mares colt colts gelding geldings racehorse racehorses
holstein friesian hereford angus texel herdwick swaledale seal boar boars sow sows bull bulls bullock bullocks
robin blackbird thrush wren sparrow starling magpie crow jackdaw pigeon dove seagull gull owl heron swan
fox squirrel hedgehog badger mouse rat bear lion tiger monkey giraffe elephant zebra penguin dolphin whale
shark crocodile alligator dinosaur dragon unicorn frog toad spider bee butterfly snail puppet`)

// bibleBooks are the books of the Bible that are also given names or
// read like them.
var bibleBooks = wordSet(`matthew mark luke john acts romans timothy titus james peter jude genesis exodus joshua
ruth samuel esther job isaiah jeremiah ezekiel daniel hosea joel amos jonah micah zechariah malachi`)

// scriptureCues tell that a book and a number are a reading.
var scriptureCues = wordSet(`read reads reading readings verse verses chapter chapters bible gospel passage scripture psalm psalms testament`)

// scriptureRef reports a book of the Bible at i followed by a chapter,
// with a verse ("John 14:27") or a word of reading in its sentence ("She
// read Psalm 23 and then a bit from John 14").
func scriptureRef(d *doc, i int) bool {
	if !d.inSet(i, bibleBooks) || i+1 >= len(d.toks) || d.toks[i+1].kind != tNum {
		return false
	}
	if d.punct(i+2, ":") && i+3 < len(d.toks) && d.toks[i+3].kind == tNum {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-8 && !d.sentenceEnd(k); k-- {
		if d.inSet(k, scriptureCues) {
			return true
		}
	}
	return false
}

// deities are gods whose names people bear too ("Lakshmi", "Krishna").
var deities = wordSet(`krishna ganesh ganesha lakshmi laxmi shiva vishnu hanuman durga parvati saraswati rama sita kali murugan ram`)

// worshipThings are the images and places of worship that tell a god's
// name from a person's (devotionWords, the acts).
var worshipThings = wordSet(`murti murtis statue statuette idol picture pictures shrine temple mandir god goddess lord diya image icon`)

// deityRef reports a god's name at i with an image or an act of worship
// among the four words before it ("a small murti of Krishna", "a picture
// of Lakshmi"), or with another god's image after it in the sentence
// ("her little Ganesh, a picture of Lakshmi").
func deityRef(d *doc, i int) bool {
	if !d.inSet(i, deities) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-4 && !d.sentenceEnd(k); k-- {
		if d.inSet(k, worshipThings) || d.inSet(k, devotionWords) {
			return true
		}
	}
	for k := i + 1; k < len(d.toks) && k <= i+8 && !d.sentenceEnd(k-1); k++ {
		if d.inSet(k, worshipThings) && d.is(k+1, "of") && d.inSet(k+2, deities) {
			return true // "Nani had her little Ganesh, a picture of Lakshmi and a Sai Baba calendar"
		}
	}
	return false
}

// fictionalDoctors are doctors of fiction and television whose surnames
// real doctors have too: "Dr Finlay saw me" is a doctor, "like Dr
// Finlay" is Dr Finlay's Casebook.
var fictionalDoctors = wordSet(`finlay quinn zhivago foster dolittle doolittle jekyll kildare feelgood`)

// comparisonWords before a title make its name a type: "like Dr Finlay",
// "the kind of doctor Dr Finlay would have been".
var comparisonWords = wordSet(`like than as kind sort type proper real real-life old-fashioned`)

// fictionalDoctor reports a doctor of fiction, the title at i and the
// name at j, in a comparison: "like", "than", "as" or "kind of doctor"
// before, or "would have been", "type" or "'s Casebook" after; not "just
// like Dr Finlay said".
func fictionalDoctor(d *doc, i, j int) bool {
	if !d.isAny(i, titles) || !d.inSet(j, fictionalDoctors) || j+2 >= len(d.toks) || d.capWord(j+1) || d.inSet(j+1, quotingWords) || d.is(j+1, "told") {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3 && d.toks[k].kind == tWord; k-- {
		if d.inSet(k, comparisonWords) {
			return true
		}
	}
	return d.is(j+1, "would") || d.is(j+1, "type") || d.toks[j+1].kind == tPoss && d.is(j+2, "casebook")
}

// petInClause reports an animal or toy (petWords) among the eight words
// that end at token k, in one clause with no person's word after it: "a
// teddy she keeps in her room" before ", Dr Snuggles,"; not "the dog
// past my neighbour" before ", Dr Patel,". Its caller takes only a name
// no surname list holds, so not "the dog to the vet, Dr Patel,".
func petInClause(d *doc, k int) bool {
	for j := k; j >= 0 && j > k-8 && d.toks[j].kind == tWord; j-- {
		if d.isAny(j, relationWords|roleWords) || d.inSet(j, kinWords) || d.inSet(j, animalCarers) {
			return false
		}
		if d.inSet(j, petWords) {
			return true
		}
	}
	return false
}

// animalCarers are the people who look after animals: "the cat to the
// vet, Mrs Pennyworth,".
var animalCarers = wordSet(`vet vets groomer groomers breeder breeders trainer trainers owner owners keeper keepers walker walkers sitter sitters farmer farmers`)

// babyCharity reports "Tommy’s", the charity for baby loss and
// premature birth, at i: the possessive with no noun after it, and a
// word of pregnancy or loss within a dozen words ("a memory box from
// Tommy’s", not "Tommy’s bike").
func babyCharity(d *doc, i int) bool {
	if !d.is(i, "tommy") || i+1 >= len(d.toks) || d.toks[i+1].kind != tPoss || d.toks[min(i+2, len(d.toks)-1)].kind == tWord && !d.is(i+2, "and") && !d.inSet(i+2, charityNouns) {
		return false
	}
	for j := max(i-12, 0); j < len(d.toks) && j <= i+12; j++ {
		if d.inSet(j, babyLossWords) {
			return true
		}
	}
	return false
}

var (
	charityNouns  = wordSet(`charity website helpline leaflet leaflets midwives midwife booklet`)
	babyLossWords = wordSet(`miscarriage miscarriages miscarried stillbirth stillborn pregnancy pregnant loss baby babies premature memory leaflets leaflet`)
)

// pillBrands are brands of the contraceptive pill, implant, injection,
// coil and patch sold in the UK; some are given names ("Yasmin", "Katya",
// "Hana").
var pillBrands = wordSet(`microgynon rigevidon cerazette cerelle noriday femodene marvelon cilest ovranette logynon
loestrin mercilon brevinor norimin nexplanon depo-provera sayana mirena kyleena jaydess levosert nuvaring evra zoely
qlaira eloine levest millinette gedarel lucette femodette sunya akizza daylette drovelis slynd yacella dretine lovima
feanolla yasmin katya hana zelleta desomono desogestrel`)

// pillListed reports a word at i that is a brand of the pill and no
// given name, or one listed with such a brand ("Microgynon, Yasmin,
// Lucette and Rigevidon"); "Yasmin" alone stays a name ("my friends
// Yasmin and Hana").
func pillListed(d *doc, g gazetteer, i int) bool {
	if !d.inSet(i, pillBrands) {
		return false
	}
	if !g.first(d.s(i)) {
		return true
	}
	// another brand in the list that is no given name
	for _, step := range []int{-2, 2} {
		for j := i + step; ; j += step {
			sep := j - step/2
			if !d.inSet(j, pillBrands) || !(d.punct(sep, ",") || d.is(sep, "and") || d.is(sep, "or")) {
				break
			}
			if !g.first(d.s(j)) {
				return true
			}
		}
	}
	return false
}

// petNames returns the one-word names the story gives animals: "his cat
// Mabel", "a black Labrador called Ozzy", "our dog, Mabel,". Every
// mention of such a name is left alone.
func (n *names) petNames() []string {
	var pets []string
	d := n.d
	for _, h := range n.hits {
		if titledPair(d, h) {
			h.a++ // "a tortoise named Sir Galahad": the name after the title
		}
		if h.a != h.b {
			continue
		}
		if weakSign(h) && babyCharity(d, h.a) && !signedElsewhere(d, n.hits, d.s(h.a)) {
			pets = append(pets, d.s(h.a)) // the charity, unless a Tommy has a sign: "leaflets from Tommy’s and the Miscarriage Association"
			continue
		}
		if weakSign(h) && (scriptureRef(d, h.a) || deityRef(d, h.a)) {
			pets = append(pets, d.s(h.a)) // a book of the Bible, a god: "John 14:27", "a murti of Krishna"
			continue
		}
		if weakSign(h) && listAfterToys(d, h.a) {
			pets = append(pets, d.s(h.a)) // "lining up his Ninjago figures – Lloyd, Kai, Cole, Jay, Zane"
			continue
		}
		if h.reason == gazetteerOnly && h.a >= 2 && d.sentenceEnd(h.a-1) && d.inSet(h.a-2, companionAnimals) && !signedElsewhere(d, n.hits, d.s(h.a)) {
			pets = append(pets, d.s(h.a)) // the animal the last sentence ended on: "is the dog. Bess still needs walking"
			continue
		}
		if fictionalDoctor(d, h.a-1, h.a) {
			pets = append(pets, d.s(h.a)) // the title rule left it to the gazetteer: "better run than anything Dr Finlay ever managed"
			continue
		}
		if pillListed(d, n.g, h.a) {
			pets = append(pets, d.s(h.a)) // a brand of the pill: "I’ve been on Microgynon, Yasmin, Lucette and Rigevidon"
			continue
		}
		k := h.a - 1
		if honorific(d, k) || d.toks[max(k, 0)].upper && (d.inSet(k, kinTitles) || d.inSet(k, nickSizes)) {
			k-- // "a stuffed toy rabbit called Mr Flopsy", "a tortoise named Sir Galahad", "a horse called Uncle Bertie"
		}
		named, isCalled := false, false
		if d.is(k, "called") || d.is(k, "named") || d.punct(k, ",") {
			named = !d.punct(k, ",")
			k--
			if named && (d.is(k, "is") || d.is(k, "was") || k > 0 && d.toks[k].kind == tPoss && d.toks[k-1].kind == tWord && !d.toks[k-1].upper) {
				k-- // "My stoma is called Boris", "The van’s called Bessie"
				isCalled = true
			}
		}
		if named && d.is(k, "one") && petWithin(d, k, 25, false) {
			pets = append(pets, d.s(h.a)) // "the donkey rides ... She picked a grey one called Sandy"
			continue
		}
		if isCalled && petPronounCalled(d, h.a) {
			pets = append(pets, d.s(h.a)) // "her goldfish in her room. He is called Van"
			continue
		}
		if isCalled && deviceAcronym(d, k) && (d.inSet(k-1, ownerWords) || d.is(k-1, "the")) {
			pets = append(pets, d.s(h.a)) // a device: "My ICD is called Phil"
			continue
		}
		if !named && d.punct(h.a-1, ",") && d.punct(h.a+1, ",") && !d.capWord(h.a+2) && d.inSet(k, namedThings) && ownedThing(d, k) {
			pets = append(pets, d.s(h.a)) // a thing's name in apposition: "Our old car, Bessie, broke down"
			continue
		}
		if !named && d.punct(k+1, ",") && d.punct(h.a+1, ",") && !n.g.surname(d.s(h.a)) && petInClause(d, k) {
			pets = append(pets, d.s(h.a)) // a toy's or pet's name after a clause about it: "a teddy she keeps in her room, Dr Snuggles, which"
			continue
		}
		if !named && d.is(k, "and") && k > 0 && d.toks[k-1].kind == tWord && (slices.Contains(pets, d.s(k-1)) || d.punct(k-2, ",") && d.inSet(k-3, petWords)) {
			pets = append(pets, d.s(h.a)) // the second of two pets: "two cats, Kevin and Mrs Pickles"
			continue
		}
		if (d.is(h.a-1, "is") || d.is(h.a-1, "was")) && d.is(h.a-2, "name") && (d.is(h.a-3, "his") || d.is(h.a-3, "her") || d.is(h.a-3, "its") || d.is(h.a-3, "whose")) {
			for j := h.a - 4; j >= h.a-6 && j >= 0 && !d.sentenceEnd(j); j-- {
				if d.inSet(j, petWords) {
					pets = append(pets, d.s(h.a)) // "our parrot, his name is Winston", "a rescue greyhound whose name is Bolt"
					break
				}
			}
		}
		if thingBeforeNaming(d, h.a-1) || d.capWord(h.a-1) && thingBeforeNaming(d, h.a-2) {
			pets = append(pets, d.s(h.a)) // "an orange she had named Jeff ... carrying Jeff", "christened Big Bertha"
			continue
		}
		if d.is(h.a-1, "it") && d.isAny(h.a-2, namingWords) {
			pets = append(pets, d.s(h.a)) // a thing: "she calls it Dolly", "we named it Boris"
			continue
		}
		thing := h.a - 1
		if quoteMark(d, thing) {
			thing-- // "we started calling the illness “Ed”"
		}
		if d.inSet(k, petWords) || d.is(k, "russell") || n.petAfter(h.a) || petCalled(d, h.a) || d.inSet(thing, namedThings) && !d.toks[thing].upper ||
			named && (d.inSet(k, namedThings) && !d.toks[k].upper || carAt(d, k) || aService(d, k)) { // "my stoma is called Boris", "a Morris Minor called Doris"
			pets = append(pets, d.s(h.a)) // "a Jack Russell called Murphy", "christened the new kidney Kevin"
		}
	}
	for _, h := range n.hits {
		if eponymAt(d, h.a) || h.a == h.b && copulaThing(d, h.a) {
			pets = append(pets, d.s(h.b)) // "named after a French neurologist, Jean-Martin Charcot ... Charcot foot", "Doris is the outreach van"
		}
	}
	return append(pets, n.thingNames()...)
}

// eponymAt reports a name at token a that a condition, a place or a
// thing is named after, given after who they were: "it’s named after a
// French neurologist, Jean-Martin Charcot". Not "named after my grandad,
// Bill": a relative is a private person.
func eponymAt(d *doc, a int) bool {
	k := a - 1
	if !d.punct(k, ",") {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if d.toks[j].kind != tWord || d.isAny(j, relationWords) || d.inSet(j, ownerWords) {
			return false
		}
		if d.is(j, "after") {
			return j < k-2 && (d.is(j+1, "a") || d.is(j+1, "an") || d.is(j+1, "the")) && (d.is(j-1, "named") || d.is(j-1, "called"))
		}
	}
	return false
}

// deviceAcronym reports an acronym at token k that is no member of staff:
// "ICD", "CPAP", "PICC" (but "GP", "CPN", "HCA").
func deviceAcronym(d *doc, k int) bool {
	if k < 0 || k >= len(d.toks) || !d.toks[k].allUpper || d.toks[k].kind != tWord {
		return false
	}
	w := d.s(k)
	return len(w) >= 2 && len(w) <= 5 && !d.isAny(k, roleWords|relationWords|titles) && !d.inSet(k, staffAcronyms)
}

// staffAcronyms are members of staff by their initials.
var staffAcronyms = wordSet(`gp gps cpn cpns hca hcas ot ots slt sho anp anps cns dn dns hv rmn rgn mp sw pa pas
cmhn amhp snp fy1 fy2 st1 spr sas acp sen srn`)

// thingNames returns the names the story gives things, found by their
// shape rather than by a list of things: a naming word, a determiner, one
// to three lower-case words that are no person ("has christened the hoist
// Big Bertha", "calls her pill organiser Bertha", "named the left one's
// sock Dave"), and the name. A person there is named ("called her Lola",
// "named the baby Ava", "calls the night nurse Sally").
func (n *names) thingNames() []string {
	var out []string
	d := n.d
	toks := d.toks
	// one pass, reading the token's own bits first: this runs on every
	// token of every story, so it steps (as nextCap) to the next
	// capitalised word or word before a determiner
	dets := determiners
	step := func(k int) int {
		for ; k+1 < len(toks); k++ {
			if t := &toks[k]; t.capWord || t.kind == tWord && toks[k+1].kind == tWord && toks[k+1].cls&dets != 0 {
				break
			}
		}
		return k
	}
	for k := step(0); k+1 < len(toks); k = step(k + 1) {
		t, next := &toks[k], &toks[k+1]
		if t.capWord {
			if next.kind == tPunct && d.punct(k+1, ".") && n.petAfter(k) {
				out = append(out, d.s(k)) // "is Biscuit. He’s a golden retriever", a name no rule flagged there
			} else if n.namesake(k) {
				out = append(out, d.s(k)) // "named her Dolly, after Dolly Parton"
			}
			continue
		}
		if t.kind != tWord || next.kind != tWord || next.cls&determiners == 0 || t.cls&namingWords == 0 && !moreNaming(d, k) || d.is(k+1, "one") {
			continue // most tokens are no naming word before a determiner
		}
		j := k + 2
		for j < len(toks) && j <= k+4 && toks[j].kind == tWord && !toks[j].upper && !d.inSet(j, notThings) &&
			!d.isAny(j, relationWords|roleWords) && !d.inSet(j, personNouns) {
			j++
		}
		if q := n.quotedThingName(k + 2); q > 0 {
			out = append(out, d.s(q)) // "named the oldest machine on the unit ‘Bertha’"
			continue
		}
		if j > k+2 && d.capWord(j) && honorific(d, j) && !d.isAny(j, roleWords) && d.capWord(j+1) && !toks[j+1].nl && !(d.capWord(j+2) && !toks[j+2].nl) {
			j++ // "called the suction tube Mr Slurpy"
		} else if j == k+2 || !d.capWord(j) || toks[j].nl || honorific(d, j) {
			continue
		}
		if d.capWord(j+1) && !toks[j+1].nl && d.inSet(j, nicknameAdjectives) {
			j++ // "Big Bertha"
		}
		if d.capWord(j+1) && !toks[j+1].nl {
			continue // a full name: left to petCalled
		}
		out = append(out, d.s(j))
	}
	return out
}

// thingBeforeNaming reports a naming word at token i whose subject is a
// pronoun (or "that the manager") and whose object, a thing, comes before
// it: a determiner and one to four lower-case words that are no person ("a
// toy fire engine he named Big Red", "an orange she had named Jeff", "a
// glass case that the manager has named Basil"). A person there is named
// ("a nurse we called Jo", "the baby they named Ava").
func thingBeforeNaming(d *doc, i int) bool {
	if i < 2 || i >= len(d.toks) || d.toks[i].kind != tWord {
		return false
	}
	if d.toks[i].cls&namingWords != 0 { // most tokens are none of the four
		if !d.is(i, "named") && !d.is(i, "called") {
			return false
		}
	} else if !d.is(i, "nicknamed") && !d.is(i, "christened") {
		return false
	}
	p := i - 1
	if d.is(p, "had") || d.is(p, "has") || d.is(p, "have") {
		p--
	}
	switch {
	case d.inSet(p, subjectPronouns) || d.inSet(p, subjectsHad): // "she had named", "she’d named"
	case (d.isAny(p, roleWords) || d.inSet(p, personNouns)) && ownDet(d, p-1) && (d.is(p-2, "that") || d.is(p-2, "which")):
		p -= 2 // "a glass case that the manager has named Basil"
	default:
		return false
	}
	if d.is(p-1, "which") {
		return true // "the hoist, which he has christened Big Bertha": "which" is never a person
	}
	for k := p - 1; k >= 0 && k >= p-4; k-- {
		t := &d.toks[k]
		if t.kind != tWord || t.upper {
			return false
		}
		if t.cls&determiners != 0 && !d.is(k, "one") {
			return k < p-1
		}
		if d.inSet(k, notThings) || d.isAny(k, relationWords|roleWords) || d.inSet(k, personNouns) || d.inSet(k, namedYoung) {
			return false
		}
	}
	return false
}

// subjectsHad are the pronouns that name a thing with "had" run in:
// "an orange she’d named Jeff".
var subjectsHad = wordSet(`she'd he'd they'd we'd i'd she’d he’d they’d we’d i’d`)

// namedYoung are the words for a baby or a child that relationWords
// (which thingBeforeNaming reads too: "the baby they named Ava") lacks.
var namedYoung = wordSet(`babies kid bairn wean`)

// praiseNames are what a writer calls someone in praise, which a name
// list can hold too: "‘Saint’, that man.", "Angel, that woman."
var praiseNames = wordSet(`saint angel legend hero star gem diamond treasure godsend superstar lifesaver`)

// aService reports "a service" or "a text service" ending at token k,
// before a naming word: "a text service called Flo asks him for his
// weight". Not "the service called Sarah", which may have rung her.
func aService(d *doc, k int) bool {
	return d.is(k, "service") && (d.is(k-1, "a") || d.is(k-2, "a") && !d.toks[k-1].upper && d.toks[k-1].kind == tWord)
}

// seenBy are the verbs before "by" and the one who saw or treated the
// writer: "I was seen by Feargal Quinn".
var seenBy = wordSet(`seen treated examined assessed reviewed operated stitched scanned triaged`)

// copulaThing reports a name at token k that the story says is a thing:
// the name, "is" or "was", a determiner and up to three lower-case words
// that end with a thing of namedThings ("Doris is the outreach van, a big
// white thing", "Bertha was our old minibus"). A person's job keeps going
// past the thing ("Jo is the stoma nurse").
func copulaThing(d *doc, k int) bool {
	if !(d.is(k+1, "is") || d.is(k+1, "was")) || !(ownDet(d, k+2) || d.is(k+2, "a") || d.is(k+2, "an")) {
		return false
	}
	for m := k + 3; m <= k+5 && m < len(d.toks); m++ {
		if d.toks[m].kind != tWord || d.toks[m].upper {
			return false
		}
		if d.inSet(m, namedThings) && (m+1 == len(d.toks) || d.toks[m+1].kind == tPunct || d.inSet(m+1, clauseWords)) {
			return true
		}
	}
	return false
}

// quotedThingName returns the name in quotes after up to six lower-case
// words of a thing from token j, after a naming word and a determiner
// ("named the oldest machine on the unit ‘Bertha’"), or 0. A person
// word among them ("called the nurse on nights ‘Sue’") or a word that
// starts another clause ends the search.
func (n *names) quotedThingName(j int) int {
	d := n.d
	for k := j; k < len(d.toks) && k <= j+6; k++ {
		if d.toks[k].kind == tWord {
			if d.toks[k].upper || d.isAny(k, roleWords) || d.inSet(k, personNouns) || d.inSet(k, clauseWords) {
				return 0
			}
			continue
		}
		// the thing is no relation ("the oldest machine", not "my oldest")
		if k > j && quoteMark(d, k) && !d.isAny(k-1, relationWords) && d.capWord(k+1) && !d.toks[k+1].nl && quoteMark(d, k+2) {
			return k + 1
		}
		return 0
	}
	return 0
}

// clauseWords start another clause or phrase, which the name of a thing
// does not run across.
var clauseWords = wordSet(`and or but to from by for with after who which that because`)

// namesake reports a name at token j that the story says is after
// someone famous of that name: "named her Dolly, after Dolly Parton", "my
// ICD is called Phil, after Phil Mitchell"; but not "our son Bobby, after
// Bobby Moore".
func (n *names) namesake(j int) bool {
	d := n.d
	a := j + 1
	if d.punct(a, ",") {
		a++
	}
	if !d.may(a, 'h') && !d.may(a, 's') && !d.may(a, 'a') {
		return false // most words after a name: not "he", "she" or "after"
	}
	if (d.is(a, "he") || d.is(a, "she")) && a+2 < len(d.toks) && d.toks[a+1].kind == tPoss && d.is(a+2, "called") {
		a += 3 // "Billy, he’s called, after Billy Elliot"
		if d.punct(a, ",") {
			a++
		}
	}
	if a+1 >= len(d.toks) || !d.is(a, "after") || !strings.EqualFold(d.s(j), d.s(a+1)) || d.isAny(j-1, relationWords|roleWords|titles) ||
		d.isAny(j-2, relationWords|roleWords) && d.punct(j-1, ",") {
		return false
	}
	return n.famousEnd(a+1, a+1) > a+1 || n.famousMoreEnd(a+1) > a+1
}

// moreNaming reports a word of moreNamingWords at token k, its length and
// first letter tried before the set.
func moreNaming(d *doc, k int) bool {
	w := d.s(k)
	switch len(w) {
	case 4, 6, 7, 9, 10:
	default:
		return false
	}
	switch w[0] | 0x20 {
	case 'c', 'd', 'n':
		return d.inSet(k, moreNamingWords)
	}
	return false
}

var (
	// moreNamingWords give a thing a name, besides namingWords.
	moreNamingWords = wordSet(`christened nicknamed dubbed call calling`)
	// notThings are words between a naming word and a name that are not
	// a thing: "called the patient Tom", "named the youngest one Ava"
	notThings = wordSet(`patient patients resident residents person people client clients one ones lot team
everyone everybody anyone someone and or but to from at in on by for with`)
	// nicknameAdjectives start a thing's nickname: "Big Bertha"
	nicknameAdjectives = wordSet(`big little old young lady baby`)
)

// dishNamed reports a name at i that a dish is named by: after a food
// ("peach Melba", "eggs Benedict", "beef Wellington", "lobster
// Thermidor") or before a dish ("Cullen skink", "a Bakewell tart",
// "Chelsea buns"); or that names the maker or author of goods after it
// ("Morris cars", "her Christie paperbacks").
func dishNamed(d *doc, i int) bool {
	return d.inSet(i-1, dishBefore) && !d.toks[i-1].upper ||
		d.is(i-1, "of") && d.inSet(i-2, pairWords) || // "a pair of Ray-Bans"
		d.inSet(i+1, goodsAfter) && !d.toks[i+1].upper && !d.toks[i+1].nl && !d.inSet(i-1, givingVerbs) // not "I gave Tom cake"
}

// givingVerbs take a person and then a thing: "gave Tom cake".
var givingVerbs = wordSet(`gave give gives giving brought bring brings bought buy buys got get gets made make baked bake offered handed hands fed feed sent send passed fetched knitted`)

// shiftWords are the shifts someone works: "Fern on nights".
var shiftWords = wordSet(`nights days earlies lates`)

// doesShift reports a shift done from token k: "Baljit does the mornings",
// "Kath did the teatime calls".
func doesShift(d *doc, k int) bool {
	if !d.is(k, "does") && !d.is(k, "did") || !d.is(k+1, "the") {
		return false
	}
	k += 2
	if d.inSet(k, shiftTimes) && d.inSet(k+1, shiftCalls) {
		return true // "the teatime calls"
	}
	return d.inSet(k, shiftTimes) && (k+1 >= len(d.toks) || d.toks[k+1].kind == tPunct || d.is(k+1, "and") || d.is(k+1, "now") || d.is(k+1, "shift"))
}

// shiftNames name a shift before "shift": "Hope on the day shift".
var shiftNames = wordSet(`day night late early morning evening twilight weekend`)

var (
	shiftTimes = wordSet(`mornings evenings nights weekends lunches teatimes teatime bedtimes bedtime night morning evening lunchtime`)
	shiftCalls = wordSet(`calls call visits visit shift shifts run`)
)

// titleAbbrevs are the titles written short, which a full stop may
// follow: "Dr. Shah", "Prof. Green"; after "Matron." a sentence ends.
var titleAbbrevs = wordSet(`dr mr mrs ms mx prof st rev revd fr sr capt sgt lt col gen cllr`)

// pairWords before "of" and a brand: "a pair of Ray-Bans", "a tube of".
var pairWords = wordSet(`pair pairs box packet tube tub`)

var (
	// dishBefore are foods a dish named after someone follows: "peach Melba"
	dishBefore = wordSet(`peach peaches eggs egg beef lobster crepes crêpes chicken salmon sole pears`)
	// goodsAfter are dishes, and things named by their maker or author,
	// after the name: "Cullen skink", "her Christie paperbacks", "Morris
	// cars", "Clarks shoes", "Gina tablets"
	goodsAfter = wordSet(`skink sponge tart tarts bun buns cake cakes biscuit biscuits crumble pudding puddings
scones loaf paperbacks novels albums cars tractors tractor film films movie movies
shoes boots trainers sandals slippers tablets pills capsules cream gel lotion glasses frames lenses bottles teats nappies wipes plasters crisps jeans perfume shampoo`)
)

// songNamed reports a name at i that a song is called: after "song is"
// or "song was", "singing of" or "belting out", or after a verb of
// asking or playing ("wanted", "asked for", "played", "put on") about
// music: a word of music before it in its sentence or the one before, or
// within four words after it. A song right after a verb of singing
// ("sang Delilah") is likeCharacter's (mediaVerbs), which keeps "I sang
// Molly a lullaby" a person.
func songNamed(d *doc, i int) bool {
	if d.is(i-1, "of") && d.inSet(i-2, songParts) && (d.inSet(i-3, singVerbs) || d.is(i-3, "a") && d.inSet(i-4, singVerbs)) {
		return true // "sang a bit of Delilah", "hummed a verse of Jolene"
	}
	if d.is(i+1, "to") || i+1 < len(d.toks) && d.toks[i+1].kind == tPoss {
		return false // a person: "I sang Molly to sleep", "asked for Sarah's help"
	}
	if d.is(i-1, "of") && d.inSet(i-2, recordWords) {
		return true // "a CD of Percy French songs", "a playlist of Mohammed Rafi"
	}
	if (d.is(i-1, "is") || d.is(i-1, "was")) && d.inSet(i-2, songWords) ||
		(d.is(i-1, "of") || d.is(i-1, "out")) && d.inSet(i-2, singVerbs) {
		return true // "singing of Delilah at full volume", "belting out Jolene"
	}
	if !(d.inSet(i-1, playVerbs) || d.is(i-1, "for") && d.inSet(i-2, playVerbs) || d.is(i-1, "on") && d.inSet(i-2, playVerbs)) {
		return false
	}
	ends := 0
	for j := i - 1; j >= 0 && j > i-40; j-- {
		if d.sentenceEnd(j) {
			if ends++; ends == 2 {
				break
			}
		}
		if d.inSet(j, songWords) && !d.inSet(j+1, personNouns) && !d.is(j+1, "therapist") || d.inSet(j, singVerbs) {
			return true // "... collecting requests. Bed 14 wanted Delilah"
		}
	}
	for j := i + 1; j < len(d.toks) && j <= i+4 && !d.toks[j].nl && !d.sentenceEnd(j-1); j++ {
		if d.inSet(j, songWords) && !d.is(j+1, "therapist") || d.inSet(j, singVerbs) {
			return true // "played Roxanne on the guitar", "asked for Jolene and then sang every word"
		}
	}
	return false
}

var (
	// singVerbs make a sentence about music, and name a song after "of"
	// or "out": "singing of Delilah", "belting out Jolene"
	singVerbs = wordSet(`sang sing sings singing hummed humming whistled whistling crooned belted belting`)
	// songParts are pieces of a song: "sang a bit of Delilah"
	songParts = wordSet(`bit verse verses chorus line lines bars snatch burst`)
	// playVerbs name a song after them in a sentence about music: "asked
	// for Jolene", "played Roxanne", "put on Valerie"
	playVerbs = wordSet(`wanted asked requested played playing play plays put chose picked did does`)
	// recordWords hold music by someone: "a CD of Percy French songs"
	recordWords = wordSet(`cd cds playlist playlists album albums record records tape tapes cassette lp`)
	// songWords make a sentence about music
	songWords = wordSet(`song songs singalong sing-along karaoke music musical tune tunes guitar piano
ukulele radio playlist jukebox choir hymn hymns record records album band request requests dj disco repeat`)
)

// petCalled reports a name that someone calls an animal named just
// before: "a china spaniel Mum calls Barney", "a dog the staff call
// Alfie", "a bossy hen everyone calls Mrs Pankhurst" (a title before the
// name is skipped). Between the animal and the verb stand one to three
// words of who calls it, after "which" or "that" and a comma ("a
// robotic seal, which the staff call Percy"); things a story names are
// read as animals are (namedThings: "a van we call Betsy").
func petCalled(d *doc, i int) bool {
	k := i - 1
	if d.isAny(k, titles) {
		k--
	}
	if !d.is(k, "call") && !d.is(k, "calls") && !d.is(k, "called") && !d.is(k, "named") && !d.is(k, "nicknamed") && !d.is(k, "christened") {
		return false
	}
	for j := k - 1; j >= k-5 && j >= 0 && (d.toks[j].kind == tWord || d.punct(j, ",")); j-- {
		if d.punct(j, ",") && !d.is(j+1, "which") && !d.is(j+1, "that") && !d.is(j+1, "who") {
			return false // "... the dog, my husband calls Dave"
		}
		if d.is(k, "called") && d.isAny(j, relationWords|roleWords) || d.is(j, "and") || d.is(j, "then") {
			return false // "We walked the dog and then my husband called Dave"
		}
		if (j < k-1 || !d.is(k, "call") && !d.is(k, "calls")) && (d.inSet(j, petWords) || d.is(j, "russell") || d.inSet(j, namedThings) && !(d.toks[j].upper && d.capWord(j+1))) { // not "our GP in Port Talbot is called Dr ..."
			return true
		}
	}
	return false
}

// titledPair reports a hit of a title and one name: "Mrs Pankhurst",
// "Sir Galahad".
func titledPair(d *doc, h nameHit) bool {
	return h.b == h.a+1 && (honorific(d, h.a) || d.inSet(h.a, nickSizes) && d.toks[h.a].upper)
}

// honorific reports a title at i, a knight's or a lady's too: "Mrs",
// "Dr", "Sir", "Dame".
func honorific(d *doc, i int) bool {
	return d.isAny(i, titles) || (d.may(i, 's') || d.may(i, 'd') || d.may(i, 'l')) &&
		(d.is(i, "sir") || d.is(i, "dame") || d.is(i, "lady") || d.is(i, "lord"))
}

// petAfter reports "X is our elderly Jack Russell", "X was my cat",
// "Dennis, our spaniel,", "Bobby, that's the dog,", "Dolly the sheep":
// the name at i said to be an animal.
func (n *names) petAfter(i int) bool {
	d := n.d
	if d.is(i+1, "the") && d.inSet(i+2, petWords) {
		return true // "to see Dolly the sheep"
	}
	if (d.punct(i+1, "–") || d.punct(i+1, "—") || d.punct(i+1, "-") && !d.adjacent(i)) && d.inSet(i+2, petWords) {
		return true // "Our Meg – collie, best worker I’ve ever had"
	}
	k := i + 2
	dot := i + 1
	if dot < len(d.toks) && d.toks[dot].kind == tWord && !d.toks[dot].upper && d.punct(dot+1, ".") {
		dot++ // "that’s when Murphy comes. He’s a huge, soppy Pets As Therapy dog"
	}
	if d.punct(dot, ".") && (d.is(dot+1, "he") || d.is(dot+1, "she")) && (d.is(dot+2, "is") || dot+2 < len(d.toks) && d.toks[dot+2].kind == tPoss) {
		// "is Biscuit. He’s a golden retriever": the next sentence says
		// what the name is, through a few words and commas
		if !d.is(dot+3, "a") && !d.is(dot+3, "an") && !d.inSet(dot+3, ownerWords) {
			return false
		}
		for j := dot + 4; j <= dot+10 && j < len(d.toks) && !d.sentenceEnd(j-1) && !d.inSet(j, clauseWords); j++ {
			if d.inSet(j, petWords) {
				return j+1 >= len(d.toks) || d.toks[j+1].kind != tWord || d.toks[j+1].upper || d.inSet(j+1, clauseWords) // "a soppy Pets As Therapy dog", "a golden retriever who", not "a dog lover"
			}
		}
		return false
	} else if d.punct(i+1, ",") && (d.is(i+2, "that") || d.is(i+2, "that's")) {
		k = i + 3 // "Bobby, that's the dog,"
		if k < len(d.toks) && d.toks[k].kind == tPoss || d.is(k, "is") {
			k++
		}
	} else if !d.is(i+1, "is") && !d.is(i+1, "was") && !d.punct(i+1, ",") && !d.punct(i+1, "(") {
		return false // "Dennis, our spaniel,", "Bella (my dog)"
	}
	if d.is(k, "me") {
		// "Nell, me dog, sat in the Land Rover", "Meg, me old collie,";
		// not "Nell, me and the dog went"
		return d.inSet(k+1, petWords) || d.toks[min(k+1, len(d.toks)-1)].kind == tWord && !d.is(k+1, "and") && d.inSet(k+2, petWords)
	}
	if !d.is(k, "our") && !d.is(k, "my") && !d.is(k, "a") && !d.is(k, "the") && !d.is(k, "their") && !d.is(k, "her") && !d.is(k, "his") {
		return false // "Dennis, our spaniel," too; "Daisy, her threadbare teddy,"
	}
	for j := k + 1; j <= k+4 && j < len(d.toks) && (d.toks[j].kind == tWord || d.toks[j].kind == tPoss); j++ {
		if d.inSet(j, petWords) || d.is(j, "russell") {
			return true // "Rosie, his sister’s rag doll"
		}
	}
	return false
}
