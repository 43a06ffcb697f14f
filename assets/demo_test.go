package assets

import (
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

func TestDemoParses(t *testing.T) {
	ds, err := Demo()
	if err != nil {
		t.Fatalf("Demo: %v", err)
	}
	if len(ds) < 20 {
		t.Fatalf("got %d demo stories, want at least 20", len(ds))
	}
	for _, d := range ds {
		if d.Story.Status != moderation.StatusPending || len(d.Story.Spans) != 0 {
			t.Errorf("%s: status %q, %d spans; want pending without spans", d.Story.ID, d.Story.Status, len(d.Story.Spans))
		}
		if d.Story.Title == "" || d.Story.Service == "" || d.Story.SubmittedAt.IsZero() {
			t.Errorf("%s: title, service or submitted_at missing", d.Story.ID)
		}
	}
}

func TestParseDemoOffsets(t *testing.T) {
	// "Zoë" is one code point for ë; the span after it must shift by one byte.
	line := `{"id":"x1","title":"t","body":"Zoë met Ann","submitted_at":"2026-11-15T11:44:00Z","spans":[{"start":0,"end":3,"kind":"PERSON"},{"start":8,"end":11,"kind":"person"}]}`
	ds, err := ParseDemo("in.jsonl", []byte(line+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	body := ds[0].Story.Body
	var got []string
	for _, s := range ds[0].Gold {
		got = append(got, body[s.Start:s.End])
	}
	if strings.Join(got, "|") != "Zoë|Ann" {
		t.Errorf("got spans %q, want [Zoë Ann]", got)
	}
}

func TestParseDemoErrors(t *testing.T) {
	ok := `{"id":"a","title":"t","body":"hello","submitted_at":"2026-11-15T11:44:00Z"}`
	tests := []struct{ name, in, want string }{
		{"bad json", ok + "\n{", "in.jsonl:2"},
		{"no id", `{"body":"x","submitted_at":"2026-11-15T11:44:00Z"}`, "id: in.jsonl:1: missing"},
		{"dup id", ok + "\n" + ok, `already used on line 1`},
		{"bad time", `{"id":"a","body":"x","submitted_at":"yesterday"}`, "submitted_at"},
		{"bad kind", `{"id":"a","body":"hello","submitted_at":"2026-11-15T11:44:00Z","spans":[{"start":0,"end":2,"kind":"NOSE"}]}`, "spans[0].kind"},
		{"out of range", `{"id":"a","body":"hello","submitted_at":"2026-11-15T11:44:00Z","spans":[{"start":3,"end":9,"kind":"PERSON"}]}`, "spans[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDemo("in.jsonl", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
