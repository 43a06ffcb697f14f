package server

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storydesk/storydesk/internal/pgtest"
	"github.com/storydesk/storydesk/moderation"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// openTestPG returns a store in a new, empty schema of the test database;
// the schema is dropped when the test ends.
func openTestPG(t testing.TB) *PGStore {
	t.Helper()
	s, err := OpenPostgres(context.Background(), pgtest.SchemaDSN(t, "t_"))
	if err != nil {
		t.Fatalf("OpenPostgres: %v", err)
	}
	return s
}

func TestPGStore(t *testing.T) {
	pgtest.DSN(t)
	StoreSuite(t, func(t *testing.T) Store { return openTestPG(t) })
}

func TestPGMigrateIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	again, err := s.Migrate(ctx)
	if err != nil || len(again) != 0 {
		t.Errorf("second Migrate = %v, %v; want nothing applied", again, err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping after migrate: got %v, want nil", err)
	}
	if _, err := s.Pool().Exec(ctx, `DELETE FROM schema_migrations`); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(ctx); moderation.ErrorCode(err) != moderation.EUNAVAILABLE {
		t.Errorf("Ping with migrations missing: got %v, want EUNAVAILABLE", err)
	}
}

func TestPGVerifyChainFindsTampering(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 3)); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Claim(ctx, "mo", 3, time.Hour, t0)
	mo := User{Name: "mo", Role: RoleModerator}
	for i, x := range st {
		if _, err := s.Decide(ctx, mo, []storysync.Decision{publish(string(rune('a'+i)), x)}, t0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Pool().Exec(ctx, `UPDATE decisions SET doc = replace(doc, '"publish"', '"reject"') WHERE id = 'b'`); err != nil {
		t.Fatal(err)
	}
	rep, err := s.VerifyChain(ctx)
	if err != nil || rep.BrokenID != "b" || rep.BrokenSeq != 2 || rep.Checked != 1 {
		t.Errorf("tampered chain: got %+v, %v; want broken at b (seq 2) after 1 checked", rep, err)
	}
}

// TestPGConcurrentStores runs two stores (two pools, as two replicas
// would have) against one schema: moderators on both claim and decide at
// once, some pushes are retried on the other store, and readers page the
// history while decisions commit. No story is leased twice, every decision
// is stored once, the chain verifies, and no reader ever skips a decision.
func TestPGConcurrentStores(t *testing.T) {
	ctx := context.Background()
	a := openTestPG(t)
	defer a.Close()
	var schema string
	if err := a.Pool().QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(pgtest.DSN(t))
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	b, err := OpenPostgres(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	replicas := []*PGStore{a, b}
	const stories = 300
	if _, err := a.AddStories(ctx, testStories("c", stories)); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	leased := map[string]string{}
	accepted := map[string]int{}
	var wg sync.WaitGroup
	for m := range 8 {
		wg.Add(1)
		go func() { // exits when the queue is empty or on error
			defer wg.Done()
			mod := User{Name: fmt.Sprintf("m%d", m), Role: RoleModerator}
			for round := 0; ; round++ {
				s := replicas[(m+round)%2]
				got, err := s.Claim(ctx, mod.Name, 5, time.Hour, t0)
				if err != nil {
					t.Errorf("Claim: %v", err)
					return
				}
				if len(got) == 0 {
					return
				}
				var ds []storysync.Decision
				mu.Lock()
				for _, st := range got {
					if o, ok := leased[st.ID]; ok {
						t.Errorf("story %s leased to %s and %s", st.ID, o, mod.Name)
					}
					leased[st.ID] = mod.Name
					ds = append(ds, publish("d-"+st.ID, st))
				}
				mu.Unlock()
				res, err := s.Decide(ctx, mod, ds, t0)
				if err != nil {
					t.Errorf("Decide: %v", err)
					return
				}
				// the answer "was lost": push again on the other replica
				again, err := replicas[(m+round+1)%2].Decide(ctx, mod, ds, t0)
				if err != nil {
					t.Errorf("Decide again: %v", err)
					return
				}
				mu.Lock()
				for i := range res {
					if res[i].Status == storysync.ResultAccepted {
						accepted[res[i].ID]++
					}
					if again[i].Status != storysync.ResultDuplicate {
						t.Errorf("retry of %s: got %s, want duplicate", again[i].ID, again[i].Status)
					}
				}
				mu.Unlock()
			}
		}()
	}
	// a reader follows the feed while decisions commit; every page must
	// continue exactly where the last ended (seq has no gaps)
	stop := make(chan struct{})
	var seen []int64
	readerDone := make(chan struct{})
	go func() { // exits when stop is closed and the feed is drained
		defer close(readerDone)
		after := int64(0)
		for {
			page, err := b.History(ctx, HistoryFilter{After: after, Limit: 7})
			if err != nil {
				t.Errorf("History: %v", err)
				return
			}
			for _, it := range page {
				n, _ := ParseCursor(it.Cursor)
				seen = append(seen, n)
				after = n
			}
			if len(page) == 0 {
				select {
				case <-stop:
					return
				default:
				}
			}
		}
	}()
	wg.Wait()
	close(stop)
	<-readerDone

	if len(leased) != stories || len(accepted) != stories {
		t.Errorf("leased %d, accepted %d; want %d each", len(leased), len(accepted), stories)
	}
	for id, n := range accepted {
		if n != 1 {
			t.Errorf("decision %s accepted %d times, want 1", id, n)
		}
	}
	want := make([]int64, stories)
	for i := range want {
		want[i] = int64(i + 1)
	}
	if !slices.Equal(seen, want) {
		t.Errorf("feed read while writing: got %d cursors (first gap or repeat matters), want 1..%d in order", len(seen), stories)
	}
	var rows int
	if err := a.Pool().QueryRow(ctx, `SELECT count(*) FROM decisions`).Scan(&rows); err != nil || rows != stories {
		t.Errorf("decision rows: got %d, %v; want %d", rows, err, stories)
	}
	rep, err := b.VerifyChain(ctx)
	if err != nil || rep.Checked != stories || rep.BrokenID != "" {
		t.Errorf("VerifyChain = %+v, %v; want %d checked, none broken", rep, err, stories)
	}
	checkPGQueue(t, a)
}

func TestCopyToPostgres(t *testing.T) {
	ctx := context.Background()
	dst := openTestPG(t)
	defer dst.Close()
	src := openTestSQLite(t).(*SQLiteStore)
	defer src.Close()
	mod := User{Name: "mo", Role: RoleModerator}
	if err := src.AddUser(ctx, mod, HashToken("tok-mo")); err != nil {
		t.Fatal(err)
	}
	sub := t0.Add(-48 * time.Hour)
	batch := testStories("s", 6)
	batch[0].SubmittedAt = &sub
	if _, err := src.AddStories(ctx, batch); err != nil {
		t.Fatal(err)
	}
	st, _ := src.Claim(ctx, mod.Name, 4, time.Hour, t0)
	var ds []storysync.Decision
	for i, x := range st[:3] {
		ds = append(ds, publish(fmt.Sprintf("d%d", i), x))
	}
	if _, err := src.Decide(ctx, mod, ds, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}

	rep, err := CopyToPostgres(ctx, src, dst)
	if err != nil {
		t.Fatalf("CopyToPostgres: %v", err)
	}
	if rep != (CopyReport{Users: 1, Stories: 6, Decisions: 3}) {
		t.Errorf("copy report: got %+v, want 1 user, 6 stories, 3 decisions", rep)
	}
	if u, err := dst.UserByTokenHash(ctx, HashToken("tok-mo")); err != nil || u != mod {
		t.Errorf("copied token: got %v, %v; want %v", u, err, mod)
	}
	wantHist, _ := src.History(ctx, HistoryFilter{})
	gotHist, err := dst.History(ctx, HistoryFilter{})
	if err != nil || fmt.Sprint(gotHist) != fmt.Sprint(wantHist) {
		t.Errorf("history after copy:\ngot  %v, %v\nwant %v", gotHist, err, wantHist)
	}
	if chain, err := dst.VerifyChain(ctx); err != nil || chain.Checked != 3 || chain.BrokenID != "" {
		t.Errorf("chain after copy: got %+v, %v; want 3 checked, intact", chain, err)
	}
	for _, id := range []string{"s000", "s003", "s005"} {
		want, _ := src.Story(ctx, id)
		got, err := dst.Story(ctx, id)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("story %s after copy:\ngot  %+v, %v\nwant %+v", id, got, err, want)
		}
	}
	// the lease on s003 survives the move; its holder can still decide
	if res, err := dst.Decide(ctx, mod, []storysync.Decision{publish("d3", st[3])}, t0); err != nil || res[0].Status != storysync.ResultAccepted {
		t.Errorf("decision on a copied lease: got %v, %v; want accepted", res, err)
	}
	if _, err := dst.AddStories(ctx, testStories("n", 1)); err != nil {
		t.Errorf("AddStories after copy: %v", err)
	}
	if c, _ := dst.Claim(ctx, "max", 10, time.Hour, t0); len(c) != 3 || c[0].ID != "s004" || c[2].ID != "n000" {
		t.Errorf("claim after copy: got %d stories, want s004, s005, n000", len(c))
	}
	checkPGQueue(t, dst)
	if _, err := CopyToPostgres(ctx, src, dst); moderation.ErrorCode(err) != moderation.ECONFLICT {
		t.Errorf("copy into a non-empty store: got %v, want ECONFLICT", err)
	}
}

// TestReadyz checks /readyz on both stores: 200 while the database
// answers, 503 once it does not.
func TestReadyz(t *testing.T) {
	tests := []struct {
		name string
		open func(t *testing.T) Store
	}{
		{"sqlite", openTestSQLite},
		{"postgres", func(t *testing.T) Store { return openTestPG(t) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := tt.open(t)
			ts := httptest.NewServer(New(st, Options{}))
			defer ts.Close()
			get := func() int {
				res, err := http.Get(ts.URL + "/readyz")
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				return res.StatusCode
			}
			if got := get(); got != http.StatusOK {
				t.Errorf("readyz with the database up: got %d, want 200", got)
			}
			st.Close()
			if got := get(); got != http.StatusServiceUnavailable {
				t.Errorf("readyz with the database closed: got %d, want 503", got)
			}
		})
	}
}

// BenchmarkPGClaimDecide measures one claim of 50 stories and the push of
// their 50 decisions against PostgreSQL.
func BenchmarkPGClaimDecide(b *testing.B) {
	ctx := context.Background()
	s := openTestPG(b)
	defer s.Close()
	mod := User{Name: "mo", Role: RoleModerator}
	if _, err := s.AddStories(ctx, testStories("b", 50*b.N)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		st, err := s.Claim(ctx, mod.Name, 50, time.Hour, t0)
		if err != nil || len(st) != 50 {
			b.Fatalf("Claim = %d, %v", len(st), err)
		}
		ds := make([]storysync.Decision, len(st))
		for j, x := range st {
			ds[j] = publish(fmt.Sprintf("d%d-%d", i, j), x)
		}
		if _, err := s.Decide(ctx, mod, ds, t0); err != nil {
			b.Fatal(err)
		}
	}
}

// TestClaimOldestFirst checks on both stores that expired leases and
// never-leased stories come back in one oldest-first order.
func TestClaimOldestFirst(t *testing.T) {
	ctx := context.Background()
	for name, open := range map[string]func(t *testing.T) Store{
		"sqlite":   openTestSQLite,
		"postgres": func(t *testing.T) Store { return openTestPG(t) },
	} {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			if _, err := s.AddStories(ctx, testStories("s", 6)); err != nil {
				t.Fatal(err)
			}
			s.Claim(ctx, "a", 1, time.Hour, t0)   // s000 until t0+1h
			s.Claim(ctx, "b", 1, 3*time.Hour, t0) // s001 until t0+3h
			s.Claim(ctx, "c", 1, time.Hour, t0)   // s002 until t0+1h
			got, err := s.Claim(ctx, "d", 3, time.Hour, t0.Add(2*time.Hour))
			var ids []string
			for _, st := range got {
				ids = append(ids, st.ID)
			}
			if want := []string{"s000", "s002", "s003"}; err != nil || !slices.Equal(ids, want) {
				t.Errorf("claim at t0+2h: got %v, %v; want %v", ids, err, want)
			}
		})
	}
}

