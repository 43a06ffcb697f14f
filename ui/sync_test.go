package ui

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/server"
	"github.com/storydesk/storydesk/moderation/sqlite"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// queueSyncer adapts the real storysync.Syncer, as cmd/storydesk does.
type queueSyncer struct{ s *storysync.Syncer }

func (q queueSyncer) Configured() bool { return q.s != nil }
func (q queueSyncer) LastSync(ctx context.Context) time.Time {
	if q.s == nil {
		return time.Time{}
	}
	v, _ := q.s.Store.State(ctx, sqlite.StateLastSync)
	t, _ := time.Parse(time.RFC3339, v)
	return t
}
func (q queueSyncer) Sync(ctx context.Context, progress func(string, int, int)) (SyncReport, error) {
	q.s.Progress = func(done, total int) { progress("push", done, total) }
	r, err := q.s.Round(ctx)
	if err == nil {
		_ = q.s.Store.SetState(ctx, sqlite.StateLastSync, testNow.Format(time.RFC3339))
	}
	return SyncReport{Accepted: r.Push.Accepted, Duplicate: r.Push.Duplicate, Conflicts: r.Push.Conflict,
		Refused: r.Push.Failed, Claimed: r.Claimed, Lost: r.Lost}, err
}

// localConflicts adapts the local store's conflicts, as cmd/storydesk does.
type localConflicts struct{ s *sqlite.Store }

func (c localConflicts) Conflicts(ctx context.Context) ([]Conflict, error) {
	es, err := c.s.Conflicts(ctx)
	if err != nil {
		return nil, err
	}
	var out []Conflict
	for _, e := range es {
		uc := Conflict{DecisionID: e.Decision.ID, StoryID: e.Decision.StoryID, Action: e.Decision.Action, DecidedAt: e.Decision.DecidedAt}
		if st, err := storysync.ParseServerState(e.ServerState); err == nil {
			uc.ServerReason, uc.ServerStatus, uc.LeaseHolder = st.Reason, st.Status, st.LeaseHolder
			if st.LeaseExpiresAt != nil {
				uc.LeaseExpiresAt = *st.LeaseExpiresAt
			}
		}
		out = append(out, uc)
	}
	return out, nil
}

func (c localConflicts) AcknowledgeConflict(ctx context.Context, id string) error {
	return c.s.AcknowledgeConflict(ctx, id)
}

// lockedBuffer collects EVENT lines written from the sync goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// queueEnv is the real queue server handler on httptest with its own
// SQLite store and a clock the test moves; down makes it answer 503.
type queueEnv struct {
	srv   *httptest.Server
	ss    *server.SQLiteStore
	admin string
	now   atomic.Pointer[time.Time]
	down  atomic.Bool
}

func newQueueEnv(t *testing.T) *queueEnv {
	t.Helper()
	ctx := context.Background()
	ss, err := server.OpenSQLite(ctx, filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	e := &queueEnv{ss: ss}
	start := testNow
	e.now.Store(&start)
	h := server.New(ss, server.Options{Lease: time.Hour, Now: func() time.Time { return *e.now.Load() }})
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e.down.Load() {
			http.Error(w, `{"error":{"code":"EUNAVAILABLE","message":"down for the test"}}`, http.StatusServiceUnavailable)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(e.srv.Close)
	e.admin = e.user(t, "admin", server.RoleAdmin)
	return e
}

func (e *queueEnv) user(t *testing.T, name string, role server.Role) string {
	t.Helper()
	tok, err := server.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.ss.AddUser(context.Background(), server.User{Name: name, Role: role}, server.HashToken(tok)); err != nil {
		t.Fatal(err)
	}
	return tok
}

// syncer is a moderator's real local store and syncer (no retries: the
// test's server answers at once).
func (e *queueEnv) syncer(t *testing.T, name string) (*storysync.Syncer, *sqlite.Store) {
	t.Helper()
	ls, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), name+".db"), sqlite.Options{Moderator: name,
		Now: func() time.Time { return *e.now.Load() }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ls.Close() })
	c := storysync.NewClient(e.srv.URL, e.user(t, name, server.RoleModerator))
	c.Backoff = storysync.Backoff{Attempts: 1}
	return &storysync.Syncer{Client: c, Store: ls}, ls
}

func newSyncHarness(t *testing.T, e *queueEnv, s *storysync.Syncer, ls *sqlite.Store, events *lockedBuffer) *harness {
	t.Helper()
	test.NewTempApp(t)
	h := &harness{t: t, store: ls}
	h.win = test.NewTempWindow(t, widget.NewLabel(""))
	h.win.Resize(fyne.NewSize(1280, 800))
	h.w = New(context.Background(), h.win, Config{Store: sqliteStore{ls}, Moderator: "mo", Now: func() time.Time { return *e.now.Load() },
		NewID: func() string { h.ids++; return fmt.Sprintf("dec-%d", h.ids) }, Events: events,
		Sync: queueSyncer{s}, Conflicts: localConflicts{ls}})
	return h
}

