package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/ai"
	"github.com/storydesk/storydesk/moderation/sqlite"
	storysync "github.com/storydesk/storydesk/moderation/sync"
	"github.com/storydesk/storydesk/ui"
)

// syncInterval is how often the app syncs in the background.
const syncInterval = 5 * time.Minute

// Files in the settings directory (storydesk/ in the user config directory).
const (
	settingsFileName = "settings.json"
	tokenFileName    = "token"  // the queue server token, as for storydesk sync
	aiKeyFileName    = "ai_key" // the AI API key
)

// services holds the app's queue server and AI clients and the settings
// they are built from. It implements ui.SettingsStore; Save rebuilds the
// clients.
type services struct {
	dir   string // settings directory
	store *sqlite.Store
	log   *slog.Logger

	sync *syncService
	ai   *aiService
}

// settingsFile is what settings.json holds; secrets live in their own 0600 files.
type settingsFile struct {
	ServerURL string `json:"server_url,omitempty"`
	AIBaseURL string `json:"ai_base_url,omitempty"`
	AIModel   string `json:"ai_model,omitempty"`
}

// newServices reads the settings in dir ("" for storydesk/ in the user
// config directory) and builds the clients. A bad setting is logged (by
// field, never its value) and left off, so the app still opens.
func newServices(dir string, store *sqlite.Store, log *slog.Logger) (*services, error) {
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return nil, fmt.Errorf("settings directory: %w", err)
		}
		dir = filepath.Join(base, "storydesk")
	}
	s := &services{dir: dir, store: store, log: log, sync: &syncService{store: store, log: log}, ai: &aiService{log: log, cache: stateCache{store}}}
	cur, err := s.Load()
	if err != nil {
		return nil, err
	}
	if err := s.apply(cur); err != nil {
		log.Warn("settings not applied", "code", moderation.ErrorCode(err), "err", err)
	}
	return s, nil
}

// configure puts the services into the window's config.
func (s *services) configure(cfg *ui.Config) {
	cfg.Sync = s.sync
	cfg.Conflicts = conflictSource{s.store}
	cfg.Suggester = s.ai
	cfg.Settings = s
}

var _ ui.SettingsStore = (*services)(nil)

// Load reads settings.json, falling back to STORYDESK_SERVER and the
// STORYDESK_AI_* variables for empty fields. Secrets are not returned.
func (s *services) Load() (ui.Settings, error) {
	var f settingsFile
	b, err := os.ReadFile(filepath.Join(s.dir, settingsFileName))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return ui.Settings{}, fmt.Errorf("settings: %w", err)
	}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &f); err != nil {
			return ui.Settings{}, moderation.Invalidf(settingsFileName, "%s: %v", filepath.Join(s.dir, settingsFileName), err)
		}
	}
	or := func(v, env string) string {
		if v != "" {
			return v
		}
		return strings.TrimSpace(os.Getenv(env))
	}
	token, _ := s.token()
	key, _ := s.aiKey()
	return ui.Settings{
		ServerURL: or(f.ServerURL, "STORYDESK_SERVER"),
		TokenSet:  token != "",
		AIBaseURL: or(f.AIBaseURL, ai.EnvBaseURL),
		AIModel:   or(f.AIModel, ai.EnvModel),
		AIKeySet:  key != "",
		Where: "Kept in " + s.dir + ": the token and the API key each in a file only you can read (mode 0600). " +
			"Empty fields fall back to STORYDESK_SERVER, STORYDESK_TOKEN and STORYDESK_AI_*.",
	}, nil
}

// secret reads a secret file; it must not be readable by others.
func (s *services) secret(name, env string) (string, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return strings.TrimSpace(os.Getenv(env)), nil
	} else if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if fi, err := os.Stat(filepath.Join(s.dir, name)); err == nil && fi.Mode().Perm()&0o077 != 0 {
		return "", moderation.Errorf(moderation.EINVALID, "%s has mode %04o: others can read it; run chmod 600 %s",
			filepath.Join(s.dir, name), fi.Mode().Perm(), filepath.Join(s.dir, name))
	}
	return strings.TrimSpace(string(b)), nil
}

