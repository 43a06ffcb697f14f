package detect

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestAbuseModelCV is an experiment, run by hand with STORYDESK_ABUSE_CV
// set to a directory of first-score predictions (p185.setN.jsonl from an
// engine that had not seen sets 32-44): for each of those sets it trains a
// sentence model on ABUSE/PROFANITY/THREAT labels of every other set and
// logs what flagging the model's sentences would add to the predictions.
func TestAbuseModelCV(t *testing.T) {
	dir := os.Getenv("STORYDESK_ABUSE_CV")
	if dir == "" {
		t.Skip("an experiment: STORYDESK_ABUSE_CV=DIR runs it")
	}
	isAbuse := func(k string) bool { return k == "ABUSE" || k == "PROFANITY" || k == "THREAT" }
	sets := sgTrainingSets()
	examples := map[string][]sgExample{}
	for _, p := range sets {
		examples[p] = examplesOf(t, p, "ABUSE", "PROFANITY", "THREAT")
	}
	thrs := []float64{0.5, 0.7, 0.8, 0.9, 0.95}
	type tally struct{ gold, found, pred, right, clean int }
	tot := make([]tally, len(thrs)+1)
	for n := 32; n <= 44; n++ {
		held := filepath.Join("testdata", "heldout", "set"+strconv.Itoa(n)+".jsonl")
		var train []sgExample
		for _, p := range sets {
			if p != held {
				train = append(train, examples[p]...)
			}
		}
		m := fitModel(train, abuseMinWeight)
		base := readPreds(t, filepath.Join(dir, "p185.set"+strconv.Itoa(n)+".jsonl"))
		stories := loadStories(t, held)
		for k := range len(thrs) + 1 {
			var tl tally
			for _, s := range stories {
				var gold, pred [][2]int
				for _, g := range s.Spans {
					if isAbuse(g.Kind) {
						gold = append(gold, [2]int{g.Start, g.End})
					}
				}
				for _, p := range base[s.ID] {
					if isAbuse(p.Kind) {
						pred = append(pred, [2]int{p.Start, p.End})
					}
				}
				over := func(x [2]int, ys [][2]int) bool {
					return slices.ContainsFunc(ys, func(y [2]int) bool { return x[0] < y[1] && y[0] < x[1] })
				}
				if k < len(thrs) {
					var add [][2]int
					for _, sp := range sentenceProbs(m, s.Body) {
						x := [2]int{sp.a, sp.b}
						if sp.p >= thrs[k] && !over(x, pred) {
							add = append(add, x)
							if os.Getenv("STORYDESK_ABUSE_CV_LOG") == "1" && thrs[k] == 0.8 {
								r := []rune(s.Body)
								t.Logf("%s p=%.2f gold=%v %q", s.ID, sp.p, over(x, gold), string(r[sp.a:sp.b]))
							}
						}
					}
					pred = append(pred, add...)
				}
				for _, g := range gold {
					tl.gold++
					if over(g, pred) {
						tl.found++
					}
				}
				for _, p := range pred {
					tl.pred++
					if over(p, gold) {
						tl.right++
					}
				}
				if s.Clean {
					tl.clean += len(pred)
				}
			}
			name := "base"
			if k < len(thrs) {
				name = strconv.FormatFloat(thrs[k], 'g', -1, 64)
			}
			t.Logf("set%d %-5s R=%.3f P=%.3f clean flags %d", n, name, float64(tl.found)/float64(max(1, tl.gold)), float64(tl.right)/float64(max(1, tl.pred)), tl.clean)
			tt := &tot[k]
			tt.gold, tt.found, tt.pred, tt.right, tt.clean = tt.gold+tl.gold, tt.found+tl.found, tt.pred+tl.pred, tt.right+tl.right, tt.clean+tl.clean
		}
	}
	for k, tl := range tot {
		t.Logf("ALL %d R=%.3f P=%.3f clean flags %d", k, float64(tl.found)/float64(max(1, tl.gold)), float64(tl.right)/float64(max(1, tl.pred)), tl.clean)
	}
}

type predSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
}

func readPreds(t *testing.T, path string) map[string][]predSpan {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]predSpan{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r struct {
			ID    string     `json:"id"`
			Spans []predSpan `json:"spans"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		out[r.ID] = r.Spans
	}
	return out
}
