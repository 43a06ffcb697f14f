package detect

import (
	"strings"

	"github.com/storydesk/storydesk/moderation"
)

// Words that make a following "number" a local patient identifier.
var hospitalContext = idWords(`hospital hosp infirmary unit patient case casenote case-note ward record records trust clinic maternity camhs outpatient inpatient nicu scbu epu referral
neonatal picu hdu itu icu attendance gic haematology oncology rio systmone emis pas epr carenotes mbu eip cmht crht iapt`) // patient record systems ("my RiO number"), then services ("MBU number")

var mrnWord = idWords(`mrn`)

// ownerOfRecord are whose "service number" is a patient's: "my service
// ID"; not "their service number" (a van's, a firm's).
var ownerOfRecord = wordSet(`my his her`)

var numberWords = idWords(`number no num id identifier numbers ref reference`)

var hospitalFiller = idWords(`is was for me him her us them being as of`)

// findHospitalNumbers flags a local identifier (hospital, unit, MRN,
// case-note or patient number) only after such words; the span is the
// number alone.
func findHospitalNumbers(d *doc, out []moderation.Span) []moderation.Span {
	for i := 0; i < len(d.toks); i++ {
		if !d.isAny(i, mrnWord|numberWords) {
			continue
		}
		after := -1
		label := ""
		switch {
		case d.isAny(i, mrnWord):
			after, label = i+1, "MRN"
		case d.isAny(i, numberWords):
			// a context word up to three tokens back: "hospital number",
			// "the ward’s own number", "case note no."
			back := 3
			if d.is(i, "ref") || d.is(i, "reference") {
				back = 1 // "CAMHS ref", not "a flu clinic with a reference"
			}
			for k := i - 1; k >= 0 && k >= i-back; k-- {
				if d.toks[k].kind == tWord && (d.isAny(k, hospitalContext) || d.is(k, "care") && d.is(k-1, "social") || // "her adult social care number"
					d.is(k, "client") && k == i-1 && (d.is(i, "number") || d.is(i, "no")) || // "my client number at the drug and alcohol service"; not a finance office's "client reference"
					d.is(k, "service") && k == i-1 && (d.is(i, "id") && d.inSet(k-1, ownerOfRecord) || d.inSet(k-2, ownerOfRecord) && d.toks[k-1].allUpper)) { // "my ED service number, EDS-40917", "my service ID"; not a veteran's "my service number"
					after, label = i+1, lowerASCII(d.s(k))+" "+lowerASCII(d.s(i))
					break
				}
				if k == i-1 && (hospitalAcronym(d.s(k)) || (k == 0 || d.toks[k].nl) && d.capWord(k) && (d.is(i, "no") || d.is(i, "number")) && d.punct(i+1, ":") && loadGazetteer()[d.s(k)] != 0) {
					after, label = i+1, d.s(k)+" "+lowerASCII(d.s(i)) // "RPH No: P0419876", "RVH number", a labelled line "Christie No: C0928814"
					break
				}
				if d.s(k) == "E" && d.punct(k-1, "&") && d.s(k-2) == "A" {
					after, label = i+1, "A&E "+lowerASCII(d.s(i)) // "my A&E number"
					break
				}
				if d.toks[k].kind == tPunct && !d.punct(k, "-") && !(d.punct(k, ".") && d.isAny(k-1, hospitalContext)) {
					break // but "Hosp. no. M0043817"
				}
			}
			if after < 0 && d.is(i, "number") && (d.is(i+1, "from") || d.is(i+1, "at")) && d.is(i+2, "the") {
				// "Her number from the stroke unit is K4419027"
				for k := i + 3; k < len(d.toks) && k <= i+5 && d.toks[k].kind == tWord; k++ {
					if d.isAny(k, hospitalContext) {
						after, label = k+1, lowerASCII(d.s(k))+" number"
						break
					}
				}
			}
			if after < 0 && d.is(i, "number") && d.is(i+1, "on") && (d.inSet(i+2, possessiveWords) || d.is(i+2, "the")) && (d.is(i+3, "band") || d.is(i+3, "wristband")) {
				after, label = i+4, "number on the wristband" // "the number on his band is M2219047"
			}
			if after < 0 && d.is(i, "number") && d.is(i-1, "a") && d.inSet(i-2, objectPronouns) && (d.is(i-3, "gave") || d.is(i-3, "give") || d.is(i-3, "gives")) {
				// "the hospital gave me a number last time, M5582301"
				for k := i - 4; k >= 0 && k >= i-5; k-- {
					if d.isAny(k, hospitalContext) {
						after, label = i+1, lowerASCII(d.s(k))+" number"
						break
					}
				}
			}
		}
		if after < 0 {
			continue
		}
		j := after
		for n := 0; n < 4 && j < len(d.toks); n++ {
			if d.punct(j, ":") || d.punct(j, ",") || d.punct(j, "#") || d.punct(j, ".") || d.punct(j, "-") || d.punct(j, "(") ||
				d.punct(j, "”") || d.punct(j, "\"") || d.punct(j, "’") || d.isAny(j, hospitalFiller) || d.toks[j].kind == tPoss && j == after { // "her hospital number’s RH0558213"
				j++
				continue
			}
			break
		}
		end, ok := d.localCode(j)
		if !ok {
			// a short phrase between: "my MRN from a previous visit is
			// M0937741", "her hospital number at the Norfolk and Norwich
			// is NNU 771302"
			j, end, ok = d.codeAfterVerb(after)
		}
		if !ok {
			// the code later in the sentence, after a colon, a comma or
			// "as": "quote his unit number when I phone, so here it is:
			// H1193027", "the hospital number on the discharge letter,
			// H3321087, didn't match", "is given as CAMHS-771402"
			j, end, ok = d.codeLater(after)
		}
		if !ok || placeholderCode(d.text[d.bs(j):d.be(end)]) || failedNHSShape(d.text[d.bs(j):d.be(end)]) {
			continue
		}
		reason := "hospital number: identifier after '" + label + "'"
		out = append(out, idSpan(d.bs(j), d.be(end), moderation.HospitalNumber, 0.9, reason))
		// "their hospital numbers, NICU-4471 and NICU-4472"
		if k := end + 1; d.is(k, "and") || d.punct(k, ",") {
			if e2, ok := d.localCode(k + 1); ok && !placeholderCode(d.text[d.bs(k+1):d.be(e2)]) {
				out = append(out, idSpan(d.bs(k+1), d.be(e2), moderation.HospitalNumber, 0.9, reason))
				end = e2
			}
		}
		// a code of the same shape later in the sentence: "our patient
		// number is FC-30582 and my partner's is FC-30583"
		if k, e2, ok := d.sameCodeLater(j, end); ok {
			out = append(out, idSpan(d.bs(k), d.be(e2), moderation.HospitalNumber, 0.85, "hospital number: same form as the number before it"))
			end = e2
		}
		i = end
	}
	return out
}

