package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydesk/storydesk/moderation"
	"github.com/storydesk/storydesk/moderation/history"
	"github.com/storydesk/storydesk/moderation/sqlite"
)

// exportFixture builds a real database: two local stories with decisions
// (one overridden by a supervisor) and one cached server decision on a
// story not stored locally.
func exportFixture(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "app.db")
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	err = st.AddStories(ctx, []moderation.Story{
		{ID: "s1", Title: "Kind nurse on Ward 3", Body: "Nurse Kelly was kind.", Service: "Riverside Hospital",
			Spans: []moderation.Span{{Start: 6, End: 11, Kind: moderation.Person, Source: moderation.SourceRule, Confidence: 0.9, Redact: true}}},
		{ID: "s2", Title: "Long wait", Body: "Four hours in the waiting room.", Service: "Hill Surgery"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []moderation.Decision{
		{ID: "d1", StoryID: "s1", Action: moderation.PublishWithChanges, Reason: moderation.ReasonPersonalDetails, Moderator: "amira",
			DecidedAt: t0, Redactions: []moderation.Redaction{{Start: 6, End: 11, Kind: moderation.Person, Replacement: "[name removed]"}},
			PublishedBody: "Nurse [name removed] was kind."},
		{ID: "d2", StoryID: "s2", Action: moderation.Publish, Moderator: "ben", DecidedAt: t0.Add(time.Hour)},
		{ID: "d3", StoryID: "s2", Action: moderation.Reject, Reason: moderation.ReasonNotSpecificCare, Moderator: "sam",
			Note: "=not about care", DecidedAt: t0.Add(48 * time.Hour), Supersedes: "d2"},
	} {
		if err := st.Decide(ctx, d); err != nil {
			t.Fatalf("Decide %s: %v", d.ID, err)
		}
	}
	if err := st.CacheHistory(ctx, []moderation.Decision{
		{ID: "d0", StoryID: "remote", Action: moderation.Hold, Reason: moderation.ReasonSeriousAllegation, Note: "check",
			Moderator: "cara", DecidedAt: t0.Add(-24 * time.Hour), PublishedTitle: "A remote story"},
		{ID: "d1", StoryID: "s1", Action: moderation.PublishWithChanges, Reason: moderation.ReasonPersonalDetails, Moderator: "amira", DecidedAt: t0},
	}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportHistory(t *testing.T) {
	path := exportFixture(t)
	tests := []struct {
		name string
		args []string
		ids  []string // decision ids, in output order
	}{
		{"all, newest first, deduplicated", nil, []string{"d3", "d2", "d1", "d0"}},
		{"moderator", []string{"--moderator", "amira"}, []string{"d1"}},
		{"action", []string{"--action", "reject"}, []string{"d3"}},
		{"kind", []string{"--kind", "person"}, []string{"d1"}},
		{"date range", []string{"--since", "2026-11-02", "--until", "2026-11-03"}, []string{"d2", "d1"}},
		{"service", []string{"--service", "surgery"}, []string{"d3", "d2"}},
		{"title text, remote story", []string{"--text", "remote"}, []string{"d0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			args := append([]string{"--db", path}, tt.args...)
			if err := runExportHistory(context.Background(), args, &out, &errb); err != nil {
				t.Fatalf("runExportHistory(%q): %v; stderr %s", args, err, errb.String())
			}
			rows, err := csv.NewReader(&out).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows[1:] {
				got = append(got, r[0])
			}
			if !slices.Equal(got, tt.ids) {
				t.Errorf("ids = %v; want %v", got, tt.ids)
			}
			if rows[0][0] != "decision_id" {
				t.Errorf("header = %v", rows[0])
			}
		})
	}
}

func TestExportHistoryFileAndFigures(t *testing.T) {
	path := exportFixture(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "out.csv")
	var out, errb bytes.Buffer
	if err := runExportHistory(context.Background(), []string{"--db", path, target}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "d3,s2,2026-11-04T09:00:00Z,sam,reject,not_specific_care,d2,Long wait,Hill Surgery,0,,0,0,,'=not about care") {
		t.Errorf("file = %s; want the override row with a defused note", b)
	}
	if strings.Contains(string(b), "Nurse Kelly") {
		t.Error("export holds story text")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files in the output directory = %d; want only out.csv", len(entries))
	}
	out.Reset()
	if err := runExportHistory(context.Background(), []string{"--db", path, "--figures", "--moderator", "amira"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	want := "moderator,week,decided,publish,publish_with_changes,reject,escalate,hold,median_seconds,flags_shown,flags_accepted,flags_dismissed\n" +
		"amira,2026-11-02,1,0.000,1.000,0.000,0.000,0.000,0,1,1,0\n"
	if out.String() != want {
		t.Errorf("figures = %q; want %q", out.String(), want)
	}
}

func TestExportHistoryErrors(t *testing.T) {
	path := exportFixture(t)
	tests := []struct {
		name  string
		args  []string
		field string
	}{
		{"bad date", []string{"--db", path, "--since", "02/11/2026"}, "since"},
		{"bad kind", []string{"--db", path, "--kind", "NAME"}, "kind"},
		{"bad action", []string{"--db", path, "--action", "approve"}, "action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := runExportHistory(context.Background(), tt.args, &bytes.Buffer{}, &bytes.Buffer{})
			if moderation.ErrorField(err) != tt.field {
				t.Errorf("err = %v; want an EINVALID error naming %s", err, tt.field)
			}
		})
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	err := runExportHistory(context.Background(), []string{"--db", missing}, &bytes.Buffer{}, &bytes.Buffer{})
	if moderation.ErrorCode(err) != moderation.ENOTFOUND {
		t.Errorf("missing db: err = %v; want ENOTFOUND", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("export created a database file")
	}
	if err := runExportHistory(context.Background(), []string{"--db", path, "a.csv", "b.csv"}, &bytes.Buffer{}, &bytes.Buffer{}); err != errUsage {
		t.Errorf("two files: err = %v; want errUsage", err)
	}
}

// BenchmarkLoadHistory loads 2,000 decisions on 2,000 local stories (one
// Story query per story) and filters them, as the supervisor screen does.
func BenchmarkLoadHistory(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	const n = 2000
	stories := make([]moderation.Story, n)
	for i := range stories {
		stories[i] = moderation.Story{ID: moderation.StoryID(fmt.Sprintf("s%04d", i)), Title: fmt.Sprintf("Story %d", i),
			Body: "Nurse Kelly was kind to me on the ward.", Service: "Riverside Hospital",
			Spans: []moderation.Span{{Start: 6, End: 11, Kind: moderation.Person, Source: moderation.SourceRule, Redact: true}}}
	}
	if err := st.AddStories(ctx, stories); err != nil {
		b.Fatal(err)
	}
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for i := range stories {
		d := moderation.Decision{ID: fmt.Sprintf("d%04d", i), StoryID: stories[i].ID, Action: moderation.Publish,
			Moderator: []string{"amira", "ben", "cara"}[i%3], DecidedAt: t0.Add(time.Duration(i) * time.Minute)}
		if err := st.Decide(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		es, err := loadHistory(ctx, st, sqlite.HistoryFilter{})
		if err != nil || len(es) != n {
			b.Fatalf("loaded %d (err %v); want %d", len(es), err, n)
		}
		if got := len(history.Apply(es, history.Filter{Moderator: "ben", Kind: moderation.Person})); got != (n+1)/3 {
			b.Fatalf("filtered %d; want %d", got, (n+1)/3)
		}
	}
}
