package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation/server"
	storysync "github.com/storydesk/storydesk/moderation/sync"
)

func runOK(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	if err := run(context.Background(), args, &out, &errb); err != nil {
		t.Fatalf("run %v: %v\nstderr: %s", args, err, errb.String())
	}
	return out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodJSONL = `{"id": "a1", "title": "Kind nurses", "body": "The nurses on ward 4 were kind.", "expected_decision": "publish", "reason": "", "spans": [], "clean": true, "notes": "n"}

{"id": "a2", "title": "Long wait", "body": "Four hours in A&E 😞", "service": "Riverside A&E", "service_type": "a_and_e", "submitted_at": "2026-02-01T10:00:00Z", "author_role": "patient"}
`

func TestUserAddStoresOnlyTheHash(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	out, _ := runOK(t, "user", "add", "--db", db, "--name", "mo", "--role", "moderator")
	token := strings.TrimSpace(out)
	if !strings.HasPrefix(token, "sdk_") || len(token) < 40 {
		t.Fatalf("token: got %q, want sdk_ and 43 random characters", token)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(token)) {
		t.Errorf("the database holds the token in clear")
	}
	st, _ := server.OpenSQLite(context.Background(), db)
	defer st.Close()
	if u, err := st.UserByTokenHash(context.Background(), server.HashToken(token)); err != nil || u.Name != "mo" {
		t.Errorf("user by token: %v, %v; want mo", u, err)
	}
	for _, args := range [][]string{{"--name", "x", "--role", "boss"}, {"--role", "admin"}, {"--name", "mo", "--role", "admin"}} {
		var o, e bytes.Buffer
		if err := run(context.Background(), append([]string{"user", "add", "--db", db}, args...), &o, &e); err == nil || o.Len() > 0 {
			t.Errorf("user add %v: got err %v, stdout %q; want an error and no token", args, err, o.String())
		}
	}
}

func TestImport(t *testing.T) {
	tests := []struct {
		name, content, wantErr string
	}{
		{"bad JSON on line 2", `{"id":"b1","title":"t","body":"x"}` + "\n" + `{"id":"b2","title":"t",` + "\n", "bad.jsonl:2: line: invalid JSON"},
		{"missing body", `{"id":"b1","title":"t","body":"x"}` + "\n\n" + `{"id":"b2","title":"t"}`, "bad.jsonl:3: body: missing"},
		{"invalid UTF-8", `{"id":"b1","title":"t","body":"x` + "\xff" + `"}`, "bad.jsonl:1: line: not valid UTF-8"},
		{"duplicate id", `{"id":"b1","title":"t","body":"x"}` + "\n" + `{"id":"b1","title":"t","body":"y"}`, "bad.jsonl:2: id: b1 appears twice"},
		{"bad date", `{"id":"b1","title":"t","body":"x","submitted_at":"yesterday"}`, "bad.jsonl:1: submitted_at"},
		{"id already on the server", `{"id":"b9","title":"t","body":"x"}` + "\n" + `{"id":"a1","title":"t","body":"x"}`, "bad.jsonl:2: story a1 exists already"},
		{"wrong type", `{"id":7,"title":"t","body":"x"}`, "bad.jsonl:1: id: wrong type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			out, _ := runOK(t, "import", "--db", db, writeFile(t, "good.jsonl", goodJSONL))
			if !strings.Contains(out, "imported 2 pending stories") {
				t.Fatalf("good import: got %q, want 2 imported", out)
			}
			var o, e bytes.Buffer
			err := run(context.Background(), []string{"import", "--db", db, writeFile(t, "bad.jsonl", tt.content)}, &o, &e)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "nothing imported") {
				t.Fatalf("bad import: got %v, want %q ... nothing imported", err, tt.wantErr)
			}
			st, _ := server.OpenSQLite(context.Background(), db)
			defer st.Close()
			got, _ := st.Claim(context.Background(), "mo", 100, time.Hour, time.Now())
			if len(got) != 2 {
				t.Errorf("stories on the server: got %d, want 2 (the bad file added none)", len(got))
			}
		})
	}
}

