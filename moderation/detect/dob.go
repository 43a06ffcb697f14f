package detect

import (
	"slices"

	"github.com/storydesk/storydesk/moderation"
)

var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var monthWords = idWords(`january jan february feb march mar april apr may june jun july jul august
aug september sept sep october oct november nov december dec`)

var birthWords = idWords(`born stillborn dob birthdate date dates data birth d arrived came baby twins birthday boy girl son daughter`)

// babyWords are who "arrived" on a birth date; newbornWords tell a birth
// from an arrival at A&E when the one who arrived is a son or daughter
// ("Our son arrived on 9 June 2025 after a long induction").
var (
	babyWords    = wordSet(`baby twins triplets`)
	childWords   = wordSet(`son daughter grandson granddaughter boy girl`)
	newbornWords = wordSet(`weeks early premature prem induction induced labour caesarean c-section delivered pool midwife midwives neonatal`)
)

// ordinalDays are days of the month in words; a date of them needs "of",
// a month and a year ("the ninth of November 1947").
var ordinalDays = wordSet(`first second third fourth fifth sixth seventh eighth ninth tenth eleventh
twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
twenty-first twenty-second twenty-third twenty-fourth twenty-fifth twenty-sixth twenty-seventh
twenty-eighth twenty-ninth thirtieth thirty-first`)

// month returns the month number of token i (a capitalised month name).
func (d *doc) month(i int) int {
	if !d.isAny(i, monthWords) || !d.toks[i].upper && !(d.dayNumber(i-1) && d.year(i+1)) { // "born 4th november 1979" in a story typed in lower case
		return 0
	}
	s := d.s(i)
	if len(s) > 9 {
		return 0
	}
	var buf [9]byte
	for k := 0; k < len(s); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return months[string(buf[:len(s)])]
}

// dayNumber reports whether token i is a day of the month: "3", "03",
// "3rd", "14th".
func (d *doc) dayNumber(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	s := d.s(i)
	n := 0
	k := 0
	for k < len(s) && isASCIIDigit(s[k]) && k < 2 {
		n = n*10 + int(s[k]-'0')
		k++
	}
	if k == 0 || n < 1 || n > 31 {
		return false
	}
	switch s[k:] {
	case "", "st", "nd", "rd", "th":
		return true
	}
	return false
}

func (d *doc) year(i int) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].kind == tNum && len(d.s(i)) == 4 && (d.s(i)[0] == '1' || d.s(i)[0] == '2')
}

// joinedBy reports three parts at tokens i, i+2 and i+4 joined by sep
// twice, without spaces: "05/01/1940", "1979-05-23", "14-Feb-1941".
func (d *doc) joinedBy(i int, sep string) bool {
	return i+4 < len(d.toks) && d.adjacent(i) && d.punct(i+1, sep) && d.adjacent(i+1) &&
		d.adjacent(i+2) && d.punct(i+3, sep) && d.adjacent(i+3)
}

// dateAt matches a calendar date starting at token i and returns its last
// token: 05/01/1940, 19.04.2009, 3rd May 1948, 14 March 2025, May 3rd, 1948.
func (d *doc) dateAt(i int) (int, bool) {
	if i >= len(d.toks) {
		return 0, false
	}
	t := d.toks[i]
	if t.kind == tNum && len(d.s(i)) <= 2 && i+4 < len(d.toks) {
		sep := d.s(i + 1)
		if (sep == "/" || sep == "." || sep == "-") && d.joinedBy(i, sep) &&
			d.toks[i+2].kind == tNum && len(d.s(i+2)) <= 2 &&
			d.toks[i+4].kind == tNum && (len(d.s(i+4)) == 2 || len(d.s(i+4)) == 4) {
			a, b := atoi2(d.s(i)), atoi2(d.s(i+2))
			if a >= 1 && b >= 1 && (a <= 31 && b <= 12 || a <= 12 && b <= 31) {
				return i + 4, true
			}
		}
	}
	if t.kind == tNum && len(d.s(i)) == 4 && d.joinedBy(i, "-") && d.toks[i+2].kind == tNum && len(d.s(i+2)) == 2 &&
		d.toks[i+4].kind == tNum && len(d.s(i+4)) == 2 {
		if m, day := atoi2(d.s(i+2)), atoi2(d.s(i+4)); m >= 1 && m <= 12 && day >= 1 && day <= 31 {
			return i + 4, true // "1979-05-23", the ISO order
		}
	}
	if d.dayNumber(i) && d.joinedBy(i, "-") && d.month(i+2) > 0 && d.year(i+4) {
		return i + 4, true // "14-Feb-1941"
	}
	if d.is(i+1, "of") && d.inSet(i, ordinalDays) && d.month(i+2) > 0 && d.year(i+3) {
		return i + 3, true // "the first of April 1938"
	}
	if d.dayNumber(i) {
		j := i + 1
		if d.is(j, "of") {
			j++
		}
		if d.month(j) > 0 {
			if d.year(j + 1) {
				return j + 1, true
			}
			if d.punct(j+1, ",") && d.year(j+2) {
				return j + 2, true
			}
			return j, true
		}
	}
	if d.month(i) > 0 && d.dayNumber(i+1) {
		j := i + 1
		if d.year(j + 1) {
			return j + 1, true
		}
		if d.punct(j+1, ",") && d.year(j+2) {
			return j + 2, true
		}
		return j, true
	}
	return 0, false
}

