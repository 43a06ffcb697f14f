package detect

import (
	"slices"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// TestNotDisguised checks that identifiers and accented names are never
// read as disguised swear words or slurs, while leetspeak still is.
func TestNotDisguised(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"accented name", "Róisín was the nurse who looked after me.", nil},
		{"accented name inside", "The nurse, Siobhán Ní Dhónaill, was kind.", nil},
		{"case reference", "My case reference is CH-558213 and nobody has replied.", nil},
		{"more digits than letters", "Batch AB-123 was recalled.", nil},
		{"leet", "What a load of sh1t.", []string{"sh1t"}},
		{"leet digit", "They can f4ck off.", []string{"f4ck"}},
		{"accent on a swear word", "What the fück is going on?", []string{"fück"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range newAbuseDetector().Find(tt.text) {
				if s.Kind == moderation.Profanity || s.Kind == moderation.Abuse {
					got = append(got, tt.text[s.Start:s.End])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("abuse spans in %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestReadNotDisguised(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"CH-558213", true},
		{"AB-123", true},
		{"NI663R", false}, // three digits among as many letters: leetspeak
		{"SA1", true},     // a postcode district
		{"SH1T", false},   // a digit inside the word
		{"sh1t", false},
		{"Róisín", true},
		{"róisín", false}, // not capitalised
		{"ROISIN", false},
	}
	for _, tt := range tests {
		toks := splitWords(tt.word)
		abuseLex().annotate(toks)
		if len(toks) != 1 {
			t.Fatalf("splitWords(%q) = %d tokens, want 1", tt.word, len(toks))
		}
		if got := readNotDisguised(tt.word, &toks[0]); got != tt.want {
			t.Errorf("readNotDisguised(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}
