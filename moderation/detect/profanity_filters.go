package detect

import (
	"unicode"
	"unicode/utf8"
)

// readNotDisguised reports whether a token that matched a swear word only
// through an evasion (look-alike digits, sound-alike or masked vowels) is
// plainly something else, so the match is dropped:
//   - an identifier: four digits in a row or more digits than letters
//     ("CH-558213" is not leetspeak, "NI663R" is);
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
	if maxRun >= 4 || digits > letters {
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
