package server

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func testStories(prefix string, n int) []storysync.Story {
	out := make([]storysync.Story, n)
	for i := range out {
		out[i] = storysync.Story{ID: fmt.Sprintf("%s%03d", prefix, i), Title: "A visit", Body: "The nurse Amy was kind to me. Thank you.", Service: "Riverside A&E"}
	}
	return out
}

func publish(id string, st storysync.Story) storysync.Decision {
	return storysync.Decision{ID: id, StoryID: st.ID, LeaseID: st.LeaseID, StoryVersion: st.Version, Action: "publish", DecidedAt: t0}
}

func statuses(rs []storysync.DecisionResult) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Status
	}
	return out
}

// StoreSuite is the behaviour every Store implementation shares. open
// returns a fresh, empty store that the suite closes.
func StoreSuite(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	mod := User{Name: "mo", Role: RoleModerator}
	mod2 := User{Name: "max", Role: RoleModerator}
	sup := User{Name: "sue", Role: RoleSupervisor}
	fresh := func(t *testing.T, n int) Store {
		s := open(t)
		t.Cleanup(func() { s.Close() })
		if n > 0 {
			if _, err := s.AddStories(ctx, testStories("s", n)); err != nil {
				t.Fatalf("AddStories: %v", err)
			}
		}
		return s
	}

	t.Run("users", func(t *testing.T) {
		s := fresh(t, 0)
		if err := s.AddUser(ctx, mod, HashToken("tok-mo")); err != nil {
			t.Fatalf("AddUser: %v", err)
		}
		u, err := s.UserByTokenHash(ctx, HashToken("tok-mo"))
		if err != nil || u != mod {
			t.Errorf("UserByTokenHash = %v, %v; want %v", u, err, mod)
		}
		if _, err := s.UserByTokenHash(ctx, HashToken("other")); moderation.ErrorCode(err) != moderation.ENOTFOUND {
			t.Errorf("unknown token: got %v, want ENOTFOUND", err)
		}
		if err := s.AddUser(ctx, mod, HashToken("tok-2")); moderation.ErrorCode(err) != moderation.ECONFLICT {
			t.Errorf("same name again: got %v, want ECONFLICT", err)
		}
		if err := s.AddUser(ctx, User{Name: "x", Role: "boss"}, HashToken("tok-3")); moderation.ErrorCode(err) != moderation.EINVALID {
			t.Errorf("bad role: got %v, want EINVALID", err)
		}
	})

	t.Run("add stories is all or nothing", func(t *testing.T) {
		s := fresh(t, 2)
		batch := append(testStories("n", 3), storysync.Story{ID: "s001", Title: "t", Body: "again"})
		_, err := s.AddStories(ctx, batch)
		if got := ItemOf(err); got != 3 || moderation.ErrorCode(err) != moderation.ECONFLICT {
			t.Fatalf("AddStories with a known id: item %d, code %s; want item 3, ECONFLICT", got, moderation.ErrorCode(err))
		}
		if _, err := s.Story(ctx, "n000"); moderation.ErrorCode(err) != moderation.ENOTFOUND {
			t.Errorf("story of the refused batch: got %v, want ENOTFOUND", err)
		}
		got, _ := s.Claim(ctx, mod.Name, 10, time.Hour, t0)
		if len(got) != 2 {
			t.Errorf("claimable after refused batch: got %d, want 2", len(got))
		}
	})

	t.Run("claims are disjoint and bounded", func(t *testing.T) {
		s := fresh(t, 10)
		a, err := s.Claim(ctx, mod.Name, 4, time.Hour, t0)
		if err != nil || len(a) != 4 {
			t.Fatalf("Claim = %d stories, %v; want 4", len(a), err)
		}
		b, _ := s.Claim(ctx, mod2.Name, 10, time.Hour, t0)
		if len(b) != 6 {
			t.Fatalf("second Claim = %d; want 6", len(b))
		}
		seen := map[string]bool{}
		for _, st := range append(a, b...) {
			if seen[st.ID] {
				t.Errorf("story %s leased twice", st.ID)
			}
			seen[st.ID] = true
			if st.LeaseID == "" || st.LeaseExpiresAt == nil || !st.LeaseExpiresAt.Equal(t0.Add(time.Hour)) || st.Version != 1 || st.Body == "" {
				t.Errorf("claimed story %s: lease %q expires %v version %d; want a lease until %v, version 1", st.ID, st.LeaseID, st.LeaseExpiresAt, st.Version, t0.Add(time.Hour))
			}
		}
		if c, _ := s.Claim(ctx, mod2.Name, 10, time.Hour, t0.Add(59*time.Minute)); len(c) != 0 {
			t.Errorf("claim before expiry: got %d, want 0", len(c))
		}
		c, _ := s.Claim(ctx, mod2.Name, 10, time.Hour, t0.Add(time.Hour))
		if len(c) != 10 {
			t.Errorf("claim after expiry: got %d, want 10", len(c))
		}
	})

	t.Run("concurrent claims are disjoint", func(t *testing.T) {
		s := fresh(t, 200)
		var mu sync.Mutex
		owner := map[string]string{}
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Add(1)
			go func() { // exits when its claims are done
				defer wg.Done()
				name := fmt.Sprintf("m%d", w)
				for range 5 {
					got, err := s.Claim(ctx, name, 7, time.Hour, t0)
					if err != nil {
						t.Errorf("Claim: %v", err)
						return
					}
					mu.Lock()
					for _, st := range got {
						if o, ok := owner[st.ID]; ok {
							t.Errorf("story %s leased to %s and %s", st.ID, o, name)
						}
						owner[st.ID] = name
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(owner) != 200 {
			t.Errorf("stories claimed: got %d, want 200", len(owner))
		}
	})

	t.Run("decide", func(t *testing.T) {
		s := fresh(t, 4)
		mine, _ := s.Claim(ctx, mod.Name, 3, time.Hour, t0)
		theirs, _ := s.Claim(ctx, mod2.Name, 1, time.Hour, t0)
		d0 := publish("d0", mine[0])
		res, err := s.Decide(ctx, mod, []storysync.Decision{d0, d0Changed(d0, "d1", mine[1]), publish("d2", theirs[0])}, t0)
		if err != nil {
			t.Fatalf("Decide: %v", err)
		}
		if got, want := statuses(res), []string{"accepted", "accepted", "conflict"}; !slices.Equal(got, want) {
			t.Errorf("first batch: got %v, want %v", got, want)
		}
		if res[2].State == nil || res[2].State.LeaseHolder != mod2.Name || res[2].State.Status != "pending" {
			t.Errorf("conflict state: got %+v, want held by %s, pending", res[2].State, mod2.Name)
		}
		again := d0
		again.Moderator = "someone-else" // the server sets the moderator
		changed := d0
		changed.Action, changed.Reason = "reject", "commercial"
		late := publish("d3", mine[0])
		res, err = s.Decide(ctx, mod, []storysync.Decision{again, changed, late}, t0.Add(time.Minute))
		if err != nil {
			t.Fatalf("Decide: %v", err)
		}
		if got, want := statuses(res), []string{"duplicate", "conflict", "conflict"}; !slices.Equal(got, want) {
			t.Errorf("second batch: got %v, want %v", got, want)
		}
		if st := res[2].State; st == nil || st.Status != "decided" || st.LatestDecision == nil || st.LatestDecision.ID != "d0" || st.Version != 2 {
			t.Errorf("already decided state: got %+v, want decided v2 with latest d0", st)
		}
		// a moderator cannot override; a supervisor can, only the latest decision
		over := storysync.Decision{ID: "o1", StoryID: mine[0].ID, StoryVersion: 2, Action: "reject", Reason: "commercial", Note: "advert", Supersedes: "d0", DecidedAt: t0}
		res, _ = s.Decide(ctx, mod, []storysync.Decision{over}, t0)
		if got := statuses(res); !slices.Equal(got, []string{"conflict"}) {
			t.Errorf("moderator override: got %v, want conflict", got)
		}
		stale := over
		stale.ID, stale.Supersedes = "o2", "nope"
		res, _ = s.Decide(ctx, sup, []storysync.Decision{over, stale}, t0)
		if got := statuses(res); !slices.Equal(got, []string{"accepted", "conflict"}) {
			t.Errorf("supervisor overrides: got %v, want [accepted conflict]", got)
		}
		det, err := s.Story(ctx, mine[0].ID)
		if err != nil {
			t.Fatalf("Story: %v", err)
		}
		var ids []string
		for _, d := range det.Decisions {
			ids = append(ids, d.ID)
		}
		if !slices.Equal(ids, []string{"d0", "o1"}) || det.Story.Status != "decided" || det.Story.Version != 3 {
			t.Errorf("story after override: decisions %v status %s v%d; want [d0 o1] decided v3", ids, det.Story.Status, det.Story.Version)
		}
		if det.Decisions[0].Moderator != mod.Name || det.Decisions[1].Moderator != sup.Name {
			t.Errorf("moderators: got %s, %s; want %s, %s", det.Decisions[0].Moderator, det.Decisions[1].Moderator, mod.Name, sup.Name)
		}
		rep, err := s.VerifyChain(ctx)
		if err != nil || rep.Checked != 3 || rep.BrokenID != "" {
			t.Errorf("VerifyChain = %+v, %v; want 3 checked, none broken", rep, err)
		}
	})

	t.Run("escalate then supervisor decides", func(t *testing.T) {
		s := fresh(t, 1)
		st, _ := s.Claim(ctx, mod.Name, 1, time.Hour, t0)
		esc := storysync.Decision{ID: "e1", StoryID: st[0].ID, LeaseID: st[0].LeaseID, StoryVersion: 1, Action: "escalate", Reason: "complex", Note: "unsure", DecidedAt: t0}
		if res, _ := s.Decide(ctx, mod, []storysync.Decision{esc}, t0); !slices.Equal(statuses(res), []string{"accepted"}) {
			t.Fatalf("escalate: got %v, want accepted", statuses(res))
		}
		if c, _ := s.Claim(ctx, mod2.Name, 5, time.Hour, t0); len(c) != 0 {
			t.Errorf("escalated story claimable: got %d, want 0", len(c))
		}
		fin := storysync.Decision{ID: "f1", StoryID: st[0].ID, StoryVersion: 2, Action: "publish", Note: "fine", Supersedes: "e1", DecidedAt: t0}
		if res, _ := s.Decide(ctx, sup, []storysync.Decision{fin}, t0); !slices.Equal(statuses(res), []string{"accepted"}) {
			t.Errorf("supervisor decision: got %v, want accepted", statuses(res))
		}
	})

	t.Run("renew and release", func(t *testing.T) {
		s := fresh(t, 3)
		st, _ := s.Claim(ctx, mod.Name, 2, time.Hour, t0)
		res, err := s.Renew(ctx, mod.Name, []string{st[0].LeaseID, "unknown"}, 2*time.Hour, t0.Add(30*time.Minute))
		if err != nil {
			t.Fatalf("Renew: %v", err)
		}
		if res[0].Status != storysync.LeaseRenewed || !res[0].ExpiresAt.Equal(t0.Add(150*time.Minute)) || res[1].Status != storysync.LeaseLost {
			t.Errorf("Renew = %+v; want renewed until %v, then lost", res, t0.Add(150*time.Minute))
		}
		if res, _ := s.Renew(ctx, mod2.Name, []string{st[1].LeaseID}, time.Hour, t0); res[0].Status != storysync.LeaseLost {
			t.Errorf("renew of another's lease: got %s, want lost", res[0].Status)
		}
		rel, _ := s.Release(ctx, mod.Name, []string{st[1].LeaseID})
		if rel[0].Status != storysync.LeaseReleased || rel[0].StoryID != st[1].ID {
			t.Errorf("Release = %+v; want released %s", rel, st[1].ID)
		}
		c, _ := s.Claim(ctx, mod2.Name, 5, time.Hour, t0)
		if len(c) != 2 {
			t.Errorf("claim after release: got %d, want 2 (released + never claimed)", len(c))
		}
		res2, _ := s.Decide(ctx, mod, []storysync.Decision{publish("r1", st[1])}, t0)
		if !slices.Equal(statuses(res2), []string{"conflict"}) {
			t.Errorf("decision on released lease: got %v, want conflict", statuses(res2))
		}
	})

	t.Run("expired leases are taken one story at a time", func(t *testing.T) {
		s := fresh(t, 5)
		mine, _ := s.Claim(ctx, mod.Name, 3, time.Hour, t0) // s000-s002 until t0+1h
		later := t0.Add(2 * time.Hour)
		got, err := s.Claim(ctx, mod2.Name, 1, time.Hour, later)
		if err != nil || len(got) != 1 || got[0].ID != mine[0].ID {
			t.Fatalf("claim of 1 after expiry: got %v, %v; want %s", ids(got), err, mine[0].ID)
		}
		// the story taken over is lost to its first holder, with its new holder in the answer
		res, err := s.Decide(ctx, mod, []storysync.Decision{publish("x0", mine[0]), publish("x1", mine[1])}, later)
		if err != nil {
			t.Fatalf("Decide: %v", err)
		}
		if got, want := statuses(res), []string{"conflict", "accepted"}; !slices.Equal(got, want) {
			t.Errorf("decisions on an expired lease taken over and one not taken: got %v, want %v", got, want)
		}
		if st := res[0].State; st == nil || st.LeaseHolder != mod2.Name || st.Status != "pending" {
			t.Errorf("conflict state: got %+v, want pending, held by %s", st, mod2.Name)
		}
		// an expired lease not taken over can still be renewed
		ren, _ := s.Renew(ctx, mod.Name, []string{mine[0].LeaseID, mine[2].LeaseID}, time.Hour, later)
		if ren[0].Status != storysync.LeaseLost || ren[1].Status != storysync.LeaseRenewed || ren[1].StoryID != mine[2].ID {
			t.Errorf("renew after expiry: got %+v; want lost, then %s renewed", ren, mine[2].ID)
		}
		rest, _ := s.Claim(ctx, mod2.Name, 5, time.Hour, later)
		if got, want := ids(rest), []string{"s003", "s004"}; !slices.Equal(got, want) {
			t.Errorf("claim after the renewal: got %v, want %v", got, want)
		}
	})

	t.Run("released stories come back first, oldest first", func(t *testing.T) {
		s := fresh(t, 6)
		mine, _ := s.Claim(ctx, mod.Name, 4, time.Hour, t0) // s000-s003
		rel, err := s.Release(ctx, mod.Name, []string{mine[2].LeaseID, mine[1].LeaseID, mine[1].LeaseID})
		if err != nil {
			t.Fatalf("Release: %v", err)
		}
		if rel[0].Status != storysync.LeaseReleased || rel[1].Status != storysync.LeaseReleased || rel[2].Status != storysync.LeaseLost {
			t.Errorf("Release = %+v; want released, released, then lost (given twice)", rel)
		}
		got, _ := s.Claim(ctx, mod2.Name, 3, time.Hour, t0)
		if want := []string{"s001", "s002", "s004"}; !slices.Equal(ids(got), want) {
			t.Errorf("claim after release: got %v, want %v", ids(got), want)
		}
		// what was not released stays leased; its holder decides it
		res, _ := s.Decide(ctx, mod, []storysync.Decision{publish("k0", mine[0]), publish("k3", mine[3])}, t0)
		if want := []string{"accepted", "accepted"}; !slices.Equal(statuses(res), want) {
			t.Errorf("decisions on the leases kept: got %v, want %v", statuses(res), want)
		}
		if last, _ := s.Claim(ctx, mod.Name, 5, time.Hour, t0); !slices.Equal(ids(last), []string{"s005"}) {
			t.Errorf("last claim: got %v, want [s005]", ids(last))
		}
	})

	t.Run("history feed", func(t *testing.T) {
		s := fresh(t, 5)
		st, _ := s.Claim(ctx, mod.Name, 5, time.Hour, t0)
		var ds []storysync.Decision
		for i, x := range st {
			d := publish(fmt.Sprintf("h%d", i), x)
			if i%2 == 1 {
				d.Action, d.Reason = "reject", "commercial"
			}
			ds = append(ds, d)
		}
		if _, err := s.Decide(ctx, mod, ds, t0); err != nil {
			t.Fatal(err)
		}
		var got []string
		after := int64(0)
		for {
			page, err := s.History(ctx, HistoryFilter{After: after, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, it := range page {
				got = append(got, it.ID)
			}
			after, _ = ParseCursor(page[len(page)-1].Cursor)
		}
		if want := []string{"h0", "h1", "h2", "h3", "h4"}; !slices.Equal(got, want) {
			t.Errorf("paged history: got %v, want %v", got, want)
		}
		rej, _ := s.History(ctx, HistoryFilter{Action: "reject"})
		if len(rej) != 2 || rej[0].ID != "h1" {
			t.Errorf("reject filter: got %d items, want 2 starting h1", len(rej))
		}
		if other, _ := s.History(ctx, HistoryFilter{Moderator: "max"}); len(other) != 0 {
			t.Errorf("moderator filter: got %d, want 0", len(other))
		}
	})
}

func ids(ss []storysync.Story) []string {
	out := []string{}
	for _, st := range ss {
		out = append(out, st.ID)
	}
	return out
}

func d0Changed(d storysync.Decision, id string, st storysync.Story) storysync.Decision {
	d.ID, d.StoryID, d.LeaseID = id, st.ID, st.LeaseID
	d.Action, d.Reason = "reject", "commercial"
	return d
}
