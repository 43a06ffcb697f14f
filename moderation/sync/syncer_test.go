package storysync_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/server"
	"github.com/storydesk/storydesk/moderation/sqlite"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

var _ storysync.LocalStore = (*sqlite.Store)(nil)

// env is a real server handler on httptest with a real server store, and
// moderators with their own real local stores.
type env struct {
	srv    *httptest.Server
	h      http.Handler // the server's handler, for fail
	sstore *server.SQLiteStore
	admin  string
	now    atomic.Pointer[time.Time]
	// fail, if set, may answer a request instead of the server
	fail atomic.Pointer[func(w http.ResponseWriter, r *http.Request) bool]
}

func newEnv(t testing.TB, lease time.Duration) *env {
	t.Helper()
	ctx := context.Background()
	ss, err := server.OpenSQLite(ctx, filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	e := &env{sstore: ss}
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	e.now.Store(&start)
	e.h = server.New(ss, server.Options{Lease: lease, Now: func() time.Time { return *e.now.Load() }})
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f := e.fail.Load(); f != nil && (*f)(w, r) {
			return
		}
		e.h.ServeHTTP(w, r)
	}))
	t.Cleanup(e.srv.Close)
	e.admin = e.user(t, "admin", server.RoleAdmin)
	return e
}

func (e *env) advance(d time.Duration) {
	n := e.now.Load().Add(d)
	e.now.Store(&n)
}

func (e *env) user(t testing.TB, name string, role server.Role) string {
	t.Helper()
	tok, err := server.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sstore.AddUser(context.Background(), server.User{Name: name, Role: role}, server.HashToken(tok)); err != nil {
		t.Fatal(err)
	}
	return tok
}

func (e *env) ingest(t testing.TB, n int, body string) {
	t.Helper()
	c := storysync.NewClient(e.srv.URL, e.admin)
	var batch []storysync.Story
	for i := range n {
		batch = append(batch, storysync.Story{ID: fmt.Sprintf("s%05d", i), Title: "A visit", Body: body})
		if len(batch) == 1000 || i == n-1 {
			if _, err := c.AddStories(context.Background(), batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

type sleeps struct{ got []time.Duration }

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.got = append(s.got, d)
	return ctx.Err()
}

// moderator returns a syncer for a new moderator with its own local store.
func (e *env) moderator(t testing.TB, name string) (*storysync.Syncer, *sqlite.Store, *sleeps) {
	t.Helper()
	tok := e.user(t, name, server.RoleModerator)
	ls, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), name+".db"), sqlite.Options{Moderator: name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ls.Close() })
	sl := &sleeps{}
	c := storysync.NewClient(e.srv.URL, tok)
	c.Backoff = storysync.Backoff{Attempts: 3, Sleep: sl.sleep, Rand: func() float64 { return 0.5 }}
	return &storysync.Syncer{Client: c, Store: ls, ClaimMax: 10}, ls, sl
}

const phoneBody = "Zoë rang 07700 900184 about Dad 👍🏽 today."

