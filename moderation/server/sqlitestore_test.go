package server

import (
	"context"
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
	path := filepath.Join(t.TempDir(), "server.db")
	s, err := OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("db file mode: got %o, want 600", got)
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
