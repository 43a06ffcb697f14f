package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

func TestMarkPushedBatch(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "b.db"), Options{Moderator: "mo"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveClaimed(ctx, []moderation.Story{{ID: "a", Title: "t", Body: "fine"}, {ID: "b", Title: "t", Body: "fine"}}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []moderation.StoryID{"a", "b"} {
		if err := s.Decide(ctx, moderation.Decision{ID: "d-" + string(id), StoryID: id, Action: moderation.Publish}); err != nil {
			t.Fatal(err)
		}
	}
	bad := []moderation.PushAnswer{{ID: "d-a", State: moderation.PushAccepted}, {ID: "nope", State: moderation.PushAccepted}}
	if err := s.MarkPushedBatch(ctx, bad); moderation.ErrorCode(err) != moderation.ENOTFOUND {
		t.Fatalf("unknown id: got %v, want ENOTFOUND", err)
	}
	if left, _ := s.Outbox(ctx, 0); len(left) != 2 {
		t.Fatalf("after refused batch: got %d pending, want 2 (nothing recorded)", len(left))
	}
	ok := []moderation.PushAnswer{{ID: "d-a", State: moderation.PushAccepted}, {ID: "d-b", State: moderation.PushConflict, ServerState: `{"reason":"lease"}`}}
	if err := s.MarkPushedBatch(ctx, ok); err != nil {
		t.Fatal(err)
	}
	left, _ := s.Outbox(ctx, 0)
	cs, _ := s.Conflicts(ctx)
	if len(left) != 0 || len(cs) != 1 || cs[0].ServerState != `{"reason":"lease"}` {
		t.Errorf("after batch: %d pending, conflicts %+v; want 0 pending, d-b with its state", len(left), cs)
	}
}

func TestStoryBodies(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "b.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveClaimed(ctx, []moderation.Story{{ID: "a", Title: "t", Body: "Zoë 👍🏽"}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.StoryBodies(ctx, []moderation.StoryID{"a", "missing", "a"})
	if err != nil || len(got) != 1 || got["a"] != "Zoë 👍🏽" {
		t.Errorf("StoryBodies = %v, %v; want only a with its body", got, err)
	}
}
