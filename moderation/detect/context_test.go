package detect

import (
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

// TestMayStartNumber checks the eight-byte test against numberStart for
// every byte in every place, among bytes that do not start numbers.
func TestMayStartNumber(t *testing.T) {
	for _, fill := range []byte{'a', ' ', 0xff, 0x80, '/', ':', ')', '*', ','} {
		for c := 0; c < 256; c++ {
			for pos := 0; pos < 8; pos++ {
				b := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
				b[pos] = byte(c)
				want := numberStart[c] || numberStart[fill]
				if got := mayStartNumber(load64(string(b), 0)); got != want {
					t.Fatalf("mayStartNumber(%q) = %v, want %v", b, got, want)
				}
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
