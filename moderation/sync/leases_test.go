package storysync_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/server"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// A story whose local decision conflicted and that comes back to the same
// moderator is reopened for a fresh decision instead of sitting leased and
// decided (before: the lease blocked everyone for its whole term).
func TestReclaimAfterConflictReopens(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 1, phoneBody)
	mo, lmo, _ := e.moderator(t, "mo")
	max, _, _ := e.moderator(t, "max")
	if n, err := mo.Pull(ctx); n != 1 || err != nil {
		t.Fatalf("mo Pull = %d, %v; want 1", n, err)
	}
	ids := pulledIDs(t, mo)
	decideAll(t, lmo, ids)
	e.advance(2 * time.Hour) // mo's lease expires, max takes the story
	if n, err := max.Pull(ctx); n != 1 || err != nil {
		t.Fatalf("max Pull = %d, %v; want 1", n, err)
	}
	if rep, err := mo.Push(ctx); rep.Conflict != 1 || err != nil {
		t.Fatalf("mo Push = %+v, %v; want 1 conflict", rep, err)
	}
	if n, err := max.Release(ctx, ids); n != 1 || err != nil {
		t.Fatalf("max Release = %d, %v; want 1", n, err)
	}
	if n, err := mo.Pull(ctx); n != 1 || err != nil {
		t.Fatalf("mo second Pull = %d, %v; want 1", n, err)
	}
	leases, _ := mo.Leases(ctx)
	st, err := lmo.Story(ctx, ids[0])
	if err != nil || st.Status != moderation.StatusPending || st.LeaseID == "" || st.LeaseID != leases[string(ids[0])] {
		t.Fatalf("local story after the second claim: status %q lease %q, %v; want pending with lease %q", st.Status, st.LeaseID, err, leases[string(ids[0])])
	}
	if cs, _ := lmo.Conflicts(ctx); len(cs) != 1 {
		t.Errorf("conflicts kept: got %d, want 1 (the first decision stays shown)", len(cs))
	}
	fresh := moderation.Decision{ID: "fresh", StoryID: ids[0], Action: moderation.Reject, Reason: moderation.ReasonCommercial, Note: "advert"}
	if err := lmo.Decide(ctx, fresh); err != nil {
		t.Fatalf("fresh local decision: %v", err)
	}
	if rep, err := mo.Push(ctx); rep != (storysync.PushReport{Accepted: 1}) || err != nil {
		t.Fatalf("Push of the fresh decision = %+v, %v; want 1 accepted", rep, err)
	}
	det, err := e.sstore.Story(ctx, string(ids[0]))
	if err != nil || det.Story.Status == string(moderation.StatusPending) || len(det.Decisions) != 1 {
		t.Errorf("server story: %+v, %v; want decided with 1 decision", det, err)
	}
}

// A story that comes back while its local decision still waits in the
// outbox has its new lease given back at once, so others can take it.
func TestReclaimWithUnpushedDecisionReleases(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 1, phoneBody)
	mo, lmo, _ := e.moderator(t, "mo")
	max, _, _ := e.moderator(t, "max")
	mo.Pull(ctx)
	ids := pulledIDs(t, mo)
	decideAll(t, lmo, ids)
	e.advance(2 * time.Hour)
	if n, err := mo.Pull(ctx); n != 0 || err != nil {
		t.Fatalf("mo Pull of its own decided story = %d, %v; want 0 (given back)", n, err)
	}
	if got := pulledIDs(t, mo); len(got) != 0 {
		t.Errorf("leases kept by mo: got %v, want none", got)
	}
	if n, err := max.Pull(ctx); n != 1 || err != nil {
		t.Errorf("max Pull = %d, %v; want 1 (not blocked by mo)", n, err)
	}
	if left, _ := lmo.Outbox(ctx, 0); len(left) != 1 {
		t.Errorf("mo's outbox: got %d pending, want 1 (the decision is kept)", len(left))
	}
}

// Leases the server reports lost are recorded for the UI, not renewed
// again, and leave the record when their decision is answered.
func TestRenewMarksLostLeases(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 3, phoneBody)
	mo, lmo, _ := e.moderator(t, "mo")
	mo.Pull(ctx)
	ids := pulledIDs(t, mo)
	leases, _ := mo.Leases(ctx)
	e.advance(2 * time.Hour)
	max, _, _ := e.moderator(t, "max")
	max.Pull(ctx)
	renewed, lost, err := mo.Renew(ctx)
	if renewed != 0 || lost != 3 || err != nil {
		t.Fatalf("Renew = %d, %d, %v; want 0, 3", renewed, lost, err)
	}
	got, err := mo.LostLeases(ctx)
	if err != nil || len(got) != 3 {
		t.Fatalf("LostLeases = %v, %v; want 3", got, err)
	}
	for _, id := range ids {
		if got[string(id)] != leases[string(id)] {
			t.Errorf("lost lease of %s: got %q, want %q", id, got[string(id)], leases[string(id)])
		}
	}
	if v, _ := lmo.State(ctx, storysync.StateLeasesLost); v == "" {
		t.Errorf("state %s: empty, want the lost leases", storysync.StateLeasesLost)
	}
	var renewCalls atomic.Int32
	f := func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/api/v1/claims/renew" {
			renewCalls.Add(1)
		}
		return false
	}
	e.fail.Store(&f)
	if renewed, lost, err := mo.Renew(ctx); renewed != 0 || lost != 0 || err != nil || renewCalls.Load() != 0 {
		t.Errorf("second Renew = %d, %d, %v with %d requests; want 0, 0 and no request", renewed, lost, err, renewCalls.Load())
	}
	decideAll(t, lmo, ids[:1])
	if rep, err := mo.Push(ctx); rep.Conflict != 1 || err != nil {
		t.Fatalf("Push = %+v, %v; want 1 conflict", rep, err)
	}
	if got, _ := mo.LostLeases(ctx); len(got) != 2 || got[string(ids[0])] != "" {
		t.Errorf("LostLeases after the push: %v; want the 2 undecided", got)
	}
}

// Undo while a push carries the decision is refused, so it cannot remove a
// decision the server then accepts.
func TestUndoDuringPushRefused(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 3, phoneBody)
	mo, lmo, _ := e.moderator(t, "mo")
	mo.Pull(ctx)
	ids := pulledIDs(t, mo)
	decideAll(t, lmo, ids)
	var undoErr atomic.Pointer[error]
	f := func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/api/v1/decisions" && undoErr.Load() == nil {
			_, err := lmo.Undo(context.Background()) // the moderator presses Undo mid-push
			undoErr.Store(&err)
		}
		return false
	}
	e.fail.Store(&f)
	rep, err := mo.Push(ctx)
	if rep != (storysync.PushReport{Accepted: 3}) || err != nil {
		t.Fatalf("Push = %+v, %v; want 3 accepted", rep, err)
	}
	if p := undoErr.Load(); p == nil || moderation.ErrorCode(*p) != moderation.ECONFLICT {
		t.Errorf("Undo during the push: got %v, want ECONFLICT", p)
	}
	for _, id := range ids {
		ds, err := lmo.Decisions(ctx, id)
		if err != nil || len(ds) != 1 {
			t.Errorf("local decisions of %s: got %d, %v; want 1 (the server has it)", id, len(ds), err)
		}
	}
	if hist, _ := e.sstore.History(ctx, server.HistoryFilter{}); len(hist) != 3 {
		t.Errorf("server decisions: got %d, want 3", len(hist))
	}
}
