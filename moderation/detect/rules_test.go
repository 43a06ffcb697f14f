package detect

import (
	"reflect"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// none is a detector that finds nothing.
type none struct{}

func (none) Find(string) []moderation.Span { return nil }

// TestDefaultEngineMergesInPlace checks that the default engine, which
// merges straight from the rules' pooled buffers, returns what the
// general path (every detector's Find, then merge) returns.
func TestDefaultEngineMergesInPlace(t *testing.T) {
	texts := []string{
		"",
		"My husband Dave was admitted on Ward 12. The nurse, Pauline, rang me on 07700 900 184.",
		"He said he would kill her if she told anyone. Dr Shah is a useless prat and the food was shit.",
		"I've got the tablets ready and I won't be needing the repeat prescription. Email jo.smith@example.org.",
		strings.Repeat("Siobhán, the midwife, and Dr Zoë O’Rourke were wonderful; NHS number 4828807292.\n", 50),
	}
	fast := New()
	general := NewWith(defaultDetectors()[0], none{})
	spans := 0
	for i, text := range texts {
		got, want := fast.Detect(text), general.Detect(text)
		spans += len(want)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("text %d: got %v, want %v", i, got, want)
		}
	}
	if spans < len(texts) {
		t.Errorf("got %d spans in all, want at least %d: the texts should exercise the rules", spans, len(texts))
	}
}

// TestEngineWithoutDetectors checks that an engine with no detector finds
// nothing.
func TestEngineWithoutDetectors(t *testing.T) {
	if got := NewWith().Detect("Dave rang me on 07700 900 184."); len(got) != 0 {
		t.Errorf("got %v, want no spans", got)
	}
}
