package storysync_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/server"
	"github.com/storydesk/storydesk/moderation/sqlite"
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

// A story reopened after a conflict keeps its conflicted decision in the
// history; when it is claimed again (its lease having run out meanwhile),
// the local copy takes the new lease, so a fresh decision is not refused
// as "lease not held" (before: it kept the expired lease and conflicted).
func TestReclaimOfReopenedStoryTakesNewLease(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 1, phoneBody)
	mo, lmo, _ := e.moderator(t, "mo")
	max, _, _ := e.moderator(t, "max")
	mo.Pull(ctx)
	ids := pulledIDs(t, mo)
	decideAll(t, lmo, ids)
	e.advance(2 * time.Hour)
	max.Pull(ctx)
	if rep, err := mo.Push(ctx); rep.Conflict != 1 || err != nil {
		t.Fatalf("mo Push = %+v, %v; want 1 conflict", rep, err)
	}
	max.Release(ctx, ids)
	if n, err := mo.Pull(ctx); n != 1 || err != nil {
		t.Fatalf("mo second Pull = %d, %v; want 1 (reopened)", n, err)
	}
	e.advance(2 * time.Hour) // the moderator is away; the new lease runs out unused
	if n, err := mo.Pull(ctx); n != 1 || err != nil {
		t.Fatalf("mo third Pull = %d, %v; want 1", n, err)
	}
	leases, _ := mo.Leases(ctx)
	st, err := lmo.Story(ctx, ids[0])
	if err != nil || st.Status != moderation.StatusPending || st.LeaseID != leases[string(ids[0])] {
		t.Fatalf("local story after the third claim: status %q lease %q, %v; want pending with lease %q", st.Status, st.LeaseID, err, leases[string(ids[0])])
	}
	fresh := moderation.Decision{ID: "fresh", StoryID: ids[0], Action: moderation.Reject, Reason: moderation.ReasonCommercial, Note: "advert"}
	if err := lmo.Decide(ctx, fresh); err != nil {
		t.Fatalf("fresh local decision: %v", err)
	}
	if rep, err := mo.Push(ctx); rep != (storysync.PushReport{Accepted: 1}) || err != nil {
		t.Fatalf("Push of the fresh decision = %+v, %v; want 1 accepted", rep, err)
	}
}

// Undo of a decision that the push has read from the outbox but not yet
// sent (it is in a later batch) succeeds, and the push then leaves it out
// (before: the push sent the undone decision, the server applied it, and
// recording the batch's answers failed on the missing outbox entry).
func TestUndoBeforeItsBatchIsSentKeepsItFromServer(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 3, phoneBody)
	mo, lmo, _ := e.moderator(t, "mo")
	mo.Batch = 1
	mo.Pull(ctx)
	ids := pulledIDs(t, mo)
	decideAll(t, lmo, ids)
	type undo struct {
		id  moderation.StoryID
		err error
	}
	var got atomic.Pointer[undo]
	f := func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/api/v1/decisions" && got.Load() == nil {
			id, err := lmo.Undo(context.Background()) // the latest decision, in the last batch
			got.Store(&undo{id, err})
		}
		return false
	}
	e.fail.Store(&f)
	rep, err := mo.Push(ctx)
	if rep != (storysync.PushReport{Accepted: 2}) || err != nil {
		t.Errorf("Push = %+v, %v; want 2 accepted", rep, err)
	}
	u := got.Load()
	if u == nil || u.err != nil || u.id != ids[2] {
		t.Fatalf("Undo during the push: %+v; want %s undone", u, ids[2])
	}
	det, err := e.sstore.Story(ctx, string(ids[2]))
	if err != nil || len(det.Decisions) != 0 || det.Story.Status != string(moderation.StatusPending) {
		t.Errorf("server story %s after its decision was undone: %v; want pending without decisions", ids[2], err)
		if det != nil {
			t.Errorf("server story %s: status %q, %d decisions", ids[2], det.Story.Status, len(det.Decisions))
		}
	}
	if left, _ := lmo.Outbox(ctx, 0); len(left) != 0 {
		t.Errorf("outbox after the push: got %d pending, want 0", len(left))
	}
	if hist, _ := e.sstore.History(ctx, server.HistoryFilter{}); len(hist) != 2 {
		t.Errorf("server decisions: got %d, want 2", len(hist))
	}
}

// A claim whose answer is lost on every try (or whose app dies before it
// saves the stories) is repeated with the same request id in a later
// round, even by a new app on the same local database, and brings back
// the stories the server leased then; before, the later round claimed
// other stories and the first ones stayed locked for the whole lease.
func TestPullLostOnEveryTryIsRepeatedLater(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 30, phoneBody)
	s, ls, _ := e.moderator(t, "mo")
	e.loseAnswers("/api/v1/claims")
	if n, err := s.Pull(ctx); err == nil || n != 0 {
		t.Fatalf("Pull with every answer lost = %d, %v; want an error", n, err)
	}
	e.fail.Store(nil)
	again := &storysync.Syncer{Client: s.Client, Store: ls, ClaimMax: 10} // the app started again
	if n, err := again.Pull(ctx); n != 10 || err != nil {
		t.Fatalf("next Pull = %d, %v; want 10", n, err)
	}
	if v, _ := ls.State(ctx, storysync.StateClaim); v != "" {
		t.Errorf("state %s after the stories were saved: %q, want empty", storysync.StateClaim, v)
	}
	other, _, _ := e.moderator(t, "max")
	other.ClaimMax = 100
	if got, _ := other.Pull(ctx); got != 20 {
		t.Errorf("stories left for others: got %d, want 20 (none stuck on the lost claim)", got)
	}
	// the next claim is a new one
	if n, err := again.Pull(ctx); n != 0 || err != nil {
		t.Errorf("Pull with nothing left = %d, %v; want 0", n, err)
	}
}

