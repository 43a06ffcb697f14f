package assets

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/storydesk/storydesk/moderation"
)

//go:embed demo/stories.jsonl
var demoJSONL []byte

// DemoStory is one record of the demo queue: the story as a moderator
// receives it and the labeller's answer.
type DemoStory struct {
	Story          moderation.Story  // pending, without spans: the detector finds them when it is stored
	Gold           []moderation.Span // the labelled spans, byte offsets
	ExpectedAction moderation.Action
	ExpectedReason moderation.Reason
}

// demoRecord is a line of demo/stories.jsonl: the stories-dev format
// (code-point offsets) plus the service and author fields.
type demoRecord struct {
	ID               string `json:"id"`
	Title            string `json:"title"`
	Body             string `json:"body"`
	Service          string `json:"service"`
	ServiceType      string `json:"service_type"`
	SubmittedAt      string `json:"submitted_at"`
	AuthorRole       string `json:"author_role"`
	ExpectedDecision string `json:"expected_decision"`
	Reason           string `json:"reason"`
	Spans            []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Kind  string `json:"kind"`
	} `json:"spans"`
}

// Demo parses the embedded demo queue.
func Demo() ([]DemoStory, error) { return ParseDemo("demo/stories.jsonl", demoJSONL) }

// DemoStories returns the demo queue's stories, pending and without spans.
func DemoStories() ([]moderation.Story, error) {
	ds, err := Demo()
	if err != nil {
		return nil, err
	}
	out := make([]moderation.Story, len(ds))
	for i, d := range ds {
		out[i] = d.Story
	}
	return out, nil
}

// ParseDemo parses demo records (one JSON object a line) from data; name
// is used in errors, which give the line and field.
func ParseDemo(name string, data []byte) ([]DemoStory, error) {
	var out []DemoStory
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	seen := map[string]int{}
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		bad := func(field, format string, args ...any) error {
			return moderation.Invalidf(field, "%s:%d: %s", name, line, fmt.Sprintf(format, args...))
		}
		var r demoRecord
		dec := json.NewDecoder(bytes.NewReader(b))
		if err := dec.Decode(&r); err != nil {
			return nil, bad("json", "%v", err)
		}
		switch {
		case r.ID == "":
			return nil, bad("id", "missing")
		case r.Body == "":
			return nil, bad("body", "missing")
		}
		if prev, ok := seen[r.ID]; ok {
			return nil, bad("id", "%q already used on line %d", r.ID, prev)
		}
		seen[r.ID] = line
		at, err := time.Parse(time.RFC3339, r.SubmittedAt)
		if err != nil {
			return nil, bad("submitted_at", "want RFC 3339 time, got %q", r.SubmittedAt)
		}
		d := DemoStory{
			Story: moderation.Story{
				ID: moderation.StoryID(r.ID), Title: r.Title, Body: r.Body,
				Service: r.Service, ServiceType: r.ServiceType, SubmittedAt: at,
				AuthorRole: r.AuthorRole, Status: moderation.StatusPending,
			},
			ExpectedAction: moderation.Action(r.ExpectedDecision),
			ExpectedReason: moderation.Reason(r.Reason),
		}
		off := moderation.NewOffsets(r.Body)
		for i, s := range r.Spans {
			field := fmt.Sprintf("spans[%d]", i)
			k, err := moderation.ParseKind(s.Kind)
			if err != nil {
				return nil, bad(field+".kind", "unknown kind %q", s.Kind)
			}
			bs, be, err := off.ByteRange(field, s.Start, s.End)
			if err != nil {
				return nil, bad(field, "%v", err)
			}
			d.Gold = append(d.Gold, moderation.Span{Start: bs, End: be, Kind: k, Confidence: 1,
				Source: moderation.SourceModerator, Reason: "labelled", Redact: moderation.DefaultRedact(k)})
		}
		if err := moderation.CheckSpans(r.Body, d.Gold); err != nil {
			return nil, bad("spans", "%v", err)
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}
