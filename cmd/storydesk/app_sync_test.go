package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/server"
	"github.com/storydesk/storydesk/moderation/sqlite"
	storysync "github.com/storydesk/storydesk/moderation/sync"
	"github.com/storydesk/storydesk/ui"
)

// TestServicesSettings: settings are saved with the secrets in 0600 files
// (never in settings.json or the log), a bad value writes nothing, and the
// clients follow what was saved.
func TestServicesSettings(t *testing.T) {
	for _, env := range []string{"STORYDESK_SERVER", envToken, "STORYDESK_AI_BASE_URL", "STORYDESK_AI_MODEL", "STORYDESK_AI_API_KEY"} {
		t.Setenv(env, "")
	}
	ctx := context.Background()
	// a real queue server with one story for this moderator
	ss, err := server.OpenSQLite(ctx, filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	srv := httptest.NewServer(server.New(ss, server.Options{}))
	defer srv.Close()
	admin, mod := newUser(t, ss, "admin", server.RoleAdmin), newUser(t, ss, "mo", server.RoleModerator)
	if _, err := storysync.NewClient(srv.URL, admin).AddStories(ctx, []storysync.Story{{ID: "x1", Title: "A visit", Body: "All fine."}}); err != nil {
		t.Fatal(err)
	}

	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "app.db"), sqlite.Options{Moderator: "mo"})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var logs bytes.Buffer
	dir := filepath.Join(t.TempDir(), "storydesk")
	svc, err := newServices(dir, store, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	if svc.sync.Configured() || svc.ai.Enabled() {
		t.Fatal("configured before any setting")
	}

	bad := ui.Settings{ServerURL: "http://queue.example.org", Token: mod}
	if err := svc.Save(ctx, bad); moderation.ErrorCode(err) != moderation.EINVALID {
		t.Fatalf("plain http to another host: got %v, want EINVALID", err)
	}
	if _, err := os.Stat(filepath.Join(dir, tokenFileName)); !os.IsNotExist(err) {
		t.Fatalf("token written for invalid settings: %v", err)
	}
	if err := svc.Save(ctx, ui.Settings{AIBaseURL: "http://127.0.0.1:1/v1"}); moderation.ErrorCode(err) != moderation.EINVALID {
		t.Errorf("AI URL without a model: got %v, want EINVALID", err)
	}

	good := ui.Settings{ServerURL: srv.URL, Token: mod, AIBaseURL: "http://127.0.0.1:9/v1", AIModel: "m", AIKey: "sk-test-key"}
	if err := svc.Save(ctx, good); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{settingsFileName, tokenFileName, aiKeyFileName} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: got %v, %v; want mode 0600", name, fi.Mode().Perm(), err)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(dir, settingsFileName))
	if strings.Contains(string(raw), mod) || strings.Contains(string(raw), "sk-test-key") {
		t.Errorf("settings.json holds a secret: %s", raw)
	}
	got, err := svc.Load()
	if err != nil || got.ServerURL != srv.URL || !got.TokenSet || got.Token != "" || !got.AIKeySet || got.AIKey != "" {
		t.Errorf("Load: got %+v, %v; want the URL, secrets set but not returned", got, err)
	}
	if !svc.sync.Configured() || !svc.ai.Enabled() {
		t.Fatalf("after save: sync %v, ai %v; want both on", svc.sync.Configured(), svc.ai.Enabled())
	}
	if d := svc.DescribeAI(got); !strings.Contains(d, "127.0.0.1:9") {
		t.Errorf("DescribeAI: got %q", d)
	}
	rep, err := svc.sync.Sync(ctx, nil)
	if err != nil || rep.Claimed != 1 {
		t.Errorf("Sync: got %+v, %v; want 1 claimed", rep, err)
	}
	if svc.sync.LastSync(ctx).IsZero() {
		t.Error("last sync time not kept")
	}
	// the model is unreachable: a notice, not an error
	res, err := svc.ai.Suggest(ctx, "x1", "All fine, said Maureen.", nil)
	if err != nil || !res.Failed || res.Notice == "" {
		t.Errorf("Suggest offline: got %+v, %v; want a failed result with a notice", res, err)
	}

	if err := svc.Save(ctx, ui.Settings{ServerURL: srv.URL, ClearToken: true, ClearAIKey: true}); err != nil {
		t.Fatal(err)
	}
	if svc.sync.Configured() || svc.ai.Enabled() {
		t.Errorf("after clearing: sync %v, ai %v; want both off", svc.sync.Configured(), svc.ai.Enabled())
	}
	if _, err := os.Stat(filepath.Join(dir, tokenFileName)); !os.IsNotExist(err) {
		t.Errorf("token file kept after clearing: %v", err)
	}
	if strings.Contains(logs.String(), mod) || strings.Contains(logs.String(), "sk-test-key") {
		t.Errorf("a secret in the log:\n%s", logs.String())
	}

	// a token file others can read is refused, not used
	if err := os.WriteFile(filepath.Join(dir, tokenFileName), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := svc.apply(got); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("token file mode 0644: got %v, want a chmod 600 hint", err)
	}
}

func newUser(t *testing.T, ss *server.SQLiteStore, name string, role server.Role) string {
	t.Helper()
	tok, err := server.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := ss.AddUser(context.Background(), server.User{Name: name, Role: role}, server.HashToken(tok)); err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestBackgroundSyncStops: the background sync goroutine ends when the
// app context is cancelled.
func TestBackgroundSyncStops(t *testing.T) {
	test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "app.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc, err := newServices(t.TempDir(), store, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	cfg := ui.Config{Store: reviewStore{store}}
	svc.configure(&cfg)
	win := ui.New(ctx, test.NewTempWindow(t, widget.NewLabel("")), cfg)
	var events bytes.Buffer
	done := startBackgroundSync(ctx, win, time.Hour, &events)
	cancel()
	<-done
	if !strings.Contains(events.String(), "EVENT background-sync-stopped") {
		t.Errorf("events: got %q, want background-sync-stopped", events.String())
	}
}

// TestAIAnswersKept: an answer from the model is kept in the local store,
// so the same story is answered after a restart without asking again.
func TestAIAnswersKept(t *testing.T) {
	for _, env := range []string{"STORYDESK_AI_BASE_URL", "STORYDESK_AI_MODEL", "STORYDESK_AI_API_KEY"} {
		t.Setenv(env, "")
	}
	ctx := context.Background()
	url, got := fakeModel(t, http.StatusOK)
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "app.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	dir := t.TempDir()
	body := "The receptionist on the phone sounded like a turnip."
	for run := range 2 { // two app starts on the same settings and store
		svc, err := newServices(dir, store, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		if run == 0 {
			if err := svc.Save(ctx, ui.Settings{AIBaseURL: url + "/v1", AIModel: "fake"}); err != nil {
				t.Fatal(err)
			}
		}
		res, err := svc.ai.Suggest(ctx, "s1", body, nil)
		if err != nil || len(res.Spans) != 1 || body[res.Spans[0].Start:res.Spans[0].End] != "like a turnip" {
			t.Fatalf("run %d: got %+v, %v; want the insult", run, res, err)
		}
	}
	if n := len(got()); n != 1 {
		t.Errorf("model asked %d times, want 1", n)
	}
}