func (s *services) token() (string, error) { return s.secret(tokenFileName, envToken) }
func (s *services) aiKey() (string, error) { return s.secret(aiKeyFileName, ai.EnvAPIKey) }

// Save checks the settings, writes them (secrets in 0600 files) and
// rebuilds the clients. Nothing is written when a field is invalid.
func (s *services) Save(ctx context.Context, in ui.Settings) error {
	in.ServerURL = strings.TrimSpace(in.ServerURL)
	in.AIBaseURL = strings.TrimSpace(in.AIBaseURL)
	in.AIModel = strings.TrimSpace(in.AIModel)
	if in.ServerURL != "" {
		if err := checkServerURL(in.ServerURL, false); err != nil {
			return err
		}
	}
	if c := (ai.Config{BaseURL: in.AIBaseURL, Model: in.AIModel}); c.Enabled() {
		if _, err := ai.New(c, nil); err != nil {
			return err
		}
	} else if (in.AIBaseURL == "") != (in.AIModel == "") {
		return moderation.Invalidf("AI", "give both a base URL and a model, or neither (AI off)")
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	b, err := json.MarshalIndent(settingsFile{ServerURL: in.ServerURL, AIBaseURL: in.AIBaseURL, AIModel: in.AIModel}, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFile0600(filepath.Join(s.dir, settingsFileName), append(b, '\n')); err != nil {
		return err
	}
	for _, sec := range []struct {
		name, value string
		clear       bool
	}{{tokenFileName, strings.TrimSpace(in.Token), in.ClearToken}, {aiKeyFileName, strings.TrimSpace(in.AIKey), in.ClearAIKey}} {
		path := filepath.Join(s.dir, sec.name)
		switch {
		case sec.value != "":
			if err := writeFile0600(path, []byte(sec.value+"\n")); err != nil {
				return err
			}
		case sec.clear:
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("settings: %w", err)
			}
		}
	}
	cur, err := s.Load()
	if err != nil {
		return err
	}
	s.log.Info("settings saved", "server_set", cur.ServerURL != "", "token_set", cur.TokenSet, "ai_set", cur.AIBaseURL != "" && cur.AIModel != "")
	return s.apply(cur)
}

// writeFile0600 replaces path with data, readable by the user only; a
// crash leaves the old file or the new one, never half of it.
func writeFile0600(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// apply rebuilds the sync client and the AI suggester from cur.
func (s *services) apply(cur ui.Settings) error {
	var errs []error
	token, err := s.token()
	if err != nil {
		errs = append(errs, err)
	}
	server := cur.ServerURL
	if server != "" {
		if err := checkServerURL(server, false); err != nil {
			errs = append(errs, err)
			server = ""
		}
	}
	s.sync.set(server, token)

	cfg, err := ai.ConfigFromEnv()
	if err != nil {
		errs = append(errs, err)
	}
	cfg.BaseURL, cfg.Model = cur.AIBaseURL, cur.AIModel
	if key, err := s.aiKey(); err != nil {
		errs = append(errs, err)
	} else {
		cfg.APIKey = key
	}
	if err := s.ai.set(cfg); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// DescribeAI says what would be sent where with these settings.
func (s *services) DescribeAI(in ui.Settings) string {
	return ai.Config{BaseURL: strings.TrimSpace(in.AIBaseURL), Model: strings.TrimSpace(in.AIModel)}.Describe()
}

// syncService adapts storysync.Syncer to ui.Syncer; the window runs one
// sync at a time, and the mutex guards the settings against Save.
type syncService struct {
	store *sqlite.Store
	log   *slog.Logger

	mu            sync.Mutex
	server, token string
}

var _ ui.Syncer = (*syncService)(nil)

func (s *syncService) set(server, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.server, s.token = server, token
}

// Configured reports whether a server URL and a token are set.
func (s *syncService) Configured() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.server != "" && s.token != ""
}

// Sync pushes the outbox, renews the leases and claims new stories.
func (s *syncService) Sync(ctx context.Context, progress func(stage string, done, total int)) (ui.SyncReport, error) {
	s.mu.Lock()
	server, token := s.server, s.token
	s.mu.Unlock()
	var rep ui.SyncReport
	if server == "" || token == "" {
		return rep, moderation.Errorf(moderation.EINVALID, "sync: no queue server set")
	}
	sy := &storysync.Syncer{Client: storysync.NewClient(server, token), Store: s.store, Logger: s.log}
	if progress != nil {
		sy.Progress = func(done, total int) { progress("push", done, total) }
	}
	// Round's steps one by one, to tell the window when the pull starts
	push, err := sy.Push(ctx)
	rep = ui.SyncReport{Accepted: push.Accepted, Duplicate: push.Duplicate, Conflicts: push.Conflict, Refused: push.Failed}
	if err != nil {
		return rep, err
	}
	if _, rep.Lost, err = sy.Renew(ctx); err != nil {
		return rep, err
	}
	if progress != nil {
		progress("pull", 0, -1)
	}
	if rep.Claimed, err = sy.Pull(ctx); err != nil {
		return rep, err
	}
	if err := s.store.SetState(ctx, sqlite.StateLastSync, time.Now().UTC().Format(time.RFC3339)); err != nil {
		s.log.Warn("save last sync time", "code", moderation.ErrorCode(err))
	}
	return rep, nil
}

// LastSync is when the last successful sync from the app ended (zero for never).
func (s *syncService) LastSync(ctx context.Context) time.Time {
	v, err := s.store.State(ctx, sqlite.StateLastSync)
	if err != nil || v == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}
	}
	return t
}

