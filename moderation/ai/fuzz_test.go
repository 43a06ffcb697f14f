package ai

import (
	"log/slog"
	"testing"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

// FuzzPlace checks that whatever the model quotes and wherever the rule
// spans lie, suggestions are whole-character ranges inside the body that
// never cover a masked identifier's edge.
func FuzzPlace(f *testing.F) {
	f.Add("Ring Zoë on 07700 900123 🏳️‍🌈 now.", "zoë", 12, 12)
	f.Add("a  b\n\nc ’x’ A B", "a b", 0, 1)
	f.Add("[PERSON_1] Ann", "PERSON_1]", 11, 3)
	f.Add("ÉÉÉ éé", "éé", 2, 4)
	s := &Suggester{log: slog.New(slog.DiscardHandler)}
	f.Fuzz(func(t *testing.T, body, quote string, start, n int) {
		if !utf8.ValidString(body) || !utf8.ValidString(quote) {
			return
		}
		var rules []moderation.Span
		if start >= 0 && n > 0 && start+n <= len(body) && utf8.RuneStart(byteAt(body, start)) && utf8.RuneStart(byteAt(body, start+n)) {
			rules = append(rules, moderation.Span{Start: start, End: start + n, Kind: moderation.Phone})
		}
		m := mask(body, rules)
		res := s.place(s.log, body, m, rules, []suggestion{{Kind: "PERSON", Quote: quote}, {Kind: "PHONE", Quote: quote}})
		if err := moderation.CheckSpans(body, res.Spans); err != nil {
			t.Fatalf("spans %v: %v", res.Spans, err)
		}
		for _, sp := range res.Spans {
			for _, r := range rules {
				if sp.Start > r.Start && sp.Start < r.End || sp.End > r.Start && sp.End < r.End {
					t.Fatalf("span %v cuts into masked %v", sp, r)
				}
				if sp.Kind == r.Kind && sp.Overlaps(r) {
					t.Fatalf("span %v overlaps rule span %v of its kind", sp, r)
				}
			}
		}
	})
}
