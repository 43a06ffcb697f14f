package detect

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

var streetWords = idWords(`street road lane avenue close drive way walk rise mews crescent place
gardens grove terrace hill row square view green parade mount gate croft fold vale meadow meadows
chase yard boulevard broadway parkway court park wharf quay st rd ave ln embankment circus
drove end brow bank side path approach bypass pass parks extension extensions creek cliffs heights dale
cottages cotts buildings brae wynd hey`)

// streetFirstWords open Welsh and Scottish Gaelic street names.
var streetFirstWords = map[string]bool{"llys": true, "cwrt": true, "tŷ": true, "ty": true, "plas": true, "heol": true, "ffordd": true, "stryd": true, "lôn": true, "lon": true,
	"rhodfa": true, "cilgant": true, "teras": true, "maes": true, "sràid": true, "rathad": true, "clos": true, "bryn": true}

// streetLink reports whether token i is a word that joins a street word
// to the name after it: "Heol y Felin", "Tigh na Creige". It is asked of
// most words after a capitalised one, so it compares the token with the
// few words (is decides most by their first byte) instead of lower-casing
// it for a map. (The list once also held "'r", which is never a word token
// of its own: a word starts with a letter or digit.)
func (d *doc) streetLink(i int) bool {
	if p := d.lead(i); p != 'y' && p != 'n' && p != 'a' && p < utf8.RuneSelf {
		return false
	}
	return d.is(i, "y") || d.is(i, "yr") || d.is(i, "na") || d.is(i, "an")
}

// hyphenedWelsh matches a Welsh street name written with hyphens from
// token j, a street word first ("Maes-y-Coed", "Heol-yr-Ysgol"), and
// returns its last token.
func (d *doc) hyphenedWelsh(j int) (int, bool) {
	// the word list last: inWords lower-cases the word
	ok := d.capWord(j) && d.joiningHyphen(j+1) && d.streetLink(j+2) && d.joiningHyphen(j+3) && d.capWord(j+4) &&
		d.inWords(j, streetFirstWords)
	return j + 4, ok
}

// inWords reports whether token i, lower-cased, is in words.
func (d *doc) inWords(i int, words map[string]bool) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != tWord {
		return false
	}
	var buf [24]byte
	w := d.s(i)
	if len(w) > len(buf) {
		return words[strings.ToLower(w)]
	}
	return words[string(appendLower(buf[:0], w))] // no allocation: the map lookup does not keep the key
}

var buildingWords = idWords(`court house lodge tower towers mansions heights apartments buildings
block cottage cottages farm hall villas point quay wharf mews gardens place site park
mill mills works lofts yard chambers warehouse studios reach`)

var houseNameWords = idWords(`cottage house farm lodge barn bungalow villa cottages farmhouse manor
bakehouse rectory vicarage forge granary schoolhouse stables chapel mill smithy dairy oast coachhouse`)

var flatWords = idWords(`flat apartment apt plot caravan pitch chalet unit`)

// houseNumber reports whether token i is a house number: 1-4 digits with an
// optional single letter ("27B").
func (d *doc) houseNumber(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	if t.kind != tNum && !t.digit {
		return false // most tokens: words without a digit, punctuation
	}
	s := d.s(i)
	if t.kind == tNum {
		return len(s) <= 4 && s[0] != '0'
	}
	if t.kind == tWord && t.digit && len(s) >= 2 && len(s) <= 5 {
		last := s[len(s)-1]
		for k := 0; k < len(s)-1; k++ {
			if !isASCIIDigit(s[k]) {
				return false
			}
		}
		return isLetterASCII(last) && s[0] != '0'
	}
	return false
}

// capWord reports whether token i is a capitalised word without digits
// (and not all upper case unless one letter).
func (d *doc) capWord(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	return d.toks[i].capWord // set by tokenize: a word, upper && !digit && (!allUpper || one letter)
}

