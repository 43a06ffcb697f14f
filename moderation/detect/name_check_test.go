package detect

import (
	"slices"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// nameExamples runs the engine without the checks over every labelled set
// (leaving out those named in STORYDESK_TRAIN_SKIP) and keeps its PERSON
// spans, each a positive when it overlaps a gold identifying span.
func nameExamples(t *testing.T) []foldExample {
	t.Helper()
	e := newUngated()
	var out []foldExample
	forLabelledStories(t, func(set int, st devStory) {
		for _, s := range e.Detect(st.Body) {
			if s.Kind != moderation.Person {
				continue
			}
			ex := foldExample{fold: set % 5}
			nameFeatures(st.Body, s, new(nameScratch), func(f []byte) { ex.feats = append(ex.feats, string(f)) })
			ex.yes = realName(st, s)
			out = append(out, ex)
		}
	})
	return out
}

// realName reports a PERSON span that overlaps a gold identifying span.
func realName(st devStory, s moderation.Span) bool {
	a, b := runeSpan(st.Body, s)
	for _, g := range st.Spans {
		if moderation.Kind(g.Kind).Group() == moderation.Identifying && g.Start < b && a < g.End {
			return true
		}
	}
	return false
}

// trainName fits the name model: eight passes, with more weight decay
// than the story model's (a name's context words are many and each rare).
func trainName(data []foldExample) (map[string]float64, float64) {
	return fitFolded(data, logisticFit{
		epochs: 8, rate: 0.1, l2: 3e-3, posWeight: 1, bias: 0, biasRate: 1, seed: [2]uint64{5, 6},
	})
}

// TestTrainNameModel writes lexicon/name_model.txt when STORYDESK_TRAIN=1
// (and STORYDESK_TRAIN_ONLY is empty or names it); otherwise it checks
// the shipped check (New against newUngated) on the labelled sets: it
// drops at most one real name span in a thousand, and some false ones.
// Most of these stories trained the model; its figures on sets it has
// not read are in docs/detection.md.
func TestTrainNameModel(t *testing.T) {
	if trainKeyedModel(t, "name_model.txt", "Name model (name_check.go)", "TestTrainNameModel", nameExamples, trainName) {
		return
	}
	checked, unchecked := New(), newUngated()
	var c checkCounts
	forLabelledStories(t, func(_ int, st devStory) {
		kept := checked.Detect(st.Body)
		for _, s := range unchecked.Detect(st.Body) {
			if s.Kind == moderation.Person {
				c.add(realName(st, s), !slices.Contains(kept, s))
			}
		}
	})
	c.check(t, "name check", "real name spans", "false ones")
}

// TestNameFeatures checks the features of a span: its words, the tokens
// either side, and how often its text comes in the story (as written and
// in lower case).
func TestNameFeatures(t *testing.T) {
	text := "We call her Dada. Dada is 79, and dada means grandfather. The call sign was Romeo 62, Dadaji said. Ask Big Gaz Jones."
	feats := func(start int, word string) []string {
		s := moderation.Span{Start: start, End: start + len(word), Kind: moderation.Person, Confidence: 0.7, Reason: "first name in the name gazetteer"}
		var out []string
		nameFeatures(text, s, new(nameScratch), func(f []byte) { out = append(out, string(f)) })
		return out
	}
	dada := feats(strings.Index(text, "Dada"), "Dada")
	for _, f := range []string{"r:first_name_in_the_name_gazetteer", "c:0.70", "w:dada", "nw:1", "p1:her", "p2:call_her", "n1:.", "n2:._dada", "cnt:2", "low"} {
		if !slices.Contains(dada, f) {
			t.Errorf("features of Dada lack %q: %q", f, dada)
		}
	}
	for _, f := range []string{"p1:A", "n1:A", "n1:#"} {
		if slices.Contains(dada, f) {
			t.Errorf("features of Dada have %q: %q", f, dada)
		}
	}
	romeo := feats(strings.Index(text, "Romeo"), "Romeo")
	for _, f := range []string{"p1:was", "p2:sign_was", "n1:62", "n1:#", "n2:62_,", "cnt:1"} {
		if !slices.Contains(romeo, f) {
			t.Errorf("features of Romeo lack %q: %q", f, romeo)
		}
	}
	if slices.Contains(romeo, "low") || slices.Contains(romeo, "p1:A") {
		t.Errorf("features of Romeo have low or p1:A: %q", romeo)
	}
	gaz := feats(strings.Index(text, "Gaz"), "Gaz")
	for _, f := range []string{"p1:big", "p2:ask_big", "p1:A", "n1:jones", "n1:A", "n2:jones_."} {
		if !slices.Contains(gaz, f) {
			t.Errorf("features of Gaz lack %q: %q", f, gaz)
		}
	}
}
