package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

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

// ReopenConflicted reopens a claimed story whose local decision conflicted
// and returns those it cannot settle (a decision still to push, a changed
// body); pending and unknown stories are left alone.
func TestReopenConflicted(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "r.db"), Options{Moderator: "mo"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := []moderation.Story{
		{ID: "conflicted", Title: "t", Body: "fine", LeaseID: "l1", Version: 1},
		{ID: "unpushed", Title: "t", Body: "fine", LeaseID: "l2", Version: 1},
		{ID: "changed", Title: "t", Body: "fine", LeaseID: "l3", Version: 1},
		{ID: "open", Title: "t", Body: "fine", LeaseID: "l4", Version: 1},
	}
	if err := s.SaveClaimed(ctx, old); err != nil {
		t.Fatal(err)
	}
	for _, id := range []moderation.StoryID{"conflicted", "unpushed", "changed"} {
		if err := s.Decide(ctx, moderation.Decision{ID: "d-" + string(id), StoryID: id, Action: moderation.Publish}); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"d-conflicted", "d-changed"} {
		if err := s.MarkPushed(ctx, id, moderation.PushConflict, `{"reason":"lease"}`); err != nil {
			t.Fatal(err)
		}
	}
	exp := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	claimed := []moderation.Story{
		{ID: "conflicted", Title: "t", Body: "fine", LeaseID: "n1", LeaseExpiresAt: exp, Version: 1},
		{ID: "unpushed", Title: "t", Body: "fine", LeaseID: "n2", LeaseExpiresAt: exp, Version: 1},
		{ID: "changed", Title: "t", Body: "changed", LeaseID: "n3", LeaseExpiresAt: exp, Version: 1},
		{ID: "open", Title: "t", Body: "fine", LeaseID: "n4", LeaseExpiresAt: exp, Version: 1},
		{ID: "unknown", Title: "t", Body: "fine", LeaseID: "n5", LeaseExpiresAt: exp, Version: 1},
	}
	keep, err := s.ReopenConflicted(ctx, claimed)
	if err != nil {
		t.Fatalf("ReopenConflicted: %v", err)
	}
	if want := []moderation.StoryID{"unpushed", "changed"}; !slices.Equal(keep, want) {
		t.Errorf("kept decided: got %v, want %v", keep, want)
	}
	tests := []struct {
		id     moderation.StoryID
		status moderation.Status
		lease  string
	}{
		{"conflicted", moderation.StatusPending, "n1"},
		{"unpushed", moderation.StatusDecided, "l2"},
		{"changed", moderation.StatusDecided, "l3"},
		{"open", moderation.StatusPending, "l4"},
	}
	for _, tt := range tests {
		st, err := s.Story(ctx, tt.id)
		if err != nil || st.Status != tt.status || st.LeaseID != tt.lease {
			t.Errorf("story %s: status %q lease %q, %v; want %q, %q", tt.id, st.Status, st.LeaseID, err, tt.status, tt.lease)
		}
	}
	if st, _ := s.Story(ctx, "conflicted"); !st.LeaseExpiresAt.Equal(exp) {
		t.Errorf("reopened lease expiry: got %v, want %v", st.LeaseExpiresAt, exp)
	}
	if cs, _ := s.Conflicts(ctx); len(cs) != 2 {
		t.Errorf("conflicts after reopening: got %d, want 2 (kept until acknowledged)", len(cs))
	}
	// the reopened story takes a fresh decision
	if err := s.Decide(ctx, moderation.Decision{ID: "d-again", StoryID: "conflicted", Action: moderation.Reject, Reason: moderation.ReasonCommercial, Note: "advert"}); err != nil {
		t.Fatalf("fresh decision on the reopened story: %v", err)
	}
	ob, _ := s.Outbox(ctx, 0)
	var fresh *moderation.OutboxEntry
	for i := range ob {
		if ob[i].Decision.ID == "d-again" {
			fresh = &ob[i]
		}
	}
	if fresh == nil || fresh.Decision.LeaseID != "n1" {
		t.Errorf("fresh decision in the outbox: %+v; want lease n1", fresh)
	}
}

