package detect

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/storydesk/storydesk/moderation"
)

const benchDir = "../../../shared/benchmarks"

type devStory struct {
	ID    string `json:"id"`
	Body  string `json:"body"`
	Clean bool   `json:"clean"`
	Spans []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Kind  string `json:"kind"`
		Text  string `json:"text"`
	} `json:"spans"`
}

func loadDevStories(t *testing.T) []devStory {
	t.Helper()
	path := filepath.Join(benchDir, "stories-dev", "stories.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("stories-dev benchmark not found at %s: %v", path, err)
	}
	return loadStories(t, path)
}

// loadStories reads a labelled set in the stories-dev format.
func loadStories(t *testing.T, path string) []devStory {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []devStory
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var s devStory
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("%s line %d: %v", path, n, err)
		}
		out = append(out, s)
	}
	return out
}

// runeSpan converts a byte span to code points, as the benchmark counts.
func runeSpan(body string, s moderation.Span) (int, int) {
	return utf8.RuneCountInString(body[:s.Start]), utf8.RuneCountInString(body[:s.End])
}

// TestAbuseDevSet scores the abuse and safeguarding rules on stories-dev
// with moderation.Score (the figures of score.py) and asserts the overlap
// targets of the ABUSE and SAFEGUARDING groups.
func TestAbuseDevSet(t *testing.T) {
	rep := scoreStories(t, loadDevStories(t), newAbuseDetector().Find)
	ab, sg := rep.PerGroup[moderation.AbuseGroup].Overlap, rep.PerGroup[moderation.SafeguardingGrp].Overlap
	t.Logf("abuse R=%.3f P=%.3f | safeguarding R=%.3f P=%.3f | clean false flags=%d",
		ab.R, ab.P, sg.R, sg.P, rep.CleanFlags)
	if ab.R < 0.90 {
		t.Errorf("abuse recall = %.3f, want >= 0.90", ab.R)
	}
	if ab.P < 0.85 {
		t.Errorf("abuse precision = %.3f, want >= 0.85", ab.P)
	}
	if sg.R < 0.90 {
		t.Errorf("safeguarding recall = %.3f, want >= 0.90", sg.R)
	}
	if rep.CleanFlags != 0 {
		t.Errorf("clean false flags = %d, want 0", rep.CleanFlags)
	}
}

// scoreStories runs find over each labelled story and scores the spans
// with moderation.Score (the figures of score.py), logging misses under -v.
func scoreStories(t *testing.T, stories []devStory, find func(string) []moderation.Span) moderation.ScoreReport {
	t.Helper()
	items := make([]moderation.ScoreItem, 0, len(stories))
	for _, st := range stories {
		it := moderation.ScoreItem{ID: st.ID, Clean: st.Clean, HasPred: true}
		for _, g := range st.Spans {
			it.Gold = append(it.Gold, moderation.ScoreSpan{Start: g.Start, End: g.End, Kind: g.Kind})
		}
		for _, p := range find(st.Body) {
			s, e := runeSpan(st.Body, p)
			it.Pred = append(it.Pred, moderation.ScoreSpan{Start: s, End: e, Kind: string(p.Kind)})
		}
		logMisses(t, st, it)
		items = append(items, it)
	}
	return moderation.Score(items)
}

// logMisses logs, under -v, the abuse and safeguarding spans missed or
// wrongly predicted in one story (text of the story, so only in tests).
func logMisses(t *testing.T, st devStory, it moderation.ScoreItem) {
	t.Helper()
	body := []rune(st.Body)
	for _, g := range it.Gold {
		grp := moderation.Kind(g.Kind).Group()
		if grp == moderation.Identifying {
			continue
		}
		if !slices.ContainsFunc(it.Pred, func(p moderation.ScoreSpan) bool {
			return moderation.Kind(p.Kind).Group() == grp && p.Start < g.End && g.Start < p.End
		}) {
			t.Logf("%s missed %s %q", st.ID, g.Kind, string(body[g.Start:g.End]))
		}
	}
	for _, p := range it.Pred {
		grp := moderation.Kind(p.Kind).Group()
		if !slices.ContainsFunc(it.Gold, func(g moderation.ScoreSpan) bool {
			return moderation.Kind(g.Kind).Group() == grp && p.Start < g.End && g.Start < p.End
		}) {
			t.Logf("%s false %s %q", st.ID, p.Kind, string(body[p.Start:p.End]))
		}
	}
}
