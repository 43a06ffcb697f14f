// Command storydesk-loadtest drives a queue server on this machine with
// simulated moderators: each claims a batch, decides every story and pushes
// the batch, until the queue is empty. It then checks that no story was
// leased to two moderators at once and that every decision is stored
// exactly once, and prints throughput and latency figures.
//
//	storydesk-loadtest [--moderators 50] [--stories 10000] [--timeout 5m]
//	                   [--server URL[,URL...] --server-db FILE|postgres://...]
//	storydesk-loadtest --compare-pg postgres://... [--replicas 2] [--kill-one]
//
// Without --server it serves the real handler itself on 127.0.0.1 over a
// temporary SQLite file. With --server (loopback only; several URLs are
// replicas of one database, moderators spread over them and fail over when
// one dies) it needs the server's database to add its users. --compare-pg
// runs the load on SQLite in-process, then on PostgreSQL behind --replicas
// storydesk-server processes, and prints both side by side; --kill-one
// SIGKILLs one replica a third of the way through.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/storydesk/storydesk/moderation/server"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// loadGCPercent is the load generator's GOGC unless the environment sets
// one. It shares the machine's cores with the servers it measures; at
// Go's default of 100 its collections took about a tenth of its CPU
// while the moderators ran (--cpuprofile), some of it in the start burst.
const loadGCPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(loadGCPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "storydesk-loadtest:", err)
		os.Exit(1)
	}
}