// streetAfter matches 1-4 capitalised words ending in a street word after
// token i; it returns the index of the street word.
func (d *doc) streetAfter(i int, words idClass) (int, bool) {
	limit := i + 5
	for k := i; k < limit && k < len(d.toks); k++ {
		if k > i && d.toks[k].kind == tPoss {
			continue // "St John’s Road"
		}
		if !d.capWord(k) || (k > i && d.toks[k].nl) {
			if k > i && d.toks[k].kind == tPunct && d.joiningHyphen(k) {
				// "Pen-y-Bryn Road": a hyphen, and a link word after it
				if d.streetLink(k + 1) {
					k++
				}
				limit += 2
				continue
			}
			return 0, false
		}
		if k > i && d.isAny(k, words) {
			return k, true
		}
	}
	return 0, false
}

// nextAddressStart returns the first token from i on where findAddresses
// may find an address (see nextCap), or len(d.toks): every case starts at
// a capitalised word or a house number.
func (d *doc) nextAddressStart(i int) int {
	toks := d.toks
	for ; i < len(toks); i++ {
		if t := &toks[i]; t.capWord || t.kind == tNum || t.digit {
			break
		}
	}
	return i
}

// findAddresses finds street addresses: house number or house name +
// street name + street word, and flats ("Flat 2, 118 High Street", "Flat 9,
// Kingsley Court"). A following town or postcode is not part of the span.
func findAddresses(d *doc, out []moderation.Span) []moderation.Span {
	for i := d.nextAddressStart(0); i < len(d.toks); i = d.nextAddressStart(i + 1) {
		start := -1
		var end int
		reason := "address: house number and street"
		switch {
		case d.capWord(i) && d.isAny(i, flatWords) && d.houseNumber(i+1):
			j := d.skipComma(i + 2)
			if d.houseNumber(j) {
				if k, ok := d.streetAfter(j+1, streetWords); ok {
					start, end = i, k
					reason = "address: flat, house number and street"
				}
			} else if k, ok := d.streetAfter(j, buildingWords); ok {
				start, end = i, k
				reason = "address: flat and building name"
			} else if k, ok := d.streetAfter(j, streetWords); ok {
				start, end = i, k // "Flat 4, Harbour View"
				reason = "address: flat and building name"
			} else if d.capWord(j) && d.inWords(j, streetFirstWords) && d.capWord(j+1) {
				start, end = i, j+1 // "Flat 12, Cwrt Glas"
				reason = "address: flat and building name"
			} else if (d.is(i, "flat") || d.is(i, "apartment")) && d.is(j, "the") && d.toks[j].upper && d.capWord(j+1) && !d.isAny(j+1, institutionWords) && !d.isAny(j+2, institutionWords) {
				start, end = i, j+1 // "Apartment 6, The Maltings"
				reason = "address: flat and building name"
			} else if k, ok := d.hyphenedWelsh(j); ok {
				start, end = i, k // "Flat 6, Maes-y-Coed"
				reason = "address: flat and street"
			} else if d.capWord(j) && d.inWords(j, streetFirstWords) && d.streetLink(j+1) && d.capWord(j+2) {
				start, end = i, j+2 // "Flat 4, Heol y Nant"
				reason = "address: flat and street"
			}
		case d.houseNumber(i) && !d.isAny(i-1, notHouseNumberBefore):
			if k, ok := d.streetAfter(i+1, streetWords); ok {
				start, end = i, k
			} else if k, ok := d.hyphenedWelsh(i + 1); ok {
				start, end = i, k // "12 Maes-y-Coed"
			} else if d.capWord(i+1) && d.inWords(i+1, streetFirstWords) && (d.capWord(i+2) || d.streetLink(i+2) && d.capWord(i+3)) {
				// Welsh and Gaelic names put the street word first: "8 Heol y Felin", "12 Ffordd Las"
				start, end = i, i+2
				if d.streetLink(i + 2) {
					end = i + 3
				}
				reason = "address: house number and street"
			} else if k, ok := d.lowerStreetPostcode(i + 1); ok {
				start, end = i, k // typed in lower case, the postcode after it: "we live at 23 curzon st ca14 2tq"
				reason = "address: house number and street, then a postcode"
			} else if d.capWord(i+1) && (d.is(i+1, "broadway") || gateStreet(d.s(i+1))) {
				start, end = i, i+1 // a street word that is a street's whole name: "112 Broadway", "42 Wellgate"
			} else if d.is(i+1, "the") && d.capWord(i+2) && d.punct(i+3, ",") && d.postcodeWithin(i+4) {
				// a street without a street word, which the postcode
				// after it gives away: "22 The Strand, SA69 9EX"
				start, end = i, i+2
				reason = "address: house number and street, then a postcode"
			} else if k := d.capRun(i+1, 2); d.capWord(i+1) && !d.is(i+1, "the") && d.punct(k+1, ",") && d.postcodeWithin(k+2) {
				// a township or street without a street word: "7 Lower
				// Garrabost, Isle of Lewis, HS2 0PN"
				start, end = i, k
				reason = "address: house number and street, then a postcode"
			}
		case d.capWord(i) && (i == 0 || !d.capWord(i-1) || d.toks[i].nl):
			// house name: "Rose Cottage, 4 Mill Lane" or "Rose Cottage, Mill Lane"
			// (on a line of its own after a signature: "Hamish Ross\nBraeside Cottage, Mill Brae")
			k, ok := d.streetAfter(i, houseNameWords)
			if !ok || !d.punct(k+1, ",") {
				break // perhaps a house name without a house word, below
			}
			j := k + 2
			if d.houseNumber(j) {
				j++
			}
			if s, ok := d.streetAfter(j, streetWords); ok {
				start, end = i, s
				reason = "address: house name and street"
			}
		}
		if start < 0 && d.commaWithin(i+1, i+5) {
			if ok, strict := d.namedHouseStart(i); ok {
				start, end = d.namedHouse(i, strict)
				reason = "address: house name and street" // a postcode, a Welsh street or a home told around it
			}
		}
		if start < 0 {
			continue
		}
		out = append(out, idSpan(d.bs(start), d.be(end), moderation.Address, 0.85, reason))
		i = end
	}
	return findLowerAddresses(d, out)
}