// decideAll records a decision locally for every pending local story:
// the phone number redacted (byte offsets, converted at the wire).
func decideAll(t testing.TB, ls *sqlite.Store, ids []moderation.StoryID) {
	t.Helper()
	ctx := context.Background()
	for i, id := range ids {
		st, err := ls.Story(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		start := len("Zoë rang ")
		end := start + len("07700 900184")
		spans := []moderation.Span{{Start: start, End: end, Kind: moderation.Phone, Redact: true}}
		pub, _ := moderation.Redact(st.Body, spans)
		d := moderation.Decision{ID: fmt.Sprintf("%s-d%d", id, i), StoryID: id, Action: moderation.PublishWithChanges,
			Reason: moderation.ReasonPersonalDetails, Redactions: moderation.Redactions(spans), PublishedTitle: st.Title, PublishedBody: pub}
		if err := ls.Decide(ctx, d); err != nil {
			t.Fatalf("local Decide %s: %v", id, err)
		}
	}
}

func storyIDs(ss []moderation.QueueItem) []moderation.StoryID {
	var out []moderation.StoryID
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func pulledIDs(t testing.TB, s *storysync.Syncer) []moderation.StoryID {
	t.Helper()
	m, err := s.Leases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []moderation.StoryID
	for id := range m {
		out = append(out, moderation.StoryID(id))
	}
	slices.Sort(out)
	return out
}

func TestPullPushAccepted(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 25, phoneBody)
	s, ls, _ := e.moderator(t, "mo")
	var progress [][2]int
	s.Progress = func(done, total int) { progress = append(progress, [2]int{done, total}) }
	s.Batch = 4
	n, err := s.Pull(ctx)
	if err != nil || n != 10 {
		t.Fatalf("Pull = %d, %v; want 10", n, err)
	}
	ids := pulledIDs(t, s)
	st, err := ls.Story(ctx, ids[0])
	if err != nil || st.LeaseID == "" || st.Version != 1 || st.Body != phoneBody {
		t.Fatalf("local story after pull: %+v, %v; want lease, version 1, the body", st, err)
	}
	decideAll(t, ls, ids)
	rep, err := s.Push(ctx)
	if err != nil {
		t.Fatalf("Push: %v", err)
	}
	if rep != (storysync.PushReport{Accepted: 10}) {
		t.Errorf("Push = %+v; want 10 accepted", rep)
	}
	if want := [][2]int{{0, 10}, {4, 10}, {8, 10}, {10, 10}}; !slices.Equal(progress, want) {
		t.Errorf("progress: got %v, want %v", progress, want)
	}
	if left, _ := ls.Outbox(ctx, 0); len(left) != 0 {
		t.Errorf("outbox after push: got %d pending, want 0", len(left))
	}
	if m, _ := s.Leases(ctx); len(m) != 0 {
		t.Errorf("leases after push: got %d, want 0", len(m))
	}
	det, err := e.sstore.Story(ctx, string(ids[0]))
	if err != nil || len(det.Decisions) != 1 {
		t.Fatalf("server story: %v, %v", det, err)
	}
	// code points on the wire: "Zoë rang " is 9 code points, 10 bytes
	if r := det.Decisions[0].Redactions; len(r) != 1 || r[0].Start != 9 || r[0].End != 21 || r[0].Kind != "PHONE" {
		t.Errorf("stored redaction: got %+v, want PHONE 9..21", r)
	}
	if det.Decisions[0].Moderator != "mo" {
		t.Errorf("stored moderator: got %q, want mo", det.Decisions[0].Moderator)
	}
}

func TestPushLostAnswerIsDuplicate(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 3, phoneBody)
	s, ls, sl := e.moderator(t, "mo")
	if _, err := s.Pull(ctx); err != nil {
		t.Fatal(err)
	}
	decideAll(t, ls, pulledIDs(t, s))
	// the server applies the first push but the answer never arrives
	var calls atomic.Int32
	f := func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/api/v1/decisions" || calls.Add(1) > 1 {
			return false
		}
		rec := httptest.NewRecorder()
		server.New(e.sstore, server.Options{}).ServeHTTP(rec, r)
		panic(http.ErrAbortHandler) // drop the connection
	}
	e.fail.Store(&f)
	rep, err := s.Push(ctx)
	if err != nil {
		t.Fatalf("Push: %v", err)
	}
	if rep != (storysync.PushReport{Duplicate: 3}) || len(sl.got) != 1 {
		t.Errorf("Push = %+v after %d retries; want 3 duplicates after 1", rep, len(sl.got))
	}
	hist, _ := e.sstore.History(ctx, server.HistoryFilter{})
	if len(hist) != 3 {
		t.Errorf("decisions stored: got %d, want 3 (exactly once each)", len(hist))
	}
}