// sameCodeLater finds, within sixteen tokens after the code [a, b] and in
// its sentence or the next, a code with the same letters before its first
// digit and the same length ("FC-30582 ... FC-30583"; "is M0882154. The
// letter I received had M0882145"). The letters must be there: two bare
// numbers of one length are no more alike than any two numbers.
func (d *doc) sameCodeLater(a, b int) (int, int, bool) {
	code := d.text[d.bs(a):d.be(b)]
	p := strings.IndexAny(code, "0123456789")
	if p < 1 || !isLetterASCII(code[0]) {
		return 0, 0, false
	}
	ends := 0
	for k := b + 1; k < len(d.toks) && k <= b+16; k++ {
		if d.sentenceEnd(k - 1) {
			if ends++; ends == 2 {
				break
			}
		}
		if d.toks[k].kind != tWord || !strings.HasPrefix(d.text[d.bs(k):], code[:p]) {
			continue
		}
		if e, ok := d.localCode(k); ok && d.be(e)-d.bs(k) == len(code) && !placeholderCode(d.text[d.bs(k):d.be(e)]) {
			return k, e, true
		}
	}
	return 0, 0, false
}

// localCode matches a trust-specific identifier starting at token j:
// alphanumeric groups joined by - or / (or a space before a digit group),
// with at least four digits in all. It returns the last token.
func (d *doc) localCode(j int) (int, bool) {
	if j >= len(d.toks) {
		return 0, false
	}
	first := d.toks[j]
	if !(first.kind == tNum || first.kind == tWord && (first.digit || first.allUpper)) {
		return 0, false
	}
	digits := countDigits(d.s(j))
	end := j
	for k := j; k+1 < len(d.toks); {
		if (d.punct(k+1, "-") || d.punct(k+1, "/")) && d.adjacent(k) && d.adjacent(k+1) && k+2 < len(d.toks) &&
			(d.toks[k+2].kind == tNum || d.toks[k+2].kind == tWord && (d.toks[k+2].digit || d.toks[k+2].allUpper)) {
			k += 2
		} else if d.toks[k+1].kind == tNum && d.toks[k+1].gap && !d.toks[k+1].nl && d.be(k)+1 == d.bs(k+1) && !d.streetAt(k+2) {
			k++ // "CX 557 0102", not "RG4417203 14 Culduthel Road"
		} else {
			break
		}
		digits += countDigits(d.s(k))
		end = k
	}
	if digits < 4 {
		return 0, false
	}
	return end, true
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isASCIIDigit(s[i]) {
			n++
		}
	}
	return n
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// codeAfterVerb finds a local code right after "is" or "was" within the
// eight tokens from k, in the same sentence.
func (d *doc) codeAfterVerb(k int) (start, end int, ok bool) {
	for j := k; j < len(d.toks) && j < k+8; j++ {
		if d.toks[j].nl && j > k {
			break
		}
		if d.is(j, "is") || d.is(j, "was") {
			if end, ok := d.localCode(j + 1); ok {
				return j + 1, end, true
			}
			break
		}
		if d.sentenceEnd(j) {
			break
		}
	}
	return 0, 0, false
}