// TestClaimRequestReplaysOnBothStores runs the replay rules of
// RequestClaimer on SQLite and PostgreSQL, and on PostgreSQL a repeat
// sent to a second store (another replica) while the first runs.
func TestClaimRequestReplaysOnBothStores(t *testing.T) {
	ctx := context.Background()
	ids := func(ss []storysync.Story) (out []string) {
		for _, st := range ss {
			out = append(out, st.ID+"/"+st.LeaseID)
		}
		return out
	}
	for name, open := range map[string]func(t *testing.T) Store{
		"sqlite":   openTestSQLite,
		"postgres": func(t *testing.T) Store { return openTestPG(t) },
	} {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			defer st.Close()
			s := st.(interface {
				Store
				RequestClaimer
			})
			if _, err := s.AddStories(ctx, testStories("s", 10)); err != nil {
				t.Fatal(err)
			}
			first, err := s.ClaimRequest(ctx, "mo", "r1", 3, time.Hour, t0)
			if err != nil || len(first) != 3 {
				t.Fatalf("first claim: %d, %v; want 3", len(first), err)
			}
			again, _ := s.ClaimRequest(ctx, "mo", "r1", 3, time.Hour, t0.Add(time.Second))
			if got, want := ids(again), ids(first); !slices.Equal(got, want) {
				t.Errorf("replayed claim: got %v, want %v", got, want)
			}
			if !again[0].LeaseExpiresAt.Equal(t0.Add(time.Hour)) {
				t.Errorf("replayed lease expiry: got %v, want %v", again[0].LeaseExpiresAt, t0.Add(time.Hour))
			}
			other, _ := s.ClaimRequest(ctx, "max", "r1", 3, time.Hour, t0)
			if len(other) != 3 || other[0].ID == first[0].ID {
				t.Errorf("same request id from another user: got %v, want 3 new stories", ids(other))
			}
			if next, _ := s.ClaimRequest(ctx, "mo", "r2", 10, time.Hour, t0); len(next) != 4 {
				t.Errorf("new request: got %d, want the 4 left", len(next))
			}
			if _, err := s.Decide(ctx, User{Name: "mo", Role: RoleModerator}, []storysync.Decision{publish("d1", first[0])}, t0); err != nil {
				t.Fatal(err)
			}
			s.Release(ctx, "mo", []string{first[1].LeaseID})
			if again, _ := s.ClaimRequest(ctx, "mo", "r1", 3, time.Hour, t0); len(again) != 1 || again[0].ID != first[2].ID {
				t.Errorf("replay after a decision and a release: got %v, want only %s", ids(again), first[2].ID)
			}
			// a repeat after the lease expired is a new claim: the old
			// lease is no longer held, and anyone may take the story
			late := t0.Add(2 * time.Hour)
			again, err = s.ClaimRequest(ctx, "mo", "r1", 3, time.Hour, late)
			if err != nil || len(again) != 3 {
				t.Fatalf("repeat after the lease expired: %v, %v; want 3 stories", ids(again), err)
			}
			for _, st := range again {
				if st.LeaseID == first[2].LeaseID || !st.LeaseExpiresAt.Equal(late.Add(time.Hour)) {
					t.Errorf("repeat after the lease expired: %s lease %s until %v; want a new lease until %v", st.ID, st.LeaseID, st.LeaseExpiresAt, late.Add(time.Hour))
				}
			}
			if twice, _ := s.ClaimRequest(ctx, "mo", "r1", 3, time.Hour, late.Add(time.Second)); !slices.Equal(ids(twice), ids(again)) {
				t.Errorf("repeat of the late claim: got %v, want %v", ids(twice), ids(again))
			}
		})
	}
	t.Run("postgres, repeat on another replica at once", func(t *testing.T) {
		a := openTestPG(t)
		defer a.Close()
		var schema string
		a.Pool().QueryRow(ctx, `SELECT current_schema()`).Scan(&schema)
		u, _ := url.Parse(pgtest.DSN(t))
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		b, err := OpenPostgres(ctx, u.String())
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if _, err := a.AddStories(ctx, testStories("s", 100)); err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			req := fmt.Sprintf("r%d", i)
			var got [2][]storysync.Story
			var wg sync.WaitGroup
			for j, s := range []*PGStore{a, b} {
				wg.Add(1)
				go func() { // exits when the claim returns
					defer wg.Done()
					var err error
					if got[j], err = s.ClaimRequest(ctx, "mo", req, 5, time.Hour, t0); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if !slices.Equal(ids(got[0]), ids(got[1])) || len(got[0]) != 5 {
				t.Fatalf("claim %s sent to two replicas at once: got %v and %v, want the same 5", req, ids(got[0]), ids(got[1]))
			}
		}
	})
}