func TestPushNetworkDown(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 4, phoneBody)
	s, ls, sl := e.moderator(t, "mo")
	if _, err := s.Pull(ctx); err != nil {
		t.Fatal(err)
	}
	decideAll(t, ls, pulledIDs(t, s))
	e.srv.Close()
	_, err := s.Push(ctx)
	if got := moderation.ErrorCode(err); got != moderation.EUNAVAILABLE {
		t.Fatalf("Push with the server down: code %s (%v); want EUNAVAILABLE", got, err)
	}
	// 3 attempts: two waits of full jitter (Rand 0.5) on 200 ms, 400 ms
	if want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}; !slices.Equal(sl.got, want) {
		t.Errorf("backoff waits: got %v, want %v", sl.got, want)
	}
	left, _ := ls.Outbox(ctx, 0)
	if len(left) != 4 || left[0].Attempts != 1 || left[0].LastError != moderation.EUNAVAILABLE {
		t.Errorf("outbox after failure: %d entries, attempts %d, error %q; want 4, 1, EUNAVAILABLE", len(left), left[0].Attempts, left[0].LastError)
	}
	if _, err := s.Pull(ctx); moderation.ErrorCode(err) != moderation.EUNAVAILABLE {
		t.Errorf("Pull with the server down: got %v, want EUNAVAILABLE", err)
	}
}

func TestPushRetries5xx(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 2, phoneBody)
	s, ls, sl := e.moderator(t, "mo")
	s.Pull(ctx)
	decideAll(t, ls, pulledIDs(t, s))
	var calls atomic.Int32
	f := func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/api/v1/decisions" && calls.Add(1) <= 2 {
			http.Error(w, `{"error":{"code":"EUNAVAILABLE","message":"busy"}}`, http.StatusServiceUnavailable)
			return true
		}
		return false
	}
	e.fail.Store(&f)
	rep, err := s.Push(ctx)
	if err != nil || rep.Accepted != 2 || len(sl.got) != 2 {
		t.Errorf("Push = %+v, %v after %d waits; want 2 accepted after 2", rep, err, len(sl.got))
	}
}

func TestConflictIsKept(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 2, phoneBody)
	s1, ls1, _ := e.moderator(t, "mo")
	s2, _, _ := e.moderator(t, "max")
	if n, _ := s1.Pull(ctx); n != 2 {
		t.Fatalf("pull: %d", n)
	}
	decideAll(t, ls1, pulledIDs(t, s1))
	e.advance(2 * time.Hour) // mo's leases expire, max takes the stories
	if n, _ := s2.Pull(ctx); n != 2 {
		t.Fatalf("second pull: got %d, want 2", n)
	}
	rep, err := s1.Push(ctx)
	if err != nil || rep.Conflict != 2 {
		t.Fatalf("Push = %+v, %v; want 2 conflicts", rep, err)
	}
	cs, err := ls1.Conflicts(ctx)
	if err != nil || len(cs) != 2 {
		t.Fatalf("local conflicts: %d, %v; want 2", len(cs), err)
	}
	st, err := storysync.ParseServerState(cs[0].ServerState)
	if err != nil || st.LeaseHolder != "max" || st.Status != "pending" {
		t.Errorf("kept server state: %+v, %v; want held by max, pending", st, err)
	}
	if left, _ := ls1.Outbox(ctx, 0); len(left) != 0 {
		t.Errorf("pending after conflict: got %d, want 0", len(left))
	}
}

