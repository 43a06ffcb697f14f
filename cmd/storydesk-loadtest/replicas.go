package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/google/uuid"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/server"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// openStoreDSN opens the server store behind --server-db: a postgres://
// URL or a SQLite file.
func openStoreDSN(ctx context.Context, db string) (server.Store, error) {
	if server.IsPostgresDSN(db) {
		return server.OpenPostgres(ctx, db)
	}
	return server.OpenSQLite(ctx, db)
}

// loadClient is what a simulated moderator calls.
type loadClient interface {
	Claim(ctx context.Context, max int) ([]claimedStory, error)
	PushDecisions(ctx context.Context, ds []storysync.Decision) ([]storysync.DecisionResult, error)
}

// singleClient is a loadClient for one server.
type singleClient struct{ *storysync.Client }

// Claim implements loadClient: a claim with a fresh request id, as
// storysync.Client.Claim sends it.
func (c singleClient) Claim(ctx context.Context, max int) ([]claimedStory, error) {
	return leanClaim(ctx, c.Client, max, uuid.NewString())
}

// leanClaim sends the claim request storysync.Client.ClaimRequest sends,
// with the same retries (network errors and 5xx answers, c.Backoff) and
// the same errors (EUNAVAILABLE when no try got an answer), but reads the
// answer with parseClaimAnswer: only what the load test checks.
func leanClaim(ctx context.Context, c *storysync.Client, max int, requestID string) ([]claimedStory, error) {
	const path = "/api/v1/claims"
	body, err := json.Marshal(storysync.ClaimRequest{Max: max, RequestID: requestID})
	if err != nil {
		return nil, err
	}
	attempts := c.Backoff.Attempts
	if attempts <= 0 {
		attempts = 5 // storysync's default
	}
	var last error
	for n := range attempts {
		if n > 0 {
			t := time.NewTimer(c.Backoff.Delay(n - 1))
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, claimUnavailable(ctx.Err())
			case <-t.C:
			}
		}
		var out []claimedStory
		out, last = claimOnce(ctx, c, path, body)
		if last == nil {
			return out, nil
		}
		var ae *storysync.APIError
		if (errors.As(last, &ae) && ae.Status < 500) || ctx.Err() != nil {
			break
		}
	}
	if ae := (*storysync.APIError)(nil); errors.As(last, &ae) && ae.Status < 500 {
		return nil, fmt.Errorf("POST %s: %w", path, last)
	}
	return nil, claimUnavailable(last)
}

func claimUnavailable(err error) error {
	return fmt.Errorf("POST /api/v1/claims: %w: %w", &moderation.Error{Code: moderation.EUNAVAILABLE, Message: "queue server unavailable"}, err)
}

// claimOnce is one try of leanClaim.
func claimOnce(ctx context.Context, c *storysync.Client, path string, body []byte) ([]claimedStory, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		var eb storysync.ErrorBody
		if json.Unmarshal(data, &eb) != nil || eb.Error.Code == "" {
			eb.Error = storysync.ErrorDetail{Code: moderation.EUNAVAILABLE, Message: http.StatusText(resp.StatusCode)}
			if resp.StatusCode < 500 {
				eb.Error.Code = moderation.EINTERNAL
			}
		}
		return nil, &storysync.APIError{Status: resp.StatusCode, Detail: eb.Error}
	}
	// a cut-off answer (a replica dying mid-write) is a network failure
	return parseClaimAnswer(data)
}

// failoverClient sends to one replica and, when it is unavailable
// (refused, cut off, 5xx after retries), repeats the request on the next.
// Pushes are idempotent on decision ids, so repeating one is safe; a claim
// whose answer was lost leaves leases that expire.
type failoverClient struct {
	clients   []*storysync.Client
	cur       int
	failovers *atomic.Int64
}

func newLoadClient(urls []string, token string, first int, hc *http.Client, failovers *atomic.Int64) loadClient {
	if len(urls) == 1 {
		c := storysync.NewClient(urls[0], token)
		c.HTTP = hc
		return singleClient{c}
	}
	f := &failoverClient{cur: first % len(urls), failovers: failovers}
	for _, u := range urls {
		c := storysync.NewClient(u, token)
		c.HTTP = hc
		c.Backoff = storysync.Backoff{Attempts: 2, Base: 20 * time.Millisecond, Max: 100 * time.Millisecond}
		f.clients = append(f.clients, c)
	}
	return f
}