// BenchmarkPGClaim measures claims of 50 stories with a request id, one
// after another, against PostgreSQL: the store's part of a claim's latency.
func BenchmarkPGClaim(b *testing.B) {
	ctx := context.Background()
	s := openTestPG(b)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("b", 50*b.N)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		st, err := s.ClaimRequest(ctx, "mo", fmt.Sprintf("r%d", i), 50, time.Hour, t0)
		if err != nil || len(st) != 50 {
			b.Fatalf("Claim = %d, %v", len(st), err)
		}
	}
}

// checkPGQueue checks the queue's invariant: every pending story is in
// exactly one place (above the head, in the pool, or in one claim), and
// no decided story is in the pool or a claim.
func checkPGQueue(t *testing.T, s *PGStore) {
	t.Helper()
	var misplaced, stale int
	err := s.Pool().QueryRow(context.Background(), `WITH placed AS (
			SELECT seq FROM queue_pool
			UNION ALL SELECT unnest(seqs) FROM claims
			UNION ALL SELECT seq FROM stories, queue_head WHERE seq > head),
		n AS (SELECT seq, count(*) AS c FROM placed GROUP BY seq)
		SELECT
			(SELECT count(*) FROM stories s LEFT JOIN n USING (seq) WHERE s.status = 'pending' AND coalesce(n.c, 0) <> 1),
			(SELECT count(*) FROM stories s JOIN (SELECT seq FROM queue_pool UNION ALL SELECT unnest(seqs) FROM claims) p USING (seq)
				WHERE s.status <> 'pending')`).Scan(&misplaced, &stale)
	if err != nil || misplaced != 0 || stale != 0 {
		t.Errorf("queue: %d pending stories not in exactly one place, %d decided ones still queued (%v); want 0, 0", misplaced, stale, err)
	}
}