// findLowerAddresses finds a house number and street typed in lower case
// right after the word "address" ("his address is 14 cherry tree close",
// "address: 22 foxglove close"), which findAddresses, reading capitals,
// passes by.
func findLowerAddresses(d *doc, out []moderation.Span) []moderation.Span {
	if !strings.Contains(d.text, "ddress") {
		return out // most stories: no token to look at
	}
	for k := range d.toks {
		if !d.may(k, 'a') || !d.is(k, "address") {
			continue
		}
		j := k + 1
		for j < len(d.toks) && j <= k+3 && (d.is(j, "is") || d.is(j, "was") || d.is(j, "now") || d.punct(j, ":")) {
			j++
		}
		if !d.houseNumber(j) {
			if e, ok := d.statedAddress(k, j); ok {
				sp := idSpan(d.bs(j), d.be(e), moderation.Address, 0.75, "address: given after 'address is'")
				if !slices.ContainsFunc(out, func(s moderation.Span) bool { return s.Kind == moderation.Address && s.Overlaps(sp) }) {
					out = append(out, sp)
				}
			}
			continue
		}
		for e := j + 2; e < len(d.toks) && e <= j+4 && d.toks[e-1].kind == tWord && !d.toks[e-1].nl; e++ {
			if d.toks[e].kind == tWord && !d.toks[e].upper && !d.toks[e].nl && d.isAny(e, streetWords) {
				out = append(out, idSpan(d.bs(j), d.be(e), moderation.Address, 0.8, "address: house number and street after 'address'"))
				break
			}
		}
	}
	return out
}

// statedAddress reads an address given after "address is" (token k is
// "address", j the first token after the cue) that the other rules pass
// by for want of a house number right before a street word: "the address
// is Yard 2, Holloway Lane", "my term address is Room 14, Kendrew Hall",
// "Bryn Eithin, Lôn Pobty". A piece of capitalised words and numbers (a
// house name or number) must be followed, after a comma, by a street or
// building; the address runs through the last of those, as the policy
// has it (a town after it is not part of it). An e-mail or web address is
// not one, nor a house name and a village ("Taigh na Mara, Ardvasar").
func (d *doc) statedAddress(k, j int) (int, bool) {
	if d.is(k-1, "email") || d.is(k-1, "e-mail") || d.is(k-1, "web") || !d.capWord(j) {
		return 0, false
	}
	last := -1
	for i, first := j, true; ; first = false {
		n := i
		for n < len(d.toks) && (n == i || !d.toks[n].nl) && d.addressWord(n) {
			n++
		}
		if n == i || n-i > 5 || d.is(i, "i") {
			break // "Manchester, I think"
		}
		if !first {
			if !d.isAny(n-1, streetWords|buildingWords) && !d.inWords(i, streetFirstWords) {
				break
			}
			last = n - 1
		}
		if !d.punct(n, ",") || n+1 >= len(d.toks) || d.toks[n+1].nl {
			break
		}
		i = n + 1
	}
	return last, last >= 0
}