// hospitalAcronym reports a hospital's initials: two to four capitals
// ending in H ("RPH", "RVH", "QEUH").
func hospitalAcronym(w string) bool {
	if len(w) < 3 || len(w) > 4 || w[len(w)-1] != 'H' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// failedNHSShape reports ten digits written as an NHS number is ("926 326
// 5073", "9172095787") that fail its modulus-11 check: what people read
// as a sample or mistyped NHS number (a poster's, a 111 case reference),
// which the policy leaves alone. No labelled hospital number has the
// shape; six such numbers after "case reference" or "patient number"
// were all false flags.
func failedNHSShape(s string) bool {
	var digits [10]byte
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			if n == len(digits) {
				return false
			}
			digits[n] = c
			n++
		case c == ' ' || c == '-':
			if n != 3 && n != 6 {
				return false // "12 3456 7890" is not the NHS grouping
			}
		default:
			return false
		}
	}
	return n == 10 && !nhsCheck(string(digits[:]))
}

// placeholderCode reports a code whose digits are all zeros, as on a
// poster's "sample only" barcode (T0000000).
func placeholderCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '1' && s[i] <= '9' {
			return false
		}
	}
	return true
}

// codeLater finds a local code right after a colon, a comma, "as", "is"
// or "was" within twelve tokens of token k, in its sentence; the first
// colon is the last chance.
func (d *doc) codeLater(k int) (int, int, bool) {
	c := k
	for ; c < len(d.toks) && c <= k+24 && !d.sentenceEnd(c); c++ {
		if d.toks[c].nl && c > k {
			return 0, 0, false
		}
		if c > k && c <= k+10 && (d.toks[c].digit || d.toks[c].allUpper) {
			// a code of letters and digits right after a short phrase:
			// "hospital number at the rheumatology clinic RH-0093471",
			// "hospital number on my wristband BLK-H882145"
			if end, ok := d.localCode(c); ok {
				if digits, letters := d.codeCounts(c, end); letters > 0 && digits >= 5 {
					return c, end, true
				}
			}
		}
		if c <= k+12 && (d.punct(c, ":") || d.punct(c, ",") || d.is(c, "as") || d.is(c, "is") || d.is(c, "was")) {
			if end, ok := d.localCode(c + 1); ok && d.codeShape(c+1, end) {
				return c + 1, end, true
			}
			if d.punct(c, ":") {
				return 0, 0, false
			}
		}
	}
	if c >= len(d.toks) || !d.sentenceEnd(c) {
		return 0, 0, false
	}
	// the next sentence gives it: "they ask for his hospital number every
	// time. For the record it's PH4471029"; only a code with letters,
	// which no phone number has (and five digits)
	for n := c + 1; n < len(d.toks) && n <= c+8 && !d.sentenceEnd(n); n++ {
		at := -1
		switch {
		case d.is(n, "is") || d.punct(n, ":") || d.rightValueCue(n+1):
			at = n + 1 // "It should be B2091174", "I say K4481930"
		case d.is(n, "it") && n+1 < len(d.toks) && d.toks[n+1].kind == tPoss: // "it's"
			at = n + 2
		}
		if at < 0 {
			continue
		}
		if end, ok := d.localCode(at); ok {
			digits, letters := d.codeCounts(at, end)
			if letters > 0 && digits >= 5 || d.ownersIs(at) && letters == 0 && digits >= 7 { // "Mine is 00418822"
				return at, end, true
			}
		}
	}
	return 0, 0, false
}

// codeShape reports a code that reads as an identifier on its own: a
// letter and at least five digits, or seven digits ("H3321087",
// "CAMHS-771402", "24-119873"), not a year or a time.
func (d *doc) codeShape(a, b int) bool {
	digits, letters := d.codeCounts(a, b)
	return digits >= 7 || letters > 0 && digits >= 5
}

// codeCounts counts the ASCII digits and letters of tokens a..b.
func (d *doc) codeCounts(a, b int) (digits, letters int) {
	s := d.text[d.bs(a):d.be(b)]
	for i := 0; i < len(s); i++ {
		switch {
		case isASCIIDigit(s[i]):
			digits++
		case isLetterASCII(s[i]):
			letters++
		}
	}
	return digits, letters
}

// streetAt reports a street name and word starting at token j.
func (d *doc) streetAt(j int) bool {
	_, ok := d.streetAfter(j, streetWords)
	return ok
}