// TestPGRenewExtendsTheClaim: on PostgreSQL a lease is renewed by
// renewing its claim, so every story of that claim gets the new expiry.
func TestPGRenewExtendsTheClaim(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 3)); err != nil {
		t.Fatal(err)
	}
	mine, _ := s.Claim(ctx, "mo", 2, time.Hour, t0)
	if ren, err := s.Renew(ctx, "mo", []string{mine[0].LeaseID}, 2*time.Hour, t0.Add(30*time.Minute)); err != nil || ren[0].Status != storysync.LeaseRenewed {
		t.Fatalf("Renew = %+v, %v; want renewed", ren, err)
	}
	// at t0+90m the claim's first expiry has passed, the renewed one not
	got, _ := s.Claim(ctx, "max", 5, time.Hour, t0.Add(90*time.Minute))
	if want := []string{"s002"}; !slices.Equal(ids(got), want) {
		t.Errorf("claim after renewing one lease of the claim: got %v, want %v (both stories renewed)", ids(got), want)
	}
	det, err := s.Story(ctx, mine[1].ID)
	if err != nil || det.Story.LeaseExpiresAt == nil || !det.Story.LeaseExpiresAt.Equal(t0.Add(150*time.Minute)) {
		t.Errorf("the other story's lease: got %+v, %v; want expiring at %v", det, err, t0.Add(150*time.Minute))
	}
	// a lease that is not the holder's renews nothing
	if ren, _ := s.Renew(ctx, "max", []string{mine[1].LeaseID, mine[1].LeaseID + "0", "nope.1"}, time.Hour, t0); ren[0].Status != storysync.LeaseLost || ren[1].Status != storysync.LeaseLost || ren[2].Status != storysync.LeaseLost {
		t.Errorf("renew of another's or malformed leases: got %+v, want all lost", ren)
	}
	checkPGQueue(t, s)
}