func atoi2(s string) int {
	n := 0
	for k := 0; k < len(s); k++ {
		n = n*10 + int(s[k]-'0')
	}
	return n
}

// birthTrigger reports whether token i starts a birth context and returns
// the last token of the trigger: born, DOB, D.O.B., date of birth, birth date.
func (d *doc) birthTrigger(i int) (int, bool) {
	if !d.isAny(i, birthWords) {
		return 0, false
	}
	switch {
	case d.is(i, "born"), d.is(i, "stillborn"), d.is(i, "dob"), d.is(i, "birthdate"):
		return i, true
	case (d.is(i, "date") || d.is(i, "dates") || d.is(i, "data")) && d.is(i+1, "of") && d.is(i+2, "birth"):
		return i + 2, true // "two different dates of birth. Her real one is 12/11/1979"; "my data of birth", typed so
	case d.is(i, "birth") && d.is(i+1, "date"):
		return i + 1, true
	case d.is(i, "birth") && (d.is(i-1, "gave") || d.is(i-1, "give") || d.is(i-1, "giving")):
		return i, true // "I gave birth to Ruby-Mae ... on 3rd October 2026"
	case d.is(i, "d") && d.punct(i+1, ".") && d.is(i+2, "o") && d.punct(i+3, ".") && d.is(i+4, "b"):
		return i + 4, true
	case d.is(i, "baby") || d.is(i, "twins") || (d.is(i, "boy") || d.is(i, "girl")) && d.is(i-1, "little"):
		// "I had my baby girl on 9th October 2025", "had my little boy
		// Reggie on 2nd February 2024", "had her first baby, a little
		// boy, on 19 August 2026"
		k := i - 1
		if d.is(i, "boy") || d.is(i, "girl") {
			k-- // past "little"
		}
		if d.inSet(k, birthOrder) {
			k--
		}
		if d.inSet(k, babyOwners) && (d.is(k-1, "had") || d.is(k-1, "delivered")) {
			return i, true
		}
	case (d.is(i, "son") || d.is(i, "daughter")) && d.is(i+1, "on") && (d.is(i-1, "my") || d.is(i-1, "our")) && d.is(i-2, "had") && d.dateNext(i+2):
		return i, true // "I had my daughter on 3 January 2025"; not "on the phone"
	case d.is(i, "arrived"):
		return i, d.newbornArrived(i, false)
	case d.is(i, "came"):
		// "The baby, Lacey-Mae, came at 37 weeks on 23rd April 2025, all
		// 6lb 12oz of her"; not "the baby came home on 3 March 2025"
		return i, d.newbornArrived(i, true)
	case d.is(i, "birthday") && (d.is(i+1, "is") || d.punct(i+1, ":")):
		return i + 1, true // "My birthday is 3 March 1985" (findDOB asks for a year)
	case d.is(i, "birthday") && d.dateNext(i+1):
		// a date straight after, in a list of details: "his name ..., his
		// birthday 01.01.1948"; "on my birthday, 3 March 2025" is a day
		return i, true
	}
	return 0, false
}