func TestRefusedDecisionStaysPending(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 3, phoneBody)
	s, ls, _ := e.moderator(t, "mo")
	s.Pull(ctx)
	ids := pulledIDs(t, s)
	decideAll(t, ls, ids[:2])
	// an override from a moderator: the server refuses the item (403)
	bad := moderation.Decision{ID: "over", StoryID: ids[0], Action: moderation.Reject, Reason: moderation.ReasonCommercial,
		Note: "advert", Supersedes: string(ids[0]) + "-d0"}
	if err := ls.Decide(ctx, bad); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Push(ctx)
	if err != nil || rep.Accepted != 2 || rep.Failed != 1 {
		t.Fatalf("Push = %+v, %v; want 2 accepted, 1 failed", rep, err)
	}
	left, _ := ls.Outbox(ctx, 0)
	if len(left) != 1 || left[0].Decision.ID != "over" || left[0].LastError != "EFORBIDDEN [2].supersedes" {
		t.Errorf("outbox: %+v; want the override pending with EFORBIDDEN [2].supersedes", left)
	}
}

// A batch the server refuses whole, naming no item (here: larger than
// its body limit), is sent again in halves: the decisions that fit are
// accepted, and one too large on its own stays pending with the reason.
func TestPushSplitsBatchRefusedWhole(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	long := phoneBody + strings.Repeat(" The ward was calm and the tea was hot.", 50) // about 2 kB
	e.ingest(t, 5, long)
	s, ls, _ := e.moderator(t, "mo")
	if _, err := s.Pull(ctx); err != nil {
		t.Fatal(err)
	}
	ids := pulledIDs(t, s)
	decideAll(t, ls, ids)
	// the first story's decision carries a long note: alone over the limit
	first, err := ls.Outbox(ctx, 0)
	if err != nil || len(first) != 5 {
		t.Fatalf("outbox: %d entries, %v", len(first), err)
	}
	if _, err := ls.Undo(ctx); err != nil { // the last decision, decided again below with a note
		t.Fatal(err)
	}
	st, err := ls.Story(ctx, ids[4])
	if err != nil {
		t.Fatal(err)
	}
	big := moderation.Decision{ID: "big", StoryID: ids[4], Action: moderation.Reject, Reason: moderation.ReasonCommercial,
		Note: strings.Repeat("n", moderation.MaxNote), PublishedTitle: st.Title}
	if err := ls.Decide(ctx, big); err != nil {
		t.Fatal(err)
	}
	const limit = 4000 // one decision of the long story fits (about 2.4 kB), two do not, nor the one with the note (4.2 kB)
	var requests atomic.Int32
	fail := func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/decisions") {
			return false
		}
		requests.Add(1)
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		e.h.ServeHTTP(w, r)
		return true
	}
	e.fail.Store(&fail)
	rep, err := s.Push(ctx)
	if err != nil || rep.Accepted != 4 || rep.Failed != 1 {
		t.Fatalf("Push = %+v, %v; want 4 accepted, 1 failed", rep, err)
	}
	left, _ := ls.Outbox(ctx, 0)
	if len(left) != 1 || left[0].Decision.ID != "big" || left[0].LastError != "EINVALID body" {
		t.Errorf("outbox: %+v; want the long decision pending with EINVALID body", left)
	}
	if n := requests.Load(); n > 9 {
		t.Errorf("%d requests; halving 5 decisions down to one needs at most 9", n)
	}
}

func TestRenewAndRelease(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 5, phoneBody)
	s, _, _ := e.moderator(t, "mo")
	s.ClaimMax = 3
	s.Pull(ctx)
	ids := pulledIDs(t, s)
	e.advance(50 * time.Minute)
	renewed, lost, err := s.Renew(ctx)
	if err != nil || renewed != 3 || lost != 0 {
		t.Fatalf("Renew = %d, %d, %v; want 3, 0", renewed, lost, err)
	}
	e.advance(50 * time.Minute) // past the first expiry, within the renewed one
	other, _, _ := e.moderator(t, "max")
	other.ClaimMax = 10
	if n, _ := other.Pull(ctx); n != 2 {
		t.Errorf("other pull while renewed: got %d, want 2", n)
	}
	if n, err := s.Release(ctx, ids[:1]); n != 1 || err != nil {
		t.Errorf("Release = %d, %v; want 1", n, err)
	}
	if n, _ := other.Pull(ctx); n != 1 {
		t.Errorf("other pull after release: got %d, want 1", n)
	}
	if left := pulledIDs(t, s); !slices.Equal(left, ids[1:]) {
		t.Errorf("leases kept: got %v, want %v", left, ids[1:])
	}
	e.advance(3 * time.Hour)
	other.Pull(ctx) // takes mo's expired leases
	renewed, lost, err = s.Renew(ctx)
	if err != nil || renewed != 0 || lost != 2 {
		t.Errorf("Renew after loss = %d, %d, %v; want 0, 2", renewed, lost, err)
	}
}

