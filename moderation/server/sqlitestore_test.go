package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	storysync "github.com/storydesk/storydesk/moderation/sync"
)

func openTestSQLite(t *testing.T) Store {
	t.Helper()
	s, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatalf("OpenSQLite: %v", err)
	}
	return s
}

func TestSQLiteStore(t *testing.T) { StoreSuite(t, openTestSQLite) }

func TestSQLiteFileMode(t *testing.T) {
	ctx := context.Background()
	// '#', '?' and '%' mean something in the SQLite URI the file is opened by
	for i, name := range []string{"server.db", "team#1.db", "what?.db", "50%25.db"} {
		t.Run(fmt.Sprint(i), func(t *testing.T) { // not name: t.TempDir's path holds the test's name
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			s, err := OpenSQLite(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddStories(ctx, testStories("s", 1)); err != nil {
				t.Fatal(err)
			}
			s.Close()
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != 0o600 || fi.Size() == 0 {
				t.Errorf("db file %s: got mode %o, %d bytes; want mode 600, the stories", name, got, fi.Size())
			}
			var files []string
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				files = append(files, e.Name())
			}
			if !slices.Equal(files, []string{name}) {
				t.Errorf("files in the directory: got %q, want only %q", files, name)
			}
			s, err = OpenSQLite(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Story(ctx, "s000"); err != nil {
				t.Errorf("story after reopening %s: %v", name, err)
			}
		})
	}
}

func TestVerifyChainFindsTampering(t *testing.T) {
	ctx := context.Background()
	s := openTestSQLite(t).(*SQLiteStore)
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
	if rep, err := s.VerifyChain(ctx); err != nil || rep.Checked != 3 || rep.BrokenID != "" {
		t.Fatalf("intact chain: got %+v, %v; want 3 checked", rep, err)
	}
	if _, err := s.DB().ExecContext(ctx, `UPDATE decisions SET doc = replace(doc, '"publish"', '"reject"') WHERE id = 'b'`); err != nil {
		t.Fatal(err)
	}
	rep, err := s.VerifyChain(ctx)
	if err != nil || rep.BrokenID != "b" || rep.BrokenSeq != 2 || rep.Checked != 1 {
		t.Errorf("tampered chain: got %+v, %v; want broken at b (seq 2) after 1 checked", rep, err)
	}
}

func TestClaimRequestReplays(t *testing.T) {
	ctx := context.Background()
	s := openTestSQLite(t).(*SQLiteStore)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 10)); err != nil {
		t.Fatal(err)
	}
	ids := func(ss []storysync.Story) (out []string) {
		for _, st := range ss {
			out = append(out, st.ID+"/"+st.LeaseID)
		}
		return out
	}
	first, err := s.ClaimRequest(ctx, "mo", "r1", 3, time.Hour, t0)
	if err != nil || len(first) != 3 {
		t.Fatalf("first claim: %d, %v; want 3", len(first), err)
	}
	again, _ := s.ClaimRequest(ctx, "mo", "r1", 3, time.Hour, t0.Add(time.Second))
	if got, want := ids(again), ids(first); !slices.Equal(got, want) {
		t.Errorf("replayed claim: got %v, want %v", got, want)
	}
	other, _ := s.ClaimRequest(ctx, "max", "r1", 3, time.Hour, t0)
	if len(other) != 3 || other[0].ID == first[0].ID {
		t.Errorf("same request id from another user: got %v, want 3 new stories", ids(other))
	}
	next, _ := s.ClaimRequest(ctx, "mo", "r2", 10, time.Hour, t0)
	if len(next) != 4 {
		t.Errorf("new request: got %d, want the 4 left", len(next))
	}
	if _, err := s.Decide(ctx, User{Name: "mo", Role: RoleModerator}, []storysync.Decision{publish("d1", first[0])}, t0); err != nil {
		t.Fatal(err)
	}
	s.Release(ctx, "mo", []string{first[1].LeaseID})
	if again, _ := s.ClaimRequest(ctx, "mo", "r1", 3, time.Hour, t0); len(again) != 1 || again[0].ID != first[2].ID {
		t.Errorf("replay after a decision and a release: got %v, want only %s", ids(again), first[2].ID)
	}
}