func ingest(t *testing.T, e *queueEnv, n int) {
	t.Helper()
	var stories []storysync.Story
	for i := range n {
		stories = append(stories, storysync.Story{ID: fmt.Sprintf("q%02d", i), Title: fmt.Sprintf("Visit %d", i),
			Body: "The clinic ran on time and the staff explained everything."})
	}
	if _, err := storysync.NewClient(e.srv.URL, e.admin).AddStories(context.Background(), stories); err != nil {
		t.Fatal(err)
	}
}

// TestSyncStatus: the status bar goes from "Not synced yet" to online
// with the pulled stories, counts unpushed decisions, shows a progress bar
// while pushing many, and says offline (nothing lost) when the server is down.
func TestSyncStatus(t *testing.T) {
	e := newQueueEnv(t)
	ingest(t, e, 12)
	s, ls := e.syncer(t, "mo")
	events := &lockedBuffer{}
	h := newSyncHarness(t, e, s, ls, events)
	sync := h.w.StatusBar().sync
	if sync.Text != "Not synced yet" {
		t.Errorf("before sync: got %q, want %q", sync.Text, "Not synced yet")
	}
	<-h.w.SyncNow()
	want := "Online · synced " + testNow.Local().Format("15:04")
	if sync.Text != want {
		t.Errorf("after sync: got %q, want %q (message %q)", sync.Text, want, h.w.StatusBar().Message())
	}
	if !strings.Contains(h.w.StatusBar().Counts(), "Pending 12") || h.w.Current() == "" {
		t.Errorf("after pull: counts %q, open %q; want 12 pending and one open", h.w.StatusBar().Counts(), h.w.Current())
	}
	for range 12 {
		h.typeKeys("a")
	}
	if got := h.w.StatusBar().Counts(); !strings.Contains(got, "Unpushed 12") {
		t.Errorf("after 12 approvals: counts %q, want Unpushed 12", got)
	}

	e.down.Store(true)
	<-h.w.SyncNow()
	if !strings.HasPrefix(sync.Text, "Offline · last sync") {
		t.Errorf("server down: got %q, want Offline · last sync …", sync.Text)
	}
	if got := h.w.StatusBar().Counts(); !strings.Contains(got, "Unpushed 12") {
		t.Errorf("server down: counts %q, want Unpushed 12 kept", got)
	}
	if !strings.Contains(h.w.StatusBar().Message(), "nothing is lost") {
		t.Errorf("server down: message %q", h.w.StatusBar().Message())
	}

	e.down.Store(false)
	<-h.w.SyncNow()
	if got := h.w.StatusBar().Counts(); !strings.Contains(got, "Unpushed 0") || !strings.HasPrefix(sync.Text, "Online") {
		t.Errorf("back online: counts %q, status %q; want Unpushed 0, Online", got, sync.Text)
	}
	if !strings.Contains(events.String(), "EVENT sync-progress stage=push done=12 total=12") {
		t.Errorf("no progress shown for a push of 12:\n%s", events.String())
	}
	if h.w.net.bar.Visible() {
		t.Error("progress bar still shown after the sync")
	}
	// after a restart the status shows when the last sync was
	w2 := New(context.Background(), test.NewTempWindow(t, widget.NewLabel("")), Config{Store: sqliteStore{ls}, Now: func() time.Time { return testNow },
		Sync: queueSyncer{s}})
	if got, want := w2.StatusBar().sync.Text, "Last sync "+testNow.Local().Format("15:04"); got != want {
		t.Errorf("after restart: got %q, want %q", got, want)
	}
}

// TestSyncLocalOnly: without a server the status says "Local only" and
// Sync now is disabled.
func TestSyncLocalOnly(t *testing.T) {
	h := newHarness(t)
	if h.w.net != nil {
		t.Fatal("sync widgets without a syncer")
	}
	st := h.store
	win := test.NewTempWindow(t, widget.NewLabel(""))
	w := New(context.Background(), win, Config{Store: sqliteStore{st}, Sync: queueSyncer{}})
	<-w.SyncNow()
	if got := w.StatusBar().sync.Text; got != "Local only" || !w.net.now.Disabled() {
		t.Errorf("status %q, Sync now disabled %v; want Local only, disabled", got, w.net.now.Disabled())
	}
}