// conflictSource adapts the local store's conflicts, with the server
// state kept in the outbox, to the Conflicts view.
type conflictSource struct{ store *sqlite.Store }

var _ ui.Conflicts = conflictSource{}

// Conflicts lists the unacknowledged conflicts with their server state.
func (c conflictSource) Conflicts(ctx context.Context) ([]ui.Conflict, error) {
	es, err := c.store.Conflicts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ui.Conflict, 0, len(es))
	for _, e := range es {
		d := e.Decision
		uc := ui.Conflict{DecisionID: d.ID, StoryID: d.StoryID, Action: d.Action, Reason: d.Reason, DecidedAt: d.DecidedAt}
		if st, err := storysync.ParseServerState(e.ServerState); err == nil {
			uc.ServerReason, uc.ServerStatus, uc.ServerVersion, uc.LeaseHolder = st.Reason, st.Status, st.Version, st.LeaseHolder
			if st.LeaseExpiresAt != nil {
				uc.LeaseExpiresAt = *st.LeaseExpiresAt
			}
			if ld := st.LatestDecision; ld != nil {
				uc.LatestAction, uc.LatestReason = moderation.Action(ld.Action), moderation.Reason(ld.Reason)
				uc.LatestModerator, uc.LatestAt = ld.Moderator, ld.DecidedAt
			}
		} else if e.ServerState != "" {
			uc.ServerReason = "the server's answer could not be read"
		}
		out = append(out, uc)
	}
	return out, nil
}

// AcknowledgeConflict marks a conflict as read.
func (c conflictSource) AcknowledgeConflict(ctx context.Context, id string) error {
	return c.store.AcknowledgeConflict(ctx, id)
}

// startBackgroundSync syncs once at start and then every interval, on
// the window's own Sync now path (one sync at a time). The returned
// channel is closed when the goroutine has ended.
func startBackgroundSync(ctx context.Context, win *ui.Window, interval time.Duration, events io.Writer) <-chan struct{} {
	done := make(chan struct{})
	go func() { // exits when ctx (the app context) is cancelled at quit
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		fyne.Do(func() { win.SyncNow() })
		for {
			select {
			case <-ctx.Done():
				fmt.Fprintln(events, "EVENT background-sync-stopped")
				return
			case <-t.C:
				fyne.Do(func() { win.SyncNow() })
			}
		}
	}()
	return done
}