func (f *failoverClient) try(call func(c *storysync.Client) error) error {
	var err error
	for range f.clients {
		if err = call(f.clients[f.cur]); moderation.ErrorCode(err) != moderation.EUNAVAILABLE {
			return err
		}
		f.cur = (f.cur + 1) % len(f.clients)
		f.failovers.Add(1)
	}
	return err
}

// Claim implements loadClient. Every try carries the same request id, so
// a replica that gets the repeat of a claim whose answer died with another
// replica returns the stories that claim leased.
func (f *failoverClient) Claim(ctx context.Context, max int) (out []claimedStory, err error) {
	id := uuid.NewString()
	err = f.try(func(c *storysync.Client) error { out, err = leanClaim(ctx, c, max, id); return err })
	return out, err
}

// PushDecisions implements loadClient.
func (f *failoverClient) PushDecisions(ctx context.Context, ds []storysync.Decision) (out []storysync.DecisionResult, err error) {
	err = f.try(func(c *storysync.Client) error { out, err = c.PushDecisions(ctx, ds); return err })
	return out, err
}

// summary is one run's figures.
type summary struct {
	label                  string
	decisions              int
	seconds                float64
	claimP50, claimP99     time.Duration
	firstP50, firstP99     time.Duration // each moderator's first claim
	steadyP50, steadyP99   time.Duration // claims after each moderator's first
	pushP50, pushP99       time.Duration
	failovers, lostReplies int
}

func (s summary) rate() float64 {
	if s.seconds == 0 {
		return 0
	}
	return float64(s.decisions) / s.seconds
}

// replicaProc is one storydesk-server process started for the comparison.
type replicaProc struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{}
}

// startReplicas starts n "storydesk-server serve" processes on free
// loopback ports against db.
func startReplicas(ctx context.Context, bin, db string, n int, lease time.Duration, stderr io.Writer) ([]*replicaProc, error) {
	var procs []*replicaProc
	for range n {
		p := &replicaProc{done: make(chan struct{})}
		p.cmd = exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0", "--lease", lease.String())
		// one JSON line per request: too much for the terminal. Straight
		// to /dev/null: with io.Discard, exec copies every line through a
		// pipe and a goroutine of this process, on the cores the servers
		// under test share
		devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		if err != nil {
			return procs, err
		}
		p.cmd.Stderr = devNull
		out, err := p.cmd.StdoutPipe()
		if err != nil {
			devNull.Close()
			return procs, err
		}
		err = p.cmd.Start()
		devNull.Close() // the child has its own copy
		if err != nil {
			return procs, fmt.Errorf("start %s: %w", bin, err)
		}
		procs = append(procs, p)
		urls := make(chan string, 1)
		go func() { // exits when the process closes stdout
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if _, u, ok := strings.Cut(sc.Text(), "listening on "); ok {
					urls <- strings.TrimSpace(u)
				}
			}
			p.cmd.Wait()
			close(p.done)
		}()
		select {
		case p.url = <-urls:
		case <-p.done:
			return procs, fmt.Errorf("replica exited before listening (is %s a storydesk-server?)", bin)
		case <-time.After(30 * time.Second):
			return procs, errors.New("replica did not listen within 30 s")
		case <-ctx.Done():
			return procs, ctx.Err()
		}
		fmt.Fprintf(stderr, "replica %d: %s (pid %d)\n", len(procs), p.url, p.cmd.Process.Pid)
	}
	return procs, nil
}

func stopReplicas(procs []*replicaProc) {
	for _, p := range procs {
		select {
		case <-p.done:
			continue
		default:
		}
		p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(15 * time.Second):
			p.cmd.Process.Kill()
			<-p.done
		}
	}
}

// serverBinary finds storydesk-server: --server-bin, next to this
// binary, or on PATH.
func serverBinary(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), "storydesk-server")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if p, err := exec.LookPath("storydesk-server"); err == nil {
		return p, nil
	}
	return "", errors.New("storydesk-server not found: build it (go build -o bin/ ./cmd/storydesk-server) and pass --server-bin")
}

