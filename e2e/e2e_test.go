// Package e2e runs the real storydesk-server and storydesk binaries
// against each other on 127.0.0.1: claims, offline pushes, a server killed
// mid-push, lease conflicts, auth and import.
package e2e

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/server"
	"github.com/storydesk/storydesk/moderation/sqlite"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

var serverBin, appBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "storydesk-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	serverBin, appBin = filepath.Join(dir, "storydesk-server"), filepath.Join(dir, "storydesk")
	for _, b := range []struct{ out, pkg string }{{serverBin, "../cmd/storydesk-server"}, {appBin, "../cmd/storydesk"}} {
		// -tags ci: the app's Fyne code builds without a GL driver
		cmd := exec.Command("go", "build", "-tags", "ci", "-o", b.out, b.pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "build", b.pkg, err)
			os.RemoveAll(dir)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// srv is one running storydesk-server process.
type srv struct {
	db, addr string
	args     []string
	cmd      *exec.Cmd
	logs     *strings.Builder
	mu       sync.Mutex
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// newServer prepares a server database with stories and starts serving.
func newServer(t *testing.T, stories int, extra ...string) *srv {
	t.Helper()
	s := &srv{db: filepath.Join(t.TempDir(), "server.db"), addr: freeAddr(t), args: extra}
	if stories > 0 {
		var b strings.Builder
		for i := range stories {
			fmt.Fprintf(&b, `{"id":"st%04d","title":"A visit","body":"Zoë rang 07700 900184 about Dad 👍🏽 today.","service":"Riverside A&E"}`+"\n", i)
		}
		f := filepath.Join(t.TempDir(), "stories.jsonl")
		os.WriteFile(f, []byte(b.String()), 0o600)
		mustRun(t, serverBin, "import", "--db", s.db, f)
	}
	s.start(t)
	t.Cleanup(func() { s.stop(syscall.SIGKILL) })
	return s
}

func (s *srv) url() string { return "http://" + s.addr }

func (s *srv) start(t *testing.T) {
	t.Helper()
	args := append([]string{"serve", "--db", s.db, "--addr", s.addr}, s.args...)
	s.cmd = exec.Command(serverBin, args...)
	out, _ := s.cmd.StdoutPipe()
	s.logs = &strings.Builder{}
	s.cmd.Stderr = &lockedWriter{mu: &s.mu, w: s.logs}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.Contains(line, "listening on") {
		t.Fatalf("server start: %q, %v; logs %s", line, err, s.logs.String())
	}
	go io.Copy(io.Discard, out) // exits when the server exits
}

func (s *srv) stop(sig syscall.Signal) {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(sig)
	s.cmd.Wait()
	s.cmd = nil
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (s *srv) user(t *testing.T, name string, role server.Role) string {
	t.Helper()
	cmd := exec.Command(serverBin, "user", "add", "--db", s.db, "--name", name, "--role", string(role))
	out, err := cmd.Output() // the token is the only thing on stdout
	if err != nil {
		t.Fatalf("user add %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

func mustRun(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := runBin(bin, nil, args...)
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", filepath.Base(bin), args, err, out)
	}
	return out
}

func runBin(bin string, env []string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return out.String() + errb.String(), err
}

// moderator is one app profile: a local database and a token.
type moderator struct {
	name, db, token string
}

func newModerator(t *testing.T, s *srv, name string) *moderator {
	return &moderator{name: name, db: filepath.Join(t.TempDir(), name+".db"), token: s.user(t, name, server.RoleModerator)}
}

func (m *moderator) sync(s *srv, args ...string) (string, error) {
	return runBin(appBin, []string{"STORYDESK_TOKEN=" + m.token},
		append([]string{"sync", "--server", s.url(), "--db", m.db, "--moderator", m.name}, args...)...)
}

func (m *moderator) mustSync(t *testing.T, s *srv, args ...string) string {
	t.Helper()
	out, err := m.sync(s, args...)
	if err != nil {
		t.Fatalf("storydesk sync (%s): %v\n%s", m.name, err, out)
	}
	return out
}

func (m *moderator) open(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), m.db, sqlite.Options{Moderator: m.name})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// leased reads the story ids the profile holds leases for.
func (m *moderator) leased(t *testing.T) []string {
	t.Helper()
	st := m.open(t)
	s := &storysync.Syncer{Store: st}
	l, err := s.Leases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for id := range l {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	st.Close()
	return ids
}

// decideAll records a redaction decision locally on every leased story.
func (m *moderator) decideAll(t *testing.T) int {
	t.Helper()
	st := m.open(t)
	defer st.Close()
	ids := m.leased(t)
	ctx := context.Background()
	for _, id := range ids {
		story, err := st.Story(ctx, moderation.StoryID(id))
		if err != nil {
			t.Fatal(err)
		}
		start := len("Zoë rang ")
		spans := []moderation.Span{{Start: start, End: start + len("07700 900184"), Kind: moderation.Phone, Redact: true}}
		pub, _ := moderation.Redact(story.Body, spans)
		d := moderation.Decision{ID: m.name + "-" + id, StoryID: moderation.StoryID(id), Action: moderation.PublishWithChanges,
			Reason: moderation.ReasonPersonalDetails, Redactions: moderation.Redactions(spans), PublishedBody: pub}
		if err := st.Decide(ctx, d); err != nil {
			t.Fatalf("decide %s: %v", id, err)
		}
	}
	return len(ids)
}

// exported reads the server's decision feed with the export command.
func (s *srv) exported(t *testing.T) []string {
	t.Helper()
	out, err := runBin(serverBin, nil, "export", "--db", s.db)
	if err != nil {
		t.Fatalf("export: %v %s", err, out)
	}
	var ids []string
	for _, line := range strings.Split(out, "\n") {
		if i := strings.Index(line, `"id":"`); strings.HasPrefix(line, "{") && i >= 0 {
			rest := line[i+6:]
			ids = append(ids, rest[:strings.Index(rest, `"`)])
		}
	}
	return ids
}

func TestTwoModeratorsClaimDisjoint(t *testing.T) {
	s := newServer(t, 100)
	a, b := newModerator(t, s, "amy"), newModerator(t, s, "ben")
	var wg sync.WaitGroup
	outs := make([]string, 2)
	errs := make([]error, 2)
	for i, m := range []*moderator{a, b} {
		wg.Add(1)
		go func() { // exits when the sync command does
			defer wg.Done()
			outs[i], errs[i] = m.sync(s, "--max", "40")
		}()
	}
	wg.Wait()
	for i := range outs {
		if errs[i] != nil || !strings.Contains(outs[i], "claimed 40") {
			t.Fatalf("sync %d: %q, %v; want claimed 40", i, outs[i], errs[i])
		}
	}
	la, lb := a.leased(t), b.leased(t)
	if len(la) != 40 || len(lb) != 40 {
		t.Fatalf("leases: %d and %d, want 40 each", len(la), len(lb))
	}
	for _, id := range la {
		if slices.Contains(lb, id) {
			t.Errorf("story %s claimed by both moderators", id)
		}
	}
}

func TestOfflineDecisionsAcceptedOnce(t *testing.T) {
	s := newServer(t, 20)
	m := newModerator(t, s, "amy")
	m.mustSync(t, s, "--max", "12")
	s.stop(syscall.SIGTERM)
	n := m.decideAll(t)
	out, err := m.sync(s)
	if err == nil || !strings.Contains(out, "12 decisions wait in the outbox") {
		t.Fatalf("sync while the server is down: %q, %v; want a failure keeping 12", out, err)
	}
	s.start(t)
	out = m.mustSync(t, s, "--max", "0")
	if !strings.Contains(out, fmt.Sprintf("pushed %d: %d accepted, 0 duplicate, 0 conflict", n, n)) {
		t.Errorf("sync after restart: got %q, want %d accepted", out, n)
	}
	out = m.mustSync(t, s, "--max", "0")
	if !strings.HasPrefix(out, "pushed 0:") {
		t.Errorf("sync again: got %q, want nothing to push", out)
	}
	ids := s.exported(t)
	if len(ids) != n || len(slices.Compact(slices.Sorted(slices.Values(ids)))) != n {
		t.Errorf("server decisions: got %d (%d distinct), want %d exactly once", len(ids), len(slices.Compact(slices.Sorted(slices.Values(ids)))), n)
	}
}

// killingTransport SIGKILLs the server during the second push batch.
// With afterCommit false the kill lands while the request is in flight:
// the transport has connected and starts to send the body, and the server
// dies before any of it arrives. With afterCommit true the server has
// answered, so it committed, and the answer is thrown away.
type killingTransport struct {
	s           *srv
	afterCommit bool
	calls       int
	mu          sync.Mutex
}

func (k *killingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	k.mu.Lock()
	k.calls++
	kill := r.URL.Path == "/api/v1/decisions" && k.calls == 2
	k.mu.Unlock()
	if kill && !k.afterCommit {
		r = r.Clone(r.Context())
		r.Body = &killOnRead{ReadCloser: r.Body, kill: func() { k.s.stop(syscall.SIGKILL) }}
	}
	resp, err := http.DefaultTransport.RoundTrip(r)
	if kill && k.afterCommit && err == nil {
		resp.Body.Close()
		k.s.stop(syscall.SIGKILL)
		return nil, errors.New("connection reset (answer lost)")
	}
	return resp, err
}

// killOnRead runs kill, once, before the first byte of a request body is read.
type killOnRead struct {
	io.ReadCloser
	kill func()
	once sync.Once
}

func (b *killOnRead) Read(p []byte) (int, error) {
	b.once.Do(b.kill)
	return b.ReadCloser.Read(p)
}

func TestServerKilledMidPush(t *testing.T) {
	for _, afterCommit := range []bool{false, true} {
		t.Run(fmt.Sprintf("after commit %v", afterCommit), func(t *testing.T) {
			s := newServer(t, 600)
			m := newModerator(t, s, "amy")
			m.mustSync(t, s, "--max", "500")
			n := m.decideAll(t)
			ctx := context.Background()
			st := m.open(t)
			kt := &killingTransport{s: s, afterCommit: afterCommit}
			c := storysync.NewClient(s.url(), m.token)
			c.HTTP = &http.Client{Transport: kt}
			c.Backoff = storysync.Backoff{Base: time.Millisecond, Max: 5 * time.Millisecond, Attempts: 3}
			sy := &storysync.Syncer{Client: c, Store: st, Batch: 100}
			rep, err := sy.Push(ctx)
			if moderation.ErrorCode(err) != moderation.EUNAVAILABLE || rep.Accepted != 100 {
				t.Fatalf("push with the server killed: %+v, %v; want 100 accepted then EUNAVAILABLE", rep, err)
			}
			left, _ := st.Outbox(ctx, 0)
			if len(left) != n-100 {
				t.Fatalf("outbox after the kill: %d pending, want %d", len(left), n-100)
			}
			s.start(t)
			c.HTTP = nil
			rep2, err := sy.Push(ctx)
			if err != nil || rep2.Accepted+rep2.Duplicate != n-100 || rep2.Conflict != 0 {
				t.Fatalf("push after restart: %+v, %v; want %d accepted or duplicate, no conflict", rep2, err, n-100)
			}
			if afterCommit && rep2.Duplicate != 100 {
				t.Errorf("duplicates after a lost answer: got %d, want 100 (the committed batch)", rep2.Duplicate)
			}
			if left, _ := st.Outbox(ctx, 0); len(left) != 0 {
				t.Errorf("outbox after the retry: %d pending, want 0", len(left))
			}
			ids := s.exported(t)
			if distinct := len(slices.Compact(slices.Sorted(slices.Values(ids)))); len(ids) != n || distinct != n {
				t.Errorf("server decisions: %d (%d distinct), want %d exactly once", len(ids), distinct, n)
			}
			if out := mustRun(t, serverBin, "verify", "--db", s.db); !strings.Contains(out, fmt.Sprintf("chain intact: %d", n)) {
				t.Errorf("verify: %q", out)
			}
		})
	}
}

func TestExpiredLeaseConflict(t *testing.T) {
	s := newServer(t, 5, "--lease", "1s")
	a, b := newModerator(t, s, "amy"), newModerator(t, s, "ben")
	a.mustSync(t, s, "--max", "5")
	n := a.decideAll(t)
	time.Sleep(1200 * time.Millisecond) // amy's leases run out
	if out := b.mustSync(t, s, "--max", "5"); !strings.Contains(out, "claimed 5") {
		t.Fatalf("ben's sync: %q, want claimed 5", out)
	}
	out := a.mustSync(t, s, "--max", "0")
	if !strings.Contains(out, fmt.Sprintf("pushed %d: 0 accepted, 0 duplicate, %d conflict", n, n)) {
		t.Errorf("amy's push: got %q, want %d conflicts", out, n)
	}
	st := a.open(t)
	cs, err := st.Conflicts(context.Background())
	if err != nil || len(cs) != n {
		t.Fatalf("amy's local conflicts: %d, %v; want %d", len(cs), err, n)
	}
	state, err := storysync.ParseServerState(cs[0].ServerState)
	if err != nil || state.LeaseHolder != "ben" {
		t.Errorf("kept server state: %+v, %v; want the lease held by ben", state, err)
	}
	if ids := s.exported(t); len(ids) != 0 {
		t.Errorf("server decisions: got %d, want 0", len(ids))
	}
}

func TestAuthOverHTTP(t *testing.T) {
	s := newServer(t, 1)
	mod := s.user(t, "amy", server.RoleModerator)
	sup := s.user(t, "sue", server.RoleSupervisor)
	tests := []struct {
		method, path, token string
		want                int
	}{
		{"GET", "/api/v1/decisions", mod, 403},
		{"GET", "/api/v1/stories/st0000", mod, 403},
		{"POST", "/api/v1/stories", mod, 403},
		{"GET", "/api/v1/decisions", "", 401},
		{"POST", "/api/v1/claims", "", 401},
		{"GET", "/api/v1/stories/st0000", "sdk_forged", 401},
		{"GET", "/api/v1/decisions", sup, 200},
		{"GET", "/api/v1/stories/st0000", sup, 200},
		{"GET", "/healthz", "", 200},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, s.url()+tt.path, strings.NewReader(`[]`))
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s %s (token %v): got %d, want %d", tt.method, tt.path, tt.token != "", resp.StatusCode, tt.want)
		}
	}
	s.mu.Lock()
	logs := s.logs.String()
	s.mu.Unlock()
	if strings.Contains(logs, mod) || strings.Contains(logs, "Zoë") {
		t.Errorf("server log holds a token or story text")
	}
}

func TestImportBadLineImportsNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "server.db")
	f := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(f, []byte(`{"id":"a","title":"t","body":"fine"}`+"\n"+`{"id":"b","title":"t","body":"fine"}`+"\n"+`{"id":"c","title":"t"`+"\n"), 0o600)
	out, err := runBin(serverBin, nil, "import", "--db", db, f)
	if err == nil || !strings.Contains(out, "bad.jsonl:3:") || !strings.Contains(out, "nothing imported") {
		t.Fatalf("import: %q, %v; want a failure naming line 3", out, err)
	}
	s := &srv{db: db, addr: freeAddr(t)}
	s.start(t)
	defer s.stop(syscall.SIGTERM)
	m := newModerator(t, s, "amy")
	if out := m.mustSync(t, s); !strings.Contains(out, "claimed 0") {
		t.Errorf("sync after the refused import: %q, want claimed 0", out)
	}
}

// A story whose decision came back as a conflict and that the server
// leases to the same moderator again is open for a fresh decision, and
// that decision is accepted (before, the story stayed decided locally and
// the new lease blocked it for its whole term).
func TestConflictedStoryComesBackOpen(t *testing.T) {
	s := newServer(t, 3, "--lease", "1s")
	a, b := newModerator(t, s, "amy"), newModerator(t, s, "ben")
	a.mustSync(t, s, "--max", "3")
	n := a.decideAll(t)
	time.Sleep(1200 * time.Millisecond) // amy's leases run out
	b.mustSync(t, s, "--max", "3")
	if out := a.mustSync(t, s, "--max", "0"); !strings.Contains(out, fmt.Sprintf("%d conflict", n)) {
		t.Fatalf("amy's push: got %q, want %d conflicts", out, n)
	}
	time.Sleep(1200 * time.Millisecond) // ben's leases run out too
	if out := a.mustSync(t, s, "--max", "3"); !strings.Contains(out, "claimed 3") {
		t.Fatalf("amy's claim: got %q, want claimed 3", out)
	}
	st := a.open(t)
	ctx := context.Background()
	for _, id := range a.leased(t) {
		story, err := st.Story(ctx, moderation.StoryID(id))
		if err != nil || story.Status != moderation.StatusPending {
			t.Fatalf("story %s after the claim: %v, %v; want pending", id, story, err)
		}
		d := moderation.Decision{ID: "again-" + id, StoryID: moderation.StoryID(id), Action: moderation.Reject,
			Reason: moderation.ReasonCommercial, Note: "advert"}
		if err := st.Decide(ctx, d); err != nil {
			t.Fatalf("fresh decision on %s: %v", id, err)
		}
	}
	st.Close()
	if out := a.mustSync(t, s, "--max", "0"); !strings.Contains(out, "pushed 3: 3 accepted") {
		t.Errorf("amy's second push: got %q, want 3 accepted", out)
	}
	if ids := s.exported(t); len(ids) != 3 {
		t.Errorf("server decisions: got %d, want 3", len(ids))
	}
}