func TestOpenAddsClaimRequestColumn(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `ALTER TABLE stories DROP COLUMN claim_request`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = OpenSQLite(ctx, path)
	if err != nil {
		t.Fatalf("reopen an older file: %v", err)
	}
	defer s.Close()
	s.AddStories(ctx, testStories("s", 1))
	if got, err := s.ClaimRequest(ctx, "mo", "r", 1, time.Hour, t0); err != nil || len(got) != 1 {
		t.Errorf("claim on the upgraded file: %d, %v; want 1", len(got), err)
	}
}

// Decide judges a batch in order: a decision sees the effect of the ones
// before it in the same batch, as if they had been pushed one by one.
func TestSQLiteDecideSeesEarlierDecisionsOfItsBatch(t *testing.T) {
	ctx := context.Background()
	s := openTestSQLite(t).(*SQLiteStore)
	defer s.Close()
	if _, err := s.AddStories(ctx, testStories("s", 2)); err != nil {
		t.Fatal(err)
	}
	st, _ := s.Claim(ctx, "sue", 2, time.Hour, t0)
	sup := User{Name: "sue", Role: RoleSupervisor}
	d0 := publish("d0", st[0])
	over := storysync.Decision{ID: "o1", StoryID: st[0].ID, StoryVersion: 2, Action: "reject", Reason: "commercial", Note: "advert", Supersedes: "d0", DecidedAt: t0}
	late := publish("d2", st[0])  // same lease, but the story is decided by now
	other := publish("d3", st[1]) // unaffected
	changed := d0                 // same id, other content
	changed.Action, changed.Reason = "reject", "commercial"
	res, err := s.Decide(ctx, sup, []storysync.Decision{d0, over, d0, late, changed, other}, t0)
	if err != nil {
		t.Fatalf("Decide: %v", err)
	}
	if got, want := statuses(res), []string{"accepted", "accepted", "duplicate", "conflict", "conflict", "accepted"}; !slices.Equal(got, want) {
		t.Fatalf("statuses: got %v, want %v", got, want)
	}
	if st := res[3].State; st == nil || st.Status != "decided" || st.Version != 3 || st.LatestDecision == nil || st.LatestDecision.ID != "o1" || st.LeaseHolder != "" {
		t.Errorf("conflict state: got %+v, want decided v3, latest o1, no lease", st)
	}
	if st := res[4].State; st == nil || st.Reason != "decision id already used with different content" {
		t.Errorf("reused id state: got %+v, want the reused-id reason", st)
	}
	det, err := s.Story(ctx, st[0].ID)
	if err != nil || det.Story.Status != "decided" || det.Story.Version != 3 || len(det.Decisions) != 2 {
		t.Errorf("story: %+v, %v; want decided v3 with 2 decisions", det, err)
	}
	if rep, err := s.VerifyChain(ctx); err != nil || rep.Checked != 3 || rep.BrokenID != "" {
		t.Errorf("VerifyChain = %+v, %v; want 3 intact", rep, err)
	}
	// a later batch reads the state the earlier one wrote
	res, err = s.Decide(ctx, sup, []storysync.Decision{publish("d4", st[1])}, t0)
	if err != nil || res[0].Status != "conflict" || res[0].State.Version != 2 {
		t.Errorf("next batch: got %+v, %v; want conflict at version 2", res, err)
	}
}

// An accepted decision is gone from the client's outbox, so the commit
// that accepted it must survive a power cut, not only a crash of the
// process: in WAL mode that takes synchronous FULL (2), as the app's own
// store has.
func TestSQLiteSyncsEveryCommit(t *testing.T) {
	s := openTestSQLite(t).(*SQLiteStore)
	defer s.Close()
	var got int
	if err := s.DB().QueryRowContext(context.Background(), `PRAGMA synchronous`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != 2 {
		t.Errorf("PRAGMA synchronous: got %d, want 2 (FULL)", got)
	}
}
