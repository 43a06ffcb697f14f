package detect

import (
	"bytes"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"github.com/storydesk/storydesk/moderation"
)

func idSpan(start, end int, k moderation.Kind, conf float64, reason string) moderation.Span {
	return moderation.Span{Start: start, End: end, Kind: k, Confidence: conf, Reason: reason}
}

// numGroup is one run of digits inside a number candidate.
type numGroup struct {
	start, end int  // bytes of the digits
	sep        byte // separator before the group (0 for the first)
}

// findNumbers scans digit runs once and classifies each as an NHS or CHI
// number, a phone number, or nothing. Runs are groups of digits joined by one
// space, hyphen or dot, with an optional leading + or bracketed area code.
func findNumbers(d *doc, out []moderation.Span) []moderation.Span {
	text := d.text
	var groups []numGroup
	k := 0 // the first token that may start a number at or after i
	for i := 0; i < len(text); {
		// a number starts at a digit, '+' or '(' after no word byte, which
		// is always where a token of d starts (TestNumbersStartTokens):
		// the tokens are read to the next such byte instead of the text
		for k < len(d.toks) && (int(d.toks[k].start) < i || !numberStart[text[d.toks[k].start]]) {
			k++
		}
		if k == len(d.toks) {
			break
		}
		i = int(d.toks[k].start)
		c := text[i]
		if !(isASCIIDigit(c) || c == '+' || c == '(') || wordEndsAt(text, i) {
			i++
			continue
		}
		groups = groups[:0]
		start := i
		j := i
		if c == '+' || c == '(' {
			j++
		}
		for j < len(text) {
			k := j
			for k < len(text) && isASCIIDigit(text[k]) {
				k++
			}
			if k == j {
				break
			}
			var sep byte
			if len(groups) > 0 {
				sep = text[groups[len(groups)-1].end]
			}
			groups = append(groups, numGroup{start: j, end: k, sep: sep})
			j = k
			// separators: " ", "-", ".", ") ", " (0)", "(0)", ")"
			n := j
			switch {
			case n+2 < len(text) && text[n] == ')' && text[n+1] == ' ' && isASCIIDigit(text[n+2]):
				j = n + 2
			case n+4 < len(text) && text[n:n+4] == "(0)" && (isASCIIDigit(text[n+4]) || text[n+4] == ' '):
				j = n + 3
				if text[j] == ' ' {
					j++
				}
			case n+5 < len(text) && text[n:n+4] == " (0)":
				j = n + 4
				if j < len(text) && text[j] == ' ' {
					j++
				}
			case n+1 < len(text) && (text[n] == ' ' || text[n] == '-' || text[n] == '.') && isASCIIDigit(text[n+1]):
				j = n + 1
			case n+3 < len(text) && text[n] == ' ' && text[n+1] == '-' && text[n+2] == ' ' && isASCIIDigit(text[n+3]):
				j = n + 3
			default:
				j = len(text) + 1 // stop
			}
			if j > len(text) {
				break
			}
			if len(groups) >= 8 {
				break
			}
		}
		if len(groups) == 0 {
			i++
			continue
		}
		end := groups[len(groups)-1].end
		if text[start] == '(' && (groups[0].end >= len(text) || text[groups[0].end] != ')' || end < len(text) && text[end] == ')') {
			start = groups[0].start // a bracket around the whole number, not an area code: "(6967732943)"
		}
		if wordAt(text, end) {
			i = end
			continue
		}
		// longest prefix of groups that is an identifier wins
		taken := 0
		for n := len(groups); n >= 1; n-- {
			if s, ok := classifyNumber(text, start, groups[:n]); ok {
				out = append(out, s)
				taken = n
				break
			}
		}
		if taken == 0 {
			// retry from the next group that starts after a space
			next := end
			for _, g := range groups[1:] {
				if g.sep == ' ' {
					next = g.start
					break
				}
			}
			i = next
			continue
		}
		i = groups[taken-1].end
	}
	return out
}

// numberStart marks the bytes a number may start with: digits, '+' and '('.
var numberStart = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['+'], t['('] = true, true
	return t
}()

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }
func isWordByte(c byte) bool {
	return isASCIIDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 || c == '_'
}