// A story reopened after a conflict that is claimed again takes the new
// lease and version (its conflicted decision stays); a story still decided
// locally keeps what it has.
func TestSaveClaimedReopenedTakesNewLease(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	claim := func(id moderation.StoryID, lease string, version int) moderation.Story {
		return moderation.Story{ID: id, Title: "t", Body: "fine", LeaseID: lease, Version: version}
	}
	if err := s.SaveClaimed(ctx, []moderation.Story{claim("reopened", "l1", 1), claim("decided", "l2", 1)}); err != nil {
		t.Fatal(err)
	}
	mustDecide(t, s, approve("d-reopened", "reopened"))
	mustDecide(t, s, approve("d-decided", "decided"))
	if err := s.MarkPushed(ctx, "d-reopened", moderation.PushConflict, `{"reason":"lease"}`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReopenConflicted(ctx, []moderation.Story{claim("reopened", "n1", 1)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveClaimed(ctx, []moderation.Story{claim("reopened", "n2", 2), claim("decided", "n3", 2)}); err != nil {
		t.Fatalf("SaveClaimed again: %v", err)
	}
	tests := []struct {
		id      moderation.StoryID
		status  moderation.Status
		lease   string
		version int
	}{
		{"reopened", moderation.StatusPending, "n2", 2},
		{"decided", moderation.StatusDecided, "l2", 1},
	}
	for _, tt := range tests {
		st, err := s.Story(ctx, tt.id)
		if err != nil || st.Status != tt.status || st.LeaseID != tt.lease || st.Version != tt.version {
			t.Errorf("story %s: %q lease %q version %d, %v; want %q, %q, %d", tt.id, st.Status, st.LeaseID, st.Version, err, tt.status, tt.lease, tt.version)
		}
	}
	if ds, _ := s.Decisions(ctx, "reopened"); len(ds) != 1 {
		t.Errorf("decisions of the reopened story: got %d, want 1 (kept)", len(ds))
	}
}

// Undoing a fresh decision on a story reopened after a conflict puts the
// story back to pending, as it was (before: it took the status of the
// conflicted decision, which the server never applied, and the story sat
// decided locally, its lease renewed, with no way to decide it again).
func TestUndoOnReopenedStoryReturnsItToPending(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Options{})
	claimed := moderation.Story{ID: "s1", Title: "t", Body: "fine", LeaseID: "l1", Version: 1}
	if err := s.SaveClaimed(ctx, []moderation.Story{claimed}); err != nil {
		t.Fatal(err)
	}
	mustDecide(t, s, approve("d1", "s1"))
	if err := s.MarkPushed(ctx, "d1", moderation.PushConflict, `{"reason":"lease"}`); err != nil {
		t.Fatal(err)
	}
	claimed.LeaseID = "l2"
	if _, err := s.ReopenConflicted(ctx, []moderation.Story{claimed}); err != nil {
		t.Fatal(err)
	}
	mustDecide(t, s, moderation.Decision{ID: "d2", StoryID: "s1", Action: moderation.Reject, Reason: moderation.ReasonCommercial, Note: "advert"})
	if id, err := s.Undo(ctx); err != nil || id != "s1" {
		t.Fatalf("Undo = %q, %v; want s1", id, err)
	}
	st, err := s.Story(ctx, "s1")
	if err != nil || st.Status != moderation.StatusPending {
		t.Fatalf("status after undo: %q, %v; want pending", st.Status, err)
	}
	if items, _ := s.Queue(ctx, QueueFilter{Tab: TabPending}); len(items) != 1 || items[0].Action != "" {
		t.Errorf("pending queue after undo: %+v; want s1 without action", items)
	}
	mustDecide(t, s, moderation.Decision{ID: "d3", StoryID: "s1", Action: moderation.Reject, Reason: moderation.ReasonCommercial, Note: "advert"})
}