type config struct {
	moderators, stories, claim int
	timeout                    time.Duration
	serverURL, serverDB        string
	resendEvery                int
	think                      time.Duration // mean pause before each claim (a moderator reading)
	ramp                       time.Duration // moderators start evenly spread over this (0: all at once)

	// replicas and the PostgreSQL comparison (replicas.go)
	serverURLs  []string
	comparePG   string
	serverBin   string
	replicas    int
	killOne     bool
	lease       time.Duration
	waitExpired bool             // wait for leases lost with a replica to expire
	onProgress  func(stored int) // called after each push
	cpuProfile  string           // write the load generator's CPU profile while moderators run
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("storydesk-loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.IntVar(&c.moderators, "moderators", 50, "simulated moderators")
	fs.IntVar(&c.stories, "stories", 10000, "stories to ingest and decide")
	fs.IntVar(&c.claim, "claim", 50, "stories per claim (and decisions per push)")
	fs.DurationVar(&c.timeout, "timeout", 5*time.Minute, "stop after this long")
	fs.DurationVar(&c.think, "think", 0, "mean pause before each claim, uniform in [0, 2×think): spreads the start and models reading time (0: none, a saturation test)")
	fs.DurationVar(&c.ramp, "ramp", 0, "start the moderators evenly spread over this long, as a shift starting (0: all in the same instant, the worst case)")
	fs.StringVar(&c.serverURL, "server", "", "queue server URL on this machine, or comma-separated replica URLs (default: serve one in-process)")
	fs.StringVar(&c.serverDB, "server-db", "", "the --server's database (SQLite file or postgres:// URL), to add the load test's users")
	fs.StringVar(&c.comparePG, "compare-pg", "", "postgres:// URL: run on SQLite, then on PostgreSQL behind --replicas server processes, print side by side")
	fs.StringVar(&c.serverBin, "server-bin", "", "storydesk-server binary for --compare-pg (default: next to this binary, or on PATH)")
	fs.IntVar(&c.replicas, "replicas", 2, "server processes for --compare-pg")
	fs.BoolVar(&c.killOne, "kill-one", false, "with --compare-pg: SIGKILL one replica a third of the way through")
	fs.DurationVar(&c.lease, "lease", 0, "lease time of the --compare-pg replicas (0: the server's default)")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write the load generator's own CPU profile, from the first moderator's start to the last one's end, to this file (pprof format)")
	fs.IntVar(&c.resendEvery, "resend-every", 3, "resend every n-th push batch to exercise idempotency (0: never)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.moderators < 1 || c.stories < 1 || c.claim < 1 || c.timeout <= 0 {
		return errors.New("--moderators, --stories, --claim and --timeout must be positive")
	}
	if c.ramp < 0 || c.think < 0 {
		return errors.New("--ramp and --think must not be negative")
	}
	if c.serverURL != "" {
		c.serverURLs = strings.Split(c.serverURL, ",")
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if c.comparePG != "" {
		if c.replicas < 1 || c.lease < 0 || !server.IsPostgresDSN(c.comparePG) {
			return errors.New("--compare-pg needs a postgres:// URL and --replicas >= 1")
		}
		return runCompare(ctx, c, stdout, stderr)
	}
	return loadTest(ctx, c, stdout, nil)
}

// target is the server under test and a way to add users to it.
type target struct {
	url   string   // for ingest and verification: the last replica (--kill-one kills the first)
	urls  []string // where the moderators go
	store server.Store
	close func()
}

func openTarget(ctx context.Context, c config) (*target, error) {
	if len(c.serverURLs) > 0 {
		for _, s := range c.serverURLs {
			u, err := url.Parse(s)
			if err != nil || u.Host == "" {
				return nil, fmt.Errorf("--server %q: not a URL", s)
			}
			if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
				return nil, fmt.Errorf("--server %s: the load test only runs against this machine (loopback)", u.Hostname())
			}
		}
		if c.serverDB == "" {
			return nil, errors.New("--server needs --server-db, the server's database file, to add users")
		}
		st, err := openStoreDSN(ctx, c.serverDB)
		if err != nil {
			return nil, err
		}
		return &target{url: c.serverURLs[len(c.serverURLs)-1], urls: c.serverURLs, store: st, close: func() { st.Close() }}, nil
	}
	dir, err := os.MkdirTemp("", "storydesk-loadtest")
	if err != nil {
		return nil, err
	}
	st, err := server.OpenSQLite(ctx, filepath.Join(dir, "server.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		st.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	srv := &http.Server{Handler: server.New(st, server.Options{}), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln) // exits when srv is shut down in close
	return &target{url: "http://" + ln.Addr().String(), urls: []string{"http://" + ln.Addr().String()}, store: st, close: func() {
		server.Shutdown(srv, 5*time.Second)
		st.Close()
		os.RemoveAll(dir)
	}}, nil
}

func addUser(ctx context.Context, st server.Store, name string, role server.Role) (string, error) {
	tok, err := server.NewToken()
	if err != nil {
		return "", err
	}
	return tok, st.AddUser(ctx, server.User{Name: name, Role: role}, server.HashToken(tok))
}

// claimRecord is one story leased to one moderator.
type claimRecord struct {
	story, moderator string
	at, decided      time.Time
}

type results struct {
	mu                   sync.Mutex
	claimLat, pushLat    []time.Duration
	claimFirst           []time.Duration // each moderator's first claim (the start burst)
	claimSteady          []time.Duration // claims after each moderator's first
	claims               []claimRecord
	accepted, duplicates int
	conflicts            int
	lostReplies          int // first pushes answered duplicate: the reply to an earlier try was lost
	failovers            atomic.Int64
}

// loadTest runs the load once and prints its figures; sum, if not nil,
// gets them too.
func loadTest(ctx context.Context, c config, stdout io.Writer, sum *summary) error {
	tg, err := openTarget(ctx, c)
	if err != nil {
		return err
	}
	defer tg.close()
	runID := time.Now().Format("150405.000")
	adminTok, err := addUser(ctx, tg.store, "loadtest-admin-"+runID, server.RoleAdmin)
	if err != nil {
		return err
	}
	transport := &http.Transport{MaxIdleConnsPerHost: c.moderators + 1}
	hc := &http.Client{Transport: transport, Timeout: time.Minute}
	admin := storysync.NewClient(tg.url, adminTok)
	admin.HTTP = hc
	ids := make(map[string]bool, c.stories)
	for start := 0; start < c.stories; start += server.DefaultMaxBatch {
		var batch []storysync.Story
		for i := start; i < min(start+server.DefaultMaxBatch, c.stories); i++ {
			id := fmt.Sprintf("load-%s-%06d", runID, i)
			ids[id] = true
			batch = append(batch, storysync.Story{ID: id, Title: "Load test", Body: "A synthetic story about a kind nurse on ward " + fmt.Sprint(i%40) + "."})
		}
		if _, err := admin.AddStories(ctx, batch); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
	}

	// all users first, so adding them does not compete with the claims
	type moderator struct {
		name string
		cl   loadClient
	}
	res := &results{}
	mods := make([]moderator, c.moderators)
	for m := range mods {
		name := fmt.Sprintf("loadtest-mod%02d-%s", m, runID)
		tok, err := addUser(ctx, tg.store, name, server.RoleModerator)
		if err != nil {
			return err
		}
		mods[m] = moderator{name: name, cl: newLoadClient(tg.urls, tok, m, hc, &res.failovers)}
	}
	// printed when the moderators start (scripts/pg-burst.sh measures from it)
	fmt.Fprintf(stdout, "server %s: %d stories ingested, %d moderators starting\n", tg.url, c.stories, c.moderators)
	var wg sync.WaitGroup
	errs := make(chan error, c.moderators)
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	start := time.Now()
	for m, md := range mods {
		// moderator m starts m/moderators of the ramp after the first
		delay := c.ramp * time.Duration(m) / time.Duration(c.moderators)
		wg.Add(1)
		go func() { // exits when the queue is empty, on error, or at the timeout
			defer wg.Done()
			if delay > 0 {
				select {
				case <-ctx.Done():
					return
				case <-time.After(delay):
				}
			}
			if err := moderate(ctx, md.cl, md.name, c, res); err != nil {
				errs <- fmt.Errorf("%s: %w", md.name, err)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if c.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	close(errs)
	for err := range errs {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("timed out after %v: %d decisions accepted", c.timeout, res.accepted)
	}
	if err := verify(ctx, tg, ids, res, hc); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "decisions: %d accepted, %d duplicates (resent on purpose), %d conflicts in %.2fs: %.0f decisions/s\n",
		res.accepted, res.duplicates, res.conflicts, elapsed.Seconds(), float64(res.accepted)/elapsed.Seconds())
	fmt.Fprintf(stdout, "claim latency (%d requests): p50 %v  p99 %v; first claims p50 %v  p99 %v (moderators starting over %v)\n",
		len(res.claimLat), pct(res.claimLat, 50), pct(res.claimLat, 99), pct(res.claimFirst, 50), pct(res.claimFirst, 99), c.ramp)
	fmt.Fprintf(stdout, "push latency  (%d requests): p50 %v  p99 %v\n", len(res.pushLat), pct(res.pushLat, 50), pct(res.pushLat, 99))
	if n := res.failovers.Load(); n > 0 || res.lostReplies > 0 {
		fmt.Fprintf(stdout, "failovers to another replica: %d; replies lost and resent (answered duplicate): %d\n", n, res.lostReplies)
	}
	fmt.Fprintln(stdout, "verified: no story leased to two moderators; every decision stored exactly once")
	if sum != nil {
		sum.decisions, sum.seconds = res.accepted+res.lostReplies, elapsed.Seconds()
		sum.claimP50, sum.claimP99 = pct(res.claimLat, 50), pct(res.claimLat, 99)
		sum.steadyP50, sum.steadyP99 = pct(res.claimSteady, 50), pct(res.claimSteady, 99)
		sum.firstP50, sum.firstP99 = pct(res.claimFirst, 50), pct(res.claimFirst, 99)
		sum.pushP50, sum.pushP99 = pct(res.pushLat, 50), pct(res.pushLat, 99)
		sum.failovers, sum.lostReplies = int(res.failovers.Load()), res.lostReplies
	}
	return nil
}

// moderate is one simulated moderator: claim, decide all, push, repeat.
func moderate(ctx context.Context, cl loadClient, name string, c config, res *results) error {
	batches := 0
	for ctx.Err() == nil {
		if c.think > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(rand.N(2 * c.think)):
			}
		}
		t := time.Now()
		stories, err := cl.Claim(ctx, c.claim)
		claimLat := time.Since(t)
		if err != nil {
			return fmt.Errorf("claim: %w", err)
		}
		if len(stories) == 0 {
			res.mu.Lock()
			stored := res.accepted + res.lostReplies
			res.mu.Unlock()
			if !c.waitExpired || stored >= c.stories {
				return nil
			}
			// stories leased by a claim whose answer died with a replica
			// come back when the lease expires
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(200 * time.Millisecond):
			}
			continue
		}
		ds := make([]storysync.Decision, len(stories))
		for i, st := range stories {
			ds[i] = storysync.Decision{ID: "dec-" + st.ID, StoryID: st.ID, LeaseID: st.LeaseID, StoryVersion: st.Version,
				Action: "publish", DecidedAt: time.Now().UTC()}
		}
		t = time.Now()
		out, err := cl.PushDecisions(ctx, ds)
		pushLat := time.Since(t)
		if err != nil {
			return fmt.Errorf("push: %w", err)
		}
		decided := time.Now()
		batches++
		var again []storysync.DecisionResult
		if c.resendEvery > 0 && batches%c.resendEvery == 0 {
			if again, err = cl.PushDecisions(ctx, ds); err != nil {
				return fmt.Errorf("resend: %w", err)
			}
		}
		res.mu.Lock()
		res.claimLat = append(res.claimLat, claimLat)
		if batches > 1 {
			res.claimSteady = append(res.claimSteady, claimLat)
		} else {
			res.claimFirst = append(res.claimFirst, claimLat)
		}
		res.pushLat = append(res.pushLat, pushLat)
		for _, st := range stories {
			res.claims = append(res.claims, claimRecord{story: st.ID, moderator: name, at: t, decided: decided})
		}
		for _, r := range out {
			switch r.Status {
			case storysync.ResultAccepted:
				res.accepted++
			case storysync.ResultDuplicate:
				res.lostReplies++
			case storysync.ResultConflict:
				res.conflicts++
			}
		}
		for _, r := range again {
			if r.Status == storysync.ResultDuplicate {
				res.duplicates++
			} else {
				res.mu.Unlock()
				return fmt.Errorf("resent decision %s: got %s, want duplicate", r.ID, r.Status)
			}
		}
		stored := res.accepted + res.lostReplies
		res.mu.Unlock()
		if c.onProgress != nil {
			c.onProgress(stored)
		}
	}
	return ctx.Err()
}

// verify checks the run against the server's own record.
func verify(ctx context.Context, tg *target, ids map[string]bool, res *results, hc *http.Client) error {
	// a story claimed twice while its first lease (24 h) was still live
	// would be leased to two people at once
	claimedBy := make(map[string]string, len(ids))
	for _, c := range res.claims {
		if other, ok := claimedBy[c.story]; ok {
			return fmt.Errorf("story %s leased to %s and to %s", c.story, other, c.moderator)
		}
		claimedBy[c.story] = c.moderator
	}
	if len(claimedBy) != len(ids) || res.conflicts != 0 || res.accepted+res.lostReplies != len(ids) {
		return fmt.Errorf("%d stories claimed, %d stored (%d accepted, %d after a lost reply), %d conflicts; want %d, %d, 0",
			len(claimedBy), res.accepted+res.lostReplies, res.accepted, res.lostReplies, res.conflicts, len(ids), len(ids))
	}
	supTok, err := addUser(ctx, tg.store, "loadtest-sup-"+time.Now().Format("150405.000000"), server.RoleSupervisor)
	if err != nil {
		return err
	}
	sup := storysync.NewClient(tg.url, supTok)
	sup.HTTP = hc
	perStory := make(map[string]int, len(ids))
	seenDecision := make(map[string]bool, len(ids))
	after := ""
	for {
		page, err := sup.History(ctx, after, "", "", 1000)
		if err != nil {
			return fmt.Errorf("read history: %w", err)
		}
		if len(page.Decisions) == 0 {
			break
		}
		for _, d := range page.Decisions {
			if !ids[d.StoryID] {
				continue // an earlier run's decision on a shared server
			}
			if seenDecision[d.ID] {
				return fmt.Errorf("decision %s stored twice", d.ID)
			}
			seenDecision[d.ID] = true
			perStory[d.StoryID]++
			if d.Moderator != claimedBy[d.StoryID] {
				return fmt.Errorf("story %s decided by %s, leased to %s", d.StoryID, d.Moderator, claimedBy[d.StoryID])
			}
		}
		after = page.Next
	}
	for id := range ids {
		if perStory[id] != 1 {
			return fmt.Errorf("story %s has %d stored decisions, want 1", id, perStory[id])
		}
	}
	if rep, err := tg.store.VerifyChain(ctx); err != nil || rep.BrokenID != "" {
		return fmt.Errorf("decision chain: %+v, %v", rep, err)
	}
	return nil
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[min(max(i-1, 0), len(s)-1)].Round(10 * time.Microsecond)
}