// wordAt reports whether a word goes on at byte j of text: an ASCII
// letter, digit or '_', or a letter or digit outside ASCII ("NE26 3PLé"),
// but not a quotation mark or a dash ("‘NE26 3PL’"). The ASCII test
// inlines; a byte above ASCII is decoded by wordRuneAt.
func wordAt(text string, j int) bool {
	return j < len(text) && wordBytes[text[j]] && (text[j] < utf8.RuneSelf || wordRuneAt(text, j))
}

// wordBytes is isWordByte as a table, so that wordAt and wordEndsAt
// inline.
var wordBytes = func() (t [256]bool) {
	for c := range t {
		t[c] = isWordByte(byte(c))
	}
	return t
}()

// wordEndsAt reports whether a word ends just before byte i of text (as
// wordAt reads its last rune).
func wordEndsAt(text string, i int) bool {
	if i <= 0 {
		return false
	}
	c := text[i-1]
	return wordBytes[c] && (c < utf8.RuneSelf || wordRuneBefore(text, i))
}

// wordRuneAt and wordRuneBefore are wordAt and wordEndsAt for a rune
// outside ASCII.
func wordRuneAt(text string, j int) bool {
	r, _ := utf8.DecodeRuneInString(text[j:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func wordRuneBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLetterASCII(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// classifyNumber decides what the digits of groups (starting at start,
// which may be a + or a bracket) are.
func classifyNumber(text string, start int, groups []numGroup) (moderation.Span, bool) {
	end := groups[len(groups)-1].end
	var digits [24]byte
	n := 0
	for _, g := range groups {
		for k := g.start; k < g.end; k++ {
			if n == len(digits) {
				return moderation.Span{}, false
			}
			digits[n] = text[k]
			n++
		}
	}
	d := string(digits[:n])
	lead := text[start]
	// ten digits in an NHS or CHI shape with a valid checksum are an NHS
	// number (classifyNHS turns down only a failing checksum)
	nhs := func() bool {
		return n == 10 && lead != '+' && lead != '(' && (nhsShape(groups) || chiShape(groups) && contextBefore(text, start, 32, "chi ", "chi:", "chi number") ||
			len(groups) <= 4 && contextBefore(text, start, 24, "nhs")) && nhsCheck(d) // "my NHS number is 1871 817 269": another grouping after "NHS"
	}
	if d[0] == '0' {
		// a leading 0 is a trunk prefix: a phone number unless "NHS" says
		// otherwise, which matters only when the digits are both a phone
		// number and an NHS number (the context is looked for then only)
		s, ok := classifyPhone(text, start, end, d, lead)
		if nhs() && (!ok || contextBefore(text, start, 48, "nhs", "chi ", "chi:", "chi number")) {
			return classifyNHS(text, groups[0].start, end, d)
		}
		return s, ok
	}
	if nhs() {
		return classifyNHS(text, groups[0].start, end, d)
	}
	if lead == '+' || lead == '(' {
		return classifyPhone(text, start, end, d, lead)
	}
	return moderation.Span{}, false
}

// nhsShape: ten digits as one block or grouped 3-3-4 with one separator.
func nhsShape(g []numGroup) bool {
	if len(g) == 1 {
		return true
	}
	return len(g) == 3 && g[0].end-g[0].start == 3 && g[1].end-g[1].start == 3 &&
		g[2].end-g[2].start == 4 && g[1].sep == g[2].sep && g[1].sep != '.'
}

// chiShape: ten digits grouped as the CHI number's date and the rest,
// "140387 7645" (6-4).
func chiShape(g []numGroup) bool {
	return len(g) == 2 && g[0].end-g[0].start == 6 && g[1].end-g[1].start == 4 && g[1].sep == ' '
}

// nhsCheck reports whether ten digits pass the NHS modulus-11 check.
func nhsCheck(d string) bool {
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9]-'0')
}

// contextBefore reports whether one of words occurs in the window bytes
// before i (case-insensitive, ASCII).
func contextBefore(text string, i, window int, words ...string) bool {
	from := max(0, i-window)
	w := text[from:i]
	// the window is lower-cased once, so that each word is a plain byte
	// search: for a lower-case ASCII word that is what containsFold finds
	// (n bytes that hold a rune outside ASCII are fewer than n runes, so
	// they never fold to n ASCII letters)
	var buf [64]byte
	if len(w) > len(buf) {
		return contextBeforeFold(w, words)
	}
	lw := buf[:len(w)]
	for k := range lw {
		lw[k] = lowerTable[w[k]]
	}
	for _, x := range words {
		if !lowerASCIIWord(x) {
			if containsFold(w, x) {
				return true
			}
			continue
		}
		// the places where x may start are found by IndexByte: most
		// windows hold none of the words, and a byte-by-byte loop over
		// them was most of the cost of a text dense with numbers
		for k := 0; k+len(x) <= len(lw); k++ {
			j := bytes.IndexByte(lw[k:len(lw)-len(x)+1], x[0])
			if j < 0 {
				break
			}
			k += j
			if string(lw[k:k+len(x)]) == x {
				return true
			}
		}
	}
	return false
}

// contextBeforeFold is contextBefore for a window too long to lower-case
// on the stack.
func contextBeforeFold(w string, words []string) bool {
	for _, x := range words {
		if containsFold(w, x) {
			return true
		}
	}
	return false
}

// lowerASCIIWord reports whether x is a non-empty ASCII string without the
// letters A-Z.
func lowerASCIIWord(x string) bool {
	if x == "" {
		return false
	}
	for i := 0; i < len(x); i++ {
		if x[i] >= utf8.RuneSelf || 'A' <= x[i] && x[i] <= 'Z' {
			return false
		}
	}
	return true
}

func containsFold(s, sub string) bool {
	n := len(sub)
	if n == 0 {
		return true
	}
	// an ASCII sub only matches ASCII bytes (n bytes are n runes), so a
	// first byte that differs from sub's, in either case, rules a place out
	first, ascii := sub[0], isASCII(sub)
	lo, up := first, first
	if 'a' <= first && first <= 'z' {
		up = first - 'a' + 'A'
	} else if 'A' <= first && first <= 'Z' {
		lo = first + 'a' - 'A'
	}
	for i := 0; i+n <= len(s); i++ {
		if ascii && s[i] != lo && s[i] != up {
			continue
		}
		if strings.EqualFold(s[i:i+n], sub) {
			return true
		}
	}
	return false
}

func classifyNHS(text string, start, end int, d string) (moderation.Span, bool) {
	if !nhsCheck(d) {
		return moderation.Span{}, false // failing checksums are never flagged
	}
	nhsCtx := contextBefore(text, start, 48, "nhs", "h&c", "health and care")
	if !nhsCtx && contextBefore(text, start, 32, "chi ", "chi:", "chi number") {
		if validDDMMYY(d[:6]) {
			return idSpan(start, end, moderation.NHSNumber, 0.9, "CHI number: valid date and mod-11 checksum after 'CHI'"), true
		}
	}
	conf, reason := 0.7, "NHS number: valid mod-11 checksum"
	switch {
	case strings.HasPrefix(d, "999"):
		conf, reason = 0.5, "NHS number: valid mod-11 checksum, but in the never-issued test range 999"
	case d[0] == '4' || d[0] == '6' || d[0] == '7':
		conf, reason = 0.8, "NHS number: valid mod-11 checksum, issued range"
	case d[0] == '3':
		conf, reason = 0.75, "NHS/H&C number: valid mod-11 checksum"
	}
	if nhsCtx {
		conf = math.Round(min(1, conf+0.2)*100) / 100
		reason += ", after 'NHS'"
	}
	return idSpan(start, end, moderation.NHSNumber, conf, reason), true
}

func validDDMMYY(s string) bool {
	dd := int(s[0]-'0')*10 + int(s[1]-'0')
	mm := int(s[2]-'0')*10 + int(s[3]-'0')
	return dd >= 1 && dd <= 31 && mm >= 1 && mm <= 12
}

// drama reports Ofcom's ranges reserved for fiction, which libphonenumber
// calls invalid but which are well-formed UK numbers.
func drama(national string) bool {
	for _, p := range []string{"7700900", "1632960", "1134960", "1144960", "1154960", "1164960", "1174960", "1184960", "1214960", "1314960", "1414960", "1514960", "1614960", "1914960", "2079460", "2890180", "2920180", "3069990", "8081570", "9098790"} {
		if strings.HasPrefix(national, p) {
			return true
		}
	}
	return false
}

func classifyPhone(text string, start, end int, d string, lead byte) (moderation.Span, bool) {
	// UK numbers have 10 or 11 digits with the leading 0; only a + number
	// may be longer or shorter (this also bounds libphonenumber calls)
	if lead != '+' && len(d) != 10 && len(d) != 11 || len(d) < 9 || len(d) > 15 {
		return moderation.Span{}, false
	}
	if lead == '(' && d[0] != '0' && !strings.Contains(text[start:end], "+") {
		return moderation.Span{}, false // "(7592179536)": a batch number in brackets, no trunk 0
	}
	// UK numbers in the forms 0…, +44 …, +44 (0)…: the national number is
	// known without parsing, and the drama ranges need no validation.
	national := ""
	switch {
	case d[0] == '0' && (len(d) < 2 || d[1] != '0'):
		national = d[1:]
	case lead == '+' && strings.HasPrefix(d, "44"):
		national = strings.TrimPrefix(d[2:], "0")
	}
	if len(national) == 10 && drama(national) {
		return idSpan(start, end, moderation.Phone, 0.9, "phone number: UK number in an Ofcom drama range"), true
	}
	// a UK number is read without Parse, unless it holds a "(0)" (whose
	// digit Parse reads as part of the number unless it follows +44) or a
	// + without 44
	var num *phonenumbers.PhoneNumber
	if (lead != '+' || strings.HasPrefix(d, "44")) && !strings.Contains(text[start:end], "(0)") {
		num = ukNumber(national)
	}
	if num == nil {
		var err error
		if num, err = phonenumbers.Parse(text[start:end], "GB"); err != nil {
			return moderation.Span{}, false
		}
	}
	switch {
	case phonenumbers.IsValidNumberForRegion(num, "GB"):
		return idSpan(start, end, moderation.Phone, 0.95, "phone number: valid UK number"), true
	case lead == '+' && phonenumbers.IsValidNumber(num):
		return idSpan(start, end, moderation.Phone, 0.9, "phone number: valid international number"), true
	case len(national) == 10 && strings.IndexByte("12378", national[0]) >= 0:
		return idSpan(start, end, moderation.Phone, 0.7, "phone number: UK number shape"), true
	}
	return moderation.Span{}, false
}

// ukNumber returns what phonenumbers.Parse returns for a UK number whose
// national number (without the trunk 0) is national, of nine or ten
// digits, nil when national is not of that shape. Parse runs a dozen regular expressions
// (mostly looking for an extension, which a run of digits and separators
// cannot hold) and was most of the time spent on a long text with many
// numbers; TestUKNumberMatchesParse checks that the two agree.
func ukNumber(national string) *phonenumbers.PhoneNumber {
	if len(national) != 9 && len(national) != 10 || national[0] == '0' {
		return nil
	}
	var n uint64
	for i := 0; i < len(national); i++ {
		n = n*10 + uint64(national[i]-'0')
	}
	cc := int32(44)
	return &phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &n}
}

// findNI finds National Insurance numbers: two prefix letters (HMRC rules),
// six digits optionally paired by spaces, suffix A-D; any case.
func findNI(d *doc, out []moderation.Span) []moderation.Span {
	text := d.text
	for k := range d.toks {
		t := &d.toks[k]
		// candidates start a word: two letters alone ("ZH 17 …") or with digits ("tw987654a")
		i := d.bs(k)
		if t.kind != tWord || !(t.digit || t.end-t.start == 2) || i+8 >= len(text) ||
			!isLetterASCII(text[i]) || !isLetterASCII(text[i+1]) || wordEndsAt(text, i) {
			continue
		}
		end, ok := matchNI(text, i)
		if !ok {
			continue
		}
		a, b := upperASCII(text[i]), upperASCII(text[i+1])
		if strings.IndexByte("DFIQUV", a) >= 0 || strings.IndexByte("DFIQUVO", b) >= 0 {
			continue
		}
		switch string([]byte{a, b}) {
		case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
			continue
		}
		conf, reason := 0.85, "NI number: valid HMRC prefix and suffix"
		if contextBefore(text, i, 40, "national insurance", "ni number", "ni no", "nino", "n.i.") {
			conf, reason = 0.95, "NI number: valid format after 'National Insurance'"
		}
		out = append(out, idSpan(i, end, moderation.NINumber, conf, reason))
	}
	return out
}

func matchNI(text string, i int) (int, bool) {
	j := i + 2
	for pair := 0; pair < 3; pair++ {
		if j < len(text) && text[j] == ' ' {
			j++
		}
		if j+1 >= len(text) || !isASCIIDigit(text[j]) || !isASCIIDigit(text[j+1]) {
			return 0, false
		}
		j += 2
	}
	if j < len(text) && text[j] == ' ' {
		j++
	}
	if j >= len(text) {
		return 0, false
	}
	s := upperASCII(text[j])
	if s < 'A' || s > 'D' {
		return 0, false
	}
	j++
	if wordAt(text, j) {
		return 0, false
	}
	return j, true
}

// findPostcodes finds full UK postcodes, with or without the space, in any
// case. An outward code alone is not flagged.
func findPostcodes(d *doc, out []moderation.Span) []moderation.Span {
	text := d.text
	for k := range d.toks {
		t := &d.toks[k]
		// candidates start a word with a letter and hold a digit ("SA1", "NE66RY"), or are "GIR"
		i := d.bs(k)
		if t.kind != tWord || !(t.digit || t.end-t.start == 3 && text[t.start]|0x20 == 'g' && strings.EqualFold(d.s(k), "gir")) ||
			i+4 >= len(text) || !isLetterASCII(text[i]) || wordEndsAt(text, i) {
			continue
		}
		if end, ok := matchPostcode(text, i); ok {
			conf := 0.9
			if !strings.Contains(text[i:end], " ") {
				conf = 0.85
				if d.is(k-1, "a") || d.is(k-1, "an") || d.inSet(k-1, modelLabels) || d.punct(k-1, ":") && d.inSet(k-2, modelLabels) {
					continue // a model or part number: "the lens was an SN60WF at +21.5 dioptres", "model SN60WF"
				}
			}
			out = append(out, idSpan(i, end, moderation.Postcode, conf, "UK postcode: valid outward and inward code"))
		}
	}
	return out
}

// modelLabels name a model, part or batch number before it, which a
// postcode written without its space can look like.
var modelLabels = wordSet(`model models batch serial lot part type product item catalogue version`)

func matchPostcode(text string, i int) (int, bool) {
	at := func(k int) byte {
		if k < len(text) {
			return upperASCII(text[k])
		}
		return 0
	}
	j := i
	if at(j) == 'G' && at(j+1) == 'I' && at(j+2) == 'R' {
		j += 3
	} else {
		a := at(j)
		if !isUpperASCII(a) || strings.IndexByte("QVX", a) >= 0 {
			return 0, false
		}
		j++
		if isUpperASCII(at(j)) {
			if strings.IndexByte("IJZ", at(j)) >= 0 {
				return 0, false
			}
			j++
			if !isASCIIDigit(at(j)) {
				return 0, false
			}
			j++
			if isASCIIDigit(at(j)) && !inwardAt(text, j) {
				j++
			} else if isUpperASCII(at(j)) && strings.IndexByte("ABEHMNPRVWXY", at(j)) >= 0 && !inwardAt(text, j) {
				j++
			}
		} else {
			if !isASCIIDigit(at(j)) {
				return 0, false
			}
			j++
			if isASCIIDigit(at(j)) && !inwardAt(text, j) {
				j++
			} else if isUpperASCII(at(j)) && strings.IndexByte("ABCDEFGHJKPSTUW", at(j)) >= 0 && !inwardAt(text, j) {
				j++
			}
		}
	}
	if at(j) == ' ' {
		j++
	}
	if !inwardAt(text, j) {
		return 0, false
	}
	j += 3
	if wordAt(text, j) {
		return 0, false
	}
	return j, true
}

// inwardAt reports whether an inward code (digit + two letters, not
// C I K M O V) starts at j and ends the word.
func inwardAt(text string, j int) bool {
	if j+3 > len(text) || !isASCIIDigit(text[j]) {
		return false
	}
	for _, c := range []byte{upperASCII(text[j+1]), upperASCII(text[j+2])} {
		if !isUpperASCII(c) || strings.IndexByte("CIKMOV", c) >= 0 {
			return false
		}
	}
	return !wordAt(text, j+3)
}

// findEmailsHandles finds e-mail addresses and social-media handles around
// each '@'.
func findEmailsHandles(text string, out []moderation.Span) []moderation.Span {
	for i := 0; i < len(text); i++ {
		at := strings.IndexByte(text[i:], '@')
		if at < 0 {
			break
		}
		at += i
		l := at
		for l > 0 && isLocalChar(text[l-1]) {
			l--
		}
		for l < at && (text[l] == '.' || text[l] == '-') {
			l++
		}
		r := at + 1
		for r < len(text) && (isLetterASCII(text[r]) || isASCIIDigit(text[r]) || text[r] == '-' || text[r] == '.') {
			r++
		}
		for r > at+1 && (text[r-1] == '.' || text[r-1] == '-') {
			r--
		}
		dom := text[at+1 : r]
		if l < at && strings.Contains(dom, ".") && tldOK(dom) {
			out = append(out, idSpan(l, r, moderation.Email, 0.95, "e-mail address"))
			i = r
			continue
		}
		if l == at && !wordEndsAt(text, at) {
			h := at + 1
			letters := 0
			// a full stop inside a handle is part of it ("@lily.b_x"), one at the end is not
			for h < len(text) && h-at <= 31 && (isLetterASCII(text[h]) || isASCIIDigit(text[h]) || text[h] == '_' ||
				text[h] == '.' && h+1 < len(text) && (isLetterASCII(text[h+1]) || isASCIIDigit(text[h+1]) || text[h+1] == '_')) {
				if isLetterASCII(text[h]) {
					letters++
				}
				h++
			}
			if letters > 0 && !wordAt(text, h) {
				out = append(out, idSpan(at, h, moderation.Handle, 0.9, "social-media handle"))
				i = h
				continue
			}
		}
		i = at
	}
	return out
}

func isLocalChar(c byte) bool {
	return isLetterASCII(c) || isASCIIDigit(c) || strings.IndexByte("._%+-", c) >= 0
}

func tldOK(dom string) bool {
	k := strings.LastIndexByte(dom, '.')
	tld := dom[k+1:]
	if len(tld) < 2 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if !isLetterASCII(tld[i]) {
			return false
		}
	}
	return k > 0
}

