package detect_test

import (
	"testing"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/detect"
)

// FuzzEngine checks that any text gives sorted, non-overlapping spans on
// character boundaries, each with a reason and a confidence in (0, 1].
func FuzzEngine(f *testing.F) {
	for _, s := range []string{
		"My NHS number is 943 476 5919.", "Flat 2, 118 High Street, SA1 8UP", "Dr Zoë O’Rourke’s",
		"+44 (0)20 7946 0582", "(020) 7946", "jo dot bloggs at example dot com", "@", "@@x", "a@b.c",
		"D.O.B. 1/2/2000", "born 31.12.99", "Name:\n", "– ", "’s", "Thanks,", "0 0 0 0 0 0 0 0 0 0 0",
		"Flat 1,", "hospital number", "MRN:", "CHI 0101011237", "Ａ１ １ＡＡ",
	} {
		f.Add(s)
	}
	e := detect.New()
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("bodies are valid UTF-8 (JSON decoding guarantees it)")
		}
		spans := e.Detect(text)
		if err := moderation.CheckSpans(text, spans); err != nil {
			t.Fatalf("Detect(%q): %v", text, err)
		}
		for i, s := range spans {
			if i > 0 && s.Start < spans[i-1].End {
				t.Fatalf("Detect(%q): %v overlaps %v", text, spans[i-1], s)
			}
			if s.Reason == "" || s.Confidence <= 0 || s.Confidence > 1 {
				t.Fatalf("Detect(%q): span %v reason %q confidence %v", text, s, s.Reason, s.Confidence)
			}
		}
	})
}