func TestImportDevSet(t *testing.T) {
	const dev = "/work/shared/benchmarks/stories-dev/stories.jsonl"
	if _, err := os.Stat(dev); err != nil {
		t.Skip("dev set not present")
	}
	out, _ := runOK(t, "import", "--db", filepath.Join(t.TempDir(), "s.db"), dev)
	if !strings.Contains(out, "imported 80 ") {
		t.Errorf("dev set import: got %q, want 80 stories", out)
	}
}

func TestExportAndVerify(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "s.db")
	runOK(t, "import", "--db", db, writeFile(t, "good.jsonl", goodJSONL))
	st, _ := server.OpenSQLite(ctx, db)
	claimed, _ := st.Claim(ctx, "mo", 2, time.Hour, time.Now())
	for i, c := range claimed {
		d := storysync.Decision{ID: "d" + c.ID, StoryID: c.ID, LeaseID: c.LeaseID, StoryVersion: 1, Action: "publish", DecidedAt: time.Now()}
		if i == 1 {
			d.Action, d.Reason = "reject", "too_old"
		}
		if _, err := st.Decide(ctx, server.User{Name: "mo", Role: server.RoleModerator}, []storysync.Decision{d}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	out, errOut := runOK(t, "export", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(errOut, `--after "2"`) {
		t.Fatalf("export: %d lines, stderr %q; want 2 and next cursor 2", len(lines), errOut)
	}
	var it storysync.HistoryItem
	if err := json.Unmarshal([]byte(lines[1]), &it); err != nil || it.ID != "da2" || it.Action != "reject" || it.Cursor != "2" {
		t.Errorf("second export line: %+v, %v; want da2 reject at cursor 2", it, err)
	}
	if out, _ := runOK(t, "export", "--db", db, "--after", "1"); strings.Count(out, "\n") != 1 {
		t.Errorf("export --after 1: got %q, want one line", out)
	}
	if out, _ := runOK(t, "verify", "--db", db); out != "chain intact: 2 decisions\n" {
		t.Errorf("verify: got %q", out)
	}
	st, _ = server.OpenSQLite(ctx, db)
	st.DB().Exec(`UPDATE decisions SET doc = replace(doc, 'too_old', 'commercial') WHERE id = 'da2'`)
	st.Close()
	var o, e bytes.Buffer
	err := run(ctx, []string{"verify", "--db", db}, &o, &e)
	if err == nil || !strings.Contains(err.Error(), "chain broken at decision da2 (sequence 2)") {
		t.Errorf("verify after tampering: got %v, want broken at da2", err)
	}
	if err := run(ctx, []string{"verify", "--db", filepath.Join(t.TempDir(), "missing.db")}, &o, &e); err == nil {
		t.Errorf("verify of a missing file: got nil, want an error")
	}
}

// syncBuffer is a bytes.Buffer safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:8080"} {
		var o, e bytes.Buffer
		err := run(context.Background(), []string{"serve", "--db", db, "--addr", addr}, &o, &e)
		if err == nil || !strings.Contains(err.Error(), "not a loopback address") {
			t.Errorf("serve on %s without TLS: got %v, want a refusal", addr, err)
		}
	}
	for _, addr := range []string{"0.0.0.0:6060", ":6060", "192.0.2.1:6060"} {
		var o, e bytes.Buffer
		err := run(context.Background(), []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--pprof", addr}, &o, &e)
		if err == nil || !strings.Contains(err.Error(), "must be a loopback address") {
			t.Errorf("serve --pprof %s: got %v, want a refusal", addr, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, &out, &errb) }()
	var url string
	for range 200 {
		if s := out.String(); strings.Contains(s, "listening on ") {
			url = strings.TrimSpace(s[strings.Index(s, "listening on ")+len("listening on "):])
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if url == "" {
		t.Fatalf("server did not start: %s", errb.String())
	}
	c := storysync.NewClient(url, "sdk_nobody")
	c.Backoff.Attempts = 1
	if _, err := c.Claim(context.Background(), 1); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("claim with an unknown token: got %v, want 401", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after cancel: %v", err)
	}
	if strings.Contains(errb.String(), "sdk_nobody") {
		t.Errorf("the log holds a token: %s", errb.String())
	}
}