var atWord = idWords(`at`)

var tlds = idWords("com org net uk co nhs gov ac io me info edu scot wales cymru ie biz")

// findSpokenEmails finds addresses written out in words: "jo dot bloggs at
// example dot com", "jo_bloggs (at) example.com".
func findSpokenEmails(d *doc, out []moderation.Span) []moderation.Span {
	for i := d.nextClass(0, atWord); i < len(d.toks); i = d.nextClass(i+1, atWord) {
		before, after := i-1, i+1
		if (d.punct(before, "(") && d.punct(after, ")")) || (d.punct(before, "[") && d.punct(after, "]")) {
			before--
			after++
		}
		// domain: word (dot word)+ ending in a TLD
		j, dots := after, 0
		if j >= len(d.toks) || d.toks[j].kind != tWord {
			continue
		}
		last := j
		for {
			if k, ok := d.emailJoin(last, true); ok {
				last = k
				dots++
				continue
			}
			break
		}
		if dots == 0 || !d.isAny(last, tlds) {
			continue
		}
		// local part: word ((dot|underscore|.|_|-) word)*, and digits
		// spoken apart at its end ("kezza dot jones 99 at example dot net")
		k := before
		if k > 0 && d.toks[k].kind == tNum && d.toks[k-1].kind == tWord && !d.is(k-1, "dot") && !d.is(k-1, "underscore") {
			k--
		}
		if k < 0 || d.toks[k].kind != tWord && d.toks[k].kind != tNum {
			continue
		}
		for {
			if p, ok := d.emailJoin(k, false); ok {
				k = p
				continue
			}
			break
		}
		if d.toks[k].kind != tWord {
			continue // digits alone: "61 at example dot com" names nobody
		}
		out = append(out, idSpan(d.bs(k), d.be(last), moderation.Email, 0.85, "e-mail address written out in words"))
	}
	return out
}

// emailJoin steps from word k to the next (forward) or previous word of a
// written-out address over " dot ", " underscore " or an adjacent . _ -.
func (d *doc) emailJoin(k int, forward bool) (int, bool) {
	step := 1
	if !forward {
		step = -1
	}
	sep, w := k+step, k+2*step
	if w < 0 || w >= len(d.toks) || d.toks[w].kind != tWord {
		return 0, false
	}
	switch {
	case d.is(sep, "dot") || (!forward && d.is(sep, "underscore")):
		return w, true
	case (d.punct(sep, ".") || d.punct(sep, "_") || d.punct(sep, "-")) && !d.toks[max(sep, w)].gap && !d.toks[max(sep, k)].gap:
		return w, true
	}
	return 0, false
}
