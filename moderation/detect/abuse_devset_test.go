package detect

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
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
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("stories-dev benchmark not found at %s: %v", path, err)
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

// groupScore is an overlap score for one group of kinds.
type groupScore struct{ gold, found, pred, correct int }

func (g groupScore) recall() float64 {
	if g.gold == 0 {
		return 1
	}
	return float64(g.found) / float64(g.gold)
}

func (g groupScore) precision() float64 {
	if g.pred == 0 {
		return 1
	}
	return float64(g.correct) / float64(g.pred)
}

// runeSpan converts a byte span to code points, as the benchmark counts.
func runeSpan(body string, s moderation.Span) (int, int) {
	return utf8.RuneCountInString(body[:s.Start]), utf8.RuneCountInString(body[:s.End])
}

// TestAbuseDevSet scores the abuse and safeguarding rules on stories-dev
// with overlap matching, as score.py does.
func TestAbuseDevSet(t *testing.T) {
	stories := loadDevStories(t)
	d := newAbuseDetector()
	scores := map[moderation.Group]*groupScore{moderation.AbuseGroup: {}, moderation.SafeguardingGrp: {}}
	cleanFlags := 0
	for _, st := range stories {
		pred := d.Find(st.Body)
		if st.Clean {
			cleanFlags += len(pred)
			for _, p := range pred {
				t.Logf("%s clean story flagged %s %q", st.ID, p.Kind, st.Body[p.Start:p.End])
			}
		}
		for g, sc := range scores {
			type rs struct{ s, e int }
			var golds, preds []rs
			for _, gs := range st.Spans {
				if moderation.Kind(gs.Kind).Group() == g {
					golds = append(golds, rs{gs.Start, gs.End})
				}
			}
			for _, p := range pred {
				if p.Kind.Group() == g {
					s, e := runeSpan(st.Body, p)
					preds = append(preds, rs{s, e})
				}
			}
			for _, gs := range golds {
				sc.gold++
				hit := false
				for _, p := range preds {
					if p.s < gs.e && gs.s < p.e {
						hit = true
					}
				}
				if hit {
					sc.found++
				} else {
					t.Logf("%s missed %s %q", st.ID, g, string([]rune(st.Body)[gs.s:gs.e]))
				}
			}
			for _, p := range preds {
				sc.pred++
				hit := false
				for _, gs := range golds {
					if p.s < gs.e && gs.s < p.e {
						hit = true
					}
				}
				if hit {
					sc.correct++
				} else if !st.Clean {
					t.Logf("%s false %s %q", st.ID, g, string([]rune(st.Body)[p.s:p.e]))
				}
			}
		}
	}
	ab, sg := scores[moderation.AbuseGroup], scores[moderation.SafeguardingGrp]
	t.Logf("abuse R=%.3f P=%.3f | safeguarding R=%.3f P=%.3f | clean false flags=%d",
		ab.recall(), ab.precision(), sg.recall(), sg.precision(), cleanFlags)
	if ab.recall() < 0.90 {
		t.Errorf("abuse recall = %.3f, want >= 0.90", ab.recall())
	}
	if ab.precision() < 0.85 {
		t.Errorf("abuse precision = %.3f, want >= 0.85", ab.precision())
	}
	if sg.recall() < 0.90 {
		t.Errorf("safeguarding recall = %.3f, want >= 0.90", sg.recall())
	}
	if cleanFlags != 0 {
		t.Errorf("clean false flags = %d, want 0", cleanFlags)
	}
}
