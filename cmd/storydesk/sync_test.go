package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/server"
	"github.com/storydesk/storydesk/moderation/sqlite"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

// syncServer runs the real queue handler with n stories and a moderator;
// it returns the URL and the moderator's token.
func syncServer(t *testing.T, n int) (*httptest.Server, string) {
	t.Helper()
	ctx := context.Background()
	st, err := server.OpenSQLite(ctx, filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var stories []storysync.Story
	for i := range n {
		stories = append(stories, storysync.Story{ID: fmt.Sprintf("q%02d", i), Title: "A visit", Body: "The staff on ward 3 were kind."})
	}
	if _, err := st.AddStories(ctx, stories); err != nil {
		t.Fatal(err)
	}
	tok, _ := server.NewToken()
	if err := st.AddUser(ctx, server.User{Name: "mo", Role: server.RoleModerator}, server.HashToken(tok)); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(st, server.Options{}))
	t.Cleanup(srv.Close)
	return srv, tok
}

func syncRun(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"sync"}, args...), &out, &errb)
	return out.String() + errb.String(), err
}

func TestSyncRound(t *testing.T) {
	srv, tok := syncServer(t, 5)
	t.Setenv(envToken, tok)
	db := filepath.Join(t.TempDir(), "local.db")
	out, err := syncRun(t, "--server", srv.URL, "--db", db, "--max", "3")
	if err != nil || out != "pushed 0: 0 accepted, 0 duplicate, 0 conflict\nclaimed 3\n" {
		t.Fatalf("first sync: %q, %v; want 3 claimed", out, err)
	}
	ctx := context.Background()
	ls, err := sqlite.Open(ctx, db, sqlite.Options{Moderator: "mo"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []moderation.StoryID{"q00", "q01"} {
		if err := ls.Decide(ctx, moderation.Decision{ID: "d-" + string(id), StoryID: id, Action: moderation.Publish}); err != nil {
			t.Fatal(err)
		}
	}
	ls.Close()
	out, err = syncRun(t, "--server", srv.URL, "--db", db, "--max", "3")
	want := "pushed 2: 2 accepted, 0 duplicate, 0 conflict\nrenewed 1 leases, 0 lost\nclaimed 2\n"
	if err != nil || out != want {
		t.Errorf("second sync: got %q, %v; want %q", out, err, want)
	}
}

func TestSyncServerDown(t *testing.T) {
	srv, tok := syncServer(t, 2)
	t.Setenv(envToken, tok)
	db := filepath.Join(t.TempDir(), "local.db")
	if _, err := syncRun(t, "--server", srv.URL, "--db", db); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ls, _ := sqlite.Open(ctx, db, sqlite.Options{Moderator: "mo"})
	ls.Decide(ctx, moderation.Decision{ID: "d1", StoryID: "q00", Action: moderation.Publish})
	ls.Close()
	srv.Close()
	_, err := syncRun(t, "--server", srv.URL, "--db", db)
	if moderation.ErrorCode(err) != moderation.EUNAVAILABLE || !strings.Contains(err.Error(), "1 decisions wait in the outbox") {
		t.Errorf("sync with the server down: got %v, want EUNAVAILABLE with 1 waiting", err)
	}
}

func TestSyncToken(t *testing.T) {
	srv, tok := syncServer(t, 1)
	t.Setenv(envToken, "")
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	db := filepath.Join(t.TempDir(), "local.db")
	if _, err := syncRun(t, "--server", srv.URL, "--db", db); err == nil || !strings.Contains(err.Error(), "no token") {
		t.Errorf("no token anywhere: got %v, want a no-token error", err)
	}
	dir, _ := os.UserConfigDir()
	file := filepath.Join(dir, "storydesk", "token")
	os.MkdirAll(filepath.Dir(file), 0o700)
	os.WriteFile(file, []byte(tok+"\n"), 0o644)
	if _, err := syncRun(t, "--server", srv.URL, "--db", db); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("token file 0644: got %v, want a mode error", err)
	}
	os.Chmod(file, 0o600)
	if out, err := syncRun(t, "--server", srv.URL, "--db", db); err != nil || !strings.Contains(out, "claimed 1") {
		t.Errorf("token file 0600: got %q, %v; want claimed 1", out, err)
	}
	t.Setenv(envToken, "sdk_wrong")
	if _, err := syncRun(t, "--server", srv.URL, "--db", db); moderation.ErrorCode(err) != moderation.EUNAUTHORIZED {
		t.Errorf("wrong token: got %v, want EUNAUTHORIZED", err)
	}
}

func TestSyncServerURL(t *testing.T) {
	t.Setenv(envToken, "x")
	for _, u := range []string{"", "ftp://x", "http://queue.example.org", "not a url"} {
		if _, err := syncRun(t, "--server", u, "--db", filepath.Join(t.TempDir(), "l.db")); moderation.ErrorField(err) != "server" {
			t.Errorf("--server %q: got %v, want an error naming server", u, err)
		}
	}
}