// A lost claim repeated after its lease expired gets a fresh lease, not
// the expired one (whose decisions would come back "lease not held").
func TestPullRepeatedAfterLeaseExpiryTakesNewLeases(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 5, phoneBody)
	s, ls, _ := e.moderator(t, "mo")
	e.loseAnswers("/api/v1/claims")
	s.Pull(ctx)
	e.fail.Store(nil)
	e.advance(2 * time.Hour)
	if n, err := s.Pull(ctx); n != 5 || err != nil {
		t.Fatalf("Pull after the lease expired = %d, %v; want 5", n, err)
	}
	other, _, _ := e.moderator(t, "max")
	if n, err := other.Pull(ctx); n != 0 || err != nil {
		t.Errorf("another moderator's Pull = %d, %v; want 0 (the stories are leased to mo again)", n, err)
	}
	decideAll(t, ls, pulledIDs(t, s))
	if rep, err := s.Push(ctx); rep != (storysync.PushReport{Accepted: 5}) || err != nil {
		t.Errorf("Push = %+v, %v; want 5 accepted", rep, err)
	}
}

// A decision whose push got no answer may have been applied on the server,
// so Undo refuses it until the next push has the answer; before, Undo took
// it back locally while the server kept (and might publish) it.
func TestUndoAfterPushWithoutAnswerRefused(t *testing.T) {
	ctx := context.Background()
	e, s, ls, _ := oneDecided(t)
	e.loseAnswers("/api/v1/decisions")
	if _, err := s.Push(ctx); !errors.Is(err, storysync.ErrNoAnswer) || moderation.ErrorCode(err) != moderation.EUNAVAILABLE {
		t.Fatalf("Push with every answer lost = %v; want EUNAVAILABLE with ErrNoAnswer", err)
	}
	if _, err := ls.Undo(ctx); moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Fatalf("Undo after a push without answer = %v; want ECONFLICT", err)
	}
	e.fail.Store(nil)
	if rep, err := s.Push(ctx); rep != (storysync.PushReport{Duplicate: 1}) || err != nil {
		t.Errorf("next Push = %+v, %v; want 1 duplicate (it was applied)", rep, err)
	}
}

// A push that never reached the server (it was down) leaves Undo free.
func TestUndoAfterPushServerDown(t *testing.T) {
	ctx := context.Background()
	e, s, ls, ids := oneDecided(t)
	e.srv.Close()
	if _, err := s.Push(ctx); moderation.ErrorCode(err) != moderation.EUNAVAILABLE || errors.Is(err, storysync.ErrNoAnswer) {
		t.Fatalf("Push with the server down = %v; want EUNAVAILABLE without ErrNoAnswer", err)
	}
	if id, err := ls.Undo(ctx); err != nil || id != ids[0] {
		t.Errorf("Undo = %q, %v; want %s", id, err, ids[0])
	}
}

// While another process syncs the same local database, a sync step is
// refused at once and changes nothing, here or on the server.
func TestSyncRefusedWhileAnotherSyncs(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 3, phoneBody)
	s, ls, _ := e.moderator(t, "mo")
	unlock, err := ls.LockSync() // the other process
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Pull(ctx); n != 0 || moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Fatalf("Pull while another syncs = %d, %v; want ECONFLICT", n, err)
	}
	if _, err := s.Push(ctx); moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Errorf("Push while another syncs = %v; want ECONFLICT", err)
	}
	other, _, _ := e.moderator(t, "max")
	if n, _ := other.Pull(ctx); n != 3 {
		t.Errorf("stories left for others = %d, want 3 (nothing claimed)", n)
	}
	unlock()
	if _, err := s.Round(ctx); err != nil {
		t.Errorf("Round once the other has finished: %v", err)
	}
}

// loseAnswers makes the server act on every request to path but drop the
// connection before answering (until e.fail is cleared).
func (e *env) loseAnswers(path string) {
	f := func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != path {
			return false
		}
		e.h.ServeHTTP(httptest.NewRecorder(), r)
		panic(http.ErrAbortHandler)
	}
	e.fail.Store(&f)
}

// oneDecided is a server with one story, claimed by moderator mo and
// decided locally, not pushed yet.
func oneDecided(t *testing.T) (*env, *storysync.Syncer, *sqlite.Store, []moderation.StoryID) {
	t.Helper()
	e := newEnv(t, time.Hour)
	e.ingest(t, 1, phoneBody)
	s, ls, _ := e.moderator(t, "mo")
	if _, err := s.Pull(context.Background()); err != nil {
		t.Fatal(err)
	}
	ids := pulledIDs(t, s)
	decideAll(t, ls, ids)
	return e, s, ls, ids
}
