package detect

import (
	"unicode"
	"unicode/utf8"
)

// readNotDisguised reports whether a token that matched a swear word only
// through an evasion (look-alike digits, sound-alike or masked vowels) is
// plainly something else, so the match is dropped:
//   - an identifier: four digits in a row, more digits than letters, or
//     the shape of a postcode district ("CH-558213", "SA1", "ST4" are not
//     leetspeak; "NI663R" and "SH1T" are);
//   - a name: a capitalised word spelt with accented letters and no digits or
//     symbols ("Róisín"); people who disguise a swear word do not add
//     accents to a capital.
func readNotDisguised(raw string, t *wtok) bool {
	run, maxRun, digits, letters := 0, 0, 0, 0
	for _, r := range raw {
		switch {
		case r >= '0' && r <= '9':
			digits++
			run++
			maxRun = max(maxRun, run)
			continue
		case unicode.IsLetter(r):
			letters++
		}
		run = 0
	}
	if maxRun >= 4 || digits > letters || outwardCode(raw) {
		return true
	}
	if t.masked || !t.upper || t.caps {
		return false
	}
	for _, r := range raw {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) && unicode.In(r, unicode.Latin) {
			return true
		}
	}
	return false
}

// outwardCode reports a token shaped like the outward code of a UK
// postcode: one or two capital letters and one or two digits ("SA1",
// "ST4"). A letter after the digits ("EC1A") is left out: "SH1T" has that
// shape too.
func outwardCode(raw string) bool {
	i := 0
	for i < len(raw) && i < 2 && raw[i] >= 'A' && raw[i] <= 'Z' {
		i++
	}
	if i == 0 {
		return false
	}
	j := i
	for j < len(raw) && j-i < 2 && raw[j] >= '0' && raw[j] <= '9' {
		j++
	}
	return j > i && j == len(raw)
}