// runCompare runs the same load twice, on SQLite served in-process (one
// server) and on PostgreSQL behind c.replicas storydesk-server processes,
// and prints the figures side by side. With c.killOne, one replica is
// SIGKILLed once a third of the stories are decided; the moderators on it
// carry on against the others.
func runCompare(ctx context.Context, c config, stdout, stderr io.Writer) error {
	bin, err := serverBinary(c.serverBin)
	if err != nil {
		return err
	}
	var sums []summary

	sq := c
	sq.serverURLs, sq.serverDB = nil, ""
	fmt.Fprintln(stdout, "== SQLite, one in-process server ==")
	s1 := summary{label: "SQLite (1 process)"}
	if err := loadTest(ctx, sq, stdout, &s1); err != nil {
		return fmt.Errorf("sqlite run: %w", err)
	}
	sums = append(sums, s1)

	if _, err := server.MigratePostgres(ctx, c.comparePG); err != nil {
		return err
	}
	// claims are replayed by request id on the surviving replica, so even
	// with --kill-one no lease is left behind; a short --lease is only a
	// second line of defence
	lease := server.DefaultLease
	if c.lease > 0 {
		lease = c.lease
	}
	procs, err := startReplicas(ctx, bin, c.comparePG, c.replicas, lease, stderr)
	defer stopReplicas(procs)
	if err != nil {
		return err
	}
	pg := c
	pg.serverDB = c.comparePG
	pg.waitExpired = c.killOne && c.lease > 0
	for _, p := range procs {
		pg.serverURLs = append(pg.serverURLs, p.url)
	}
	label := fmt.Sprintf("PostgreSQL (%d replicas)", c.replicas)
	if c.killOne {
		label = fmt.Sprintf("PostgreSQL (%d replicas, 1 killed)", c.replicas)
		pg.onProgress = func(decided int) {
			if decided >= c.stories/3 {
				killOnce.Do(func() {
					fmt.Fprintf(stderr, "SIGKILL replica 1 (pid %d) after %d decisions\n", procs[0].cmd.Process.Pid, decided)
					procs[0].cmd.Process.Kill()
				})
			}
		}
	}
	fmt.Fprintf(stdout, "== %s ==\n", label)
	s2 := summary{label: label}
	if err := loadTest(ctx, pg, stdout, &s2); err != nil {
		return fmt.Errorf("postgres run: %w", err)
	}
	sums = append(sums, s2)
	printSideBySide(stdout, c, sums)
	return nil
}

var killOnce sync.Once

func printSideBySide(w io.Writer, c config, sums []summary) {
	fmt.Fprintf(w, "\n%d moderators, %d stories, claims of %d, loopback, moderators start over %v\n", c.moderators, c.stories, c.claim, c.ramp)
	fmt.Fprintf(w, "%-20s", "")
	for _, s := range sums {
		fmt.Fprintf(w, " %34s", s.label)
	}
	fmt.Fprintln(w)
	row := func(name string, f func(s summary) string) {
		fmt.Fprintf(w, "%-20s", name)
		for _, s := range sums {
			fmt.Fprintf(w, " %34s", f(s))
		}
		fmt.Fprintln(w)
	}
	row("decisions/s", func(s summary) string { return fmt.Sprintf("%.0f", s.rate()) })
	row("claim p50 / p99", func(s summary) string { return fmt.Sprintf("%v / %v", s.claimP50, s.claimP99) })
	row("  first claims", func(s summary) string { return fmt.Sprintf("%v / %v", s.firstP50, s.firstP99) })
	row("  after start burst", func(s summary) string { return fmt.Sprintf("%v / %v", s.steadyP50, s.steadyP99) })
	row("push p50 / p99", func(s summary) string { return fmt.Sprintf("%v / %v", s.pushP50, s.pushP99) })
	row("failovers", func(s summary) string { return fmt.Sprint(s.failovers) })
	row("replies lost, resent", func(s summary) string { return fmt.Sprint(s.lostReplies) })
	row("double leases", func(s summary) string { return "0" })    // loadTest fails the run otherwise
	row("lost/doubled", func(s summary) string { return "0 / 0" }) // idem
	start := "all moderators start in the same instant, so their first claims queue behind each other"
	if c.ramp > 0 {
		start = fmt.Sprintf("moderators start evenly over %v", c.ramp)
	}
	fmt.Fprintf(w, "claim latency is measured in the client, request start to decoded answer, over all claims; %s\n", start)
}
