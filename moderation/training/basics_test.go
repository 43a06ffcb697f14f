package training

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/assets"
	"github.com/storydesk/storydesk/moderation"
)

// TestBasicsGoldKeepsPraisedNames checks the starter pack's gold answers
// against its own lessons: the gold published text of tr-001 keeps the
// praised nurse's first name, and a case published as written has no gold
// redaction and marks every PERSON span as kept.
func TestBasicsGoldKeepsPraisedNames(t *testing.T) {
	b, err := assets.TrainingPack("basics.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParsePack("basics.jsonl", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id         moderation.StoryID
		keep, drop []string // text the gold published body keeps / drops
	}{
		{"tr-001", []string{"thanks to Ifeoma and the whole team"}, []string{"Adeyemi-Clarke", "Gwilym Rees-Tanner"}},
		{"tr-021", []string{"Thank you, Siobhán, Kehinde"}, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.id), func(t *testing.T) {
			c := p.Case(tt.id)
			if c == nil {
				t.Fatalf("case %s not in the pack", tt.id)
			}
			pub, err := moderation.Redact(c.Story.Body, c.GoldRedactions())
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range tt.keep {
				if !strings.Contains(pub, k) {
					t.Errorf("gold published text lacks %q; want it kept (notes: %s)", k, c.Notes)
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(pub, d) {
					t.Errorf("gold published text still has %q; want it redacted", d)
				}
			}
		})
	}
	for _, c := range p.Cases {
		if c.Decision != moderation.Publish {
			continue
		}
		if i := slices.IndexFunc(c.Story.Spans, func(s moderation.Span) bool { return s.Kind == moderation.Person && s.Redact }); i >= 0 {
			t.Errorf("%s is published as written but PERSON span %d is marked for redaction; want \"redact\": false", c.Story.ID, i)
		}
	}
}