// dateBeforeBorn finds the date with its year after "on" that starts the
// clause of "was born" at token i: "On 3 March 2006 my son Jake was
// born".
func (d *doc) dateBeforeBorn(i int) (int, int, bool) {
	if !d.is(i, "born") || !d.is(i-1, "was") && !d.is(i-1, "were") {
		return 0, 0, false
	}
	for j := i - 2; j >= 1 && j >= i-12 && !d.sentenceEnd(j-1); j-- {
		if !d.is(j-1, "on") {
			continue
		}
		if end, ok := d.dateAt(j); ok && end < i-2 && hasYear(d.text[d.bs(j):d.be(end)]) {
			return j, end, true
		}
	}
	return 0, 0, false
}

// newbornArrived reports whether "arrived" (or "came", when came) at
// token i is a birth: a baby just before it, or a son or daughter with a
// word of birth in the same sentence, or a birth weight after it in the
// sentence ("arrived safe and sound on 07/02/2025 at 8lb 2oz"). "Came"
// needs the word of birth or the weight: a baby also comes home.
func (d *doc) newbornArrived(i int, came bool) bool {
	baby, child := false, false
	for k := i - 1; k >= 0 && k >= i-6 && !d.sentenceEnd(k); k-- {
		baby = baby || d.inSet(k, babyWords)
		child = child || d.inSet(k, childWords)
	}
	if baby && !came {
		return true
	}
	for k := i + 1; k < len(d.toks) && k <= i+30; k++ {
		if d.birthWeight(k) || (baby || child) && d.inSet(k, newbornWords) {
			return true
		}
		if d.sentenceEnd(k) {
			break
		}
	}
	return false
}

// birthWeight reports a birth weight at token k: pounds and ounces ("8lb
// 2oz", "6 lb 12 oz") or pounds after "weighing" ("weighing 9lb").
func (d *doc) birthWeight(k int) bool {
	if d.weightUnit(k) != "lb" {
		return false
	}
	for j := k + 1; j <= k+2 && j < len(d.toks); j++ {
		if d.weightUnit(j) == "oz" {
			return true
		}
	}
	w := k - 1
	if d.toks[k].kind == tWord && !isASCIIDigit(d.s(k)[0]) {
		w-- // "6 lb": the number before
	}
	return d.is(w, "weighing") || d.is(w, "weighed")
}

// weightUnit returns "lb" or "oz" for a token of pounds or ounces ("8lb",
// "8lbs", "lb" after a number, "12oz"), else "".
func (d *doc) weightUnit(k int) string {
	if k < 0 || k >= len(d.toks) {
		return ""
	}
	s := d.s(k)
	n := 0
	for n < len(s) && isASCIIDigit(s[n]) {
		n++
	}
	if n == 0 && (k == 0 || d.toks[k-1].kind == tWord || !isASCIIDigit(d.s(k - 1)[0])) {
		return "" // a unit needs its number
	}
	switch lowerASCII(s[n:]) {
	case "lb", "lbs":
		return "lb"
	case "oz":
		return "oz"
	}
	return ""
}

// birthOrder and babyOwners come before "baby" in "had her first baby".
var (
	birthOrder = wordSet(`first second third fourth fifth`)
	babyOwners = wordSet(`my our her his their`)
)

