package ai

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/storydesk/storydesk/moderation"
)

// devSet is the shared labelled dev set; the test skips when it is absent.
const devSet = "../../../shared/benchmarks/stories-dev/stories.jsonl"

type devStory struct {
	ID    string `json:"id"`
	Body  string `json:"body"`
	Spans []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Kind  string `json:"kind"`
		Text  string `json:"text"`
	} `json:"spans"`
}

// TestDevSetAlignment plays a perfect model over the dev set: the rules are
// taken to have found the structured identifiers (masked), and the fake
// answers every other gold span by quoting its text, either verbatim or
// retyped (lower case, straight quotes and apostrophes). It measures how
// many suggestions land on exactly the gold code-point offsets.
func TestDevSetAlignment(t *testing.T) {
	f, err := os.Open(devSet)
	if err != nil {
		t.Skipf("dev set not available: %v", err)
	}
	defer f.Close()
	var stories []devStory
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		var s devStory
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatalf("%s:%d: %v", devSet, line, err)
		}
		stories = append(stories, s)
	}
	ruleKinds := map[string]bool{"PHONE": true, "EMAIL": true, "NHS_NUMBER": true, "NI_NUMBER": true, "POSTCODE": true}
	retype := strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`)

	for _, mode := range []string{"verbatim", "retyped"} {
		t.Run(mode, func(t *testing.T) {
			var asked, exact, wrong, missing int
			for _, st := range stories {
				off := moderation.NewOffsets(st.Body)
				var rules []moderation.Span
				var quotes []sugg
				gold := map[[2]int]string{}
				for _, g := range st.Spans {
					bs, be, err := off.ByteRange("span", g.Start, g.End)
					if err != nil {
						t.Fatalf("%s: %v", st.ID, err)
					}
					if ruleKinds[g.Kind] {
						rules = append(rules, moderation.Span{Start: bs, End: be, Kind: moderation.Kind(g.Kind), Source: moderation.SourceRule})
						continue
					}
					q := g.Text
					if mode == "retyped" {
						q = strings.ToLower(retype.Replace(q))
					}
					quotes = append(quotes, sugg{g.Kind, q, "gold", 1})
					gold[[2]int{g.Start, g.End}] = g.Kind
				}
				if len(quotes) == 0 {
					continue
				}
				fk := newFake(t, func(_ int, req openai.ChatCompletionRequest, w http.ResponseWriter, _ *http.Request) {
					writeAnswer(w, req.Model, answerJSON(quotes...), "stop")
				})
				h := newHarness(t, fk, nil)
				res, err := h.s.Suggest(context.Background(), moderation.StoryID(st.ID), st.Body, rules)
				if err != nil || res.Failed {
					t.Fatalf("%s: %+v %v", st.ID, res, err)
				}
				asked += len(quotes)
				for _, sp := range res.Spans {
					s, e := off.RuneSpan(sp)
					if gold[[2]int{s, e}] == string(sp.Kind) {
						exact++
						delete(gold, [2]int{s, e})
					} else {
						wrong++
						t.Logf("%s: %s %d..%d not a gold span", st.ID, sp.Kind, s, e)
					}
				}
				missing += len(gold)
				for r, k := range gold {
					t.Logf("%s: gold %s %d..%d not suggested", st.ID, k, r[0], r[1])
				}
			}
			t.Logf("%s: %d of %d perfect-model suggestions on exact gold offsets; %d misplaced, %d lost", mode, exact, asked, wrong, missing)
			if exact*100 < asked*95 {
				t.Errorf("exact = %d of %d; want at least 95%%", exact, asked)
			}
		})
	}
}
