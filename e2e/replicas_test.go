package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/storydesk/storydesk/internal/pgtest"
	"github.com/storydesk/storydesk/moderation"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// These tests run real storydesk-server processes on loopback against one
// PostgreSQL database, the way a team runs several replicas behind a load
// balancer. They need STORYDESK_TEST_PG (make test starts a throwaway
// server with scripts/pg-test.sh).

func replicaCLI(t *testing.T, bin string, args ...string) string {
	t.Helper()
	var out, errb strings.Builder
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("storydesk-server %s: %v\n%s", args[0], err, errb.String())
	}
	return out.String()
}

// replicaTeam sets up a schema with n stories, an admin, a supervisor and mods
// moderators; it returns the DSN and the tokens by user name.
func replicaTeam(t *testing.T, bin string, n, mods int) (string, map[string]string) {
	t.Helper()
	dsn := pgtest.SchemaDSN(t, "e2e_")
	if out := replicaCLI(t, bin, "migrate", "--db", dsn); !strings.Contains(out, "applied") {
		t.Fatalf("migrate on an empty schema: got %q, want it to apply migrations", out)
	}
	if out := replicaCLI(t, bin, "migrate", "--db", dsn); strings.TrimSpace(out) != "migrate: up to date" {
		t.Errorf("second migrate: got %q, want up to date", out)
	}
	tokens := map[string]string{}
	add := func(name, role string) {
		tokens[name] = strings.TrimSpace(replicaCLI(t, bin, "user", "add", "--db", dsn, "--name", name, "--role", role))
	}
	add("sue", "supervisor")
	for i := range mods {
		add(fmt.Sprintf("mod%02d", i), "moderator")
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for i := range n {
		enc.Encode(map[string]string{"id": fmt.Sprintf("e%05d", i), "title": "A visit", "body": "The staff on the ward were kind and quick."})
	}
	file := filepath.Join(t.TempDir(), "stories.jsonl")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	replicaCLI(t, bin, "import", "--db", dsn, file)
	return dsn, tokens
}

type replica struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done is closed
	log  *replicaLog
}

type replicaLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *replicaLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *replicaLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startReplica runs "storydesk-server serve" on a free loopback port and
// waits until /readyz answers 200. The process is stopped when the test
// ends.
func startReplica(t *testing.T, bin, dsn string, lease time.Duration) *replica {
	t.Helper()
	r := &replica{done: make(chan struct{}), log: &replicaLog{}}
	r.cmd = exec.Command(bin, "serve", "--db", dsn, "--addr", "127.0.0.1:0", "--lease", lease.String())
	r.cmd.Stderr = r.log
	stdout, err := r.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() { // exits when the process closes stdout
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, u, ok := strings.Cut(sc.Text(), "listening on "); ok {
				urls <- strings.TrimSpace(u)
			}
		}
		io.Copy(io.Discard, stdout)
		r.err = r.cmd.Wait()
		close(r.done)
	}()
	t.Cleanup(func() {
		if !r.exited() {
			r.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-r.done:
			case <-time.After(15 * time.Second):
				r.cmd.Process.Kill()
				<-r.done
			}
		}
	})
	select {
	case r.url = <-urls:
	case <-r.done:
		t.Fatalf("replica exited before listening: %v\n%s", r.err, r.log.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("replica did not listen within 30 s\n%s", r.log.String())
	}
	for range 100 {
		res, err := http.Get(r.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return r
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("replica %s never ready\n%s", r.url, r.log.String())
	return nil
}

func (r *replica) exited() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// replicaTally is what the simulated moderators saw, across all of them.
type replicaTally struct {
	mu        sync.Mutex
	leased    map[string]string // story id -> moderator
	stored    map[string]bool   // decision ids answered accepted or duplicate
	accepted  map[string]int    // decision id -> accepted answers
	twice     []string          // stories leased while a moderator held them
	conflicts int
	failovers int
}

func newReplicaTally() *replicaTally {
	return &replicaTally{leased: map[string]string{}, stored: map[string]bool{}, accepted: map[string]int{}}
}

// replicaModerator claims batches and approves them until the queue has nothing
// claimable. servers is the order it tries replicas in: when a request
// finds its replica gone it repeats it on the next one (pushes are
// idempotent on decision ids; a claim whose answer was lost leaves leases
// that expire). retryElsewhere pushes every batch a second time on the
// other replica, as a client does when an answer is lost.
func replicaModerator(ctx context.Context, name, token string, servers []string, tl *replicaTally, retryElsewhere bool) error {
	clients := make([]*storysync.Client, len(servers))
	for i, u := range servers {
		clients[i] = storysync.NewClient(u, token)
		clients[i].Backoff = storysync.Backoff{Attempts: 2, Base: 10 * time.Millisecond, Max: 50 * time.Millisecond}
	}
	cur := 0
	// failover runs call on the current replica, then on the others while
	// the answer is "unavailable"
	failover := func(call func(c *storysync.Client) error) error {
		var err error
		for range clients {
			if err = call(clients[cur]); moderation.ErrorCode(err) != moderation.EUNAVAILABLE {
				return err
			}
			cur = (cur + 1) % len(clients)
			tl.mu.Lock()
			tl.failovers++
			tl.mu.Unlock()
		}
		return err
	}
	for {
		var got []storysync.Story
		// one request id for all tries: a replica that gets the repeat of a
		// claim whose answer died with another replays that claim
		req := uuid.NewString()
		if err := failover(func(c *storysync.Client) (err error) { got, err = c.ClaimRequest(ctx, 5, req); return err }); err != nil {
			return fmt.Errorf("%s: claim: %w", name, err)
		}
		if len(got) == 0 {
			return nil
		}
		ds := make([]storysync.Decision, len(got))
		tl.mu.Lock()
		for i, st := range got {
			if o, ok := tl.leased[st.ID]; ok && o != "" {
				tl.twice = append(tl.twice, st.ID)
			}
			tl.leased[st.ID] = name
			ds[i] = storysync.Decision{ID: uuid.NewString(), StoryID: st.ID, LeaseID: st.LeaseID, StoryVersion: st.Version,
				Action: "publish", DecidedAt: time.Now().UTC().Truncate(time.Second)}
		}
		tl.mu.Unlock()
		var res []storysync.DecisionResult
		if err := failover(func(c *storysync.Client) (err error) { res, err = c.PushDecisions(ctx, ds); return err }); err != nil {
			return fmt.Errorf("%s: push: %w", name, err)
		}
		if retryElsewhere && len(clients) > 1 {
			again, err := clients[(cur+1)%len(clients)].PushDecisions(ctx, ds)
			if err != nil {
				return fmt.Errorf("%s: push again: %w", name, err)
			}
			for i := range again {
				if again[i].Status != storysync.ResultDuplicate && res[i].Status == storysync.ResultAccepted {
					return fmt.Errorf("%s: decision %s pushed again on the other replica: got %s, want duplicate", name, ds[i].ID, again[i].Status)
				}
			}
		}
		tl.mu.Lock()
		for i, r := range res {
			switch r.Status {
			case storysync.ResultAccepted:
				tl.accepted[r.ID]++
				tl.stored[r.ID] = true
			case storysync.ResultDuplicate:
				tl.stored[r.ID] = true
			default:
				tl.conflicts++
			}
			tl.leased[ds[i].StoryID] = "" // decided or lost: no longer held
		}
		tl.mu.Unlock()
	}
}

// replicaFeed reads the whole history feed from one replica in pages of limit.
func replicaFeed(t *testing.T, url, token string, limit int) []storysync.HistoryItem {
	t.Helper()
	c := storysync.NewClient(url, token)
	var all []storysync.HistoryItem
	after := ""
	for {
		page, err := c.History(context.Background(), after, "", "", limit)
		if err != nil {
			t.Fatalf("history from %s after %q: %v", url, after, err)
		}
		if len(page.Decisions) == 0 {
			return all
		}
		all = append(all, page.Decisions...)
		after = page.Next
	}
}

// checkReplicaStoredOnce checks that the feed holds one decision per story for
// all n stories, each decision once, including every decision a
// moderator was told was stored.
func checkReplicaStoredOnce(t *testing.T, items []storysync.HistoryItem, n int, tl *replicaTally) {
	t.Helper()
	byStory := map[string]int{}
	byID := map[string]int{}
	for _, it := range items {
		byStory[it.StoryID]++
		byID[it.ID]++
	}
	if len(items) != n || len(byStory) != n {
		t.Errorf("feed: got %d decisions on %d stories, want %d on %d", len(items), len(byStory), n, n)
	}
	for id, c := range byID {
		if c != 1 {
			t.Errorf("decision %s stored %d times, want once", id, c)
		}
	}
	for id := range tl.stored {
		if byID[id] != 1 {
			t.Errorf("decision %s was answered stored, but the feed has it %d times", id, byID[id])
		}
	}
	for id, c := range tl.accepted {
		if c != 1 {
			t.Errorf("decision %s answered accepted %d times, want once", id, c)
		}
	}
	if len(tl.twice) > 0 {
		t.Errorf("stories leased to a second moderator while held: %v", tl.twice)
	}
}

// TestReplicasShareOnePostgres runs two server processes on one database
// with moderators spread across both: no story is leased twice, every
// decision is stored once (a push repeated on the other replica answers
// duplicate), the history feed is identical from either replica, and the
// chain verifies.
func TestReplicasShareOnePostgres(t *testing.T) {
	bin := serverBin // built by TestMain
	const stories, mods = 400, 10
	dsn, tokens := replicaTeam(t, bin, stories, mods)
	a := startReplica(t, bin, dsn, time.Hour)
	b := startReplica(t, bin, dsn, time.Hour)
	replicas := []string{a.url, b.url}

	tl := newReplicaTally()
	var wg sync.WaitGroup
	for i := range mods {
		wg.Add(1)
		go func() { // exits when the queue is empty
			defer wg.Done()
			name := fmt.Sprintf("mod%02d", i)
			order := []string{replicas[i%2], replicas[(i+1)%2]}
			if err := replicaModerator(context.Background(), name, tokens[name], order, tl, true); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()

	fromA := replicaFeed(t, a.url, tokens["sue"], 37)
	fromB := replicaFeed(t, b.url, tokens["sue"], 50)
	checkReplicaStoredOnce(t, fromA, stories, tl)
	ja, _ := json.Marshal(fromA)
	jb, _ := json.Marshal(fromB)
	if string(ja) != string(jb) {
		t.Errorf("history feed differs between replicas: %d items from A, %d from B", len(fromA), len(fromB))
	}
	if tl.conflicts != 0 || tl.failovers != 0 {
		t.Errorf("with both replicas up: got %d conflicts, %d failovers; want 0, 0", tl.conflicts, tl.failovers)
	}
	if out := replicaCLI(t, bin, "verify", "--db", dsn); out != fmt.Sprintf("chain intact: %d decisions\n", stories) {
		t.Errorf("verify: got %q, want chain intact with %d decisions", out, stories)
	}
}

// TestReplicaKilledMidRun SIGKILLs one of two replicas while moderators
// work through both. Clients repeat what failed on the other replica: a
// push is idempotent on its decision ids, and a claim carries a request id
// the surviving replica replays, so no lease is left behind (leases last
// an hour: nothing here waits for one to expire). At the end every story
// has exactly one decision, every decision a moderator was told was
// stored is in the feed once, and the chain verifies.
func TestReplicaKilledMidRun(t *testing.T) {
	bin := serverBin // built by TestMain
	const stories, mods = 600, 8
	const lease = time.Hour
	dsn, tokens := replicaTeam(t, bin, stories, mods)
	a := startReplica(t, bin, dsn, lease)
	b := startReplica(t, bin, dsn, lease)
	replicas := []string{a.url, b.url}

	tl := newReplicaTally()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	killed := make(chan struct{})
	go func() { // exits after the kill, or when the test's context ends
		defer close(killed)
		for ctx.Err() == nil {
			tl.mu.Lock()
			n := len(tl.stored)
			tl.mu.Unlock()
			if n >= stories/4 {
				a.cmd.Process.Kill() // SIGKILL: no graceful shutdown
				<-a.done
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	var wg sync.WaitGroup
	for i := range mods {
		wg.Add(1)
		go func() { // exits when the queue is empty
			defer wg.Done()
			name := fmt.Sprintf("mod%02d", i)
			order := []string{replicas[i%2], replicas[(i+1)%2]}
			if err := replicaModerator(ctx, name, tokens[name], order, tl, false); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	<-killed
	if !a.exited() || a.err == nil {
		t.Fatalf("replica A was not killed mid-run (the queue emptied first?)")
	}
	checkReplicaStoredOnce(t, replicaFeed(t, b.url, tokens["sue"], 100), stories, tl)
	if tl.conflicts != 0 {
		t.Errorf("conflicts after the kill: got %d, want 0", tl.conflicts)
	}
	t.Logf("after SIGKILL of one replica: %d failovers", tl.failovers)
	if out := replicaCLI(t, bin, "verify", "--db", dsn); out != fmt.Sprintf("chain intact: %d decisions\n", stories) {
		t.Errorf("verify: got %q, want chain intact with %d decisions", out, stories)
	}
}

// TestReplicaGracefulShutdown sends SIGTERM to a replica while moderators
// push through it: the process exits 0 after finishing the requests in
// flight, and everything it answered for is stored.
func TestReplicaGracefulShutdown(t *testing.T) {
	bin := serverBin // built by TestMain
	const stories, mods = 300, 6
	dsn, tokens := replicaTeam(t, bin, stories, mods)
	a := startReplica(t, bin, dsn, time.Hour)
	b := startReplica(t, bin, dsn, time.Hour)
	tl := newReplicaTally()
	var wg sync.WaitGroup
	for i := range mods {
		wg.Add(1)
		go func() { // exits when the queue is empty
			defer wg.Done()
			name := fmt.Sprintf("mod%02d", i)
			if err := replicaModerator(context.Background(), name, tokens[name], []string{a.url, b.url}, tl, false); err != nil {
				t.Error(err)
			}
		}()
	}
	for {
		tl.mu.Lock()
		n := len(tl.stored)
		tl.mu.Unlock()
		if n >= stories/4 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	a.cmd.Process.Signal(syscall.SIGTERM)
	<-a.done
	wg.Wait()
	if a.err != nil {
		t.Errorf("replica after SIGTERM: exit %v, want 0\n%s", a.err, a.log.String())
	}
	if !strings.Contains(a.log.String(), "shutting down") {
		t.Errorf("replica log has no shutdown line:\n%s", a.log.String())
	}
	items := replicaFeed(t, b.url, tokens["sue"], 200)
	byID := map[string]int{}
	for _, it := range items {
		byID[it.ID]++
	}
	for id := range tl.stored {
		if byID[id] != 1 {
			t.Errorf("decision %s answered stored, in the feed %d times; want once", id, byID[id])
		}
	}
}