// findDOB flags a date only when a birth context comes shortly before it in
// the same sentence; the span is the date alone.
func findDOB(d *doc, out []moderation.Span) []moderation.Span {
	for i := d.nextClass(0, birthWords); i < len(d.toks); i = d.nextClass(i+1, birthWords) { // birthTrigger needs a birth word
		last, ok := d.birthTrigger(i)
		if !ok {
			continue
		}
		if j, end, ok := d.dateBeforeBorn(i); ok {
			out = append(out, idSpan(d.bs(j), d.be(end), moderation.DateOfBirth, 0.85,
				"date of birth: date before 'was born'"))
		}
		from := last
		for j := last + 1; j < len(d.toks) && j <= last+20; j++ {
			if end, ok := d.dateAt(j); ok {
				if d.is(i, "birthday") && !hasYear(d.text[d.bs(j):d.be(end)]) {
					break // "my birthday is 3 March": a day of the year, not a birth date
				}
				if j > last+8 && !hasYear(d.text[d.bs(j):d.be(end)]) {
					break // "was born in Bangor, about his discharge from the Ulster Hospital to a nursing home on 14 March"
				}
				out = append(out, idSpan(d.bs(j), d.be(end), moderation.DateOfBirth, 0.9,
					"date of birth: date after '"+triggerName(d, i)+"'"))
				i, from = end, end
				break
			}
			if d.sentenceEnd(j) && !(d.punct(j, ".") && j <= last+2) {
				break
			}
		}
		if name := triggerName(d, i); name == "date of birth" || name == "DOB" || name == "D.O.B." { // corrections are of records, not of "born" or "had my baby"
			if j, end, ok := d.correctedDate(from); ok {
				out = append(out, idSpan(d.bs(j), d.be(end), moderation.DateOfBirth, 0.85,
					"date of birth: the right one, after a wrong one"))
				i = end
			}
		}
	}
	return birthDatesAround(d, out)
}

// birthDateRules read a date's surroundings, in this order:
//   - a date written in figures with its year that stands in a list of
//     someone's details, between commas: after a name (or a colon) and
//     before an NHS or hospital number or a house number and street
//     ("Olive Pennington, 21.06.1935, NHS number 696 385 0011", "a Dennis
//     Boateng, 11/06/1962, at 31 Harrow Road", "I gave them: 23.06.1953, 9
//     Pen-y-Bryn Terrace"); an appointment's date is given after a word
//     for it or a day ("on Monday, 12/03/2024, at ..."), not after a name;
//   - the first date of a life's span, written with its year and joined
//     by a dash to the date of death, after a name or a word for a
//     relative and a comma or a bracket: "Kenneth Arthur Pilling, 3
//     February 1939 – 19 August", "Mum (14 May 1941 – 2 March 2025)"; a
//     stay's dates come after a ward or a word for it ("admitted 3 May
//     2024 – 9 May 2024").
var birthDateRules = []struct {
	before func(d *doc, i int) bool
	after  func(d *doc, i, end int) bool
	reason string
}{
	{func(d *doc, i int) bool {
		return d.toks[i].kind == tNum && (d.punct(i-1, ",") && d.capWord(i-2) && !d.isAny(i-2, stopCaps) || d.punct(i-1, ":"))
	}, func(d *doc, i, end int) bool {
		return end == i+4 && len(d.s(end)) == 4 && d.punct(end+1, ",") && d.detailsNext(end+2)
	}, "date of birth: a date in a list of someone's details"},
	{func(d *doc, i int) bool {
		return (d.punct(i-1, ",") || d.punct(i-1, "(")) && (d.toks[i].kind == tNum || d.month(i) > 0) &&
			(d.capWord(i-2) && !d.isAny(i-2, stopCaps) || kinWord(d, i-2))
	}, func(d *doc, i, end int) bool {
		_, next := d.dateAt(end + 2)
		return hasYear(d.text[d.bs(i):d.be(end)]) && (d.punct(end+1, "–") || d.punct(end+1, "—") || d.punct(end+1, "-")) && next
	}, "date of birth: the first date of a life's span after a name"},
}

// birthDatesAround flags, at confidence 0.8, each date that a rule of
// birthDateRules reads as a date of birth by what is before and after
// it, unless a date of birth is there already: one pass over the tokens
// for all of them.
func birthDatesAround(d *doc, out []moderation.Span) []moderation.Span {
	for i := 2; i < len(d.toks); i++ {
		if d.toks[i-1].kind != tPunct || d.toks[i].kind != tNum && !d.toks[i].upper {
			continue // most tokens: every rule wants a mark before the date, and a number or a month
		}
		for _, r := range birthDateRules {
			if !r.before(d, i) {
				continue
			}
			if end, ok := d.dateAt(i); ok && r.after(d, i, end) && !dobAt(out, d.bs(i)) {
				out = append(out, idSpan(d.bs(i), d.be(end), moderation.DateOfBirth, 0.8, r.reason))
				i = end
				break
			}
		}
	}
	return out
}

