package detect

import (
	"os"
	"strings"
	"testing"
)

// TestContextBeforeMatchesContainsFold checks that contextBefore, which
// lower-cases its window once, finds what containsFold finds word by word,
// also around runes outside ASCII (ſ and the Kelvin sign fold to ASCII
// letters).
func TestContextBeforeMatchesContainsFold(t *testing.T) {
	words := []string{"nhs", "chi ", "chi:", "national insurance", "ni no", "n.i.", "h&c", "", "Nhs", "ſ"}
	texts := []string{
		"My NHS number is 123", "nHs 4", "CHI: 0101", "chi number 5", "National  Insurance 7",
		"National Insurance number ZH", "n.I. 9", "H&C 3", "the ſhs 4", "\u212ahi 5", "chi\u00a0number",
		"naïve nhs", "N.H.S.", "ni n0 12", "", "a very long preamble that runs past the window NHS 123",
	}
	for _, text := range texts {
		for window := 0; window <= len(text)+2; window++ {
			i := len(text)
			for _, w := range words {
				from := max(0, i-window)
				want := containsFold(text[from:i], w)
				if got := contextBefore(text, i, window, w); got != want {
					t.Errorf("contextBefore(%q, %d, %d, %q) = %v, want %v", text, i, window, w, got, want)
				}
			}
		}
	}
}

// TestDocIsMatchesEqualFold checks doc.is's shortcuts (a token that starts
// outside ASCII, two ASCII first bytes that differ) against
// strings.EqualFold.
func TestDocIsMatchesEqualFold(t *testing.T) {
	var d doc
	d.tokenize("Dave’s “nurse” — ſo \u212aate’s KATE, Siobhán and Zoë said “was” ’s", nil)
	for i := range d.toks {
		for _, w := range []string{"so", "kate", "was", "s", "’s", "—", "“", "nurse", "zoë", "siobhán",
			"SO", "Kate", "dave", "DAVE’S", "and", "ſo", "\u212aate", "ate", "", "é"} {
			if got, want := d.is(i, w), strings.EqualFold(d.s(i), w); got != want {
				t.Errorf("is(%q, %q) = %v, want %v", d.s(i), w, got, want)
			}
		}
	}
}

// TestNumbersStartTokens checks what findNumbers relies on to read tokens
// instead of bytes: every byte where a number may start (a digit, '+' or
// '(' after no word byte) starts a token.
func TestNumbersStartTokens(t *testing.T) {
	texts := []string{
		"a_1 O'1 don't 07700 900184 K7720194 é1 ’1 x\v1 x\f(0117) 496 0381",
		"+44 (0)20 7946 0000, +44(0)7700-900-184; 1,2.3/4 (5)6+7 #8 @9 £10 €11 -12 'n'13",
		"Ward 12’s 3rd 4x 5-6 O’Rourke’s 7 i’d 8 l'9 a.1 b—2 “3” ‘4’ …5",
	}
	for _, f := range []string{"testdata/heldout/set1.jsonl", "testdata/train/train1.jsonl", "testdata/identity_stories.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		var d doc
		d.tokenize(text, nil)
		starts := map[int]bool{}
		for _, tk := range d.toks {
			starts[int(tk.start)] = true
		}
		for p := 0; p < len(text); p++ {
			if numberStart[text[p]] && (p == 0 || !isWordByte(text[p-1])) && !starts[p] {
				t.Errorf("%q: no token starts at byte %d (%q), where a number may", text[max(0, p-10):min(len(text), p+10)], p, text[p])
			}
		}
	}
}

// TestBeforePlaceMatchesFold checks beforePlace's lower-cased comparison
// against comparing each word ignoring case (beforePlaceFold).
func TestBeforePlaceMatchesFold(t *testing.T) {
	for _, w := range append([]string{"at"}, placePrepositions...) {
		if len(w) > maxPlaceWord {
			t.Fatalf("%q is longer than maxPlaceWord (%d)", w, maxPlaceWord)
		}
	}
	var d doc
	d.tokenize("We live at Rose Cottage, met At the shop IN Leeds, OPPOSITE Boots, Outside the bank, "+
		"went Through Hull into York, near ON, ſo to the Kelvin \u212aate, via everything; stayed at home", nil)
	for i := -1; i <= len(d.toks); i++ {
		if got, want := d.beforePlace(i), i >= 0 && i < len(d.toks) && d.beforePlaceFold(i); got != want {
			t.Errorf("beforePlace(%d) = %v, want %v", i, got, want)
		}
	}
}