// addressWord reports whether token i can be part of an address piece: a
// capitalised word, a number, or a Welsh or Gaelic link word ("Heol y
// Nant", "Taigh na Mara"). A postcode ends the address: it is a span of
// its own.
func (d *doc) addressWord(i int) bool {
	t := &d.toks[i]
	return t.kind == tNum || t.kind == tWord && (t.upper && !t.digit || d.streetLink(i))
}

// capRun returns the last of up to n capitalised words from token i.
func (d *doc) capRun(i, n int) int {
	k := i
	for k+1 < i+n && d.capWord(k+1) {
		k++
	}
	return k
}

// namedHouseStart reports whether a house name of namedHouse may start at
// token i: a capitalised word, not a contraction ("We're"), after no
// other capitalised word (a contraction aside: "We're Tigh na Creige";
// a word on the line before: "Gwenllian Morgan\nTŷ Gwyn, Heol y Parc"),
// flat word or preposition of a town or shop. After "at", "of" or "to"
// (a shop's or a house's: "at Bryn Eithin, Lôn Pobty, Llanrug, LL55 4AB",
// "of Tŷ Capel, ...") it is strict: only a postcode after the street
// makes it an address.
func (d *doc) namedHouseStart(i int) (ok, strict bool) {
	contraction := func(k int) bool { return hasApostrophe(d.s(k)) }
	if !d.capWord(i) || contraction(i) {
		return false, false
	}
	if i == 0 || d.toks[i].nl && d.sentenceEnd(i-1) {
		return true, false
	}
	if d.capWord(i-1) && !contraction(i-1) || d.isAny(i-1, flatWords) {
		return false, false
	}
	if !d.beforePlace(i-1) || d.homeAt(i-1) {
		return true, false
	}
	return d.is(i-1, "at") || d.is(i-1, "of") || d.is(i-1, "to"), true
}

// lowerStreetPostcode matches one to three lower-case words from token j,
// the last a street word, then a postcode (after a comma or not, and
// maybe after a town), and returns the street word.
func (d *doc) lowerStreetPostcode(j int) (int, bool) {
	for e := j; e < j+3 && e < len(d.toks); e++ {
		if t := &d.toks[e]; t.kind != tWord || t.upper || t.nl {
			return 0, false
		}
		if !d.isAny(e, streetWords) {
			continue
		}
		p := d.skipComma(e + 1)
		if d.postcodeAt(p) {
			return e, true
		}
		// a town between, in lower case too: "9 ellesmere road eccles m300lu"
		if p < len(d.toks) && d.toks[p].kind == tWord && !d.toks[p].upper && !d.toks[p].nl && d.postcodeAt(d.skipComma(p+1)) {
			return e, true
		}
		return 0, false
	}
	return 0, false
}

// skipComma returns i, or i+1 when token i is a comma.
func (d *doc) skipComma(i int) int {
	if d.punct(i, ",") {
		return i + 1
	}
	return i
}

// postcodeAt reports whether a postcode starts at token i.
func (d *doc) postcodeAt(i int) bool {
	if i >= len(d.toks) {
		return false
	}
	_, ok := matchPostcode(d.text, d.bs(i))
	return ok
}

// welshHouseWords open Welsh house names beside streetFirstWords' "Tŷ",
// "Bryn" and "Plas": "Hafod Wen", "Tyddyn Uchaf".
var welshHouseWords = map[string]bool{"hafod": true, "tyddyn": true, "bwthyn": true, "hendre": true, "llys": true}

// gateStreet reports a street whose name ends in "gate" (the Norse word
// for a street, in Yorkshire, Cumbria and the north-east: "Wellgate",
// "Botchergate", "Briggate").
func gateStreet(w string) bool {
	return len(w) > 6 && strings.EqualFold(w[len(w)-4:], "gate")
}

