package training

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

// body positions: "Ann Lee rang 07700 900184, the prat. I will hurt him."
//
//	0   4   8    13           26   30 33  37
const body = "Ann Lee rang 07700 900184, the prat. I will hurt him."

func span(k moderation.Kind, start, end int) moderation.Span {
	return moderation.Span{Start: start, End: end, Kind: k, Redact: true}
}

func red(k moderation.Kind, start, end int) moderation.Redaction {
	return moderation.Redaction{Start: start, End: end, Kind: k, Replacement: k.Placeholder()}
}

func testCase(dec moderation.Action, spans ...moderation.Span) *Case {
	return &Case{Story: moderation.Story{ID: "c1", Body: body, Spans: spans}, Decision: dec}
}

func TestScoreCase(t *testing.T) {
	gold := []moderation.Span{
		span(moderation.Person, 0, 7),   // Ann Lee
		span(moderation.Phone, 13, 25),  // 07700 900184
		span(moderation.Abuse, 31, 35),  // prat
		span(moderation.Threat, 37, 52), // I will hurt him
	}
	tests := []struct {
		name           string
		c              *Case
		d              moderation.Decision
		recall, prec   float64
		found, correct int
		missed, extra  int
		agree          bool
	}{
		{"all exact", testCase(moderation.Escalate, gold...),
			moderation.Decision{Action: moderation.Escalate, Redactions: []moderation.Redaction{red(moderation.Person, 0, 7), red(moderation.Phone, 13, 25), red(moderation.Abuse, 31, 35), red(moderation.Threat, 37, 52)}},
			1, 1, 4, 4, 0, 0, true},
		{"partial overlap counts", testCase(moderation.Escalate, gold...),
			moderation.Decision{Action: moderation.Escalate, Redactions: []moderation.Redaction{red(moderation.Person, 4, 7), red(moderation.Phone, 19, 25)}},
			0.5, 1, 2, 2, 2, 0, true},
		{"same group other kind matches", testCase(moderation.PublishWithChanges, gold[0]),
			moderation.Decision{Action: moderation.Publish, Redactions: []moderation.Redaction{red(moderation.Handle, 0, 3)}},
			1, 1, 1, 1, 0, 0, false},
		{"cross group does not match", testCase(moderation.PublishWithChanges, gold[0]),
			moderation.Decision{Action: moderation.PublishWithChanges, Redactions: []moderation.Redaction{red(moderation.Profanity, 0, 3)}},
			0, 0, 0, 0, 1, 1, true},
		{"one of three marks wrong", testCase(moderation.PublishWithChanges, gold[0], gold[1]),
			moderation.Decision{Action: moderation.PublishWithChanges, Redactions: []moderation.Redaction{red(moderation.Person, 0, 3), red(moderation.Person, 4, 7), red(moderation.Person, 26, 30)}},
			0.5, 2.0 / 3, 1, 2, 1, 1, true},
		{"touching is not overlap", testCase(moderation.PublishWithChanges, gold[1]),
			moderation.Decision{Action: moderation.PublishWithChanges, Redactions: []moderation.Redaction{red(moderation.Phone, 25, 26)}},
			0, 0, 0, 0, 1, 1, true},
		{"duplicate marks count once", testCase(moderation.PublishWithChanges, gold[0]),
			moderation.Decision{Action: moderation.PublishWithChanges, Redactions: []moderation.Redaction{red(moderation.Person, 0, 7), red(moderation.Person, 0, 7)}},
			1, 1, 1, 1, 0, 0, true},
		{"clean case, nothing marked", testCase(moderation.Publish),
			moderation.Decision{Action: moderation.Publish}, 1, 1, 0, 0, 0, 0, true},
		{"clean case, false flag", testCase(moderation.Publish),
			moderation.Decision{Action: moderation.PublishWithChanges, Redactions: []moderation.Redaction{red(moderation.Person, 0, 3)}},
			0, 0, 0, 0, 0, 1, false},
		{"gold publish keeps praised name", testCase(moderation.Publish, gold[0]),
			moderation.Decision{Action: moderation.Publish}, 1, 1, 0, 0, 0, 0, true},
		{"missed everything", testCase(moderation.PublishWithChanges, gold[0], gold[1]),
			moderation.Decision{Action: moderation.Reject}, 0, 0, 0, 0, 2, 0, false},
		{"safeguarding is not a redaction", testCase(moderation.Escalate, span(moderation.Safeguarding, 37, 52)),
			moderation.Decision{Action: moderation.Escalate, Redactions: []moderation.Redaction{red(moderation.Safeguarding, 37, 52)}},
			1, 1, 0, 0, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScoreCase(tt.c, tt.d, 90*time.Second)
			if math.Abs(s.Recall()-tt.recall) > 1e-9 || math.Abs(s.Precision()-tt.prec) > 1e-9 {
				t.Errorf("R=%.3f P=%.3f; want R=%.3f P=%.3f", s.Recall(), s.Precision(), tt.recall, tt.prec)
			}
			if s.Found != tt.found || s.Correct != tt.correct {
				t.Errorf("found=%d correct=%d; want %d, %d", s.Found, s.Correct, tt.found, tt.correct)
			}
			if len(s.Missed) != tt.missed || len(s.Extra) != tt.extra {
				t.Errorf("missed=%v extra=%v; want %d missed, %d extra", s.Missed, s.Extra, tt.missed, tt.extra)
			}
			if s.Agree() != tt.agree {
				t.Errorf("agree = %v (%s vs gold %s); want %v", s.Agree(), s.Decision, s.Want, tt.agree)
			}
			if s.Took != 90*time.Second {
				t.Errorf("took = %v; want 1m30s", s.Took)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	scores := []CaseScore{
		{Gold: 4, Marked: 2, Found: 2, Correct: 2, Decision: "publish", Want: "publish", Took: 10 * time.Second},
		{Gold: 0, Marked: 2, Found: 0, Correct: 0, Decision: "reject", Want: "publish", Took: 30 * time.Second},
		{Gold: 1, Marked: 1, Found: 1, Correct: 1, Decision: "hold", Want: "hold", Took: 20 * time.Second},
		{Gold: 1, Marked: 0, Found: 0, Correct: 0, Decision: "hold", Want: "hold", Took: 40 * time.Second},
	}
	s := Summarize(scores)
	// pooled: found 3 of 6 gold; correct 3 of 5 marks; 3 of 4 decisions
	if s.Recall != 0.5 || s.Precision != 0.6 || s.Agreement != 0.75 {
		t.Errorf("R=%v P=%v A=%v; want 0.5 0.6 0.75", s.Recall, s.Precision, s.Agreement)
	}
	if s.MedianTook != 25*time.Second {
		t.Errorf("median = %v; want 25s", s.MedianTook)
	}
	if z := Summarize(nil); z.Recall != 1 || z.Precision != 1 || z.Agreement != 0 {
		t.Errorf("empty summary = %+v; want R=P=1, agreement 0", z)
	}
}

func loadSmall(t *testing.T) *Pack {
	t.Helper()
	p, err := ParsePack("small.jsonl", strings.NewReader(
		`{"id":"t1","body":"Nurse Kelly was lovely. Call me on 07700 900184.","expected_decision":"publish_with_changes","reason":"personal_details","spans":[{"start":6,"end":11,"kind":"PERSON"},{"start":35,"end":47,"kind":"PHONE"}]}
{"id":"t2","body":"The café was clean.","expected_decision":"publish","spans":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestSession(t *testing.T) {
	p := loadSmall(t)
	ck := &clock{time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	s, err := NewSession(p, " amira ", "run1", ck.now)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Current()
	if st == nil || st.ID != "t1" || len(st.Spans) != 0 {
		t.Fatalf("Current = %+v; want t1 without gold spans", st)
	}
	if _, err := s.Submit(moderation.Decision{Action: moderation.PublishWithChanges}); moderation.ErrorField(err) != "reason" {
		t.Errorf("Submit without reason: err = %v; want an EINVALID reason error", err)
	}
	ck.t = ck.t.Add(2 * time.Minute)
	sc, err := s.Submit(moderation.Decision{Action: moderation.PublishWithChanges, Reason: moderation.ReasonPersonalDetails,
		Redactions: []moderation.Redaction{red(moderation.Phone, 35, 47)}})
	if err != nil {
		t.Fatal(err)
	}
	if sc.Recall() != 0.5 || sc.Precision() != 1 || sc.Took != 2*time.Minute || !sc.Agree() {
		t.Errorf("case 1: R=%v P=%v took=%v agree=%v; want 0.5 1 2m true", sc.Recall(), sc.Precision(), sc.Took, sc.Agree())
	}
	// the session works on a copy: the caller's pack is untouched
	s.Pack().Cases[0].Story.Title = "changed"
	if p.Cases[0].Story.Title == "changed" {
		t.Error("session shares the caller's pack")
	}
	ck.t = ck.t.Add(30 * time.Second)
	if _, err := s.Submit(moderation.Decision{Action: moderation.Reject, Reason: moderation.ReasonCommercial}); err != nil {
		t.Fatal(err)
	}
	if !s.Done() || s.Current() != nil {
		t.Fatal("session not done after the last case")
	}
	if _, err := s.Submit(moderation.Decision{Action: moderation.Publish}); moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Errorf("Submit after the end: err = %v; want ECONFLICT", err)
	}
	r := s.Run()
	if r.Trainee != "amira" || r.Pack != "small.jsonl" || r.FinishedAt != ck.t || len(r.Scores) != 2 {
		t.Errorf("run = %+v; want trainee amira, pack small.jsonl, finished, 2 scores", r)
	}
	if sum := r.Summary(); sum.Agreement != 0.5 || sum.Recall != 0.5 {
		t.Errorf("summary = %+v; want agreement 0.5, recall 0.5", sum)
	}
}

func TestMemoryStoreAndCSV(t *testing.T) {
	ctx := context.Background()
	var m MemoryStore
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	runs := []Run{
		{ID: "r2", Trainee: "ben", Pack: "basics.jsonl", StartedAt: t0.Add(time.Hour), FinishedAt: t0.Add(2 * time.Hour),
			Scores: []CaseScore{{Gold: 2, Found: 1, Marked: 1, Correct: 1, Decision: "publish", Want: "publish", Took: time.Minute}}},
		{ID: "r1", Trainee: "=cmd", Pack: "basics.jsonl", StartedAt: t0},
		{ID: "r3", Trainee: "ben", Pack: "basics.jsonl", StartedAt: t0},
	}
	for _, r := range runs {
		if err := m.SaveRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.SaveRun(ctx, Run{ID: "x"}); moderation.ErrorField(err) != "trainee" {
		t.Errorf("SaveRun without trainee: %v; want an EINVALID trainee error", err)
	}
	ben, _ := m.Runs(ctx, "ben")
	if len(ben) != 2 || ben[0].ID != "r3" || ben[1].ID != "r2" {
		t.Errorf("Runs(ben) = %v; want r3 then r2", ben)
	}
	all, _ := m.Runs(ctx, "")
	var buf bytes.Buffer
	if err := WriteRunsCSV(&buf, all); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("rows = %d; want header + 3", len(rows))
	}
	if rows[1][0] != "'=cmd" {
		t.Errorf("formula-like trainee written as %q; want it defused", rows[1][0])
	}
	want := []string{"ben", "basics.jsonl", "r2", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "1", "0.500", "1.000", "1.000", "60.0", "2", "1", "0"}
	if strings.Join(rows[3], ",") != strings.Join(want, ",") {
		t.Errorf("row = %q; want %q", rows[3], want)
	}
}

func TestEncodeScoreRoundTrip(t *testing.T) {
	c := testCase(moderation.PublishWithChanges, span(moderation.Person, 0, 7), span(moderation.Phone, 13, 25))
	s := ScoreCase(c, moderation.Decision{Action: moderation.Publish, Redactions: []moderation.Redaction{red(moderation.Abuse, 31, 35)}}, 3*time.Second)
	b, err := EncodeScore(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "Ann") {
		t.Errorf("stored score %s holds story text", b)
	}
	got, err := DecodeScore(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.CaseID != "c1" || got.Took != 3*time.Second || len(got.Missed) != 2 || got.Missed[1] != (Range{13, 25, moderation.Phone}) || len(got.Extra) != 1 {
		t.Errorf("round trip = %+v; want %+v", got, s)
	}
	if _, err := DecodeScore([]byte(`[1]`)); moderation.ErrorField(err) != "scores" {
		t.Errorf("DecodeScore([1]) err = %v; want EINVALID scores", err)
	}
}

// BenchmarkScorePack scores every case of the dev set (80 stories) with
// the gold redactions as the trainee's answer.
func BenchmarkScorePack(b *testing.B) {
	f, err := os.Open("/work/shared/benchmarks/stories-dev/stories.jsonl")
	if err != nil {
		b.Skip("dev set not present:", err)
	}
	p, err := ParsePack("stories.jsonl", f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	ds := make([]moderation.Decision, len(p.Cases))
	for i := range p.Cases {
		ds[i] = moderation.Decision{Action: p.Cases[i].Decision, Redactions: moderation.Redactions(p.Cases[i].GoldRedactions())}
	}
	b.ResetTimer()
	for b.Loop() {
		for i := range p.Cases {
			if sc := ScoreCase(&p.Cases[i], ds[i], time.Second); sc.Recall() != 1 || sc.Precision() != 1 {
				b.Fatalf("%s: R=%v P=%v; want 1, 1", sc.CaseID, sc.Recall(), sc.Precision())
			}
		}
	}
}
