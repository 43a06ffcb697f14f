package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storydesk/storydesk/moderation"
)

func TestOpenRefusesForeignFiles(t *testing.T) {
	ctx := context.Background()
	foreignDB := func(schema string) func(*testing.T, string) {
		return func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(schema); err != nil {
				t.Fatal(err)
			}
		}
	}
	writeBytes := func(b []byte) func(*testing.T, string) {
		return func(t *testing.T, path string) {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	garbage := bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 2048)
	tests := []struct {
		name     string
		make     func(*testing.T, string)
		wantText string
		notDB    bool // ErrNotDatabase in the chain
	}{
		{"text file", writeBytes([]byte("patient notes, not a database\n")), "is not a StoryDesk database: file is not a database", true},
		{"random bytes", writeBytes(garbage), "is not a StoryDesk database: file is not a database", true},
		{"short file", writeBytes([]byte("SQLite")), "is not a StoryDesk database: file is not a database", true},
		{"sqlite header, garbage pages", writeBytes(append([]byte("SQLite format 3\x00"), garbage...)), "is not a StoryDesk database: file is not a database", true},
		{"another app's database", foreignDB(`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x')`),
			"is not a StoryDesk database: it has 1 tables but no StoryDesk schema_migrations", false},
		{"another migration tool's database", foreignDB(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, dirty INTEGER);
			INSERT INTO schema_migrations VALUES (20240101, 0); CREATE TABLE users (id INTEGER)`),
			"is not a StoryDesk database: it has 2 tables but no StoryDesk schema_migrations", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "storydesk.db")
			tt.make(t, path)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			infoBefore, _ := os.Stat(path)
			s, err := Open(ctx, path, Options{})
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded; want an error")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error = %q; want it to name %s and say %q", err, path, tt.wantText)
			}
			if got := moderation.ErrorCode(err); got != moderation.EINVALID {
				t.Errorf("code = %q; want EINVALID", got)
			}
			if got := errors.Is(err, ErrNotDatabase); got != tt.notDB {
				t.Errorf("errors.Is(err, ErrNotDatabase) = %v; want %v", got, tt.notDB)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Errorf("file changed: %d bytes before, %d after", len(before), len(after))
			}
			if infoAfter, _ := os.Stat(path); infoAfter.Mode() != infoBefore.Mode() {
				t.Errorf("mode = %v; want unchanged %v", infoAfter.Mode(), infoBefore.Mode())
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				t.Errorf("%s-wal was created", path)
			}
		})
	}
}

func TestOpenEmptyFileIsNewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "storydesk.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatalf("Open(empty file): %v", err)
	}
	defer s.Close()
	if got := count(t, s, `SELECT count(*) FROM schema_migrations`); got != SchemaVersion() {
		t.Errorf("migrations applied = %d; want %d", got, SchemaVersion())
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v; want 0600 (tightened)", info.Mode().Perm())
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "storydesk.db")
	s, err := Open(ctx, path, Options{Detector: newDetector(), Moderator: "mod-a"})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, story("s1", 3, "Ask for Alice Jones on 07700 900123."), story("s2", 2, "Lovely staff."))
	d := moderation.Decision{ID: "d1", StoryID: "s1", Action: moderation.PublishWithChanges, Reason: moderation.ReasonPersonalDetails}
	st, _ := s.Story(ctx, "s1")
	d.Redactions = moderation.Redactions(st.Spans)
	d.PublishedBody, _ = moderation.Redact(st.Body, st.Spans)
	mustDecide(t, s, d)
	if err := s.SetState(ctx, StateHistoryCursor, "c-42"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	got, err := s.Story(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != moderation.StatusDecided || len(got.Spans) != 2 || !got.SubmittedAt.Equal(t0.Add(-3*60*60*1e9)) {
		t.Errorf("story after reopen: status %s, %d spans, submitted %v; want decided, 2, %v", got.Status, len(got.Spans), got.SubmittedAt, t0.Add(-3*60*60*1e9))
	}
	ds, err := s.Decisions(ctx, "s1")
	if err != nil || len(ds) != 1 {
		t.Fatalf("Decisions = %v, %v; want 1", ds, err)
	}
	if ds[0].PublishedBody != "Ask for [name removed] on [phone number removed]." || len(ds[0].Redactions) != 2 || ds[0].Moderator != "mod-a" {
		t.Errorf("decision after reopen = %+v", ds[0])
	}
	if ob, _ := s.Outbox(ctx, 0); len(ob) != 1 || ob[0].Decision.ID != "d1" {
		t.Errorf("outbox after reopen = %+v; want d1", ob)
	}
	if v, _ := s.State(ctx, StateHistoryCursor); v != "c-42" {
		t.Errorf("state = %q; want c-42", v)
	}
}

func TestMigrateOldVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "storydesk.db")
	s, err := open(ctx, path, Options{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, story("s1", 1, "Good care."))
	mustDecide(t, s, approve("d1", "s1"))
	if got := count(t, s, `SELECT count(*) FROM sqlite_schema WHERE name = 'history_cache'`); got != 0 {
		t.Fatalf("history_cache exists at version 1")
	}
	s.Close()

	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("Open old version: %v", err)
	}
	defer s.Close()
	rows, err := s.db.Query(`SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	var versions []int
	for rows.Next() {
		var v int
		rows.Scan(&v)
		versions = append(versions, v)
	}
	rows.Close()
	if want := []int{1, 2, 3, 4, 5}; !slices.Equal(versions, want) {
		t.Errorf("versions = %v; want %v", versions, want)
	}
	if st, err := s.Story(ctx, "s1"); err != nil || st.Status != moderation.StatusDecided {
		t.Errorf("story after migration = %v, %v; want decided", st, err)
	}
	if ob, err := s.Outbox(ctx, 0); err != nil || len(ob) != 1 || ob[0].Decision.ID != "d1" {
		t.Errorf("outbox after migration = %+v, %v; want d1", ob, err)
	}
	if err := s.CacheHistory(ctx, []moderation.Decision{approve("h1", "s9")}); err != nil {
		t.Errorf("CacheHistory after migration: %v", err)
	}
	s.Close()

	// and once more: nothing is applied twice
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := count(t, s, `SELECT count(*) FROM schema_migrations`); got != SchemaVersion() {
		t.Errorf("schema_migrations rows = %d; want %d", got, SchemaVersion())
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "storydesk.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("Open = %v; want a 'newer schema' error", err)
	}
	wantCode(t, err, moderation.EINVALID)
}

func TestPathWithQueryCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd?dir#1", "my db?.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Path() != path {
		t.Errorf("Path = %q; want %q", s.Path(), path)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not at %s: %v", path, err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv(EnvPath, "/tmp/x/story.db")
	if got, err := DefaultPath(); err != nil || got != "/tmp/x/story.db" {
		t.Errorf("DefaultPath = %q, %v; want /tmp/x/story.db", got, err)
	}
	t.Setenv(EnvPath, "")
	t.Setenv("XDG_CONFIG_HOME", "/home/u/.config")
	if got, err := DefaultPath(); err != nil || got != "/home/u/.config/storydesk/storydesk.db" {
		t.Errorf("DefaultPath = %q, %v; want /home/u/.config/storydesk/storydesk.db", got, err)
	}
}