// dobAt reports a date of birth already found over byte offset at.
func dobAt(out []moderation.Span, at int) bool {
	return slices.ContainsFunc(out, func(s moderation.Span) bool {
		return s.Kind == moderation.DateOfBirth && s.Start <= at && at < s.End
	})
}

// detailsNext reports another of someone's details from token k: an NHS,
// CHI or hospital number, or a house number (after "at" or not) and a
// capitalised street.
func (d *doc) detailsNext(k int) bool {
	if d.is(k, "at") {
		k++
	}
	return d.is(k, "nhs") || d.is(k, "chi") || d.is(k, "hospital") && d.is(k+1, "number") ||
		d.houseNumber(k) && d.capWord(k+1)
}

// correctedDate finds, in the 25 tokens after token from, a date with its
// year that the writer gives as the right birth date, or the wrong one a
// letter gave, after another: "Mine is 30.08.1987", "Mum’s is 14 February
// 1946", "when it’s actually 11/03/1985", "instead of 14/06/1963", "it
// should be 06/04/1943", "The letters say 14/02/1991".
func (d *doc) correctedDate(from int) (int, int, bool) {
	for j := from + 1; j < len(d.toks) && j <= from+25; j++ {
		end, ok := d.dateAt(j)
		if !ok {
			continue
		}
		if !hasYear(d.text[d.bs(j):d.be(end)]) {
			return 0, 0, false
		}
		mine := d.ownersIs(j) || d.is(j-1, "is") && (d.is(j-2, "one") || d.is(j-2, "it") ||
			j >= 2 && d.toks[j-2].kind == tPoss) // "Mine is", "Mum’s is", "The correct one is", "It is"
		it := d.is(j-1, "its") || j >= 2 && d.toks[j-1].kind == tPoss && d.is(j-2, "it") // "It's 21/04/1957"
		right := d.is(j-1, "actually") || d.is(j-1, "fact") || d.is(j-1, "of") && d.is(j-2, "instead") || d.rightValueCue(j)
		return j, end, mine || it || right
	}
	return 0, 0, false
}

// ownersIs reports "mine is" ("mine’s"), "his is" or "hers is" right
// before token j: the writer's own value after someone else's ("Mine is
// 00418822").
func (d *doc) ownersIs(j int) bool {
	is := d.is(j-1, "is") || j >= 2 && d.toks[j-1].kind == tPoss // "Mine’s"
	return is && (d.is(j-2, "mine") || d.is(j-2, "his") || d.is(j-2, "hers"))
}

// rightValueCue reports "should be", "say" or "says" right before token
// j, which gives the right value after a wrong one ("it should be
// B2091174", "The letters say 14/02/1991").
func (d *doc) rightValueCue(j int) bool {
	return d.is(j-1, "be") && d.is(j-2, "should") || d.is(j-1, "say") || d.is(j-1, "says")
}

// hasYear reports whether a date holds its year: four digits, or a third
// number ("03/03/85").
func hasYear(date string) bool {
	run, numbers := 0, 0
	for i := 0; i < len(date); i++ {
		if isASCIIDigit(date[i]) {
			run++
			if run == 1 {
				numbers++
			}
			if run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return numbers >= 3
}

func triggerName(d *doc, i int) string {
	switch {
	case d.is(i, "birthday") && d.is(i+1, "is"):
		return "birthday is"
	case d.is(i, "birthday"):
		return "birthday"
	case d.is(i, "born"):
		return "born"
	case d.is(i, "stillborn"):
		return "stillborn"
	case d.is(i, "d"):
		return "D.O.B."
	case d.is(i, "dob"):
		return "DOB"
	case d.is(i, "birth") && !d.is(i+1, "date"):
		return "gave birth"
	case d.is(i, "arrived"), d.is(i, "came"):
		return d.s(i) // a baby's birth
	case d.is(i, "twins"):
		return "had twins"
	case d.is(i, "baby") || d.is(i, "son") || d.is(i, "daughter"):
		return "had a " + d.s(i)
	case d.is(i, "boy") || d.is(i, "girl"):
		return "had a little " + d.s(i)
	}
	return "date of birth"
}

// dateNext reports a calendar date at token k, or after "the" there.
func (d *doc) dateNext(k int) bool {
	if d.is(k, "the") {
		k++
	}
	_, ok := d.dateAt(k)
	return ok
}
