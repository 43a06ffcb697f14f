package training

import (
	"os"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

func TestParsePackValid(t *testing.T) {
	f, err := os.Open("testdata/small.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ParsePack("small.jsonl", f)
	if err != nil {
		t.Fatalf("ParsePack: %v", err)
	}
	if got, want := len(p.Cases), 3; got != want {
		t.Fatalf("cases = %d; want %d", got, want)
	}
	// code points → bytes: the span text must come back out of the body
	want := map[moderation.StoryID][]string{"t1": {"Kelly", "07700 900184"}, "t2": nil, "t3": {"Zoë", "f*cking"}}
	for _, c := range p.Cases {
		var got []string
		for _, s := range c.Gold() {
			got = append(got, c.Story.Body[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(want[c.Story.ID], "|") {
			t.Errorf("%s gold texts = %q; want %q", c.Story.ID, got, want[c.Story.ID])
		}
	}
	if c := p.Case("t2"); c == nil || !c.Clean || c.Decision != moderation.Publish {
		t.Errorf("t2 = %+v; want a clean publish case", c)
	}
}

// The dev set is the format's reference: all 80 stories must load.
func TestParsePackDevSet(t *testing.T) {
	f, err := os.Open("/work/shared/benchmarks/stories-dev/stories.jsonl")
	if err != nil {
		t.Skip("dev set not present:", err)
	}
	defer f.Close()
	p, err := ParsePack("stories.jsonl", f)
	if err != nil {
		t.Fatalf("ParsePack(dev set): %v", err)
	}
	if got, want := len(p.Cases), 80; got != want {
		t.Errorf("cases = %d; want %d", got, want)
	}
}

func TestParsePackErrors(t *testing.T) {
	const ok = `{"id":"a","body":"Dr Smith was rude.","expected_decision":"publish_with_changes","reason":"staff_identified","spans":[{"start":3,"end":8,"kind":"PERSON","text":"Smith"}]}`
	tests := []struct {
		name, in      string
		field, inText string // want ErrorField and a substring of the message
	}{
		{"bad json", ok + "\n{\"id\": \"b\",", "line", "mine.jsonl:2: line: invalid JSON"},
		{"missing id", `{"body":"x","expected_decision":"publish"}`, "id", "mine.jsonl:1: id: missing"},
		{"duplicate id", ok + "\n" + ok, "id", `mine.jsonl:2: id: "a" already used on line 1`},
		{"missing body", `{"id":"a","expected_decision":"publish"}`, "body", "body: missing"},
		{"missing decision", `{"id":"a","body":"x"}`, "expected_decision", "expected_decision: missing"},
		{"unknown decision", `{"id":"a","body":"x","expected_decision":"approve"}`, "expected_decision", `"approve" is not one of`},
		{"reason with publish", `{"id":"a","body":"x","expected_decision":"publish","reason":"commercial"}`, "reason", "must be empty for publish"},
		{"reason missing", `{"id":"a","body":"x","expected_decision":"reject"}`, "reason", "missing; reject needs one of"},
		{"reason wrong action", `{"id":"a","body":"x","expected_decision":"hold","reason":"commercial"}`, "reason", `"commercial" is not a reason for hold`},
		{"span start type", `{"id":"a","body":"x y","expected_decision":"publish","spans":[{"start":"0","end":1,"kind":"PERSON"}]}`, "spans.start", "expected int"},
		{"span no end", `{"id":"a","body":"x y","expected_decision":"publish","spans":[{"start":0,"kind":"PERSON"}]}`, "spans[0].end", "missing"},
		{"span kind", `{"id":"a","body":"x y","expected_decision":"publish","spans":[{"start":0,"end":1,"kind":"NAME"}]}`, "spans[0].kind", `"NAME" is not a known kind`},
		{"span past end", `{"id":"a","body":"Zoë","expected_decision":"publish","spans":[{"start":0,"end":4,"kind":"PERSON"}]}`, "spans[0].end", "4 is past the body (3 code points)"},
		{"span empty", `{"id":"a","body":"x y","expected_decision":"publish","spans":[{"start":1,"end":1,"kind":"PERSON"}]}`, "spans[0].end", "not after start"},
		{"span text", `{"id":"a","body":"Dr Smith","expected_decision":"publish","spans":[{"start":3,"end":8,"kind":"PERSON","text":"Smyth"}]}`, "spans[0].text", "does not match body[3:8]"},
		{"span overlap", `{"id":"a","body":"Dr Smith","expected_decision":"publish","spans":[{"start":3,"end":8,"kind":"PERSON"},{"start":4,"end":6,"kind":"PERSON"}]}`, "spans[1].start", "sorted and not overlap"},
		{"clean with spans", `{"id":"a","body":"Dr Smith","expected_decision":"publish","clean":true,"spans":[{"start":3,"end":8,"kind":"PERSON"}]}`, "clean", "is true but the story has 1 spans"},
		{"empty file", "\n\n", "file", "mine.jsonl: no cases"},
		{"redact on a flag", `{"id":"a","body":"I will end it","expected_decision":"escalate","reason":"safeguarding_self_harm","spans":[{"start":0,"end":13,"kind":"SAFEGUARDING","redact":true}]}`, "spans[0].redact", "a SAFEGUARDING span is a flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePack("mine.jsonl", strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("ParsePack = nil error; want one naming %s", tt.field)
			}
			if got := moderation.ErrorCode(err); got != moderation.EINVALID {
				t.Errorf("code = %s; want EINVALID", got)
			}
			if got := moderation.ErrorField(err); got != tt.field {
				t.Errorf("field = %q; want %q (err %v)", got, tt.field, err)
			}
			if !strings.Contains(err.Error(), tt.inText) {
				t.Errorf("error = %q; want it to contain %q", err, tt.inText)
			}
		})
	}
}

// Error messages name positions, never the story's words.
func TestParsePackErrorsHideText(t *testing.T) {
	in := `{"id":"a","body":"Dr Secretname","expected_decision":"publish","spans":[{"start":3,"end":13,"kind":"PERSON","text":"Othername"}]}`
	_, err := ParsePack("p.jsonl", strings.NewReader(in))
	if err == nil || strings.Contains(err.Error(), "Secretname") || strings.Contains(err.Error(), "Othername") {
		t.Errorf("error = %v; want an error without story text", err)
	}
}

func TestCloneIsDeep(t *testing.T) {
	p, err := ParsePack("x", strings.NewReader(`{"id":"a","body":"Dr Smith","expected_decision":"publish","spans":[{"start":3,"end":8,"kind":"PERSON"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	q := p.Clone()
	q.Cases[0].Story.Spans[0].Redact = false
	q.Cases[0].Story.Title = "changed"
	if !p.Cases[0].Story.Spans[0].Redact || p.Cases[0].Story.Title != "" {
		t.Errorf("changing the clone changed the pack: %+v", p.Cases[0].Story)
	}
}

func TestGoldRedactionsKeep(t *testing.T) {
	in := `{"id":"a","body":"Thanks Ifeoma Adeyemi. Ifeoma was great.","expected_decision":"publish_with_changes","reason":"staff_identified","spans":[{"start":7,"end":21,"kind":"PERSON"},{"start":23,"end":29,"kind":"PERSON","redact":false}]}`
	p, err := ParsePack("k.jsonl", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	c := &p.Cases[0]
	if g := c.GoldRedactions(); len(g) != 1 || c.Story.Body[g[0].Start:g[0].End] != "Ifeoma Adeyemi" {
		t.Errorf("GoldRedactions = %v; want only the full name", g)
	}
	if len(c.Gold()) != 2 {
		t.Errorf("Gold = %v; want both spans", c.Gold())
	}
}
