package server

import (
	"context"
	"os"
	"path/filepath"
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
