package sqlite

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

// TestStoriesByID checks the batch read against Story, one id at a time,
// across a chunk boundary, with unknown and repeated ids.
func TestStoriesByID(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{Detector: newDetector()})
	n := storiesChunk + 3
	var all []moderation.Story
	for i := range n {
		body := "A quiet visit."
		switch i % 3 {
		case 0:
			body = "Alice Jones rang 07700 900123 for me."
		case 1:
			body = "I want to hurt myself, said Alice Jones."
		}
		all = append(all, story(fmt.Sprintf("s%04d", i), i, body))
	}
	mustAdd(t, s, all...)
	// a moderator's toggle must come back too
	st, err := s.Story(ctx, "s0000")
	if err != nil {
		t.Fatal(err)
	}
	st.Spans[0].Redact = false
	if err := s.SetSpans(ctx, "s0000", st.Spans); err != nil {
		t.Fatal(err)
	}

	every := make([]moderation.StoryID, n)
	for i := range every {
		every[i] = all[i].ID
	}
	tests := []struct {
		name string
		ids  []moderation.StoryID
		want []moderation.StoryID
	}{
		{"none", nil, nil},
		{"one", []moderation.StoryID{"s0001"}, []moderation.StoryID{"s0001"}},
		{"unknown and repeated", []moderation.StoryID{"nope", "s0002", "s0002", "s0000"}, []moderation.StoryID{"s0000", "s0002"}},
		{"more than a chunk", append([]moderation.StoryID{"gone"}, every...), every},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.StoriesByID(ctx, tt.ids)
			if err != nil {
				t.Fatalf("StoriesByID: %v", err)
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %d stories; want %d", len(got), len(tt.want))
			}
			for _, id := range tt.want {
				one, err := s.Story(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got[id], one) {
					t.Errorf("story %s: got %+v; want %+v (as Story returns it)", id, got[id], one)
				}
			}
		})
	}
	if got, _ := s.StoriesByID(ctx, []moderation.StoryID{"s0000"}); got["s0000"] == nil || got["s0000"].Spans[0].Redact {
		t.Errorf("s0000 first span: got %+v; want the moderator's toggle (kept)", got["s0000"])
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.StoriesByID(cancelled, every); err == nil {
		t.Error("cancelled context: got no error; want one")
	}
}

// BenchmarkStoriesByID reads 2,000 stories with their spans in one call.
func BenchmarkStoriesByID(b *testing.B) {
	ctx := context.Background()
	s := openTest(b, Options{Detector: newDetector()})
	var all []moderation.Story
	ids := make([]moderation.StoryID, 2000)
	for i := range ids {
		st := story(fmt.Sprintf("s%04d", i), i, "Alice Jones rang 07700 900123 for me.")
		all, ids[i] = append(all, st), st.ID
	}
	mustAdd(b, s, all...)
	for b.Loop() {
		if got, err := s.StoriesByID(ctx, ids); err != nil || len(got) != len(ids) {
			b.Fatalf("got %d (err %v); want %d", len(got), err, len(ids))
		}
	}
}