func TestBackoffDelay(t *testing.T) {
	b := storysync.Backoff{Base: 100 * time.Millisecond, Max: time.Second, Rand: func() float64 { return 0.999 }}
	tests := []struct {
		n    int
		want time.Duration
	}{{0, 99900 * time.Microsecond}, {1, 199800 * time.Microsecond}, {3, 799200 * time.Microsecond}, {4, 999 * time.Millisecond}, {60, 999 * time.Millisecond}}
	for _, tt := range tests {
		if got := b.Delay(tt.n); got != tt.want {
			t.Errorf("Delay(%d) = %v; want %v", tt.n, got, tt.want)
		}
	}
}

func TestAuthErrorsAreNotRetried(t *testing.T) {
	e := newEnv(t, time.Hour)
	sl := &sleeps{}
	c := storysync.NewClient(e.srv.URL, "sdk_bad")
	c.Backoff.Sleep = sl.sleep
	_, err := c.Renew(context.Background(), []string{"x"})
	var ae *storysync.APIError
	if !errors.As(err, &ae) || ae.Status != 401 || moderation.ErrorCode(err) != moderation.EUNAUTHORIZED || len(sl.got) != 0 {
		t.Errorf("bad token: %v after %d waits; want 401 EUNAUTHORIZED, no retry", err, len(sl.got))
	}
}

func TestClientRefusalsAreNotRetried(t *testing.T) {
	tests := []struct{ name, url, token string }{
		{"bad URL", "http://[::1", "tok"},
		{"token with a line break", "http://127.0.0.1:1", "tok\nX-Evil: 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sl := &sleeps{}
			c := storysync.NewClient(tt.url, tt.token)
			c.Backoff.Sleep = sl.sleep
			_, err := c.Renew(context.Background(), []string{"x"})
			if moderation.ErrorCode(err) != moderation.EINVALID || len(sl.got) != 0 {
				t.Errorf("got %v after %d waits; want EINVALID, no retry", err, len(sl.got))
			}
		})
	}
}

func TestPullLostAnswerIsReplayed(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, time.Hour)
	e.ingest(t, 30, phoneBody)
	s, ls, sl := e.moderator(t, "mo")
	// the server leases the stories but the answer never arrives
	var calls atomic.Int32
	f := func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/api/v1/claims" || calls.Add(1) > 1 {
			return false
		}
		server.New(e.sstore, server.Options{Now: func() time.Time { return *e.now.Load() }}).ServeHTTP(httptest.NewRecorder(), r)
		panic(http.ErrAbortHandler)
	}
	e.fail.Store(&f)
	n, err := s.Pull(ctx)
	if err != nil || n != 10 || len(sl.got) != 1 {
		t.Fatalf("Pull = %d, %v after %d retries; want 10 after 1", n, err, len(sl.got))
	}
	for _, id := range pulledIDs(t, s) {
		if _, err := ls.Story(ctx, id); err != nil {
			t.Errorf("local story %s: %v", id, err)
		}
	}
	other, _, _ := e.moderator(t, "max")
	other.ClaimMax = 100
	if got, _ := other.Pull(ctx); got != 20 {
		t.Errorf("stories left for others: got %d, want 20 (none stuck on the lost claim)", got)
	}
}