// homeAt reports "at" after words of living somewhere ("we're at", "she
// lives at"): what follows is a home, not a shop or a town.
func (d *doc) homeAt(k int) bool {
	if !d.is(k, "at") {
		return false
	}
	switch {
	case d.is(k-1, "live"), d.is(k-1, "lives"), d.is(k-1, "living"), d.is(k-1, "lived"), d.is(k-1, "staying"),
		d.is(k-1, "we're"), d.is(k-1, "we’re"), d.is(k-1, "i'm"), d.is(k-1, "i’m"), d.is(k-1, "they're"), d.is(k-1, "they’re"),
		d.is(k-1, "us"), d.is(k-1, "me"): // "write to us at", "visit me at"
		return true
	case d.is(k-1, "are") && (d.is(k-2, "we") || d.is(k-2, "they")), d.is(k-1, "am") && d.is(k-2, "i"):
		return true // "we are at"
	}
	return false
}

// commaWithin reports whether one of tokens a..b is a comma. namedHouse
// needs one right after the house name, which ends within four tokens of
// its first: testing for it first spares namedHouseStart and namedHouse
// at most capitalised words.
func (d *doc) commaWithin(a, b int) bool {
	for k := a; k <= b && k < len(d.toks); k++ {
		if t := &d.toks[k]; t.kind == tPunct && t.end-t.start == 1 && d.text[t.start] == ',' {
			return true
		}
	}
	return false
}

// hasApostrophe reports whether s holds ' or ’: strings.ContainsAny,
// which does not take the ASCII path for a set with a rune outside ASCII,
// cost more than the rest of namedHouseStart.
func hasApostrophe(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] == '\'' || s[k] == "’"[0] && strings.HasPrefix(s[k:], "’") {
			return true
		}
	}
	return false
}

// namedHouse matches a house without a number or a house word, which only
// the postcode after it gives away: "Rosedene, Sutton Road, Hull, HU7
// 4QE", "Tigh na Creige, Balnain Road, IV63 6TH". The name is one to three
// capitalised words (Gaelic and Welsh links between them). It returns the
// first and last token of name and street, or -1.
func (d *doc) namedHouse(i int, strict bool) (int, int) {
	k := i
	for n := 0; n < 4 && d.punct(k+1, "-") && !d.toks[k+1].gap && k+2 < len(d.toks) && d.toks[k+2].kind == tWord && !d.toks[k+2].gap; n++ {
		k += 2 // a hyphenated Welsh name: "Blaen-y-cwm, Heol y Mynydd, Ponterwyd, SY23 3LQ"
	}
	if strict && !d.inWords(i, streetFirstWords) && !d.inWords(i, welshHouseWords) && !(d.is(i, "the") && d.is(i+1, "old")) {
		return -1, 0 // after "at" or "to", a shop's name: "at Boots, High Street, Llanidloes SY18 6LA"
	}
	for n := 1; n < 3 && k+1 < len(d.toks) && !d.toks[k+1].nl && (d.capWord(k+1) || d.streetLink(k+1) && d.capWord(k+2)); n++ {
		if !d.capWord(k + 1) {
			k++
		}
		k++
	}
	if !d.punct(k+1, ",") {
		return -1, 0
	}
	s, ok := d.streetAfter(k+2, streetWords)
	if !ok {
		s, ok = d.welshStreet(k + 2)
	}
	if !ok {
		return -1, 0
	}
	if d.punct(s+1, ",") && d.postcodeWithin(s+2) || s+1 < len(d.toks) && d.toks[s+1].nl && d.postcodeWithin(s+1) {
		return i, s // the town and postcode after a comma or on the next line
	}
	if d.punct(s+1, ",") && d.is(s+2, "near") && d.postcodeWithin(s+3) {
		return i, s // "Low Garth, Fell Lane, near Brampton, CA8 1QT"
	}
	if _, welsh := d.welshStreet(k + 2); welsh && (d.punct(s+1, ",") || d.punct(s+1, ".")) {
		return i, s // "Tŷ Capel, Lôn Goch, Amlwch": a house name and a Welsh street (after "of", a house name strict allowed)
	}
	if d.homeAt(i-1) || d.punct(i-1, ",") && (d.is(i-2, "house") || d.is(i-2, "home") || d.is(i-2, "farm") || d.is(i-2, "bungalow") || d.is(i-2, "cottage")) {
		return i, s // where someone lives: "she lives at Bryn Awel, Heol y Wern now", "trouble finding the house, Hollybank, Mill Lane"
	}
	return -1, 0
}