// TestConflictsView: a decision pushed after the lease went to someone
// else comes back as a conflict; the view explains it with the server's
// state, and marking it read clears it.
func TestConflictsView(t *testing.T) {
	e := newQueueEnv(t)
	ingest(t, e, 2)
	s, ls := e.syncer(t, "mo")
	h := newSyncHarness(t, e, s, ls, &lockedBuffer{})
	<-h.w.SyncNow()
	h.typeKeys("a") // approve the first story offline
	e.now.Store(ptr(testNow.Add(2 * time.Hour)))
	other, _ := e.syncer(t, "max")
	if n, err := other.Pull(context.Background()); err != nil || n != 2 {
		t.Fatalf("max's pull: %d, %v; want 2", n, err)
	}
	<-h.w.SyncNow()
	if !h.w.net.conflicts.Visible() || h.w.net.conflicts.Text != "Conflicts (1)" {
		t.Fatalf("Conflicts button: visible %v, %q; want Conflicts (1)", h.w.net.conflicts.Visible(), h.w.net.conflicts.Text)
	}
	if !strings.Contains(h.w.StatusBar().Message(), "1 conflict") {
		t.Errorf("message: got %q, want the conflict mentioned", h.w.StatusBar().Message())
	}
	test.Tap(h.w.net.conflicts)
	list := h.w.net.conflictList
	if list == nil || len(list.Objects) != 1 {
		t.Fatalf("conflicts view: want one card, got %v", list)
	}
	text := cardText(list.Objects[0])
	for _, want := range []string{"“Visit 0” (q00)", "Your decision: Approve", "lease not held", "held by max", "pending"} {
		if !strings.Contains(text, want) {
			t.Errorf("card text %q: want %q", text, want)
		}
	}
	tapButton(t, list.Objects[0], "Mark as read")
	if h.w.net.conflicts.Visible() {
		t.Error("Conflicts button still shown after marking the conflict read")
	}
	if cs, _ := ls.Conflicts(context.Background()); len(cs) != 0 {
		t.Errorf("store conflicts after marking read: got %d, want 0", len(cs))
	}
}

func ptr[T any](v T) *T { return &v }

// cardText joins the labels of a conflict card.
func cardText(o fyne.CanvasObject) string {
	var parts []string
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			parts = append(parts, l.Text)
		}
	})
	return strings.Join(parts, "\n")
}

func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var b *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if bb, ok := o.(*widget.Button); ok && bb.Text == text {
			b = bb
		}
	})
	if b == nil {
		t.Fatalf("no %q button", text)
	}
	test.Tap(b)
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, ch := range c.Objects {
			walk(ch, f)
		}
	}
}

// TestConflictText: each kind of server state reads as a sentence.
func TestConflictText(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)
	tests := []struct {
		name string
		c    Conflict
		want []string
	}{
		{"lease taken", Conflict{Action: moderation.Publish, DecidedAt: at, ServerReason: "lease not held", ServerStatus: "pending",
			ServerVersion: 1, LeaseHolder: "max", LeaseExpiresAt: at.Add(time.Hour)},
			[]string{"Your decision: Approve, 25 Nov 09:00.", "Why it was not applied: lease not held.", "the story is pending (version 1), held by max until 25 Nov 10:00."}},
		{"lease run out", Conflict{Action: moderation.Publish, ServerStatus: "pending", LeaseHolder: "max", LeaseExpiresAt: at.Add(-time.Hour)},
			[]string{"held by max until 25 Nov 08:00 (run out since)", "the server gave no reason"}},
		{"decided elsewhere", Conflict{Action: moderation.Reject, Reason: "commercial", ServerReason: "story already decided", ServerStatus: "decided",
			LatestAction: moderation.PublishWithChanges, LatestReason: "personal_details", LatestModerator: "max", LatestAt: at},
			[]string{"Your decision: Reject (Commercial).", "latest decision: Approve with redactions (Personal details) by max, 25 Nov 09:00."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ConflictText(tt.c, at)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("ConflictText = %q; want it to contain %q", got, w)
				}
			}
		})
	}
}

// TestStatusBarRoomAt1280: with every status widget present (sync, the
// app's Supervisor… and Training… buttons) the message still gets the
// whole width at 1280×800, so a sync summary is readable, and the counts
// are not cut.
func TestStatusBarRoomAt1280(t *testing.T) {
	e := newQueueEnv(t)
	ingest(t, e, 3)
	s, ls := e.syncer(t, "mo")
	test.NewTempApp(t)
	win := test.NewTempWindow(t, widget.NewLabel(""))
	win.Resize(fyne.NewSize(1280, 800))
	w := New(context.Background(), win, Config{Store: sqliteStore{ls}, Moderator: "mo", Now: func() time.Time { return *e.now.Load() },
		Sync: queueSyncer{s}, Conflicts: localConflicts{ls},
		Extra: []fyne.CanvasObject{widget.NewButton("Supervisor…", nil), widget.NewButton("Training…", nil)}})
	<-w.SyncNow()
	// lay out again with the texts set, as the GL driver does each frame
	win.Resize(fyne.NewSize(1200, 800))
	win.Resize(fyne.NewSize(1280, 800))
	sb := w.StatusBar()
	msg := sb.Message()
	if !strings.HasPrefix(msg, "Synced") {
		t.Fatalf("message = %q; want the sync summary", msg)
	}
	need := fyne.MeasureText(msg, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	if got := sb.message.Size().Width; got < need || got < 1000 {
		t.Errorf("message width = %.0f px; want at least %.0f (the whole %q) and most of the window", got, need, msg)
	}
	if got, want := sb.counts.Size().Width, sb.counts.MinSize().Width; got < want {
		t.Errorf("counts width = %.0f px; want %.0f (%q uncut)", got, want, sb.Counts())
	}
}
