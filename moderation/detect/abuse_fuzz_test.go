package detect

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// FuzzAbuse checks that any input gives spans inside the text, on rune
// boundaries (for valid UTF-8), non-empty and non-overlapping.
func FuzzAbuse(f *testing.F) {
	for _, s := range []string{
		"", " ", "f u c k", "sh!t!!!", "I'll smash his face in.", "\xff\xfe bad utf8 f*ck",
		"ⓕⓤⓒⓚ 🅵🆄🅲🅺 🖕", "a.b.c.d.e.f.g", "------", "****", "I don't see the point in going on any more",
		"If she is still there I will put that nurse on the floor myself.",
	} {
		f.Add(s)
	}
	d := newAbuseDetector()
	f.Fuzz(func(t *testing.T, text string) {
		spans := d.Find(text)
		slices.SortFunc(spans, func(a, b moderation.Span) int { return a.Start - b.Start })
		for i, s := range spans {
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("span %v out of range for %d bytes", s, len(text))
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End]))) {
				t.Fatalf("span %v splits a rune in %q", s, text)
			}
			if i > 0 && spans[i-1].Overlaps(s) {
				t.Fatalf("spans %v and %v overlap in %q", spans[i-1], s, text)
			}
			if s.Reason == "" || s.Confidence <= 0 || s.Confidence > 1 {
				t.Fatalf("span %v: reason %q, confidence %v", s, s.Reason, s.Confidence)
			}
		}
	})
}

// TestAbuseLongText checks that a text longer than one chunk gets the same
// spans as its parts.
func TestAbuseLongText(t *testing.T) {
	part := "The practice manager is a patronising prat. I don't see the point in going on any more.\n"
	text := ""
	for len(text) < 3*chunkSize {
		text += part
	}
	d := newAbuseDetector()
	per := len(d.Find(part))
	got := len(d.Find(text))
	if want := per * (len(text) / len(part)); got != want {
		t.Errorf("spans in %d-byte text = %d; want %d (%d per paragraph)", len(text), got, want, per)
	}
}