// postcodeWithin reports a postcode at token j or after up to two towns
// ("Rhiwbina, Cardiff CF14 6NB"), each of one or two words.
func (d *doc) postcodeWithin(j int) bool {
	for towns := 0; towns <= 2 && j < len(d.toks); towns++ {
		if d.postcodeAt(j) {
			return true
		}
		if towns == 2 || !d.capWord(j) {
			break
		}
		if d.is(j+1, "of") && d.capWord(j+2) {
			j += 2 // "Isle of Lewis", "Vale of Glamorgan"
		} else if d.capWord(j+1) && !d.punct(j+1, ",") && j+2 < len(d.toks) && !d.postcodeAt(j+1) {
			j++ // "Milton Keynes"
		}
		j = d.skipComma(j + 1)
	}
	return false
}

// welshStreet matches a street whose street word comes first at token i
// ("Heol y Felin", "Ffordd Penrhos") and returns its last token.
func (d *doc) welshStreet(i int) (int, bool) {
	if !d.capWord(i) || !d.inWords(i, streetFirstWords) {
		return 0, false
	}
	e := i + 1
	if d.streetLink(i+1) && d.capWord(i+2) {
		e = i + 2
	} else if !d.capWord(i + 1) {
		return 0, false
	}
	// a name of more words, up to a comma or the line's end: "Lôn Pen
	// Cei", "Ffordd Capel Garmon"
	f := e
	for n := 0; n < 2 && d.capWord(f+1) && !d.toks[f+1].nl; n++ {
		f++
	}
	if f > e && (f+1 >= len(d.toks) || d.punct(f+1, ",") || d.toks[f+1].nl) {
		e = f
	}
	return e, true
}

// beforePlace reports a preposition at token i that puts a town or a shop
// after it ("in Leeds, Park Lane", "to Boots, High Street"); "live at"
// still introduces a home.
//
// It is asked of most capitalised words' predecessors, so a token in ASCII
// (nearly all) is lower-cased once and compared with the words, instead
// of being compared with each of them ignoring case; a token outside
// ASCII may still fold to one ("ſo" is "so") and takes the slow way.
func (d *doc) beforePlace(i int) bool {
	if uint(i) >= uint(len(d.toks)) {
		return false
	}
	s := d.s(i)
	if !isASCII(s) {
		return d.beforePlaceFold(i)
	}
	if len(s) > maxPlaceWord {
		return false // longer than every word below
	}
	var buf [maxPlaceWord]byte
	for k := 0; k < len(s); k++ {
		buf[k] = lowerTable[s[k]]
	}
	low := buf[:len(s)]
	if string(low) == "at" {
		return !d.atHome(i)
	}
	for _, w := range placePrepositions {
		if string(low) == w {
			return true
		}
	}
	return false
}

// beforePlaceFold is beforePlace for a token outside ASCII, comparing it
// with each word ignoring case.
func (d *doc) beforePlaceFold(i int) bool {
	if d.is(i, "at") {
		return !d.atHome(i)
	}
	return slices.ContainsFunc(placePrepositions, func(w string) bool { return d.is(i, w) })
}

// atHome reports an "at" (token i) after a verb of living somewhere:
// "live at", "lives alone at", "lives on her own at", "I am at".
func (d *doc) atHome(i int) bool {
	return d.inSet(i-1, homeVerbs) || d.inSet(i-2, homeVerbs) || d.inSet(i-4, homeVerbs) && d.is(i-1, "own")
}

// maxPlaceWord is the length of the longest of "at" and placePrepositions.
const maxPlaceWord = len("opposite")

var placePrepositions = []string{"in", "to", "from", "near", "of", "via", "through", "outside", "opposite", "into", "on"}

var homeVerbs = wordSet(`live lives living lived stay staying stays am are is home`)

var notHouseNumberBefore = idWords(`ward bay bed room band level floor platform junction route no number
page chapter table stage grade year years week weeks day days month months aged age`)