// TestPGClaimBatches sends many claims to one store at once, so they go
// in batches: repeats of one request in the same batch replay the first,
// a request whose stories are all decided leases new ones, and no story
// is leased twice.
func TestPGClaimBatches(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 200)); err != nil {
		t.Fatal(err)
	}
	const users = 10
	var got [users][3][]storysync.Story
	var wg sync.WaitGroup
	for u := range users {
		for k := range 3 {
			wg.Add(1)
			go func() { // exits when the claim returns
				defer wg.Done()
				var err error
				if got[u][k], err = s.ClaimRequest(ctx, fmt.Sprintf("m%d", u), "r", 5, time.Hour, t0); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	owner := map[string]int{}
	for u := range users {
		if len(got[u][0]) != 5 || !slices.Equal(leases(got[u][0]), leases(got[u][1])) || !slices.Equal(leases(got[u][0]), leases(got[u][2])) {
			t.Fatalf("user %d sent request r three times at once: got %v, %v, %v; want the same 5 leases", u, leases(got[u][0]), leases(got[u][1]), leases(got[u][2]))
		}
		for _, st := range got[u][0] {
			if o, ok := owner[st.ID]; ok {
				t.Errorf("story %s leased to m%d and m%d", st.ID, o, u)
			}
			owner[st.ID] = u
		}
	}
	checkPGQueue(t, s)
	// all of m0's stories decided: the same request id leases new ones
	mo := User{Name: "m0", Role: RoleModerator}
	var ds []storysync.Decision
	for _, st := range got[0][0] {
		ds = append(ds, publish("d-"+st.ID, st))
	}
	if res, err := s.Decide(ctx, mo, ds, t0); err != nil || !slices.Equal(statuses(res), []string{"accepted", "accepted", "accepted", "accepted", "accepted"}) {
		t.Fatalf("Decide = %v, %v; want 5 accepted", res, err)
	}
	again, _ := s.ClaimRequest(ctx, "m0", "r", 5, time.Hour, t0)
	if want := []string{"s050", "s051", "s052", "s053", "s054"}; !slices.Equal(ids(again), want) {
		t.Errorf("request r after all its stories were decided: got %v, want %v", ids(again), want)
	}
	checkPGQueue(t, s)
}

// TestPGClaimStoriesForOlderReplicas checks that claim_stories, which
// replicas of the previous version call during an upgrade, answers a
// repeated request with the leases the store gave, and new claims after
// them.
func TestPGClaimStoriesForOlderReplicas(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 10)); err != nil {
		t.Fatal(err)
	}
	first, err := s.ClaimRequest(ctx, "mo", "r1", 3, time.Hour, t0)
	if err != nil {
		t.Fatal(err)
	}
	exp := t0.Add(time.Hour).UnixNano()
	rows, err := s.Pool().Query(ctx, `SELECT n, lease_id, seq FROM claim_stories($1, $2, $3, $4, $5)`,
		[]string{"mo", "ann"}, []string{"r1", "r2"}, []int32{3, 2}, []int64{t0.UnixNano(), t0.UnixNano()}, []int64{exp, exp})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var n int32
		var lease string
		var seq int64
		if err := rows.Scan(&n, &lease, &seq); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d:%s", n, lease))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, st := range first {
		want = append(want, "1:"+st.LeaseID)
	}
	if len(got) != 5 || !slices.Equal(got[:3], want) || !strings.HasPrefix(got[3], "2:") || !strings.HasSuffix(got[3], ".4") || !strings.HasSuffix(got[4], ".5") {
		t.Errorf("claim_stories: got %v; want %v (the replay of r1), then two new leases of seqs 4 and 5", got, want)
	}
	checkPGQueue(t, s)
}

func leases(ss []storysync.Story) []string {
	out := []string{}
	for _, st := range ss {
		out = append(out, st.ID+"/"+st.LeaseID)
	}
	return out
}

// TestPGMigrateKeepsLiveLeases upgrades a queue with live, expired and no
// leases in the per-story columns (migrations before 0004) and checks that
// every lease still works with its old id and the queue order holds.
func TestPGMigrateKeepsLiveLeases(t *testing.T) {
	ctx := context.Background()
	s, err := connectPostgres(ctx, pgtest.SchemaDSN(t, "t_"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	names, err := migrationNames()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		version := strings.TrimSuffix(strings.TrimPrefix(name, "pgmigrations/"), ".sql")
		if version >= "0004" {
			break
		}
		if _, err := s.migrateOne(ctx, name, version); err != nil {
			t.Fatal(err)
		}
	}
	hour := int64(time.Hour)
	now := t0.UnixNano()
	// s000 and s002 leased to mo by request r1, s003 leased to max and
	// expired, s004 decided, the others never leased
	if _, err := s.Pool().Exec(ctx, `INSERT INTO stories (id, title, body, status, version, lease_id, lease_holder, lease_expires_at, claim_request)
		VALUES ('s000', 't', 'b', 'pending', 1, 'L0', 'mo', $1, 'r1'),
			('s001', 't', 'b', 'pending', 1, NULL, NULL, 0, NULL),
			('s002', 't', 'b', 'pending', 1, 'L2', 'mo', $1, 'r1'),
			('s003', 't', 'b', 'pending', 1, 'L3', 'max', $2, NULL),
			('s004', 't', 'b', 'decided', 2, NULL, NULL, 0, NULL),
			('s005', 't', 'b', 'pending', 1, NULL, NULL, 0, NULL)`, now+hour, now-hour); err != nil {
		t.Fatal(err)
	}
	if applied, err := s.Migrate(ctx); err != nil || len(applied) == 0 || applied[0] != "0004_claims" {
		t.Fatalf("Migrate = %v, %v; want 0004_claims applied", applied, err)
	}
	checkPGQueue(t, s)

	replay, err := s.ClaimRequest(ctx, "mo", "r1", 10, time.Hour, t0)
	if want := []string{"s000/L0", "s002/L2"}; err != nil || !slices.Equal(leases(replay), want) {
		t.Errorf("replay of r1 after the upgrade: got %v, %v; want %v", leases(replay), err, want)
	}
	if ren, _ := s.Renew(ctx, "mo", []string{"L0", "L3"}, time.Hour, t0); ren[0].Status != storysync.LeaseRenewed || ren[0].StoryID != "s000" || ren[1].Status != storysync.LeaseLost {
		t.Errorf("renew of old lease ids: got %+v; want L0 renewed (s000), L3 lost (not mo's)", ren)
	}
	mo := User{Name: "mo", Role: RoleModerator}
	d := storysync.Decision{ID: "d2", StoryID: "s002", LeaseID: "L2", StoryVersion: 1, Action: "publish", DecidedAt: t0}
	if res, err := s.Decide(ctx, mo, []storysync.Decision{d}, t0); err != nil || res[0].Status != storysync.ResultAccepted {
		t.Errorf("decision on an old lease id: got %v, %v; want accepted", res, err)
	}
	got, _ := s.Claim(ctx, "ann", 2, time.Hour, t0)
	if want := []string{"s001", "s003"}; !slices.Equal(ids(got), want) {
		t.Errorf("claim after the upgrade: got %v, want %v (unleased, then expired, oldest first)", ids(got), want)
	}
	if rel, _ := s.Release(ctx, "mo", []string{"L0"}); rel[0].Status != storysync.LeaseReleased {
		t.Errorf("release of an old lease id: got %+v, want released", rel)
	}
	if got, _ := s.Claim(ctx, "ann", 5, time.Hour, t0); !slices.Equal(ids(got), []string{"s000", "s005"}) {
		t.Errorf("claim after the release: got %v, want [s000 s005]", ids(got))
	}
	if _, err := s.AddStories(ctx, testStories("n", 1)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Claim(ctx, "ann", 5, time.Hour, t0); !slices.Equal(ids(got), []string{"n000"}) {
		t.Errorf("claim of a story added after the upgrade: got %v, want [n000]", ids(got))
	}
	checkPGQueue(t, s)
}

// TestPGUserLookupsInBatches looks up many tokens at once (they go to the
// database in batches): each caller gets its own user, or ENOTFOUND.
func TestPGUserLookupsInBatches(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	const n = 40
	for i := range n {
		if err := s.AddUser(ctx, User{Name: fmt.Sprintf("u%d", i), Role: RoleModerator}, HashToken(fmt.Sprintf("tok-%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i := range 2 * n {
		wg.Add(1)
		go func() { // exits when the look-up returns
			defer wg.Done()
			u, err := s.UserByTokenHash(ctx, HashToken(fmt.Sprintf("tok-%d", i)))
			switch {
			case i < n && (err != nil || u.Name != fmt.Sprintf("u%d", i)):
				t.Errorf("token %d: got %v, %v; want u%d", i, u, err, i)
			case i >= n && moderation.ErrorCode(err) != moderation.ENOTFOUND:
				t.Errorf("unknown token %d: got %v, %v; want ENOTFOUND", i, u, err)
			}
		}()
	}
	wg.Wait()
}

// TestPGBodiesInBatches reads bodies for many pushes at once (they go to
// the database in batches): each caller gets the bodies of its own ids,
// known ones only, however the batches overlap.
func TestPGBodiesInBatches(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	stories := testStories("b", 30)
	for i := range stories {
		stories[i].Body = fmt.Sprintf("Story %d: the nurse Amy was kind to me.", i)
	}
	if _, err := s.AddStories(ctx, stories); err != nil {
		t.Fatal(err)
	}
	body := map[string]string{}
	for _, st := range stories {
		body[st.ID] = st.Body
	}
	var wg sync.WaitGroup
	for i := range 60 {
		// caller i asks for 3 stories from i/2 on (neighbours overlap) and
		// one that does not exist
		want := map[string]string{}
		ids := []string{fmt.Sprintf("missing-%d", i)}
		for j := i / 2; j < i/2+3 && j < len(stories); j++ {
			ids = append(ids, stories[j].ID)
			want[stories[j].ID] = body[stories[j].ID]
		}
		wg.Add(1)
		go func() { // exits when the look-up returns
			defer wg.Done()
			got, err := s.Bodies(ctx, ids)
			if err != nil || !maps.Equal(got, want) {
				t.Errorf("caller %d, ids %v: got %v, %v; want %v", i, ids, got, err, want)
			}
		}()
	}
	wg.Wait()
}

// TestPGClaimRefusesWhatWouldFailABatch: a request id PostgreSQL cannot
// store would fail every claim of its batch, so it is refused alone.
func TestPGClaimRefusesWhatWouldFailABatch(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimRequest(ctx, "mo", "r\x00", 1, time.Hour, t0); moderation.ErrorCode(err) != moderation.EINVALID {
		t.Errorf("request id with a NUL: got %v, want EINVALID", err)
	}
	if got, err := s.Claim(ctx, "mo", 0, time.Hour, t0); err != nil || len(got) != 0 {
		t.Errorf("claim of 0: got %v, %v; want nothing", ids(got), err)
	}
	if got, err := s.Claim(ctx, "mo", 5, time.Hour, t0); err != nil || len(got) != 3 {
		t.Errorf("claim after those: got %v, %v; want 3 stories", ids(got), err)
	}
}

func TestSeqRuns(t *testing.T) {
	for _, tc := range []struct {
		seqs, los, his []int64
	}{
		{nil, nil, nil},
		{[]int64{7}, []int64{7}, []int64{7}},
		{[]int64{3, 4, 5, 6}, []int64{3}, []int64{6}},
		{[]int64{9, 2, 3, 10, 5}, []int64{2, 5, 9}, []int64{3, 5, 10}},
		{[]int64{4, 4, 5}, []int64{4}, []int64{5}},
	} {
		los, his := seqRuns(tc.seqs)
		if !slices.Equal(los, tc.los) || !slices.Equal(his, tc.his) {
			t.Errorf("seqRuns(%v): got %v, %v; want %v, %v", tc.seqs, los, his, tc.los, tc.his)
		}
	}
}

// TestPGDecideRollsBackAFailedWrite makes Decide's write fail (a trigger
// refuses new decisions) and checks that nothing of the push stays: the
// leases still hold and the same push succeeds afterwards, on every
// connection of the pool.
func TestPGDecideRollsBackAFailedWrite(t *testing.T) {
	ctx := context.Background()
	s := openTestPG(t)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 4)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Claim(ctx, "mo", 4, time.Hour, t0)
	if err != nil || len(got) != 4 {
		t.Fatalf("Claim = %d stories, %v; want 4", len(got), err)
	}
	if _, err := s.Pool().Exec(ctx, `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
		CREATE TRIGGER refuse BEFORE INSERT ON decisions FOR EACH ROW EXECUTE FUNCTION refuse()`); err != nil {
		t.Fatal(err)
	}
	mo := User{Name: "mo", Role: RoleModerator}
	var ds []storysync.Decision
	for _, st := range got {
		ds = append(ds, publish("d-"+st.ID, st))
	}
	for i := range 3 {
		if res, err := s.Decide(ctx, mo, ds, t0); err == nil {
			t.Fatalf("Decide %d with the trigger: got %v, nil; want an error", i, res)
		}
	}
	if _, err := s.Pool().Exec(ctx, `DROP TRIGGER refuse ON decisions`); err != nil {
		t.Fatal(err)
	}
	ren, err := s.Renew(ctx, "mo", []string{got[0].LeaseID}, time.Hour, t0)
	if err != nil || ren[0].Status != storysync.LeaseRenewed {
		t.Errorf("Renew after the failed pushes: got %+v, %v; want renewed", ren, err)
	}
	// every connection of the pool answers, none left in a transaction
	var wg sync.WaitGroup
	for range DefaultPGPoolSize {
		wg.Add(1)
		go func() { // exits when the query returns
			defer wg.Done()
			var n int
			if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM decisions`).Scan(&n); err != nil || n != 0 {
				t.Errorf("decisions after the failed pushes: got %d, %v; want 0", n, err)
			}
		}()
	}
	wg.Wait()
	res, err := s.Decide(ctx, mo, ds, t0)
	if want := []string{"accepted", "accepted", "accepted", "accepted"}; err != nil || !slices.Equal(statuses(res), want) {
		t.Errorf("Decide after the trigger is gone: got %v, %v; want %v", statuses(res), err, want)
	}
	checkPGQueue(t, s)
}
